"""Split a contract's text into its numbered clauses.

Representation: a flat list of the finest units, in document order, that partitions the text:
the first clause starts at 0, each clause ends where the next begins, the last ends at len(text).
Text before the first heading is a clause with ref "". A section that has sub-clauses keeps its
own unit (its heading line and any lead-in text); each sub-clause carries its full ref ("12.3",
"§ 12 (1)", "5.1(a)") and its own heading, or the heading of the nearest section above it.

Headings are recognised at the start of a line ("§ 12 Heading", "12.3.2 Heading", "ARTICLE IV",
"Section 5(b)", "(1)", "## 12. Term", all-caps lines, exhibits) and, in text whose paragraphs were
run together into very long lines, after the end of a sentence. Numbers in running text, dates,
amounts and table rows are kept out by requiring each numbered heading to continue the numbering
seen so far (12.2 after 12.1, 13 after 12.x, "(b)" after "(a)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from obligations.extraction.clause_headings import (
    heading_from,
    is_caps_heading,
    is_titleish,
    paren_value,
    roman_value,
    to_roman,
)
from obligations.extraction.clause_kinds import body_kinds, clause_kinds
from obligations.extraction.model import Clause
from obligations.extraction.wordscan import WordScan

_LONG_LINE = 300  # a "line" this long is several paragraphs run together
_MONTH_AFTER = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
_SUB_LABEL = re.compile(r"\(([a-z0-9]+)\)")  # "(b)" of "Section 5(b)"
_LOWER_WORD = re.compile(r"\b[a-z]{2,}")
_MARKDOWN = re.compile(r"(#{1,6})[^\S\n]+(.*?)[ \t#]*$")
_SECTION_SIGN = re.compile(r"§\s*(?P<num>\d{1,3}[a-z]?)\b\.?[^\S\n]*(?P<rest>.*)$")
_ARTICLE = re.compile(
    r"(?P<word>ARTICLE|Article)[^\S\n]+(?P<num>[IVXLC]{1,7}|\d{1,3})\b\.?[^\S\n]*[-–—:.]?[^\S\n]*(?P<rest>.*)$"
)
_SECTION = re.compile(
    r"(?:SECTION|Section|Clause|CLAUSE)[^\S\n]+(?P<num>\d{1,3}(?:\.\d{1,3}){0,4})"
    r"(?P<subs>(?:\([a-z0-9]{1,4}\))*)\.?[^\S\n]*[-–—:.]?[^\S\n]*(?P<rest>.*)$"
)
_EXHIBIT = re.compile(
    r"(?P<word>EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT"
    r"|Attachment)[^\S\n]+(?P<num>[A-Z0-9][A-Z0-9.\-]{0,6})\b[^\S\n]*[-–—:.]?[^\S\n]*(?P<rest>.*)$"
)
_DECIMAL = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,4})(?P<dot>\.?)(?:[^\S\n]+(?P<rest>.*)|(?<=\.)(?P<caps>[A-Z]{2}.*)|$)"
)
_PAREN = re.compile(
    r"(?:\((?P<a>[a-zA-Z]{1,4}|\d{1,2})\)|(?P<b>[a-z]|\d{1,2})\))[^\S\n]+(?P<rest>.*)$"
)
# Where a heading may start inside a long line: after a sentence, after a wide gap, or right
# after an all-caps heading ("ARTICLE 1 DEFINITIONS 1.1 ...").
_MARKER_AHEAD = r"(?=[§(0-9]|A(?:RTICLE|rticle)|S(?:ECTION|ection)|C(?:LAUSE|lause))"
# Two simple patterns rather than one alternation: each starts with a fixed character, which
# the regex engine skips to quickly in long lines.
_AFTER_SENTENCE = re.compile(r"[.;:!?][\"”’)]?[^\S\n]{1,4}" + _MARKER_AHEAD)
# A gap is tried where its run of spaces or tabs begins, not again at each character of the run.
_AFTER_GAP = WordScan(gap + rf"(?<![{gap[0]}]{gap})[ \t]*" + _MARKER_AHEAD for gap in ("   ", "\t"))
_AFTER_CAPS_HEADING = re.compile(r"[A-Z]{3}[^\S\n]+(?=\d{1,3}\.\d)")

# "Term of Agreement.......4", "ARTICLE 2 SUPPLY OF PRODUCTS 5", "Scope 5 2.2 Exclusive Supply 6"
_TOC_END = re.compile(r"(?:\.{4,}\s*\d*|[A-Za-z][^\S\n]+\d{1,3})\s*$")
_TOC_RUN = re.compile(r"[A-Za-z] \d{1,3} \d{1,2}\.\d")


@dataclass
class _Candidate:
    start: int  # where the clause begins in the text
    style: str  # markdown, sign, article, section, decimal, paren, caps, exhibit
    number: tuple[int, ...] = ()
    label: str = ""  # as written: "IV", "12", "b"
    rest: str = ""  # what follows the marker up to the end of the line
    next_line: str = ""  # the following non-empty line, for headings set on their own line
    after_colon: bool = False  # the previous line ends with ':' (the start of a list)
    inline: bool = False
    word: str = ""  # ARTICLE / Exhibit as written
    subs: tuple[tuple[str, int], ...] = ()  # "(b)" of "Section 5(b)"


def _continues(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Does decimal `number` plausibly follow `previous` (allowing a skipped number or two)?"""
    common = 0
    while common < min(len(previous), len(number)) and previous[common] == number[common]:
        common += 1
    if common == len(number):
        return False  # a repeat or a step back up to an ancestor already seen
    if common < len(previous):
        ok = 1 <= number[common] - previous[common] <= 3
    else:
        ok = 1 <= number[common] <= 2 or (common == 0 and number[common] <= 3)
    return ok and all(part in (0, 1) for part in number[common + 1 :])


