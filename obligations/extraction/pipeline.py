"""From a file or a Document to an Extraction, and from an Extraction to the JSON that
`manage.py extract --format json` prints (../shared/docs/extraction-format.md).

    extract_path("contract.pdf") -> Extraction          (raises ReadError for a bad file)
    extract_document(document, source="upload 17") -> Extraction
    extraction_to_json(extraction) -> dict

The upload flow of the app and the command line call the same functions.
"""

from __future__ import annotations

import os
import re
from typing import Any

from obligations.extraction.clauses import split_clauses
from obligations.extraction.durations import find_periods
from obligations.extraction.duties import find_obligations
from obligations.extraction.facts.calendars import find_calendars
from obligations.extraction.facts.date_facts import find_date_facts
from obligations.extraction.facts.law import find_governing_law
from obligations.extraction.facts.term import find_term
from obligations.extraction.model import (
    Document,
    Extraction,
    Obligation,
    Party,
    Period,
    Term,
    UnusedPeriod,
)
from obligations.extraction.parties import find_parties
from obligations.extraction.party_words import collective_labels
from obligations.extraction.readers import DEFAULT_MAX_BYTES, read_path
from obligations.extraction.sentences import split_segments
from obligations.extraction.unused import find_unused_periods
from obligations.extraction.wordscan import ascii_lower

__all__ = ["detect_title", "extract_document", "extract_path", "extraction_to_json"]

# A line that names what kind of document this is: "MASTER SERVICES AGREEMENT", "Terms of
# Service", "Acceptable Use Policy".
_DOCUMENT_KIND = re.compile(
    r"\b(?:agreement|contract|terms|conditions|policy|addendum|amendment|licen[cs]e|lease"
    r"|statement\s+of\s+work|order\s+form|memorandum|deed|charter|protocol|annex|schedule)\b",
    re.IGNORECASE,
)
# Filing and drafting stamps that come before the real title.
_STAMP = re.compile(
    r"^(?:exhibit|execution\s+(?:version|copy)|confidential|draft|source:|page\b|table\s+of)",
    re.IGNORECASE,
)
_TITLE_LINES = 30
_NUMBERED = re.compile(r"(?:\d+(?:\.\d+)*\.?\s|§|article\s|section\s)", re.IGNORECASE)
_LEADING_STAMP = re.compile(r"^(?:(?:EXECUTION|VERSION|COPY|CONFIDENTIAL|DRAFT|FINAL|FORM)\s+)+")
# "MASTER SERVICES AGREEMENT" inside run-together opening words
_CAPS_TITLE = re.compile(
    r"\b(?:[A-Z][A-Z&'’-]+\s+){1,6}(?:AGREEMENT|CONTRACT|TERMS\s+AND\s+CONDITIONS|AMENDMENT"
    r"|ADDENDUM|LICENSE|LICENCE|LEASE)\b"
)
# A line that reads as running text rather than a title.
_SENTENCE = re.compile(r"[.,;]$|\b(?:shall|will|must|may|is|are|hereby)\b|(?:\S+\s+){12}")


def detect_title(text: str, reader_title: str | None = None) -> str | None:
    """The document's title: the reader's (front matter, HTML <title>, first line) when it names
    a kind of document; else the first short line near the top that does, or an all-caps name
    of a kind of document in the opening words; else the reader's, unless it is a filing stamp."""
    if reader_title and _DOCUMENT_KIND.search(reader_title) and not _STAMP.match(reader_title):
        return reader_title
    for line in text.splitlines()[:_TITLE_LINES]:
        line = " ".join(line.strip().lstrip("#").split())
        named = 3 <= len(line) <= 120 and _DOCUMENT_KIND.search(line) and not _STAMP.match(line)
        named = named and not _NUMBERED.match(line)  # "1. LICENSE" is a clause, not the title
        if named and (line.isupper() or not _SENTENCE.search(line)):
            return line
    caps = _CAPS_TITLE.search(text, 0, 1500)
    if caps:
        return _LEADING_STAMP.sub("", " ".join(caps.group().split()))
    return reader_title if reader_title and not _STAMP.match(reader_title) else None


