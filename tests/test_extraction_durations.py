"""Durations as contracts write them, read into Period values (pure, no database)."""

from __future__ import annotations

import pytest

from obligations.extraction.durations import find_periods, parse_period
from obligations.extraction.model import Period
from obligations.extraction.recurrences import recurrence_in


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("thirty (30) days", Period(30, "days")),
        ("30 (thirty) days", Period(30, "days")),
        ("two months", Period(2, "months")),
        ("12\u2011months", Period(12, "months")),
        ("24h", Period(24, "hours")),
        ("48 hrs", Period(48, "hours")),
        ("one (1) year", Period(1, "years")),
        ("a 90-day period", Period(90, "days")),
        ("a period of three (3) months", Period(3, "months")),
        ("half a year", Period(6, "months")),
        ("half an hour", Period(0.5, "hours")),
        ("a fortnight", Period(14, "days")),
        ("two fortnights", Period(28, "days")),
        ("ten (10) Business Days", Period(10, "business_days")),
        ("5 working days", Period(5, "business_days")),
        ("four business hours", Period(4, "business_hours")),
        ("twenty-four (24) hours", Period(24, "hours")),
        ("one hundred and twenty days", Period(120, "days")),
        ("2 calendar quarters", Period(6, "months")),
        ("one quarter", Period(3, "months")),
        ("one and a half years", Period(18, "months")),
        ("seven weeks", Period(7, "weeks")),
        ("45 minutes", Period(0.75, "hours")),
        ("an hour", Period(1, "hours")),
        ("a three-year term", Period(3, "years")),
        ("sixty (60) days\u2019 prior written notice", Period(60, "days")),
        ("within (15) days", Period(15, "days")),
        # A year the contract defines by its own name is still a year.
        ("ten (10) Lease Years", Period(10, "years")),
        ("three Agreement Years", Period(3, "years")),
        ("two (2) fiscal years", Period(2, "years")),
    ],
)
def test_parse_period_reads_amount_and_unit(phrase: str, expected: Period) -> None:
    assert parse_period(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "3 lunar cycles",
        "",
        "the fifteenth (15th) day",
        "99.9 %",
        "8 characters",
        "once a month",
        "10 Lease Premises",
    ],
)
def test_parse_period_returns_none_without_a_duration(phrase: str) -> None:
    assert parse_period(phrase) is None


def test_find_periods_gives_offsets_into_the_text() -> None:
    text = "Licensee shall pay within thirty (30) days and report within 2 business days."
    found = find_periods(text)
    assert [str(m.period) for m in found] == ["30 days", "2 business_days"]
    for match in found:
        assert text[match.start : match.end] == match.phrase
    assert found[0].phrase == "thirty (30) days"


def test_rates_are_not_read_as_durations() -> None:
    found = find_periods("Support is available 24 hours a day, seven days a week, twice a year.")
    assert [str(m.period) for m in found] == ["24 hours", "7 days"]


def test_numbers_inside_other_tokens_are_ignored() -> None:
    assert find_periods("See clause 4.2 days-of-week table and version 1.5h2.") == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("every working day", "business_daily"),
        ("once a day", "daily"),
        ("on a monthly basis", "monthly"),
        ("within 10 days after the end of each calendar quarter", "quarterly"),
        ("every three months", "quarterly"),
        ("every 12 months", "annually"),
        ("once per contract year", "annually"),
        ("each Lease Year", "annually"),
        ("after the conclusion of each Contract Year Quarter", "quarterly"),
        ("per annum", "annually"),
        ("weekly", None),
        ("within thirty days", None),
    ],
)
def test_recurrence_in_reads_how_often(phrase: str, expected: str | None) -> None:
    assert recurrence_in(phrase) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the first 3,500 hours of internal labour", [Period(3500, "hours")]),
        ("within 1,000 days", [Period(1000, "days")]),
        # Counterexamples: a sum before a period, a decimal comma.
        ("pay $3,500, 30 days later", [Period(30, "days")]),
        ("12,5 days", []),
    ],
)
def test_thousands_separator(text: str, expected: list[Period]) -> None:
    assert [match.period for match in find_periods(text)] == expected
