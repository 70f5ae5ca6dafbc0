"""What the deadline engine accepts from people and stored rules: periods, dates, laws,
calendars and time zones; and the one-line errors for everything else. No database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from obligations.deadlines import (
    DeadlineInputError,
    Period,
    Unit,
    calendar_for,
    compute_deadline,
    governing_law,
    next_notice_deadline,
    parse_period,
)
from obligations.deadlines.inputs import parse_day, parse_day_or_time


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("30 days", 30, Unit.DAYS),
        ("3 working days", 3, Unit.BUSINESS_DAYS),
        ("10 business days", 10, Unit.BUSINESS_DAYS),
        ("two months", 2, Unit.MONTHS),
        ("1 year", 1, Unit.YEARS),
        ("1 years", 1, Unit.YEARS),  # the extractor's "<amount> <unit>" form
        ("24 hours", 24, Unit.HOURS),
        ("24h", 24, Unit.HOURS),
        ("12 months", 12, Unit.MONTHS),
        ("12-months", 12, Unit.MONTHS),
        ("thirty (30) days", 30, Unit.DAYS),
        ("one (1) year", 1, Unit.YEARS),
        ("ninety (90) calendar days", 90, Unit.DAYS),
        ("twenty-one days", 21, Unit.DAYS),
        ("one hundred and eighty days", 180, Unit.DAYS),
        ("three months'", 3, Unit.MONTHS),
        ("a quarter", 1, Unit.QUARTERS),
        ("half a year", 1, Unit.HALF_YEARS),
        ("1 half-month", 1, Unit.HALF_MONTHS),
        ("2 weeks", 2, Unit.WEEKS),
        ("a fortnight", 2, Unit.WEEKS),
        ("5 business_days", 5, Unit.BUSINESS_DAYS),
    ],
)
def test_durations_are_read_as_amount_and_unit(text: str, amount: int, unit: Unit) -> None:
    assert parse_period(text) == Period(amount, unit)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3 lunar cycles", "not a period"),
        ("", "not a period"),
        ("days", "not a period"),
        ("1.5 months", "whole number"),
        ("0 days", "at least 1"),
        ("thirty (31) days", "disagree"),
        ("4 business hours", "business hours"),
        ("500 years", "longer than 100 years"),
    ],
)
def test_bad_durations_raise_a_clear_one_line_error(text: str, says: str) -> None:
    with pytest.raises(DeadlineInputError) as raised:
        parse_period(text)
    assert says in raised.value.message
    assert "\n" not in raised.value.message


def test_stored_units_become_periods() -> None:
    assert Period(3, "business_days") == Period(3, Unit.BUSINESS_DAYS)  # type: ignore[arg-type]
    with pytest.raises(DeadlineInputError, match="not a unit"):
        Period(3, "moons")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "no month 13"),
        ("0000-01-01", "no year 0"),
        ("15.01.2026", "YYYY-MM-DD"),
    ],
)
def test_days_that_do_not_exist_are_named(text: str, says: str) -> None:
    with pytest.raises(DeadlineInputError, match=says):
        parse_day(text)


def test_days_and_times_are_read() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    assert parse_day_or_time("2026-03-28T10:00") == datetime(2026, 3, 28, 10, 0)
    with pytest.raises(DeadlineInputError, match="no valid time"):
        parse_day_or_time("2026-03-28T25:00")
    with pytest.raises(DeadlineInputError, match="February 2026 has 28 days"):
        parse_day_or_time("2026-02-30T10:00")


@pytest.mark.parametrize(
    ("code", "canonical", "known"),
    [("DE", "DE", True), ("de-by", "DE-BY", True), ("CH-SG", "CH-SG", True),
     ("US-NY", "US-NY", True), ("US", "US", False), ("GB", "GB", False)],
)  # fmt: skip
def test_governing_laws(code: str, canonical: str, known: bool) -> None:
    law = governing_law(code)
    assert (law.code, law.known) == (canonical, known)


@pytest.mark.parametrize("code", ["XX", "Narnia", "TARGET", "DE-XX"])
def test_unknown_governing_law(code: str) -> None:
    with pytest.raises(DeadlineInputError, match="Unknown governing law"):
        governing_law(code)


@pytest.mark.parametrize("code", ["XX", "DE-XX", "LUNAR", ""])
def test_unknown_calendar(code: str) -> None:
    with pytest.raises(DeadlineInputError, match="Unknown holiday calendar"):
        calendar_for([code])


def test_calendars_are_cached_and_deduplicated() -> None:
    first = calendar_for(["de", "TARGET2", "DE"])
    assert first.codes == ("DE", "TARGET")
    assert calendar_for(["DE", "TARGET"]) is first


def test_unknown_time_zone_and_relation() -> None:
    with pytest.raises(DeadlineInputError, match="Unknown time zone"):
        compute_deadline(period="1 day", relation="after", anchor=date(2026, 1, 1), timezone="X/Y")
    with pytest.raises(DeadlineInputError, match="Unknown relation"):
        compute_deadline(period="1 day", relation="around", anchor=date(2026, 1, 1))


def test_a_wall_time_the_clocks_skip_is_refused_and_a_repeated_one_read_as_the_first() -> None:
    with pytest.raises(DeadlineInputError, match="does not exist in Europe/Berlin"):
        compute_deadline(
            period="1 hour", relation="after", anchor=datetime(2026, 3, 29, 2, 30),
            timezone="Europe/Berlin",
        )  # fmt: skip
    repeated = compute_deadline(
        period="1 hour", relation="after", anchor=datetime(2026, 10, 25, 2, 30),
        timezone="Europe/Berlin",
    )  # fmt: skip
    assert repeated.deadline_at.isoformat() == "2026-10-25T02:30:00+01:00"


def test_terms_cannot_be_counted_in_business_days_or_hours() -> None:
    with pytest.raises(DeadlineInputError, match="initial term cannot"):
        next_notice_deadline(
            term_start=date(2025, 1, 1), initial_term="10 business days", renewal_term=None,
            notice="1 day", as_of=date(2025, 1, 1),
        )  # fmt: skip
