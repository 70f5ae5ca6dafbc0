"""Contract terms: when the term starts, when each term ends, and the notice deadline of each.

Renewal terms follow one another with no gap and are counted from the original start, so that
month ends do not drift (start 2025-04-01, 12-month terms: ends 2026-03-31, 2027-03-31, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from enum import StrEnum

from obligations.deadlines import arithmetic
from obligations.deadlines.calendars import format_day
from obligations.deadlines.engine import Setting, as_period, cite, compute_in_setting, setting_for
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.periods import Period
from obligations.deadlines.results import Relation, TermDeadlineResult, TermPeriod

type _DeadlineOf = Callable[[int], date]


class StartRule(StrEnum):
    """When the first term begins, given the effective date."""

    ON_DATE = "on_date"  # the term begins on the effective date
    FIRST_OF_NEXT_MONTH = "first_of_next_month"  # ... or, if not a 1st, the next month's 1st


def term_start_for(effective: date, rule: StartRule | str = StartRule.ON_DATE) -> date:
    """The first day of the term: 2025-03-15 under FIRST_OF_NEXT_MONTH starts 2025-04-01."""
    if _start_rule(rule) is StartRule.FIRST_OF_NEXT_MONTH:
        return arithmetic.first_of_next_month_unless_first(effective)
    return effective


def _start_rule(rule: StartRule | str) -> StartRule:
    try:
        return StartRule(rule)
    except ValueError:
        raise DeadlineInputError(
            f"Unknown start rule '{rule}': use 'on_date' or 'first_of_next_month'."
        ) from None


def _check_term_period(period: Period, what: str) -> Period:
    if period.months is None and period.days is None:
        raise DeadlineInputError(
            f"The {what} cannot be given in {period.unit.value.replace('_', ' ')}; use days, "
            "weeks, months or years."
        )
    return period


def term_period(
    number: int, *, start: date, initial_term: Period, renewal_term: Period | None
) -> TermPeriod:
    """Term `number` (1 = the initial term, 2 = the first renewal, ...), computed directly."""
    if number < 1 or (number > 1 and renewal_term is None):
        raise DeadlineInputError(f"The contract has no term number {number}.")
    first_end = arithmetic.term_end(start, initial_term)
    if number == 1:
        return TermPeriod(1, start, first_end)
    assert renewal_term is not None
    return TermPeriod(
        number,
        arithmetic.add_days(
            _renewal_end(start, first_end, initial_term, renewal_term, number - 2), 1
        ),
        _renewal_end(start, first_end, initial_term, renewal_term, number - 1),
    )


def _renewal_end(
    start: date, first_end: date, initial: Period, renewal: Period, renewals: int
) -> date:
    """Last day after `renewals` renewal terms (0: the initial term's end)."""
    if renewals == 0:
        return first_end
    if initial.months is not None and renewal.months is not None:
        return arithmetic.term_end_after_months(start, initial.months + renewals * renewal.months)
    renewal_start = arithmetic.add_days(first_end, 1)
    if renewal.months is not None:
        return arithmetic.term_end_after_months(renewal_start, renewals * renewal.months)
    return arithmetic.term_end_after_days(renewal_start, renewals * (renewal.days or 0))


def notice_deadline_for_term(
    term: TermPeriod, *, notice: Period, setting: Setting, lines: Sequence[str] = ()
) -> TermDeadlineResult:
    """The notice deadline "N to the end of the term" for one term; `lines` come first."""
    result = compute_in_setting(setting, period=notice, relation=Relation.UNTIL, anchor=term.end)
    header = len(setting.header)
    explanation = [
        *result.explanation[:header],
        *lines,
        *result.explanation[header:],
    ]
    values = {f.name: getattr(result, f.name) for f in fields(result)}
    values["explanation"] = explanation
    return TermDeadlineResult(
        **values, term_start=term.start, term_end=term.end, term_number=term.number
    )


def notice_deadlines(
    *,
    term_start: date,
    initial_term: Period | str,
    renewal_term: Period | str | None,
    notice: Period | str,
    law: str | None = None,
    calendars: Sequence[str] = (),
    timezone: str | None = None,
    place: str | None = None,
    start_rule: StartRule | str = StartRule.ON_DATE,
    first_term: int = 1,
    count: int = 3,
) -> list[TermDeadlineResult]:
    """The notice deadlines of `count` consecutive terms, starting with term `first_term`."""
    setting = setting_for(law=law, calendars=calendars, timezone=timezone, place=place)
    start = term_start_for(term_start, start_rule)
    initial = _check_term_period(as_period(initial_term), "initial term")
    renewal = _renewal(renewal_term)
    notice_period = as_period(notice)
    last = first_term + count - 1 if renewal is not None else min(first_term + count - 1, 1)
    results = []
    for number in range(first_term, last + 1):
        term = term_period(number, start=start, initial_term=initial, renewal_term=renewal)
        lines = _term_lines(term, term_start, start_rule, start, initial, renewal, setting)
        results.append(
            notice_deadline_for_term(term, notice=notice_period, setting=setting, lines=lines)
        )
    return results


def _renewal(renewal_term: Period | str | None) -> Period | None:
    if renewal_term is None or (isinstance(renewal_term, str) and not renewal_term.strip()):
        return None
    return _check_term_period(as_period(renewal_term), "renewal term")


def next_notice_deadline(
    *,
    term_start: date,
    initial_term: Period | str,
    renewal_term: Period | str | None,
    notice: Period | str,
    as_of: date,
    law: str | None = None,
    calendars: Sequence[str] = (),
    timezone: str | None = None,
    place: str | None = None,
    start_rule: StartRule | str = StartRule.ON_DATE,
) -> TermDeadlineResult:
    """The next notice deadline that can still be met on `as_of` (deadline >= as_of).

    term_start is the effective date (the term's first day under StartRule.ON_DATE)."""
    setting = setting_for(law=law, calendars=calendars, timezone=timezone, place=place)
    start = term_start_for(term_start, start_rule)
    initial = _check_term_period(as_period(initial_term), "initial term")
    renewal = _renewal(renewal_term)
    notice_period = as_period(notice)
    if as_of < term_start:
        raise DeadlineInputError(
            f"The as-of day {as_of.isoformat()} is before the contract starts "
            f"({term_start.isoformat()}); give a day on or after the start."
        )

    def deadline_of(number: int) -> date:
        term = term_period(number, start=start, initial_term=initial, renewal_term=renewal)
        return compute_in_setting(
            setting, period=notice_period, relation=Relation.UNTIL, anchor=term.end
        ).deadline

    number = _first_term_meeting(deadline_of, as_of, renews=renewal is not None)
    term = term_period(number, start=start, initial_term=initial, renewal_term=renewal)
    lines = _term_lines(term, term_start, start_rule, start, initial, renewal, setting)
    if number > 1:
        passed = deadline_of(number - 1)
        lines.append(
            f"As of {format_day(as_of)} the notice deadline {format_day(passed)} of term "
            f"{number - 1} has passed, so that term renews; the next notice deadline that can "
            f"still be met is for term {number}, ending {term.end.isoformat()}."
        )
    return notice_deadline_for_term(term, notice=notice_period, setting=setting, lines=lines)


def _first_term_meeting(deadline_of: _DeadlineOf, as_of: date, *, renews: bool) -> int:
    """The smallest term number whose notice deadline is on or after `as_of`.

    Notice deadlines grow with the term number, so an exponential then a binary search finds
    it in a few dozen steps even for a daily renewal far in the future."""
    if deadline_of(1) >= as_of:
        return 1
    if not renews:
        raise DeadlineInputError(
            f"The only notice deadline, {deadline_of(1).isoformat()}, has passed on "
            f"{as_of.isoformat()}, and the contract does not renew: no notice deadline is left."
        )
    low, high = 1, 2  # deadline_of(low) < as_of; find high with deadline_of(high) >= as_of
    while _before(deadline_of, high, as_of):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if _before(deadline_of, middle, as_of):
            low = middle
        else:
            high = middle
    return high


def _before(deadline_of: _DeadlineOf, number: int, as_of: date) -> bool:
    try:
        return deadline_of(number) < as_of
    except DeadlineInputError:
        return False  # beyond the year 9999, so certainly not before as_of


def _term_lines(
    term: TermPeriod,
    effective: date,
    start_rule: StartRule | str,
    start: date,
    initial: Period,
    renewal: Period | None,
    setting: Setting,
) -> list[str]:
    law = setting.law
    lines: list[str] = []
    if start != effective:
        lines.append(
            f"The effective date {effective.isoformat()} is not the first of a month, so the "
            f"term begins on the first day of the following calendar month, {start.isoformat()}."
        )
    elif _start_rule(start_rule) is StartRule.FIRST_OF_NEXT_MONTH:
        lines.append(f"The effective date {start.isoformat()} is a 1st, so the term begins on it.")
    first_end = arithmetic.term_end(start, initial)
    lines.append(
        f"The initial term of {initial} runs from {start.isoformat()} to {first_end.isoformat()}: "
        "the first day counts, and the term ends on the day before the day that corresponds to "
        f"it, or on the month's last day where there is no such day{cite(law.term_citation)}."
    )
    if renewal is None:
        lines.append("The contract names no renewal term: it ends with the initial term.")
    elif term.number > 1:
        basis = (
            f"counted from the original start {start.isoformat()} so that month ends do not drift"
            if initial.months is not None and renewal.months is not None
            else f"counted from the first renewal's start {arithmetic.add_days(first_end, 1)}"
        )
        lines.append(
            f"Renewal terms of {renewal} follow with no gap, {basis}: term {term.number} runs "
            f"from {term.start.isoformat()} to {term.end.isoformat()}."
        )
    return lines


def terms_before_renewals_end(
    notices: Sequence[TermDeadlineResult], *, renewals_end_on: date, notice_to_end: bool
) -> list[TermDeadlineResult]:
    """The terms' deadlines that still matter once a notice has ended the renewals from
    `renewals_end_on`: a notice to stop a renewal is no longer needed for any term running on or
    after that day (the notice has been given); a duty counted from a term's end keeps the
    term the contract ends with and drops the renewals that no longer follow."""
    if notice_to_end:
        return [item for item in notices if item.term_end < renewals_end_on]
    last_end = next((item.term_end for item in notices if item.term_end >= renewals_end_on), None)
    return [item for item in notices if last_end is None or item.term_end <= last_end]
