"""The cells of a table row as a contract's text holds it: between pipes ("| P1 | 1 hour |"), or
in columns set apart by runs of spaces, as a plain-text or PDF contract aligns them
("Emergency (A)      24 hours      7 days").
"""

from __future__ import annotations

import re

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
