"""Which dates an obligation's time rule counts from, for the deadline recomputation.

An obligation names its anchor as a short word ("invoice_receipt", "term_end", "quarter_end");
this module decides what in the contract supplies the dates: the term schedule, the logged events
of a kind, or the calendar (quarter, month or year ends).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from obligations.models.choices import EventKind


class AnchorSource(StrEnum):
    TERM_END = "term_end"
    EVENT = "event"
    PERIOD_END = "period_end"
    NONE = "none"


@dataclass(frozen=True)
class AnchorRule:
    source: AnchorSource
    event_kinds: tuple[str, ...] = ()
    months_per_period: int = 0  # for PERIOD_END: 1 month, 3 quarter, 12 year


_EVENT_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("invoice",), EventKind.INVOICE_RECEIVED),
    (("terminat", "surrender", "transfer", "data_return"), EventKind.TERMINATION),
    (("change", "amend", "modif", "announce"), EventKind.CHANGE_ANNOUNCED),
    (("notice", "notif", "request", "receipt"), EventKind.NOTICE_RECEIVED),
)
_PERIOD_WORDS = (("quarter", 3), ("month", 1), ("half_year", 6), ("year", 12), ("annual", 12))
_RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "annually": 12}


def anchor_rule(*, anchor: str, relation: str, recurrence: str) -> AnchorRule:
    word = anchor.lower()
    parts = set(word.split("_"))
    is_term = bool(parts & {"term", "renewal", "expiry", "expiration", "agreement", "contract"})
    if is_term and relation == "before":
        return AnchorRule(AnchorSource.TERM_END)
    if is_term:
        # "30 days after the end of the agreement": counted from when the agreement ends.
        return AnchorRule(AnchorSource.EVENT, (EventKind.TERMINATION,))
    for part, months in _PERIOD_WORDS:
        if part in word and ("end" in word or word == part or recurrence):
            return AnchorRule(AnchorSource.PERIOD_END, months_per_period=months)
    for stems, kind in _EVENT_WORDS:
        if any(stem in word for stem in stems):
            return AnchorRule(AnchorSource.EVENT, (kind,))
    if recurrence in _RECURRENCE_MONTHS:
        return AnchorRule(AnchorSource.PERIOD_END, months_per_period=_RECURRENCE_MONTHS[recurrence])
    return AnchorRule(AnchorSource.NONE)


def period_ends(*, months: int, since: dt.date, until: dt.date) -> list[dt.date]:
    """Last days of calendar months, quarters or years in [since, until]."""
    ends = []
    year, month = since.year, since.month
    while True:
        if month % months == 0:
            next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
            end = next_first - dt.timedelta(days=1)
            if end > until:
                return ends
            if end >= since:
                ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
