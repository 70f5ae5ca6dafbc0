"""Properties of the deadline engine that must hold for every date, period, law and calendar.

Pure tests of obligations.deadlines: no database.
"""

from __future__ import annotations

import calendar as month_calendar
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.deadlines import (
    DeadlineInputError,
    Period,
    Unit,
    add_months,
    calendar_for,
    compute_deadline,
    next_notice_deadline,
    notice_deadlines,
    notice_to_period_end,
    parse_period,
    term_period,
)
from obligations.deadlines.arithmetic import (
    forward,
    forward_business_days,
    term_end,
    until,
    until_business_days,
)
from obligations.deadlines.timezones import add_hours, localize, zone

LAWS = st.sampled_from(["DE", "DE-BY", "CH", "CH-SG", "US-NY", "US-CA", "FR", None])
CALENDARS = st.lists(
    st.sampled_from(["DE", "DE-BE", "TARGET", "CH", "CH-ZH", "US-NY", "GB"]), max_size=3
)
RECENT_DAYS = st.dates(min_value=date(1995, 1, 1), max_value=date(2075, 12, 31))
ANY_DAYS = st.dates(min_value=date(200, 1, 1), max_value=date(9890, 12, 31))
CALENDAR_UNITS = [u for u in Unit if u not in (Unit.HOURS, Unit.BUSINESS_DAYS)]
MONTH_UNITS = [Unit.MONTHS, Unit.QUARTERS, Unit.HALF_YEARS, Unit.YEARS]


@st.composite
def periods(draw: st.DrawFn, units: list[Unit] | None = None) -> Period:
    unit = draw(st.sampled_from(units or [u for u in Unit if u is not Unit.HOURS]))
    top = {Unit.BUSINESS_DAYS: 60, Unit.DAYS: 400, Unit.WEEKS: 60, Unit.HALF_MONTHS: 30}
    return Period(draw(st.integers(min_value=1, max_value=top.get(unit, 40))), unit)


def last_day(day: date) -> int:
    return month_calendar.monthrange(day.year, day.month)[1]


# --- act_by -------------------------------------------------------------------------------


@settings(deadline=None, max_examples=300)
@given(
    period=periods(),
    relation=st.sampled_from(["after", "until", "before"]),
    anchor=RECENT_DAYS,
    law=LAWS,
    calendars=CALENDARS,
)
def test_act_by_is_a_business_day_on_or_before_the_deadline(
    period: Period, relation: str, anchor: date, law: str | None, calendars: list[str]
) -> None:
    result = compute_deadline(
        period=period, relation=relation, anchor=anchor, law=law, calendars=calendars
    )
    assert result.act_by <= result.deadline
    named = calendar_for(calendars) if calendars else calendar_for([law] if law else [])
    assert named.is_business_day(result.act_by)
    if law:
        assert calendar_for([law]).is_business_day(result.act_by)
    assert result.deadline_at > result.act_by_at or result.deadline == result.act_by
    assert result.explanation and all("\n" not in line for line in result.explanation)


@settings(deadline=None, max_examples=200)
@given(
    hours=st.integers(min_value=1, max_value=2000),
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1)),
    law=LAWS,
    tz=st.sampled_from(["Europe/Berlin", "America/New_York", "Europe/Zurich", "UTC"]),
)
def test_act_by_for_hours_is_never_after_the_instant(
    hours: int, start: datetime, law: str | None, tz: str
) -> None:
    try:
        result = compute_deadline(
            period=Period(hours, Unit.HOURS), relation="after", anchor=start, law=law, timezone=tz
        )
    except DeadlineInputError as error:  # a wall time that the clocks skip
        assert "does not exist" in error.message
        return
    assert result.act_by_at <= result.deadline_at
    assert result.act_by <= result.deadline


# --- forward shift ------------------------------------------------------------------------


@settings(deadline=None, max_examples=300)
@given(period=periods(), anchor=RECENT_DAYS, law=LAWS, calendars=CALENDARS)
def test_a_forward_shift_never_moves_a_date_earlier(
    period: Period, anchor: date, law: str | None, calendars: list[str]
) -> None:
    result = compute_deadline(
        period=period, relation="after", anchor=anchor, law=law, calendars=calendars
    )
    assert result.deadline >= result.unshifted > anchor
    assert result.deadline - result.unshifted < timedelta(days=10)
    if law in (None, "FR", "US-CA"):  # no known rule: never later than the count
        assert result.deadline == result.unshifted


