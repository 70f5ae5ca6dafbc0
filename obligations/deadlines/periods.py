"""Periods ("30 days", "3 working days", "two months") and the parser that reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from obligations.deadlines.errors import DeadlineInputError


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    BUSINESS_DAYS = "business_days"
    WEEKS = "weeks"
    HALF_MONTHS = "half_months"
    MONTHS = "months"
    QUARTERS = "quarters"
    HALF_YEARS = "half_years"
    YEARS = "years"


# Units that the law counts in months (BGB §188(2), §189: quarter = 3, half-year = 6 months).
MONTHS_PER_UNIT: dict[Unit, int] = {
    Unit.MONTHS: 1,
    Unit.QUARTERS: 3,
    Unit.HALF_YEARS: 6,
    Unit.YEARS: 12,
}
# Units that are a fixed number of calendar days (BGB §189(1): half a month = 15 days).
DAYS_PER_UNIT: dict[Unit, int] = {Unit.DAYS: 1, Unit.WEEKS: 7, Unit.HALF_MONTHS: 15}

_SINGULAR: dict[Unit, str] = {
    Unit.HOURS: "hour",
    Unit.DAYS: "day",
    Unit.BUSINESS_DAYS: "business day",
    Unit.WEEKS: "week",
    Unit.HALF_MONTHS: "half-month",
    Unit.MONTHS: "month",
    Unit.QUARTERS: "quarter",
    Unit.HALF_YEARS: "half-year",
    Unit.YEARS: "year",
}
# Roughly how many days a unit spans; only used to refuse absurdly long periods.
_APPROX_DAYS: dict[Unit, float] = {
    Unit.HOURS: 1 / 24,
    Unit.DAYS: 1,
    Unit.BUSINESS_DAYS: 1.4,
    Unit.WEEKS: 7,
    Unit.HALF_MONTHS: 15,
    Unit.MONTHS: 31,
    Unit.QUARTERS: 92,
    Unit.HALF_YEARS: 184,
    Unit.YEARS: 366,
}
MAX_PERIOD_DAYS = 100 * 366


@dataclass(frozen=True)
class Period:
    """A whole number of one unit: Period(30, Unit.DAYS), or Period(3, "business_days") with a
    stored unit name (also "working days", "half-years", ...)."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        # Stored rules arrive as plain strings ("business_days"); keep the enum from here on.
        unit = _unit_from_name(self.unit)
        object.__setattr__(self, "unit", unit)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise DeadlineInputError(f"A period needs a whole number, not {self.amount!r}.")
        if self.amount < 1:
            raise DeadlineInputError(
                f"A period must be at least 1 {_SINGULAR[unit]}, not {self.amount}."
            )
        if self.amount * _APPROX_DAYS[unit] > MAX_PERIOD_DAYS:
            raise DeadlineInputError(
                f"The period {self.amount} {unit.value} is longer than 100 years; check the amount."
            )

    def __str__(self) -> str:
        word = _SINGULAR[self.unit]
        if self.amount != 1:
            word = word + "s"
        return f"{self.amount} {word}"

    @property
    def months(self) -> int | None:
        """Length in months for month-based units, else None."""
        per = MONTHS_PER_UNIT.get(self.unit)
        return None if per is None else per * self.amount

    @property
    def days(self) -> int | None:
        """Length in calendar days for day-based units, else None."""
        per = DAYS_PER_UNIT.get(self.unit)
        return None if per is None else per * self.amount


def _unit_from_name(unit: Unit | str) -> Unit:
    if isinstance(unit, Unit):
        return unit
    key = unit.strip().lower().replace("-", " ").replace("_", " ")
    found = _UNIT_WORDS.get(key) or _UNIT_WORDS.get(key.rstrip("s"))
    if found is None or found[1] != 1:
        raise DeadlineInputError(
            f"'{unit}' is not a unit this tracker counts: use hours, days, business_days, "
            "weeks, months, quarters, half_years, half_months or years."
        )
    return found[0]


_UNIT_WORDS: dict[str, tuple[Unit, int]] = {}
for _words, _unit, _factor in (
    (("hour", "hours", "hr", "hrs", "h"), Unit.HOURS, 1),
    (("day", "days", "calendar day", "calendar days"), Unit.DAYS, 1),
    (
        (
            "business day",
            "business days",
            "working day",
            "working days",
            "banking day",
            "banking days",
            "bank day",
            "bank days",
            "work day",
            "work days",
            "workday",
            "workdays",
        ),
        Unit.BUSINESS_DAYS,
        1,
    ),
    (("week", "weeks", "wk", "wks", "calendar week", "calendar weeks"), Unit.WEEKS, 1),
    (("fortnight", "fortnights"), Unit.WEEKS, 2),
    (("half month", "half months"), Unit.HALF_MONTHS, 1),
    (("month", "months", "calendar month", "calendar months"), Unit.MONTHS, 1),
    (("quarter", "quarters", "calendar quarter", "calendar quarters"), Unit.QUARTERS, 1),
    (("half year", "half years", "six month period"), Unit.HALF_YEARS, 1),
    (("year", "years", "yr", "yrs", "calendar year", "calendar years"), Unit.YEARS, 1),
):
    for _word in _words:
        _UNIT_WORDS[_word] = (_unit, _factor)

