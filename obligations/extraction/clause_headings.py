"""How clause headings look: short title-like phrases, all-caps lines, run-in headings
("5.1 OWNERSHIP. The Licensee ..."), roman numerals and the labels of sub-paragraphs."""

from __future__ import annotations

import re

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "under",
        "with",
        "upon",
        "its",
        "per",
        "vs",
    ]
)
_MODAL = re.compile(r"\b(?:shall|will|must|may|agrees?|hereby|is|are|was|were)\b", re.IGNORECASE)
_COMPANY = re.compile(
    r"\b(?:INC|LLC|L\.L\.C|LTD|LIMITED|CORP|CORPORATION|GMBH|AG|PLC|S\.A|N\.A|LP|L\.P|CO)\b\.?"
)
_SIGNATURE = re.compile(r"/s/|_{3,}|\b(?:BY|NAME|TITLE|DATE|SIGNATURE)\s*:", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_CAPS_RUN = re.compile(r"[A-Z]{3}")
# "DEFINITIONS 1.1 ...", "TERM This Agreement ...": an all-caps heading run into its text.
_CAPS_LEAD = re.compile(r"([A-Z][A-Z&,;'’/ -]{2,80}?)\s+(?=\d|[A-Z][a-z]|\(|[\"“])")
_PHRASE_TO_STOP = re.compile(r"(.{2,100}?)[.:](?:\s|$)")
_PHRASE_TO_LIST = re.compile(r"(.{2,100}?)\s+\((?:a|1|i|A)\)\s")  # "Duties of the Agent (a) The"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(text: str) -> int | None:
    """'iv' -> 4, 'XII' -> 12; None if `text` is not a well-formed small roman numeral."""
    text = text.lower()
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total if to_roman(total) == text else None


def to_roman(value: int) -> str:
    out = []
    for amount, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix")):
        while value >= amount:
            out.append(letters)
            value -= amount
    for amount, letters in ((5, "v"), (4, "iv"), (1, "i")):
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def is_titleish(text: str) -> bool:
    """A short phrase written like a heading: 'Grant of Licenses', 'OWNERSHIP'."""
    words = _WORD.findall(text)
    if not words or len(words) > 12 or len(text) > 100 or not words[0][0].isupper():
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised >= 0.75 * len(significant)


def is_caps_heading(line: str) -> bool:
    if len(line) > 80 or line.endswith((",", ";")):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 4:
        return False
    if sum(ch.isupper() for ch in letters) < 0.9 * len(letters):
        return False
    if not _CAPS_RUN.search(line) or _COMPANY.search(line) or _SIGNATURE.search(line):
        return False
    return sum(ch.isdigit() for ch in line) <= 2


def heading_from(rest: str, *, whole_line_ok: bool) -> str:
    """The heading in what follows a number: the whole rest when it reads as a heading, or its
    first phrase when that is written like a title and a sentence follows it."""
    rest = rest.strip().strip("*_").strip()
    if not rest:
        return ""
    short = len(rest) <= 100 and len(rest.split()) <= 14
    if (
        whole_line_ok
        and short
        and not _MODAL.search(rest)
        and not rest.endswith((",", ";"))
        and rest.count(". ") == 0
        and rest[0].isupper()
    ):
        return rest.rstrip(".:").strip()
    caps = _CAPS_LEAD.match(rest)
    if caps and _CAPS_RUN.search(caps.group(1)):
        return caps.group(1).strip(" ,;-")  # "DEFINITIONS 1.1 ...", "TERM This Agreement ..."
    for match in (_PHRASE_TO_STOP.match(rest), _PHRASE_TO_LIST.match(rest)):
        if not match or _MODAL.search(match.group(1)):
            continue
        phrase = match.group(1).strip()
        # "Termination for breach. Either party ..." is a heading too, if short
        short_run_in = (
            len(phrase.split()) <= 5 and phrase[0].isupper() and rest[match.end() :][:1].isupper()
        )
        if is_titleish(phrase) or short_run_in:
            return phrase
    return ""


def paren_value(label: str) -> list[tuple[str, int]]:
    """The styles a sub-paragraph label can belong to, with its position: 'i' -> alpha 9 or
    roman 1, '3' -> arabic 3, 'B' -> upper 2."""
    options = []
    if label.isdigit():
        options.append(("arabic", int(label)))
    elif len(label) == 1 and label.islower():
        options.append(("alpha", ord(label) - 96))
    elif len(label) == 1 and label.isupper():
        options.append(("upper", ord(label) - 64))
    roman = roman_value(label)
    if roman is not None:
        options.append(("roman" if label.islower() else "upper_roman", roman))
    if len(label) == 2 and label[0] == label[1] and label.islower():
        options.append(("alpha", 26 + ord(label[0]) - 96))  # (aa) after (z)
    return options
