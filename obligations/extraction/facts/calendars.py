"""Holiday calendars that a contract names, as codes the deadline engine reads:
"TARGET2 holidays and all German-wide public holidays" -> ["TARGET", "DE"],
"public holidays in the canton of Zurich" -> ["CH-ZH"], "New York banking holidays" -> ["US-NY"],
"a day on which banks are open for business in London" -> ["GB"]."""

from __future__ import annotations

import re

from obligations.extraction.facts.places import (
    ADJECTIVE,
    GERMAN_STATES,
    PLACE_NAME,
    SWISS_CANTONS,
    US_STATE_ADJECTIVE,
    adjective_code,
    place_code,
)
from obligations.extraction.wordscan import WordScan, ascii_lower

# Financial centres and capitals that contracts name for bank holidays.
CITIES = {
    "zurich": "CH-ZH", "zürich": "CH-ZH", "geneva": "CH-GE", "basel": "CH-BS", "bern": "CH-BE",
    "berlin": "DE-BE", "munich": "DE-BY", "frankfurt": "DE-HE", "frankfurt am main": "DE-HE",
    "hamburg": "DE-HH", "cologne": "DE-NW", "düsseldorf": "DE-NW", "stuttgart": "DE-BW",
    "london": "GB", "new york city": "US-NY", "vienna": "AT", "paris": "FR", "amsterdam": "NL",
    "dublin": "IE", "luxembourg": "LU", "toronto": "CA-ON", "sydney": "AU-NSW",
    "melbourne": "AU-VIC", "tokyo": "JP", "singapore": "SG", "hong kong": "HK",
}  # fmt: skip

_KIND = r"(?:public|bank|banking|legal|statutory|national|federal|official|state)"
_CANTON = "|".join(re.escape(name) for name in sorted(SWISS_CANTONS, key=len, reverse=True))
_GERMAN_STATE = "|".join(re.escape(n) for n in sorted(GERMAN_STATES, key=len, reverse=True))
_CITY = "|".join(re.escape(name) for name in sorted(CITIES, key=len, reverse=True))
_ADJ = ADJECTIVE.pattern + "|" + US_STATE_ADJECTIVE.pattern
_WHERE = (
    r"(?:canton\s+of\s+(?P<canton>" + _CANTON + r")"
    r"|(?:federal\s+)?state\s+of\s+(?P<state>"
    + _GERMAN_STATE
    + r"|"
    + US_STATE_ADJECTIVE.pattern
    + r")"
    r"|(?:the\s+)?city\s+of\s+(?P<city>" + _CITY + r")"
    r"|(?P<german_state>" + _GERMAN_STATE + r")\b"
    r"|(?P<town>" + _CITY + r")\b"
    r"|(?P<place>" + PLACE_NAME.pattern + r"))"
)
_PATTERNS = (
    re.compile(r"\bTARGET2?\b(?=[^.\n]{0,80}(?:holiday|day|calendar|settlement))"),
    # "German-wide public holidays", "New York banking holidays", "UK bank holidays"
    re.compile(
        r"(?P<adj>" + _ADJ + r")(?:[\s-]+wide)?\s+(?:" + _KIND + r"\s+)*holidays?\b",
        re.IGNORECASE,
    ),
    # "public holidays in the canton of Zurich", "bank holidays in England"
    re.compile(
        r"\b" + _KIND + r"\s+holidays?\s+(?:(?:observed|applicable|recognised|recognized)\s+)?"
        r"(?:in|of|at)\s+(?:the\s+)?" + _WHERE,
        re.IGNORECASE,
    ),
    # "a day on which commercial banks are open for business in Frankfurt am Main"
    re.compile(
        r"\bbanks?\s+(?:are|is)\s+[^.;\n]{0,60}?\b(?:in|at)\s+(?:the\s+)?" + _WHERE,
        re.IGNORECASE,
    ),
)


def _code(match: re.Match[str]) -> str | None:
    if match.group(0).upper().startswith("TARGET"):
        return "TARGET"
    groups = match.groupdict()
    if groups.get("adj"):
        return adjective_code(groups["adj"])
    if groups.get("canton"):
        return "CH-" + SWISS_CANTONS[groups["canton"].lower()]
    if groups.get("state"):
        state = groups["state"].lower()
        return "DE-" + GERMAN_STATES[state] if state in GERMAN_STATES else place_code(state)
    if groups.get("german_state"):
        return "DE-" + GERMAN_STATES[groups["german_state"].lower()]
    for name in ("city", "town"):
        if groups.get(name):
            return CITIES.get(re.sub(r"\s+", " ", groups[name].lower()))
    if groups.get("place"):
        return place_code(groups["place"])
    return None


# Read in the lower-cased text, each led by its literal (see wordscan).
_CUE = WordScan(("holiday", r"banks? (?:are|is)\b", "target"))
_WINDOW = 200  # the patterns are only tried near a cue word: the place names make them slow


def find_calendars(text: str) -> list[str]:
    """The holiday calendars named in `text`, in order of first mention, without repeats."""
    found: dict[int, str] = {}
    done = 0
    for cue in _CUE.finditer(ascii_lower(text)):
        start, end = max(done, cue.start() - _WINDOW), cue.end() + _WINDOW
        if start >= end:
            continue
        for pattern in _PATTERNS:
            for match in pattern.finditer(text, start, end):
                code = _code(match)
                if code:
                    found.setdefault(match.start(), code)
        done = max(done, cue.start())
    calendars: list[str] = []
    for _, code in sorted(found.items()):
        if code not in calendars:
            calendars.append(code)
    return calendars
