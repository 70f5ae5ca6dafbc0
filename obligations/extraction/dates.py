"""Calendar dates written in contract text, in every common notation.

"September 1st 2020", "1 September 2020", "November 16, 2020", "Sept. 1, 2020", "2020-11-16",
"16.11.2020", "11/16/2020", "the 5th day of March, 2019", "this twenty-first day of May 2010".
A date that does not exist (2021-02-30) is not a date: it is skipped, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from obligations.extraction.durations import BELOW_100_WORDS, word_number_value
from obligations.extraction.wordscan import ascii_lower

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_TENS = {"twenty": 20, "thirty": 30}

_MONTH = (
    r"(?P<{name}>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
ORD_WORD = (
    r"(?:(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)
# "1st", "2 nd", and "19t h" as text taken from a PDF sometimes has it
_DAY = r"(?P<{name}>[0-3]?\d)(?:\s?(?:s\s?t|n\s?d|r\s?d|t\s?h)\b)?"
_YEAR = r"(?P<{name}>(?:1[89]|20)\d\d)"

# Each alternative names its groups with a suffix so that one compiled pattern serves all.
# A word edge that lets Markdown emphasis touch a date: "_2 May 2024_".
_EDGE = r"(?:(?<![A-Za-z0-9])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?![A-Za-z0-9]))"
_PATTERN = re.compile(
    "|".join(
        [
            # September 1st 2020 / November 16, 2020 / Sept. 1 , 2020
            _EDGE
            + _MONTH.format(name="m1")
            + r"\s*"
            + _DAY.format(name="d1")
            + r"\s*,?\s*"
            + _YEAR.format(name="y1")
            + _EDGE,
            # 1 September 2020 / 5th day of March, 2019 / twenty-first day of May 2010
            _EDGE
            + r"(?:"
            + _DAY.format(name="d2")
            + r"|(?P<w2>"
            + ORD_WORD
            + r"))\.?\s*(?:day\s+of\s+|of\s+|-)?"  # "16. November 2020" too
            + _MONTH.format(name="m2")
            + r"\s*[,-]?\s*(?:in\s+the\s+year\s+)?"
            + _YEAR.format(name="y2")
            + _EDGE,
            # 2020-11-16, 2020/11/16
            _EDGE
            + _YEAR.format(name="y3")
            + r"(?P<sep>[-/])(?P<m3>[01]?\d)(?P=sep)(?P<d3>[0-3]?\d)"
            + _EDGE,
            # 16.11.2020 (day first, as written in Europe)
            _EDGE + r"(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.\s?" + _YEAR.format(name="y4") + _EDGE,
            # 11/16/2020 (month first unless the first number cannot be a month)
            r"(?<![\d/])(?P<a5>[01]?\d|[23]\d)/(?P<b5>[0-3]?\d)/" + _YEAR.format(name="y5") + _EDGE,
        ]
    ),
    re.IGNORECASE,
)


# A year in words, as formal deeds write it: "two thousand twenty-four", "nineteen hundred and
# ninety-eight". Lower-case: matched on the lower-cased text.
_YEAR_IN_WORDS = rf"(?P<century>two\s+thousand|nineteen\s+hundred)(?:\s+and)?(?:[\s-]+(?P<rest>{BELOW_100_WORDS}))?"
_WORDS_YEAR_PATTERN = re.compile(
    r"(?<![a-z0-9])(?:"
    + _DAY.format(name="d")
    + r"|(?P<w>"
    + ORD_WORD
    + r"))\s*(?:day\s+of\s+|of\s+)?"
    + _MONTH.format(name="m")
    + r"\s*,?\s*(?:in\s+the\s+year\s+(?:of\s+)?)?"
    + _YEAR_IN_WORDS
    + r"(?![a-z])"
)


@dataclass(frozen=True)
class FoundDate:
    date: date
    start: int
    end: int


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def ordinal_word_value(word: str) -> int | None:
    """'fifth' -> 5, 'twenty-first' -> 21."""
    parts = re.split(r"[\s-]+", word.lower().strip())
    if len(parts) == 1:
        return _ORDINAL_WORDS.get(parts[0])
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINAL_WORDS:
        return _TENS[parts[0]] + _ORDINAL_WORDS[parts[1]]
    return None


def _safe_date(year: int, month: int | None, day: int | None) -> date | None:
    if month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups["y1"]:
        return _safe_date(int(groups["y1"]), month_number(groups["m1"]), int(groups["d1"]))
    if groups["y2"]:
        day = int(groups["d2"]) if groups["d2"] else ordinal_word_value(groups["w2"] or "")
        return _safe_date(int(groups["y2"]), month_number(groups["m2"]), day)
    if groups["y3"]:
        return _safe_date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    if groups["y4"]:
        return _safe_date(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    first, second = int(groups["a5"]), int(groups["b5"])
    if first > 12:  # 16/11/2020 can only be day first
        first, second = second, first
    return _safe_date(int(groups["y5"]), first, second)


_YEAR_CUE = re.compile(r"(?:1[89]|20)\d\d")  # starts with a fixed class: a fast scan
_REACH = 60  # the longest way a date's words reach before its year ("twenty-first day of ...")


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every real calendar date in text[start:end], in order, with offsets into `text`."""
    end = len(text) if end is None else end
    found: list[FoundDate] = []
    done = start
    # Every date has a year: the full pattern is only tried around each year, which is many
    # times faster than trying it at every position of a long contract.
    for year in _YEAR_CUE.finditer(text, start, end):
        if year.start() < done or text[year.start() - 1 : year.start()].isdigit():
            continue
        if text[year.end() : year.end() + 1].isdigit():
            continue
        low = max(done, year.start() - _REACH)
        while low > done and text[low - 1].isalnum():
            low -= 1
        for match in _PATTERN.finditer(text, low, min(end, year.end() + 6)):
            if match.start() <= year.start() < match.end():
                value = _from_match(match)
                if value is not None:
                    found.append(FoundDate(value, match.start(), match.end()))
                done = match.end()
                break
    # Most texts hold no year in words: lower-case only those that may ("Thousand", "HUNDRED").
    if any(word in text for word in ("housand", "HOUSAND", "undred", "UNDRED")):
        found.extend(_dates_with_years_in_words(ascii_lower(text), start, end))
        found.sort(key=lambda item: item.start)
    return found


def _dates_with_years_in_words(low: str, start: int, end: int) -> list[FoundDate]:
    """Dates whose year is written in words ("the first day of April, two thousand twenty-four")
    in `low`, the lower-cased text, tried only around the words "thousand" and "hundred"."""
    found: list[FoundDate] = []
    for word in ("thousand", "hundred"):
        position = low.find(word, start, end)
        while position != -1:
            window = max(start, position - _REACH - 20)
            for match in _WORDS_YEAR_PATTERN.finditer(low, window, min(end, position + 40)):
                if match.start("century") <= position < match.end("century"):
                    value = _words_year_date(match)
                    if value is not None:
                        found.append(FoundDate(value, match.start(), match.end()))
                    break
            position = low.find(word, position + len(word), end)
    return found


def _words_year_date(match: re.Match[str]) -> date | None:
    year = 2000 if match.group("century").startswith("two") else 1900
    if match.group("rest"):
        year += word_number_value(match.group("rest"))
    day = int(match.group("d")) if match.group("d") else ordinal_word_value(match.group("w") or "")
    return _safe_date(year, month_number(match.group("m")), day)


def parse_date(text: str) -> date | None:
    """The date that `text` consists of, or None."""
    found = find_dates(text.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip()):
        return found[0].date
    return None
