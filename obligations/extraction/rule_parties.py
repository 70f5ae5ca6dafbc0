"""Who keeps a time rule: the party whose act the period measures.

Each rule below reads one kind of evidence and either names a role or passes. They are tried in
the order of `PARTY_RULES`, which is their precedence: what the wording of the deadline itself
says (a response time, a limitation period, a notice given *to* someone, a debt *past due*)
beats the grammatical subject, and the subject beats guesses from the subject matter (payment
is the customer's).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from obligations.extraction.party_words import (
    THIRD_PARTY_BEFORE_VERB_RE,
    THIRD_PARTY_WORD_BEFORE_VERB_RE,
    Mention,
)
from obligations.extraction.rule_anchors import CURE_WORDS
from obligations.extraction.subjects import POSSESSIVE_GAP_RE, Subject, resolve
from obligations.extraction.timerules import TimeRule

_I = re.IGNORECASE
_OTHER_SIDE = {"provider": "customer", "customer": "provider", "both": "both"}

_DEEMED_ACCEPTANCE_RE = re.compile(
    r"\b(?:deemed|considered|regarded)\s+(?:as\s+|to\s+(?:be|have\s+been)\s+)?"
    r"(?:accepted|approved|agreed)",
    _I,
)
# Service credits are claimed by the customer, whoever the sentence names.
_CREDIT_CLAIM_RE = re.compile(r"\bcredits?\b[^.;]{0,60}\b(?:claim|request|apply|demand)", _I)
_PAYMENT_RE = re.compile(r"\b(?:pay|paid|payment|payments|payable|fees?|invoices?|remit)\b", _I)
_BOTH_SIDES_RE = re.compile(r"\b(?:either|each|any|neither|both)\s+part(?:y|ies)\b", _I)
_AGAINST_RE = re.compile(r"\bagainst\s+(?:the\s+)?(\w+)", _I)
_CUSTOMER_SIDE = frozenset(("you", "customer", "licensee", "client", "buyer", "purchaser"))
# "upon ten (10) days' written notice to Customer": the notice is given by the other side.
_NOTICE_TO_RE = re.compile(
    r"[’']?s?\s+(?:\(\w+\)\s+)?(?:prior\s+|advance\s+|written\s+|express\s+){0,3}(?:notice|notification)"
    r"(?:\s+in\s+writing)?\s+(?P<way>to|from|by)\s+",
    _I,
)
# A period that measures how late a debt or a default is: "30 days or more overdue", "past due
# for more than 60 days", "has been suspended for more than 90 days". The deadline it sets is the
# other side's: from then on it may suspend, terminate or charge.
_LATENESS_AFTER_RE = re.compile(
    r"\s*(?:or\s+more\s+|or\s+longer\s+)?(?:overdue|past\s+due|delinquent|in\s+arrears|late)\b", _I
)
_LATENESS_BEFORE_RE = re.compile(
    r"\b(?:overdue|past\s+due|delinquent|in\s+arrears|unpaid|outstanding|(?:been\s+)?suspended)"
    r"\s+for\s+(?:more\s+than\s+|longer\s+than\s+|at\s+least\s+|over\s+)?$",
    _I,
)
_FALLS_DUE_RE = re.compile(
    r"\b(?:due|payable)(?:\s+and\s+payable)?(?:\s+in\s+full)?\s*(?:within|no\s+later\s+than"
    r"|not\s+later\s+than|net)?\s*$",
    _I,
)
_OPENS_WITH_CONDITION_RE = re.compile(
    r"\W{0,4}(?:\(?[0-9a-z]{1,3}[.)]\s+)?(?:if|in\s+the\s+event|where|when(?:ever)?|should|once)\b",
    _I,
)
_ACTING_VERB_RE = re.compile(r"(?:may|can|shall|will|must|is\s+entitled|is\s+required)\b", _I)
# A cure period and the failure to pay it remedies: "the cure period for any failure by the
# Company to pay ... shall be fifteen (15) days", "if the breach is Distributor's failure to pay",
# "if the breach is non-payment of License Fees".
_CURE_RE = re.compile(rf"\b(?:uncured|{CURE_WORDS})\b", _I)
_FAILURE_TO_PAY_RE = re.compile(
    r"\bfail(?:ure|s|ed|ing)?\s+(?:by\s+(?P<by>[^,;.]{2,60}?)\s+)?to\s+(?:timely\s+)?pay\b"
    r"|\bnon-?\s?payment\b",
    _I,
)
_RECEIVED_BY_RE = re.compile(r"\breceived\s+by\s+$", _I)
_BEFORE_PERIOD_RE = re.compile(
    r"\s*,?\s*(?:within|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|by|before)?\s*",
    _I,
)
# A thing to deliver, not money, that falls due.
_THING_DUE_RE = re.compile(
    r"\b(?:report|analysis|plan|certificate|forecast|response|deliverables?|documentation"
    r"|summary|review)\b(?:(?!\b(?:fees?|payments?|amounts?|invoices?|sums?|rent|charges?|price)\b)"
    r"[^.;])*\b(?:is|are|shall\s+be|will\s+be|becomes?)\s+$",
    _I,
)
# "This Agreement shall terminate ... 30 days after ...": the contract ends for both sides.
_CONTRACT_LAPSES_RE = re.compile(
    r"\b(?:this|the)\s+(?:agreement|contract|licen[cs]e)\b[^.;:]{0,120}?\b(?:shall|will)\s+"
    r"(?:\w+ly\s+)?(?:terminate|expire|end|lapse)\b",
    _I,
)


@dataclass(frozen=True)
class RuleReading:
    """What a party rule may read about one time rule in one sentence."""

    sentence: str
    rule: TimeRule
    subjects: list[Subject]
    subject_verbs: list[int]  # sorted, as the subjects
    subject_positions: list[int]
    mentions: list[Mention]  # party mentions, offsets relative to the sentence
    fallback: str | None  # the party carried from the sentence or list lead-in before
    inherited: bool  # the fallback is a list lead-in's party ("if the other Party:")
    ordered: str | None = None  # whose order the sentence gives without a subject

    @property
    def near(self) -> str:
        return self.sentence[max(0, self.rule.start - 300) : self.rule.end + 300]

    def _in_aside(self, position: int) -> bool:
        between = self.sentence[self.rule.end : position]
        return between.count("(") > between.count(")")

    def subject_role(self) -> str | None:
        """The grammatical subject of the rule: the nearest one before it (after it, for a
        duration fronted before its clause)."""
        rule, subjects = self.rule, self.subjects
        last_before = bisect.bisect_right(self.subject_verbs, rule.start) - 1
        first_after = bisect.bisect_left(self.subject_positions, rule.end)
        if rule.fronted:
            # A duration fronted before a subject and its verb belongs to that subject, not to
            # the agent of its event ("within 10 days of a request by the Company, ...") nor to
            # one in an aside ("(or after installation, if the Supplier installs it)").
            while first_after < len(subjects) and (
                subjects[first_after].agent or self._in_aside(subjects[first_after].position)
            ):
                first_after += 1
        before = [last_before] if last_before >= 0 else []
        after = [first_after] if first_after < len(subjects) else []
        if after and not rule.fronted:
            # A subject past a colon or semicolon acts in the next item or clause: "shall
            # terminate within 30 days after: (a) Licensee is acquired" binds no Licensee.
            between = self.sentence[rule.end : subjects[first_after].position]
            if ":" in between or ";" in between:
                after = []
        for candidates in [after, before] if rule.fronted else [before, after]:
            if candidates:
                role = resolve(subjects, candidates[0], self.fallback)
                if role:
                    return role
        return None


PartyRule = Callable[[RuleReading], tuple[str, bool] | None]


def service_level(reading: RuleReading) -> tuple[str, bool] | None:
    """Response and recovery times are the supplier's, and so is an interval cell of their table
    ("Status Updates: Every two hours"); any other sentence of the table names its own party."""
    if reading.rule.kind in ("response_time", "recovery_time"):
        return "provider", True
    if reading.rule.service_cell:
        return "provider", False
    return None


def limitation_claimant(reading: RuleReading) -> tuple[str, bool] | None:
    """A limitation period is kept by the claimant: the party that brings the action ("may be
    brought by the Supplier"), else the side the claims are not against."""
    if reading.rule.kind != "limitation":
        return None
    near = reading.near
    if _BOTH_SIDES_RE.search(near):
        return "both", True
    for subject in reading.subjects:
        if subject.agent and subject.role and abs(subject.position - reading.rule.start) < 120:
            return subject.role, True
    against = _AGAINST_RE.search(near)
    if against and against.group(1).lower() in _CUSTOMER_SIDE:
        return "provider", True
    return "customer", False


def notice_recipient(reading: RuleReading) -> tuple[str, bool] | None:
    """A notice period "to Customer" is the other side's to give; one "from the Company" sets a
    time for the other side to act on it; "by Customer" is Customer's own."""
    found = _NOTICE_TO_RE.match(reading.sentence, reading.rule.end)
    if found is None:
        return None
    named = _mention_at(reading.mentions, found.end())
    if named is None or not named.role:
        return None
    if found.group("way") == "by":
        return named.role, True
    return _OTHER_SIDE.get(named.role, named.role), True


def lateness(reading: RuleReading) -> tuple[str, bool] | None:
    """A period that measures a default ("30 days or more past due") is the other side's
    deadline, unless the defaulting side's own duty governs it ("Customer shall pay interest
    on amounts 30 days overdue")."""
    rule, sentence = reading.rule, reading.sentence
    late = _LATENESS_AFTER_RE.match(sentence, rule.end) or _LATENESS_BEFORE_RE.search(
        sentence[max(0, rule.start - 60) : rule.start]
    )
    if late is None:
        return None
    actor = _actor_after_condition(reading)
    if actor is not None:
        return actor, True  # "If your account remains past due for 14 days, we may suspend"
    debtor = reading.subject_role()
    if debtor is not None and _subject_governs(reading, debtor):
        return debtor, True
    owner = _possessor_before(reading) or debtor or "customer"
    return _OTHER_SIDE.get(owner, "provider"), False


def received_by(reading: RuleReading) -> tuple[str, bool] | None:
    """A time for something to be received by a party ("If any Rent is not received by Landlord
    within five (5) days after the date due") measures the other side's act of sending it."""
    rule, sentence = reading.rule, reading.sentence
    for mention in reading.mentions:
        if not mention.role or mention.role == "both" or mention.end > rule.start:
            continue
        if rule.start - mention.end > 30 or not _RECEIVED_BY_RE.search(
            sentence, max(0, mention.start - 30), mention.start
        ):
            continue
        if _BEFORE_PERIOD_RE.fullmatch(sentence, mention.end, rule.start):
            return _OTHER_SIDE[mention.role], True
    return None


def payment_cure(reading: RuleReading) -> tuple[str, bool] | None:
    """A cure period for a failure to pay is the payer's to keep: the party the failure names
    ("any failure by the Company to pay", "Distributor's failure to pay"), else the customer,
    whoever may terminate."""
    rule, sentence = reading.rule, reading.sentence
    low = max(0, rule.start - 200)
    if not _CURE_RE.search(sentence, low, rule.end + 60):
        return None
    failures = list(_FAILURE_TO_PAY_RE.finditer(sentence, low, rule.start))
    if not failures:
        return None
    failure = failures[-1]  # the one nearest the period
    for mention in reading.mentions:
        named = (
            failure.start("by") <= mention.start < failure.end("by")
            if failure.group("by")
            else False
        )
        owner = mention.end <= failure.start() and POSSESSIVE_GAP_RE.fullmatch(
            sentence, mention.end, failure.start()
        )
        if (named or owner) and mention.role:
            return mention.role, True
    return "customer", False


def payment_falls_due(reading: RuleReading) -> tuple[str, bool] | None:
    """Money that "shall be due within 60 days" is the payer's to pay, whoever the sentence
    names ("Payment of FCC invoices shall be due ...", "invoiced by XIMAGE and due within ...")
    unless a party is bound to pay it ("Supplier shall pay the rebate, due within ...")."""
    rule = reading.rule
    due = _FALLS_DUE_RE.search(reading.sentence, max(0, rule.start - 60), rule.start)
    if due is None:
        return None
    if _THING_DUE_RE.search(reading.sentence, max(0, due.start() - 160), due.start()):
        return None  # "A final written report ... is due within ten (10) days": not money
    payer = reading.subject_role()
    if payer is not None and _subject_governs(reading, payer, same_clause=True):
        return payer, True
    if _OWED_BY_EITHER_RE.search(reading.sentence, max(0, due.start() - 160), due.start()):
        return "both", True  # "all sums owed by either Party to the other shall become due"
    return "customer", False


def grammatical_subject(reading: RuleReading) -> tuple[str, bool] | None:
    role = reading.subject_role()
    return (role, True) if role else None


_BINDING_VERB_RE = re.compile(r"\b(?:shall|will|must|may|agrees?\s+to|is\s+required\s+to)\b", _I)


def third_party_subject(reading: RuleReading) -> tuple[str, bool] | None:
    """A rule kept by someone outside the contract ("The insurance carrier shall give thirty
    (30) days' notice") is no side's."""
    modals = list(_BINDING_VERB_RE.finditer(reading.sentence, 0, reading.rule.start))
    if not modals:
        return None
    modal = modals[-1]
    window = (max(0, modal.start() - 80), modal.start())
    if THIRD_PARTY_BEFORE_VERB_RE.search(reading.sentence, *window) or (
        THIRD_PARTY_WORD_BEFORE_VERB_RE.search(reading.sentence, *window)
    ):
        return "other", True
    return None


def addressee_ordered(reading: RuleReading) -> tuple[str, bool] | None:
    """An order without a subject is the reader's ("Make sure you tell us within 60 days"),
    or, in a schedule of services, the provider's ("Keep daily backups for seven days")."""
    return (reading.ordered, True) if reading.ordered else None


def list_lead(reading: RuleReading) -> tuple[str, bool] | None:
    """An item under "... if the other Party:" acts for the party its lead-in names."""
    if reading.inherited and reading.fallback:
        return reading.fallback, True
    return None


def contract_lapses(reading: RuleReading) -> tuple[str, bool] | None:
    if _CONTRACT_LAPSES_RE.search(reading.sentence[: reading.rule.start]):
        return "both", False
    return None


def customer_by_subject_matter(reading: RuleReading) -> tuple[str, bool] | None:
    """Deemed acceptance, credit claims and payment are the customer's when no party is
    named."""
    near, rule = reading.near, reading.rule
    if _DEEMED_ACCEPTANCE_RE.search(near) or _CREDIT_CLAIM_RE.search(near):
        return "customer", False
    before = reading.sentence[max(0, rule.start - 300) : rule.start]
    if rule.anchor.startswith("invoice") or _PAYMENT_RE.search(before):
        return "customer", False
    return None


PARTY_RULES: tuple[PartyRule, ...] = (
    service_level,
    limitation_claimant,
    notice_recipient,
    lateness,
    received_by,
    payment_cure,
    payment_falls_due,
    grammatical_subject,
    third_party_subject,
    addressee_ordered,
    list_lead,
    contract_lapses,
    customer_by_subject_matter,
)


def party_of_rule(reading: RuleReading) -> tuple[str, bool]:
    """(role, explicit) of whoever must keep the rule."""
    for party_rule in PARTY_RULES:
        found = party_rule(reading)
        if found is not None:
            return found
    return (reading.fallback or "both"), False


def _mention_at(mentions: list[Mention], position: int) -> Mention | None:
    for mention in mentions:
        if mention.start == position:
            return mention
        if mention.start > position:
            return None
    return None


def _possessor_before(reading: RuleReading) -> str | None:
    """The party whose account or payment the lateness is about ("Customer's account")."""
    low = reading.rule.start - 160
    for mention in reversed(reading.mentions):
        if low <= mention.start < reading.rule.start and mention.role:
            after = reading.sentence[mention.end : mention.end + 1]
            if after in ("'", "’"):
                return mention.role
    return None


def _actor_after_condition(reading: RuleReading) -> str | None:
    """The party that acts once a condition that holds the rule is met ("If the fees remain
    unpaid for 30 days, Provider may suspend ...", "..., Customer shall pay interest"): the
    first subject after the rule, when the sentence opens with the condition and that
    subject's verb grants a right or binds it."""
    if not _OPENS_WITH_CONDITION_RE.match(reading.sentence):
        return None
    for subject in reading.subjects:
        if subject.position >= reading.rule.end and subject.role and not subject.agent:
            verb = reading.sentence[subject.verb : subject.verb + 40]
            return subject.role if _ACTING_VERB_RE.match(verb) else None
    return None


_OWED_BY_EITHER_RE = re.compile(
    r"\b(?:owed|owing|payable|due)\s+(?:by|from)\s+(?:either|each|any)\s+part(?:y|ies)\b", _I
)
# A new clause with a subject of its own: "The parties will try to resolve it, and any amount
# agreed is payable within 30 days".
_NEW_CLAUSE_RE = re.compile(r";|,\s*(?:and|but)\s+(?:any|all|each|the|such|this|that|no)\s", _I)


def _subject_governs(reading: RuleReading, role: str, *, same_clause: bool = False) -> bool:
    """Is the rule inside a clause whose subject `role` is bound by a modal ("Customer shall
    pay interest on ...")? With `same_clause`, no clause with a subject of its own may come
    between them."""
    start = reading.rule.start
    for subject in reversed(reading.subjects):
        if subject.position < start and subject.role == role and not subject.agent:
            verb = reading.sentence[subject.verb : subject.verb + 40].lower()
            if same_clause and _NEW_CLAUSE_RE.search(reading.sentence, subject.verb, start):
                return False
            return verb.startswith(("shall", "will", "must", "agree", "is required", "undertake"))
    return False