@dataclass
class _State:
    decimal: tuple[int, ...] = ()
    sign: int = 0
    article: int = 0
    parent_ref: str = ""
    parent_heading: str = ""
    parent_style: str = ""
    subs: list[tuple[str, int]] = field(default_factory=list)
    list_next: int = 0  # the next number of a plain numbered list being skipped


def _sub_ref(state: _State) -> str:
    labels = []
    for style, value in state.subs:
        if style == "arabic":
            labels.append(str(value))
        elif style == "alpha":
            labels.append(chr(96 + value) if value <= 26 else chr(70 + value) * 2)
        elif style == "upper":
            labels.append(chr(64 + value))
        elif style == "roman":
            labels.append(to_roman(value))
        else:
            labels.append(to_roman(value).upper())
    inner = "".join(f"({label})" for label in labels)
    if state.parent_style in ("decimal", "section") and state.parent_ref:
        return state.parent_ref + inner
    return f"{state.parent_ref} {inner}".strip()


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    lines = text.split("\n")
    offset = 0
    previous_line = ""
    next_nonempty = [""] * len(lines)
    upcoming = ""
    for i in range(len(lines) - 1, -1, -1):
        next_nonempty[i] = upcoming
        if lines[i].strip():
            upcoming = lines[i].strip()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            candidate = _line_candidate(stripped, offset + lead, offset)
            if candidate is not None:
                candidate.next_line = next_nonempty[i]
                candidate.after_colon = previous_line.endswith(":")
                if candidate.style == "caps":
                    # a caps line inside a run of caps lines is a wrapped disclaimer, not a heading
                    before_blank = i == 0 or not lines[i - 1].strip()
                    after_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
                    if not (
                        before_blank and (after_blank or not is_caps_heading(lines[i + 1].strip()))
                    ):
                        candidate = None
                if candidate is not None:
                    found.append(candidate)
            if len(line) > _LONG_LINE:
                found.extend(_inline_candidates(line, offset))
            previous_line = stripped
        offset += len(line) + 1
    return found


def _line_candidate(line: str, start: int, line_start: int) -> _Candidate | None:
    match = _MARKDOWN.match(line)
    if match:
        inner = _line_candidate(match.group(2).strip("*_ "), start, line_start)
        if inner is not None and inner.style not in ("caps", "paren"):
            inner.style = "markdown:" + inner.style
            inner.start = line_start
            return inner
        return _Candidate(line_start, "markdown", rest=match.group(2).strip("*_ "))
    line = line.strip("*_ ") if line.startswith(("**", "__")) else line
    candidate = _marker(line, start)
    if candidate is not None:
        candidate.start = line_start
        return candidate
    if is_caps_heading(line):
        return _Candidate(line_start, "caps", rest=line.rstrip(":").strip())
    return None


