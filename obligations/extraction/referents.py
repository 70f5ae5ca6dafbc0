"""Events named by a pronoun: "within three days of receiving it", "after Tenant receives it",
"within four hours of it being logged". The pronoun stands for the thing named shortly before
it (the Order, the Annual Statement, the fault), and the event is that thing's receipt or
report.
"""

from __future__ import annotations

import re

from obligations.extraction.anchors import RECEIVED_THINGS
from obligations.extraction.life_events import SIGNED_DOCUMENTS
from obligations.extraction.verbs import TERMINATE_STEM

__all__ = [
    "dated_event_anchor",
    "ended_thing_anchor",
    "insured_event_anchor",
    "pronoun_event_anchor",
    "received_thing_anchor",
    "resolved_thing_anchor",
    "signed_thing_anchor",
]

_PRONOUN_EVENT_RE = re.compile(
    r"\b(?:receiv\w*|receipt\s+of)\s+(?:it|them|the\s+same|same)\b"
    r"|\b(?:it|they)\s+(?:is\s+|are\s+|being\s+|has\s+been\s+|have\s+been\s+)?"
    r"(?:received|logged|reported|submitted|raised)\b"
)
# What such a pronoun stands for, named shortly before it, and the event its receipt is.
_REFERENTS: list[tuple[re.Pattern[str], str]] = [
    *((pattern, name) for pattern, name in RECEIVED_THINGS if name != "order_receipt"),
    # Not "in order to"; a carrier's load "Tender" is an order too.
    (re.compile(r"\b(?<!in\s)(?:orders?|tenders?)\b(?!\s+to\b)"), "order_receipt"),
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


def received_thing_anchor(before: str, after: str) -> str | None:
    """What a bare "after receipt" counts from: the thing named before it ("accept each purchase
    order within five days after receipt" -> order_receipt), else the one named just after
    ("within four hours after receipt for all other Tenders")."""
    receipt = _RECEIPT_WORD_RE.search(after)
    named_after = _RECEIVED_AFTER_RE.match(after, receipt.end()) if receipt else None
    return _nearest(_REFERENTS, before) or (
        _first(_REFERENTS, named_after.group("thing")) if named_after else None
    )


# A thing named right after a bare receipt ("after receipt for all other Tenders"), not one in
# the next clause ("after receipt and shall resolve it before the next order ships").
_RECEIVED_AFTER_RE = re.compile(
    r"\s*(?:for|of)\s+(?:all\s+other\s+|all\s+|any\s+|each\s+|the\s+|such\s+)?"
    r"(?P<thing>[\w -]{1,30})",
    re.IGNORECASE,
)
_RECEIPT_WORD_RE = re.compile(r"\b(?:receipt|receiving)\b", re.IGNORECASE)
_SIGNED_THINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{SIGNED_DOCUMENTS})\b"), "document_signed"),
    (re.compile(r"\b(?:this\s+agreement|this\s+contract|the\s+agreement)\b"), "effective_date"),
]


def signed_thing_anchor(before: str) -> str | None:
    """What a bare "after signing" counts from: the document named nearest before it ("sign a
    lease ... and deliver a copy within 5 Business Days after signing" -> document_signed)."""
    return _nearest(_SIGNED_THINGS, before)


_PRONOUN_ENDS_RE = re.compile(
    r"\s*(?:it|this)\s+(?:ends|expires|terminates|has\s+ended|has\s+expired|is\s+terminated)\b",
    re.IGNORECASE,
)
_ENDING_THINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:agreement|contract|lease|licen[cs]e|term)\b"), "term_end"),
]


def ended_thing_anchor(event: str, before: str) -> str | None:
    """What "after it ends" counts from: the end of the agreement (or lease, licence, term)
    named before it; None where the pronoun stands for something else."""
    if not _PRONOUN_ENDS_RE.match(event):
        return None
    return _nearest(_ENDING_THINGS, before)


_THAT_DATE_RE = re.compile(r"\s*(?:such|that|the\s+same|said)\s+date\s*$", re.IGNORECASE)
_DATED_EVENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{TERMINATE_STEM}\w*|expir\w*)"), "termination"),
    (re.compile(r"\bclosing\b"), "closing"),
    (re.compile(r"\bdeliver(?:y|ed)\b"), "delivery"),
    (re.compile(r"\baccept(?:ance|ed)\b"), "acceptance"),
]


def dated_event_anchor(event: str, before: str) -> str | None:
    """What "within 45 days after such date" counts from: the event whose date was named
    before ("Upon expiration or termination ... such date" -> termination)."""
    if not _THAT_DATE_RE.match(event):
        return None
    return _nearest(_DATED_EVENTS, before)


_INSURANCE_RE = re.compile(r"\b(?:insurance|insurers?|coverage|insured)\b")
# The word that makes the end a cancellation of cover: "before cancellation", "of any
# cancellation, non-renewal or material change".
_CANCELLED_RE = re.compile(r"\b(?:cancel\w*|non-?renew\w*|lapse)")
# The contract's own end named before ("may terminate this Agreement"), where "the insurance
# this Agreement requires" names the contract only as what requires the cover.
_OWN_END_RE = re.compile(
    r"\b(?:terminat\w*|cancel\w*|expir\w*|end)\s+(?:of\s+)?(?:this|the)\s+"
    r"(?:agreement|contract|lease)\b"
    r"|\b(?:this|the)\s+(?:agreement|contract|lease)\s+(?:terminates|expires|ends)\b"
)


def insured_event_anchor(anchor: str, before: str, after: str) -> str:
    """A cancellation in a sentence about insurance ("Carrier's insurer shall give Shipper
    written notice at least thirty days before cancellation") is the policy's, not the
    contract's; cover kept "for three years after termination" still counts from the
    contract's end, and any other anchor stays."""
    if anchor != "termination":
        return anchor
    low = before.lower()
    near = low[-80:] + after.lower()
    cover = _INSURANCE_RE.search(low) and _CANCELLED_RE.search(near)
    return "policy_cancellation" if cover and not _OWN_END_RE.search(low) else anchor


def _first(patterns: list[tuple[re.Pattern[str], str]], after: str) -> str | None:
    low = after.lower()
    best: tuple[int, str] | None = None
    for pattern, name in patterns:
        found = pattern.search(low)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), name)
    return best[1] if best else None


def pronoun_event_anchor(event: str, before: str) -> str | None:
    """The anchor of an event that names its thing by a pronoun ("receiving it"), read from
    the nearest thing named in `before`, the words before the period ("accept each Order within
    three days of receiving it" -> order_receipt)."""
    if not _PRONOUN_EVENT_RE.search(event.lower()):
        return None
    return _nearest(_REFERENTS, before)