@settings(deadline=None, max_examples=200)
@given(
    period=periods(), anchor=RECENT_DAYS, law=LAWS, relation=st.sampled_from(["until", "before"])
)
def test_backward_deadlines_are_never_moved(
    period: Period, anchor: date, law: str | None, relation: str
) -> None:
    result = compute_deadline(period=period, relation=relation, anchor=anchor, law=law)
    assert result.deadline == result.unshifted
    assert result.deadline < anchor


@settings(deadline=None, max_examples=200)
@given(period=periods(), anchor=RECENT_DAYS)
def test_shift_lands_on_a_day_the_law_accepts(period: Period, anchor: date) -> None:
    germany = compute_deadline(period=period, relation="after", anchor=anchor, law="DE")
    assert calendar_for(["DE"]).is_business_day(germany.deadline)
    swiss = compute_deadline(period=period, relation="after", anchor=anchor, law="CH")
    assert swiss.deadline.weekday() != 6
    assert not calendar_for(["CH"]).is_holiday(swiss.deadline)


# --- backward and forward again -----------------------------------------------------------


@given(end=ANY_DAYS, period=periods(CALENDAR_UNITS))
def test_counted_back_from_e_and_forward_again_lands_on_or_before_e(
    end: date, period: Period
) -> None:
    latest = until(end, period)
    assert forward(latest, period) <= end
    assert forward(latest + timedelta(days=1), period) > end  # and it is the latest such day


@settings(deadline=None, max_examples=150)
@given(end=RECENT_DAYS, count=st.integers(1, 40), calendars=CALENDARS)
def test_business_days_back_and_forward_again(end: date, count: int, calendars: list[str]) -> None:
    holidays = calendar_for(calendars)
    latest = until_business_days(end, count, holidays)
    assert forward_business_days(latest, count, holidays) <= end
    assert forward_business_days(latest + timedelta(days=1), count, holidays) > end


@settings(deadline=None, max_examples=200)
@given(end=RECENT_DAYS, period=periods(), law=LAWS)
def test_the_public_api_round_trip_lands_on_or_before_e(
    end: date, period: Period, law: str | None
) -> None:
    back = compute_deadline(period=period, relation="until", anchor=end, law=law)
    again = compute_deadline(period=period, relation="after", anchor=back.deadline, law=law)
    assert again.unshifted <= end


@settings(deadline=None, max_examples=200)
@given(first=RECENT_DAYS, period=periods(CALENDAR_UNITS))
def test_before_x_leaves_the_whole_period_before_x(first: date, period: Period) -> None:
    german = compute_deadline(period=period, relation="before", anchor=first, law="DE").deadline
    new_york = compute_deadline(period=period, relation="before", anchor=first, law="US-NY")
    unknown = compute_deadline(period=period, relation="before", anchor=first, law=None)
    assert forward(german, period) < first  # neither the act day nor X is counted
    assert term_end(new_york.deadline, period) < first  # the act day is counted, X is not
    assert unknown.deadline == german <= new_york.deadline  # no law: the earlier reading


# --- month ends ---------------------------------------------------------------------------


@given(day=ANY_DAYS, months=st.integers(min_value=-1200, max_value=1200))
def test_adding_months_keeps_the_day_or_clamps_to_the_months_last_day(
    day: date, months: int
) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, last_day(result))


@given(day=ANY_DAYS, period=periods(MONTH_UNITS))
def test_notice_to_a_month_end_is_due_on_a_month_end(day: date, period: Period) -> None:
    end = day.replace(day=last_day(day))
    latest = until(end, period)
    assert latest.day == last_day(latest)
    assert add_months(latest.replace(day=1), period.months or 0) == end.replace(day=1)


@given(start=ANY_DAYS, period=periods(MONTH_UNITS))
def test_a_term_ends_the_day_before_the_corresponding_day_or_on_the_months_last_day(
    start: date, period: Period
) -> None:
    end = term_end(start, period)
    corresponding_month = add_months(start.replace(day=1), period.months or 0)
    if start.day <= last_day(corresponding_month):
        assert end + timedelta(days=1) == corresponding_month.replace(day=start.day)
    else:
        assert end == corresponding_month.replace(day=last_day(corresponding_month))


