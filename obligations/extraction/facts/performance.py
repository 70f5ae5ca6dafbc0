"""The place of performance a contract names ("Place of performance is Munich", "Erfüllungsort
ist Bern", "performed in the Canton of Zurich"), as a country or state/canton code ("DE-BY",
"CH-BE"). Its public holidays move deadlines under BGB §193 and OR Art. 78."""

from __future__ import annotations

import re

from obligations.extraction.facts.places import GERMAN_STATES, SWISS_CANTONS, place_code

# Seats of courts and business that contracts name instead of their state or canton.
_CITIES = {
    "munich": "DE-BY", "münchen": "DE-BY", "nuremberg": "DE-BY", "nürnberg": "DE-BY",
    "frankfurt": "DE-HE", "frankfurt am main": "DE-HE", "cologne": "DE-NW", "köln": "DE-NW",
    "düsseldorf": "DE-NW", "dusseldorf": "DE-NW", "stuttgart": "DE-BW", "dresden": "DE-SN",
    "leipzig": "DE-SN", "hanover": "DE-NI", "hannover": "DE-NI", "lausanne": "CH-VD",
    "lugano": "CH-TI", "winterthur": "CH-ZH", "new york city": "US-NY",
}  # fmt: skip

_NAMES: dict[str, str] = {
    **{name: f"CH-{code}" for name, code in SWISS_CANTONS.items()},
    **{name: f"DE-{code}" for name, code in GERMAN_STATES.items()},
    **_CITIES,
}
_NAME = re.compile(
    r"\b(?:"
    + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_NAMES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:place\s+of\s+(?:performance|fulfil?ment)|erfüllungsort|lieu\s+d['’]exécution)"
    r"\b[^.;\n]{0,80}",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ.]+")


def find_place_of_performance(text: str) -> str | None:
    """The code of the first place named after a place-of-performance cue, or None.

    A state, canton or known city wins over the country it lies in ("Bern, Switzerland" is
    CH-BE); a country alone gives the country ("Germany" is DE)."""
    for cue in _CUE.finditer(text):
        rest = cue.group(0)
        region = _NAME.search(rest)
        if region is not None:
            return _NAMES[re.sub(r"\s+", " ", region.group(0).lower())]
        tokens = _WORD.findall(rest)
        for first in range(len(tokens)):
            for size in range(min(4, len(tokens) - first), 0, -1):
                code = place_code(" ".join(tokens[first : first + size]).strip("."))
                if code is not None:
                    return code
    return None
