"""Where an obligation's dates come from, and whether it can be dated at all.

The anchor vocabulary (obligations.vocabulary.anchors) says, for each anchor code, what supplies
its date: the term schedule, a fact on the contract, a logged event (the day it happened or the
day it takes effect) or the end of a calendar period. This module reads the contract and its
events through that vocabulary. It also says, for a confirmed obligation with a period, which of
three states it is in: it has deadlines; it waits for something named (an event to be logged, a
fact to be entered); or it cannot be dated, with the reason in words. Nothing is left in none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from obligations.models.choices import DatingState
from obligations.vocabulary.anchors import (
    EVENT_KIND_BY_CODE,
    Anchor,
    AnchorSource,
    BeforeReading,
    EventDate,
    UnknownAnchor,
    anchor_for,
)

if TYPE_CHECKING:
    from obligations.models import Contract, Event, Obligation

ENGINE_UNITS = {"hours", "days", "business_days", "weeks", "months", "years"}
_RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "annually": 12}


@dataclass(frozen=True)
class Dating:
    """Which of the three states an obligation is in, and in words what it waits for or why it
    cannot be dated (empty when it has deadlines)."""

    state: DatingState
    message: str = ""


class CannotDate(Exception):
    """The obligation cannot be dated as it stands; the message says why or what it waits for."""

    def __init__(self, message: str, *, waiting: bool = False, elsewhere: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.waiting = waiting
        # Dated all the same, by another obligation's deadlines (an amendment's restated notice
        # is counted in the agreement's notice deadline): not a problem to report.
        self.elsewhere = elsewhere


def obligation_anchor(obligation: Obligation) -> Anchor:
    """The obligation's anchor from the vocabulary; a blank or unknown code cannot be dated."""
    if not obligation.anchor:
        raise CannotDate(
            "it does not say what the period counts from; choose the event it counts from "
            "in the review form."
        )
    try:
        return anchor_for(obligation.anchor)
    except UnknownAnchor:
        raise CannotDate(
            f"it counts from “{obligation.anchor_phrase or obligation.anchor}”, which the tracker "
            "does not recognise; choose the event it counts from in the review form."
        ) from None


def engine_relation(*, relation: str, anchor: Anchor) -> str:
    """The engine's relation: "before" reads from the anchor. Notice before the end of a term may
    be given until that day is over; notice before a change must lie wholly before it."""
    if relation != "before":
        return "after"
    return "until" if anchor.before is BeforeReading.UNTIL_END_OF_DAY else "before"


def period_months(*, anchor: Anchor, recurrence: str) -> int:
    if anchor.months_per_period:
        return anchor.months_per_period
    if recurrence in _RECURRENCE_MONTHS:
        return _RECURRENCE_MONTHS[recurrence]
    raise CannotDate(
        "it counts from the end of a period but does not say how long the period is; "
        "set it to recur monthly, quarterly or annually, or choose a calendar period."
    )


def check_countable(obligation: Obligation) -> None:
    if obligation.period_unit not in ENGINE_UNITS:
        raise CannotDate(
            f"a period in {obligation.get_period_unit_display()} is not counted automatically "
            "because the contract defines no working hours; count it by hand or correct the "
            "period to hours or days."
        )


def fixed_date(contract: Contract, anchor: Anchor) -> dt.date:
    """The contract fact a CONTRACT_START or EFFECTIVE_DATE anchor counts from."""
    if anchor.source is AnchorSource.SIGNATURE_DATE:
        raise CannotDate(
            "it counts from the day the contract was signed, which the tracker does not record; "
            "count it by hand or choose the contract's start date as the anchor."
        )
    if contract.start_date is None:
        raise CannotDate("needs the contract's start date; enter it in the facts.", waiting=True)
    return contract.start_date


def check_term_facts(contract: Contract) -> None:
    if contract.start_date is None or contract.initial_term_amount is None:
        missing = " and ".join(
            name
            for name, value in (
                ("start date", contract.start_date),
                ("initial term", contract.initial_term_amount),
            )
            if value is None
        )
        raise CannotDate(f"needs the contract's {missing}; enter it in the facts.", waiting=True)


@dataclass(frozen=True)
class EventAnchor:
    """A logged event and the day of it that counts for an anchor."""

    event: Event
    day: dt.date
    preface: str


def event_anchors(
    anchor: Anchor, events: Iterable[Event], *, phrase: str = ""
) -> list[EventAnchor]:
    """The logged events an EVENT anchor counts from, with the day that counts; with none logged
    (or none with the day it takes effect) the obligation waits, and says for what (in the
    contract's words too, when the kind alone would not say it)."""
    kind = EVENT_KIND_BY_CODE.get(anchor.event_kind)
    kind_label = kind.label if kind else anchor.label
    if phrase and anchor.event_kind == "other":
        kind_label = f"{kind_label} (“{phrase}”)"
    of_kind = [event for event in events if event.kind == anchor.event_kind]
    if not of_kind:
        raise CannotDate(
            f"waiting for an event: {kind_label} — log one to get a date.", waiting=True
        )
    found = []
    for event in of_kind:
        if anchor.event_date is EventDate.EFFECTIVE:
            if event.effective_on is None:
                continue
            effective_label = kind.effective_label if kind else "Takes effect"
            preface = (
                f"{kind_label} on {event.occurred_on.isoformat()}; "
                f"{effective_label.lower()} on {event.effective_on.isoformat()}, "
                "which is the day counted from."
            )
            found.append(EventAnchor(event, event.effective_on, preface))
        else:
            found.append(
                EventAnchor(
                    event, event.occurred_on, f"{kind_label} on {event.occurred_on.isoformat()}."
                )
            )
    if not found:
        effective_label = kind.effective_label if kind else "the day it takes effect"
        raise CannotDate(
            f"waiting for the day the {kind_label.lower()} takes effect — add “{effective_label}” "
            "to the logged event to get a date.",
            waiting=True,
        )
    return found


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


def contract_year_ends(*, start: dt.date, since: dt.date, until: dt.date) -> list[dt.date]:
    """The last day of each contract year (the day before each anniversary) in [since, until]."""
    ends = []
    for years in range(1, 200):
        try:
            anniversary = start.replace(year=start.year + years)
        except ValueError:  # 29 February: the year runs to 28 February
            anniversary = dt.date(start.year + years, 3, 1)
        end = anniversary - dt.timedelta(days=1)
        if end > until:
            break
        if end >= since:
            ends.append(end)
    return ends
