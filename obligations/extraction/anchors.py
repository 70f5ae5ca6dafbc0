"""Names for the events a deadline counts from.

An anchor is a short snake_case name: `invoice_receipt`, `quarter_end`, `term_end`,
`termination`, `notice_received`, `change_effective`, ... It is read from the words that follow
the relation ("after receipt of the invoice", "prior to the end of the then-current term"), or,
for a notice period ("on 30 days' written notice"), from the act the notice announces.
"""

from __future__ import annotations

import re

from obligations.extraction.life_events import LIFE_EVENT_ANCHORS, MEETING
from obligations.extraction.sentences import FUNCTION_WORDS
from obligations.extraction.verbs import TERMINATE_STEM

_I = re.IGNORECASE
_OF_PERIOD = (
    r"(?:each|the|every|any|such|a|that|its|the\s+applicable|the\s+relevant)?\s*(?:[a-z]+\s+){0,2}?"
)

_OF_START = r"(?:the\s+|each\s+|every\s+|such\s+|any\s+|a\s+|that\s+|the\s+(?:next|following)\s+)?"
# The ends of a person's service that a period may count from.
PERSON_ENDS = r"death|dies|disab(?:ility|ilities|led)|incapacit\w*"

# Ordered: at the same place in the phrase, the first pattern wins.
_EVENT_ANCHORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\btrial\b[^.;]{0,30}?\b(?:expir|end|lapse|over)"), "trial_end"),
    (
        re.compile(
            r"\b(?:sent|send\w*|mail(?:ed|ing)?|post(?:ed|ing)|dispatch\w*|deposit\w*|courier"
            r"|e-?mailed|faxed|transmitt(?:ed|ing))\b"
            r"|\btransmission\s+of\s+(?:the\s+|a\s+|any\s+|such\s+)?(?:notice|notification|message"
            r"|e-?mail|fax|request|order)"
        ),
        "notice_sent",
    ),
    # Events of a business's life (see life_events.py).
    *LIFE_EVENT_ANCHORS,
    # "for one year from the date of death or disability": a person's death or incapacity.
    (re.compile(rf"\b(?:{PERSON_ENDS})\b"), "death_or_disability"),
    # "within sixty (60) days after the date of the casualty": premises damaged or destroyed.
    (
        re.compile(r"\bcasualt(?:y|ies)\b|\b(?:damage|destruction)\s+(?:to|of)\s+the\s+premises"),
        "casualty",
    ),
    # "within five (5) Business Days after Restoration", "after the incident is resolved": an
    # incident over, service back. An objection or a dispute resolved is not one.
    (
        re.compile(
            r"\brestor(?:ation|ed)\b(?!\s+(?:of|to)\s+(?:the\s+)?(?:premises|building|property))"
            r"|\bresolution\s+of\s+(?:the\s+|an?\s+|such\s+)?(?:incident|outage|error|failure"
            r"|problem|defect)"
            r"|\b(?:incident|outage|error|failure|problem|ticket)s?\s+(?:is|are|has\s+been"
            r"|have\s+been)\s+(?:resolved|restored|fixed|closed)"
        ),
        "incident_resolved",
    ),
    # "after the dispute is resolved", "after resolution of the claim": a dispute settled, where
    # "dispute" alone is one raised.
    (
        re.compile(
            r"\b(?:resolution|settlement|determination)\s+of\s+(?:the\s+|such\s+|any\s+|an?\s+"
            r"|its\s+|that\s+)?(?:\w+\s+){0,2}(?:dispute|disagreement|objection|controversy|claim)"
            # "is resolved", not "is not resolved": a dispute still open counts from its start.
            r"|\b(?:dispute|disagreement|objection|controversy|claim)s?\b"
            r"(?:(?!\b(?:not|never)\b)[^.;]){0,40}?\b(?:resolved|settled|determined|decided)\b"
        ),
        "dispute_resolved",
    ),
    (
        re.compile(
            r"(?:receipt|receiv\w*)\s+(?:of\s+)?(?:the\s+|an?\s+|such\s+|any\s+)?\w*\s*invoice"
        ),
        "invoice_receipt",
    ),
    (re.compile(r"invoice\w*\b[^.;]{0,40}?\b(?:receipt|receiv\w*)"), "invoice_receipt"),
    # "after issuance of the invoice": the invoice's date, where a credit issued is an issuance.
    (
        re.compile(
            r"\bissu(?:ance|ing)\s+(?:of\s+)?(?:the\s+|an?\s+|each\s+|such\s+|any\s+|its\s+)?"
            r"(?:\w+\s+)?invoice"
        ),
        "invoice_date",
    ),
    (re.compile(r"invoice"), "invoice_date"),
    (
        re.compile(
            rf"(?:end|close)\s+of\s+(?:each\s+of\s+the\s+(?:first|last)\s+\w+\s+|{_OF_PERIOD})"
            r"(?:calendar\s+|fiscal\s+)?quarter|quarter[- ]end"
        ),
        "quarter_end",
    ),
    (
        re.compile(rf"(?:end|close)\s+of\s+{_OF_PERIOD}(?:calendar\s+)?month|month[- ]end"),
        "month_end",
    ),
    (
        re.compile(
            rf"(?:end|close)\s+of\s+{_OF_PERIOD}(?:calendar\s+|fiscal\s+|contract\s+|financial\s+)"
            r"?year|year[- ]end"
        ),
        "year_end",
    ),
    # The start of a period of the calendar or of the contract: "before such quarter begins",
    # "before the start of each Support Year". Notice before it is notice to the end of the
    # period before (see `vocabulary_code`).
    *(
        (
            re.compile(
                rf"\b(?:beginning|start|commencement|first\s+day)\s+of\s+{_OF_START}{which}\b"
                rf"(?!\s+quarter)|\b{which}\s+(?:begins|starts|commences)\b"
            ),
            name,
        )
        for which, name in (
            (
                r"(?:contract|support|lease|licen[cs]e|agreement|subscription|service)\s+year",
                "contract_year_start",
            ),
            (r"(?:calendar\s+|fiscal\s+)?quarter", "quarter_start"),
            (r"(?:calendar\s+)?month", "month_start"),
            (r"(?:calendar\s+|fiscal\s+)?year", "year_start"),
        )
    ),
    # "prior to the beginning of the new term": the renewal, the day the current term ends.
    (
        re.compile(
            r"(?:beginning|start|commencement)\s+of\s+(?:the\s+|any\s+|each\s+|a\s+|such\s+)?"
            r"(?:new|next|renewal|subsequent|succeeding|following|extended)\s+(?:renewal\s+)?"
            r"(?:term|period)"
            # "before the Renewal Term begins": the day it begins, the current term's end.
            r"|\b(?:renewal|next|new)\s+(?:subscription\s+)?term\s+(?:begins|commences|starts)"
        ),
        "renewal",
    ),
    # "30 days after each and every year": the end of each year of the contract.
    (
        re.compile(r"^(?:each|every)\s+(?:and\s+every\s+)?(?:contract\s+|agreement\s+)?year\b"),
        "contract_year_end",
    ),
    (
        re.compile(
            r"(?:end|expir\w*|lapse|conclusion)(?:\s+date)?\s+of\s+(?:the|this|such|any|each|a|its"
            r"|that|your|our)?\s*(?:(?:then[- ]current|initial|renewal|current|applicable|minimum|"
            r"subscription|contract|contractual|agreement|relevant|extended|annual|monthly|yearly|"
            r"paid)\s+)*(?:term|agreement|contract|"
            r"period|subscription)|renewal\s+date|anniversary|(?:end|expir\w*)\s+of\s+the\s+\w+"
            r"\s+term"
        ),
        "term_end",
    ),
    (
        re.compile(
            r"(?:end|expir\w*|close)\s+of\s+(?:the\s+|such\s+|each\s+)?[\w ()-]{0,30}?period"
            # "after that export period ends"
            r"|\bperiod\s+(?:ends|expires|has\s+ended|has\s+expired)\b"
        ),
        "period_end",
    ),
    # "the commencement of the Term", "the first two years of the Term" (read as its start).
    (
        re.compile(
            r"\b(?:start|commencement|beginning)\s+of\s+(?:the\s+|this\s+|each\s+|any\s+)?"
            r"(?:initial\s+|renewal\s+)?term\b"
        ),
        "term_start",
    ),
    (
        re.compile(
            r"\b(?:delet|clos)\w*\s+(?:\w+\s+){0,2}?accounts?\b|\baccount\s+(?:deletion|closure)"
        ),
        "account_closure",
    ),
    # An account frozen or suspended (for unpaid fees) is suspended, not in breach.
    (re.compile(r"\b(?:frozen|freez\w*|suspen\w*)"), "suspension"),
    # "after 365 days of inactivity", "from the last login".
    (
        re.compile(r"\binactiv\w*|\blast\s+(?:log\s*-?in|sign[- ]?in|use|activity|access)\b"),
        "last_activity",
    ),
    # "the terminating Party learns of ...": a party named by what it may do, no event.
    (re.compile(rf"{TERMINATE_STEM}(?!ing\s+part)|expir|cancell?ation"), "termination"),
    (re.compile(r"cause\s+of\s+action|accru"), "cause_of_action_accrual"),
    # "aware of a claim", where "aware of the claimed defect" is aware of the defect.
    (
        re.compile(r"\b(?:learn|aware|knowledge|discover)\w*\b[^.;]{0,40}\bclaims?\b"),
        "claim_knowledge",
    ),
    (re.compile(r"\b(?:learn|aware|knowledge|discover)"), "knowledge"),
    # "after any price escalation": a price raised, where a matter escalated is an escalation.
    (
        re.compile(r"\b(?:price|fee|rate|cost)s?\s+(?:increase|escalat\w*)|\bincrease"),
        "price_increase",
    ),
    (
        re.compile(
            r"(?:become|becomes|be|is|are)\s+effective|(?:takes?|taking)\s+effect|intended\s+time"
            r"|come\s+into\s+(?:force|effect)"
        ),
        "change_effective",
    ),
    # "in advance of any intended changes to the Subprocessors": the change itself.
    (re.compile(r"\b(?:chang|modif|amend|revis|replac)\w*"), "change_effective"),
    (
        re.compile(
            r"effective\s+date|date\s+(?:hereof|of\s+this\s+agreement)|execution|signing|signature"
        ),
        "effective_date",
    ),
    (re.compile(r"announce"), "announcement"),
    (
        re.compile(r"\b(?:transfer\w*|surrender\w*|handover|hand\s+over)\b[^.;]{0,30}\bdata"),
        "data_transfer",
    ),
    (re.compile(r"\bdata\b[^.;]{0,20}\btransfer"), "data_transfer"),
    (re.compile(r"\brequest"), "request_received"),
    (re.compile(r"\b(?:dispute|disagreement)"), "dispute_raised"),
    # "If we incur any charges ..., you agree to reimburse us within 7 days".
    (
        re.compile(r"\bincur\w*|\b(?:charges?|costs?|expenses?)\s+(?:are|is|were|was)\s+incurred"),
        "cost_incurred",
    ),
    (
        re.compile(
            r"\b(?:warranty|defect|error|fault|bug|problem|issue)\s+(?:claim|report)"
            r"|\breport\w*\s+of\s+(?:an?\s+|the\s+|any\s+)?(?:defect|error|fault|bug|problem|issue"
            r"|breach\s+of\s+warranty)"
            # "within 30 days of the nonconformity": a defect that shows.
            r"|\bnon-?conformit(?:y|ies)\b"
        ),
        "error_report",
    ),
    # "for 3 years after the DPA ends": the end of the agreement.
    (
        re.compile(
            r"\b(?:this|the)\s+(?:agreement|contract|dpa|addendum|lease|licen[cs]e|subscription)"
            r"\s+(?:ends|expires|has\s+ended|has\s+expired)"
            # "for two (2) years after the Term": the term as a whole, so its end.
            r"|^(?:the\s+)?(?:initial\s+)?term(?:\s+(?:hereof|of\s+this\s+agreement))?\s*$"
        ),
        "term_end",
    ),
    (re.compile(r"\bdisclos\w*|confidential\s+information"), "disclosure"),
    (re.compile(r"\bcreat(?:ion|ed|ing)\b"), "record_created"),
    (re.compile(r"\bmaintenance\b"), "maintenance"),
    (re.compile(r"\b(?:re)?assign\w*"), "assignment"),
    # "from the date it is made available for download": software delivered.
    (re.compile(r"\bmade\s+available|\bavailable\s+for\s+(?:initial\s+)?download"), "delivery"),
    (re.compile(r"\brelease"), "release"),
    (
        re.compile(r"\b(?:inform|notif|notice|communicat|demand|told|advised|written\s+notice)"),
        "notice_received",
    ),
    (re.compile(r"\bpurchas|\bsign(?:ing)?[- ]up\b"), "purchase"),
    # A card charged is paid; a person charged with a crime is not.
    (re.compile(r"\b(?:payment|paid|pay)\b|\bcharged\b(?!\s+with\b)"), "payment"),
    (re.compile(r"deliver"), "delivery"),
    # Goods shipped; a "Shipper" is a party, not the event.
    (re.compile(r"\bship(?:s|ped|ping|ments?)?\b"), "shipment"),
    # "not dismissed within 60 days after filing", "of the filing of the petition".
    (re.compile(r"\bfil(?:ing|ed)\b|\bpetition\b"), "filing"),
    (re.compile(r"appoint"), "appointment"),
    (re.compile(r"accept"), "acceptance"),
    (re.compile(r"\border"), "order_receipt"),
    # "within ten (10) days following its consummation": a transaction closed.
    (re.compile(r"closing|\bconsummat"), "closing"),
    # Work completed ("completion", "completes", "is complete"), where "complete information"
    # is no event.
    (
        re.compile(
            r"\bcomplet(?:ion|ed|ing|es)\b|\b(?:is|are|been|be)\s+(?:substantially\s+)?complete\b"
        ),
        "completion",
    ),
    (re.compile(r"\binstall(?:ation|ed|ing)?\b"), "installation"),
    # "within 15 Business Days of the referral": a matter escalated to someone senior, where a
    # customer referred to a reseller is no matter.
    (
        re.compile(
            r"\bescalat|^(?:the\s+|such\s+|its\s+)?referral\b|\bdate\s+of\s+(?:the\s+)?referral\b"
            r"|\breferr(?:al|ed)\s+(?:of\s+)?(?:the\s+|a\s+|such\s+|any\s+)?(?:matter|dispute"
            r"|issue|claim|question)"
        ),
        "escalation",
    ),
    # "five (5) years after the date of manufacture of such lot".
    (
        re.compile(
            # A "manufacturing facility" or "process" is no event; manufacturing "of" a lot is.
            r"\bmanufactur(?:e|ed)\b|\bmanufacturing\s+(?:date|of)\b"
            r"|\bproduction\s+(?:date|of\s+(?:the|such|each|that)\s+"
            r"(?:lot|batch))"
        ),
        "manufacture",
    ),
    # "promotional credits expire 90 days after they are issued".
    (re.compile(r"\bissu(?:ance|ed)\b"), "issuance"),
    (re.compile(r"breach|default|failure"), "breach"),
    (re.compile(r"launch|first\s+commercial\s+sale|commercial\s+sale"), "first_commercial_sale"),
    (re.compile(r"approv"), "approval"),
    (re.compile(r"resol(?:ution|ved)"), "resolution"),
    (re.compile(r"receipt|receiv"), "receipt"),
    (re.compile(r"claim"), "claim"),
    (re.compile(r"incident|error|outage|failure"), "incident_report"),
]

