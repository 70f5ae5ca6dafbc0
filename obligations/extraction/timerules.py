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

from obligations.extraction.durations import PeriodMatch
from obligations.extraction.model import Period

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


# A phrase between the cue and the amount that does not change the meaning.
_FILLER_TAIL_RE = re.compile(
    r"(?:\s*\b(?:(?:a|an|the)\s+)?(?:(?:notice|cure|grace|payment)\s+)?(?:period|term|total|maximum"
    r"|minimum)\s+of(?:\s+notice\s+of)?|\s*\bnot\s+(?:less|more)\s+than|\s*\bno\s+(?:less|more)"
    r"\s+than|\s*\bup\s+to|\s*\ba\s+maximum\s+of|\s*\bmaximum|\s*\bat\s+least|\s*\ba\s+full"
    r"|\s*\bnot\s+fewer\s+than|\s*\bno\s+fewer\s+than|\s*\ba(?:n)?)\s*$",
    _I,
)
_LOOKBACK_TAIL_RE = re.compile(
    r"\b(?:the|such|this|that|these|those|each|every|per|any|its|their|first|initial|last|"
    r"preceding|previous|past|remaining|successive|subsequent|additional|further|renewal|"
    r"consecutive|next|then[- ]current|current|extended|extension|same|minimum|once)\s*$",
    _I,
)
_DEADLINE_TAIL_RE = re.compile(
    r"\b(?:within|later\s+than|latest|upon|on|with|giving|give|gives|given|after|in|by|"
    r"deadline(?:\s+(?:shall|will)\s+be|\s+is|\s+of)?|notice\s+period(?:\s+(?:shall|will)\s+be"
    r"|\s+is)?|period\s+of\s+notice|notice\s+of|(?:is|are|be|become)\s+due|due|payable|"
    r"expires?|expire\s+within|lapse|times?\s*[:=]|times?\s+(?:of|is|shall\s+be)|before|"
    r"prior\s+to|exceeding|exceed|more\s+than|less\s+than|least)\s*$",
    _I,
)
_TERM_TAIL_RE = re.compile(
    r"\b(?:for|of|is|be|are|was|means|term|during|renew\w*|extend\w*)\s*$", _I
)
_RIGHT_CUE_RE = re.compile(
    r"\s*(?:['’]s?|s['’])?\s*(?:\((?:\d+|[a-z -]+)\)\s*)?(?:calendar\s+)?"
    r"(?P<cue>after|following|from|of|before|prior\s+to|prior|preceding|in\s+advance(?:\s+of)?"
    r"|in\s+arrears|advance|(?:prior\s+|advance\s+)?(?:written\s+)?notice|thereafter|to\s+the\s+end"
    r"|since|later|beyond|old|of\s+age|in\s+age)\b",
    _I,
)
_SLA_RE = re.compile(
    r"\b(?P<what>response|reaction|resolution|recovery|restor\w*|repair|fix|workaround"
    r"|acknowledg\w*|rectification|remedy|remediation|target)\s*times?\b[^.;/|]{0,25}$",
    _I,
)
_LIMITATION_RE = re.compile(
    r"limitation\s+period|period\s+of\s+limitation|statute\s+of\s+limitations?|time[- ]barred"
    r"|\bclaims?\b[^.;]{0,80}\b(?:expire|lapse|become\s+statute|be\s+(?:brought|commenced|filed)"
    r")|\baction\b[^.;]{0,160}\b(?:brought|commenced|filed)\b",
    _I,
)
_NOT_DEADLINE_AFTER_RE = re.compile(r"\s*(?:old\b|of\s+age\b|in\s+age\b|of\s+experience\b)", _I)


def _anchor_from_action(sentence: str) -> str | None:
    text = sentence.lower()
    for pattern, anchor in _ACTION_ANCHORS:
        if pattern.search(text):
            return anchor
    return None


