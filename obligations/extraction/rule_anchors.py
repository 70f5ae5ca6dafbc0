"""What a time rule counts from: the event its words name ("after receipt of the invoice"),
else the act it measures ("cure the breach within 30 days": from the notice of the breach), else
the sentence around it. Names are the finders' (see anchors.py); `vocabulary_code` maps them to
the shared anchors.
"""

from __future__ import annotations

import re

from obligations.extraction.anchors import action_anchor, event_anchor
from obligations.extraction.durations import PeriodMatch
from obligations.extraction.referents import (
    dated_event_anchor,
    ended_thing_anchor,
    insured_event_anchor,
    pronoun_event_anchor,
    received_thing_anchor,
    resolved_thing_anchor,
    signed_thing_anchor,
)
from obligations.extraction.verbs import BINDING_VERBS

_I = re.IGNORECASE
_GOVERNING_RE = re.compile(
    rf"\b(?:{BINDING_VERBS}|may|can|entitled\s+to|right\s+to|required\s+to|obliged\s+to)\b",
    _I,
)
# A period to put a default right: "has not cured the breach within 30 days", "the cure period
# shall be ten (10) days", "within 30 days to remedy it".
# "within the first five (5) days of the following calendar month"
_NEXT_PERIOD_RE = re.compile(
    r"\s*(?:of|in)\s+(?:the\s+|each\s+|every\s+)?(?:following|next|succeeding|subsequent)\s+"
    r"(?:calendar\s+)?(?P<which>month|quarter|year)\b",
    _I,
)
_PERIOD_END_OF = {"month": "month_end", "quarter": "quarter_end", "year": "year_end"}
# The words of curing a breach, shared with the party rules.
CURE_WORDS = r"cure[ds]?|curing|remed(?:y|ied|ies|ying)|rectif(?:y|ied|ies|ying)"
_CURE_BEFORE_RE = re.compile(rf"\b(?:{CURE_WORDS})\b[^.;]{{0,70}}$", _I)
# "any proceeding under any bankruptcy law, which is not fully stayed within ten (10) days",
# "an involuntary petition that is not dismissed within 60 days".
_UNDONE_FILING_RE = re.compile(
    r"\b(?:proceedings?|petitions?|suits?|cases?|liens?|filings?)\b[^.;]{0,160}?\b(?:stayed|"
    r"dismissed|vacated|discharged|withdrawn|bonded)\b[^.;]{0,40}$",
    _I,
)
_PASSIVE_ACTION_RE = re.compile(r"\w+\s+(?:not\s+)?be\s+\w+(?:ed|en)\b", _I)
_SUBJECT_READ = 60
_CURE_AFTER_RE = re.compile(r"[^.;]{0,40}?\bto\s+(?:cure|remedy|rectify)\b", _I)


def _action_start(sentence: str, match: PeriodMatch) -> int:
    starts = [found.start() for found in _GOVERNING_RE.finditer(sentence, 0, match.start)]
    return starts[-1] if starts else max(0, match.start - 80)


def action_text(sentence: str, match: PeriodMatch) -> str:
    """The verb phrase that carries a duration: from the last modal before it onwards."""
    return sentence[_action_start(sentence, match) : match.end + 150]


def _acted_on(sentence: str, match: PeriodMatch, action: str) -> str:
    """For a passive verb phrase ("Any defects must be replaced within 60 days"), the words
    before it that name what is acted on; else nothing."""
    if not _PASSIVE_ACTION_RE.match(action):
        return ""
    start = _action_start(sentence, match)
    return sentence[max(0, start - _SUBJECT_READ) : start]


def rule_anchor(sentence: str, match: PeriodMatch, *, event: str, cue: str, notice: bool) -> str:
    """What the duration `match` counts from, read from the event its cue names (`event`, as
    written), else from the act it measures and the sentence around it."""
    before = sentence[max(0, match.start - _BEFORE_READ) : match.start]
    anchor = _rule_anchor(sentence, match, before, event=event, cue=cue, notice=notice)
    return insured_event_anchor(anchor, before[-200:], sentence[match.end : match.end + 80])