def _marker(line: str, start: int) -> _Candidate | None:
    """A numbered marker at the start of `line` (which begins at `start` in the text), unless
    the line is an entry of a table of contents."""
    candidate = _numbered(line, start) if line else None
    if candidate is not None and _is_toc_entry(line):
        return None
    return candidate


def _is_toc_entry(line: str) -> bool:
    if "....." in line[:200] or _TOC_RUN.search(line[:160]):
        return True
    # Every entry's end is a page number or a run of dots: only then is the pattern tried.
    ending = line.rstrip()[-1:]
    return (
        len(line) <= 160
        and (ending.isdigit() or ending == ".")
        and _TOC_END.search(line) is not None
    )


def _numbered(line: str, start: int) -> _Candidate | None:
    if line.startswith("§"):
        m = _SECTION_SIGN.match(line)
        if m:
            sign_number = int(m["num"].rstrip("abcdefghijklmnopqrstuvwxyz"))
            return _Candidate(start, "sign", (sign_number,), m["num"], m["rest"])
        return None
    first = line[0]
    if first in "ACSE":
        m = _ARTICLE.match(line)
        if m:
            num = m["num"]
            value = int(num) if num.isdigit() else roman_value(num)
            if value is None:
                return None
            return _Candidate(start, "article", (value,), num, m["rest"], word=m["word"])
        m = _SECTION.match(line)
        if m:
            number = tuple(int(part) for part in m["num"].split("."))
            subs = []
            for label in _SUB_LABEL.findall(m["subs"] or ""):
                options = paren_value(label)
                if options:
                    subs.append(options[0])
            return _Candidate(start, "section", number, m["num"], m["rest"], subs=tuple(subs))
        m = _EXHIBIT.match(line)
        if m and len(line) <= 100:
            return _Candidate(start, "exhibit", (), m["num"], m["rest"], word=m["word"])
        return None
    if first.isdigit():
        m = _DECIMAL.match(line)
        if not m:
            return None
        rest = m["rest"] or m["caps"] or ""
        number = tuple(int(part) for part in m["num"].split("."))
        if rest and not (rest[0].isalpha() or rest[0] in "\"“'‘(*_"):
            return None  # "99.85 %", "1.000,00 EUR", table rows of figures
        if _MONTH_AFTER.match(rest) or rest[:1].isdecimal():
            return None  # "1. January 2020"
        if len(number) == 1 and not m["dot"] and not (rest and is_titleish(rest)):
            return None  # "5 days ...", page numbers
        return _Candidate(start, "decimal", number, m["num"], rest)
    if first == "(" or first.isalnum():
        m = _PAREN.match(line)
        if m:
            return _Candidate(start, "paren", (), m["a"] or m["b"] or "", m["rest"])
    return None


def _inline_candidates(line: str, line_start: int) -> list[_Candidate]:
    found = []
    boundaries = {match.end(): "" for match in _AFTER_GAP.finditer(line)}
    boundaries.update((match.end(), "") for match in _AFTER_CAPS_HEADING.finditer(line))
    boundaries.update((match.end(), match.group()) for match in _AFTER_SENTENCE.finditer(line))
    for position, boundary in sorted(boundaries.items()):
        candidate = _marker(line[position : position + 400], line_start + position)
        if candidate is None or candidate.style == "exhibit":
            continue
        if candidate.style == "paren" and not boundary.startswith("."):
            continue  # "(ii)" after ';' or ':' is an enumeration inside a sentence
        candidate.inline = True
        found.append(candidate)
    return found