_ACTION_ANCHORS = [
    (re.compile(r"non-?renew|renewal|renew"), "term_end"),
    (re.compile(r"terminat|cancel"), "termination"),
    (re.compile(r"audit|inspect"), "audit"),
    (re.compile(r"price\s+increase|increase|raise\s+the\s+(?:fees|prices)"), "price_increase"),
    (re.compile(r"chang|modif|amend|supplement|updat"), "change_effective"),
    (re.compile(r"assign"), "assignment"),
    (re.compile(r"suspen"), "suspension"),
    (re.compile(r"withdraw|discontinu|deprecat"), "discontinuation"),
]

_EVENT_ANCHORS = [
    (
        re.compile(r"invoice\w*\b.*\b(?:receipt|receiv)|(?:receipt|receiv)\w*\b.*\binvoice"),
        "invoice_receipt",
    ),
    (re.compile(r"invoice"), "invoice_date"),
    (
        re.compile(
            r"end\s+of\s+(?:each|the|every|any|such|a|that)?\s*(?:calendar\s+|fiscal\s+)?quarter|quarter[- ]end"
        ),
        "quarter_end",
    ),
    (
        re.compile(
            r"end\s+of\s+(?:each|the|every|any|such|a|that)?\s*(?:calendar\s+)?month|month[- ]end"
        ),
        "month_end",
    ),
    (
        re.compile(
            r"end\s+of\s+(?:each|the|every|any|such|a|that)?\s*(?:calendar\s+|fiscal\s+|contract\s+)?year|year[- ]end"
        ),
        "year_end",
    ),
    (
        re.compile(
            r"(?:end|expir\w*|lapse)\s+of\s+(?:the|this|such|any|each|a|its)?\s*(?:then[- ]current\s+|initial\s+|renewal\s+|current\s+|applicable\s+|minimum\s+|subscription\s+|contract\s+)*(?:term|agreement|contract|period|subscription)|renewal\s+date|anniversary"
        ),
        "term_end",
    ),
    (re.compile(r"terminat|expir"), "termination"),
    (re.compile(r"cause\s+of\s+action|accru"), "cause_of_action_accrual"),
    (re.compile(r"\b(?:learn|aware|knowledge|discover)\w*\b.*\bclaim"), "claim_knowledge"),
    (re.compile(r"\b(?:learn|aware|knowledge|discover)"), "knowledge"),
    (
        re.compile(
            r"(?:chang|amend|modif|supplement|increase)\w*.*\b(?:effective|take\s+effect|come\s+into)|(?:effective|take\s+effect).*(?:chang|amend|modif)"
        ),
        "change_effective",
    ),
    (
        re.compile(r"(?:become|becomes|be|is|are)\s+effective|take\s+effect|intended\s+time"),
        "change_effective",
    ),
    (
        re.compile(
            r"effective\s+date|date\s+(?:hereof|of\s+this\s+agreement)|execution|signing|signature"
        ),
        "effective_date",
    ),
    (re.compile(r"announce"), "announcement"),
    (re.compile(r"\b(?:transfer\w*|surrender\w*)\b.*\bdata|\bdata\b.*\btransfer"), "data_transfer"),
    (
        re.compile(
            r"\b(?:inform|notif|notice|communicat|request|demand|written\s+notice|told|advised)"
        ),
        "notice_received",
    ),
    (re.compile(r"\b(?:payment|paid|pay)\b"), "payment"),
    (re.compile(r"deliver"), "delivery"),
    (re.compile(r"ship"), "shipment"),
    (re.compile(r"\bfil(?:ing|ed)\b"), "filing"),
    (re.compile(r"appoint"), "appointment"),
    (re.compile(r"accept"), "acceptance"),
    (re.compile(r"\border"), "order_receipt"),
    (re.compile(r"closing"), "closing"),
    (re.compile(r"complet"), "completion"),
    (re.compile(r"breach|default|failure"), "breach_notice"),
    (re.compile(r"launch|first\s+commercial\s+sale|commercial\s+sale"), "first_commercial_sale"),
    (re.compile(r"approv"), "approval"),
    (re.compile(r"receipt|receiv"), "receipt"),
    (re.compile(r"claim"), "claim"),
]
_EVENT_END_RE = re.compile(
    r"[;:()\[\]]|\.(?:\s|$)|,\s|\s(?:unless|provided|and\s+(?:shall|will|must|may)|in\s+which|"
    r"whichever|if\s)",
    _I,
)
_RECURRENCES = [
    (
        re.compile(r"\b(?:each|every)\s+(?:working|business)\s+day\b|\bbusiness[- ]daily\b", _I),
        "business_daily",
    ),
    (re.compile(r"\b(?:each|every|per)\s+day\b|\bdaily\b", _I), "daily"),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+)?month\b|\bmonthly\b|\bend\s+of\s+(?:each|the)\s+(?:calendar\s+)?month\b",
            _I,
        ),
        "monthly",
    ),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+|fiscal\s+)?quarter\b|\bquarterly\b|\bend\s+of\s+(?:each|the)\s+(?:calendar\s+)?quarter\b",
            _I,
        ),
        "quarterly",
    ),
    (
        re.compile(
            r"\b(?:each|every|per)\s+(?:calendar\s+|contract\s+|fiscal\s+)?year\b|\bannually\b|\bper\s+annum\b|\byearly\b",
            _I,
        ),
        "annually",
    ),
]
_RENEWAL_RE = re.compile(
    r"\b(?:renew\w*|extend\w*|extension|prolong\w*)\b[^.]{0,80}?\b(?:(?:further|additional|"
    r"successive|subsequent|consecutive)\s+(?:(?:one|1|twelve|12)\s*(?:\(\s*\d+\s*\)\s*)?[- ]?)?"
    r"(?P<unit>year|month|12[- ]month|twelve[- ]month|quarter)s?|year[- ]to[- ]year|month[- ]to"
    r"[- ]month|annually)",
    _I,
)