_SMALL = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_SMALL)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "single": 1, "dozen": 12})


def _words_to_number(words: str) -> int | None:
    """'thirty', 'twenty-one', 'one hundred and eighty' -> int; None when not a number."""
    tokens = [t for t in re.split(r"[\s-]+", words) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    for token in tokens:
        if token.isdigit():
            current += int(token)
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
        else:
            return None
    return total + current


_HALF_RE = re.compile(r"^(?:a\s+|one\s+)?half\s+(?:a|an|of\s+a)\s+(month|year)$")
_DIGITS_IN_PARENS = re.compile(r"\(\s*(\d+)\s*\)")


def parse_period(text: str) -> Period:
    """Read a duration: "30 days", "3 working days", "two months", "thirty (30) days",
    "1 year", "1 years", "24h", "12-months", "half a year", "3 business_days".

    Raises DeadlineInputError with a one-line message for anything else ("3 lunar cycles").
    """
    original = text
    normalized = text.strip().lower()
    normalized = re.sub(r"[\u00a0\u2009\u202f]", " ", normalized)
    normalized = re.sub(r"[\u2010\u2011\u2012\u2013\u2014]", "-", normalized)
    normalized = re.sub(r"['’]s?$", "", normalized)  # "three months'" notice
    normalized = normalized.replace("_", " ")
    normalized = re.sub(r"(\d)\s*-\s*(?=[a-z])", r"\1 ", normalized)  # "12-months"
    normalized = re.sub(r"(\d)(?=[a-z])", r"\1 ", normalized)  # "24h"
    normalized = re.sub(r"\s+", " ", normalized).strip()
    normalized = re.sub(r"(\d),(\d{3})\b", r"\1\2", normalized)  # "1,000 days"
    _refuse_sign_or_fraction(original, normalized)
    if re.search(r"\b(business|working) hours?\b", normalized):
        raise DeadlineInputError(
            f"'{original}': business hours are not counted yet; give the period in hours "
            "or business days."
        )
    half = _HALF_RE.match(normalized)
    if half:
        return Period(1, Unit.HALF_MONTHS if half.group(1) == "month" else Unit.HALF_YEARS)
    period = _split_number_and_unit(normalized)
    if period is None:
        raise DeadlineInputError(
            f"'{original}' is not a period this tracker understands: write a whole number and "
            "a unit, for example '30 days', '3 working days', '2 months' or '24 hours'."
        )
    return period


_SIGN = re.compile(r"^[-+\u2212]\s*\(?\s*\d|^(minus|plus|negative)\b")
_FRACTION = re.compile(r"\d\s*[.,/]\s*\d|[\u00bc-\u00be\u2150-\u215e]")


def _refuse_sign_or_fraction(original: str, normalized: str) -> None:
    """A period is a whole, positive number of units; a sign or a fraction is a typing error
    that must not be read as something else ("-3 days" is not 3 days)."""
    if _SIGN.search(normalized):
        raise DeadlineInputError(
            f"'{original}': a period has no sign; write how long it is ('3 days') and choose "
            "after, until or before for its direction."
        )
    if _FRACTION.search(normalized):
        raise DeadlineInputError(
            f"'{original}': a period must be a whole number of units; write '36 hours' rather "
            "than '1.5 days', or '15 days' (a half-month) rather than '0.5 months'."
        )


def _split_number_and_unit(normalized: str) -> Period | None:
    digits = _DIGITS_IN_PARENS.findall(normalized)
    if len(digits) > 1:
        return None
    without_digits = _DIGITS_IN_PARENS.sub(" ", normalized)
    tokens = [t for t in re.split(r"[\s-]+", without_digits) if t]
    for split in range(len(tokens)):
        unit_info = _UNIT_WORDS.get(" ".join(tokens[split:]))
        if unit_info is None:
            continue
        number_tokens = " ".join(tokens[:split])
        amount = _words_to_number(number_tokens) if number_tokens else None
        if number_tokens and amount is None:
            return None
        if digits:
            if amount is not None and amount != int(digits[0]):
                raise DeadlineInputError(
                    f"'{normalized}': the number in words and the digits in brackets disagree."
                )
            amount = int(digits[0])
        if amount is None:
            return None
        unit, factor = unit_info
        return Period(amount * factor, unit)
    return None
