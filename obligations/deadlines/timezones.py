"""Instants in the contract's time zone: a deadline day ends at 24:00 local time, and periods
in hours count elapsed time, so they come out right across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from obligations.deadlines.arithmetic import add_days
from obligations.deadlines.errors import DeadlineInputError


@lru_cache(maxsize=128)
def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`; DeadlineInputError when there is no such zone."""
    cleaned = name.strip()
    try:
        if not cleaned or cleaned.startswith(("/", ".")) or ".." in cleaned:
            raise ValueError(cleaned)
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise DeadlineInputError(
            f"Unknown time zone '{name}': use an IANA name such as Europe/Berlin, "
            "Europe/Zurich or America/New_York."
        ) from None


def _wall(day: date, at: time, tz: ZoneInfo) -> datetime:
    # A wall time that a clock change skips is read with the offset before the change, which
    # is the instant the change happens; astimezone() then shows the offset in force.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    return _wall(day, time(0), tz)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """24:00 on `day` in `tz`, written as 00:00 of the next day with that day's offset."""
    return _wall(add_days(day, 1), time(0), tz)


def localize(moment: datetime, tz: ZoneInfo) -> datetime:
    """Read a naive wall time in `tz` (or convert an aware one to `tz`).

    A wall time that occurs twice when the clocks go back is read as the first (earlier)
    occurrence; one that the clocks skip is refused, because it never happened."""
    if moment.tzinfo is not None:
        return moment.astimezone(tz)
    local = moment.replace(tzinfo=tz, fold=0)
    round_trip = local.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != moment:
        raise DeadlineInputError(
            f"{moment.isoformat(timespec='minutes')} does not exist in {tz.key}: the clocks "
            "skip that hour; give a time before or after it."
        )
    return local


def add_hours(instant: datetime, hours: int) -> datetime:
    """Elapsed hours: Berlin 2026-03-28 10:00 + 24 hours = 2026-03-29 11:00+02:00."""
    tz = instant.tzinfo
    try:
        moved = instant.astimezone(UTC) + timedelta(hours=hours)
    except OverflowError:
        raise DeadlineInputError("The time would fall outside the years 1 to 9999.") from None
    return moved.astimezone(tz)
