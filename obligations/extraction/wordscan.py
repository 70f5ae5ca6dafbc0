"""Scanning a long text for any of several words at C speed.

Python's regex engine skips quickly through a text only to the places where a pattern's leading
literal occurs. A pattern that starts with a word boundary, a look-behind or an alternation of
words is tried at every position instead, thirty to fifty times slower on a contract. So a scan
for several words is one literal-led pattern per word, with the boundary checked after the word
("shall(?<!\\wshall)"), and the hits merged in text order.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["WordScan", "ascii_lower", "word_pattern", "word_positions"]


def word_pattern(word: str, rest: str = "", *, before: str = r"\w") -> str:
    """A pattern for the literal `word` followed by the pattern `rest`, that matches only where
    the character before `word` is not matched by `before` (a one-character class; "" for no
    condition)."""
    literal = re.escape(word)
    guard = f"(?<!{before}{literal})" if before else ""
    return f"{literal}{guard}{rest}"


class WordScan:
    """Several patterns, each led by a literal, scanned as one: `finditer` gives their matches
    in text order, without overlaps, as one alternation of them would (the match that starts
    first, and of two starting together the longer)."""

    def __init__(self, patterns: Iterable[str], flags: int = 0) -> None:
        self.patterns = tuple(re.compile(pattern, flags) for pattern in patterns)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[re.Match[str]]:
        if len(self.patterns) == 1:
            return list(self.patterns[0].finditer(text, pos, endpos))
        hits = [match for pattern in self.patterns for match in pattern.finditer(text, pos, endpos)]
        hits.sort(key=re.Match.start)
        found: list[re.Match[str]] = []
        last_start = last_end = -1
        for match in hits:
            start = match.start()
            if start >= last_end:
                found.append(match)
                last_start, last_end = start, max(match.end(), start + 1)
            elif start == last_start and match.end() > last_end:
                found[-1] = match
                last_end = match.end()
        return found


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4)
def ascii_lower(text: str) -> str:
    """`text` with A-Z lower-cased and every offset kept (str.lower() can change the length of
    some letters). Scanning this with lower-case patterns is much faster than IGNORECASE."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def word_positions(lowered: str, words: tuple[str, ...]) -> list[int]:
    """Every offset where one of `words` starts in `lowered`, in order. str.find runs at C speed,
    so a long text is scanned for cue words first and the full patterns are tried only there."""
    positions: set[int] = set()
    for word in words:
        position = lowered.find(word)
        while position != -1:
            positions.add(position)
            position = lowered.find(word, position + 1)
    return sorted(positions)
