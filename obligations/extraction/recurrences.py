"""How often a rule recurs, read from the words that state it: "each calendar quarter",
"monthly", "every working day", a term that renews "for successive one-year periods", or an
anchor that comes round ("quarter_end" each quarter). The names are the vocabulary's
recurrences: business_daily, daily, monthly, quarterly, annually.
"""

from __future__ import annotations

import re

__all__ = ["recurrence_in", "recurrence_of_anchor", "renewal_recurrence"]

_I = re.IGNORECASE

_RECURRENCES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\b(?:each|every)\s+(?:working|business)\s+day\b|\bbusiness[- ]daily\b", _I),
        "business_daily",
    ),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+)?day\b|\bdaily\b|\bonce\s+a\s+day\b", _I
        ),
        "daily",
    ),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+)?month\b|\bmonthly\b|\bonce\s+a\s+month\b|"
            r"\bend\s+of\s+(?:each|the)\s+(?:calendar\s+)?month\b",
            _I,
        ),
        "monthly",
    ),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+|fiscal\s+|(?:contract|lease)\s+year\s+)?quarter\b"
            r"|\bquarterly\b|"
            r"\bevery\s+(?:three|3)\s+(?:\(3\)\s+)?months\b|\bonce\s+(?:a|per)\s+quarter\b|"
            r"\bend\s+of\s+(?:each|the)\s+(?:calendar\s+)?quarter\b",
            _I,
        ),
        "quarterly",
    ),
    (
        re.compile(
            # "each Contract Year Quarter" is a quarter, read above.
            r"\b(?:each|every|per)\s+(?:calendar\s+|contract\s+|lease\s+|fiscal\s+)?year\b"
            r"(?!\s+quarter)|\bannually\b|"
            r"\bper\s+annum\b|\byearly\b|\beach\s+anniversary\b|\b(?:each|every|next)\s+annual\b"
            r"|\bonce\s+(?:a|per|each)\s+"
            r"(?:calendar\s+|contract\s+)?year\b|\bevery\s+(?:twelve|12)\s+(?:\(12\)\s+)?months\b",
            _I,
        ),
        "annually",
    ),
]
_RENEWAL_RE = re.compile(
    r"\b(?:renew\w*|extend\w*|extension|prolong\w*)\b[^.]{0,80}?\b(?:(?:further|additional|"
    r"successive|subsequent|consecutive)\s+(?:(?:one|1|twelve|12)\s*(?:\(\s*\d+\s*\)\s*)?[- ]?)?"
    r"(?P<unit>year|month|12[- ]month|twelve[- ]month|quarter)s?|year[- ]to[- ]year|month[- ]to"
    r"[- ]month|annually|(?:further|additional|successive|subsequent|consecutive)\s+(?:renewal\s+)?"
    r"(?:periods?|terms?)\s+of\s+(?P<count>one|1|twelve|12)\s*(?:\(\s*\d+\s*\)\s*)?"
    r"(?P<counted>year|month)s?\b)",
    _I,
)

_ANY_RECURRENCE_RE = re.compile(
    r"\b(?:each|every|per|once|daily|monthly|quarterly|annual|annually|yearly|business|end)\b", _I
)


def recurrence_in(text: str) -> str | None:
    """The recurrence a passage states ("each calendar quarter", "monthly", "every working
    day"), or None."""
    if not _ANY_RECURRENCE_RE.search(text):
        return None
    for pattern, recurrence in _RECURRENCES:
        if pattern.search(text):
            return recurrence
    return None


def renewal_recurrence(text: str) -> str | None:
    """How often a term renews, when the passage says it renews by a year or a month."""
    match = _RENEWAL_RE.search(text)
    if match is None:
        return None
    if match.group("counted"):  # "successive periods of twelve (12) months"
        one_month = (match.group("counted") + match.group("count")).lower() in (
            "monthone",
            "month1",
        )
        return "monthly" if one_month else "annually"
    unit = (match.group("unit") or match.group(0)).lower()
    return "monthly" if unit.startswith("month") or "month-to" in unit else "annually"


def recurrence_of_anchor(anchor: str) -> str | None:
    anchor = anchor.replace("_start", "_end")
    return {"quarter_end": "quarterly", "month_end": "monthly", "year_end": "annually"}.get(anchor)
