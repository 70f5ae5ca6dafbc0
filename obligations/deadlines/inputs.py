"""Reading dates and times that people type ("2026-01-15", "2026-03-28T10:00"), with a
message that says what is wrong when the day does not exist."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from obligations.deadlines.errors import DeadlineInputError

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = (
    "",
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_FORMAT_HINT = "write it as YYYY-MM-DD, for example 2026-01-15 (or 2026-03-28T10:00 with a time)"


def parse_day(text: str, *, what: str = "date") -> date:
    """An ISO 8601 calendar date; DeadlineInputError naming the problem otherwise."""
    cleaned = text.strip()
    match = _DATE.match(cleaned)
    if not match:
        raise DeadlineInputError(f"The {what} '{text}' is not a date: {_FORMAT_HINT}.")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise DeadlineInputError(f"The {what} {cleaned} is not a date: there is no year 0.")
    if not 1 <= month <= 12:
        raise DeadlineInputError(f"The {what} {cleaned} is not a date: there is no month {month}.")
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        raise DeadlineInputError(
            f"The {what} {cleaned} does not exist: {_MONTHS[month]} {year} has {length} days."
        )
    return date(year, month, day)


def parse_day_or_time(text: str, *, what: str = "date") -> date | datetime:
    """A date ("2026-01-15") or a date and time ("2026-03-28T10:00", "...+01:00")."""
    cleaned = text.strip()
    if "T" not in cleaned.upper() and " " not in cleaned:
        return parse_day(cleaned, what=what)
    day_part = re.split(r"[Tt ]", cleaned, maxsplit=1)[0]
    parse_day(day_part, what=what)  # names a day that does not exist
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise DeadlineInputError(
            f"The {what} '{text}' has no valid time of day: {_FORMAT_HINT}."
        ) from None
