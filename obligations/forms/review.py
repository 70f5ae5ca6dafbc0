"""Forms of the review page: correcting an obligation, and confirming the contract's facts.

The rules live in obligations.services.review; these forms parse what the browser sends and put
each of the service's messages beside the field it belongs to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from obligations.models import Contract, Obligation
from obligations.models.choices import Party, Recurrence, Relation, ReviewStatus, Unit
from obligations.services.review import CORRECTABLE_FIELDS, contract_facts_clean
from obligations.vocabulary.anchors import anchor_choices

UNIT_CHOICES = [("", "—"), *Unit.choices]
BLANK = [("", "—")]


def _unit_messages() -> dict[str, str]:
    return {
        "invalid_choice": "“%(value)s” is not a unit Clausewatch counts in; choose one from the list."
    }


def _amount_messages() -> dict[str, str]:
    return {"invalid": "Write the number as a whole number of units, for example 30."}


class ExistingDateField(forms.DateField):
    """A date field whose message says which value is wrong (2026-02-30 is not a day)."""

    input_type = "date"

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                f"“{value}” is not a date that exists: write it as YYYY-MM-DD, for example "
                "2026-04-01.",
                code="invalid",
            ) from None


class ObligationCorrectForm(forms.Form):
    party = forms.ChoiceField(choices=Party.choices, label="Who owes it")
    period_amount = forms.IntegerField(
        required=False, label="Period", error_messages=_amount_messages()
    )
    period_unit = forms.ChoiceField(
        choices=UNIT_CHOICES, required=False, label="Unit", error_messages=_unit_messages()
    )
    relation = forms.ChoiceField(choices=BLANK + Relation.choices, required=False)
    anchor = forms.ChoiceField(
        choices=[("", "Nothing: no period"), *anchor_choices()],
        required=False,
        label="What it counts from",
    )
    recurrence = forms.ChoiceField(
        choices=[("", "Does not recur"), *Recurrence.choices], required=False
    )
    summary = forms.CharField(max_length=300, label="Summary")

    @classmethod
    def for_obligation(cls, obligation: Obligation, data: Any = None) -> ObligationCorrectForm:
        initial = {name: getattr(obligation, name) for name in CORRECTABLE_FIELDS}
        return cls(data=data, initial=initial, prefix=f"ob{obligation.pk}")

    def add_service_errors(self, error: ValidationError) -> None:
        self.add_error(None, error)


class ContractFactsForm(forms.Form):
    start_date = ExistingDateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    initial_term_amount = forms.IntegerField(
        required=False, label="Initial term", error_messages=_amount_messages()
    )
    initial_term_unit = forms.ChoiceField(
        choices=UNIT_CHOICES, required=False, error_messages=_unit_messages()
    )
    renewal_term_amount = forms.IntegerField(
        required=False, label="Renewal term", error_messages=_amount_messages()
    )
    renewal_term_unit = forms.ChoiceField(
        choices=UNIT_CHOICES, required=False, error_messages=_unit_messages()
    )
    auto_renews = forms.TypedChoiceField(
        choices=[("", "Not stated"), ("yes", "Renews automatically"), ("no", "Does not renew")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        label="Auto-renewal",
    )
    notice_period_amount = forms.IntegerField(
        required=False, label="Notice period", error_messages=_amount_messages()
    )
    notice_period_unit = forms.ChoiceField(
        choices=UNIT_CHOICES, required=False, error_messages=_unit_messages()
    )
    governing_law = forms.CharField(
        required=False,
        max_length=10,
        help_text="A country code such as DE, CH or GB, or a US state such as US-NY.",
    )
    holiday_calendars = forms.CharField(
        required=False,
        max_length=200,
        help_text="Comma-separated: DE, DE-BE, CH-ZH, US-NY, TARGET.",
    )
    place_of_performance = forms.CharField(
        required=False,
        max_length=16,
        label="Place of performance",
        help_text="Country and state or canton, such as DE-BY, CH-BE or US-NY: its public "
        "holidays move deadlines.",
    )
    time_zone = forms.CharField(max_length=64, help_text="An IANA name such as Europe/Berlin.")

    PERIODS = ("initial_term", "renewal_term", "notice_period")

    @classmethod
    def for_contract(cls, contract: Contract, data: Any = None) -> ContractFactsForm:
        initial: dict[str, Any] = {
            "start_date": contract.start_date,
            "auto_renews": {True: "yes", False: "no"}.get(contract.auto_renews, ""),  # type: ignore[call-overload]
            "governing_law": contract.governing_law,
            "holiday_calendars": ", ".join(contract.holiday_calendars or []),
            "time_zone": contract.time_zone,
            "place_of_performance": contract.place_of_performance,
        }
        for period in cls.PERIODS:
            initial[f"{period}_amount"] = getattr(contract, f"{period}_amount")
            initial[f"{period}_unit"] = getattr(contract, f"{period}_unit")
        return cls(data=data, initial=initial)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        calendars = [c for c in cleaned.get("holiday_calendars", "").replace(";", ",").split(",")]
        facts = {**cleaned, "holiday_calendars": [c.strip() for c in calendars if c.strip()]}
        try:
            return contract_facts_clean(facts)
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned

    @property
    def period_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{p}_amount"], self[f"{p}_unit"]) for p in self.PERIODS]


CONFIDENCE_CHOICES = [("", "Any confidence"), ("low", "Below 70%"), ("high", "70% or more")]
PERIOD_CHOICES = [("", "With or without"), ("yes", "Has a period"), ("no", "No period")]
LOW_CONFIDENCE = 0.7


class ObligationFilterForm(forms.Form):
    """The review page's filters: narrow the obligations to review a like group at once."""

    kind = forms.ChoiceField(label="Kind", required=False)
    party = forms.ChoiceField(
        label="Who owes it", required=False, choices=[("", "Anyone"), *Party.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ReviewStatus.choices]
    )
    confidence = forms.ChoiceField(label="Confidence", required=False, choices=CONFIDENCE_CHOICES)
    period = forms.ChoiceField(label="Period", required=False, choices=PERIOD_CHOICES)

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", "Any kind"),
            *[(kind, kind.replace("_", " ").capitalize()) for kind in kinds],
        ]

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())

    def apply(self, obligations: Any) -> Any:
        if not self.is_valid():
            return obligations
        data = self.cleaned_data
        if data["kind"]:
            obligations = obligations.filter(kind=data["kind"])
        if data["party"]:
            obligations = obligations.filter(party=data["party"])
        if data["status"]:
            obligations = obligations.filter(review_status=data["status"])
        if data["confidence"] == "low":
            obligations = obligations.filter(confidence__lt=LOW_CONFIDENCE)
        elif data["confidence"] == "high":
            obligations = obligations.filter(confidence__gte=LOW_CONFIDENCE)
        if data["period"] == "yes":
            obligations = obligations.filter(period_amount__isnull=False)
        elif data["period"] == "no":
            obligations = obligations.filter(period_amount__isnull=True)
        return obligations
