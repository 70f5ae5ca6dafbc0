"""Which party each modal verb of a sentence binds: a table of named rules.

For each modal verb ("shall", "must not", "is required to") the rules of `MODAL_RULES` are
read in order; the first that decides wins, answering a `Duty` (the party bound, and how sure
the reading is) or `NOT_BINDING`. A sentence with no modal that binds falls back on its list's
lead-in ("Licensee shall: ... (b) keep records"), then, in terms written to "you", on an order
("Cancel at least 48 hours before ...").
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from obligations.extraction.intervals import FRONTED_LEAD_RE, act_recurrence
from obligations.extraction.kinds import Modal
from obligations.extraction.list_leads import Lead
from obligations.extraction.party_words import (
    CUSTOMER_WORDS,
    THIRD_PARTY_BEFORE_VERB_RE,
    Mention,
)
from obligations.extraction.subjects import Subject, resolve
from obligations.extraction.thing_duties import (
    BE_DONE_RE,
    IN_WRITING_RE,
    form_required,
    negated_thing,
    owner_before,
    thing_forbidden,
)

__all__ = [
    "IMPERATIVE_RE",
    "MODAL_RULES",
    "NOT_BINDING",
    "SERVICE_ORDER_RE",
    "Duty",
    "ModalReading",
    "Order",
    "read_order",
]

_I = re.IGNORECASE
# "will be deemed", "will have been", "will remain": how the contract works, not a duty. "will
# have a written agreement with" is a duty, so only a few things that follow "have" are excluded.
PASSIVE_RE = re.compile(
    r"\s*(?:be|have\s+been)\s+(?:\w+ly\s+)?(?:deemed|considered|construed|interpreted|governed)"
    r"|\s*be\b|\s*have\s+(?:been|the\s+(?:right|option|ability)|no|any)\b"
    r"|\s*(?:not\s+)?(?:apply|survive|prevail|remain|continue|become|"
    r"commence|begin|end|expire|lapse|terminate|renew|constitute|include|mean|govern)\b",
    _I,
)
_DENIED_NAME_RE = re.compile(r"\b(?:no|neither)\s+$", _I)
# "Shall not be liable": a disclaimer, not a prohibition or a duty.
_NOT_A_DUTY_RE = re.compile(
    r"\s*(?:not\s+)?(?:be\s+)?(?:held\s+)?(?:liable|responsible\s+or\s+liable|deemed|construed|"
    r"interpreted)\b|\s*be\s+(?:held\s+)?(?:liable|responsible)\s+(?:to\s+(?!\w+\s+(?:the|a|an|all|any|"
    r"such|its|their|his|her|each|every)\b)|for\s+any\s+(?:loss|damage|failure|delay))",
    _I,
)
# "has given and will only give": a second verb phrase of the same subject.
_JOINED_VERB_RE = re.compile(r"[^.;:!?]{0,80}?\s(?:and|but)\s+(?:\w+ly\s+)?", _I)
# A sentence that opens with a time phrase: "During each Contract Year", "By November 30 of
# each year", "In each calendar quarter" (not a condition: "In the event ...").
_TIME_OPENING_RE = re.compile(
    r"\W{0,4}(?:(?:\(?[0-9a-z]{1,4}[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s+)?"
    r"(?:during|in\s+(?:each|every)|by|on\s+or\s+before"
    r"|no\s+later\s+than|within|each|every|once)\s",
    _I,
)
# An act done to a thing, in the passive with "shall": who does it is the side that does such
# acts (pays, delivers), or whose expense or account the sentence names.
_PASSIVE_ACT_RE = re.compile(
    r"\s*(?:\w+ly\s+|first\s+)?be\s+(?:\w+ly\s+)?(?P<act>paid|delivered|shipped|kept|stored"
    r"|maintained|repaired|returned|submitted|insured|packed|packaged|labell?ed|invoiced"
    r"|reimbursed|referred(?!\s+to\s+(?:(?:herein|hereinafter|hereafter|below)\s+)?as\b))\b",
    _I,
)
_AT_EXPENSE_BEFORE_RE = re.compile(r"\b(?:at|from)\s+(?:the\s+)?\Z", _I)
_AT_EXPENSE_AFTER_RE = re.compile(r"['’]s?\s+(?:sole\s+|own\s+)?(?:expense|cost|account)\b")
_ACT_SIDE = {"paid": "customer", "reimbursed": "customer", "delivered": "provider",
             "shipped": "provider", "packed": "provider", "packaged": "provider",
             "labeled": "provider", "labelled": "provider", "invoiced": "provider",
             "referred": "both"}  # fmt: skip
# "A third party shall not be entitled to", "shall have no right to": a state, not an act.
_STATE_RE = re.compile(r"\s*(?:not\s+)?(?:be|have)\b", _I)
# "shall not be assigned, transferred or divided in any manner by Licensee"
_PARTICIPLE = r"\w+(?:ed|en|wn|ne|id)"
_BY_AGENT_RE = re.compile(
    rf"\s*(?:not\s+)?be\s+(?:\w+ly\s+)?{_PARTICIPLE}(?:,?\s+(?:or\s+|and\s+)?{_PARTICIPLE}){{0,4}}"
    r"(?:\s+in\s+any\s+(?:manner|way))?\s+by\s+",
    _I,
)
# An order at the head of a sentence, in terms addressed to "you".
IMPERATIVE_RE = re.compile(
    r"\W{0,4}(?:\(?[0-9a-z]{1,3}[.)]\s+)?(?:(?P<not>do\s+not|don[’']t|never)\s+(?=[a-z]{3,}\b)|"
    r"(?:make\s+sure|ensure|be\s+sure\s+to|remember\s+to|please\s+(?=[a-z]{3,}\b))"
    # After the purpose it serves ("To stop deliveries, cancel at least 48 hours before ..."),
    # an order is the bare verb of an act the reader does.
    r"|to\s+[a-z]+\b[^,.;:]{0,80},\s+(?:(?:just|simply|please)\s+)?(?=(?:cancel|contact|email|call"
    r"|visit|go|log|sign|send|submit|update|notify|tell|let|click|select|return|write|request"
    r"|turn|pause|skip|change|remove|delete)\b))",
    _I,
)

# A service ordered without a subject, as a schedule of services lists what the provider does:
# "Provide routine Server Administration for the Managed Servers", "PRESERVE ALL PPA DATA FOR A
# MINIMUM OF TWO YEARS". Only verbs that are never a noun leading a sentence ("Repair Period",
# "Store Hours", "Supply Price" are not orders). It opens a sentence, so it is capitalised; an
# item in lower case continues a lead-in, read as such.
SERVICE_ORDER_RE = re.compile(
    r"\W{0,4}(?:\(?[0-9a-zA-Z]{1,3}[.)]\s+)?(?P<verb>(?:P(?i:rovide|erform|reserve)|M(?i:aintain"
    r"|onitor)|I(?i:nstall|nspect)|O(?i:perate)|R(?i:estore|eplace|etain|espond\s+to|esolve)"
    r"|B(?i:ack\s+up)|K(?i:eep)|F(?i:urnish)|D(?i:eliver)))"
    r"\s+(?!(?i:shall|will|must|may|is|are|was|were)\b)(?=[\w\"“(])"
)


# A heading or lead-in over a list of services: "GENERAL REQUIREMENTS", "Standard Conversion
# Services", "Customer Responsibilities".
_SERVICES_ABOUT_RE = re.compile(
    r"\b(?:services?|requirements|responsibilit(?:y|ies)|duties|scope\s+of\s+work"
    r"|statement\s+of\s+work|maintenance|support)\b",
    _I,
)
_CUSTOMER_ABOUT_RE = re.compile(rf"\b(?:{'|'.join(CUSTOMER_WORDS)})\b", _I)


class Order(NamedTuple):
    """An order a sentence gives without a subject."""

    role: str
    modality: str
    act_start: int  # where the ordered act begins
    confident: bool  # the reader is addressed, not inferred from a heading


def read_order(
    sentence: str, *, addressee: str | None, has_modal: bool, about: str
) -> Order | None:
    """The order a sentence without a subject gives: in terms written to "you", the reader's
    ("Make sure you tell us within 60 days", "Don't share your password"); else, for a service
    ordered with no modal verb under a heading or lead-in about services (`about`), the
    provider's, or the customer's where the heading names it ("Customer Responsibilities")."""
    if addressee is not None:
        order = IMPERATIVE_RE.match(sentence)
        if order is None:
            return None
        modality = "prohibition" if order.group("not") else "duty"
        return Order(addressee, modality, order.end(), True)
    service = None if has_modal else SERVICE_ORDER_RE.match(sentence)
    if service is None or not _SERVICES_ABOUT_RE.search(about):
        return None
    role = "customer" if _CUSTOMER_ABOUT_RE.search(about) else "provider"
    return Order(role, "duty", service.start("verb"), False)


class Duty(NamedTuple):
    role: str
    modality: str
    confident: bool  # a party is named for it, not carried from elsewhere
    verb_end: int
    scope_end: int  # where the next modal verb starts, else the sentence's end


class Verdict(enum.Enum):
    NOT_BINDING = "binds no party"


NOT_BINDING = Verdict.NOT_BINDING


@dataclass
class ModalReading:
    """What the rules read of one sentence: its modal verbs and subjects, the party mentions
    in it, and the party carried from before it."""

    sentence: str
    modals: list[Modal]
    subjects: list[Subject]
    subject_at_verb: dict[int, int]  # a subject's verb offset -> its index
    subject_verbs: list[int]  # sorted, as the subjects
    subject_positions: list[int]
    mentions: list[Mention]
    fallback: str | None
    addressee: str | None  # the role of "you" in terms written to the reader
    act_start: int | None  # the verb of an item's infinitive, bound by its lead-in
    about: str = ""  # the lead-in of the list the sentence is an item of, else its clause's heading

    def duties(self, lead: Lead | None) -> list[Duty]:
        """Each duty or prohibition the sentence states, one per party."""
        found: list[Duty] = []
        for number, modal in enumerate(self.modals):
            at = ModalAt(self, number, modal)
            if at.modality == "right":
                continue
            for rule in MODAL_RULES:
                answer = rule(self, at)
                if answer is not None:
                    if isinstance(answer, Duty):
                        found.append(answer)
                    break
        if lead is not None and not found:
            found.append(
                Duty(lead.role, lead.modality, True, self.act_start or 0, len(self.sentence))
            )
        if not found:
            found.extend(self._ordered())
        return found

    def modality_of(self, modal: Modal) -> str:
        """What `modal` makes of its act, "no Member may" and "neither party shall" making a
        prohibition of any verb."""
        liability = "liable" in modal.word or "responsible" in modal.word
        if liability or _NOT_A_DUTY_RE.match(self.sentence, modal.end):
            # "Neither Party shall be liable ..., provided it notifies": a disclaimer, whose
            # proviso is a duty.
            return modal.modality
        negated = _negated_subject(self, self.subject_at_verb.get(modal.start))
        return negated or modal.modality

    @cached_property
    def _fronted(self) -> re.Match[str] | None:
        """The phrase fronted before the sentence's first comma."""
        return FRONTED_LEAD_RE.match(self.sentence)

    def fronted_lead(self, verb_end: int) -> str:
        """The phrase fronted before the party, when it ends before the duty's verb: closed by
        a comma, or a time phrase set right before the party without one ("During each
        Contract Year Distributor shall ...")."""
        lead = self._fronted
        if lead and lead.end() < verb_end:
            return lead.group("lead")
        index = bisect.bisect_right(self.subject_positions, verb_end) - 1
        if index < 0 or not _TIME_OPENING_RE.match(self.sentence):
            return ""
        return self.sentence[: self.subjects[index].position]

    def _ordered(self) -> list[Duty]:
        """Terms that speak to "you" give orders without a subject ("Don't share your
        password", "Make sure you download your data first"); a schedule of services orders
        the provider's services ("Perform weekly full backups")."""
        order = read_order(
            self.sentence, addressee=self.addressee, has_modal=bool(self.modals), about=self.about
        )
        if order is None:
            return []
        end = len(self.sentence)
        return [Duty(order.role, order.modality, order.confident, order.act_start, end)]


