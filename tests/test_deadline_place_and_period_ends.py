"""The rule book's counting where the contract is performed: holidays at the place of
performance (BGB §193, OR Art. 78), NY's observed holidays (GCL §24), a Swiss contract with no
canton, periods with a sign or a fraction, and notice to the end of a month, quarter, half-year,
year, contract year or the 15th. Pure engine tests: no database.
"""

from __future__ import annotations

from datetime import date

import pytest

from obligations.deadlines import (
    DeadlineInputError,
    PeriodEnd,
    compute_deadline,
    next_notice_deadline,
    notice_to_period_end,
    parse_period,
    parse_period_end,
)

# --- finding 1: regional holidays at the place of performance move a deadline -------------


def test_a_cantonal_holiday_at_the_place_of_performance_moves_a_swiss_deadline() -> None:
    # 3 days after Tue 2025-12-30 is Fri 2026-01-02, Saint Berchtold's Day in Bern. OR Art. 78
    # moves it to the next day, Saturday, which under OR Art. 78 does not move again.
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2025, 12, 30), law="CH", place="CH-BE"
    )
    assert (result.unshifted, result.deadline) == (date(2026, 1, 2), date(2026, 1, 3))
    assert result.act_by == date(2025, 12, 31)
    text = "\n".join(result.explanation)
    assert "Place of performance CH-BE" in text
    assert "OR Art. 78 moves it to Sat 2026-01-03" in text
    assert "Saint Berchtold's Day (CH-BE)" in text
    assert "a working day" not in text


def test_a_regional_calendar_named_for_the_contract_is_taken_as_the_place() -> None:
    # The command line: --law CH --calendar CH-BE.
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2025, 12, 30), law="CH", calendars=["CH-BE"]
    )
    assert result.deadline == date(2026, 1, 3)
    assert any("Place of performance taken to be CH-BE" in line for line in result.explanation)


def test_a_country_only_place_still_takes_the_named_regional_calendar() -> None:
    result = compute_deadline(
        period="3 days",
        relation="after",
        anchor=date(2025, 12, 30),
        law="CH",
        calendars=["CH-BE"],
        place="CH",
    )
    assert result.deadline == date(2026, 1, 3)
    assert not any("No canton" in line for line in result.explanation)


def test_under_new_york_law_another_states_holiday_does_not_move_it() -> None:
    # Cesar Chavez Day (Tue 2026-03-31) is a California holiday; GCL §25 names New York's
    # public holidays only, so a California place does not move the deadline; act_by avoids it.
    result = compute_deadline(
        period="1 day", relation="after", anchor=date(2026, 3, 30), law="US-NY", place="US-CA"
    )
    assert (result.deadline, result.act_by) == (date(2026, 3, 31), date(2026, 3, 30))
    assert any(
        "moves a deadline for US-NY public holidays only" in line for line in result.explanation
    )


def test_corpus_christi_in_bavaria_moves_a_german_deadline() -> None:
    # 3 days after Mon 2026-06-01 is Thu 2026-06-04, Corpus Christi in Bavaria (not nationwide).
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2026, 6, 1), law="DE", place="DE-BY"
    )
    assert (result.unshifted, result.deadline, result.act_by) == (
        date(2026, 6, 4),
        date(2026, 6, 5),
        date(2026, 6, 5),
    )
    assert any("BGB §193 moves it to Fri 2026-06-05" in line for line in result.explanation)
    assert any("Corpus Christi" in line and "DE-BY" in line for line in result.explanation)


def test_a_place_in_a_state_without_the_holiday_does_not_move_it() -> None:
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2026, 6, 1), law="DE", place="DE-BE"
    )
    assert result.deadline == date(2026, 6, 4)


def test_a_place_of_performance_must_be_a_country_state_or_canton() -> None:
    with pytest.raises(DeadlineInputError, match="not a country, state or canton"):
        compute_deadline(
            period="3 days", relation="after", anchor=date(2026, 6, 1), law="DE", place="TARGET"
        )
    with pytest.raises(DeadlineInputError, match="no subdivision"):
        compute_deadline(
            period="3 days", relation="after", anchor=date(2026, 6, 1), law="DE", place="DE-XX"
        )


def test_term_notices_use_the_place_of_performance_for_act_by() -> None:
    # 1 month to the end of a term ending 2027-02-06: due 2027-01-06, Epiphany in Bavaria, so
    # act by the day before; the backward deadline itself is not moved.
    result = next_notice_deadline(
        term_start=date(2026, 2, 7),
        initial_term="12 months",
        renewal_term=None,
        notice="1 month",
        as_of=date(2026, 3, 1),
        law="DE",
        place="DE-BY",
    )
    assert (result.deadline, result.act_by) == (date(2027, 1, 6), date(2027, 1, 5))
    assert any("Epiphany" in line for line in result.explanation)


# --- finding 3: NY keeps a holiday on another day only when it falls on a Sunday ----------


