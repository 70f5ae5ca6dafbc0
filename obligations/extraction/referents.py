"""Events named by a pronoun: "within three days of receiving it", "after Tenant receives it",
"within four hours of it being logged". The pronoun stands for the thing named shortly before
it (the Order, the Annual Statement, the fault), and the event is that thing's receipt or
report.
"""

from __future__ import annotations

import re

from obligations.extraction.anchors import RECEIVED_THINGS

__all__ = ["pronoun_event_anchor", "resolved_thing_anchor"]

_PRONOUN_EVENT_RE = re.compile(
    r"\b(?:receiv\w*|receipt\s+of)\s+(?:it|them|the\s+same|same)\b"
    r"|\b(?:it|they)\s+(?:is\s+|are\s+|being\s+|has\s+been\s+|have\s+been\s+)?"
    r"(?:received|logged|reported|submitted|raised)\b"
)
# What such a pronoun stands for, named shortly before it, and the event its receipt is.
_REFERENTS: list[tuple[re.Pattern[str], str]] = [
    *((pattern, name) for pattern, name in RECEIVED_THINGS if name != "order_receipt"),
    (re.compile(r"\b(?<!in\s)orders?\b(?!\s+to\b)"), "order_receipt"),  # not "in order to"
    (re.compile(r"\bstatement(?!\s+of\s+work)"), "invoice_receipt"),
    (re.compile(r"\bclaim"), "claim"),
    (re.compile(r"\b(?:incident|outage)s?\b"), "incident_report"),
    (re.compile(r"\b(?:fault|error|defect|ticket)s?\b"), "error_report"),
]


# What a bare "resolution" settles, named shortly before it: a dispute or an incident.
_RESOLVED_THINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:dispute|disagreement|objection|controvers|claim)"), "dispute_resolved"),
    (re.compile(r"\b(?:incident|outage|ticket|error|fault|defect)"), "incident_resolved"),
]


def _nearest(patterns: list[tuple[re.Pattern[str], str]], before: str) -> str | None:
    low = before.lower()
    best: tuple[int, str] | None = None
    for pattern, name in patterns:
        for found in pattern.finditer(low):
            if best is None or found.start() > best[0]:
                best = (found.start(), name)
    return best[1] if best else None


def resolved_thing_anchor(before: str) -> str | None:
    """What "within 30 days after resolution" counts from, read from the thing named before
    ("resolve the dispute ... payable within 30 days after resolution" -> dispute_resolved),
    or None where nothing resolvable is named (a board's resolution)."""
    return _nearest(_RESOLVED_THINGS, before)


def pronoun_event_anchor(event: str, before: str) -> str | None:
    """The anchor of an event that names its thing by a pronoun ("receiving it"), read from
    the nearest thing named in `before`, the words before the period ("accept each Order within
    three days of receiving it" -> order_receipt)."""
    if not _PRONOUN_EVENT_RE.search(event.lower()):
        return None
    return _nearest(_REFERENTS, before)
