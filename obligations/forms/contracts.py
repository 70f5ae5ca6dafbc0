"""Filter forms for the contract list and for deadline lists (dashboard, calendar, CSV export).

Each form is built for one organisation, so that its choices only offer that organisation's
contracts, counterparties and laws, and `apply` narrows a queryset the access helpers gave.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Q, QuerySet

from obligations.forms.widgets import LongSelect
from obligations.models import Contract, Deadline, Organisation
from obligations.models.choices import ContractStatus, DeadlineStatus

MAX_RENEWAL_DAYS = 3660


def renewal_deadline_q() -> Q:
    """Deadlines that decide whether a contract renews: the notice that stops a renewal, counted
    back from a term's end. The recomputation gives every deadline it counts from the term
    schedule the occurrence "term:<end>", and that is what the partial indexes select."""
    return Q(occurrence__startswith="term:")


def _distinct_values(queryset: QuerySet[Contract], field: str) -> list[str]:
    return list(
        queryset.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
    )


class ContractFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Title or counterparty", "autocomplete": "off"}
        ),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ContractStatus.choices]
    )
    counterparty = forms.ChoiceField(label="Counterparty", required=False, widget=LongSelect)
    law = forms.ChoiceField(label="Governing law", required=False, widget=LongSelect)
    renewal_within = forms.IntegerField(
        label="Renewal within (days)",
        required=False,
        min_value=1,
        max_value=MAX_RENEWAL_DAYS,
        widget=forms.NumberInput(attrs={"placeholder": "e.g. 90", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter a whole number of days, for example 90.",
            "min_value": "Enter at least 1 day.",
            "max_value": f"Enter at most {MAX_RENEWAL_DAYS} days (about ten years).",
        },
    )

    archived = forms.ChoiceField(
        label="Archived",
        required=False,
        choices=[("", "Not archived"), ("include", "Include archived"), ("only", "Only archived")],
    )

    def __init__(self, *args: Any, contracts: QuerySet[Contract], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unknown = "No contract has the {field} “%(value)s”. Pick one from the list."
        counterparty = self.fields["counterparty"]
        assert isinstance(counterparty, forms.ChoiceField)
        counterparty.choices = [("", "Any counterparty")] + [
            (value, value) for value in _distinct_values(contracts, "counterparty")
        ]
        counterparty.error_messages["invalid_choice"] = unknown.format(field="counterparty")
        law = self.fields["law"]
        assert isinstance(law, forms.ChoiceField)
        law.choices = [("", "Any law")] + [
            (value, value) for value in _distinct_values(contracts, "governing_law")
        ]
        law.error_messages["invalid_choice"] = unknown.format(field="governing law")

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def apply(self, contracts: QuerySet[Contract], *, today: dt.date) -> QuerySet[Contract]:
        """Narrow by every filter that is valid; an invalid one is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if query := (data.get("q") or "").strip():
            contracts = contracts.filter(
                Q(title__icontains=query) | Q(counterparty__icontains=query)
            )
        if status := data.get("status"):
            contracts = contracts.filter(status=status)
        archived = data.get("archived", "")
        if archived == "only":
            contracts = contracts.filter(archived_at__isnull=False)
        elif archived != "include":
            contracts = contracts.filter(archived_at__isnull=True)
        if counterparty := data.get("counterparty"):
            contracts = contracts.filter(counterparty=counterparty)
        if law := data.get("law"):
            contracts = contracts.filter(governing_law=law)
        if days := data.get("renewal_within"):
            # From the renewal deadlines of the window (a partial index) to their contracts.
            contracts = contracts.filter(
                pk__in=Deadline.objects.filter(
                    renewal_deadline_q(),
                    organisation_id=OuterRef("organisation_id"),
                    status=DeadlineStatus.OPEN,
                    act_by__gte=today,
                    act_by__lte=today + dt.timedelta(days=days),
                ).values("contract_id")
            )
        return contracts


def _iso_date_field(*, label: str, which: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": f"Enter the {which} day as YYYY-MM-DD."},
    )


def responsible_q(user: AbstractBaseUser) -> Q:
    """Deadlines the user answers for: assigned to them, or to nobody on an obligation assigned
    to them, or to nobody at all on a contract they own (the order reminders follow), as stored
    on each deadline."""
    return Q(responsible=user)


MAX_TITLE_MATCHES = 500  # contracts a title filter narrows to; more means a vaguer title


class DeadlineFilterForm(forms.Form):
    """The filters the dashboard, the calendar and the CSV export share."""

    who = forms.ChoiceField(
        label="Whose",
        required=False,
        choices=[("", "Everyone's"), ("mine", "Mine")],
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *DeadlineStatus.choices]
    )
    # One contract, by id (links from a contract's pages carry it), or contracts by title: a
    # menu of every contract would be thousands of options long.
    contract = forms.ModelChoiceField(
        label="Contract",
        required=False,
        queryset=Contract.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That contract does not exist. Clear the filter."},
    )
    contract_title = forms.CharField(
        label="Contract title",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. hosting"}),
    )
    start = _iso_date_field(label="From", which="first")
    end = _iso_date_field(label="To", which="last")
    overdue = forms.BooleanField(
        label="Also open deadlines before the first day (overdue)", required=False
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        user: AbstractBaseUser | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        contract = self.fields["contract"]
        assert isinstance(contract, forms.ModelChoiceField)
        contract.queryset = Contract.objects.filter(organisation=organisation).only("pk", "title")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day is before the first day.")
        return data

    def apply(self, deadlines: QuerySet[Deadline]) -> QuerySet[Deadline]:
        """Narrow by every valid filter. With `overdue`, open deadlines before `start` stay in."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("who") == "mine" and self.user is not None:
            deadlines = deadlines.filter(responsible_q(self.user))
        if status := data.get("status"):
            deadlines = deadlines.filter(status=status)
        if contract := data.get("contract"):
            deadlines = deadlines.filter(contract=contract)
        if title := (data.get("contract_title") or "").strip():
            matching = self.fields["contract"].queryset.filter(  # type: ignore[attr-defined]
                title__icontains=title
            )
            deadlines = deadlines.filter(
                contract_id__in=list(matching.values_list("pk", flat=True)[:MAX_TITLE_MATCHES])
            )
        if end := data.get("end"):
            deadlines = deadlines.filter(act_by__lte=end)
        if start := data.get("start"):
            in_range = Q(act_by__gte=start)
            if data.get("overdue"):
                in_range |= Q(act_by__lt=start, status=DeadlineStatus.OPEN)
            deadlines = deadlines.filter(in_range)
        return deadlines
