"""What the engine hands back: frozen dataclasses with both dates and the reasons for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Relation(StrEnum):
    """How a period relates to its anchor day.

    AFTER:  "within N after E" - counted forward from the day of event E (payment terms).
    UNTIL:  "N to the end of E" - E is the last day (of a term, before a termination takes
            effect at its end); the period must fit before E is over (notice periods).
    BEFORE: "no later than N before X" - X is the first day of the new state (a change takes
            effect on X); the period lies wholly before X.
    """

    AFTER = "after"
    UNTIL = "until"
    BEFORE = "before"


@dataclass(frozen=True)
class DeadlineResult:
    """One computed deadline.

    deadline:   the last day the law allows (in the contract's time zone).
    act_by:     the last business day on or before `deadline` at the place of receipt.
    unshifted:  the day the counting gives before any weekend or holiday shift.
    explanation: one plain-language line per step, naming the rule and any holiday.
    deadline_at / act_by_at / unshifted_at: the instants those days end (24:00 local time,
                written as 00:00 of the next day), or for periods in hours the exact instant.
    timezone:   the IANA zone the dates are in.
    in_hours:   True when the period was in hours, so the instants are the answer.
    """

    deadline: date
    act_by: date
    unshifted: date
    explanation: list[str]
    deadline_at: datetime
    act_by_at: datetime
    unshifted_at: datetime
    timezone: str
    in_hours: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ISO dates, or ISO instants with offset for periods in hours."""
        if self.in_hours:
            main = {
                "deadline": self.deadline_at.isoformat(),
                "act_by": self.act_by_at.isoformat(),
                "unshifted": self.unshifted_at.isoformat(),
            }
        else:
            main = {
                "deadline": self.deadline.isoformat(),
                "act_by": self.act_by.isoformat(),
                "unshifted": self.unshifted.isoformat(),
            }
        return {
            **main,
            "explanation": list(self.explanation),
            "deadline_at": self.deadline_at.isoformat(),
            "act_by_at": self.act_by_at.isoformat(),
            "timezone": self.timezone,
        }


@dataclass(frozen=True)
class TermPeriod:
    """One term of a contract: number 1 is the initial term, 2 the first renewal, ..."""

    number: int
    start: date
    end: date


@dataclass(frozen=True)
class TermDeadlineResult(DeadlineResult):
    """The notice deadline of one term, with that term's first and last day."""

    term_start: date
    term_end: date
    term_number: int

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["term_start"] = self.term_start.isoformat()
        data["term_end"] = self.term_end.isoformat()
        data["term_number"] = self.term_number
        return data
