"""The form for logging an event on a contract."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from obligations.models import Event
from obligations.models.choices import EventKind

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
    kind = forms.ChoiceField(label="What happened", choices=EventKind.choices)
    occurred_on = ExistingDateField(
        label="On", help_text="The day it happened, or the day a termination takes effect."
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=Event._meta.get_field("note").max_length,
        help_text="Optional: an invoice number, who sent the notice…",
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_occurred_on(self) -> dt.date:
        occurred_on: dt.date = self.cleaned_data["occurred_on"]
        if abs(occurred_on.year - self.today.year) > MAX_YEARS_AWAY:
            raise forms.ValidationError(
                f"{occurred_on.isoformat()} is more than {MAX_YEARS_AWAY} years from today. "
                "Check the year."
            )
        return occurred_on
