"""Deadlines from a time rule: a period, how it relates to an anchor day, the governing law,
the holiday calendars and the time zone. Every step adds a line to the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from obligations.deadlines import arithmetic
from obligations.deadlines.calendars import (
    HolidayCalendar,
    format_day,
    widely_held_regional_holiday,
)
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.laws import GoverningLaw, ShiftRule
from obligations.deadlines.periods import Period, Unit, parse_period
from obligations.deadlines.results import DeadlineResult, Relation
from obligations.deadlines.setting import Setting, no_rule, setting_for
from obligations.deadlines.timezones import add_hours, end_of_day, localize, start_of_day

__all__ = ["Setting", "as_period", "cite", "compute_deadline", "compute_in_setting", "setting_for"]


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def compute_deadline(
    *,
    period: Period | str,
    relation: Relation | str,
    anchor: date | datetime,
    law: str | None = None,
    calendars: Sequence[str] = (),
    timezone: str | None = None,
    place: str | None = None,
) -> DeadlineResult:
    """The deadline of one time rule.

    period:    Period or text ("30 days", "3 working days", "2 months", "24 hours").
    relation:  "after" (within N after event E), "until" (N to the end of day E, e.g. the last
               day of a term), "before" (N before day X, the first day of a new state).
    anchor:    the day E or X; a datetime (naive = wall time in `timezone`) for hours.
    law:       governing law code ("DE", "CH", "US-NY", ...) or None.
    calendars: holiday calendar codes ("DE", "DE-BE", "TARGET"); default: the law's.
    timezone:  IANA zone of the place of receipt; default: the law's, else UTC.
    place:     place of performance ("CH-BE", "DE-BY"): its holidays move a deadline too.
    """
    setting = setting_for(law=law, calendars=calendars, timezone=timezone, place=place)
    return compute_in_setting(
        setting, period=as_period(period), relation=relation_of(relation), anchor=anchor
    )


def relation_of(relation: Relation | str) -> Relation:
    try:
        return Relation(relation)
    except ValueError:
        raise DeadlineInputError(
            f"Unknown relation '{relation}': use 'after', 'until' (to the end of a day) or "
            "'before' (before a day)."
        ) from None


def compute_in_setting(
    setting: Setting, *, period: Period, relation: Relation, anchor: date | datetime
) -> DeadlineResult:
    lines = list(setting.header)
    if period.unit is Unit.HOURS:
        return _in_hours(setting, lines, period, relation, anchor)
    day = _local_day(anchor, setting.tz)
    if relation is Relation.AFTER:
        unshifted = _count_forward(setting, lines, period, day)
        deadline = _shift_forward(setting, lines, period, day, unshifted)
    else:
        if relation is Relation.UNTIL:
            unshifted = _count_until(setting, lines, period, day)
        else:
            unshifted = _count_before(setting, lines, period, day)
        deadline = unshifted
        lines.append(_backward_not_moved(setting.law))
    act_by = _act_by(setting, lines, deadline)
    deadline_at = end_of_day(deadline, setting.tz)
    lines.append(
        f"The deadline ends at 24:00 on {format_day(deadline)}, {setting.tz.key} time "
        f"({deadline_at.isoformat()})."
    )
    return DeadlineResult(
        deadline=deadline,
        act_by=act_by,
        unshifted=unshifted,
        explanation=lines,
        deadline_at=deadline_at,
        act_by_at=end_of_day(act_by, setting.tz),
        unshifted_at=end_of_day(unshifted, setting.tz),
        timezone=setting.tz.key,
        in_hours=False,
    )


def _local_day(moment: date | datetime, tz: ZoneInfo) -> date:
    """The calendar day of the anchor at the place of receipt; a naive time is local."""
    if isinstance(moment, datetime):
        return moment.astimezone(tz).date() if moment.tzinfo is not None else moment.date()
    return moment


def _count_forward(setting: Setting, lines: list[str], period: Period, event: date) -> date:
    law = setting.law
    if period.unit is Unit.BUSINESS_DAYS:
        end = arithmetic.forward_business_days(event, period.amount, setting.counting)
        skipped = _holidays_between(setting.counting, event, end)
        line = (
            f"{period} after {format_day(event)} on {setting.counting.label}, not counting the "
            f"day of the event, Saturdays, Sundays or holidays, is {format_day(end)}"
        )
        lines.append(line + (f"; holidays skipped: {'; '.join(skipped)}." if skipped else "."))
        return end
    end = arithmetic.forward(event, period)
    lines.append(
        f"The day of the event, {event.isoformat()}, is not counted{cite(law.start_citation)}."
    )
    if period.months is not None and not arithmetic.month_exists_day(event, period.months):
        lines.append(
            f"{period} after {event.isoformat()}: the month of the end has no day "
            f"{event.day}, so the period ends on its last day, {end.isoformat()}"
            f"{cite(law.end_citation)}."
        )
    return end


def _holidays_between(holidays: HolidayCalendar, after: date, until: date) -> list[str]:
    """Weekday holidays in (after, until]: the days that made a business-day count longer."""
    found: list[str] = []
    day = after + timedelta(days=1)
    while day <= until:
        if day.weekday() < 5 and holidays.is_holiday(day):
            found.append(f"{format_day(day)} {', '.join(holidays.holiday_names(day))}")
        day += timedelta(days=1)
    return found


def _shift_forward(
    setting: Setting, lines: list[str], period: Period, event: date, unshifted: date
) -> date:
    law = setting.law
    counted = f"{period} after {event.isoformat()} is {format_day(unshifted)}"
    rule = law.shift
    if rule is ShiftRule.NONE:
        if setting.acting.is_business_day(unshifted):
            lines.append(f"{counted}, a business day.")
        else:
            lines.append(
                f"{counted}; it is not moved to a later day, because {no_rule(law)} (the "
                "earlier reading)."
            )
        return unshifted
    moved_over: list[date] = []
    day = unshifted
    while _law_moves(law, setting.shifting, day):
        moved_over.append(day)
        day = arithmetic.add_days(day, 1)
    if not moved_over:
        _note_ignored_holiday(setting, lines, unshifted)
        if rule is ShiftRule.SUNDAY_HOLIDAY and unshifted.weekday() == 5:
            lines.append(
                f"{counted}; {law.shift_citation} moves only a Sunday or public holiday, not a "
                "Saturday, so it stays."
            )
        else:
            lines.append(f"{counted}, a working day, so {law.shift_citation} does not move it.")
        _note_observed_not_moved(setting, lines, unshifted)
        _note_region_unknown(setting, lines, unshifted)
        return unshifted
    reasons = "; ".join(
        f"{format_day(d)} is {setting.shifting.why_not_business_day(d) or 'a day off'}"
        for d in moved_over
    )
    lines.append(f"{counted}; {law.shift_citation} moves it to {format_day(day)} ({reasons}).")
    _note_observed_not_moved(setting, lines, day)
    _note_unapplied_holiday(setting, lines, day)
    _note_region_unknown(setting, lines, day)
    return day


def _law_moves(law: GoverningLaw, public_holidays: HolidayCalendar, day: date) -> bool:
    if day.weekday() == 6 or _counted_holiday(law, public_holidays, day):
        return True
    return law.shift is ShiftRule.SATURDAY_SUNDAY_HOLIDAY and day.weekday() == 5


def _counted_holiday(law: GoverningLaw, public_holidays: HolidayCalendar, day: date) -> bool:
    return any(
        name not in law.shift_ignores and not _observed_not_kept(law, name, day)
        for name in _single_names(public_holidays, day)
    )


def _observed_not_kept(law: GoverningLaw, name: str, day: date) -> bool:
    """A substitute day the law does not keep: under NY GCL §24 only a Sunday holiday is kept
    on the Monday; the Friday before a Saturday holiday is a business day."""
    return law.observed_monday_only and name.endswith("(observed)") and day.weekday() != 0


def _note_observed_not_moved(setting: Setting, lines: list[str], day: date) -> None:
    law = setting.law
    names = [n for n in _single_names(setting.shifting, day) if _observed_not_kept(law, n, day)]
    if names and not _counted_holiday(law, setting.shifting, day) and day.weekday() < 5:
        lines.append(
            f"{format_day(day)} is {', '.join(names)} on the holiday calendar, but "
            f"{law.label} law keeps a holiday on another day only when it falls on a Sunday "
            f"(NY GCL §24: then on the Monday), so {law.shift_citation} does not move the "
            "deadline off it (the earlier reading)."
        )


def _note_region_unknown(setting: Setting, lines: list[str], day: date) -> None:
    """Say which reading was taken when the deadline falls on a holiday most cantons keep."""
    if setting.region_unknown is None:
        return
    found = widely_held_regional_holiday(setting.region_unknown, day)
    if found is None:
        return
    name, keeping, total = found
    lines.append(
        f"{format_day(day)} is {name} in {keeping} of {total} cantons, but not a nationwide "
        f"holiday, and no canton of the place of performance is known: "
        f"{setting.law.shift_citation} is not applied for it (the earlier reading). Name the "
        "canton if the deadline should move."
    )


def _single_names(calendar: HolidayCalendar, day: date) -> list[str]:
    """'Susan B. Anthony Day; Washington's Birthday (US-NY)' -> both names, one by one."""
    return [
        single
        for labelled in calendar.holiday_names(day)
        for single in labelled.rsplit(" (", 1)[0].split("; ")
    ]


