"""The dates that matter for a contract as a whole, each with its quote and offsets:

- signed: the agreement date ("dated as of", "made and entered into as of", "this 5th day of
  March, 2019", "Date:" in the signature block, "IN WITNESS WHEREOF ... as of");
- effective: when the contract takes effect ("effective as of", "(the "Effective Date")",
  "shall enter into force as of", "shall commence on"); a contract that names no other start
  takes effect on its agreement date, unless it defines its Effective Date as some other event;
- last_updated: the version of standard terms ("Last updated:", "Last modified", "Version of");
- expires: the end of the term ("shall expire on", "continue until").
"""

from __future__ import annotations

import re

from obligations.extraction.dates import FoundDate, find_dates
from obligations.extraction.facts.text import sentence_at, squash
from obligations.extraction.model import Clause, DateFact
from obligations.extraction.wordscan import ascii_lower

_LOOK_BACK = 160
_LAST_UPDATED = re.compile(
    r"(?:last\s+(?:updated|modified|revised|amended|changed|update|revision)|updated|revised"
    r"|revision(?:\s+date)?|version(?:\s+date)?|(?:^|\n)\s*(?:as\s+of|stand|status)"
    # "Version: 2.5 (18.12.2019)", "Version 3, dated 1 May 2020"
    r"|(?:^|\n)[\s*#_]*version\s*[:\-–]?\s*v?\d+(?:\.\d+)*\s*[,(]?(?:\s*dated)?)"
    r"\s*(?:on|of|as\s+of|dated|from)?\s*[:\-–]?\s*[*_]{0,2}\s*$",
    re.IGNORECASE,
)
_EFFECTIVE_BEFORE = re.compile(
    r"(?:\beffective(?:\s+date)?(?:\s+(?:as\s+of|on|from|is|shall\s+be|means|of))?"
    r"|\b(?:enter(?:s|ed)?|come(?:s)?|came)\s+into\s+(?:force|effect)(?:\s+(?:as\s+of|on|from))?"
    r"|\b(?:take|takes|took)\s+effect(?:\s+(?:as\s+of|on|from))?|\bwith\s+effect\s+from"
    r"|\bin\s+force\s+(?:as\s+of|from)|\b(?:commence|commences|begin|begins|start|starts)"
    r"(?:\s+effective)?\s+(?:on|as\s+of|from)|\bcontract\s+start"
    # '"Commencement Date": 1 April 2025', in a list of definitions.
    r"|\bcommencement\s+date[\"”’']?\s*(?:means|shall\s+mean|is|shall\s+be)?)"
    r"[\"”’']?\s*(?:this\s+|the\s+)?[:\-–]?\s*$",
    re.IGNORECASE,
)
_EFFECTIVE_AFTER = re.compile(
    r"^\W{0,4}(?:\(|,)?\s*(?:the\s+|hereinafter\s+|referred\s+to\s+as\s+)*[\"“”']?"
    r"(?:[\w-]+\s+){0,3}(?:effective|commencement)\s+date",
    re.IGNORECASE,
)
_SIGNED_CUE = re.compile(
    r"\b(?:dated|made|entered\s+into|executed|signed|concluded|effective|as\s+of|this|date)\b",
    re.IGNORECASE,
)
_SIGNATURE_LABEL = re.compile(
    r"(?:^|\n|\s{2})\s*(?:date|dated|signed\s+on|executed\s+on)\s*:?\s*$", re.I
)
_WITNESS = re.compile(r"in\s+witness\s+whereof[^.]{0,200}$", re.IGNORECASE)
# "EFFECTIVE DATE shall mean the Date of Installation of the PSS, i.e. December 10, 1993."
_EFFECTIVE_DEFINED = re.compile(
    r"\beffective\s+date[\"”]?\s*(?:shall\s+)?(?:means?|is)\b[^.;]{0,120}\b(?:i\.\s?e\.|namely"
    r"|being|which\s+is)\s*,?\s*$",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"\b(?:for\s+example|for\s+instance|by\s+way\s+of\s+example|e\.\s?g\.)", re.I)
