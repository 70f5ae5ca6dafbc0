"""What a clause is about ("term", "renewal", "payment", ...), from its heading and from
telling phrases in the first part of its text."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# kind, words in a heading (a regex), phrases in a clause's text (lower-case literals, "|")
_KINDS = (
    ("term", r"\bterm\b|duration|commencement", "initial term|minimum term|shall commence"),
    (
        "renewal",
        r"renew|extension|prolong",
        "renew|automatically extended|extended by a|extended for a|successive",
    ),
    ("termination", r"terminat|cancel|expir", "terminat"),
    (
        "payment",
        r"payment|fees?\b|price|remuneration|compensation|invoic|royalt|financ|credit"
        r"|billing|charges",
        "invoice|payable|fees |pay ",
    ),
    ("notice", r"notice|notification|communication", "prior written notice|notices shall"),
    (
        "governing_law",
        r"governing law|applicable law|choice of law|law and jurisdiction",
        "governed by",
    ),
    ("jurisdiction", r"jurisdiction|venue|forum|dispute|arbitration", "jurisdiction|arbitrat"),
    ("liability", r"liabilit|damages", "liable|liability"),
    ("indemnification", r"indemn", "indemnif"),
    ("confidentiality", r"confidential|non-disclosure|secrecy", "confidential information"),
    (
        "data_protection",
        r"data protection|privacy|personal data|data security|gdpr",
        "personal data|data protection",
    ),
    ("support", r"support|maintenance|customer service|help ?desk", "support services"),
    ("service_level", r"service level|availability|\bsla\b|uptime", "service level|availability"),
    ("warranty", r"warrant|guarantee", "warrants"),
    ("amendment", r"amendment|modification|changes", "amend"),
    ("force_majeure", r"force majeure", "force majeure"),
    ("assignment", r"assignment|transfer", ""),
    (
        "intellectual_property",
        r"intellectual property|proprietary|licen[cs]e|trademark|patent"
        r"|copyright|ownership",
        "intellectual property",
    ),
    ("audit", r"audit|records|inspection", "audit"),
    ("definitions", r"definitions|interpretation|defined terms", ""),
)
# Searched in the lower-cased heading: case-sensitive patterns are faster than IGNORECASE ones.
_KIND_IN_HEADING = tuple((kind, re.compile(words)) for kind, words, _ in _KINDS)
_KIND_PHRASES = {
    phrase: kind for kind, _, phrases in _KINDS for phrase in phrases.split("|") if phrase
}
_BODY_READ = 1000  # only a clause's first characters are read, so that one long clause does not
# collect every kind


def body_kinds(text: str, starts: list[int]) -> list[set[str]]:
    """For each clause (by its start offset), the kinds its text's first characters speak of."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case into two characters
        lowered = text
    found: list[set[str]] = [set() for _ in starts]
    # str.find per phrase runs at C speed: twice as fast as one regex of all the phrases
    for phrase, kind in _KIND_PHRASES.items():
        position = lowered.find(phrase)
        while position != -1:
            if position == 0 or not lowered[position - 1].isalnum():
                index = bisect_right(starts, position) - 1
                if index >= 0 and position - starts[index] < _BODY_READ:
                    found[index].add(kind)
            position = lowered.find(phrase, position + 1)
    return found


@lru_cache(maxsize=1024)
def _heading_kinds(heading: str) -> frozenset[str]:
    lowered = heading.lower()
    return frozenset(kind for kind, words in _KIND_IN_HEADING if words.search(lowered))


def clause_kinds(heading: str, body_kinds: set[str]) -> tuple[str, ...]:
    """What a clause is about, in a fixed order: from its heading and its text's phrases."""
    from_heading = _heading_kinds(heading)
    return tuple(kind for kind, _ in _KIND_IN_HEADING if kind in body_kinds or kind in from_heading)
