"""Sentences and list items of a contract text, with offsets, for reading duties one at a time.

A line is never joined to the next: contracts put list items, table rows and headings on lines
of their own, and a sentence that a reader wrapped over lines is rare in normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\n]+")
_ITEM_RE = re.compile(
    r"\s*(?:[-*•·▪◦–]|\(?\d{1,2}\)|\d{1,2}\.(?!\d)|\(?[a-z]\)|\(?[ivxl]{1,5}\)|[a-z]\.(?=\s))\s+"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’')]*[ \t\u00a0\u202f]+(?=[\"“‘'(]?[A-Z0-9§])")
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "no",
        "nos",
        "sec",
        "secs",
        "art",
        "arts",
        "inc",
        "ltd",
        "corp",
        "co",
        "mr",
        "ms",
        "mrs",
        "dr",
        "st",
        "u.s",
        "vs",
        "approx",
        "para",
        "cf",
        "jr",
        "sr",
        "l.p",
        "p.m",
        "a.m",
        "fig",
        "ch",
        "v",
        "viz",
        "resp",
        "incl",
        "min",
        "max",
        "dept",
        "govt",
        "ref",
        "cl",
        "pp",
        "n.a",
        "s.a",
        "b.v",
        "n.v",
        "llc",
        "l.l.c",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_ENUMERATOR_ONLY_RE = re.compile(r"\s*(?:[(\[]?[\divxlcIVXLC]+[.)\]]?|\d+(?:\.\d+)*\.?)\s*$")


@dataclass(frozen=True)
class Segment:
    """A sentence or list item: `text[start:end]`, within line number `line`."""

    start: int
    end: int
    line: int
    item: bool  # the line starts with a bullet or an enumerator
    first: bool  # the first sentence of its line


def _is_abbreviation(text: str, dot: int, line_start: int) -> bool:
    word_start = max(text.rfind(" ", line_start, dot), text.rfind("\t", line_start, dot)) + 1
    word_start = max(word_start, line_start)
    word = text[word_start:dot].lower().strip("(\"“'")
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return bool(_ENUMERATOR_ONLY_RE.fullmatch(text, line_start, dot + 1))


def split_segments(text: str) -> list[Segment]:
    """Sentences and list items of `text`, in order, trimmed of surrounding spaces."""
    segments: list[Segment] = []
    # Sentence ends never cross a line, so one scan of the whole text serves every line.
    ends = [(m.start(), m.end()) for m in _SENTENCE_END_RE.finditer(text)]
    next_end = 0
    for line_number, line in enumerate(_LINE_RE.finditer(text)):
        line_start, line_end = line.start(), line.end()
        item = _ITEM_RE.match(text, line_start) is not None
        start = line_start
        while next_end < len(ends) and ends[next_end][0] < line_start:
            next_end += 1
        while next_end < len(ends) and ends[next_end][0] < line_end:
            dot, cut = ends[next_end]
            next_end += 1
            if _is_abbreviation(text, dot, line_start):
                continue
            _append(segments, text, start, cut, line_number, item, start == line_start)
            start = cut
        _append(segments, text, start, line_end, line_number, item, start == line_start)
    return segments


def _append(
    segments: list[Segment], text: str, start: int, end: int, line: int, item: bool, first: bool
) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        segments.append(Segment(start, start + len(stripped), line, item, first))