_WITNESS_ANYWHERE = re.compile(r"in\s+witness\s+whereof")  # lower-cased text: led by a literal
_DATE_LABEL = re.compile(r"\b(?:date|dated)\s*:\s*$", re.IGNORECASE)
# "Rome/Houston, 2 April 2020" opening a line near the signatures: where and when it was signed.
_PLACE_AND_DATE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w'’.-]*(?:[ /-][A-Z][\w'’.-]*){0,3},[ \t]*$")
_CLOSING_SHARE = 0.6  # the signatures sit in the last part of a contract
_OTHER_AGREEMENT = re.compile(
    r"\b(?:that\s+certain|certain|an?|the|such)\s+(?:[A-Z][\w&.-]*\s+){0,8}"
    r"(?:Agreement|Contract|Amendment|Lease|License|Licence|Plan|Trust|Indenture|Order|Note)"
    r"(?:\s+No\.?\s*\S+)?\s*(?:\([^)]{0,80}\))?,?\s*(?:dated|entered\s+into|executed|effective"
    r"|made)\b",
)
_THIS = re.compile(r"\bthis\b", re.IGNORECASE)
_EXPIRES_BEFORE = re.compile(
    r"(?:\bexpir\w*|\bterminat\w*|\bend(?:s|ing)?|\buntil|\bthrough|\bto)"
    # "expiring at 11:59 p.m. Central Time on February 28, 2030"
    r"(?:\s+at\s+\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s+\w+)?(?:\s+time)?)?"
    r"(?:\s+(?:on|at\s+(?:midnight|the\s+end\s+of)|as\s+of|and\s+including))?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# A definition of something other than the term or a date ('"Term" means ... until December
# 31, 2025' and '"Expiration Date" means ...' give the expiry).
_DEFINES_RE = re.compile(r"(?<![Tt]erm)(?<!TERM)(?<![Dd]ate)(?<!DATE)[”\"]\s+(?:shall\s+)?means?\b")
_TERM_WORDS = re.compile(r"\b(?:term|agreement|contract)\b", re.IGNORECASE)
_PREAMBLE_END = re.compile(
    r"\bWHEREAS\b|\bRECITALS\b|\bBACKGROUND\b|NOW,?\s+THEREFORE|IT\s+IS\s+(?:HEREBY\s+)?AGREED"
    r"|\bagree\s+as\s+follows|\bPreliminary\s+Statement",
)
_EFFECTIVE_ELSEWHERE = re.compile(
    r"[\"“]effective\s+date[\"”]\s+(?:shall\s+)?means?\s+(?!the\s+date\s+(?:first|of\s+this|hereof"
    r"|on\s+which\s+this))|effective\s+date\s+(?:shall\s+be|is)\s+the\s+(?:closing|date\s+on\s+which)",
    re.IGNORECASE,
)


def _preamble_end(text: str, clauses: list[Clause]) -> int:
    """Where the opening words (title, parties, date) end: at the recitals or the first clause
    with a body (a table of contents is not the first clause)."""
    limit = min(len(text), 8000)
    match = _PREAMBLE_END.search(text, 0, limit)
    if match:
        return match.start()
    numbered = [c.start for c in clauses if c.ref[:1].isdigit() and c.end - c.start > 100]
    return min(limit, numbered[0]) if numbered else limit


def _stamped(text: str, found: FoundDate) -> bool:
    line_start = max(text.rfind("\n", 0, found.start) + 1, found.start - 100)
    return "Source:" in text[line_start : found.start]


def _fact(text: str, kind: str, found: FoundDate) -> DateFact:
    start, end = sentence_at(text, found.start)
    start, end = min(start, found.start), max(end, found.end)
    if end - start > 400:  # a run-on "sentence": quote the part around the date
        start, end = max(start, found.start - 200), min(end, found.end + 150)
    return DateFact(kind, found.date, squash(text[start:end]), start, end)


def _in_term_clause(clauses: list[Clause], position: int) -> bool:
    """Whether `position` lies in the clause on the contract's term ("Section 2.4 Term. The
    Company ... shall continue until December 31, 2049")."""
    return any(
        clause.start <= position < clause.end
        and "term" in clause.kinds
        and "definitions" not in clause.kinds
        for clause in clauses
    )


def find_date_facts(text: str, clauses: list[Clause] | None = None) -> list[DateFact]:
    """Agreement, effective, last-updated and expiry dates, at most one of each kind."""
    clauses = clauses or []
    preamble_end = _preamble_end(text, clauses)
    chosen: dict[str, FoundDate] = {}
    signature_dates: list[FoundDate] = []
    witness = _WITNESS_ANYWHERE.search(ascii_lower(text))
    witness_at = witness.start() if witness else None
    for found in find_dates(text):
        if _stamped(text, found):
            continue
        sentence_start, _ = sentence_at(text, found.start)
        if _EXAMPLE.search(text, sentence_start, found.start):
            continue  # "For example, the first Contract Year runs ... to 31 March 2026"
        before = text[max(sentence_start, found.start - _LOOK_BACK) : found.start]
        line_before = text[max(0, found.start - 60) : found.start]
        after = text[found.end : found.end + 80]
        if _LAST_UPDATED.search(line_before) and not _TERM_WORDS.search(before[-40:]):
            chosen.setdefault("last_updated", found)
            continue
        in_preamble = found.start < preamble_end
        other = _OTHER_AGREEMENT.search(before) and not _THIS.search(before)
        defined = _EFFECTIVE_DEFINED.search(before)
        if not other and (
            _EFFECTIVE_BEFORE.search(before) or _EFFECTIVE_AFTER.search(after) or defined
        ):
            chosen.setdefault("effective", found)
        if in_preamble and not other and _SIGNED_CUE.search(before[-100:]):
            chosen.setdefault("signed", found)
            continue
        if _signature_date(text, found, before, line_before, witness_at):
            signature_dates.append(found)
            continue
        if (
            not in_preamble
            and _EXPIRES_BEFORE.search(before[-40:])
            and (_TERM_WORDS.search(before) or _in_term_clause(clauses, found.start))
            and chosen.get("effective") is not found
            # "“Contract Year” means ... ends on February 28, 2026": another thing's date.
            and not _DEFINES_RE.search(before)
        ):
            chosen.setdefault("expires", found)
    # Each side may sign on its own day: every distinct signature date is a signing date, after
    # the agreement date of the preamble ("made as of December 1") when there is one.
    preamble = [chosen["signed"]] if "signed" in chosen else []
    signings = _distinct(preamble + signature_dates)
    if signings:
        chosen["signed"] = signings[0]
    if "effective" not in chosen and "signed" in chosen and not _EFFECTIVE_ELSEWHERE.search(text):
        chosen["effective"] = chosen["signed"]
    facts = [_fact(text, "signed", found) for found in signings]
    order = ("effective", "last_updated", "expires")
    return facts + [_fact(text, kind, chosen[kind]) for kind in order if kind in chosen]


def _signature_date(
    text: str, found: FoundDate, before: str, line_before: str, witness_at: int | None
) -> bool:
    """Is `found` a date in the signature block: after "IN WITNESS WHEREOF", under a "Date:"
    label, or a "Place, date" line among the closing words?"""
    if _WITNESS.search(before) or _SIGNATURE_LABEL.search(line_before):
        return True
    if witness_at is not None and found.start > witness_at and _DATE_LABEL.search(line_before):
        return True
    closing = found.start > len(text) * _CLOSING_SHARE
    return closing and _PLACE_AND_DATE.search(line_before) is not None


def _distinct(dates: list[FoundDate]) -> list[FoundDate]:
    seen: dict[object, FoundDate] = {}
    for found in dates:
        seen.setdefault(found.date, found)
    return list(seen.values())
