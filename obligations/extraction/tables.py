"""The cells of a table row as a contract's text holds it: between pipes ("| P1 | 1 hour |"), or
in columns set apart by runs of spaces, as a plain-text or PDF contract aligns them
("Emergency (A)      24 hours      7 days").
"""

from __future__ import annotations

import bisect
import re

from obligations.extraction.sentences import Segment

# A cell of an aligned row: words joined by single spaces; two spaces or more end it.
_ALIGNED_CELL_RE = re.compile(r"\S+(?: \S+)*")
_MIN_ALIGNED_CELLS = 3
_MAX_ALIGNED_CELL = 40  # a longer run of words is running text, not a cell


def _aligned_cells(row: str) -> list[re.Match[str]] | None:
    if "  " not in row:
        return None
    cells = list(_ALIGNED_CELL_RE.finditer(row))
    if len(cells) < _MIN_ALIGNED_CELLS:
        return None
    if any(cell.end() - cell.start() > _MAX_ALIGNED_CELL for cell in cells):
        return None
    return cells


def row_cells(row: str) -> list[str] | None:
    """The cells of `row`, or None when it is no table row."""
    if "|" in row:
        return [cell.strip() for cell in row.split("|")]
    cells = _aligned_cells(row)
    return [cell.group(0) for cell in cells] if cells is not None else None


def column_at(row: str, offset: int) -> int:
    """The index in `row_cells(row)` of the cell holding `offset`."""
    if "|" in row:
        return row.count("|", 0, offset)
    cells = _aligned_cells(row) or []
    return sum(1 for cell in cells if cell.end() <= offset)


def cell_before(row: str, offset: int) -> str:
    """The words of the cell holding `offset` in `row`, up to `offset`."""
    if "|" in row:
        return row[row.rfind("|", 0, offset) + 1 : offset]
    for cell in _aligned_cells(row) or []:
        if cell.start() <= offset <= cell.end():
            return row[cell.start() : offset]
    return ""


def table_header(
    text: str, segment: Segment, header: list[str] | None, period_starts: list[int]
) -> list[str] | None:
    """The header cells of the table a segment belongs to ("Priority | Response time |
    Resolution time"), kept while the rows that follow are read; None outside tables."""
    cells = row_cells(text[segment.start : segment.end])
    if cells is None:
        return None
    if not any(any(char.isalpha() for char in cell) for cell in cells):
        return header  # a Markdown rule line: |---|---|
    first = bisect.bisect_left(period_starts, segment.start)
    has_periods = first < len(period_starts) and period_starts[first] < segment.end
    return header if has_periods else cells


def row_header(sentence: str, header: list[str] | None) -> list[str] | None:
    """The header that names the columns of `sentence`, when it is a row of that table: an
    aligned row has as many cells as its header (a pipe row may leave its last ones out)."""
    if header is None:
        return None
    cells = row_cells(sentence)
    if cells is None or ("|" not in sentence and len(cells) != len(header)):
        return None
    return header