def _note_ignored_holiday(setting: Setting, lines: list[str], day: date) -> None:
    ignores = setting.law.shift_ignores
    if not ignores or day.weekday() >= 5:
        return
    names = _single_names(setting.shifting, day)
    if names and all(name in ignores for name in names):
        lines.append(
            f"{format_day(day)} is {', '.join(names)}, which {setting.law.label} law does not "
            f"clearly list as a public holiday, so {setting.law.shift_citation} is not applied for "
            "it (the earlier reading)."
        )


def _note_unapplied_holiday(setting: Setting, lines: list[str], day: date) -> None:
    """Say so when a contract calendar marks the deadline as a holiday the law does not move."""
    if setting.counting.is_holiday(day) and not setting.shifting.is_holiday(day):
        names = ", ".join(setting.counting.holiday_names(day))
        lines.append(
            f"{format_day(day)} is {names}, but not a public holiday of {setting.law.label}; "
            f"{setting.law.shift_citation} is applied with {setting.law.label} holidays only "
            "(the earlier reading)."
        )


def _count_until(setting: Setting, lines: list[str], period: Period, end: date) -> date:
    """'N to the end of E': the latest day from which N still fits before E is over."""
    if period.unit is Unit.BUSINESS_DAYS:
        day = arithmetic.until_business_days(end, period.amount, setting.counting)
        lines.append(
            f"{period} to the end of {format_day(end)} on {setting.counting.label}: "
            f"{period} counted from the day after {format_day(day)} still end on or before "
            f"{end.isoformat()}, so the notice must be received by {format_day(day)}."
        )
        return day
    day = arithmetic.until(end, period)
    if period.months is not None and arithmetic.is_month_end(end):
        lines.append(
            f"{period} to the end of {end.isoformat()}: {end.isoformat()} is the last day of its "
            f"month, so the notice must be received by the last day of the month {period} "
            f"earlier, {format_day(day)}."
        )
    elif period.months is not None:
        lines.append(
            f"{period} to the end of {end.isoformat()}: counted from the day after "
            f"{format_day(day)}, {period} end on {arithmetic.forward(day, period).isoformat()}, "
            f"so the notice must be received by {format_day(day)}."
        )
    else:
        lines.append(
            f"{period} to the end of {end.isoformat()}: {end.isoformat()} minus {period} is "
            f"{format_day(day)}, the last day the notice can be received."
        )
    return day


