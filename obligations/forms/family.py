"""Forms of a contract's family: adding a further document (what it is, when it takes effect)
and confirming the term facts it sets. The rules live in obligations.services.family."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from obligations.forms.review import UNIT_CHOICES, ExistingDateField
from obligations.forms.upload import UploadForm
from obligations.models import ContractDocument
from obligations.models.choices import DocumentKind

FAMILY_KIND_CHOICES = [
    ("", "Choose what the document is…"),
    *[(value, label) for value, label in DocumentKind.choices if value != DocumentKind.ORIGINAL],
]
RENEWS_CHOICES = [("", "Not changed by this document"), ("yes", "Yes"), ("no", "No")]
_KIND_REQUIRED = "Say what the document is: an amendment, an order form, a notice…"
_EFFECTIVE_REQUIRED = (
    "Give the day this document takes effect (for example 2027-03-01): its changes apply from "
    "that day."
)


class FamilyFieldsMixin(forms.Form):
    kind = forms.ChoiceField(
        choices=FAMILY_KIND_CHOICES,
        label="What is it?",
        error_messages={"required": _KIND_REQUIRED, "invalid_choice": _KIND_REQUIRED},
    )
    label = forms.CharField(
        max_length=120,
        required=False,
        label="Its name",
        help_text="As the document calls itself, for example “Amendment No. 2”.",
    )
    effective_on = ExistingDateField(
        label="Takes effect on", error_messages={"required": _EFFECTIVE_REQUIRED}
    )


class FamilyUploadForm(UploadForm, FamilyFieldsMixin):
    """A further document of an existing contract: the file or text, and its place in the
    family."""


def _period_fields(prefix: str, label: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}_amount": forms.IntegerField(
            required=False,
            min_value=1,
            label=label,
            error_messages={
                "invalid": "Write the number as a whole number of units, for example 60.",
                "min_value": f"The {label.lower()} must be at least 1.",
            },
        ),
        f"{prefix}_unit": forms.ChoiceField(
            choices=UNIT_CHOICES, required=False, label=f"{label} unit"
        ),
    }


class DocumentChangesForm(FamilyFieldsMixin):
    """What the document sets, pre-filled with what Clausewatch read in it; an empty value
    means the document does not change that fact."""

    start_date = ExistingDateField(
        required=False,
        label="Its own start date",
        help_text="Only for an order form whose term does not start on its effective date.",
    )
    auto_renews = forms.ChoiceField(
        choices=RENEWS_CHOICES, required=False, label="Renews automatically"
    )
    PERIODS = (
        ("initial_term", "Initial term"),
        ("renewal_term", "Renewal term"),
        ("notice_period", "Notice period"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix, label in self.PERIODS:
            self.fields.update(_period_fields(prefix, label))

    @classmethod
    def for_document(cls, document: ContractDocument, data: Any = None) -> DocumentChangesForm:
        changes = document.changes or {}
        initial: dict[str, Any] = {
            "kind": document.kind,
            "label": document.label,
            "effective_on": document.effective_on,
            "start_date": changes.get("start_date") or None,
            "auto_renews": {True: "yes", False: "no"}.get(changes.get("auto_renews"), ""),
        }
        for prefix, _ in cls.PERIODS:
            amount, unit = changes.get(prefix) or (None, "")
            initial[f"{prefix}_amount"], initial[f"{prefix}_unit"] = amount, unit
        return cls(data, initial=initial, prefix="changes")

    def period_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{prefix}_amount"], self[f"{prefix}_unit"]) for prefix, _ in self.PERIODS]

    def service_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["auto_renews"] = {"yes": True, "no": False}.get(values.get("auto_renews", ""))
        start = values.get("start_date")
        values["start_date"] = start if isinstance(start, dt.date) else None
        return values

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)
