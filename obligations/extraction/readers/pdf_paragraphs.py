"""Rebuild the paragraphs of a paginated text (a PDF's text layer, OCR output) as a reader sees
them: wrapped lines joined into one line per paragraph, headings and list items kept on lines of
their own, words hyphenated across a line end mended, and a sentence that runs over a page break
joined to its page's first line.

    rebuild_pages([[PageLine("1. Term", 700.0), ...], ...]) -> RebuiltPages

A line break inside a paragraph is told from a paragraph end by, in order:

- a vertical gap clearly wider than the usual line pitch (when the reader knows each line's
  position): a paragraph end;
- the next line starting a list item, a numbered heading or a bullet: a paragraph end;
- the line filling the measure (about as long as the longest lines of the document) or the next
  line starting in lower case: a wrap;
- anything else (a short line followed by a capital): a paragraph end, which keeps headings,
  signature blocks and table rows on their own lines.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from obligations.extraction.readers.pdf_layout import join_hyphenated

__all__ = ["PageLine", "RebuiltPages", "rebuild_pages"]


@dataclass(frozen=True)
class PageLine:
    text: str
    y: float | None = None  # baseline height on the page, larger is higher; None when unknown
    size: float | None = None  # font size, None when unknown


@dataclass(frozen=True)
class RebuiltPages:
    pages: list[str]  # each page's paragraphs, one per line, separated by a blank line
    continues: list[bool]  # page i's first paragraph carries on page i-1's last one


# A list item, bullet or numbered heading: "1.", "2.3", "(a)", "iv)", "a.", "•", "- ", "Section 4",
# "ARTICLE IV", "§ 5", "Annex B".
_STARTS_ITEM = re.compile(
    r"""^\s*(?:
        [•·▪◦●○■□➢►\-–—*]\s
      | \(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)]\s
      | \(\s?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})\s?\)\s
      | \d{1,3}(?:\.\d{1,3})+\.?\s
      | (?:section|article|clause|annex|appendix|schedule|exhibit|§)\s*[\dIVXLCDM]+\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_TERMINAL = re.compile(r"""[.:;!?]["'”’)\]]*$""")
_RUN_IN_TITLE = re.compile(r"[a-z]\.\s+[A-Z]")  # "Forecasts. On or before"
_ENDS_CLAUSE = re.compile(r"""(?:[.:;!?,]["'”’)\]]*|\b(?:and|or|and/or))$""", re.IGNORECASE)
_FULL_SHARE = 0.75  # a line this share of the measure fills it: the paragraph goes on
_GAP_FACTOR = 1.25  # a gap this much wider than the usual line pitch ends a paragraph
_MEASURE_QUANTILE = 0.9


def _measure(pages: list[list[PageLine]]) -> int:
    """The length in characters of a full line: the longest lines but for a few outliers."""
    lengths = sorted(len(line.text.strip()) for lines in pages for line in lines if line.text)
    lengths = [length for length in lengths if length >= 20]
    if len(lengths) < 3:
        return 0
    return lengths[min(len(lengths) - 1, int(_MEASURE_QUANTILE * len(lengths)))]


def _pitch(pages: list[list[PageLine]]) -> float | None:
    """The usual distance between the baselines of consecutive lines."""
    gaps: list[float] = []
    for lines in pages:
        for above, below in pairwise(lines):
            if above.y is not None and below.y is not None and above.y > below.y:
                gaps.append(above.y - below.y)
    if len(gaps) < 3:
        return None
    return statistics.median(gaps)


def _wraps(line: PageLine, following: PageLine, measure: int, pitch: float | None) -> bool:
    """Does `line` wrap on into `following` (the same paragraph) on the same page?"""
    if pitch is not None and line.y is not None and following.y is not None:
        gap = line.y - following.y
        if gap <= 0 or gap > _GAP_FACTOR * pitch:
            return False  # a column jump, or a blank space between paragraphs
        if line.size and following.size and abs(line.size - following.size) > 0.5:
            return False  # a heading in another size
    return _continues(line.text, following.text, measure)


def _continues(text: str, following: str, measure: int) -> bool:
    text, following = text.strip(), following.strip()
    if not text or not following:
        return False
    fills = measure > 0 and len(text) >= _FULL_SHARE * measure
    if _STARTS_ITEM.match(following):
        # An item starts a line of its own after a clause ends ("as follows:", "; and"); after
        # a full line cut mid-sentence it is a number or a reference the sentence goes on with
        # ("within forty-five | (45) days", "paragraph | 11.3) or").
        return fills and not _ENDS_CLAUSE.search(text)
    if following[0].islower():
        return True
    return fills and not _is_heading(text)


def _continues_over_page(text: str, following: str, measure: int) -> bool:
    """Over a page break a full line carries on only when its sentence is unfinished: a
    paragraph that ends exactly at the foot of a page is common."""
    if not _continues(text, following, measure):
        return False
    return following.strip()[0].islower() or not _TERMINAL.search(text.strip())


def _is_heading(text: str) -> bool:
    """A line that reads as a heading: a numbered or all-capitals title. A title run in with
    the first words of its clause ("5.1 Forecasts. On or before the 15th day of each month,")
    or a line cut at a comma is the start of a paragraph, not a heading."""
    if text.isupper():
        return True
    item = _STARTS_ITEM.match(text)
    if item is None or len(text) >= 80 or _TERMINAL.search(text) or text.endswith(","):
        return False
    return _RUN_IN_TITLE.search(text, item.end()) is None


def _paragraphs(lines: list[PageLine], measure: int, pitch: float | None) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    previous: PageLine | None = None
    for line in lines:
        if not line.text.strip():
            previous = None  # a blank line (OCR output) always ends a paragraph
            continue
        if previous is not None and paragraphs and _wraps(previous, line, measure, pitch):
            paragraphs[-1].append(line.text.strip())
        else:
            paragraphs.append([line.text.strip()])
        previous = line
    return paragraphs


def _joined(lines: list[str]) -> str:
    """One paragraph's lines as one line, hyphenated words mended."""
    return " ".join(join_hyphenated("\n".join(lines)).split())


def rebuild_pages(pages: list[list[PageLine]]) -> RebuiltPages:
    """Each page's text as paragraphs; see the module documentation for the rules."""
    measure = _measure(pages)
    pitch = _pitch(pages)
    built = [_paragraphs(lines, measure, pitch) for lines in pages]
    continues = [False] * len(built)
    last: list[str] | None = None
    for index, paragraphs in enumerate(built):
        if not paragraphs:
            continue
        if last is not None and _continues_over_page(last[-1], paragraphs[0][0], measure):
            first = paragraphs[0][0]
            head, _, word = last[-1].rpartition(" ")
            mended = join_hyphenated(f"{word}\n{first}")
            if head and word.endswith("-") and "\n" not in mended:
                # A word hyphenated over the page break is mended on the later page.
                last[-1], paragraphs[0][0] = head, mended
            continues[index] = True
        last = paragraphs[-1]
    texts = ["\n\n".join(_joined(paragraph) for paragraph in page) for page in built]
    return RebuiltPages(pages=texts, continues=continues)
