"""One-line summaries of obligations: "Pay within 30 days after receipt of the invoice"."""

from __future__ import annotations

import re

from obligations.extraction.model import Period
from obligations.extraction.timerules import TimeRule
from obligations.extraction.verbs import BINDING_VERBS
from obligations.vocabulary.anchors import anchor_label

_I = re.IGNORECASE
_CLAUSE_END_RE = re.compile(
    r"[;:(]|\.(?:\s|$)|,\s+(?:unless|provided|except|if|and\s+(?:shall|will)|which|whereas)|"
    r"\s(?:within|no\s+later\s+than|not\s+later\s+than|at\s+least|at\s+the\s+latest|upon|"
    r"by\s+giving|with\s+a\s+notice|on\s+\S+\s+days|prior\s+to|before|after|unless|provided)\b",
    _I,
)
_FILLER_START_RE = re.compile(r"^(?:also|then|hereby|further|at\s+any\s+time|,)\s+", _I)
_ENUMERATOR_RE = re.compile(r"^\s*(?:\(?[0-9a-z]{1,3}[.)]|[-*•·])\s+", _I)
_KIND_ACTIONS = {
    "response_time": "Respond to an error report",
    "recovery_time": "Resolve a reported error",
    "limitation": "Bring any claim",
    "termination_notice": "Give notice of termination",
}
_TRAILING_CUE_RE = re.compile(
    r"(?:[\s,]+(?:(?:with)?in|no\s+later\s+than|not\s+later\s+than|at\s+(?:the\s+)?(?:least|latest)"
    r"|on\s+or(?:\s+(?:before|prior\s+to))?"
    r"|upon|by\s+giving|on|after|before|for|during|of|with|giving|(?:a\s+)?(?:notice\s+)?period"
    r"\s+of|following|next|ensuing|succeeding|the\s+(?:first|initial)|a|an|the))*[\s,]*$",
    _I,
)
_CUE_REACH = 120
# The words a chain of those cues can end on.
_CUE_LAST_WORDS = frozenset(
    [
        "within",
        "in",
        "than",
        "least",
        "latest",
        "or",
        "before",
        "to",
        "upon",
        "giving",
        "on",
        "after",
        "for",
        "during",
        "of",
        "with",
        "following",
        "next",
        "ensuing",
        "succeeding",
        "first",
        "initial",
        "a",
        "an",
        "the",
    ]
)
_GIVE_NOTICE_RE = re.compile(r"^(?:give|provide|send|serve|deliver)\b", _I)
# A predicate that says how long something lasts, not what anyone does ("The period of liaison
# will continue for three months after termination").
_LASTING_PREDICATE_RE = re.compile(r"^(?:continue|last|run|remain)s?\b", _I)
_SUBJECT_RE = re.compile(rf"^(?P<subject>[^,;:]{{3,80}}?)\s+(?:{BINDING_VERBS}|is\s+to)\b", _I)
_PASSIVE_PREDICATE_RE = re.compile(r"^(?:be|become|is|are)\b", _I)
_MAX_WORDS = 9
# A phrase cut short must not end on a word that only leads into what was cut off.
_DANGLING_WORDS = (
    "a an the and or nor but of to for from by with in on at as into onto upon any all each every "
    "its their his her our your such this that these those which who whose than then whether "
    "if unless when where while after before within without under over between"
)
_DANGLING = frozenset(_DANGLING_WORDS.split())


_BY_TAIL_RE = re.compile(
    r"[\s,]*(?:not\s+later\s+than|no\s+later\s+than|on\s+or\s+before|by|on|before)?(?:\s+the)?\s*$",
    re.I,
)
_EVENT_CUE_RE = re.compile(r"^(?:prior\s+to|before|after|following|from)\s+", re.I)
_EVERY_TAIL_RE = re.compile(r"[\s,]*(?:at\s+the\s+end\s+of\s+)?(?:each|every)\s*$", re.I)


def first_words(text: str, limit: int) -> str:
    """At most `limit` words of `text`; when that cuts the text short, the cut goes back to
    the end of a whole phrase ("Rectify any errors", not "Rectify any errors or")."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    kept = words[:limit]
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(",;:")


def _period_words(period: Period) -> str:
    amount = int(period.amount) if float(period.amount).is_integer() else period.amount
    unit = period.unit.replace("_", " ")
    if amount == 1:
        unit = unit[:-1]
    return f"{amount} {unit}"


def _without_trailing_cues(words: str) -> str:
    trimmed = words.rstrip(" ,\t\n")
    if trimmed[trimmed.rfind(" ") + 1 :].lower() not in _CUE_LAST_WORDS:
        return trimmed  # no cue ends the words: spare the pattern
    # A chain of cue words is never this long; starting the search near the end keeps the
    # pattern from being tried at every word of a long predicate.
    cues = _TRAILING_CUE_RE.search(words, max(0, len(words) - _CUE_REACH))
    return words[: cues.start()] if cues else words


def _predicate(sentence: str, verb_end: int | None, stop: int) -> str:
    """The words after the modal verb that say what is to be done, up to the clause's end."""
    if verb_end is None:
        return ""
    limit = stop if stop > verb_end else len(sentence)
    rest = sentence[verb_end : min(limit, verb_end + 240)]
    end = _CLAUSE_END_RE.search(rest)
    words = _without_trailing_cues(rest[: end.start()] if end else rest).strip()
    while True:
        trimmed = _FILLER_START_RE.sub("", words)
        if trimmed == words:
            break
        words = trimmed
    return first_words(words, _MAX_WORDS).strip(" ,")