@given(year=st.integers(min_value=1, max_value=9000))
def test_leap_days(year: int) -> None:
    leap = month_calendar.isleap(year)
    last_of_february = date(year, 2, 29 if leap else 28)
    assert add_months(date(year, 1, 31), 1) == last_of_february
    assert until(last_of_february, Period(1, Unit.MONTHS)) == date(year, 1, 31)
    assert until(date(year, 4, 30), Period(2, Unit.MONTHS)) == last_of_february
    if leap:
        assert add_months(date(year, 2, 29), 12) == date(year + 1, 2, 28)
        assert term_end(date(year, 2, 29), Period(1, Unit.YEARS)) == date(year + 1, 2, 28)


# --- hours, terms, parsing ----------------------------------------------------------------


@settings(deadline=None)
@given(
    start=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
    hours=st.integers(min_value=-5000, max_value=5000),
    tz=st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]),
)
def test_hours_are_elapsed_time(start: datetime, hours: int, tz: str) -> None:
    try:
        local = localize(start, zone(tz))
    except DeadlineInputError:
        return  # a wall time that the clocks skip
    moved = add_hours(local, hours)
    assert moved.astimezone(UTC) - local.astimezone(UTC) == timedelta(hours=hours)


@settings(deadline=None, max_examples=150)
@given(
    start=RECENT_DAYS,
    initial=periods(CALENDAR_UNITS),
    renewal=periods(CALENDAR_UNITS),
    notice=periods([Unit.DAYS, Unit.MONTHS, Unit.BUSINESS_DAYS]),
    offset=st.integers(min_value=0, max_value=5000),
)
def test_the_next_notice_deadline_is_the_first_that_can_still_be_met(
    start: date, initial: Period, renewal: Period, notice: Period, offset: int
) -> None:
    as_of = start + timedelta(days=offset)
    result = next_notice_deadline(
        term_start=start, initial_term=initial, renewal_term=renewal, notice=notice,
        as_of=as_of, law="DE",
    )  # fmt: skip
    assert result.deadline >= as_of
    if result.term_number > 1:
        (previous,) = notice_deadlines(
            term_start=start, initial_term=initial, renewal_term=renewal, notice=notice,
            law="DE", first_term=result.term_number - 1, count=1,
        )  # fmt: skip
        assert previous.deadline < as_of
        earlier = term_period(
            result.term_number - 1, start=start, initial_term=initial, renewal_term=renewal
        )
        assert earlier.end + timedelta(days=1) == result.term_start
    assert result.term_start <= result.term_end


@given(period=periods(list(Unit)))
def test_a_period_reads_back_from_its_own_text(period: Period) -> None:
    assert parse_period(str(period)) == period


@settings(deadline=None)
@given(text=st.text(max_size=30))
def test_any_text_is_a_period_or_a_one_line_error(text: str) -> None:
    try:
        parse_period(text)
    except DeadlineInputError as error:
        assert "\n" not in error.message
        assert error.message.endswith(".")


# --- notice to the end of a period ---------------------------------------------------------

PERIOD_ENDS = st.sampled_from(
    ["month", "quarter", "half-year", "year", "contract-year", "15th-or-month"]
)
PLACES = st.sampled_from([None, "DE-BY", "CH-BE", "CH-ZH", "US-NY"])
NOTICES = periods([Unit.DAYS, Unit.WEEKS, Unit.MONTHS, Unit.QUARTERS, Unit.BUSINESS_DAYS])


@settings(deadline=None, max_examples=200)
@given(
    notice=NOTICES,
    end=PERIOD_ENDS,
    as_of=RECENT_DAYS,
    later=st.integers(min_value=0, max_value=800),
    start=RECENT_DAYS,
    law=LAWS,
    place=PLACES,
)
def test_notice_to_a_period_end_is_met_in_time_and_never_earlier_when_asked_later(
    notice: Period,
    end: str,
    as_of: date,
    later: int,
    start: date,
    law: str | None,
    place: str | None,
) -> None:
    ask = {"notice": notice, "to_end_of": end, "law": law, "place": place, "contract_start": start}
    first = notice_to_period_end(as_of=as_of, **ask)  # type: ignore[arg-type]
    second = notice_to_period_end(as_of=as_of + timedelta(days=later), **ask)  # type: ignore[arg-type]
    for result in (first, second):
        assert result.act_by <= result.deadline <= result.effective_end
    assert as_of <= first.deadline
    assert first.deadline <= second.deadline
    assert first.effective_end <= second.effective_end