# How far before a duration the things its event refers to are looked for.
_BEFORE_READ = 300


def _rule_anchor(
    sentence: str, match: PeriodMatch, before: str, *, event: str, cue: str, notice: bool
) -> str:
    # "for 30 days, after which ..." ends the period; a relative clause names no event.
    following = _NEXT_PERIOD_RE.match(sentence, match.end)
    if following:
        # "within the first five days of the following month": days after this month's end.
        return _PERIOD_END_OF[following.group("which").lower()]
    named = None if _RELATIVE_RE.match(event) else event_anchor(event, named_only=True)
    if named is None:
        # "for 12 months after it ends": the agreement named before; "after such date": the
        # event whose date it is.
        named = ended_thing_anchor(event, before) or dated_event_anchor(event, before)
    if named in (None, "receipt") and not _RELATIVE_RE.match(event):
        # "within three days of receiving it": the thing named before the pronoun.
        named = pronoun_event_anchor(event, before[-200:]) or event_anchor(event)
    action = action_text(sentence, match)
    if named is None and _REPLY_RE.search(action):
        answered = _ANSWERED_RE.match(sentence, match.end)
        named = event_anchor(answered.group("what")) if answered else None
        # A reply that names nothing it answers answers a request ("provide a response within
        # one business day").
        named = named or "request_received"
    if named == "resolution":
        named = resolved_thing_anchor(before[-200:]) or named
    if named == "receipt" and _INVOICE_RE.search(action):
        return "invoice_receipt"  # "pay each invoice within 30 days after receipt"
    if named == "receipt" and _BARE_RECEIPT_RE.fullmatch(event):
        after = sentence[match.end : match.end + 120]
        named = received_thing_anchor(before[-200:], after) or named
    if named == "effective_date" and _BARE_SIGNING_RE.fullmatch(event):
        named = signed_thing_anchor(before) or named
    if named:
        return named
    if _UNDONE_FILING_RE.search(sentence, max(0, match.start - 200), match.start):
        return "filing"  # a proceeding to be stayed or dismissed: counted from its filing
    if _CURE_BEFORE_RE.search(sentence, max(0, match.start - 100), match.start) or (
        _CURE_AFTER_RE.match(sentence, match.end)
    ):
        return "breach_notice"  # a cure period runs from the notice of the breach
    if cue == "net" or cue.startswith("payment term"):
        return "invoice_date"  # "Net 30 days": from the invoice
    if notice:
        # "The notice period for termination shall be three months": the act is named first.
        named_before = action_anchor(sentence[max(0, match.start - 120) : match.start])
        # "fifteen (15) days' prior written notice of the anticipated Delivery Date".
        notice_of = _NOTICE_OF_RE.match(sentence, match.end)
        named_event = event_anchor(notice_of.group("what"), named_only=True) if notice_of else None
        return action_anchor(action) or named_event or named_before or "notice"
    if _INFORM_RE.search(action):
        return "change_notice" if _CHANGE_RE.search(sentence) else "notice"
    found = action_anchor(_acted_on(sentence, match, action)) or action_anchor(action)
    condition = _LEADING_CONDITION_RE.match(sentence)
    if not found and condition and condition.end() <= match.start:
        found = event_anchor(condition.group("event"), named_only=True)
    found = found or action_anchor(sentence)
    if found:
        return found
    # "Invoices are due 30 days net", "Payment is due within 20 days": from the invoice.
    return "invoice_date" if _PAYMENT_TERMS_RE.search(sentence) else "event"