def extract_document(document: Document, *, source: str) -> Extraction:
    """Everything the extractor finds in `document`: clauses, parties, obligations and the
    contract's facts. Deterministic; reads only `document.text`."""
    text = document.text
    clauses = split_clauses(text)
    collective = collective_labels(text)
    parties = find_parties(text, collective=collective)
    law = find_governing_law(text, clauses)
    periods = find_periods(text, ascii_lower(text))
    segments = split_segments(text)
    obligations = find_obligations(
        text, clauses, parties, periods=periods, segments=segments, collective=collective
    )
    return Extraction(
        source=source,
        document=document,
        title=detect_title(text, document.title),
        governing_law=law.code if law else None,
        calendars=find_calendars(text),
        dates=find_date_facts(text, clauses),
        term=find_term(text, clauses),
        parties=parties,
        clauses=clauses,
        obligations=obligations,
        unused_periods=find_unused_periods(text, clauses, obligations, periods, segments),
        warnings=list(document.warnings),
    )


def extract_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read and extract one file; raises ReadError (a one-line message) for a file that cannot
    be read as a contract."""
    document = read_path(path, max_bytes=max_bytes)
    return extract_document(document, source=os.fspath(path))


def _period(period: Period | None) -> str | None:
    return str(period) if period is not None else None


def _term_json(term: Term) -> dict[str, Any]:
    return {
        "initial_term": _period(term.initial_term),
        "renewal_term": _period(term.renewal_term),
        "auto_renews": term.auto_renews,
        "notice_period": _period(term.notice_period),
        "quote": term.quote,
    }


def _party_json(party: Party) -> dict[str, Any]:
    return {"name": party.name, "role": party.role, "aliases": list(party.aliases)}


def _obligation_json(obligation: Obligation) -> dict[str, Any]:
    return {
        "clause_ref": obligation.clause_ref,
        "quote": obligation.quote,
        "party": obligation.party,
        "kind": obligation.kind,
        "summary": obligation.summary,
        "period": _period(obligation.period),
        "relation": obligation.relation,
        "anchor": obligation.anchor,
        "anchor_phrase": obligation.anchor_phrase or None,
        "recurrence": obligation.recurrence,
        "confidence": obligation.confidence,
        "start": obligation.start,
        "end": obligation.end,
    }


def _unused_json(unused: UnusedPeriod) -> dict[str, Any]:
    return {
        "clause_ref": unused.clause_ref,
        "quote": unused.quote,
        "period": str(unused.period),
        "phrase": unused.phrase,
        "reason": unused.reason,
        "start": unused.start,
        "end": unused.end,
    }


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """One document of the command's JSON output (extraction-format.md), with a few additions
    the format allows: calendars, parties, warnings, offsets and confidence."""
    return {
        "source": extraction.source,
        "title": extraction.title,
        "governing_law": extraction.governing_law,
        "calendars": list(extraction.calendars),
        "dates": [
            {
                "kind": fact.kind,
                "date": fact.date.isoformat(),
                "quote": fact.quote,
                "start": fact.start,
                "end": fact.end,
            }
            for fact in extraction.dates
        ],
        "term": _term_json(extraction.term),
        "parties": [_party_json(party) for party in extraction.parties],
        "clauses": [
            {
                "ref": clause.ref,
                "heading": clause.heading,
                "kinds": list(clause.kinds),
                "start": clause.start,
                "end": clause.end,
            }
            for clause in extraction.clauses
        ],
        "obligations": [_obligation_json(ob) for ob in extraction.obligations],
        "unused_periods": [_unused_json(unused) for unused in extraction.unused_periods],
        "warnings": list(extraction.warnings),
    }
