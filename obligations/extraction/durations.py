"""Durations written the way contracts write them: "thirty (30) days", "two months", "12‑months",
"24h", "one (1) year", "90-day", "ten (10) Business Days", "half a year", "a fortnight".

`find_periods` finds every duration in a text with its offsets; `parse_period` reads the first
duration in a short phrase. Both only read amounts and units: whether a duration is a deadline,
a term length or a liability look-back is decided by the callers that see the sentence around it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from obligations.extraction.model import Period
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern

_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS_WORDS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER_WORDS = {**_UNITS_WORDS, **_TEENS_WORDS, **_TENS_WORDS, "a": 1, "an": 1, "hundred": 100}

_HYPHEN = "[-\u2010\u2011\u2012\u2013]"
_GAP = rf"(?:\s*{_HYPHEN}\s*|\s+)"
_UNIT_W = "(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = "(?:twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety)"
# "twenty-four", "seven", "thirteen" (lower-case), as dates read years in words too.
BELOW_100_WORDS = rf"(?:{_TENS_W}(?:{_GAP}{_UNIT_W})?|{_TEEN_W}|{_UNIT_W}|zero)"
_WORD_NUMBER = rf"(?:{_UNIT_W}\s+hundred(?:\s+(?:and\s+)?{BELOW_100_WORDS})?|{BELOW_100_WORDS})"
# "3,500 hours" has a thousands separator; "1.5 days" a decimal point.
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d.])|\d{1,4}(?:\.\d{1,2})?)"

# An amount is a number in words, in digits, or both ("thirty (30)", "30 (thirty)"), or an
# article ("a year", "an hour"), optionally followed by "and a half".
_AMOUNT = (
    rf"(?:(?P<word>{_WORD_NUMBER})(?:\s*\(\s*(?P<word_digits>{_DIGITS})\s*\))?"
    rf"|(?P<digits>{_DIGITS})(?:\s*\(\s*(?:{_WORD_NUMBER})\s*\))?"
    rf"|\(\s*(?P<bracket_digits>{_DIGITS})\s*\)"
    r"|(?P<article>an?))"
    r"(?P<half>\s+and\s+a\s+half)?"
    # "15 or more consecutive days": the amount is still the period.
    r"(?:\s+or\s+(?:more|longer))?"
)
_QUALIFIER = (
    r"(?:(?P<business>business|working|banking|bank|work)"
    r"|calendar|consecutive|full|clear|contract|contractual|lease|agreement|fiscal|program"
    r"|additional|further)"
)
_UNIT = (
    r"(?P<unit>hours?|hrs?|h|minutes?|mins?|days?|weeks?|fortnights?|months?|mos\.?"
    r"|quarters?|years?|yrs?)"
)
_PERIOD_RE = re.compile(
    rf"(?<![\w.,/])(?:{_AMOUNT}){_GAP}?(?:{_QUALIFIER}{_GAP})?{_UNIT}(?![\w-])"
    r"|(?P<half_of>half)(?:\s+an?|" + _HYPHEN + r")\s*(?P<half_unit>hour|day|year)\b"
    r"|(?P<lone_fortnight>(?<![\w])fortnight)\b",
    re.IGNORECASE,
)
# A period always ends in a unit word, which a scan of the lower-cased text finds fast; the full
# grammar then only runs over the few words before each unit.
_UNIT_WORDS = WordScan(
    [
        *(
            word_pattern(word, rest + r"(?![\w-])", before="[a-z]")
            for word, rest in (
                ("hour", "s?"),
                ("hr", "s?"),
                ("minute", "s?"),
                ("min", "s?"),
                ("day", "s?"),
                ("week", "s?"),
                ("fortnight", "s?"),
                ("month", "s?"),
                ("mos", r"\.?"),
                ("quarter", "s?"),
                ("year", "s?"),
                ("yr", "s?"),
            )
        ),
        r"h(?<=\dh)(?![\w-])",
    ]
)
_PERIOD_AT_END_RE = re.compile(rf"(?:{_PERIOD_RE.pattern})\Z", re.IGNORECASE)
_LOOK_BACK = 80
# Words after which "a month", "an hour" is a rate ("once a month", "24 hours a day"), not a
# duration.
_RATE_BEFORE_ARTICLE = re.compile(
    r"(?:once|twice|thrice|times|per|hours?|days?|weeks?|months?|years?)\s+$", re.IGNORECASE
)

_UNIT_NAMES = {
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "mos": "months",
    "mos.": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
}


_HALVES = {"hour": Period(0.5, "hours"), "day": Period(12, "hours"), "year": Period(6, "months")}


class PeriodMatch(NamedTuple):
    """A duration found in a text: `text[start:end] == phrase`."""

    start: int
    end: int
    period: Period
    phrase: str


_NUMBER_WORD_GAP_RE = re.compile(rf"(?:\s|{_HYPHEN})+")


def word_number_value(words: str) -> int:
    """The number that words below a thousand name ("twenty-four" -> 24, "one hundred and
    five" -> 105); raises KeyError for a word that names no number."""
    current = 0
    for token in _NUMBER_WORD_GAP_RE.split(words.lower()):
        if not token or token == "and":
            continue
        if token == "hundred":
            current = max(current, 1) * 100
            continue
        current += _NUMBER_WORDS[token]
    return current


def _amount(match: re.Match[str]) -> float | None:
    for group in ("word_digits", "digits", "bracket_digits"):
        text = match.group(group)
        if text:
            return float(text.replace(",", ""))
    word = match.group("word")
    if word:
        return float(word_number_value(word))
    if match.group("article"):
        return 1.0
    return None


def _tidy(amount: float) -> int | float:
    return int(amount) if amount.is_integer() else amount


def _to_period(match: re.Match[str]) -> Period | None:
    if match.group("lone_fortnight"):
        return Period(14, "days")
    if match.group("half_of"):
        return _HALVES[match.group("half_unit").lower()]
    amount = _amount(match)
    if amount is None:
        return None
    if match.group("half"):
        amount += 0.5
    unit_word = match.group("unit").lower()
    business = match.group("business") is not None
    if unit_word.startswith("fortnight"):
        return Period(_tidy(amount * 14), "business_days" if business else "days")
    if unit_word.startswith("quarter"):
        return Period(_tidy(amount * 3), "months")
    if unit_word.startswith("min"):
        return Period(_tidy(round(amount / 60, 4)), "hours")
    unit = _UNIT_NAMES[unit_word]
    if business and unit in ("hours", "days"):
        unit = f"business_{unit}"
    if not float(amount).is_integer():
        # Halves of coarse units are whole numbers of the next finer unit.
        if unit == "years":
            return Period(_tidy(amount * 12), "months")
        if unit == "weeks":
            return Period(_tidy(amount * 7), "days")
    return Period(_tidy(amount), unit)


def find_periods(text: str, lowered: str | None = None) -> list[PeriodMatch]:
    """Every duration in `text`, in order, with offsets into `text`. A caller that holds
    `text` lower-cased (same length) may pass it as `lowered` to save a case-blind scan."""
    found: list[PeriodMatch] = []
    taken = 0
    if lowered is None or len(lowered) != len(text):
        lowered = ascii_lower(text)
    units = _UNIT_WORDS.finditer(lowered)
    for unit in units:
        match = _PERIOD_AT_END_RE.search(text, max(taken, unit.start() - _LOOK_BACK), unit.end())
        if match is None:
            continue
        if match.group("lone_fortnight") is None and match.group("half_of") is None:
            if match.group("article") and _RATE_BEFORE_ARTICLE.search(
                text, max(0, match.start() - 12), match.start()
            ):
                continue
            if match.group("unit").lower() == "h" and not (
                match.group("digits") or match.group("word_digits")
            ):
                continue  # "one h" is not how anyone writes hours; "24h" is
        period = _to_period(match)
        if period is None:
            continue
        found.append(PeriodMatch(match.start(), match.end(), period, match.group(0)))
        taken = match.end()
    return found


def parse_period(phrase: str) -> Period | None:
    """The first duration in `phrase` ("a period of three (3) months" -> 3 months), or None."""
    for found in find_periods(phrase):
        return found.period
    return None