# The act that a notice period announces, read from the verb phrase that carries the period.
_ACTION_ANCHORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"non-?renew|renewal|\brenew"), "term_end"),
    (
        re.compile(rf"{TERMINATE_STEM}|cancel|rescind|withdraw\s+from\s+(?:this|the)\s+agreement"),
        "termination",
    ),
    (re.compile(r"audit|inspect"), "audit"),
    (re.compile(r"\bmaintenance\b"), "maintenance"),
    (re.compile(MEETING), "meeting"),
    (re.compile(r"\b(?:dispute|disagreement)"), "dispute_raised"),
    (
        re.compile(r"\b(?:price|fee)s?\s+increase|\bincreas|\braise\s+(?:the\s+)?(?:fees|prices)"),
        "price_increase",
    ),
    (re.compile(r"chang|modif|amend|supplement|updat|revis|replac"), "change_effective"),
    (re.compile(r"assign"), "assignment"),
    (re.compile(r"suspen|\bceas(?:e|ing)\b"), "suspension"),
    (re.compile(r"withdraw|discontinu|deprecat|end[- ]of[- ]life"), "discontinuation"),
    (re.compile(r"\benter\b|\baccess\b|\bvisit"), "site_visit"),
    (
        re.compile(r"incident|outage|\berror|defect|ticket|\bfault|malfunction|\bbug"),
        "incident_report",
    ),
]