def recurrence_in(text: str) -> str | None:
    """The recurrence a passage states ("each calendar quarter", "monthly", "every working
    day"), or None."""
    for pattern, recurrence in _RECURRENCES:
        if pattern.search(text):
            return recurrence
    return None


def renewal_recurrence(text: str) -> str | None:
    """How often a term renews, when the passage says it renews by a year or a month."""
    match = _RENEWAL_RE.search(text)
    if match is None:
        return None
    unit = (match.group("unit") or match.group(0)).lower()
    return "monthly" if unit.startswith("month") or "month-to" in unit else "annually"


def _event_phrase(right: str) -> str:
    end = _EVENT_END_RE.search(right)
    phrase = right[: end.start()] if end else right[:120]
    return " ".join(phrase.split()[:14])


def anchor_for(event: str, sentence: str) -> str:
    lowered = event.lower()
    if lowered:
        for pattern, anchor in _EVENT_ANCHORS:
            if pattern.search(lowered):
                if anchor == "change_effective" and not re.search(
                    r"chang|amend|modif|supplement|increase|updat|version|price", sentence, _I
                ):
                    return "effective_date"
                return anchor
    action = _anchor_from_action(sentence)
    if action:
        return "change_notice" if action == "change_effective" and not lowered else action
    if re.search(r"inform|notif", sentence, _I):
        return "notice"
    return "event"