def test_new_york_does_not_move_a_deadline_off_the_friday_before_a_saturday_christmas() -> None:
    # Christmas 2027 is a Saturday; the calendar marks Fri 12-24 "Christmas Day (observed)",
    # but GCL §24 keeps no Friday, so the earlier reading stays on Fri 2027-12-24.
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2027, 12, 21), law="US-NY"
    )
    assert (result.unshifted, result.deadline) == (date(2027, 12, 24), date(2027, 12, 24))
    assert result.act_by == date(2027, 12, 23)
    assert any("NY GCL §24" in line and "earlier reading" in line for line in result.explanation)


def test_new_york_moves_a_deadline_off_the_monday_after_a_sunday_holiday() -> None:
    # Christmas 2022 was a Sunday: Mon 2022-12-26 is kept (GCL §24), so a deadline on the
    # Sunday moves past the Monday to Tue 2022-12-27.
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2022, 12, 22), law="US-NY"
    )
    assert (result.unshifted, result.deadline) == (date(2022, 12, 25), date(2022, 12, 27))
    assert any("Christmas Day (observed)" in line for line in result.explanation)


def test_new_york_deadline_on_the_monday_observed_day_moves() -> None:
    # 2028-01-01 is a Saturday (New Year observed Fri 2027-12-31: a business day under §24);
    # Independence Day 2027 is a Sunday, observed Mon 2027-07-05, which moves a deadline.
    friday = compute_deadline(
        period="1 day", relation="after", anchor=date(2027, 12, 30), law="US-NY"
    )
    assert friday.deadline == date(2027, 12, 31)
    monday = compute_deadline(
        period="1 day", relation="after", anchor=date(2027, 7, 4), law="US-NY"
    )
    assert monday.deadline == date(2027, 7, 6)


# --- finding 4: a period with a sign, zero or a fraction is refused ------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-3 days", "no sign"),
        ("+3 days", "no sign"),
        ("\u22123 days", "no sign"),
        ("minus three days", "no sign"),
        ("1.5 days", "whole number"),
        ("2,5 months", "whole number"),
        ("1/2 month", "whole number"),
        ("\u00bd month", "whole number"),
        ("0 days", "at least 1"),
        ("3 lunar months", "not a period"),
        ("3 decades", "not a period"),
    ],
)
def test_a_period_with_a_sign_zero_a_fraction_or_an_unknown_unit_is_refused(
    text: str, says: str
) -> None:
    with pytest.raises(DeadlineInputError) as raised:
        parse_period(text)
    assert says in raised.value.message
    assert "\n" not in raised.value.message


def test_a_thousands_separator_is_not_a_fraction() -> None:
    assert str(parse_period("1,000 days")) == "1000 days"


# --- finding 5: Switzerland without a canton -----------------------------------------------


def test_a_swiss_deadline_on_good_friday_without_a_canton_says_which_reading_it_took() -> None:
    # 3 days after 2026-03-31 is Good Friday 2026-04-03: a holiday in most cantons, not on the
    # federal list. With no canton the deadline is not moved (the earlier reading), act_by
    # avoids the day, and the explanation says so.
    result = compute_deadline(period="3 days", relation="after", anchor=date(2026, 3, 31), law="CH")
    assert (result.deadline, result.act_by) == (date(2026, 4, 3), date(2026, 4, 2))
    text = "\n".join(result.explanation)
    assert "No canton of the place of performance is known" in text
    assert "Good Friday in" in text and "earlier reading" in text


def test_with_a_canton_good_friday_moves_the_swiss_deadline() -> None:
    result = compute_deadline(
        period="3 days", relation="after", anchor=date(2026, 3, 31), law="CH", place="CH-ZH"
    )
    assert result.deadline == date(2026, 4, 4)  # moved off Good Friday to Saturday
    assert not any("No canton" in line for line in result.explanation)


def test_act_by_without_a_canton_avoids_easter_monday() -> None:
    # 2 months to the end of 2026-06-06 is due Mon 2026-04-06, Easter Monday in most cantons.
    result = compute_deadline(
        period="2 months", relation="until", anchor=date(2026, 6, 6), law="CH"
    )
    assert result.deadline == date(2026, 4, 6)
    assert result.act_by == date(2026, 4, 2)  # before Good Friday, the weekend, Easter Monday


# --- notice to the end of a period ---------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "deadline", "effective"),
    [
        (date(2026, 2, 10), date(2026, 3, 31), date(2026, 6, 30)),
        (date(2026, 3, 31), date(2026, 3, 31), date(2026, 6, 30)),  # the last day it can be given
        (date(2026, 4, 1), date(2026, 6, 30), date(2026, 9, 30)),  # a day too late
        (date(2026, 12, 31), date(2026, 12, 31), date(2027, 3, 31)),
    ],
)
@pytest.mark.parametrize("law", ["DE", "CH-ZH", "US-NY"])
def test_three_months_to_the_end_of_a_quarter(
    law: str, as_of: date, deadline: date, effective: date
) -> None:
    result = notice_to_period_end(notice="3 months", to_end_of="quarter", as_of=as_of, law=law)
    assert (result.deadline, result.effective_end) == (deadline, effective)
    assert result.act_by <= result.deadline
    assert any("to the end of a calendar quarter" in line for line in result.explanation)