def _earliest(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for order, (pattern, name) in enumerate(patterns):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, name)
    return best[2] if best else None


_RECEIPT_OF_RE = re.compile(
    r"^(?:the\s+|its\s+|their\s+|[\w-]+['’]s\s+)?(?:(?:receipt|reception)\s+(?:by\s+\w+\s+)?of|"
    r"receiving|(?:(?!(?:and|or|then)\s)\w+\s+){1,3}receives?)\s+"
    r"(?:the\s+|a\s+|an\s+|each\s+|any\s+|such\s+|said\s+|all\s+)?(?P<thing>[a-z][a-z '’-]{2,40})"
)
# Where the name of a thing received ends: "the offer | to notify ...", "the plan | that ...".
_THING_END_RE = re.compile(r"\s(?:to|that|which|whether|who|if|when|where|so)\s")
_SLUG_STOP_WORDS = FUNCTION_WORDS | frozenset(
    {
        "said",
        "written",
        "which",
        "whichever",
        "later",
        "earlier",
        "first",
        "last",
        "final",
        "respective",
        "relevant",
        "applicable",
        "party",
        "parties",
        "it",
        "they",
        "he",
        "she",
        "receives",
        "receive",
        "thereof",
        "hereof",
        "herein",
        "hereto",
        "hereunder",
        "thereafter",
        "either",
        "jointly",
        "one",
        "more",
    }
)