def _classify(sentence: str, match: PeriodMatch) -> tuple[str, str, str, bool] | None:
    """(cue, relation, event, strong) when the duration is a deadline, else None."""
    left_all = sentence[: match.start]
    left = left_all[-90:]
    right = sentence[match.end : match.end + 160]
    if _NOT_DEADLINE_AFTER_RE.match(right):
        return None
    tail = left
    while True:
        stripped = _FILLER_TAIL_RE.sub("", tail)
        if stripped == tail:
            break
        tail = stripped
    right_cue = _RIGHT_CUE_RE.match(right)
    cue_word = right_cue.group("cue").lower() if right_cue else ""
    if cue_word in ("old", "of age", "in age"):
        return None
    after_cue = right[right_cue.end() :] if right_cue else right
    if _SLA_RE.search(left[-45:]):
        return ("response time", "after", "", True)
    if _LOOKBACK_TAIL_RE.search(tail):
        return None
    is_notice = "notice" in cue_word
    before_words = (
        "before",
        "prior to",
        "prior",
        "preceding",
        "in advance",
        "advance",
        "in advance of",
    )
    relation = "after"
    if cue_word in before_words or is_notice or cue_word == "to the end":
        relation = "before"
    if cue_word in ("to the end",):
        after_cue = "end " + after_cue
    left_cue = _DEADLINE_TAIL_RE.search(tail)
    if left_cue:
        cue = left_cue.group(0).strip().lower()
        if re.search(r"notice|before|prior", cue) and cue_word not in ("after", "following"):
            relation = "before"
        if re.search(r"(?:before|prior\s+to)$", cue):
            after_cue = right
        return (cue, relation, _event_phrase(after_cue) if right_cue else "", True)
    limitation = _LIMITATION_RE.search(sentence)
    if limitation:
        return ("limitation", "after", _event_phrase(after_cue) if right_cue else "", True)
    if not right_cue or cue_word in ("later", "since", "beyond", "in arrears"):
        return None
    if _TERM_TAIL_RE.search(tail) and cue_word in ("from", "of", "thereafter"):
        return None
    if cue_word in ("from", "of") and not re.search(
        r"\b(?:receipt|date|end|delivery|notice|termination|expir\w*|invoice)", after_cue[:60], _I
    ):
        return None
    return (cue_word, relation, _event_phrase(after_cue), False)


def time_rules(sentence: str, periods: list[PeriodMatch], context: str = "") -> list[TimeRule]:
    """The deadlines among `periods` (durations found in `sentence`, offsets relative to it).
    `context` is the surrounding clause, read for how often the rule recurs."""
    rules: list[TimeRule] = []
    for match in periods:
        found = _classify(sentence, match)
        if found is None:
            continue
        cue, relation, event, strong = found
        kind: str | None = None
        if cue == "response time":
            sla = _SLA_RE.search(sentence[max(0, match.start - 45) : match.start])
            what = sla.group("what").lower() if sla else "response"
            kind = (
                "response_time"
                if what in ("response", "reaction", "acknowledgement")
                else ("recovery_time")
            )
            anchor = "error_report"
        elif cue == "limitation":
            kind = "limitation"
            anchor = anchor_for(event, "") if event else "claim_accrual"
            if anchor in ("event", "notice"):
                anchor = "claim_accrual"
        else:
            if cue == "expires" or cue == "expire" or cue == "expire within":
                kind = "limitation"
            anchor = anchor_for(event, sentence)
            if kind == "limitation" and anchor in ("event", "notice"):
                anchor = "claim_accrual"
            if _LIMITATION_RE.search(sentence) and anchor in ("event",):
                kind, anchor = "limitation", "claim_accrual"
        recurrence = _recurrence_for(anchor, sentence, context)
        rules.append(
            TimeRule(
                start=match.start,
                end=match.end,
                period=match.period,
                relation=relation,
                anchor=anchor,
                recurrence=recurrence,
                kind=kind,
                cue=cue,
                event=event,
                strong=strong,
            )
        )
    return rules


def _recurrence_for(anchor: str, sentence: str, context: str) -> str | None:
    if anchor == "quarter_end":
        return "quarterly"
    if anchor == "month_end":
        return "monthly"
    if anchor == "year_end":
        return "annually"
    if anchor == "term_end":
        return renewal_recurrence(sentence) or renewal_recurrence(context)
    return None
