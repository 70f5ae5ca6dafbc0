"""How one sentence (or list item) reads: which of its modal verbs bind which party, and which
time rules and duties without a period it states. `find_obligations` (duties.py) makes one
`SentenceReading` per sentence, from the document-wide scan of modal verbs, parties and
durations."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from obligations.extraction.durations import PeriodMatch
from obligations.extraction.intervals import (
    FRONTED_LEAD_RE,
    act_recurrence,
    dated_recurrence,
)
from obligations.extraction.kinds import Modal, kind_of
from obligations.extraction.list_leads import (
    Lead,
)
from obligations.extraction.model import Obligation
from obligations.extraction.party_words import (
    THIRD_PARTY_BEFORE_VERB_RE,
    Mention,
)
from obligations.extraction.recurrences import recurrence_in
from obligations.extraction.rule_parties import RuleReading, party_of_rule
from obligations.extraction.sentences import Segment
from obligations.extraction.service_levels import is_service_table, table_sla_kind
from obligations.extraction.subjects import Subject, resolve
from obligations.extraction.summaries import summarise
from obligations.extraction.tables import column_at
from obligations.extraction.thing_duties import (
    BE_DONE_RE,
    IN_WRITING_RE,
    form_required,
    negated_thing,
    owner_before,
    thing_forbidden,
)
from obligations.extraction.timerules import TimeRule, time_rules
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern

_I = re.IGNORECASE
# "will be deemed", "will have been", "will remain": how the contract works, not a duty. "will
# have a written agreement with" is a duty, so only a few things that follow "have" are excluded.
_PASSIVE_RE = re.compile(
    r"\s*(?:be|have\s+been)\s+(?:\w+ly\s+)?(?:deemed|considered|construed|interpreted|governed)"
    r"|\s*be\b|\s*have\s+(?:been|the\s+(?:right|option|ability)|no|any)\b"
    r"|\s*(?:not\s+)?(?:apply|survive|prevail|remain|continue|become|"
    r"commence|begin|end|expire|lapse|terminate|renew|constitute|include|mean|govern)\b",
    _I,
)
_DENIED_NAME_RE = re.compile(r"\b(?:no|neither)\s+$", _I)
_NEGATED_VERB_RE = re.compile(r"(?:does|do|did)\s+not\s+|fails?\s+to\s+", _I)


# "Shall not be liable": a disclaimer, not a prohibition or a duty.
_NOT_A_DUTY_RE = re.compile(
    r"\s*(?:not\s+)?(?:be\s+)?(?:held\s+)?(?:liable|responsible\s+or\s+liable|deemed|construed|"
    r"interpreted)\b|\s*be\s+(?:held\s+)?(?:liable|responsible)\s+(?:to\s+(?!\w+\s+(?:the|a|an|all|any|"
    r"such|its|their|his|her|each|every)\b)|for\s+any\s+(?:loss|damage|failure|delay))",
    _I,
)
# A duty recurs only when it is an act done again and again ("deliver a report each month"),
# not a state ("receive space each month").

# A passive billing statement states a recurring act without naming who does it: the provider
# invoices ("fees are invoiced quarterly in advance"), the customer pays ("are payable monthly").
# Lower-case and case-sensitive, for the one pass over the lower-cased text.
PASSIVE_BILLING = WordScan(
    word_pattern(
        verb,
        rf"{be}\s+(?:\w+ly\s+)?(?:(?P<provider>invoiced|billed|charged)|payable|paid)\b",
    )
    for verb, be in (("is", ""), ("are", ""), ("will", r"\s+be"), ("shall", r"\s+be"))
)
_BILLING_REACH = 60
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


class _Duty(NamedTuple):
    role: str
    modality: str
    confident: bool
    verb_end: int
    scope_end: int


# A table cell that says how often and nothing else: "Daily", "Each Business Day", "Monthly".
_ONLY_RECURRENCE_RE = re.compile(
    r"(?:(?:each|every|once\s+(?:a|per|each))\s+(?:calendar\s+|business\s+|working\s+)?"
    r"(?:day|month|quarter|year)|daily|business[- ]daily|monthly|quarterly|annually|yearly)\.?",
    _I,
)
_LONG_SENTENCE = 1500
_EVIDENCE_REACH = 600
_PART_END_RE = re.compile(r"[;:]\s|\.\s")


def _evidence_span(sentence: str, focus: tuple[int, int]) -> tuple[int, int]:
    """The evidence for a time rule or duty: the whole sentence, or, in a run-on "sentence"
    of more than a page, the ';'-delimited part around it (at most a few hundred characters
    each side)."""
    if len(sentence) <= _LONG_SENTENCE:
        return 0, len(sentence)
    low = max(0, focus[0] - _EVIDENCE_REACH)
    high = min(len(sentence), focus[1] + _EVIDENCE_REACH)
    ends_before = [m.end() for m in _PART_END_RE.finditer(sentence, low, focus[0])]
    start = ends_before[-1] if ends_before else sentence.find(" ", low, focus[0]) + 1
    after = _PART_END_RE.search(sentence, focus[1], high)
    end = after.start() + 1 if after else sentence.rfind(" ", focus[1], high)
    if end <= focus[1]:
        end = high
    return start, end


@dataclass
class SentenceReading:
    """One sentence with what the document scans found in it."""

    sentence: str
    segment: Segment
    modals: list[Modal]
    subjects: list[Subject]
    fallback: str | None
    context: str
    clause_ref: str | None
    table_header: list[str] | None
    addressee: str | None = None  # the role of "you" in terms written to the reader
    mentions: list[Mention] = field(default_factory=list)  # offsets relative to the sentence
    inherited: bool = False  # the fallback is the party of a list's lead-in
    billing: bool = False  # the sentence holds a passive billing statement
    about: str = ""  # the lead-in of the list the sentence is an item of, else its clause's heading
    act_start: int | None = None  # the verb of an item's infinitive, bound by its lead-in

    def __post_init__(self) -> None:
        # Sorted positions, so that a very long sentence is searched by bisection.
        self._modal_starts = [modal.start for modal in self.modals]
        self._subject_verbs = [subject.verb for subject in self.subjects]
        self._subject_positions = [subject.position for subject in self.subjects]
        self._subject_at_verb = {subject.verb: i for i, subject in enumerate(self.subjects)}

    def _near(self, rule: TimeRule, reach: int = 300) -> str:
        return self.sentence[max(0, rule.start - reach) : rule.end + reach]

    def obligations(self, periods: list[PeriodMatch], lead: Lead | None) -> list[Obligation]:
        rules = (
            time_rules(
                self.sentence,
                periods,
                self.context,
                self.table_header,
                about=self.about,
                bound=self.inherited or self._ordered is not None,
            )
            if periods
            else []
        )
        timed = [(rule.start, self._rule_obligation(rule)) for rule in rules]
        covered = {obligation.party for _, obligation in timed}
        placed = [*timed, *self._duty_obligations(lead, rules, covered)]
        # In the order the sentence states them, a duty's verb or a rule's period first.
        found = [obligation for _, obligation in sorted(placed, key=lambda pair: pair[0])]
        if self.billing and not rules and not any(ob.recurrence for ob in found):
            found.extend(self._passive_billing())
        if self._service_table:
            found.extend(self._recurring_cells(rules))
        return found

    def _recurring_cells(self, rules: list[TimeRule]) -> list[Obligation]:
        """A cell of a service-level table that names only how often ("Daily", "Each Business
        Day") under a column no rule of the row fills ("Status Updates"): the supplier repeats
        that act at that rhythm."""
        header = self.table_header or []
        filled = {column_at(self.sentence, rule.start) for rule in rules}
        found: list[Obligation] = []
        position = 0
        for column, cell in enumerate(self.sentence.split("|") if "|" in self.sentence else []):
            start, position = position, position + len(cell) + 1
            words = cell.strip()
            if column in filled or column >= len(header) or table_sla_kind(header[column]):
                continue
            recurrence = recurrence_in(words) if len(words.split()) <= 4 else None
            if recurrence is None or not _ONLY_RECURRENCE_RE.fullmatch(words):
                continue
            focus = (start + cell.find(words), start + cell.find(words) + len(words))
            found.append(
                self._obligation(
                    role="provider",
                    kind=kind_of(self.sentence, None, "duty", None, header[column]),
                    summary=summarise(self.sentence, None, "duty", None),
                    recurrence=recurrence,
                    confidence=0.5,
                    focus=focus,
                )
            )
        return found

    def _rule_obligation(self, rule: TimeRule) -> Obligation:
        role, explicit = self._party_for_rule(rule)
        modal = self._governing_modal(rule)
        modality = modal.modality if modal else "duty"
        verb_end, from_modal = self._summary_verb(rule, modal)
        confidence = 0.55 + 0.15 * explicit + 0.15 * rule.strong + 0.1 * bool(modal)
        return self._obligation(
            role=role,
            kind=kind_of(self.sentence, rule, modality, modal),
            summary=summarise(self.sentence, rule, modality if from_modal else "duty", verb_end),
            rule=rule,
            confidence=min(confidence, 0.95),
        )

    def _duty_obligations(
        self, lead: Lead | None, rules: list[TimeRule], covered: set[str]
    ) -> list[tuple[int, Obligation]]:
        """The sentence's duties without a period, one per party that no time rule covers,
        each with where its verb ends."""
        found: list[tuple[int, Obligation]] = []
        recurrences = {rule.recurrence for rule in rules}
        for duty in self._duties(lead):
            # A duty no party is named for stands beside the sentence's time rules only as an
            # act repeated in a clause of its own ("Prices will be reviewed each calendar
            # quarter; ... no later than 15 days before such quarter begins").
            beside = (rules or found) and not duty.confident
            if beside and self._rule_in_clause(duty, rules):
                continue
            scope = self.sentence[duty.verb_end : min(duty.scope_end, duty.verb_end + 300)]
            recurrence = (
                act_recurrence(scope, self._fronted_lead(duty.verb_end))
                if duty.modality == "duty"
                else None
            )
            if beside and recurrence is None:
                continue
            # A party's time rule covers its duty in the sentence, unless the duty recurs on a
            # rhythm of its own: its verb states no time rule ("shall test a restore every month
            # and shall report within 15 days after ...") or only another interval ("shall back
            # up the data daily, with incremental backups at least every four hours").
            if duty.role in covered and (
                recurrence is None
                or recurrence in recurrences
                or not self._rhythm_of_its_own(duty, rules, recurrence)
            ):
                continue
            covered.add(duty.role)
            recurrences.add(recurrence)
            obligation = self._obligation(
                role=duty.role,
                kind=kind_of(self.sentence, None, duty.modality, None, scope),
                summary=summarise(self.sentence, None, duty.modality, duty.verb_end),
                recurrence=recurrence,
                confidence=0.7 if duty.confident else 0.45,
                focus=(duty.verb_end, duty.verb_end),
            )
            found.append((duty.verb_end, obligation))
        return found

    @staticmethod
    def _rule_in_clause(duty: _Duty, rules: list[TimeRule]) -> bool:
        return any(duty.verb_end <= rule.start < duty.scope_end for rule in rules)

    @staticmethod
    def _rhythm_of_its_own(duty: _Duty, rules: list[TimeRule], recurrence: str) -> bool:
        """Whether the rules that belong to the duty's verb (after it, or fronted before its
        clause) are at most intervals ("every four hours") or deadlines after it of an act on
        another rhythm ("test a restore every month ..., reporting within 15 days after each
        annual test"), none a deadline of the act itself. A fronted deadline is the act's."""
        within = [
            rule
            for rule in rules
            if duty.verb_end <= rule.start < duty.scope_end
            or (rule.fronted and rule.start < duty.verb_end)  # "Within 30 days after ..., X shall"
        ]
        return all(
            rule.cue == "every" or (not rule.fronted and rule.recurrence not in (None, recurrence))
            for rule in within
        )

    def _passive_billing(self) -> list[Obligation]:
        billing = next(iter(PASSIVE_BILLING.finditer(ascii_lower(self.sentence))), None)
        if billing is None:
            return []
        scope = self.sentence[billing.end() : billing.end() + _BILLING_REACH]
        # A list of due dates reaches further than a word of recurrence.
        dates = self.sentence[billing.end() : billing.end() + 3 * _BILLING_REACH]
        recurrence = recurrence_in(scope) or dated_recurrence(dates)
        if recurrence is None:
            return []
        return [
            self._obligation(
                role="provider" if billing.group("provider") else "customer",
                kind=kind_of(self.sentence, None, "duty", None, scope),
                summary=summarise(self.sentence, None, "duty", billing.start()),
                recurrence=recurrence,
                confidence=0.5,
                focus=(billing.start(), billing.end()),
            )
        ]

    def _obligation(
        self,
        *,
        role: str,
        kind: str,
        summary: str,
        confidence: float,
        rule: TimeRule | None = None,
        recurrence: str | None = None,
        focus: tuple[int, int] | None = None,
    ) -> Obligation:
        if rule is not None:
            focus = (rule.start, rule.end)
        start, end = _evidence_span(self.sentence, focus) if focus else (0, len(self.sentence))
        return Obligation(
            clause_ref=self.clause_ref,
            start=self.segment.start + start,
            end=self.segment.start + end,
            quote=self.sentence[start:end],
            party=role,
            kind=kind,
            summary=summary,
            period=rule.period if rule else None,
            relation=rule.relation if rule else None,
            anchor=rule.anchor if rule else None,
            recurrence=rule.recurrence if rule else recurrence,
            confidence=round(confidence, 2),
            anchor_phrase=rule.event if rule else "",
        )

    def _governing_modal(self, rule: TimeRule) -> Modal | None:
        first_after = bisect.bisect_left(self._modal_starts, rule.end)
        after = self.modals[first_after] if first_after < len(self.modals) else None
        if rule.fronted and after:
            return after
        last_before = bisect.bisect_right(self._modal_starts, rule.start) - 1
        if last_before >= 0:
            return self.modals[last_before]
        return after

    def _summary_verb(self, rule: TimeRule, modal: Modal | None) -> tuple[int | None, bool]:
        """Where the words saying what is due begin, and whether they follow a modal: after
        the governing modal, or at the verb of a nearer subject ("if you do not pay ...")."""
        if modal and (rule.fronted or modal.end <= rule.start):
            start: int | None = modal.end
        else:
            start = self.act_start if modal is None else None
        if rule.fronted:
            return start, True
        index = bisect.bisect_right(self._subject_verbs, rule.start) - 1
        while index >= 0 and self.subjects[index].role is None:
            index -= 1
        nearer = self.subjects[index].verb if index >= 0 else None
        if nearer is not None and (start is None or nearer > start):
            verb = _NEGATED_VERB_RE.match(self.sentence, nearer)
            return (verb.end() if verb else nearer), False
        return start, True

    def _party_for_rule(self, rule: TimeRule) -> tuple[str, bool]:
        """(role, explicit) of whoever must keep `rule`."""
        if self.act_start is not None and self.fallback is not None:
            # "(b) During three years from ..., to deliver to the Provider copies ...": the
            # lead-in's party does what the infinitive says; parties named in it are objects.
            return self.fallback, True
        return party_of_rule(
            RuleReading(
                sentence=self.sentence,
                rule=rule,
                subjects=self.subjects,
                subject_verbs=self._subject_verbs,
                subject_positions=self._subject_positions,
                mentions=self.mentions,
                fallback=self.fallback,
                inherited=self.inherited,
                ordered=self._ordered,
            )
        )

    @cached_property
    def _service_table(self) -> bool:
        return is_service_table(self.table_header)

    def _duties(self, lead: Lead | None) -> list[_Duty]:
        """Each duty or prohibition the sentence states, one per party."""
        sentence, subjects = self.sentence, self.subjects
        found: list[_Duty] = []
        for number, modal in enumerate(self.modals):
            thing = self._subject_at_verb.get(modal.start) is None
            denied = thing and negated_thing(sentence, modal)
            modality = self._negated_subject(modal) or ("prohibition" if denied else modal.modality)
            if modality == "right":
                continue
            following = self.modals[number + 1].start if number + 1 < len(self.modals) else None
            scope_end = following if following is not None else len(sentence)
            rest = sentence[modal.end : modal.end + 120]
            subject_index = self._subject_at_verb.get(modal.start)
            if _NOT_A_DUTY_RE.match(rest):
                continue
            if subject_index is None:
                subject_index = self._coordinated_subject(modal)
            agent = self._passive_agent(modal, rest)
            if subject_index is not None and agent is None:
                role = resolve(subjects, subject_index, self.fallback)
                if role and not (modal.word == "will" and _PASSIVE_RE.match(rest)):
                    found.append(_Duty(role, modality, True, modal.end, scope_end))
                continue
            # "The Consultant will be reimbursed by the Company": the agent of the passive verb
            # acts, whoever its subject is.
            if agent is not None:
                found.append(_Duty(agent, modality, True, modal.end, scope_end))
                continue
            if (
                modality != "right"
                and not _STATE_RE.match(rest)
                and THIRD_PARTY_BEFORE_VERB_RE.search(
                    sentence, max(0, modal.start - 80), modal.start
                )
            ):
                found.append(_Duty("other", modality, True, modal.end, scope_end))
                continue
            # A form the contract requires of a thing ("Notices must be in writing", "Each
            # invoice must include the load number") binds whoever sends it: the party whose
            # thing it is ("Tenant's request"), else, for what a thing must hold, the party the
            # text is about; writing is either side's.
            if modality == "duty" and form_required(sentence, modal, rest):
                owner = owner_before(sentence, self.mentions, modal.start)
                carried = None if IN_WRITING_RE.match(rest) else self.fallback
                role = owner or carried or "both"
                found.append(_Duty(role, modality, owner is not None, modal.end, scope_end))
                continue
            # Without a party before it, only "must" and "is required to" bind anyone; a
            # passive "shall be construed" states how the contract works, not a duty. A body
            # of the parties that must repeat an act ("The Steering Committee shall meet at
            # least quarterly", "shall be reviewed by the Board at least annually") is bound.
            # A thing forbidden ("An Order may not be cancelled", "No increase may exceed 5%")
            # binds as a "must" does.
            binding = (
                modal.word == "must"
                or modal.word.startswith(("is ", "are "))
                or denied
                or (thing and thing_forbidden(sentence, modal, rest))
            )
            if not binding and modality == "duty":
                lead_in = self._fronted_lead(modal.end)
                binding = act_recurrence(sentence[modal.end : scope_end], lead_in) is not None
            act = _PASSIVE_ACT_RE.match(rest) if not binding and modal.word == "shall" else None
            if act is not None:
                # "Monthly Rent shall be paid by ACH debit", "All Products shall be delivered FCA
                # the Facility": an act done to a thing binds the side that does such acts.
                role = self._paying_party(modal.end) or _ACT_SIDE.get(
                    act.group("act").lower(), self.fallback or "both"
                )
                found.append(_Duty(role, modality, False, modal.end, scope_end))
                continue
            if not binding or (_PASSIVE_RE.match(rest) and not BE_DONE_RE.match(rest)):
                continue
            found.append(_Duty(self.fallback or "both", modality, False, modal.end, scope_end))
        if lead is not None and not found:
            found.append(_Duty(lead.role, lead.modality, True, self.act_start or 0, len(sentence)))
        if not found and self.addressee is not None:
            found.extend(self._imperative())
        return found

    def _paying_party(self, start: int) -> str | None:
        """The party named after `start` as the one whose expense or account pays ("at Lessee's
        expense", "from the Customer's account")."""
        for mention in self.mentions:
            if (
                mention.start >= start
                and mention.role
                and _AT_EXPENSE_AFTER_RE.match(self.sentence, mention.end)
                and _AT_EXPENSE_BEFORE_RE.search(self.sentence, 0, mention.start)
            ):
                return mention.role
        return None

    @cached_property
    def _ordered(self) -> str | None:
        """The reader's role when the sentence is an order to "you" ("Cancel at least ...")."""
        ordered = self.addressee is not None and IMPERATIVE_RE.match(self.sentence) is not None
        return self.addressee if ordered else None

    @cached_property
    def _fronted(self) -> re.Match[str] | None:
        return FRONTED_LEAD_RE.match(self.sentence)

    def _fronted_lead(self, verb_end: int) -> str:
        """The phrase fronted before the party, when it ends before the duty's verb: closed by
        a comma, or a time phrase set right before the party without one ("During each
        Contract Year Distributor shall ...")."""
        lead = self._fronted
        if lead and lead.end() < verb_end:
            return lead.group("lead")
        index = bisect.bisect_right(self._subject_positions, verb_end) - 1
        if index < 0 or not _TIME_OPENING_RE.match(self.sentence):
            return ""
        return self.sentence[: self.subjects[index].position]

    def _negated_subject(self, modal: Modal) -> str | None:
        """ "Neither party may assign", "no party shall disclose": a prohibition for both."""
        index = self._subject_at_verb.get(modal.start)
        if index is None:
            return None
        position = self.subjects[index].position
        named = next((m.text for m in self.mentions if m.start == position), "")
        # "No Member may transfer": the denial stands before the name.
        denied = _DENIED_NAME_RE.search(self.sentence, max(0, position - 9), position)
        return "prohibition" if named.startswith(("neither ", "no ")) or denied else None

    def _coordinated_subject(self, modal: Modal) -> int | None:
        """The subject of a verb phrase that a modal joins with "and": "Customer has given and
        will only give instructions", "Supplier shall notify Buyer and will cooperate"."""
        index = bisect.bisect_right(self._subject_verbs, modal.start) - 1
        if index < 0:
            return None
        gap = self.sentence[self.subjects[index].verb : modal.start]
        return index if _JOINED_VERB_RE.fullmatch(gap) else None

    def _passive_agent(self, modal: Modal, rest: str) -> str | None:
        """The party that a passive duty binds: "may not be assigned by either party", "notice
        shall be given by the Licensee"."""
        if modal.modality == "right" or not _BY_AGENT_RE.match(rest):
            return None
        reach = modal.end + len(_BY_AGENT_RE.match(rest).group(0)) + 12  # type: ignore[union-attr]
        for subject in self.subjects:
            if subject.agent and modal.end < subject.position <= reach:
                return subject.role
        return None

    def _imperative(self) -> list[_Duty]:
        """Terms that speak to "you" give orders without a subject: "Don't share your
        password", "Make sure you download your data first"."""
        order = IMPERATIVE_RE.match(self.sentence)
        if order is None or self.addressee is None:
            return []
        modality = "prohibition" if order.group("not") else "duty"
        return [_Duty(self.addressee, modality, True, order.end(), len(self.sentence))]
