"""Calendar arithmetic the rule book relies on: months with month-end clamping, the
backward "N to the end of E" rule, terms, and business-day counting over a holiday calendar.

Everything here is plain date math with no explanations; engine.py explains the steps.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from obligations.deadlines.calendars import HolidayCalendar
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.periods import Period, Unit


def _out_of_range() -> DeadlineInputError:
    return DeadlineInputError("The date would fall outside the years 1 to 9999; check the dates.")


def add_days(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise _out_of_range() from None


def days_in_month(year: int, month: int) -> int:
    return _calendar.monthrange(year, month)[1]


def last_day_of_month(day: date) -> date:
    return day.replace(day=days_in_month(day.year, day.month))


def is_month_end(day: date) -> bool:
    return day.day == days_in_month(day.year, day.month)


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise _out_of_range()
    return year, month0 + 1


def add_months(day: date, months: int) -> date:
    """Same day number `months` later (or earlier); a day the month lacks becomes its last day.

    2025-01-31 + 1 = 2025-02-28; 2025-02-28 + 1 = 2025-03-28; 2024-02-29 + 12 = 2025-02-28."""
    year, month = _shift_month(day, months)
    return date(year, month, min(day.day, days_in_month(year, month)))


def month_exists_day(day: date, months: int) -> bool:
    """Whether the day corresponding to `day`, `months` later, exists (no clamping needed)."""
    year, month = _shift_month(day, months)
    return day.day <= days_in_month(year, month)


def forward(event: date, period: Period) -> date:
    """The day a calendar period that starts after `event` ends (the event day not counted).

    Days, weeks and half-months add days; months, quarters, half-years and years end on the
    day with the same number, or the month's last day (BGB §188(2),(3); OR Art. 77)."""
    if period.days is not None:
        return add_days(event, period.days)
    if period.months is not None:
        return add_months(event, period.months)
    raise ValueError(f"forward() counts calendar units only, not {period.unit}")


def until(end: date, period: Period) -> date:
    """The latest day D on which a period still fits before `end` is over, i.e. the largest D
    with forward(D, period) <= end ("notice of N to the end of E").

    For months: if E is the last day of its month, D is the last day of the month N months
    earlier (3 months to 2025-06-30 = 2025-03-31); otherwise the same day number, clamped."""
    if period.days is not None:
        return add_days(end, -period.days)
    if period.months is not None:
        if is_month_end(end):
            return last_day_of_month(add_months(end.replace(day=1), -period.months))
        return add_months(end, -period.months)
    raise ValueError(f"until() counts calendar units only, not {period.unit}")


def term_end(start: date, period: Period) -> date:
    """Last day of a term that begins at the start of `start` (the start day counted).

    It ends on the day before the day that corresponds to `start`, `period` later; if that
    day does not exist, on the last day of that month (BGB §187(2), §188(2),(3)).
    2025-04-01 + 12 months ends 2026-03-31; 2025-01-31 + 1 month ends 2025-02-28."""
    if period.days is not None:
        return term_end_after_days(start, period.days)
    if period.months is not None:
        return term_end_after_months(start, period.months)
    raise DeadlineInputError(
        f"A term cannot be given in {period.unit.value.replace('_', ' ')}; use days, weeks, "
        "months or years."
    )


def term_end_after_days(start: date, days: int) -> date:
    return add_days(start, days - 1)


def term_end_after_months(start: date, months: int) -> date:
    if month_exists_day(start, months):
        return add_days(add_months(start, months), -1)
    return add_months(start, months)  # clamped to the last day of that month


def end_of_quarter(day: date) -> date:
    """Last day of the calendar quarter `day` lies in (Q1 2026 ends 2026-03-31)."""
    last_month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, last_month, days_in_month(day.year, last_month))


def first_of_next_month_unless_first(day: date) -> date:
    """'The Effective Date or, if that is not the first of a month, the first day of the
    following calendar month.'"""
    if day.day == 1:
        return day
    year, month = _shift_month(day, 1)
    return date(year, month, 1)


def forward_business_days(event: date, count: int, holidays: HolidayCalendar) -> date:
    """The `count`-th business day after `event` (the event day not counted)."""
    day = event
    remaining = count
    while remaining:
        day = add_days(day, 1)
        if holidays.is_business_day(day):
            remaining -= 1
    return day


def nth_business_day_before(limit: date, count: int, holidays: HolidayCalendar) -> date:
    """The `count`-th business day strictly before `limit`, counting backward."""
    day = limit
    remaining = count
    while remaining:
        day = add_days(day, -1)
        if holidays.is_business_day(day):
            remaining -= 1
    return day


def until_business_days(end: date, count: int, holidays: HolidayCalendar) -> date:
    """The latest day D such that `count` business days after D still end on or before `end`:
    the day before the `count`-th business day counted back from `end` (inclusive)."""
    return add_days(nth_business_day_before(add_days(end, 1), count, holidays), -1)


def is_calendar_unit(unit: Unit) -> bool:
    return unit not in (Unit.HOURS, Unit.BUSINESS_DAYS)
