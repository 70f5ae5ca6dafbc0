"""What each governing law says about counting days: where the count starts, whether a deadline
that falls on a weekend or holiday moves, and how "N days before X" is counted.

Laws the rule book covers: DE (BGB §§187-193), CH (OR Art. 77-78) and US-NY (General
Construction Law §§20, 25). Any other law gets the safe default: a forward deadline is never
moved to a later day, and "before X" takes the earlier of the two readings (principle 2).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from obligations.deadlines.calendars import normalize_calendar_code
from obligations.deadlines.errors import DeadlineInputError


class ShiftRule(StrEnum):
    SATURDAY_SUNDAY_HOLIDAY = "saturday_sunday_holiday"  # DE BGB §193, US-NY GCL §25
    SUNDAY_HOLIDAY = "sunday_holiday"  # CH OR Art. 78: a Saturday does not move
    NONE = "none"  # not known: never print a later date than the law may allow


@dataclass(frozen=True)
class GoverningLaw:
    code: str | None  # "DE", "DE-BY", "CH-SG", "US-NY"; None when the contract names none
    country: str | None
    known: bool  # whether this tracker knows the law's counting rules
    source: str  # where the counting rules come from, for the explanation
    shift: ShiftRule
    shift_citation: str  # the rule that moves a deadline off a weekend or holiday
    start_citation: str  # the rule that leaves the day of the event uncounted
    end_citation: str  # the rule for months and years ending on the corresponding day
    term_citation: str  # the rule for a term that starts at the beginning of a day
    before_counts_act_day: bool  # US-NY: D = X - N; DE, CH, unknown: D = X - N - 1
    before_citation: str
    default_timezone: str
    # Days the holiday calendar marks that the law's own list of public holidays may not
    # include: a deadline is never moved for them (principle 2, the earlier reading).
    shift_ignores: tuple[str, ...] = ()
    # NY GCL §24: a public holiday that falls on a Sunday is kept on the Monday; none is kept
    # on the Friday before a Saturday holiday. Where True, an "(observed)" day moves a deadline
    # only when it is a Monday.
    observed_monday_only: bool = False
    # The rule that makes holidays at the place of performance count (BGB §193, OR Art. 78).
    place_citation: str = ""
    # Whether holidays at the place of performance move a deadline (BGB §193, OR Art. 78 say
    # so; NY GCL §25 names New York's public holidays only).
    place_holidays_move: bool = False
    # Whether most of the country's working holidays are regional (Swiss cantons keep Good
    # Friday and Easter Monday; the federal list has four days): without a region the
    # explanation says which reading was taken, and the review page asks for one.
    needs_region: bool = False

    @property
    def label(self) -> str:
        return self.code or "none named"

    @property
    def calendar_codes(self) -> tuple[str, ...]:
        """The public holidays of the law's jurisdiction (country, and state or canton)."""
        return (self.code,) if self.code else ()


_DE = GoverningLaw(
    source="BGB §§187-193",
    code="DE",
    country="DE",
    known=True,
    shift=ShiftRule.SATURDAY_SUNDAY_HOLIDAY,
    shift_citation="BGB §193",
    start_citation="BGB §187(1)",
    end_citation="BGB §188(2),(3)",
    term_citation="BGB §187(2), §188(2)",
    before_counts_act_day=False,
    before_citation="BGB §§187, 188 counted backward",
    default_timezone="Europe/Berlin",
    place_citation="BGB §193: holidays recognised at the place of performance",
    place_holidays_move=True,
)
_CH = GoverningLaw(
    source="OR Art. 77-78",
    code="CH",
    country="CH",
    known=True,
    shift=ShiftRule.SUNDAY_HOLIDAY,
    shift_citation="OR Art. 78",
    start_citation="OR Art. 77",
    end_citation="OR Art. 77",
    term_citation="OR Art. 77",
    before_counts_act_day=False,
    before_citation="OR Art. 77 counted backward",
    default_timezone="Europe/Zurich",
    needs_region=True,
    place_citation="OR Art. 78: holidays recognised at the place of performance",
    place_holidays_move=True,
)
_US_NY = GoverningLaw(
    source="NY General Construction Law §§20, 25",
    code="US-NY",
    country="US",
    known=True,
    shift=ShiftRule.SATURDAY_SUNDAY_HOLIDAY,
    shift_citation="NY GCL §25",
    start_citation="NY GCL §20",
    end_citation="NY GCL §30",
    term_citation="NY GCL §20",
    before_counts_act_day=True,
    before_citation="NY GCL §20",
    default_timezone="America/New_York",
    # A state commemoration since 2022; GCL §24's list of public holidays does not clearly
    # include it, so BGB-style moving past it could give a later date than the law allows.
    shift_ignores=("Susan B. Anthony Day",),
    observed_monday_only=True,
)
_UNKNOWN = GoverningLaw(
    source="no counting rules known to this tracker",
    code=None,
    country=None,
    known=False,
    shift=ShiftRule.NONE,
    shift_citation="no known rule",
    start_citation="",
    end_citation="",
    term_citation="",
    before_counts_act_day=False,
    before_citation="",
    default_timezone="UTC",
)


def governing_law(code: str | None) -> GoverningLaw:
    """Look up a governing law by code ("DE", "de-by", "CH", "US-NY"); None or "" for none.

    Raises DeadlineInputError for a code that is not a country (or state) at all."""
    if code is None or not code.strip():
        return _UNKNOWN
    try:
        canonical = normalize_calendar_code(code)
    except DeadlineInputError:
        canonical = ""
    country = canonical.partition("-")[0]
    if not canonical or canonical == "TARGET" or len(country) != 2:
        raise DeadlineInputError(
            f"Unknown governing law '{code}': use a country code such as DE, CH or GB, or a "
            "US state such as US-NY."
        )
    if country == "DE":
        template = _DE
    elif country == "CH":
        template = _CH
    elif canonical == "US-NY":
        template = _US_NY
    else:
        template = _UNKNOWN
    return replace(template, code=canonical, country=country)
