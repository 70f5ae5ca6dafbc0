"""Whether a duration is how long the contract lasts (its term, not a deadline) or how long a
duty runs on after it ("for two years thereafter", "for one year from termination"). Read by the
time rules for the words before a duration."""

from __future__ import annotations

import re

from obligations.extraction.anchors import PERSON_ENDS
from obligations.extraction.verbs import BINDING_VERBS

__all__ = [
    "RENEWING_RE",
    "contract_lasts",
    "duty_time_lead",
    "duty_time_start",
    "term_tail_event",
]

_I = re.IGNORECASE
RENEWING_RE = re.compile(r"renew|extend|extension|prolong", _I)
# In the future tense or the present ("commences on the Effective Date and expires ten (10)
# years thereafter"; "remains" and "continues" in the present are a breach's or an event's
# more often than the contract's).
_TERM_LENGTH_RE = re.compile(
    r"\b(?P<noun>term|agreement|contract|license|licence)\b(?!\s+(?:year|quarter|month|period)s?\b)"
    r"[^.;]{0,160}?\b(?:(?:shall|will)\s+"
    r"(?:automatically\s+)?(?:end|expire|continue|remain|last|run|be\s+in\s+(?:full\s+)?"
    r"(?:force|effect)|commence|begin)|(?:automatically\s+)?(?:expires|commences|begins))\b"
    r"[^;]{0,60}$",
    _I,
)
# "termination of this Agreement", "obligations under the Agreement": the agreement named as
# the object of a preposition is not what lasts.
_OBJECT_OF_RE = re.compile(
    r"\b(?:of|under|to|by|in|with|from|upon|after|before|for)\s+(?:(?:this|the|such|that|any)\s+)?$",
    _I,
)


def contract_lasts(before: str) -> bool:
    """Do the words `before` a period say the contract, its term or its licence lasts ("This
    Agreement shall continue for ...")? Each candidate noun must be the subject, which may
    stand further back than the usual left context."""
    left = before[-300:]
    position = 0
    while (found := _TERM_LENGTH_RE.search(left, position)) is not None:
        if not _OBJECT_OF_RE.search(left, max(0, found.start() - 30), found.start()):
            return True
        position = found.start() + 1
    return False


# What a period "thereafter" follows when it outlasts the agreement.
_OUTLASTS_TERM_RE = re.compile(
    r"\b(?:during|throughout|for)\s+(?:the\s+)?(?:term|life|duration|period)\b"
    r"|\b(?:termination|expiration|expiry)\b"
    # "This obligation shall survive for five (5) years thereafter", "while this Agreement is
    # in force and for two years thereafter": a duty that outlasts the contract.
    r"|\b(?:obligations?|dut(?:y|ies)|covenants?|undertakings?|restrictions?)\b[^.;]{0,60}?"
    r"\b(?:surviv\w*|continue|exist|remain)\b"
    r"|\bwhile\s+this\s+agreement\s+(?:is|remains)\s+in\s+(?:full\s+)?(?:force|effect)\b",
    _I,
)
_ENDED = r"termination|expiration|expiry"
_ENDED_RE = re.compile(rf"\b(?:{_ENDED})\b", _I)
# What a duty may run on from: the end of the contract, or of a person's service.
_RUNS_ON_FROM_RE = re.compile(rf"\b(?:{_ENDED}|{PERSON_ENDS})\b", _I)
# What may run "for N days from" an event and still be a deadline: a warranty, or a service
# given for a time ("will support each release for one (1) year from its release date").
_WARRANTY_RE = re.compile(r"\bwarrant(?:s|y|ies|ed)?\b", _I)
_SERVICE_PERIOD_RE = re.compile(
    r"\b(?:shall|will|must)\s+(?:only\s+|continue\s+to\s+)?(?:support|maintain|provide|keep|retain"
    r"|store|host|offer)\b",
    _I,
)
# The contract itself lasting for a time is its term, not a deadline.
_LASTS_RE = re.compile(
    r"\b(?:term|agreement|contract|licen[cs]e|subscription|lease)\b[^.;]{0,60}\b(?:shall|will"
    r"|is|be)\b[^.;]{0,30}$",
    _I,
)
# Words of lasting with no subject named: the contract's, unless what lasts is a warranty
# ("the warranty obligations shall extend for a period of one year commencing on acceptance").
_LASTING_WORD_RE = re.compile(
    r"\b(?:renew\w*|extend\w*|valid|in\s+(?:full\s+)?(?:force|effect))\b", _I
)


