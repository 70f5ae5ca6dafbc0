"""The scan for a contract's own party names (str.find, no pattern per contract) finds what
the literal-led patterns it replaces find: the same spans, for any text and any bounds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.extraction.party_words import _NameScan
from obligations.extraction.wordscan import WordScan, word_pattern


def reference_spans(names: list[str], low: str, start: int, end: int) -> list[tuple[int, int]]:
    scan = WordScan(
        word_pattern(
            first,
            "".join(r"\s+" + re.escape(word) for word in rest) + r"(?:s(?=\W))?(?![\w-])",
            before=r"[\w-]",
        )
        for first, *rest in (name.split() for name in names)
    )
    return [match.span() for match in scan.finditer(low, start, end)]


NAMES = ["acme", "acme corp", "the board", "b-2", "sina", "s.a."]
TEXT = st.text(alphabet="acmeorpsthbdin -.2_\n\té", max_size=80)


@settings(max_examples=400, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
    low=TEXT,
    bounds=st.tuples(st.integers(0, 90), st.integers(0, 90)),
)
def test_name_scan_finds_what_the_patterns_find(names, low, bounds):
    start, end = min(bounds), max(bounds)
    assert _NameScan(names).spans(low, start, end) == reference_spans(names, low, start, end)


def test_names_apart_by_any_spaces_with_a_plural_and_never_inside_a_word():
    low = "acme  corps shall; acme-corp may; the acmes and sinacorp and acme corp"
    assert _NameScan(["acme corp", "acme"]).spans(low) == [(0, 11), (38, 43), (61, 70)]