# Notice that takes effect at the end of a period of the calendar or of the contract year:
# "three months' notice to the end of a calendar quarter", "30 days' notice effective at the
# end of a calendar month", "four weeks to the fifteenth or to the end of a calendar month".
_END_OF_PERIOD_RE = re.compile(
    r"[^.;]{0,60}?\b(?:to|at|as\s+of|with\s+effect\s+(?:from|as\s+of|to)|effective\s+"
    r"(?:at|as\s+of|on))\s+(?:the\s+)?end\s+of\s+(?:an?|any|the|each|its)?\s*"
    r"(?P<which>contract(?:ual)?\s+year|(?:calendar\s+)?(?:month|quarter|half[- ]year|year))\b",
    _I,
)
_END_OF_PERIOD_ANCHORS = {
    "month": "month_end",
    "quarter": "quarter_end",
    "half-year": "half_year_end",
    "half year": "half_year_end",
    "year": "year_end",
}


# "to the fifteenth or (to) the end of a calendar month" (BGB §622): either day will do.
_FIFTEENTH_OR_MONTH_RE = re.compile(
    r"[^.;]{0,60}?\bto\s+the\s+(?:fifteenth|15th)(?:\s+day)?(?:\s+of\s+a\s+(?:calendar\s+)?"
    r"month)?\s+or\s+(?:to\s+)?(?:the\s+)?end\s+of\s+(?:an?|the|each)?\s*(?:calendar\s+)?month\b",
    _I,
)


def end_of_period_anchor(sentence: str, match: PeriodMatch) -> str | None:
    """The end-of-period anchor a notice period takes effect at, read right after it."""
    if _FIFTEENTH_OR_MONTH_RE.match(sentence, match.end):
        return "mid_or_month_end"
    found = _END_OF_PERIOD_RE.match(sentence, match.end)
    if found is None:
        return None
    which = re.sub(r"\s+", " ", found.group("which").lower())
    if which.startswith("contract"):
        return "contract_year_end"
    return _END_OF_PERIOD_ANCHORS.get(which.removeprefix("calendar "))


_INVOICE_RE = re.compile(r"\binvoice", _I)
_NOTICE_OF_RE = re.compile(
    r"[’']?s?\s+(?:(?:prior|advance|written|express)\s+){0,3}(?:notice|notification)\s+of\s+"
    r"(?P<what>[^,.;()]{3,60})",
    _I,
)
# An event that names no thing: "after receipt", "after signing".
_BARE_RECEIPT_RE = re.compile(r"\s*(?:its\s+|the\s+)?(?:receipt|receiving)\b[^.;]{0,40}", _I)
_BARE_SIGNING_RE = re.compile(
    r"\s*(?:its\s+|the\s+)?(?:signing|execution|signature)(?:\s+(?:it|them))?\s*", _I
)
_RELATIVE_RE = re.compile(r"\s*(?:which|whom)\b", _I)
# What a reply answers: "respond within one business day to support requests".
_REPLY_RE = re.compile(r"\b(?:respon[ds]|reply|replies|answer|acknowledge)", _I)
_ANSWERED_RE = re.compile(r"\s*,?\s*to\s+(?P<what>[^,.;()]{3,60})", _I)
# A condition stated before the main clause names the event a duration in it counts from:
# "If you delete your account, we will delete your content within 60 days".
_LEADING_CONDITION_RE = re.compile(
    r"\W*(?:\(?[0-9a-z]{1,3}(?:\.\d+)*[.)]\s+)?(?:if|when|whenever|once|upon|on|after|following"
    r"|in\s+the\s+event\s+(?:that|of))\s+(?P<event>[^,;:]{3,100}?)\s*,",
    _I,
)
_INFORM_RE = re.compile(r"\b(?:inform|notif)", _I)
_CHANGE_RE = re.compile(r"chang|modif|amend|supplement|updat|revis|replac", _I)
_PAYMENT_TERMS_RE = re.compile(
    r"\b(?:invoices?|payments?|fees?|amounts?)\b[^.;]{0,40}\b(?:due|payable)\b", _I
)