class ModalAt:
    """One modal verb of the sentence, with what every rule reads of it."""

    def __init__(self, reading: ModalReading, number: int, modal: Modal) -> None:
        sentence = reading.sentence
        self.modal = modal
        subject_index = reading.subject_at_verb.get(modal.start)
        self.thing = thing = subject_index is None
        self.denied = denied = thing and negated_thing(sentence, modal)
        named_denial = _negated_subject(reading, subject_index)
        self.modality = named_denial or ("prohibition" if denied else modal.modality)
        following = number + 1 < len(reading.modals)
        self.scope_end = reading.modals[number + 1].start if following else len(sentence)
        self.rest = sentence[modal.end : modal.end + 120]
        self.subject_index = subject_index

    def duty(self, role: str, confident: bool) -> Duty:
        return Duty(role, self.modality, confident, self.modal.end, self.scope_end)


ModalRule = Callable[[ModalReading, ModalAt], Duty | Verdict | None]


def disclaimer(reading: ModalReading, at: ModalAt) -> Verdict | None:
    """ "shall not be liable", "shall be deemed": no duty of anyone."""
    return NOT_BINDING if _NOT_A_DUTY_RE.match(at.rest) else None


def named_subject(reading: ModalReading, at: ModalAt) -> Duty | Verdict | None:
    """The party named as the verb's subject ("Supplier shall", "Customer has given and will
    only give"), unless a passive verb names its agent; "will be" of a subject states how the
    contract works."""
    index = at.subject_index
    if index is None:
        index = _coordinated_subject(reading, at.modal)
    if index is None or _passive_agent(reading, at) is not None:
        return None
    role = resolve(reading.subjects, index, reading.fallback)
    if role and not (at.modal.word == "will" and PASSIVE_RE.match(at.rest)):
        return at.duty(role, True)
    return NOT_BINDING


