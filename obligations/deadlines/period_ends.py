"""Notice "to the end of a period": "three months' notice to the end of a calendar quarter",
"30 days' notice effective at the end of a calendar month", "four weeks to the fifteenth or to
the end of a month" (BGB §622(1)).

The notice takes effect at the end of a period of the calendar (or of the contract year); the
answer is the next such end that can still be reached: the earliest end E whose notice deadline
"N to the end of E" is on or after the day asked about. Each end E is counted like any notice
to the end of a day (engine.py, Relation.UNTIL), so weekends and holidays do not move it and
act_by is the last business day on or before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any

from obligations.deadlines import arithmetic
from obligations.deadlines.calendars import format_day
from obligations.deadlines.engine import Setting, as_period, compute_in_setting, setting_for
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.periods import Period, Unit
from obligations.deadlines.results import DeadlineResult, Relation


class PeriodEnd(StrEnum):
    """The ends a notice may take effect at."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    CONTRACT_YEAR = "contract_year"  # counted from the contract's start
    FIFTEENTH_OR_MONTH = "fifteenth_or_month"  # the 15th or the last day of a month


PERIOD_END_LABELS: dict[PeriodEnd, str] = {
    PeriodEnd.MONTH: "a calendar month",
    PeriodEnd.QUARTER: "a calendar quarter",
    PeriodEnd.HALF_YEAR: "a calendar half-year",
    PeriodEnd.YEAR: "a calendar year",
    PeriodEnd.CONTRACT_YEAR: "a contract year",
    PeriodEnd.FIFTEENTH_OR_MONTH: "the fifteenth or the end of a calendar month",
}
# The anchor names obligations use for these ends (one vocabulary with the extractor).
ANCHOR_PERIOD_ENDS: dict[str, PeriodEnd] = {
    "month_end": PeriodEnd.MONTH,
    "mid_or_month_end": PeriodEnd.FIFTEENTH_OR_MONTH,
    "quarter_end": PeriodEnd.QUARTER,
    "half_year_end": PeriodEnd.HALF_YEAR,
    "year_end": PeriodEnd.YEAR,
    "contract_year_end": PeriodEnd.CONTRACT_YEAR,
}
_MONTHS_PER_END = {
    PeriodEnd.MONTH: 1,
    PeriodEnd.QUARTER: 3,
    PeriodEnd.HALF_YEAR: 6,
    PeriodEnd.YEAR: 12,
}
_WORDS: dict[str, PeriodEnd] = {
    "month": PeriodEnd.MONTH,
    "quarter": PeriodEnd.QUARTER,
    "half year": PeriodEnd.HALF_YEAR,
    "year": PeriodEnd.YEAR,
    "contract year": PeriodEnd.CONTRACT_YEAR,
    "15th or month": PeriodEnd.FIFTEENTH_OR_MONTH,
    "fifteenth or month": PeriodEnd.FIFTEENTH_OR_MONTH,
}