def term_tail_event(*, cue_word: str, left: str, sentence: str, event: str) -> str | None:
    """For a duration after words of the term ("during the Term and for two (2) years
    thereafter", "a term of one year from ..."): the event it counts from, or None when it is
    the contract's own term. `left` is the text before the duration, `event` the event its cue
    names."""
    # "during the Term and for two (2) years thereafter": a duty that outlasts the term.
    outlasting = cue_word == "thereafter" and _OUTLASTS_TERM_RE.search(left)
    # "shall pay the fee for a period of one year from the date of termination": a duty that
    # runs on after the contract (or a person's service) ends, counted from that end.
    runs_on = cue_word in ("from", "of") and _RUNS_ON_FROM_RE.search(event)
    if outlasting and not RENEWING_RE.search(sentence):
        return "termination or expiration" if _ENDED_RE.search(left) else "the end of the term"
    if (
        cue_word == "thereafter"
        or _LASTS_RE.search(left)
        or (_LASTING_WORD_RE.search(left) and not _WARRANTY_RE.search(left))
        or not (
            _WARRANTY_RE.search(sentence)
            or _SERVICE_PERIOD_RE.search(left)
            or (runs_on and not RENEWING_RE.search(sentence))
        )
    ):
        return None
    return event


# A duty's own time, as an adverb of its verb: "During the first two years of the Term,
# Customer shall ...", "shall, during a period of five years from ..., furnish". Not a time
# inside a noun phrase ("the fees paid during the first three months").
_DURING_TAIL_RE = re.compile(
    rf"(?:^\W*(?:\(?[0-9a-z]{{1,4}}[.)]\s+)?|[,;:(]\s*|\b(?:{BINDING_VERBS})\s*,?\s*)"
    r"during(?:\s+the)?(?:\s+(?:first|initial))?\s*$",
    _I,
)
# A prohibition that lasts a time, the time after its object: "No Member may transfer its
# Interest during the first three (3) years", "Supplier shall not remove the Key Personnel during
# the first eighteen (18) months". Not a benefit in the passive ("shall not be charged during"),
# nor a look back ("no Member shall solicit anyone employed during the twelve (12) months
# preceding").
_FORBIDDEN_DURING_TAIL_RE = re.compile(
    r"(?:\b(?:shall|will|must|may)\s+not|\b(?:no|neither)\b[^.;:]{0,60}?\b(?:shall|will|must|may))"
    r"\s+(?!be\b)[a-z]+\b[^.;:]{0,120}?\bduring\s+the\s+(?:first|initial)\s*$",
    _I,
)
_THE_TERM_RE = re.compile(r"(?:the\s+|this\s+)?(?:initial\s+)?(?:term|agreement)\b", _I)


def duty_time_lead(tail: str, position: int) -> re.Match[str] | None:
    """Where `tail` (the words before a duration) ends in "during ..." as an adverb of a duty's
    verb, searched from `position`, or of a prohibition's, which may stand further back."""
    found = _DURING_TAIL_RE.search(tail, position)
    if found is None and tail.rstrip().endswith(("first", "initial")):
        found = _FORBIDDEN_DURING_TAIL_RE.search(tail)
    return found


def duty_time_start(cue_word: str, event: str) -> str:
    """The event a duty's own time counts from: "the first five years of the Term" from its
    start."""
    return "the start of the term" if cue_word == "of" and _THE_TERM_RE.match(event) else event