def _count_before(setting: Setting, lines: list[str], period: Period, first: date) -> date:
    """'No later than N before X': the period lies wholly before day X."""
    law = setting.law
    if law.before_counts_act_day:
        if period.unit is Unit.BUSINESS_DAYS:
            day = arithmetic.nth_business_day_before(first, period.amount, setting.counting)
        elif period.days is not None:
            day = arithmetic.add_days(first, -period.days)
        else:
            day = arithmetic.add_months(first, -(period.months or 0))
        lines.append(
            f"{period} before {format_day(first)}: {law.before_citation} leaves out only the day "
            f"{first.isoformat()} itself and counts the day of the act, so the act is due by "
            f"{format_day(day)}."
        )
        return day
    last_counted = arithmetic.add_days(first, -1)
    if period.unit is Unit.BUSINESS_DAYS:
        day = arithmetic.until_business_days(last_counted, period.amount, setting.counting)
    else:
        day = arithmetic.until(last_counted, period)
    why = law.before_citation if law.known else f"the earlier reading, as {no_rule(law)}"
    lines.append(
        f"{period} before {format_day(first)}: neither {first.isoformat()} nor the day of the "
        f"act is counted ({why}), so {period} must fit between them and the act is due by "
        f"{format_day(day)}."
    )
    return day