def passive_agent(reading: ModalReading, at: ModalAt) -> Duty | None:
    """ "The Consultant will be reimbursed by the Company": the agent of the passive verb
    acts, whoever its subject is."""
    agent = _passive_agent(reading, at)
    return at.duty(agent, True) if agent is not None else None


def third_party(reading: ModalReading, at: ModalAt) -> Duty | None:
    """ "A third party shall ...": a duty of someone outside the contract."""
    modal = at.modal
    if _STATE_RE.match(at.rest) or not THIRD_PARTY_BEFORE_VERB_RE.search(
        reading.sentence, max(0, modal.start - 80), modal.start
    ):
        return None
    return at.duty("other", True)


def form_of_a_thing(reading: ModalReading, at: ModalAt) -> Duty | None:
    """A form the contract requires of a thing ("Notices must be in writing", "Each invoice
    must include the load number") binds whoever sends it: the party whose thing it is
    ("Tenant's request"), else, for what a thing must hold, the party the text is about;
    writing is either side's."""
    if at.modality != "duty" or not form_required(reading.sentence, at.modal, at.rest):
        return None
    owner = owner_before(reading.sentence, reading.mentions, at.modal.start)
    carried = None if IN_WRITING_RE.match(at.rest) else reading.fallback
    return at.duty(owner or carried or "both", owner is not None)