def _accept(
    candidate: _Candidate, state: _State, body_started: bool, *, resync: bool = False
) -> str | None:
    """The clause's ref if the candidate is a real heading here, else None. Updates `state`.
    `resync`: accept a number that breaks the sequence because the ones after it follow it.
    Each style of marker has its own rule (`_ACCEPT_BY_STYLE`)."""
    style = candidate.style.removeprefix("markdown:")
    if style == "markdown":
        heading = candidate.rest
        state.parent_ref, state.parent_heading, state.parent_style = heading, heading, "markdown"
        state.subs, state.list_next = [], 0
        return heading
    if style == "paren":
        return _accept_paren(candidate, state)
    heading = _heading(candidate, style)
    explicit = candidate.style.startswith("markdown") or resync
    ref = _ACCEPT_BY_STYLE[style](
        candidate, state, heading=heading, explicit=explicit, body_started=body_started
    )
    if ref is None:
        return None
    state.list_next = 0
    state.parent_ref, state.parent_style = ref, style
    # An all-caps heading is its own heading; a number without one keeps its parent's.
    state.parent_heading = candidate.rest if style == "caps" else heading or state.parent_heading
    state.subs = list(candidate.subs)
    if candidate.subs:
        return _sub_ref(state)
    return ref


def _heading(candidate: _Candidate, style: str) -> str:
    """The heading after a marker, or on the next line when the marker stands alone."""
    rest = candidate.rest
    heading = heading_from(rest, whole_line_ok=not candidate.inline)
    if not heading and not rest.strip() and style in ("article", "exhibit", "decimal", "sign"):
        next_line = candidate.next_line
        if len(next_line) <= 80 and (is_titleish(next_line) or is_caps_heading(next_line)):
            heading = next_line.rstrip(".:")
    return heading


def _accept_caps(
    candidate: _Candidate, state: _State, *, heading: str, explicit: bool, body_started: bool
) -> str | None:
    """ "CONFIDENTIALITY" on its own line, once the body has started."""
    return candidate.rest if body_started else None


def _accept_exhibit(
    candidate: _Candidate, state: _State, *, heading: str, explicit: bool, body_started: bool
) -> str | None:
    """ "Exhibit A" in the body, alone on its line or with a heading; numbering starts again."""
    if not body_started or (candidate.rest and not heading):
        return None
    state.decimal, state.sign, state.article = (), 0, 0
    return f"{candidate.word} {candidate.label}"


def _accept_article(
    candidate: _Candidate, state: _State, *, heading: str, explicit: bool, body_started: bool
) -> str | None:
    """ "ARTICLE IV" with a heading or none, numbered a little after the last article."""
    if candidate.rest and not heading and not explicit:
        return None
    if not explicit and not 1 <= candidate.number[0] - state.article <= 3:
        return None
    state.article = candidate.number[0]
    word = candidate.word.upper() if candidate.word.isupper() else candidate.word
    return f"{word} {candidate.label}"


def _accept_sign(
    candidate: _Candidate, state: _State, *, heading: str, explicit: bool, body_started: bool
) -> str | None:
    """ "§ 12", numbered a little after the last one."""
    if not explicit and not 1 <= candidate.number[0] - state.sign <= 3:
        return None
    state.sign = candidate.number[0]
    return f"§ {candidate.label}"


def _accept_decimal(
    candidate: _Candidate, state: _State, *, heading: str, explicit: bool, body_started: bool
) -> str | None:
    """ "5.2" or "Section 5.2" that continues the numbering; not a sentence's continuation, nor
    an item of a plain numbered list ("the following: 1. ... 2. ...")."""
    rest = candidate.rest
    if rest and rest[0].islower():
        return None
    if state.list_next and candidate.number == (state.list_next,) and not heading:
        state.list_next += 1
        return None
    if candidate.after_colon and len(candidate.number) == 1 and not heading:
        if candidate.number == (1,):
            state.list_next = 2
        return None
    if candidate.inline and not heading and len(candidate.number) == 1:
        return None
    opening = not state.decimal and heading and not candidate.inline  # "5. Services" first
    if not explicit and not opening and not _continues(state.decimal, candidate.number):
        return None
    state.decimal = candidate.number
    return ".".join(str(part) for part in candidate.number)


class _StyleRule(Protocol):
    def __call__(
        self,
        candidate: _Candidate,
        state: _State,
        *,
        heading: str,
        explicit: bool,
        body_started: bool,
    ) -> str | None: ...