def cite(citation: str) -> str:
    return f" ({citation})" if citation else ""


def _backward_not_moved(law: GoverningLaw) -> str:
    cite = " (BGH III ZR 172/04)" if law.country == "DE" else ""
    return (
        "A deadline counted backward is not moved for weekends or holidays, since a later day "
        f"would shorten the period{cite}."
    )


def _act_by(setting: Setting, lines: list[str], deadline: date) -> date:
    act_by = setting.acting.previous_business_day(deadline)
    while _regional_day_off(setting, act_by):
        act_by = setting.acting.previous_business_day(act_by - timedelta(days=1))
    if act_by == deadline:
        lines.append(
            f"Act by {format_day(act_by)}: it is a business day on {setting.acting.label}."
        )
        return act_by
    days_off = []
    day = deadline
    while day > act_by:
        days_off.append(f"{format_day(day)} is {_why_day_off(setting, day)}")
        day -= timedelta(days=1)
    lines.append(
        f"Act by {format_day(act_by)}, the last business day on or before the deadline on "
        f"{setting.acting.label} ({'; '.join(days_off)})."
    )
    return act_by


def _regional_day_off(setting: Setting, day: date) -> str | None:
    """'Good Friday in 24 of 26 cantons' when the region is unknown and most keep the day."""
    if setting.region_unknown is None:
        return None
    found = widely_held_regional_holiday(setting.region_unknown, day)
    if found is None:
        return None
    name, keeping, total = found
    return f"{name} in {keeping} of {total} cantons (no canton known)"


def _why_day_off(setting: Setting, day: date) -> str:
    if setting.acting.is_business_day(day):
        return _regional_day_off(setting, day) or "a business day"
    return setting.acting.why_not_business_day(day)


def _in_hours(
    setting: Setting,
    lines: list[str],
    period: Period,
    relation: Relation,
    anchor: date | datetime,
) -> DeadlineResult:
    tz = setting.tz
    if isinstance(anchor, datetime):
        start = localize(anchor, tz)
    elif relation is Relation.UNTIL:
        start = end_of_day(anchor, tz)
        lines.append(f"The period runs out at 24:00 on {format_day(anchor)} ({start.isoformat()}).")
    else:
        start = start_of_day(anchor, tz)
        if relation is Relation.AFTER:
            lines.append(
                f"No time of day is given for {anchor.isoformat()}; hours are counted from "
                "00:00, the earliest reading."
            )
    if relation is Relation.AFTER:
        instant = add_hours(start, period.amount)
        word = "after"
    else:
        instant = add_hours(start, -period.amount)
        word = "before"
    note = ""
    if instant.utcoffset() != start.utcoffset():
        note = "; the clocks change in between, and hours count elapsed time"
    lines.append(
        f"{period} {word} {start.isoformat()} is {instant.isoformat()} ({tz.key}{note}). "
        "Periods in hours are not moved for weekends or holidays."
    )
    local_day = instant.date()
    act_by = _act_by(setting, lines, local_day)
    act_by_at = instant if act_by == local_day else end_of_day(act_by, tz)
    return DeadlineResult(
        deadline=local_day,
        act_by=act_by,
        unshifted=local_day,
        explanation=lines,
        deadline_at=instant,
        act_by_at=act_by_at,
        unshifted_at=instant,
        timezone=tz.key,
        in_hours=True,
    )