def bound_without_a_party(reading: ModalReading, at: ModalAt) -> Duty | Verdict:
    """Without a party before it, only "must" and "is required to" bind anyone; a passive
    "shall be construed" states how the contract works, not a duty. A body of the parties that
    must repeat an act ("The Steering Committee shall meet at least quarterly") is bound, and a
    thing forbidden ("An Order may not be cancelled") binds as a "must" does. An act done to a
    thing ("Monthly Rent shall be paid by ACH debit", "All Products shall be delivered FCA the
    Facility") binds the side that does such acts."""
    sentence, modal, rest = reading.sentence, at.modal, at.rest
    binding = (
        modal.word == "must"
        or modal.word.startswith(("is ", "are "))
        or at.denied
        or (at.thing and thing_forbidden(sentence, modal, rest))
    )
    if not binding and at.modality == "duty":
        lead_in = reading.fronted_lead(modal.end)
        binding = act_recurrence(sentence[modal.end : at.scope_end], lead_in) is not None
    act = _PASSIVE_ACT_RE.match(rest) if not binding and modal.word == "shall" else None
    if act is not None:
        side = _ACT_SIDE.get(act.group("act").lower(), reading.fallback or "both")
        return at.duty(_paying_party(reading, modal.end) or side, False)
    if not binding or (PASSIVE_RE.match(rest) and not BE_DONE_RE.match(rest)):
        return NOT_BINDING
    return at.duty(reading.fallback or "both", False)


MODAL_RULES: tuple[ModalRule, ...] = (
    disclaimer,
    named_subject,
    passive_agent,
    third_party,
    form_of_a_thing,
    bound_without_a_party,
)


def _negated_subject(reading: ModalReading, index: int | None) -> str | None:
    """ "Neither party may assign", "no party shall disclose": a prohibition for both."""
    if index is None:
        return None
    position = reading.subjects[index].position
    named = next((m.text for m in reading.mentions if m.start == position), "")
    # "No Member may transfer": the denial stands before the name.
    denied = _DENIED_NAME_RE.search(reading.sentence, max(0, position - 9), position)
    return "prohibition" if named.startswith(("neither ", "no ")) or denied else None


def _coordinated_subject(reading: ModalReading, modal: Modal) -> int | None:
    """The subject of a verb phrase that a modal joins with "and": "Customer has given and
    will only give instructions", "Supplier shall notify Buyer and will cooperate"."""
    index = bisect.bisect_right(reading.subject_verbs, modal.start) - 1
    if index < 0:
        return None
    gap = reading.sentence[reading.subjects[index].verb : modal.start]
    return index if _JOINED_VERB_RE.fullmatch(gap) else None


def _passive_agent(reading: ModalReading, at: ModalAt) -> str | None:
    """The party that a passive duty binds: "may not be assigned by either party", "notice
    shall be given by the Licensee"."""
    by_agent = _BY_AGENT_RE.match(at.rest)
    if at.modal.modality == "right" or by_agent is None:
        return None
    reach = at.modal.end + len(by_agent.group(0)) + 12
    for subject in reading.subjects:
        if subject.agent and at.modal.end < subject.position <= reach:
            return subject.role
    return None


def _paying_party(reading: ModalReading, start: int) -> str | None:
    """The party named after `start` as the one whose expense or account pays ("at Lessee's
    expense", "from the Customer's account")."""
    for mention in reading.mentions:
        if (
            mention.start >= start
            and mention.role
            and _AT_EXPENSE_AFTER_RE.match(reading.sentence, mention.end)
            and _AT_EXPENSE_BEFORE_RE.search(reading.sentence, 0, mention.start)
        ):
            return mention.role
    return None
