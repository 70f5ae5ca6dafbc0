"""Every worked example of ../shared/docs/deadline-rules.md, in the rule book's order.

Pure tests of obligations.deadlines: no database.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from obligations.deadlines import (
    Period,
    add_months,
    calendar_for,
    compute_deadline,
    end_of_quarter,
    next_notice_deadline,
    notice_deadlines,
    parse_period,
    term_period,
    term_start_for,
)
from obligations.deadlines.arithmetic import forward, term_end, until


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- Principles ---------------------------------------------------------------------------


def test_a_deadline_ends_at_24_00_in_the_contracts_time_zone() -> None:
    result = compute_deadline(
        period="30 days", relation="after", anchor=d("2026-01-15"), law="DE",
        timezone="Europe/Berlin",
    )  # fmt: skip
    assert result.deadline == d("2026-02-16")
    assert result.deadline_at.isoformat() == "2026-02-17T00:00:00+01:00"
    in_new_york = compute_deadline(
        period="2 months", relation="until", anchor=d("2026-06-30"), law="CH",
        timezone="America/New_York",
    )  # fmt: skip
    assert in_new_york.deadline_at.isoformat() == "2026-05-01T00:00:00-04:00"


def test_the_explanation_names_rule_anchor_period_shift_and_holiday() -> None:
    result = compute_deadline(period="30 days", relation="after", anchor=d("2026-01-15"), law="DE")
    assert any(
        "30 days after 2026-01-15 is Sat 2026-02-14; BGB §193 moves it to Mon 2026-02-16" in line
        for line in result.explanation
    )
    new_york = compute_deadline(
        period="30 days", relation="after", anchor=d("2026-01-15"), law="US-NY"
    )
    assert any("Washington's Birthday" in line for line in new_york.explanation)


def test_act_by_is_the_last_business_day_on_or_before_the_deadline() -> None:
    result = compute_deadline(period="30 days", relation="after", anchor=d("2026-01-15"), law="CH")
    assert (result.deadline, result.act_by) == (d("2026-02-14"), d("2026-02-13"))
    assert any("Act by Fri 2026-02-13" in line for line in result.explanation)


def test_an_unknown_law_never_moves_a_deadline_later_and_says_so() -> None:
    result = compute_deadline(period="30 days", relation="after", anchor=d("2026-01-15"), law="FR")
    assert result.deadline == result.unshifted == d("2026-02-14")
    assert any("earlier reading" in line for line in result.explanation)


# --- Counting forward ---------------------------------------------------------------------


def test_the_day_of_the_event_is_not_counted() -> None:
    result = compute_deadline(period="30 days", relation="after", anchor=d("2026-01-15"), law="DE")
    assert result.unshifted == d("2026-02-14")


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        ("2025-01-31", "1 month", "2025-02-28"),
        ("2025-02-28", "1 month", "2025-03-28"),
        ("2024-02-29", "1 year", "2025-02-28"),
        ("2025-11-30", "1 quarter", "2026-02-28"),
    ],
)
def test_months_and_years_end_on_the_same_number_or_the_months_last_day(
    start: str, period: str, expected: str
) -> None:
    result = compute_deadline(period=period, relation="after", anchor=d(start), law=None)
    assert result.unshifted == d(expected)


@pytest.mark.parametrize(
    ("longer", "same_as"),
    [("1 quarter", "3 months"), ("1 half-year", "6 months"), ("1 half-month", "15 days")],
)
@pytest.mark.parametrize("start", ["2025-01-31", "2025-11-30", "2024-02-29", "2026-07-15"])
def test_quarter_half_year_and_half_month(longer: str, same_as: str, start: str) -> None:
    assert forward(d(start), parse_period(longer)) == forward(d(start), parse_period(same_as))


@pytest.mark.parametrize(
    ("event", "period", "calendars", "expected", "holiday"),
    [
        ("2026-12-17", "10 business days", ["DE", "TARGET"], "2027-01-04", "Christmas Day"),
        ("2026-05-13", "3 working days", ["TARGET", "DE"], "2026-05-19", "Ascension Day"),
        ("2026-05-13", "3 working days", ["TARGET"], "2026-05-18", None),
        ("2025-10-02", "3 working days", ["TARGET", "DE"], "2025-10-08", "German Unity Day"),
    ],
)
def test_business_days_skip_weekends_and_holidays_of_the_calendars(
    event: str, period: str, calendars: list[str], expected: str, holiday: str | None
) -> None:
    result = compute_deadline(
        period=period, relation="after", anchor=d(event), law="DE", calendars=calendars
    )
    assert result.unshifted == result.deadline == d(expected)
    if holiday:
        assert any(holiday in line for line in result.explanation)


def test_hours_count_elapsed_time_across_the_clock_change() -> None:
    result = compute_deadline(
        period="24 hours", relation="after", anchor=datetime(2026, 3, 28, 10, 0), law="DE",
        timezone="Europe/Berlin",
    )  # fmt: skip
    assert result.in_hours
    assert result.deadline_at.isoformat() == "2026-03-29T11:00:00+02:00"
    assert result.to_dict()["deadline"] == "2026-03-29T11:00:00+02:00"
    assert result.deadline_at == result.unshifted_at  # no weekend shift for hours


@pytest.mark.parametrize(
    ("law", "deadline", "act_by"),
    [
        ("DE", "2026-02-16", "2026-02-16"),  # BGB §193: Saturday -> Monday
        ("US-NY", "2026-02-17", "2026-02-17"),  # GCL §25: Monday is Washington's Birthday
        ("CH", "2026-02-14", "2026-02-13"),  # OR Art. 78: a Saturday does not move
    ],
)
def test_weekend_and_holiday_shift_differs_by_law(law: str, deadline: str, act_by: str) -> None:
    result = compute_deadline(period="30 days", relation="after", anchor=d("2026-01-15"), law=law)
    assert result.unshifted == d("2026-02-14")
    assert (result.deadline, result.act_by) == (d(deadline), d(act_by))


def test_within_10_days_of_the_end_of_q1() -> None:
    end = end_of_quarter(d("2026-02-10"))
    assert end == d("2026-03-31")
    result = compute_deadline(period="10 days", relation="after", anchor=end, law="DE")
    assert result.deadline == d("2026-04-10")


@pytest.mark.parametrize(
    ("law", "expected", "named"),
    [
        ("DE", "2026-10-12", None),
        ("US-NY", "2026-10-13", "Columbus Day"),
        ("CH", "2026-10-10", None),
    ],
)
def test_within_10_days_of_the_end_of_q3(law: str, expected: str, named: str | None) -> None:
    end = end_of_quarter(d("2026-08-01"))
    assert end == d("2026-09-30")
    result = compute_deadline(period="10 days", relation="after", anchor=end, law=law)
    assert result.unshifted == d("2026-10-10")
    assert result.unshifted.weekday() == 5
    assert result.deadline == d(expected)
    if named:
        assert any(named in line for line in result.explanation)


# --- Counting backward --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "end", "expected"),
    [
        ("2 months", "2026-12-31", "2026-10-31"),
        ("3 months", "2025-06-30", "2025-03-31"),
        ("1 month", "2025-02-28", "2025-01-31"),
        ("2 months", "2024-04-30", "2024-02-29"),
        ("1 month", "2026-03-14", "2026-02-14"),
        ("90 days", "2026-03-31", "2025-12-31"),
    ],
)
def test_notice_of_n_to_the_end_of_e(period: str, end: str, expected: str) -> None:
    result = compute_deadline(period=period, relation="until", anchor=d(end), law="DE")
    assert result.deadline == result.unshifted == d(expected)


def test_plain_month_subtraction_would_be_wrong_for_a_month_end() -> None:
    assert add_months(d("2025-06-30"), -3) == d("2025-03-30")  # what the rule book warns about
    assert until(d("2025-06-30"), Period(3, "months")) == d("2025-03-31")


@pytest.mark.parametrize(
    ("law", "expected"),
    [("DE", "2026-05-31"), ("CH", "2026-05-31"), ("US-NY", "2026-06-01"), (None, "2026-05-31")],
)
def test_no_later_than_30_days_before_x(law: str | None, expected: str) -> None:
    result = compute_deadline(period="30 days", relation="before", anchor=d("2026-07-01"), law=law)
    assert result.deadline == d(expected)


def test_backward_deadlines_are_not_moved_but_act_by_is_earlier() -> None:
    result = compute_deadline(period="2 months", relation="until", anchor=d("2026-12-31"), law="DE")
    assert result.deadline == d("2026-10-31")
    assert result.deadline.weekday() == 5
    assert result.act_by == d("2026-10-30")
    assert any("BGH III ZR 172/04" in line for line in result.explanation)


# --- Terms and renewals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "end"),
    [
        ("2025-04-01", "12 months", "2026-03-31"),
        ("2025-01-31", "1 month", "2025-02-28"),
        ("2024-03-01", "1 year", "2025-02-28"),
    ],
)
def test_a_term_ends_the_day_before_the_corresponding_day(
    start: str, length: str, end: str
) -> None:
    assert term_end(d(start), parse_period(length)) == d(end)


@pytest.mark.parametrize(
    ("effective", "start"), [("2025-03-15", "2025-04-01"), ("2025-04-01", "2025-04-01")]
)
def test_the_term_begins_on_the_first_of_the_following_month(effective: str, start: str) -> None:
    assert term_start_for(d(effective), "first_of_next_month") == d(start)


def test_renewals_counted_from_the_original_start_and_their_notice_deadlines() -> None:
    items = notice_deadlines(
        term_start=d("2025-04-01"), initial_term="12 months", renewal_term="12 months",
        notice="3 months", law="DE", count=3,
    )  # fmt: skip
    assert [i.term_end for i in items] == [d("2026-03-31"), d("2027-03-31"), d("2028-03-31")]
    assert [i.deadline for i in items] == [d("2025-12-31"), d("2026-12-31"), d("2027-12-31")]
    assert [i.term_start for i in items] == [d("2025-04-01"), d("2026-04-01"), d("2027-04-01")]


def test_asked_on_2026_02_01_the_next_notice_deadline_is_2026_12_31() -> None:
    result = next_notice_deadline(
        term_start=d("2025-04-01"), initial_term="12 months", renewal_term="12 months",
        notice="3 months", as_of=d("2026-02-01"), law="DE",
    )  # fmt: skip
    assert result.deadline == d("2026-12-31")
    assert (result.term_start, result.term_end) == (d("2026-04-01"), d("2027-03-31"))
    assert any("has passed" in line for line in result.explanation)


def test_first_term_and_renewal_terms_may_differ() -> None:
    items = notice_deadlines(
        term_start=d("2024-01-01"), initial_term="3 years", renewal_term="1 year",
        notice="3 months", law="DE", count=3,
    )  # fmt: skip
    assert [i.term_end for i in items] == [d("2026-12-31"), d("2027-12-31"), d("2028-12-31")]
    assert [i.deadline for i in items] == [d("2026-09-30"), d("2027-09-30"), d("2028-09-30")]


def test_a_renewal_from_a_month_end_does_not_drift() -> None:
    # 2025-01-31 + 1 month ends 2025-02-28; counted from the original start, the next term
    # ends on 2025-03-30 (day before 03-31), not on a date derived from 02-28.
    second = term_period(
        2, start=d("2025-01-31"), initial_term=Period(1, "months"),
        renewal_term=Period(1, "months"),
    )  # fmt: skip
    assert (second.start, second.end) == (d("2025-03-01"), d("2025-03-30"))
    fourth = term_period(
        4, start=d("2025-01-31"), initial_term=Period(1, "months"),
        renewal_term=Period(1, "months"),
    )  # fmt: skip
    assert fourth.end == d("2025-05-30")


# --- Holiday calendars --------------------------------------------------------------------


def test_calendars_combine_a_day_is_a_business_day_only_if_no_calendar_marks_it() -> None:
    ascension = d("2026-05-14")
    assert calendar_for(["TARGET"]).is_business_day(ascension)
    assert not calendar_for(["DE"]).is_business_day(ascension)
    assert not calendar_for(["TARGET", "DE"]).is_business_day(ascension)


def test_target_is_the_ecb_calendar_and_subdivisions_add_their_holidays() -> None:
    target = calendar_for(["TARGET2"])
    assert target.codes == ("TARGET",)
    assert not target.is_business_day(d("2026-04-03"))  # Good Friday
    assert target.is_business_day(d("2026-05-14"))  # Ascension Day is not a TARGET holiday
    assert calendar_for(["DE"]).is_business_day(d("2027-03-08"))
    assert calendar_for(["DE-BE"]).holiday_names(d("2027-03-08")) == ["Women's Day (DE-BE)"]
    assert calendar_for(["CH"]).is_business_day(d("2027-11-01"))
    assert not calendar_for(["CH-SG"]).is_business_day(d("2027-11-01"))  # All Saints' Day
    assert not calendar_for(["US-NY"]).is_business_day(d("2026-02-16"))


@pytest.mark.parametrize(
    ("law", "event", "expected", "holiday"),
    [
        ("US-NY", "2026-02-11", "2026-02-13", "Lincoln's Birthday"),  # Thu 2026-02-12
        ("DE-BE", "2027-03-05", "2027-03-09", "Women's Day"),  # Mon 2027-03-08, Berlin only
        ("DE", "2027-03-05", "2027-03-08", None),
        ("CH-SG", "2027-10-29", "2027-11-02", "All Saints' Day"),  # Mon 2027-11-01
    ],
)
def test_the_governing_laws_country_and_state_is_the_default_calendar(
    law: str, event: str, expected: str, holiday: str | None
) -> None:
    result = compute_deadline(period="1 business day", relation="after", anchor=d(event), law=law)
    assert result.deadline == d(expected)
    assert any(
        f"Holiday calendar: {law} (the governing law's" in line for line in result.explanation
    )
    if holiday:
        assert any(holiday in line for line in result.explanation)