def test_a_missed_quarter_end_is_named_in_the_explanation() -> None:
    result = notice_to_period_end(
        notice="3 months", to_end_of="quarter", as_of=date(2026, 4, 1), law="DE"
    )
    assert any(
        "2026-06-30 can no longer be reached: its notice was due by Tue 2026-03-31" in line
        for line in result.explanation
    )


def test_a_notice_due_on_a_weekend_is_not_moved_but_act_by_is_earlier() -> None:
    # 1 month to the end of October 2026: due Wed 2026-09-30. 1 month to the end of Feb 2026:
    # due Sat 2026-01-31, act by Fri 2026-01-30 (BGH III ZR 172/04).
    result = notice_to_period_end(
        notice="1 month", to_end_of="month", as_of=date(2026, 1, 20), law="DE"
    )
    assert (result.deadline, result.act_by, result.effective_end) == (
        date(2026, 1, 31),
        date(2026, 1, 30),
        date(2026, 2, 28),
    )


def test_new_york_act_by_avoids_the_observed_new_year_on_a_friday() -> None:
    # 3 months to the end of Q1 2028 is due Fri 2027-12-31, New Year's Day (observed).
    result = notice_to_period_end(
        notice="3 months", to_end_of="quarter", as_of=date(2027, 10, 1), law="US-NY"
    )
    assert (result.deadline, result.act_by) == (date(2027, 12, 31), date(2027, 12, 30))


def test_thirty_days_effective_at_the_end_of_a_calendar_month() -> None:
    result = notice_to_period_end(
        notice="30 days", to_end_of="calendar month", as_of=date(2026, 5, 2), law="US-NY"
    )
    assert (result.deadline, result.effective_end) == (date(2026, 5, 31), date(2026, 6, 30))


@pytest.mark.parametrize(
    ("as_of", "deadline", "effective"),
    [
        (date(2026, 5, 3), date(2026, 5, 3), date(2026, 5, 31)),
        (date(2026, 5, 4), date(2026, 5, 18), date(2026, 6, 15)),
        (date(2026, 5, 19), date(2026, 6, 2), date(2026, 6, 30)),
    ],
)
def test_four_weeks_to_the_fifteenth_or_the_end_of_a_month(
    as_of: date, deadline: date, effective: date
) -> None:
    # BGB §622(1): four weeks (28 days) to the 15th or to the end of a calendar month.
    result = notice_to_period_end(
        notice="4 weeks", to_end_of="15th or month", as_of=as_of, law="DE"
    )
    assert (result.deadline, result.effective_end) == (deadline, effective)


def test_half_year_year_and_contract_year_ends() -> None:
    half = notice_to_period_end(
        notice="6 weeks", to_end_of="half-year", as_of=date(2026, 5, 20), law="DE"
    )
    assert (half.deadline, half.effective_end) == (date(2026, 11, 19), date(2026, 12, 31))
    year = notice_to_period_end(
        notice="3 months", to_end_of="calendar year", as_of=date(2026, 9, 30), law="CH-BE"
    )
    assert (year.deadline, year.effective_end) == (date(2026, 9, 30), date(2026, 12, 31))
    contract_year = notice_to_period_end(
        notice="3 months",
        to_end_of="contract year",
        as_of=date(2026, 5, 2),
        law="DE",
        contract_start=date(2024, 7, 15),
    )
    assert (contract_year.deadline, contract_year.effective_end) == (
        date(2027, 4, 14),
        date(2027, 7, 14),
    )


def test_a_contract_year_needs_the_start_and_hours_are_refused() -> None:
    with pytest.raises(DeadlineInputError, match="start date"):
        notice_to_period_end(notice="3 months", to_end_of="contract year", as_of=date(2026, 1, 1))
    with pytest.raises(DeadlineInputError, match="hours"):
        notice_to_period_end(notice="48 hours", to_end_of="month", as_of=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("quarter", PeriodEnd.QUARTER),
        ("calendar quarter", PeriodEnd.QUARTER),
        ("the end of a calendar month", PeriodEnd.MONTH),
        ("half-year", PeriodEnd.HALF_YEAR),
        ("contract-year", PeriodEnd.CONTRACT_YEAR),
        ("15th-or-month", PeriodEnd.FIFTEENTH_OR_MONTH),
        ("the fifteenth or the end of a month", PeriodEnd.FIFTEENTH_OR_MONTH),
        ("year", PeriodEnd.YEAR),
    ],
)
def test_period_end_spellings(text: str, end: PeriodEnd) -> None:
    assert parse_period_end(text) is end


def test_an_unknown_period_end_is_one_clear_line() -> None:
    with pytest.raises(DeadlineInputError, match="not a period end"):
        parse_period_end("fortnight")
