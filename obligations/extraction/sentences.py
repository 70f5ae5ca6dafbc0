"""Sentences and list items of a contract text, with offsets, for reading duties one at a time.

Contracts put list items, table rows and headings on lines of their own, so a line ends a
sentence, unless the text was hard-wrapped: a line that does not end in punctuation and is
followed by one starting in lower case is read as one line with it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from obligations.extraction.verbs import BINDING_VERBS

_LINE_RE = re.compile(r"[^\n]+")
_ITEM_RE = re.compile(
    r"\s*(?:[-*•·▪◦–]|\(?\d{1,2}\)|\d{1,2}\.(?!\d)|\(?[a-z]\)|\(?[ivxl]{1,5}\)|[a-z]\.(?=\s))\s+"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’')]*[ \t\u00a0\u202f]+(?=[\"“‘'(]?[A-Z0-9§])")
ABBREVIATIONS = frozenset(
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


class Segment(NamedTuple):
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
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return bool(_ENUMERATOR_ONLY_RE.fullmatch(text, line_start, dot + 1))


_WRAPPED_WIDTH = 60
# The rest of a defined term carried to the next line ("Notice.", "Days after"): a capitalised
# word that is no heading in capitals and no word a new sentence opens with ("An error is ...").
_CONTINUED_TERM_RE = re.compile(
    r"\s*(?!(?:A|An|The|This|That|These|Those|Each|Every|Any|All|No|If|In|On|At|To|For|By|Upon"
    r"|Unless|Except|Notwithstanding|Subject|Where|When|While|Within|During|Either|Neither|It"
    r"|We|You|They|Such|Nothing|Both)\b)[A-Z][a-z]"
)
# Articles, determiners, possessives, prepositions and conjunctions: no sentence ends on one,
# and no name is made of one.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "each",
        "every",
        "any",
        "all",
        "no",
        "such",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "of",
        "to",
        "by",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "without",
        "under",
        "after",
        "before",
        "upon",
        "between",
        "and",
        "or",
        "nor",
        "if",
        "unless",
        "whether",
        "than",
        "as",
        "other",
    ]
)
# A line that opens a clause of its own: a name and a binding verb ("Buyer shall pay ..."), or
# a label and its colon ("Priority 2 incidents: ...").
_OPENS_CLAUSE_RE = re.compile(
    rf"\s*(?:(?:[A-Z][\w'’.-]*\s+){{1,3}}(?:{BINDING_VERBS}|may)\b|[A-Z][^\n:.;]{{0,40}}:\s)"
)
_NUMERAL_END_RE = re.compile(r"\(\d+\)$")
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\W*$")


def _broken_by_page(text: str, previous_tail: str, start: int, end: int) -> bool:
    """Whether a blank line is a page or column break inside a sentence (a PDF's): the line
    before stops on a word no sentence ends on ("after the"), not a list's "and" or "or", and
    the next is a paragraph's text, neither an item nor a short page footer or number."""
    last = _LAST_WORD_RE.search(previous_tail)
    if last is None or last[1] not in FUNCTION_WORDS or last[1] in ("and", "or", "nor"):
        return False
    line = text[start:end].strip()
    return (
        line[:1].isalpha()
        and (line[:1].islower() or len(line) > _WRAPPED_WIDTH)
        and _ITEM_RE.match(text, start) is None
    )


def _continues_across_wrap(text: str, previous_tail: str, start: int) -> bool:
    """Whether a next line opening with a capital goes on with a full line stopped mid-sentence:
    the rest of a defined term ("the Escalation\nNotice"), unless it opens a clause of its own
    after a line that could have ended an unstopped item ("... each order\nBuyer shall pay")."""
    if not _CONTINUED_TERM_RE.match(text, start):
        return False
    last = _LAST_WORD_RE.search(previous_tail)
    ends_open = (
        previous_tail.endswith(",")
        or last is None
        or last[1][0].isupper()
        or last[1] in FUNCTION_WORDS
    )
    return ends_open or _OPENS_CLAUSE_RE.match(text, start) is None


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines of `text`, with a hard-wrapped line joined to the one it continues: a line that
    does not end a sentence, followed directly by one that starts in lower case (or with a
    number, when the line before stops mid-sentence), unless it is a table's row."""
    blocks: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        start, end = line.start(), line.end()
        if blocks:
            previous_start, previous_end = blocks[-1]
            first = text[start : start + 80].lstrip()[:1]
            tail = text[max(previous_start, previous_end - 80) : previous_end].rstrip()
            last = tail[-1:]
            # A line that stops on a word, a comma or a number in brackets ("at least ten
            # (10)") stops mid-sentence; a bare number may end a page's footer ("Page 6 of 75").
            on_word = last.islower() or last == ","
            mid_sentence = on_word or _NUMERAL_END_RE.search(tail) is not None
            # A full line stopped mid-sentence goes on in the next, even with a capital: the
            # wrap fell inside a defined term ("the Escalation\nNotice").
            full = previous_end - text.rfind("\n", 0, previous_end) > _WRAPPED_WIDTH
            gap = text.count("\n", previous_end, start)
            wrapped = (
                (
                    first.islower()
                    or (mid_sentence and (first.isdigit() or first == "("))
                    or (mid_sentence and full and _continues_across_wrap(text, tail, start))
                )
                and last not in ".!?:;"
                and (gap == 1 or (gap == 2 and _broken_by_page(text, tail, start, end)))
                # "(a) ... within ten (10)\n(b) ...": after a number in brackets, an item
                # marker opens the next item.
                and (_ITEM_RE.match(text, start) is None or (on_word and first == "("))
                # A table's row is a row of its own, whatever its last cell ends with.
                and text.find(" | ", start, end) == -1
            )
            if wrapped:
                blocks[-1] = (previous_start, end)
                continue
        blocks.append((start, end))
    return blocks


def split_segments(text: str) -> list[Segment]:
    """Sentences and list items of `text`, in order, trimmed of surrounding spaces."""
    segments: list[Segment] = []
    # Sentence ends never cross a line, so one scan of the whole text serves every line.
    ends = [(m.start(), m.end()) for m in _SENTENCE_END_RE.finditer(text)]
    next_end = 0
    for line_number, (line_start, line_end) in enumerate(_blocks(text)):
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
