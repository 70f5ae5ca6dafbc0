"""One-line summaries of obligations: "Pay within 30 days after invoice receipt"."""

from __future__ import annotations

import re

from obligations.extraction.model import Period
from obligations.extraction.timerules import TimeRule

_I = re.IGNORECASE
_VERB_RE = re.compile(
    r"\b(?:(?:shall|will|must|may|can|should)(?:\s+not|\s+never)?|cannot|"
    r"(?:is|are)\s+(?:\w+ly\s+)?(?:forbidden|prohibited|obliged|obligated|required|bound|"
    r"entitled|responsible)(?:\s+(?:to|from|for))?|agrees?\s+(?:not\s+)?to|"
    r"undertakes?\s+(?:not\s+)?to|(?:has|have|reserves?)\s+the\s+right\s+to)\b",
    _I,
)
_CLAUSE_END_RE = re.compile(
    r"[;:(]|\.(?:\s|$)|,\s+(?:unless|provided|except|if|and\s+(?:shall|will)|which|whereas)|"
    r"\s(?:within|no\s+later\s+than|not\s+later\s+than|at\s+least|at\s+the\s+latest|upon|"
    r"by\s+giving|with\s+a\s+notice|on\s+\S+\s+days|prior\s+to|before|after|unless|provided)\b",
    _I,
)
_KIND_ACTIONS = {
    "response_time": "Respond to an error report",
    "recovery_time": "Resolve a reported error",
    "limitation": "Bring any claim",
    "renewal_notice": "Give notice of non-renewal",
    "termination_notice": "Give notice of termination",
}
_MAX_WORDS = 9


def _period_words(period: Period) -> str:
    amount = int(period.amount) if float(period.amount).is_integer() else period.amount
    unit = period.unit.replace("_", " ")
    if amount == 1:
        unit = unit[:-1]
    return f"{amount} {unit}"


def _predicate(sentence: str, position: int) -> tuple[str, bool]:
    """The words that say what must be done, and whether they are negated."""
    verbs = list(_VERB_RE.finditer(sentence))
    before = [verb for verb in verbs if verb.start() <= position]
    verb = before[-1] if before else (verbs[0] if verbs else None)
    if verb is None:
        return "", False
    negated = bool(re.search(r"\bnot\b|\bnever\b|cannot|forbidden|prohibited", verb.group(0), _I))
    rest = sentence[verb.end() :]
    end = _CLAUSE_END_RE.search(rest)
    words = (rest[: end.start()] if end else rest).split()
    if words and words[0].lower() in ("be", "also", "then", "hereby", "further"):
        words = words[1:] if words[0].lower() != "be" else words
    return " ".join(words[:_MAX_WORDS]).strip(" ,"), negated


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def summarise(sentence: str, rule: TimeRule | None, modality: str) -> str:
    """A short line saying what is due and when."""
    position = rule.start if rule else len(sentence)
    predicate, negated = _predicate(sentence, position)
    if rule is not None and rule.kind in _KIND_ACTIONS:
        action = _KIND_ACTIONS[rule.kind]
    elif predicate:
        action = ("Do not " if negated else "") + predicate
        if modality == "right" and not negated:
            action = f"May {predicate}"
    else:
        action = " ".join(sentence.split()[:_MAX_WORDS])
    action = _capitalise(action.strip())
    if rule is None:
        return action
    event = rule.event or rule.anchor.replace("_", " ")
    event = " ".join(event.split()[:7])
    period = _period_words(rule.period)
    if rule.relation == "before":
        timing = f"at least {period} before {event}"
    else:
        timing = f"within {period} after {event}"
    if rule.recurrence:
        timing += f" ({rule.recurrence.replace('_', ' ')})"
    return f"{action} {timing}"
