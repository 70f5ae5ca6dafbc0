"""Obligations: who must (or may, or must not) do what, and by when.

The text is read sentence by sentence (list items count as sentences). In each, modal verbs
("shall", "will", "must", "agrees to", "may not", "is prohibited from"...) mark duties, the
party named right before the verb is who owes it (`subjects`), and every deadline the sentence
states (`timerules`) becomes an obligation of its own. A lead-in that ends in a colon ("You may
not:") hands its party and modality to the list items under it.

Speed: the document is scanned once for modal verbs, party names and durations, on a
lower-cased copy with case-sensitive patterns; sentences then only look up what they contain.
"""

from __future__ import annotations

import bisect

from obligations.extraction.durations import PeriodMatch, find_periods
from obligations.extraction.intervals import (
    find_anniversaries,
    find_days_of_period,
)
from obligations.extraction.kinds import Modal
from obligations.extraction.list_leads import (
    Lead,
    binds_without_modal,
    inherited_lead,
    lead_about,
    lead_in,
    list_continues,
)
from obligations.extraction.modal_duties import IMPERATIVE_RE, SERVICE_ORDER_RE
from obligations.extraction.modal_scan import modal_hits
from obligations.extraction.model import Clause, Obligation, Party
from obligations.extraction.parties import find_parties
from obligations.extraction.party_words import (
    Mention,
    PartyResolver,
    collective_labels,
    company_body_labels,
)
from obligations.extraction.sentence_reading import PASSIVE_BILLING, SentenceReading
from obligations.extraction.sentences import Segment, split_segments
from obligations.extraction.subjects import find_subjects
from obligations.extraction.tables import row_header, table_header
from obligations.extraction.wordscan import ascii_lower

__all__ = ["find_obligations", "find_parties"]


def find_obligations(
    text: str,
    clauses: list[Clause],
    parties: list[Party],
    *,
    periods: list[PeriodMatch] | None = None,
    segments: list[Segment] | None = None,
    collective: frozenset[str] | None = None,
) -> list[Obligation]:
    """Every duty, prohibition, and right with a deadline that `text` states, in text order.
    `periods`, `segments` and `collective`, when given, are `find_periods(text)`,
    `split_segments(text)` and `collective_labels(text)`, read once for every finder."""
    low = ascii_lower(text)
    collective = collective_labels(text) if collective is None else collective
    resolver = PartyResolver(parties, collective, company_body_labels(text))
    periods = find_periods(text, low) if periods is None else periods
    counted_to = [*find_days_of_period(text, low), *find_anniversaries(text, low)]
    if counted_to:
        periods = sorted([*periods, *counted_to], key=lambda match: match.start)
    period_starts = [match.start for match in periods]
    modals = modal_hits(low)
    modal_starts = [hit[0] for hit in modals]
    addressee = next(
        (party.role for party in parties if "you" in (name.lower() for name in party.names)), None
    )
    billing_starts = [match.start() for match in PASSIVE_BILLING.finditer(low)]
    clause_starts = [clause.start for clause in clauses]
    obligations: list[Obligation] = []
    carried: tuple[int, str] | None = None  # (line, role) of the last named subject
    lead: Lead | None = None
    header: list[str] | None = None  # the header row of the table being read
    for segment in split_segments(text) if segments is None else segments:
        start, end = segment.start, segment.end
        header = table_header(text, segment, header, period_starts)
        # A list ends at a paragraph that is not an item, unless it starts in lower case: the
        # rest of an item carried over a page break.
        if lead is not None and not segment.item and segment.line != lead.line:
            lead = lead if list_continues(text, segment) else None
        item_lead, act_start = inherited_lead(text, segment, lead)
        # Most segments hold no modal, period or order: they are skipped before anything of
        # theirs is built.
        first_modal = bisect.bisect_left(modal_starts, start)
        after_modal = bisect.bisect_left(modal_starts, end, first_modal)
        first_period = bisect.bisect_left(period_starts, start)
        after_period = bisect.bisect_left(period_starts, end, first_period)
        billing = bisect.bisect_left(billing_starts, start) < bisect.bisect_left(
            billing_starts, end
        )
        local_periods = [
            PeriodMatch(m.start - start, m.end - start, m.period, m.phrase)
            for m in periods[first_period:after_period]
            if m.end <= end
        ]
        cued = bool(after_modal > first_modal or local_periods or item_lead or billing) or (
            text[end - 1 : end] == ":" and binds_without_modal(text, start, end)
        )
        ordered = (
            IMPERATIVE_RE.match(text, start, end)
            if addressee is not None
            else SERVICE_ORDER_RE.match(text, start, end)
        )
        if not cued and ordered is None:
            continue
        local_modals = [
            Modal(hit[0] - start, hit[1] - start, hit[2], hit[3])
            for hit in modals[first_modal:after_modal]
        ]
        sentence = text[start:end]
        local_mentions = resolver.mentions(low, start, end)
        subjects = find_subjects(sentence, local_mentions, start)
        fallback = carried[1] if carried and segment.line - carried[0] <= 1 else None
        if item_lead is not None:
            fallback = item_lead.role
        clause = _clause_at(clauses, clause_starts, start)
        reading = SentenceReading(
            sentence=sentence,
            segment=segment,
            modals=local_modals,
            subjects=subjects,
            fallback=fallback,
            context=text[clause.start : clause.end] if clause else sentence,
            clause_ref=clause.ref if clause else None,
            table_header=row_header(sentence, header),
            addressee=addressee,
            mentions=[
                Mention(m.start - start, m.end - start, m.role, m.text) for m in local_mentions
            ],
            inherited=item_lead is not None,
            about=lead_about(item_lead, clause),
            billing=billing,
            act_start=act_start,
        )
        obligations.extend(reading.obligations(local_periods, item_lead))
        # The party carried to the next sentence is the one whose modal verb the sentence
        # states ("If we're unable to collect, you'll be responsible ..."), else the first named.
        direct = [subject.role for subject in subjects if subject.role is not None]
        bound = {modal.start for modal in local_modals}
        direct = [
            subject.role
            for subject in subjects
            if subject.role is not None and subject.verb in bound
        ] or direct
        if direct:
            carried = (segment.line, direct[0])
        if sentence.endswith(":") and (direct or fallback):
            opened = lead_in(
                sentence,
                line=segment.line,
                modals=local_modals,
                mentions=local_mentions,
                offset=start,
                subject=direct[0] if direct else fallback or "both",
            )
            lead = opened or lead
    return obligations


def _clause_at(clauses: list[Clause], starts: list[int], position: int) -> Clause | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    clause = clauses[index]
    return clause if clause.start <= position < max(clause.end, clause.start + 1) else None