def _lasting_subject(sentence: str) -> str:
    """The subject of a sentence ("the period of liaison"), lower-cased, when it comes first."""
    found = _SUBJECT_RE.match(_ENUMERATOR_RE.sub("", sentence).lstrip())
    if found is None:
        return ""
    subject = " ".join(found.group("subject").split())
    first, _, rest = subject.partition(" ")
    if first in ("The", "A", "An", "Each", "Any", "Such") and rest:
        return f"{first.lower()} {rest}"  # a name stays as written
    return subject


_EXERCISE_RE = re.compile(
    r"\b(?:exercis\w*|to\s+(?:extend|renew)|election\s+to\s+(?:extend|renew))\b", re.I
)
_DECLINE_RE = re.compile(
    r"\b(?:non-?renew\w*|not\b[^.;,]{0,25}\bto\s+(?:extend|renew)|terminat\w*)\b", re.I
)


def _renewal_noticed(sentence: str, rule: TimeRule) -> str:
    """What a notice before the term ends gives: "non-renewal", or "renewal" when it takes up
    an option ("To exercise a Renewal Term, Tenant must give notice ...")."""
    near = sentence[max(0, rule.start - 200) : rule.start]
    exercised = _EXERCISE_RE.search(near) and not _DECLINE_RE.search(near)
    return "renewal" if exercised else "non-renewal"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _notice_summary(rule: TimeRule, predicate: str, modality: str, sentence: str) -> str:
    period = _period_words(rule.period)
    notice = f"at least {period}' notice" if period.endswith("s") else f"at least {period}'s notice"
    before = f" before {first_words(rule.event, 7)}" if rule.event else ""
    if rule.kind == "termination_notice":
        return f"Give {notice} of termination{before}"
    if rule.kind == "renewal_notice":
        return f"Give {notice} of {_renewal_noticed(sentence, rule)}{before}"
    if not predicate or _GIVE_NOTICE_RE.match(predicate):
        about = anchor_label(rule.anchor).lower()
        return f"Give {notice}{before or f' before {about}'}"
    action = f"May {predicate}" if modality == "right" else _capitalise(predicate)
    return f"{action} on {notice}{before}"


def summarise(sentence: str, rule: TimeRule | None, modality: str, verb_end: int | None) -> str:
    """A short line saying what is due and when. `verb_end` is where the modal verb that
    governs the obligation ends in `sentence`, if there is one."""
    stop = rule.start if rule is not None else len(sentence)
    if rule is not None and verb_end is not None and verb_end > rule.start:
        stop = len(sentence)  # fronted: "Within 10 days after ..., Licensee shall deliver ..."
    predicate = _predicate(sentence, verb_end, stop)
    aside = sentence[verb_end : rule.start].lstrip() if rule and verb_end is not None else ""
    if rule is not None and aside.startswith(",") and "," not in aside[1:]:
        # "shall, within 30 days after receipt of an order, deliver the goods", "shall, during
        # the term or for five years after it, disclose": the verb follows the time set off by
        # commas, after the comma that closes it.
        comma = sentence.find(",", rule.end)
        if comma != -1:
            predicate = _predicate(sentence, comma + 1, len(sentence))
    if rule is not None and rule.notice:
        return _notice_summary(rule, predicate, modality, sentence)
    if rule is not None and rule.kind == "renewal_notice":
        action = f"Give notice of {_renewal_noticed(sentence, rule)}"
    elif rule is not None and (rule.kind in _KIND_ACTIONS):
        action = _KIND_ACTIONS[rule.kind or ""]
    elif (
        rule is not None
        and _LASTING_PREDICATE_RE.match(predicate)
        and (lasting := _lasting_subject(sentence))
    ):
        action = f"End of {lasting}"
    elif predicate and not (rule is not None and _PASSIVE_PREDICATE_RE.match(predicate)):
        if modality == "prohibition":
            action = f"Do not {predicate}"
        elif modality == "right":
            action = f"May {predicate}"
        else:
            action = predicate
    elif rule is not None and rule.anchor.startswith("invoice"):
        action = "Pay"
    elif rule is not None:
        # No active verb ("Credits must be claimed within ..."): the words before the time.
        before = sentence[: min(rule.start, 300)]
        before = _TRAILING_CUE_RE.sub("", before) if rule.start <= 300 else before
        action = first_words(_ENUMERATOR_RE.sub("", before), _MAX_WORDS)
    else:
        action = first_words(_ENUMERATOR_RE.sub("", sentence), _MAX_WORDS)
    action = _capitalise(action.strip())
    if rule is None:
        return action
    # The event as the contract names it may keep its own cue ("prior to the end of the Term").
    event = _EVENT_CUE_RE.sub("", first_words(rule.event or anchor_label(rule.anchor).lower(), 7))
    period = _period_words(rule.period)
    if rule.cue == "day of":
        action = _BY_TAIL_RE.sub("", action)
        return f"{action} by the {rule.event}".strip().capitalize()
    if rule.cue == "every":
        action = _EVERY_TAIL_RE.sub("", action)
        if rule.anchor == "last_performance":
            timing = f"at least once every {period}"
        else:
            timing = f"every {period}, the first {period} after {event}"
    elif rule.relation == "before":
        timing = f"at least {period} before {event}"
    elif rule.cue == "during":
        timing = f"until {period} after {event}"  # a duty that lasts, not one due once
    else:
        timing = f"within {period} after {event}"
    if rule.recurrence:
        timing += f" ({rule.recurrence.replace('_', ' ')})"
    return f"{action} {timing}"
