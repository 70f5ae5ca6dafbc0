"""Time rules: which durations in a sentence are deadlines, and what they count from.

A duration is a deadline when the words around it make it one ("within 30 days of", "at least
two months before the end of", "30 days' prior written notice", "response time: 8 hours", a
limitation period). It is not one when it measures something else: a term ("for an initial term
of three years", "renews for successive one-year periods"), a look-back ("fees paid in the 12
months prior to the claim"), an age ("24h old") or a rate ("once per 12-month period").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from obligations.extraction.anchors import (
    action_anchor,
    event_anchor,
    recurrence_in,
    recurrence_of_anchor,
    renewal_recurrence,
    vocabulary_code,
)
from obligations.extraction.durations import PeriodMatch
from obligations.extraction.intervals import (
    day_of_period_end,
    interval_recurrence,
    is_anniversary,
    recurring_interval,
)
from obligations.extraction.model import Period
from obligations.extraction.rule_anchors import action_text, end_of_period_anchor, rule_anchor
from obligations.extraction.service_levels import (
    EVERY_CELL_RE,
    is_incident_update_column,
    is_service_table,
    sla_kind,
    table_sla_kind,
)
from obligations.extraction.tables import cell_before, column_at
from obligations.extraction.term_lasting import (
    RENEWING_RE,
    contract_lasts,
    duty_time_lead,
    duty_time_start,
    term_tail_event,
)

_I = re.IGNORECASE


@dataclass(frozen=True)
class TimeRule:
    """A deadline stated in a sentence; offsets are those of the duration in the sentence."""

    start: int
    end: int
    period: Period
    relation: str
    anchor: str
    recurrence: str | None
    kind: str | None  # a kind the wording itself tells: response_time, limitation, ...
    cue: str  # "within", "at least", "notice", ... for the summary
    event: str  # the anchor as written ("receipt of the invoice"), may be empty
    strong: bool  # the cue sits right next to the duration
    notice: bool  # a notice period ("30 days' written notice")
    fronted: bool  # stated before its clause's subject and verb
    # An interval cell of a service-level table ("Every two hours" under "Status Updates"): the
    # supplier's act, repeated at that interval.
    service_cell: bool = False


@dataclass(frozen=True)
class _Cue:
    cue: str
    relation: str
    event: str
    strong: bool
    notice: bool
    fronted: bool = False
    sla: str | None = None  # response_time or recovery_time
    service_cell: bool = False
    from_incident: bool = False  # an interval cell that counts from the row's incident


# A phrase between the cue and the amount that does not change the meaning.
_FILLER_TAIL_RE = re.compile(
    r"(?:\s*\b(?:(?:a|an|the)\s+)?(?:(?:notice|cure|grace|payment)\s+)?(?:period|term|total|maximum"
    r"|minimum|(?:minimum|maximum)\s+period)\s+of(?:\s+notice\s+of)?"
    r"|\s*\bnot\s+(?:less|more)\s+than|\s*\bno\s+(?:less|more)"
    r"\s+than|\s*\bup\s+to|\s*\ba\s+maximum\s+of|\s*\bmaximum|\s*\bat\s+least|\s*\ba\s+full"
    r"|\s*\bnot\s+fewer\s+than|\s*\bno\s+fewer\s+than|\s*\ba(?:n)?\s+(?:further|additional)"
    r"|(?<=within)\s+the\s+first"
    # "within (i) thirty (30) days for ... and (ii) ninety (90) days": the items of a list
    r"|\s*\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)"
    r"|\s*\ba(?:n)?)\s*$",
    _I,
)
_LOOKBACK_TAIL_RE = re.compile(
    r"(?<![\w-])(?:the|such|this|that|these|those|each|every|per|any|its|their|first|initial|last|"
    r"preceding|previous|past|remaining|successive|subsequent|additional|further|renewal|"
    r"consecutive|next|then[- ]current|current|extended|extension|same|minimum|once)\s*$",
    _I,
)
# "notice of renewal at least 120 days before ...": the word names what the notice announces,
# not a period of the same kind before this one ("the renewal 12 months").
_NOTICE_OF_TAIL_RE = re.compile(
    r"\bnotices?\s+of\s+(?:its\s+|their\s+|such\s+)?(?:renewal|extension)\s*$", _I
)
_NEXT_PERIOD_TAIL_RE = re.compile(
    r"\b(?:(?:with)?in|during|over)\s+the\s+(?:following|next|ensuing|succeeding)\s*$", _I
)
_HORIZON_RE = re.compile(r"\b(?:forecast|projection|plan|budget|estimate)s?\b", _I)
_DEADLINE_TAIL_RE = re.compile(
    r"\b(?:within|later\s+than|latest|upon|after|(?:shall|will)\s+have|has|have|"
    r"deadline(?:\s+(?:shall|will)\s+be|\s+is|\s+of)?|notice\s+period(?:\s+(?:shall|will)\s+be"
    r"|\s+is)?|(?:cure|grace)\s+period(?:\s+(?:shall|will)\s+be|\s+is)|period\s+of\s+notice"
    r"|notice\s+of|(?:is|are|be|become)\s+due|due|payable|"
    r"expires?|expire\s+within|lapse|times?\s*[:=]|before|prior\s+to"
    # Payment terms: "Net 30 days", "Payment terms: 30 days after receipt of invoice".
    r"|net|payment\s+terms?(?:\s*[:=]|\s+(?:are|is|shall\s+be|will\s+be))(?:\s+net)?"
    # "billed quarterly, on payment terms of 60 days"
    r"|(?:payment\s+terms?|terms\s+of\s+payment)\s+of(?:\s+net)?)\s*$",
    _I,
)
# A duration fronted before its clause ("Within 30 days after ..., Licensee shall pay")
# belongs to the subject and verb that follow it.
_FRONTED_RE = re.compile(r"(?:^|[,;:(]|\b(?:and|or|but|then)|^\W*\(?[0-9a-z]{1,4}[.)])\s*$", _I)
_OBLIGATION_WORD_RE = re.compile(
    r"\b(?:shall|must|will|may|can|agrees?|undertakes?|required|obliged|obligated|entitled|due|"
    r"payable|deadline|expires?|expire[ds]|notice|notif\w*|terminat\w*|renew\w*|warrants?"
    # "These obligations continue for five (5) years after this Agreement ends."
    r"|obligations?|surviv\w*)\b"
    r"|\w['’]ll\b",
    _I,
)
_DEEMED_GIVEN_RE = re.compile(
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:duly\s+)?(?:given|received|delivered|served|made|"
    r"effective)\b",
    _I,
)
_TERM_TAIL_RE = re.compile(
    r"\b(?:for|of|is|be|are|was|means|term|during|renew\w*|extend\w*)\s*$", _I
)
_APOSTROPHE = r"\s*(?:['’]s?|s['’])?\s*(?:\((?:\d+|[a-z -]+)\)\s*)?"
_NOTICE_RIGHT_RE = re.compile(
    _APOSTROPHE + r"(?:(?:prior|advance|written|previous|formal|express|calendar)\s+){0,3}"
    r"(?:notice|notification)\b",
    _I,
)
_RIGHT_CUE_RE = re.compile(
    _APOSTROPHE + r"(?:,\s*(?=after|following|from|before|prior))?(?:calendar\s+)?"
    r"(?P<cue>(?:or\s+more\s+)?(?:past\s+due|overdue|late\b|delinquent)"
    r"|after|following|subsequent\s+to|from|of|before|prior\s+to|prior|preceding"
    r"|in\s+advance(?:\s+of)?"
    r"|in\s+arrears|thereafter|to\s+the\s+end|since|later|beyond"
    r"|(?:commencing|starting|beginning)\s+(?:on|with|from|upon|at))\b",
    _I,
)
_EACH_CASE_RE = re.compile(
    r"[^.;]{0,200}?,?\s+in\s+(?:each|either|any|every)\s+(?:such\s+)?case\s+"
    r"(?=(?:after|following|from|before|prior\s+to)\b)",
    _I,
)
# The near end of a window whose far end names the event for both: "not less than nine (9)
# months nor more than fifteen (15) months before the expiration".
_WINDOW_END_RE = re.compile(
    r"\s*,?\s*(?:n?or|and|but)\s+(?:not?\s+)?(?:more|less|later|earlier|fewer|greater)\s+than"
    r"\s+[^.;]{1,40}?\b(?:hours?|days?|weeks?|months?|years?)\b(?:'s?)?\s*,?\s*"
    r"(?=(?:after|following|from|before|prior\s+to)\b)",
    _I,
)
_AFTER_WORDS = ("after", "following", "subsequent to")
# "one year commencing on acceptance" counts from acceptance, as "from acceptance" does.
_STARTING_CUE_RE = re.compile(r"(?:commencing|starting|beginning)\s", _I)
_NOTICE_LEFT_RE = re.compile(
    r"(?:notice\s+period|period\s+of\s+notice|notice|notification)\s+(?:(?:shall|will)\s+be\s+|is\s+|of\s+"
    # "the period for prior notice of Subprocessor changes is 10 business days"
    r"|(?:of|for|to)\s+[^,.;:()]{1,40}?\s+(?:(?:shall|will)\s+be|is)\s+"
    # "upon written notice to the other Party of at least 3 months"
    r"|(?:in\s+writing\s+)?(?:to|from)\s+(?:(?!\bend\b|\bto\b)[^,.;:()]){1,40}?\s+of\s+)?"
    r"(?:(?:at\s+least|not\s+less\s+than|no\s+less\s+than|a\s+minimum\s+of|minimum|the)\s+)?$",
    _I,
)
_NOTICE_EVENT_RE = re.compile(
    r"^(?:\s+(?:to|of|from)\s+[^,.;()]{1,40}?)?\s*\b(?:before|prior\s+to|preceding|in\s+advance\s+of|"
    r"to\s+the\s+end)\b",
    _I,
)
_DEFINITION_RE = re.compile(
    r"[\"“”'‘][^\"“”]{1,60}[\"“”'’]\s*(?:\([^)]*\)\s*)?(?:shall\s+)?(?:means?|has\s+the"
    r"\s+meaning|refers?\s+to|shall\s+refer)\b",
    _I,
)
_REACH = 400
_CONTEXT = 160  # the words read on either side of a duration
_DAY_CUE_TAIL_RE = re.compile(
    r"(?:(?:not|no)\s+later\s+than|on\s+or\s+before|by|on|before)?\s*(?:the\s*)?$", _I
)
# The word that may close a duration used as a noun: "each three (3) month period".
_PERIOD_WORD_RE = re.compile(r"^\s*(?:period|term|interval|cycle)\b", _I)
_BEFORE_WORDS = ("before", "prior to", "prior", "preceding", "in advance", "in advance of")
_LIMITATION_RE = re.compile(
    r"limitation\s+period|period\s+of\s+limitation|statute\s+of\s+limitations?|time[- ]barred"
    r"|\bclaims?\b[^.;]{0,80}\b(?:expire|lapse|become\s+statute|be\s+(?:brought|commenced|filed)"
    r")|\baction\b[^.;]{0,160}\b(?:brought|commenced|filed)\b",
    _I,
)
_NOT_DEADLINE_AFTER_RE = re.compile(r"\s*(?:old\b|of\s+age\b|in\s+age\b|of\s+experience\b)", _I)
_BEFORE_CUE_RE = re.compile(r"(?:before|prior\s+to)$")
_PAST_DUE_RE = re.compile(
    _APOSTROPHE + r"(?:or\s+more\s+)?(?:past\s+due|overdue|late\b|delinquent)", _I
)
# A state that lasts for a time before a right arises: "if the Force Majeure Event continues
# for a period of thirty (30) days", "if the service is unavailable for 15 or more days".
# A sentence that opens on its event ("Upon expiration or termination of this Agreement, ...")
# and a right that lasts a while after it ("may for", "may sell its stock for").
_UPON_EVENT_RE = re.compile(
    r"\W*(?:\(?[0-9a-z]{1,3}(?:\.\d+)*[.)]?\s+)?(?:upon|after|following)\s+"
    r"(?P<event>(?:the\s+)?(?:expiration|expiry|termination|end)[^,;]{0,80}?),",
    _I,
)
_RIGHT_FOR_RE = re.compile(r"\bmay\b(?:\s+[\w'’-]+){0,8}?\s+for\s+$", _I)
_LASTING_CONDITION_RE = re.compile(
    r"\b(?:if|in\s+the\s+event|where|should|when(?:ever)?)\b(?P<what>[^.;]{0,160}?)\s+"
    r"(?:continu\w*|persist\w*|last(?:s|ing)?|remain\w*|stays?|(?:has\s+been|is|are|was|were)\s+"
    r"(?:suspended|unavailable|delayed|prevented|interrupted|down)|affect\w*|prevent\w*"
    r"|delay\w*)\b[^.;]{0,80}?\bfor\s+(?:(?:a\s+(?:total\s+)?period\s+of|more\s+than|over"
    r"|in\s+excess\s+of|at\s+least|longer\s+than)\s+)*$",
    _I,
)
# A rule another section states, recalled here: "(which, as stated there, must be claimed
# within sixty (60) days ...)", "as provided in Section 7.2, no Member may ... unless ...". Not
# "except as provided in Section 4", which makes this sentence the rule.
_RESTATED_RE = re.compile(
    r"(?<!except\s)(?<!unless\s)(?<!otherwise\s)\bas\s+(?:provided|stated|set\s+(?:forth|out)"
    r"|described|specified)\s+(?:there(?:in)?\b|in\s+(?:section|clause|article|paragraph)\s+\d"
    r"[\w.()]*\s*,)",
    _I,
)
# A wait: "until at least 30 days have passed since that notice", "before ten days have elapsed
# after delivery".
_UNTIL_TAIL_RE = re.compile(r"\b(?:until|till|before|unless)\s*$", _I)
_ELAPSED_SINCE_RE = re.compile(
    r"\s+(?:have|has|shall\s+have|will\s+have)\s+(?:passed|elapsed|expired|run)\s+"
    r"(?:since|after|from|following)\s+",
    _I,
)
# Words of money not paid when due.
_UNPAID = r"past\s+due|overdue|unpaid|delinquent|in\s+arrears"
# "Accounts that stay past due for sixty (60) days may be cancelled": money unpaid that long
# after it fell due, said in a relative clause.
_UNPAID_FOR_RE = re.compile(
    rf"\b(?:that|which)\s+(?:stay|remain|continue|is|are)s?\s+(?:{_UNPAID})\s+for\s+"
    r"(?:(?:more\s+than|at\s+least|over|longer\s+than)\s+)*$",
    _I,
)
# "If such period exceeds 1 month, either Party may terminate": a state outlasting a time.
_EXCEEDS_CONDITION_RE = re.compile(
    r"\b(?:if|in\s+the\s+event|where|should|when(?:ever)?)\b(?P<what>[^.;]{0,160}?)\s+"
    r"(?:exceed\w*|(?:is|are|be|lasts?)\s+(?:longer|more)\s+than)\s+$",
    _I,
)
# Records or copies kept for a time: "shall retain ... for at least", "are retained for". Kept
# confidential is a state, not records kept; "may keep" is a permission.
_KEPT_FOR_RE = re.compile(
    r"(?:(?P<passive>\b(?:is|are|be|been|will\s+be)\s+(?:retained|kept|stored|preserved|archived))"
    r"|(?<!may\s)(?<!can\s)\b(?:retain|keep|maintain|store|preserve|archive)s?\b"
    r"(?!\s+(?:\w+\s+)?confidential))"
    r"[^.;:]{0,100}?\bfor\s+(?:a\s+(?:minimum\s+)?(?:period\s+of\s+)?|at\s+least\s+"
    r"|not\s+less\s+than\s+|no\s+less\s+than\s+|a\s+minimum\s+of\s+)*$",
    _I,
)
# What is kept, named before or after the time: records, not insurance or a service.
_KEPT_THING_RE = re.compile(
    r"\b(?:records?|books|data|backups?|logs?|copies|documents?|files|reports?|invoices|history"
    r"|accounts|information)\b",
    _I,
)
_UNPAID_RE = re.compile(rf"\b(?:{_UNPAID})\b", _I)
# The events a bare "from" or "of" after a duration counts from: "30 days from receipt".
_DATED_EVENT_RE = re.compile(
    r"\b(?:receipt|date|end|delivery|notice|termination|expir\w*|invoice|last|release|updat\w*"
    r"|creation|download|disclosure|purchase|acceptance|installation|completion|signing|signature"
    r"|execution|closing|commencement|issu\w*)",
    _I,
)


_EVENT_END_RE = re.compile(
    r"[;:\[\]]|\.(?:\s|$)|,\s|\s(?:unless|provided|and\s+(?:shall|will|must|may)|in\s+which|"
    r"whichever|if\s)",
    _I,
)


def _event_phrase(right: str) -> str:
    end = _EVENT_END_RE.search(right)
    phrase = right[: end.start()] if end else right[:120]
    return " ".join(phrase.split()[:14])


@dataclass(frozen=True)
class _SentenceFacts:
    """What a whole sentence says, read once for all its durations."""

    deemed_given: bool
    limitation: bool
    binding: bool

    @classmethod
    def of(cls, sentence: str, *, bound: bool = False) -> _SentenceFacts:
        return cls(
            deemed_given=_DEEMED_GIVEN_RE.search(sentence) is not None,
            limitation=_LIMITATION_RE.search(sentence) is not None,
            binding=bound or _OBLIGATION_WORD_RE.search(sentence) is not None,
        )


# The last word of every filler `_FILLER_TAIL_RE` strips: a tail ending otherwise has none, and
# is not scanned (the pattern is tried at every position of the window).
_FILLER_LAST_WORDS = (
    "of", "than", "to", "maximum", "least", "full", "further", "additional", "first", ")", "a",
    "an",
)  # fmt: skip


def _without_filler_tail(window: str) -> str:
    """`window` without the words that only qualify a duration after it ("not less than",
    "a period of", "up to"), however many there are."""
    while window.rstrip()[-12:].lower().endswith(_FILLER_LAST_WORDS):
        stripped = _FILLER_TAIL_RE.sub("", window)
        if stripped == window:
            break
        window = stripped
    return window


def _classify(sentence: str, match: PeriodMatch, facts: _SentenceFacts) -> _Cue | None:
    """How the words around a duration make it a deadline, or None when they do not."""
    left = sentence[: match.start][-_CONTEXT:]
    right = sentence[match.end : match.end + _CONTEXT]
    if _NOT_DEADLINE_AFTER_RE.match(right):
        return None
    if _RESTATED_RE.search(sentence, max(0, match.start - 200), match.start):
        return None  # the rule is another section's, read there
    # A sum "30 days past due" is a deadline missed, even inside a definition ("'Suspension
    # Event' means fees 30 days or more past due").
    past_due = _PAST_DUE_RE.match(right) is not None
    if not past_due and _DEFINITION_RE.search(sentence, 0, match.start):
        return None
    notice = _NOTICE_LEFT_RE.search(left, max(0, len(left) - 60)) is not None
    # Every test below reads the end of the left context; searching from near the end keeps
    # each one short.
    head, window = left[:-80], left[-80:]
    tail = head + _without_filler_tail(window)
    near = max(0, len(tail) - 60)
    if day_of_period_end(match.phrase):
        # "by the 10th day of each month": a deadline when the sentence binds someone.
        if not facts.binding:
            return None
        lead = _DAY_CUE_TAIL_RE.sub("", left)
        fronted = _FRONTED_RE.search(lead, max(0, len(lead) - 20)) is not None
        return _Cue("day of", "after", match.phrase, True, False, fronted)
    if is_anniversary(match.phrase):
        # "on or before the tenth anniversary of the Issue Date": ten years after that date,
        # when the sentence binds someone; the contract lasting until one is its term.
        if not facts.binding or contract_lasts(sentence[: match.start]):
            return None
        event = _event_phrase(right.removeprefix(" of").lstrip())
        return _Cue("anniversary of", "after", event, True, False)
    sla = sla_kind(sentence, match, left, tail)
    if sla:
        return _Cue("response time", "after", "", True, False, sla=sla)
    # The clause after a fronted interval may start a long aside later ("at the end of each
    # three (3) month period, commencing on the Start Date, (referred to as ...) during the
    # Term, GitLab will: ..."): it is read as far as the fronted act may lie.
    following = _PERIOD_WORD_RE.sub("", sentence[match.end : match.end + 320], count=1)
    if recurring_interval(tail[near:], action_text(sentence, match), following):
        return _Cue("every", "after", "", True, False)
    upcoming = _NEXT_PERIOD_TAIL_RE.search(tail, near) if facts.binding else None
    if (
        upcoming is not None
        and upcoming.group(0).lower().startswith("over")
        and _HORIZON_RE.search(tail, max(0, upcoming.start() - 120))
    ):
        # "a rolling forecast of the Orders it expects to place over the following twelve
        # months": how far a forecast or plan looks ahead, not a time to act in.
        return None
    if upcoming is not None:
        # "shall respond to this offer in the following forty eight (48) hours": within that
        # time of what the sentence names, not a look back over the last one.
        lead_in = _FRONTED_RE.search(tail, max(0, upcoming.start() - 20), upcoming.start())
        return _Cue("within", "after", "", True, False, lead_in is not None)
    during = duty_time_lead(tail, max(0, near - 40))
    if (
        _LOOKBACK_TAIL_RE.search(tail, near)
        and during is None
        and not _NOTICE_OF_TAIL_RE.search(tail, near)
    ):
        return None
    event_text: str | None = None
    cue_word = ""
    notice_right = _NOTICE_RIGHT_RE.match(right)
    right_cue = None if notice_right else _RIGHT_CUE_RE.match(right)
    if not notice_right and right_cue is None:
        # "thirty (30) days for failures to pay and ninety (90) days for all other
        # obligations, in each case after receipt of notice": the event named for them all.
        right = sentence[match.end : match.end + 2 * _CONTEXT]
        each_case = _EACH_CASE_RE.match(right) or _WINDOW_END_RE.match(right)
        right_cue = _RIGHT_CUE_RE.match(right, each_case.end()) if each_case else None
    if notice_right:
        notice = True
        cue_word = "notice"
        rest = right[notice_right.end() :]
        before = _NOTICE_EVENT_RE.match(rest)
        event_text = ("end " if before and before.group(0).endswith("end") else "") + (
            rest[before.end() :] if before else ""
        )
    elif right_cue:
        cue_word = " ".join(right_cue.group("cue").lower().split())
        if _STARTING_CUE_RE.match(cue_word):
            cue_word = "from"
        event_text = right[right_cue.end() :]
        if past_due:
            cue_word, event_text = "past due", "the due date"
        if cue_word == "to the end":
            event_text = "end " + event_text
    if not notice and (facts.deemed_given or contract_lasts(sentence[: match.start])):
        return None
    relation = (
        "before" if notice or cue_word in _BEFORE_WORDS or cue_word == "to the end" else "after"
    )
    if (cue_word in _AFTER_WORDS or cue_word in ("from", "of")) and not notice_right:
        relation = "after"
    event = _event_phrase(event_text) if event_text else ""
    left_cue = _DEADLINE_TAIL_RE.search(tail, near)
    if left_cue or notice:
        cue = left_cue.group(0).strip().lower() if left_cue else "notice"
        # "on or before thirty (30) days after receipt": the deadline lies after the event.
        if _BEFORE_CUE_RE.search(cue) and cue_word not in _AFTER_WORDS:
            relation, event = "before", _event_phrase(right)
        cue_start = left_cue.start() if left_cue else 0
        fronted = bool(_FRONTED_RE.search(tail, max(0, cue_start - 20), cue_start))
        return _Cue(cue, relation, event, True, notice, fronted)
    if facts.limitation:
        return _Cue("limitation", "after", event, True, False)
    upon = _UPON_EVENT_RE.match(sentence)
    if upon and _RIGHT_FOR_RE.search(left, max(0, len(left) - 80)):
        # "Upon expiration or termination, Sponsor may for ninety (90) days sell off its
        # stock": a right that lasts that long after the event the sentence opens with.
        return _Cue("for", "after", upon.group("event"), True, False)
    if facts.binding and _UNPAID_FOR_RE.search(left, max(0, len(left) - 80)):
        return _Cue("for", "after", "the due date", True, False)
    lasting = _LASTING_CONDITION_RE.search(left) or _EXCEEDS_CONDITION_RE.search(left)
    if lasting and facts.binding:
        # The event named after the duration ("for 12 months following termination") beats
        # the state that lasts.
        lasted = event or " ".join(lasting.group("what").split()[-8:])
        if not event and _UNPAID_RE.search(lasting.group(0)):
            lasted = "the due date"  # "if your account remains past due for 14 days"
        return _Cue("for", "after", lasted, True, False)
    elapsed = _ELAPSED_SINCE_RE.match(sentence, match.end)
    if elapsed and facts.binding and _UNTIL_TAIL_RE.search(tail, near):
        # "we won't close the account until at least 30 days have passed since that notice":
        # not before that long after the event.
        return _Cue("until", "after", _event_phrase(sentence[elapsed.end() :]), True, False)
    if not cue_word and _records_kept_for(sentence, match, left, facts):
        return _Cue("during", "after", "the record's creation", True, False)
    # Only a cue after the duration: weaker, so the sentence must bind someone, and an
    # article ("a day") is too common to count.
    if not cue_word or cue_word in ("later", "since", "beyond", "in arrears"):
        return None
    if match.phrase[:2].lower() in ("a ", "an") or not (facts.binding or past_due):
        return None
    if (
        during is not None
        and (cue_word in _AFTER_WORDS or cue_word in ("from", "of"))
        and not contract_lasts(sentence[: match.start])
    ):
        # "During the first five (5) years of the Term, Vericel shall purchase ... exclusively",
        # "during a period of five years from the effective date ..., to furnish": a duty that
        # lasts a time, which ends that long after its start.
        event = duty_time_start(cue_word, event)
        fronted = during.start() == 0 or during.group(0)[:1] in ",;:("
        return _Cue("during", "after", event, False, False, fronted)
    if _TERM_TAIL_RE.search(tail, near) and cue_word in ("from", "of", "thereafter"):
        outlasting = term_tail_event(cue_word=cue_word, left=left, sentence=sentence, event=event)
        if outlasting is None:
            return None  # "a term of two years from the Effective Date" is the contract's term
        event = outlasting
    if cue_word in ("from", "of") and not _DATED_EVENT_RE.search(event):
        return None
    fronted = _FRONTED_RE.search(tail, near) is not None
    return _Cue(cue_word, relation, event, False, False, fronted)


def _records_kept_for(sentence: str, match: PeriodMatch, left: str, facts: _SentenceFacts) -> bool:
    """Records kept for the duration, with no event named ("shall retain the monitoring records
    for at least eighteen (18) months", "backups are retained for 35 days"): kept until that
    long after the record is made. `left` is the end of the sentence before the duration."""
    kept = _KEPT_FOR_RE.search(left, max(0, len(left) - 160))
    if kept is None or match.phrase[:2].lower() == "a ":
        return False
    if not (facts.binding or kept.group("passive")):
        return False
    kept_at = match.start - len(left) + kept.start()  # in the sentence
    return _KEPT_THING_RE.search(sentence, max(0, kept_at - 80), match.end + 160) is not None


def time_rules(
    sentence: str,
    periods: list[PeriodMatch],
    context: str = "",
    table_header: list[str] | None = None,
    *,
    about: str = "",
    bound: bool = False,
) -> list[TimeRule]:
    """The deadlines among `periods` (durations found in `sentence`, offsets relative to it).
    `context` is the surrounding clause, read for how often a renewing term recurs; for a table
    row ("P1 | 1 hour | 4 hours"), `table_header` holds the header row's cells; for an item of a
    list, `about` is the sentence that introduces the list, else the clause's heading; `bound`
    says that lead-in binds a party, so the item does too ("Licensee shall: ... (b) for three
    years after termination, keep records")."""
    rules: list[TimeRule] = []
    if not periods:
        return rules
    facts = _SentenceFacts.of(sentence, bound=bound)
    limitation = facts.limitation
    context = context[:3000]
    whole = sentence
    service_table = is_service_table(table_header)
    for whole_match in periods:
        # Each duration is read within a few hundred characters around it, so that a very long
        # "sentence" (a list run together, a table) costs time in proportion to its length.
        shift = max(0, whole_match.start - _REACH)
        sentence = whole[shift : whole_match.end + _REACH]
        match = PeriodMatch(
            whole_match.start - shift,
            whole_match.end - shift,
            whole_match.period,
            whole_match.phrase,
        )
        cue = _classify(sentence, match, facts)
        if table_header:
            column = column_at(whole, whole_match.start)
            header = table_header[column] if column < len(table_header) else ""
            sla = table_sla_kind(header)
            if sla:
                cue = _Cue("response time", "after", "", True, False, sla=sla)
            elif service_table and EVERY_CELL_RE.fullmatch(cell_before(whole, whole_match.start)):
                # A cell "Every two hours" under "Status Updates": the act the column names,
                # repeated at that interval by the supplier the table binds.
                cue = _Cue(
                    "every",
                    "after",
                    "",
                    True,
                    False,
                    service_cell=True,
                    from_incident=is_incident_update_column(header),
                )
        if cue is None:
            continue
        kind: str | None = None
        if cue.sla:
            kind = cue.sla
            anchor = "error_report"
        elif limitation or cue.cue in ("expires", "expire", "expire within"):
            kind = "limitation"
            anchor = event_anchor(cue.event) or "claim_accrual"
        elif cue.cue == "day of":
            anchor = day_of_period_end(match.phrase) or "period_end"
        elif cue.cue == "every":
            # Due one interval after the start, and each one after; in a service-level table's
            # update column, after the incident the row is about.
            anchor = "error_report" if cue.from_incident else "term_start"
        else:
            anchor = rule_anchor(sentence, match, event=cue.event, cue=cue.cue, notice=cue.notice)
            if cue.notice:
                anchor = end_of_period_anchor(sentence, match) or anchor
                if anchor == "notice" and about:
                    # Notice of nothing the sentence names ("(b) Upon sixty (60) days' written
                    # notice if ..."): of what its list's lead-in ("Either party may terminate:")
                    # or its clause's heading is about.
                    anchor = action_anchor(about) or anchor
        recurrence = (
            interval_recurrence(match.period)
            if cue.cue == "every"
            else recurrence_of_anchor(anchor)
        )
        if anchor == "term_end":
            recurrence = renewal_recurrence(sentence) or renewal_recurrence(context)
            if RENEWING_RE.search(sentence) or RENEWING_RE.search(context):
                kind = kind or "renewal_notice"
        elif recurrence is None:
            recurrence = recurrence_in(cue.event)
        # A policy's cancellation ends the cover, not the contract.
        terminates = anchor == "termination" or (
            cue.notice
            and anchor != "policy_cancellation"
            and action_anchor(action_text(sentence, match)) == "termination"
        )
        if kind is None and cue.notice and terminates:
            kind = "termination_notice"
        if kind is None and anchor in ("change_effective", "change_notice", "price_increase"):
            kind = "change_notice"
        rules.append(
            TimeRule(
                start=whole_match.start,
                end=whole_match.end,
                period=match.period,
                relation=cue.relation,
                anchor=vocabulary_code(anchor, cue.relation),
                recurrence=recurrence,
                kind=kind,
                cue=cue.cue,
                event=cue.event,
                strong=cue.strong,
                notice=cue.notice,
                fronted=cue.fronted,
                service_cell=cue.service_cell,
            )
        )
    return rules
