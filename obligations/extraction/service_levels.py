"""Service levels: the response and recovery times a sentence or a table's column states
("4 hours resolution", "Response times: Critical - 1 hour"), and the columns of a service-level
table that say how often the customer hears of an incident."""

from __future__ import annotations

import re

from obligations.extraction.durations import PeriodMatch
from obligations.extraction.tables import column_at, row_cells

_I = re.IGNORECASE
_SLA_WORDS = (
    r"(?P<what>response|reaction|resolution|recovery|restor\w*|repair|fix|workaround"
    r"|acknowledg\w*|rectification|remedy|remediation|closure)"
)
_SLA_RE = re.compile(rf"\b{_SLA_WORDS}\s*times?\b[^.;/|]{{0,25}}$", _I)
# "4 hours resolution", "1 hour (response)"
_SLA_AFTER_RE = re.compile(rf"\s*\(?\s*(?:initial\s+|target\s+)?{_SLA_WORDS}\b", _I)
# "Response times: Critical – 1 hour; High – 4 hours": a label, then the time.
_SLA_HEADING_RE = re.compile(rf"\b{_SLA_WORDS}\s*times?\b", _I)
_LABEL_TAIL_RE = re.compile(r"(?:[:–—=]|\s-)\s*$")


def _sla_word_kind(word: str) -> str:
    word = word.lower()
    responding = word in ("response", "reaction") or word.startswith("acknowledg")
    return "response_time" if responding else "recovery_time"


def sla_kind(sentence: str, match: PeriodMatch, left: str, tail: str) -> str | None:
    """The service-level time a duration states, if it is one."""
    for found in (
        _SLA_RE.search(left, max(0, len(left) - 45)),
        _SLA_AFTER_RE.match(sentence, match.end),
    ):
        if found:
            return _sla_word_kind(found.group("what"))
    if _LABEL_TAIL_RE.search(tail, max(0, len(tail) - 4)):
        headings = list(_SLA_HEADING_RE.finditer(sentence, 0, match.start))
        if headings:
            return _sla_word_kind(headings[-1].group("what"))
    return None


def table_sla_kind(header: str) -> str | None:
    """The service-level time a table column holds, from its header cell."""
    found = _SLA_HEADING_RE.search(header) or _SLA_AFTER_RE.match(header)
    return _sla_word_kind(found.group("what")) if found else None


# A row of a service-level table read without its header (left behind a page break, or never
# set as a row): led by a priority or severity ("Non-Critical (C)   30 days   Next Update"),
# under a heading about errors or support. Its first time is the response, the next ones the
# resolution, as such tables order them.
_PRIORITY_CELL_RE = re.compile(
    r"(?:priority|severity|sev|p)\s*-?\s*[0-9]\b|(?:non-?\s*)?(?:emergency|critical|urgent|high"
    r"|medium|low|major|minor|catastrophic|serious|cosmetic)\b",
    _I,
)
_SERVICE_SUBJECT_RE = re.compile(
    r"\b(?:errors?|defects?|incidents?|problems?|faults?|support|service\s+levels?|maintenance"
    r"|severity|priority)\b",
    _I,
)


def headerless_row_kind(
    row: str, duration: PeriodMatch, periods: list[PeriodMatch], about: str
) -> str | None:
    """The service-level time `duration` states in `row`, a table row read without its header
    under the heading `about`; `periods` are all the row's durations."""
    # Most sentences are no such row: the heading and the row's first words tell cheaply.
    if not _SERVICE_SUBJECT_RE.search(about) or not _PRIORITY_CELL_RE.match(row.lstrip()):
        return None
    cells = row_cells(row)
    if not cells or not _PRIORITY_CELL_RE.match(cells[0]):
        return None
    column = column_at(row, duration.start)
    if column == 0:
        return None
    first_time = all(
        column_at(row, other.start) in (0, column)
        for other in periods
        if other.start < duration.start
    )
    return "response_time" if first_time else "recovery_time"


def is_service_table(header: list[str] | None) -> bool:
    """Whether a table's header names a column of service-level times."""
    return any(table_sla_kind(cell) for cell in header or ())


EVERY_CELL_RE = re.compile(r"\s*(?:at\s+least\s+)?(?:each|every)\s+", _I)
# A column of a service-level table that tells the customer how an incident goes ("Status
# Updates", "Progress Communication"), unlike a periodic report of the service ("Availability
# Report"), which runs from the start of the term.
_INCIDENT_UPDATE_HEADER_RE = re.compile(
    r"\b(?:updates?|status|progress|communications?|escalations?|notifications?)\b", _I
)


def is_incident_update_column(header: str) -> bool:
    """Whether a service-level table's column holds how often the customer hears of an
    incident."""
    return _INCIDENT_UPDATE_HEADER_RE.search(header) is not None
