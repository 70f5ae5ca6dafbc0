"""Small helpers for reading around a position in contract text."""

from __future__ import annotations

import re

from obligations.extraction.sentences import ABBREVIATIONS, FUNCTION_WORDS

# A sentence ends at a full stop before a capital letter, or at a line break unless the text
# goes on in lower case (a sentence broken by a page break).
_END = re.compile(r"[.!?][\"”’')\]]*[^\S\n]+(?=[\"“‘'(\[]?[A-Z0-9§])|\n(?!\s*[a-z])")
_SENTENCE_SEARCH = 1500  # a sentence longer than this is cut there: enough for any clause


def _last_word(text: str, end: int) -> str:
    """The word a line ends on before `end`, after any spaces."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t":
        stop -= 1
    start = stop
    while start > 0 and stop - start < 20 and text[start - 1].isalnum():
        start -= 1
    return text[start:stop]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the end found at `dot` is none: a full stop after an abbreviation, or a line
    break after a word no sentence ends on ("commences on the\nEffective Date")."""
    if text[dot] == "\n":
        return _last_word(text, dot).lower() in FUNCTION_WORDS
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and dot - word_start < 12:
        word_start -= 1
    word = text[word_start:dot].lower().strip("(\"“'")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_at(text: str, position: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around `position`."""
    start = max(0, position - _SENTENCE_SEARCH)
    # Look back a little first: most sentences are short, and a long look-back costs.
    for reach in (300, _SENTENCE_SEARCH):
        low = max(0, position - reach)
        found = -1
        # the look-ahead of a match just before `position` needs to see the text after it
        for match in _END.finditer(text, low, min(len(text), position + 40)):
            if match.end() > position:
                break
            if not _is_abbreviation(text, match.start()):
                found = match.end()
        if found >= 0 or low == 0:
            start = max(found, low) if found >= 0 else low
            break
    end = min(len(text), position + _SENTENCE_SEARCH)
    for match in _END.finditer(text, position, end):
        if not _is_abbreviation(text, match.start()):
            end = match.start() + (1 if text[match.start()] != "\n" else 0)
            break
    while start < end and text[start].isspace():
        start += 1
    return start, end


def squash(text: str) -> str:
    """Whitespace runs folded into single spaces, for quoting."""
    return re.sub(r"\s+", " ", text).strip()
