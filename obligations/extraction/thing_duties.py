"""Duties a thing must meet where no party is the subject: a form it must take ("Notices must
be in writing", "Each invoice must include the load number") and an act that may not be done to
it ("An Order may not be cancelled", "No increase may exceed 5%"). Each reading takes the
sentence and the modal verb found in it, offsets relative to the sentence."""

from __future__ import annotations

import re

from obligations.extraction.kinds import Modal
from obligations.extraction.party_words import Mention

_I = re.IGNORECASE
# An act done to a thing: "be reviewed", "be sold", "be given".
BE_DONE_RE = re.compile(
    r"\s*be\s+(?:\w+ed|sold|given|made|sent|held|done|taken|kept|brought|bought|built|put"
    r"|set|run|written|spent|lent|told|shown|known|drawn|borne|withheld)\b",
    _I,
)
# What a denied thing does that is no act: "No waiver shall affect", "no delay shall operate".
_NO_ACT_RE = re.compile(
    r"\s*(?:not\s+)?(?:affect|limit|prejudice|constitute|operate|apply|relieve|release|waive"
    r"|impair|be\s+(?:deemed|construed|considered|effective|valid|binding)|exist|arise)",
    _I,
)
# A modal inside a condition ("In the event a report may not be generated, ...") binds no one.
_IN_CONDITION_RE = re.compile(
    r"(?:^|[,;:]\s*)\W*(?:if|in\s+the\s+event|where|when|unless|provided|to\s+the\s+extent)\b"
    r"[^,;:]*$",
    _I,
)
# "No increase may", "no new licences may": a thing the clause opens by denying.
_NO_THING_BEFORE_RE = re.compile(
    r"(?:^|[,;:(]\s*|\.\s+)\W*(?:\(?[0-9a-z]{1,3}(?:\.\d+)*[.)]?\s+)?no\s+(?:[\w-]+\s+){1,3}$", _I
)
IN_WRITING_RE = re.compile(
    r"\s*be\s+(?:given|made|sent|delivered|submitted|signed)?\s*in\s+writing\b", _I
)
# What a document must say ("Each invoice shall include the load number", "Your notice must
# include your name"), where "Force Majeure must include fire" defines a word.
_CONTENT_RE = re.compile(r"\s*(?:include|contain|state|specify|identify|describe|reference)\b", _I)
_DOCUMENT_BEFORE_RE = re.compile(
    r"\b(?:notices?|invoices?|reports?|requests?|statements?|sows?|orders?|claims?|lists?"
    r"|certificates?|forecasts?|proposals?|tenders?)\s*$",
    _I,
)
# "As used in this Section, Claims shall include all demands": a word defined, no form required.
_DEFINING_RE = re.compile(r"\bas\s+used\s+in\b|\bfor\s+(?:the\s+)?purposes?\s+of\b", _I)
# What follows a party that owns the sentence's subject: "Tenant|'s request for consent".
_OWNED_RE = re.compile(r"[’']s?\s+(?:[\w-]+\s+){0,3}", _I)
_OWNED_BY_PRONOUN_RE = re.compile(r"\s+(?:[\w-]+\s+){0,3}", _I)


def form_required(sentence: str, modal: Modal, rest: str) -> bool:
    """Whether the modal requires a form of a thing: in writing, or a content a document
    must hold."""
    if IN_WRITING_RE.match(rest):
        return True
    if not _CONTENT_RE.match(rest):
        return False
    before = sentence[max(0, modal.start - 40) : modal.start]
    return (
        _DOCUMENT_BEFORE_RE.search(before) is not None
        and _DEFINING_RE.search(sentence, 0, modal.start) is None
    )


def owner_before(sentence: str, mentions: list[Mention], verb: int) -> str | None:
    """The role of a party named as the owner of the subject before `verb` ("Tenant's
    request for consent must ..."), within its clause."""
    clause_start = max(sentence.rfind(mark, 0, verb) for mark in (";", ":", ". "))
    for mention in reversed(mentions):
        if not clause_start < mention.start < verb:
            continue
        owned = (
            _OWNED_BY_PRONOUN_RE
            if mention.text.lower() in ("your", "our", "their", "its")
            else _OWNED_RE
        )
        if owned.fullmatch(sentence, mention.end, verb):
            return mention.role
    return None


def negated_thing(sentence: str, modal: Modal) -> bool:
    """ "No increase may exceed 5%", "no new licences may be sold": a thing the clause denies,
    forbidden; "no waiver shall affect ..." states what the contract means. The caller checks
    that no party is the modal's subject."""
    window = max(0, modal.start - 60)
    low = sentence[window : modal.start].lower()
    if "no " not in low and "no\n" not in low:
        return False  # most clauses deny nothing: spare the pattern
    rest = sentence[modal.end : modal.end + 40]
    denied = _NO_THING_BEFORE_RE.search(sentence, window, modal.start)
    return denied is not None and not _NO_ACT_RE.match(rest)


def thing_forbidden(sentence: str, modal: Modal, rest: str) -> bool:
    """An act done to a thing that may not be done ("An Order may not be cancelled"); a thing
    the clause denies is `negated_thing`'s."""
    return (
        modal.modality == "prohibition"
        and modal.word.split()[0] in ("may", "must")
        and BE_DONE_RE.match(rest) is not None
        and not _IN_CONDITION_RE.search(sentence, 0, modal.start)
    )
