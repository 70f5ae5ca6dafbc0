"""How one sentence (or list item) reads: which of its modal verbs bind which party, and which
time rules and duties without a period it states. `find_obligations` (duties.py) makes one
`SentenceReading` per sentence, from the document-wide scan of modal verbs, parties and
durations."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from obligations.extraction.durations import PeriodMatch
from obligations.extraction.intervals import (
    act_recurrence,
    dated_recurrence,
)
from obligations.extraction.kinds import Modal, kind_of
from obligations.extraction.list_leads import (
    Lead,
)
from obligations.extraction.modal_duties import Duty, ModalReading, read_order
from obligations.extraction.model import Obligation
from obligations.extraction.party_words import (
    Mention,
)
from obligations.extraction.recurrences import recurrence_in
from obligations.extraction.rule_parties import RuleReading, party_of_rule
from obligations.extraction.sentences import Segment
from obligations.extraction.service_levels import is_service_table, table_sla_kind
from obligations.extraction.subjects import Subject
from obligations.extraction.summaries import summarise
from obligations.extraction.tables import column_at
from obligations.extraction.timerules import TimeRule, time_rules
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern

_I = re.IGNORECASE
_NEGATED_VERB_RE = re.compile(r"(?:does|do|did)\s+not\s+|fails?\s+to\s+", _I)

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
        modality = self._modal_reading.modality_of(modal) if modal else "duty"
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
        for duty in self._modal_reading.duties(lead):
            # A duty no party is named for stands beside the sentence's time rules only as an
            # act repeated in a clause of its own ("Prices will be reviewed each calendar
            # quarter; ... no later than 15 days before such quarter begins").
            beside = (rules or found) and not duty.confident
            if beside and self._rule_in_clause(duty, rules):
                continue
            scope = self.sentence[duty.verb_end : min(duty.scope_end, duty.verb_end + 300)]
            recurrence = (
                act_recurrence(scope, self._modal_reading.fronted_lead(duty.verb_end))
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
    def _rule_in_clause(duty: Duty, rules: list[TimeRule]) -> bool:
        return any(duty.verb_end <= rule.start < duty.scope_end for rule in rules)

    @staticmethod
    def _rhythm_of_its_own(duty: Duty, rules: list[TimeRule], recurrence: str) -> bool:
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

    @cached_property
    def _modal_reading(self) -> ModalReading:
        return ModalReading(
            sentence=self.sentence,
            modals=self.modals,
            subjects=self.subjects,
            subject_at_verb=self._subject_at_verb,
            subject_verbs=self._subject_verbs,
            subject_positions=self._subject_positions,
            mentions=self.mentions,
            fallback=self.fallback,
            addressee=self.addressee,
            act_start=self.act_start,
            about=self.about,
        )

    @cached_property
    def _ordered(self) -> str | None:
        """The role of whoever the sentence orders without a subject: "you" ("Cancel at least
        ..."), or the provider whose services a schedule lists ("Keep daily backups ...")."""
        order = read_order(
            self.sentence,
            addressee=self.addressee,
            has_modal=bool(self.modals),
            about=self.about,
        )
        return order.role if order is not None else None
