"""Lists: a lead-in that ends in a colon hands its party and modality to the items under it.

"Customer shall:" makes each item a duty of the Customer; "Either party may terminate this
Agreement:" makes each item a right of both; "Customer may terminate if Provider:" makes each
item an act of the Provider. A lead-in may bind its subject without a modal verb ("The Company
agrees with each of the Agents:"); then the items that state an act as an infinitive ("(a) To
prepare ...") are its duties. A list runs on across a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from obligations.extraction.kinds import Modal
from obligations.extraction.model import Clause
from obligations.extraction.party_words import Mention
from obligations.extraction.sentences import Segment

__all__ = [
    "Lead",
    "binds_without_modal",
    "inherited_lead",
    "lead_about",
    "lead_in",
    "list_continues",
]

_I = re.IGNORECASE
# A list lead-in that ends in a condition on a party ("Customer may terminate if Provider:"):
# the items that follow are that party's acts.
_CONDITION_LEAD_RE = re.compile(
    r"\b(?:if|where|when|whenever|unless|should|in\s+case|in\s+the\s+event\s+(?:that\s+)?)"
    r"\s+(?:the\s+|such\s+)?$",
    _I,
)
# A lead-in that binds its subject without a modal verb ("The Company agrees with each of the
# Agents:", "Licensee undertakes:"). "The parties agree as follows:" opens the contract;
# "agrees that:" and a list of representations ("represents and warrants:") state facts.
_BINDING_LEAD_RE = re.compile(
    r"\b(?:agrees?|covenants?|undertakes?)\b(?![^.;:]*\b(?:follows|that)\W*$)[^.;]*:\s*$", _I
)
_REPRESENTS_RE = re.compile(r"\b(?:represents?|warrants?)\b", _I)
# An item that states an act as an infinitive, at its head ("(a) To prepare", "(c) Promptly
# from time to time to take") or after a fronted phrase ("(h) During five years ..., to furnish").
_INFINITIVE_ITEM_RE = re.compile(
    r"(?:\W{0,4}(?:\(?[0-9a-z]{1,4}[.)]\s+)?(?:\w+ly\s+)?|[^.;:]{0,300}?,\s+)"
    r"(?:from\s+time\s+to\s+time\s+)?(?P<not>not\s+)?to\s+(?=(?-i:[a-z]{2,})\b)",
    _I,
)
# A paragraph that starts with a lower-case word (not a bullet "o" or an enumerator "ii.")
# continues the one before it across a page break.
_CONTINUED_RE = re.compile(r"[a-z]{2,}\b(?![.)])")
# How far into an item its infinitive is looked for.
_ITEM_HEAD = 400


@dataclass(frozen=True)
class Lead:
    line: int
    role: str
    modality: str
    sentence: str  # "Either party may terminate this Agreement:", read as its items' context
    infinitive: bool = False  # it binds without a modal: only items that state an act inherit


def binds_without_modal(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is a lead-in that binds its subject without a modal verb."""
    return (
        _BINDING_LEAD_RE.search(text, start, end) is not None
        and _REPRESENTS_RE.search(text, start, end) is None
    )


def lead_in(
    sentence: str,
    *,
    line: int,
    modals: list[Modal],
    mentions: list[Mention],
    offset: int,
    subject: str,
) -> Lead | None:
    """The lead-in that `sentence` (ending in a colon) opens, or None when it binds nobody.
    `subject` is the role of the party the sentence binds; `mentions` carry offsets into the
    text, `offset` is where the sentence starts."""
    if modals:
        modality = modals[0].modality
    elif binds_without_modal(sentence, 0, len(sentence)):
        modality = "duty"
    else:
        return None
    role = _condition_party(sentence, mentions, offset) or subject
    return Lead(line, role, modality, sentence, infinitive=not modals)


def list_continues(text: str, segment: Segment) -> bool:
    """Whether a paragraph that is not an item still belongs to the list before it."""
    return _CONTINUED_RE.match(text, segment.start, segment.end) is not None


def inherited_lead(
    text: str, segment: Segment, lead: Lead | None
) -> tuple[Lead | None, int | None]:
    """The lead-in whose party and modality a list item takes, if it takes one, and where the
    verb of the item's infinitive begins (relative to the item) when the lead-in binds without
    a modal verb."""
    if lead is None or not (segment.item and segment.first and segment.line > lead.line):
        return None, None
    if not lead.infinitive:
        return lead, None
    act = _INFINITIVE_ITEM_RE.match(
        text, segment.start, min(segment.end, segment.start + _ITEM_HEAD)
    )
    if act is None:
        return None, None
    if act.group("not"):
        lead = replace(lead, modality="prohibition")  # "(g) During ..., not to offer"
    return lead, act.end() - segment.start


def lead_about(lead: Lead | None, clause: Clause | None) -> str:
    """What a sentence's context says it is about: its list's lead-in, else its clause's heading."""
    if lead is not None:
        return lead.sentence
    return clause.heading if clause is not None else ""


def _condition_party(sentence: str, mentions: list[Mention], offset: int) -> str | None:
    """The party a lead-in's closing condition names ("... if Provider:")."""
    if not mentions:
        return None
    last = mentions[-1]
    start, end = last.start - offset, last.end - offset
    if sentence[end:].strip() != ":" or not last.role:
        return None
    return last.role if _CONDITION_LEAD_RE.search(sentence, max(0, start - 40), start) else None
