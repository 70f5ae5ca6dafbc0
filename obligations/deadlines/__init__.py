"""The deadline engine: dates the way the governing law counts them, with explanations.

Plain Python (no Django). The app calls these to recompute deadlines:

    compute_deadline(period="30 days", relation="after", anchor=date(2026, 1, 15),
                     law="DE", calendars=["DE", "TARGET"], timezone="Europe/Berlin")
    next_notice_deadline(term_start=date(2025, 4, 1), initial_term="12 months",
                         renewal_term="12 months", notice="3 months",
                         as_of=date(2026, 2, 1), law="DE")

Both return frozen dataclasses (DeadlineResult, TermDeadlineResult) with `deadline`, `act_by`,
`unshifted` and `explanation`; wrong input raises DeadlineInputError with a one-line message.
"""

from obligations.deadlines.arithmetic import add_months, end_of_quarter
from obligations.deadlines.calendars import HolidayCalendar, calendar_for, normalize_calendar_code
from obligations.deadlines.engine import compute_deadline
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.laws import GoverningLaw, governing_law
from obligations.deadlines.period_ends import (
    ANCHOR_PERIOD_ENDS,
    PeriodEnd,
    PeriodEndNoticeResult,
    notice_to_period_end,
    parse_period_end,
)
from obligations.deadlines.periods import Period, Unit, parse_period
from obligations.deadlines.results import DeadlineResult, Relation, TermDeadlineResult, TermPeriod
from obligations.deadlines.terms import (
    StartRule,
    next_notice_deadline,
    notice_deadlines,
    term_period,
    term_start_for,
    terms_before_renewals_end,
)

__all__ = [
    "ANCHOR_PERIOD_ENDS",
    "DeadlineInputError",
    "DeadlineResult",
    "GoverningLaw",
    "HolidayCalendar",
    "Period",
    "PeriodEnd",
    "PeriodEndNoticeResult",
    "Relation",
    "StartRule",
    "TermDeadlineResult",
    "TermPeriod",
    "Unit",
    "add_months",
    "calendar_for",
    "compute_deadline",
    "end_of_quarter",
    "governing_law",
    "next_notice_deadline",
    "normalize_calendar_code",
    "notice_deadlines",
    "notice_to_period_end",
    "parse_period",
    "parse_period_end",
    "term_period",
    "term_start_for",
    "terms_before_renewals_end",
]
