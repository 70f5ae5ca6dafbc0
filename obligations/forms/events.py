"""The form for logging an event on a contract."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone

from obligations.models import Event, OwnEventKind
from obligations.vocabulary.anchors import EVENT_KINDS, event_kind_choices

OWN_PREFIX = "own:"
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
# An event more than this far from today is almost always a mistyped year.
MAX_YEARS_AWAY = 10


class ExistingDateField(forms.DateField):
    """A date in YYYY-MM-DD whose error says what is wrong: 2026-02-30 is a date that does not
    exist, not an "invalid format"."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {
        "invalid": "Enter the date as YYYY-MM-DD, for example 2026-03-31.",
        "required": "Enter the date on which it happened.",
    }

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and (match := _ISO_DATE.match(value)):
            year, month, day = (int(part) for part in match.groups())
            if not 1 <= month <= 12:
                raise forms.ValidationError(
                    f"{value.strip()} does not exist: the month must be 01 to 12.",
                    code="invalid_date",
                )
            if year >= 1:
                last_day = calendar.monthrange(year, month)[1]
                if not 1 <= day <= last_day:
                    month_name = dt.date(year, month, 1).strftime("%B %Y")
                    raise forms.ValidationError(
                        f"{value.strip()} does not exist: {month_name} has {last_day} days. "
                        "Check the day and the month.",
                        code="invalid_date",
                    )
        return super().to_python(value)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="What happened", choices=event_kind_choices())
    occurred_on = ExistingDateField(label="On", help_text="The day it happened or was received.")
    effective_on = ExistingDateField(
        label="Takes effect on",
        required=False,
        help_text=(
            "For a change, a termination or a trial: the day it takes effect. Deadlines "
            "“before the change takes effect” count back from this day."
        ),
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=Event._meta.get_field("note").max_length,
        help_text="Optional: an invoice number, who sent the notice…",
    )

    def __init__(
        self,
        *args: Any,
        today: dt.date | None = None,
        own_kinds: Sequence[OwnEventKind] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.own_kinds = {f"{OWN_PREFIX}{kind.pk}": kind for kind in own_kinds}
        if self.own_kinds:
            kind_field = self.fields["kind"]
            assert isinstance(kind_field, forms.ChoiceField)
            kind_field.choices = [
                ("Built-in kinds", event_kind_choices()),
                (
                    "Your organisation's kinds",
                    [
                        (value, f"{kind.label} (counts as {kind.counts_as_label})")
                        for value, kind in self.own_kinds.items()
                    ],
                ),
            ]

    def clean_kind(self) -> str:
        """The vocabulary's kind; one of the organisation's own kinds is kept in `own_kind`
        and counts as the kind it names."""
        value: str = self.cleaned_data["kind"]
        own = self.own_kinds.get(value)
        self.cleaned_data["own_kind"] = own
        return own.counts_as if own is not None else value

    def clean_occurred_on(self) -> dt.date:
        occurred_on: dt.date = self.cleaned_data["occurred_on"]
        if abs(occurred_on.year - self.today.year) > MAX_YEARS_AWAY:
            raise forms.ValidationError(
                f"{occurred_on.isoformat()} is more than {MAX_YEARS_AWAY} years from today. "
                "Check the year."
            )
        return occurred_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        occurred_on, effective_on = cleaned.get("occurred_on"), cleaned.get("effective_on")
        kind = cleaned.get("kind")
        if effective_on is not None and kind not in KINDS_WITH_EFFECTIVE_DATE:
            self.add_error(
                "effective_on",
                "This kind of event has no separate day on which it takes effect; leave it empty.",
            )
        elif effective_on is not None and occurred_on and effective_on < occurred_on:
            self.add_error(
                "effective_on",
                f"It cannot take effect before it happened ({occurred_on:%d %b %Y}).",
            )
        return cleaned


KINDS_WITH_EFFECTIVE_DATE = {kind.code for kind in EVENT_KINDS if kind.has_effective_date}


class OwnEventKindForm(forms.Form):
    label = forms.CharField(
        label="Name",
        max_length=OwnEventKind._meta.get_field("label").max_length,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Go-live", "autocomplete": "off"}),
        error_messages={"required": "Give the kind of event a name, for example “Go-live”."},
    )
    counts_as = forms.ChoiceField(
        label="Counts as",
        choices=[("", "Choose a built-in kind…"), *event_kind_choices()],
        help_text="Logged, it dates the obligations that count from this built-in kind.",
        error_messages={"required": "Choose which built-in kind it counts as."},
    )


class OwnEventKindRenameForm(forms.Form):
    label = forms.CharField(
        label="New name",
        max_length=OwnEventKind._meta.get_field("label").max_length,
        error_messages={"required": "Give the kind of event a name."},
    )