def slug(phrase: str, words: int = 2) -> str:
    """A snake_case name from the first content words of a phrase."""
    found = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _SLUG_STOP_WORDS]
    return "_".join(found[:words])


_OF_BREACH_RE = re.compile(
    r"\w+\s+(?:thereof\s+)?of\s+(?:the\s+|such\s+|any\s+|a\s+)?(?:breach|default)"
)
# "The effective date of" an event names that event.
_EFFECTIVE_DATE_OF_RE = re.compile(r"(?:the\s+)?effective\s+date\s+of\s+")


def event_anchor(event: str, *, named_only: bool = False) -> str | None:
    """The anchor named by an event phrase ("receipt of the invoice" -> invoice_receipt,
    "receipt of each purchase order" -> purchase_order_receipt); with `named_only`, only an
    event of a known kind, not a name made from the phrase's first words."""
    if not event:
        return None
    low = event.lower()
    receipt = _RECEIPT_OF_RE.match(low)
    if receipt and "invoice" not in receipt.group("thing"):
        # "the offer to notify Franchisee" is an offer: the name ends where a clause begins.
        thing_words = _THING_END_RE.split(receipt.group("thing"), maxsplit=1)[0]
        thing = slug(thing_words)
        if thing.startswith(("notice", "notif")) and _OF_BREACH_RE.match(receipt.group("thing")):
            return "breach_notice"  # "receiving notice of the breach"
        if thing.startswith("request"):
            return "request_received"  # "within 30 days after receipt of the request"
        if thing.startswith(("notice", "notif", "demand")):
            return "notice_received"
        # "receipt of the Processor's notice": the thing received, wherever its name stands.
        known = _earliest(RECEIVED_THINGS, thing_words)
        if known:
            return known
        if thing:
            return f"{thing}_receipt"
    named = _earliest(_EVENT_ANCHORS, low)
    of_event = _EFFECTIVE_DATE_OF_RE.match(low)
    if named == "effective_date" and of_event:
        # "the effective date of termination": termination; "of the Registration Statement",
        # an event of no known kind: the date as before.
        named = _earliest(_EVENT_ANCHORS, low[of_event.end() :]) or named
    if named == "receipt":
        # "the day on which we received the notification of your cancellation": what arrived.
        named = _earliest(RECEIVED_THINGS, low) or named
    return named if named or named_only else (slug(low) or None)


# What a bare "receipt" or "received" counts from, by the thing received.
RECEIVED_THINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\binvoice"), "invoice_receipt"),
    # A notice, not the act of notifying ("notify Licensor within 10 days of receipt").
    (re.compile(r"\b(?:notices?|notifications?)\b"), "notice_received"),
    (re.compile(r"\brequest"), "request_received"),
    (re.compile(r"\border"), "order_receipt"),
    (re.compile(r"confidential\s+information"), "disclosure"),
    (re.compile(r"\b(?:goods|products?|shipment|deliver\w*)"), "delivery"),
]


def action_anchor(action: str) -> str | None:
    """The anchor for a notice period: the act the notice announces ("terminate" ->
    termination, "inspect the records" -> audit)."""
    return _earliest(_ACTION_ANCHORS, action.lower())
