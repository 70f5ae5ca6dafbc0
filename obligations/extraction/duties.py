"""Obligations: who must (or may, or must not) do what, and by when.

The text is read sentence by sentence (list items count as sentences). In each, modal verbs
("shall", "will", "must", "agrees to", "may not", "is prohibited from"...) mark duties, the
party named right before the verb is who owes it, and every deadline the sentence states
(see `timerules`) becomes an obligation of its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from obligations.extraction.anchors import recurrence_in
from obligations.extraction.durations import PeriodMatch, find_periods
from obligations.extraction.model import Clause, Obligation, Party
from obligations.extraction.parties import Mention, PartyResolver, find_parties
from obligations.extraction.sentences import Segment, split_segments
from obligations.extraction.summaries import summarise
from obligations.extraction.timerules import TimeRule, time_rules

__all__ = ["find_obligations", "find_parties"]

_I = re.IGNORECASE
_MODAL_RE = re.compile(
    r"\b(?:(?P<prohibition>(?:shall|will|must|may|can|should)\s+(?:not|never)\b|cannot|"
    r"(?:is|are)\s+(?:\w+ly\s+)?(?:forbidden|prohibited|not\s+(?:permitted|allowed))|"
    r"undertakes?\s+not\s+to|agrees?\s+not\s+to)"
    r"|(?P<duty>(?:is|are)\s+(?:\w+ly\s+)?(?:obliged|obligated|required|bound|responsible)\b|"
    r"agrees?\s+to|undertakes?\s+to|covenants?\s+(?:to|that)|commits?\s+to|shall|must|will)"
    r"|(?P<right>(?:is|are)\s+(?:\w+ly\s+)?entitled\s+to|(?:has|have)\s+the\s+right\s+to|"
    r"reserves?\s+the\s+right\s+to|may|can))\b",
    _I,
)
_VERBISH_RE = re.compile(
    r"(?:\s*,[^,]{1,60},)?\s+(?:(?:also|hereby|then|further|solely|expressly|itself|"
    r"himself|herself|\w+ly)\s+){0,2}"
    r"(?:shall|will|must|may|can|cannot|should|agrees?|undertakes?|is|are|has|have|does|do|"
    r"acknowledges?|warrants?|represents?|covenants?|fails?|[a-z]+s)\b"
)
_COORDINATION_RE = re.compile(r"\s*(?:,\s*)?(?:or|and|and/or)\s+$", _I)
_PRONOUN_RE = re.compile(
    r"\b(?:he|she|it|they)(?:\s*/\s*(?:he|she|it|they))*(?=" + _VERBISH_RE.pattern + ")", _I
)
_PASSIVE_RE = re.compile(
    r"^\s*(?:be|have\s+been)\s+(?:\w+ly\s+)?(?:deemed|considered|construed|interpreted|governed)"
    r"|^\s*(?:be|have)\b|^\s*(?:not\s+)?(?:apply|survive|prevail|remain|continue|become|"
    r"commence|begin|end|expire|lapse|terminate|renew|constitute|include|mean|govern)\b",
    _I,
)
_DEEMED_ACCEPTANCE_RE = re.compile(
    r"\b(?:deemed|considered|regarded)\s+(?:as\s+|to\s+(?:be|have\s+been)\s+)?"
    r"(?:accepted|approved|agreed)",
    _I,
)
_PAYMENT_RE = re.compile(r"\b(?:pay|paid|payment|payments|payable|fees?|invoices?|remit)\b", _I)


@dataclass(frozen=True)
class _Subject:
    position: int  # where the party is named, relative to the sentence
    verb: int  # where its verb begins
    role: str | None  # None for a pronoun, resolved later


@dataclass
class _Lead:
    line: int
    role: str
    modality: str


def _subjects(sentence: str, mentions: list[Mention], offset: int) -> list[_Subject]:
    found: list[_Subject] = []
    previous: Mention | None = None
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if sentence[end : end + 1] in ("'", "’") and sentence[end + 1 : end + 2] in ("s", " "):
            previous = mention
            continue  # a possessive names a thing of the party, not the party
        role = mention.role
        if previous is not None:
            gap = sentence[previous.end - offset : start]
            if _COORDINATION_RE.fullmatch(" " + gap) and previous.role != role:
                role = "both"
        previous = mention
        verb = _VERBISH_RE.match(sentence, end)
        if verb is not None:
            found.append(_Subject(start, verb.end() - len(verb.group(0).split()[-1]), role))
        elif sentence[max(0, start - 3) : start].lower() == "by ":
            found.append(_Subject(start, end, role))  # the agent of a passive verb
    for pronoun in _PRONOUN_RE.finditer(sentence):
        found.append(_Subject(pronoun.start(), pronoun.end(), None))
    found.sort(key=lambda subject: subject.position)
    return found


def _resolve(subjects: list[_Subject], index: int, fallback: str | None) -> str | None:
    role = subjects[index].role
    if role is not None:
        return role
    for earlier in reversed(subjects[:index]):
        if earlier.role is not None:
            return earlier.role
    return fallback


def _party_for_rule(
    rule: TimeRule, sentence: str, subjects: list[_Subject], fallback: str | None
) -> tuple[str, bool]:
    """(role, explicit) of whoever must keep `rule`."""
    if rule.kind in ("response_time", "recovery_time"):
        return "provider", True
    if rule.kind == "limitation":
        against = re.search(r"\bagainst\s+(?:the\s+)?(\w+)", sentence, _I)
        if re.search(r"\b(?:either|each|any|neither|both)\s+part(?:y|ies)\b", sentence, _I):
            return "both", True
        if against:
            word = against.group(1).lower()
            if word in ("you", "customer", "licensee", "client", "buyer", "purchaser"):
                return "provider", True
        return "customer", False
    before = [i for i, subject in enumerate(subjects) if subject.verb <= rule.start]
    if before:
        role = _resolve(subjects, before[-1], fallback)
        if role:
            return role, True
    after = [i for i, subject in enumerate(subjects) if subject.position >= rule.end]
    if after:
        role = _resolve(subjects, after[0], fallback)
        if role:
            return role, True
    if _DEEMED_ACCEPTANCE_RE.search(sentence):
        return "customer", False
    if rule.anchor.startswith("invoice") or _PAYMENT_RE.search(sentence[: rule.start]):
        return "customer", False
    return (fallback or "both"), False


def _modality(match: re.Match[str]) -> str:
    if match.group("prohibition"):
        return "prohibition"
    if match.group("right"):
        return "right"
    return "duty"


def find_obligations(text: str, clauses: list[Clause], parties: list[Party]) -> list[Obligation]:
    """Every duty, prohibition, and right with a deadline that `text` states, in text order."""
    resolver = PartyResolver(parties)
    periods = find_periods(text)
    period_starts = [match.start for match in periods]
    clause_starts = [clause.start for clause in clauses]
    obligations: list[Obligation] = []
    carried: tuple[int, str] | None = None  # (line, role) of the last sentence's subject
    lead: _Lead | None = None
    for segment in split_segments(text):
        sentence = text[segment.start : segment.end]
        clause = _clause_at(clauses, clause_starts, segment.start)
        context = text[clause.start : clause.end] if clause else sentence
        first = bisect.bisect_left(period_starts, segment.start)
        last = bisect.bisect_left(period_starts, segment.end)
        local = [
            PeriodMatch(m.start - segment.start, m.end - segment.start, m.period, m.phrase)
            for m in periods[first:last]
            if m.end <= segment.end
        ]
        if lead is not None and not segment.item and segment.line != lead.line:
            lead = None
        mentions = resolver.mentions(sentence, segment.start)
        subjects = _subjects(sentence, mentions, segment.start)
        fallback = carried[1] if carried and segment.line - carried[0] <= 1 else None
        inherits = lead is not None and segment.item and segment.first and segment.line > lead.line
        if lead is not None and inherits:
            fallback = lead.role
        clause_ref = clause.ref if clause else None
        found = _sentence_obligations(
            sentence,
            segment,
            local,
            subjects,
            fallback,
            context,
            clause_ref,
            lead if inherits else None,
        )
        obligations.extend(found)
        direct = [s.role for s in subjects if s.role is not None]
        if direct:
            carried = (segment.line, direct[0])
        if sentence.rstrip().endswith(":"):
            modal = _MODAL_RE.search(sentence)
            if modal and (direct or fallback):
                lead = _Lead(
                    segment.line, direct[0] if direct else fallback or "both", _modality(modal)
                )
    return obligations


def _clause_at(clauses: list[Clause], starts: list[int], position: int) -> Clause | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    clause = clauses[index]
    return clause if clause.start <= position < max(clause.end, clause.start + 1) else None


def _sentence_obligations(
    sentence: str,
    segment: Segment,
    periods: list[PeriodMatch],
    subjects: list[_Subject],
    fallback: str | None,
    context: str,
    clause_ref: str | None,
    lead: _Lead | None,
) -> list[Obligation]:
    found: list[Obligation] = []
    modals = list(_MODAL_RE.finditer(sentence))
    rules = time_rules(sentence, periods, context)
    timed_roles: set[str] = set()
    for rule in rules:
        role, explicit = _party_for_rule(rule, sentence, subjects, fallback)
        timed_roles.add(role)
        modality = _nearest_modality(modals, rule.start)
        confidence = 0.55 + 0.15 * explicit + 0.15 * rule.strong + 0.1 * bool(modals)
        found.append(
            Obligation(
                clause_ref=clause_ref,
                start=segment.start,
                end=segment.end,
                quote=sentence,
                party=role,
                kind=_kind(sentence, rule.kind, modality, rule.anchor),
                summary=summarise(sentence, rule, modality),
                period=rule.period,
                relation=rule.relation,
                anchor=rule.anchor,
                recurrence=rule.recurrence,
                confidence=round(min(confidence, 0.95), 2),
            )
        )
    duties = _undated(sentence, modals, subjects, fallback, lead, segment)
    for role, modality, confident, scope in duties:
        if role in timed_roles:
            continue
        recurrence = recurrence_in(sentence[scope[0] : scope[1]]) if modality == "duty" else None
        found.append(
            Obligation(
                clause_ref=clause_ref,
                start=segment.start,
                end=segment.end,
                quote=sentence,
                party=role,
                kind=_kind(sentence, None, modality, ""),
                summary=summarise(sentence, None, modality),
                recurrence=recurrence,
                confidence=0.7 if confident else 0.45,
            )
        )
        timed_roles.add(role)
    return found


def _nearest_modality(modals: list[re.Match[str]], position: int) -> str:
    before = [m for m in modals if m.start() <= position]
    chosen = before[-1] if before else (modals[0] if modals else None)
    return _modality(chosen) if chosen else "duty"


def _undated(
    sentence: str,
    modals: list[re.Match[str]],
    subjects: list[_Subject],
    fallback: str | None,
    lead: _Lead | None,
    segment: Segment,
) -> list[tuple[str, str, bool, tuple[int, int]]]:
    """(role, modality, confident, predicate span) of each duty or prohibition the sentence
    states."""
    found: list[tuple[str, str, bool, tuple[int, int]]] = []
    for number, modal in enumerate(modals):
        following = modals[number + 1].start() if number + 1 < len(modals) else len(sentence)
        scope = (modal.end(), following)
        modality = _modality(modal)
        if modality == "right":
            continue
        rest = sentence[modal.end() :]
        subject_index = next((i for i, s in enumerate(subjects) if s.verb == modal.start()), None)
        if subject_index is not None:
            role = _resolve(subjects, subject_index, fallback)
            if role and not (modal.group(0).lower() == "will" and _PASSIVE_RE.match(rest)):
                found.append((role, modality, True, scope))
            continue
        word = modal.group(0).lower()
        if word in ("must", "shall") or re.match(r"(?:is|are)\s", word):
            if _PASSIVE_RE.match(rest) and not re.match(r"\s*be\s+\w+ed\b", rest):
                continue
            if (re.match(r"(?:is|are)\s", word) and not subjects) or re.match(
                r"\s*(?:be\s+)?\w+", rest
            ):
                found.append((fallback or "both", modality, False, scope))
    if lead is not None and not found:
        found.append((lead.role, lead.modality, True, (0, len(sentence))))
    unique: list[tuple[str, str, bool, tuple[int, int]]] = []
    for entry in found:
        if entry[0] not in {chosen[0] for chosen in unique}:
            unique.append(entry)
    return unique


_KINDS = [
    (re.compile(r"non-?renew|renewal", _I), "renewal_notice"),
    (re.compile(r"terminat|cancel", _I), "termination_notice"),
    (re.compile(r"\b(?:pay|paid|payment|payments|payable|invoice)\b", _I), "payment"),
    (re.compile(r"\bcure|remed", _I), "cure"),
    (re.compile(r"\baudit|inspect", _I), "audit"),
    (re.compile(r"\breport", _I), "reporting"),
    (re.compile(r"\brecords?\b|retain|maintain", _I), "retention"),
    (re.compile(r"delet|destroy|return", _I), "return_or_deletion"),
    (re.compile(r"confidential", _I), "confidentiality"),
    (re.compile(r"\bobject", _I), "objection"),
    (re.compile(r"notif|inform|notice", _I), "notification"),
]


def _kind(sentence: str, rule_kind: str | None, modality: str, anchor: str) -> str:
    if rule_kind:
        return rule_kind
    if anchor == "term_end" and re.search(r"renew|extend|extension", sentence, _I):
        return "renewal_notice"
    if anchor in ("change_effective", "change_notice", "price_increase"):
        return "change_notice"
    if modality == "prohibition":
        return "prohibition"
    for pattern, kind in _KINDS:
        if pattern.search(sentence):
            return kind
    return "right" if modality == "right" else "duty"