def parse_period_end(text: str) -> PeriodEnd:
    """'quarter', 'calendar quarter', 'half-year', 'contract year', '15th or month',
    'the fifteenth or the end of a month' -> PeriodEnd."""
    key = text.strip().lower().replace("_", " ").replace("-", " ")
    key = re.sub(r"\b(?:the|a|an|of|end|calendar)\b", " ", key)
    key = re.sub(r"\bto\b", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    key = key.removesuffix(" end").removesuffix("s")
    if key in _WORDS:
        return _WORDS[key]
    try:
        return PeriodEnd(text.strip().lower())
    except ValueError:
        raise DeadlineInputError(
            f"'{text}' is not a period end this tracker knows: use month, quarter, half-year, "
            "year, contract-year or 15th-or-month."
        ) from None


def _period_end(value: PeriodEnd | str) -> PeriodEnd:
    return value if isinstance(value, PeriodEnd) else parse_period_end(value)


def ends_from(kind: PeriodEnd, day: date, *, contract_start: date | None = None) -> Iterator[date]:
    """The ends of `kind` on or after `day`, in order (Q2 2026 ends 2026-06-30, ...)."""
    if kind is PeriodEnd.CONTRACT_YEAR:
        if contract_start is None:
            raise DeadlineInputError(
                "Notice to the end of a contract year needs the contract's start date."
            )
        years = 1
        while True:
            end = arithmetic.term_end_after_months(contract_start, 12 * years)
            if end >= day:
                yield end
            years += 1
    if kind is PeriodEnd.FIFTEENTH_OR_MONTH:
        month_start = day.replace(day=1)
        while True:
            for end in (month_start.replace(day=15), arithmetic.last_day_of_month(month_start)):
                if end >= day:
                    yield end
            month_start = arithmetic.add_months(month_start, 1)
    months = _MONTHS_PER_END[kind]
    month = ((day.month - 1) // months + 1) * months  # last month of the period `day` is in
    end = arithmetic.last_day_of_month(date(day.year, month, 1))
    while True:
        yield end
        end = arithmetic.last_day_of_month(arithmetic.add_months(end.replace(day=1), months))


@dataclass(frozen=True)
class PeriodEndNoticeResult(DeadlineResult):
    """The next notice deadline to the end of a period, with the end it takes effect at."""

    effective_end: date
    to_end_of: str

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["effective_end"] = self.effective_end.isoformat()
        data["to_end_of"] = self.to_end_of
        return data


def notice_to_period_end(
    *,
    notice: Period | str,
    to_end_of: PeriodEnd | str,
    as_of: date,
    law: str | None = None,
    calendars: Sequence[str] = (),
    timezone: str | None = None,
    place: str | None = None,
    contract_start: date | None = None,
) -> PeriodEndNoticeResult:
    """The next deadline, on or after `as_of`, for notice of `notice` to the end of a period.

    notice_to_period_end(notice="3 months", to_end_of="quarter", as_of=date(2026, 3, 31),
    law="DE") is due 2026-03-31 (for 2026-06-30); asked on 2026-04-01 it is 2026-06-30 (for
    2026-09-30)."""
    setting = setting_for(law=law, calendars=calendars, timezone=timezone, place=place)
    return notice_to_period_end_in_setting(
        setting,
        notice=as_period(notice),
        to_end_of=_period_end(to_end_of),
        as_of=as_of,
        contract_start=contract_start,
    )


def notice_to_period_end_in_setting(
    setting: Setting,
    *,
    notice: Period,
    to_end_of: PeriodEnd,
    as_of: date,
    contract_start: date | None = None,
) -> PeriodEndNoticeResult:
    if notice.unit is Unit.HOURS:
        raise DeadlineInputError(
            "A notice to the end of a period cannot be given in hours; use days, weeks or months."
        )
    label = PERIOD_END_LABELS[to_end_of]
    missed: tuple[date, date] | None = None
    for end in ends_from(to_end_of, as_of, contract_start=contract_start):
        result = compute_in_setting(setting, period=notice, relation=Relation.UNTIL, anchor=end)
        if result.deadline >= as_of:
            break
        missed = (end, result.deadline)
    lines = [f"Notice of {notice} to the end of {label}."]
    if missed is not None:
        lines.append(
            f"As of {format_day(as_of)} the end {missed[0].isoformat()} can no longer be "
            f"reached: its notice was due by {format_day(missed[1])}."
        )
    lines.append(
        f"The next end that can still be reached is {format_day(end)}; the notice takes effect "
        "then."
    )
    header = len(setting.header)
    values = {f.name: getattr(result, f.name) for f in fields(DeadlineResult)}
    values["explanation"] = [
        *result.explanation[:header],
        *lines,
        *result.explanation[header:],
    ]
    return PeriodEndNoticeResult(**values, effective_end=end, to_end_of=to_end_of.value)