_ACCEPT_BY_STYLE: dict[str, _StyleRule] = {
    "caps": _accept_caps,
    "exhibit": _accept_exhibit,
    "article": _accept_article,
    "sign": _accept_sign,
    "decimal": _accept_decimal,
    "section": _accept_decimal,
}


def _accept_paren(candidate: _Candidate, state: _State) -> str | None:
    if not state.parent_style:
        return None
    options = paren_value(candidate.label)
    for depth in range(len(state.subs) - 1, -1, -1):
        style, value = state.subs[depth]
        for option_style, option_value in options:
            if option_style == style and option_value == value + 1:
                state.subs = [*state.subs[:depth], (style, option_value)]
                return _sub_ref(state)
    used = {style for style, _ in state.subs}
    for option_style, option_value in options:
        if option_value == 1 and option_style not in used and len(state.subs) < 3:
            state.subs = [*state.subs, (option_style, 1)]
            return _sub_ref(state)
    return None


def split_clauses(text: str) -> list[Clause]:
    """The clauses of `text`: a flat, ordered partition of it (see the module docstring)."""
    state = _State()
    starts: list[tuple[int, str, str]] = []  # (start, ref, heading)
    body_started = False
    scanned_to = 0
    last_start = -1
    candidates = _candidates(text)
    for index, candidate in enumerate(candidates):
        if candidate.start <= last_start:
            continue
        if not body_started and candidate.style not in ("caps", "exhibit"):
            body_started = candidate.style != "paren"
        if not body_started and _starts_body(text, scanned_to, candidate.start):
            body_started = True
        scanned_to = max(scanned_to, candidate.start)
        ref = _accept(candidate, state, body_started)
        if ref is None and _is_first(candidate) and _toc_like(starts, candidate.start):
            # the numbering so far was a table of contents: the body starts again at 1
            state = _State()
            ref = _accept(candidate, state, body_started)
        if ref is None and _followed_by_its_sequence(candidates, index):
            ref = _accept(candidate, state, body_started, resync=True)
        if ref is None:
            continue
        heading = state.parent_heading
        starts.append((candidate.start, ref, heading))
        last_start = candidate.start
    clauses = []
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, "", ""))
    found_kinds = body_kinds(text, [start for start, _, _ in starts])
    for i, (start, ref, heading) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        kinds = clause_kinds(heading, found_kinds[i])
        clauses.append(Clause(ref=ref, heading=heading, start=start, end=end, kinds=kinds))
    return clauses


def _followed_by_its_sequence(candidates: list[_Candidate], index: int) -> bool:
    """Do the next numbered candidates continue from this one (one of them if it has a heading,
    two if not)? Then it is a real heading whose predecessors were missed."""
    candidate = candidates[index]
    if candidate.style not in ("decimal", "section") or candidate.after_colon:
        return False
    heading = heading_from(candidate.rest, whole_line_ok=not candidate.inline)
    if len(candidate.number) == 1 and not heading:
        return False
    needed = 1 if heading else 2
    previous = candidate.number
    for later in candidates[index + 1 : index + 8]:
        if later.style not in ("decimal", "section"):
            continue
        if not _continues(previous, later.number):
            return False
        previous = later.number
        needed -= 1
        if needed == 0:
            return True
    return False


def _is_first(candidate: _Candidate) -> bool:
    return candidate.style in ("decimal", "article", "sign", "section") and candidate.number in (
        (1,),
        (1, 1),
        (1, 0),
    )


def _toc_like(starts: list[tuple[int, str, str]], position: int) -> bool:
    """Were all clauses accepted so far (at least three) only heading lines, as in a table of
    contents?"""
    numbered = [start for start, ref, _ in starts if ref[-1:].isdigit() or "ARTICLE" in ref]
    if len(numbered) < 3:
        return False
    bounds = [*numbered, position]
    return all(b - a < 200 for a, b in pairwise(bounds))


def _starts_body(text: str, start: int, end: int) -> bool:
    """Has running text (a sentence, not a title line) appeared in text[start:end]?"""
    return any(
        len(line) >= 60 and len(_LOWER_WORD.findall(line)) >= 6
        for line in text[start:end].split("\n")
    )
