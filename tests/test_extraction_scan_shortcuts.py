"""Scans narrowed for speed find what the plain patterns find: a gap before a heading is tried
once per run of spaces, and the modal scan passes over "is" or "has" outside a modal phrase."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.extraction import clauses
from obligations.extraction.clause_kinds import clause_kinds
from obligations.extraction.modal_scan import _MODAL_RE, modal_hits

PLAIN_GAP = re.compile(r"(?:   |\t)[ \t]*" + clauses._MARKER_AHEAD)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\nxA1.(§Sectionrticl", max_size=60))
def test_a_gap_ends_where_the_plain_pattern_ends(line):
    ends = {match.end() for match in clauses._AFTER_GAP.finditer(line)}
    assert ends == {match.end() for match in PLAIN_GAP.finditer(line)}


def plain_modal_hits(low: str) -> list[tuple[int, int, str, str]]:
    """Every place _MODAL_RE matches at the start of a word."""
    hits = []
    for word in re.finditer(r"(?<![\w’'])(?=[\w’'])", low):
        match = _MODAL_RE.match(low, word.start())
        if match is not None:
            modality = next(name for name in ("prohibition", "right", "duty") if match.group(name))
            hits.append((match.start(), match.end(), modality, match.group(0)))
    return hits


PHRASES = [
    "is", "are", "has", "have", "remains", "acknowledges", "the right to", "not permitted",
    "fully responsible", "required", "entitled to", "its responsibility for", "shall", "may",
    "this", "liable", "bound", "agrees to", "will not", "obliged",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), max_size=12))
def test_the_modal_scan_finds_every_modal_phrase(words):
    low = " ".join(words)
    assert modal_hits(low) == plain_modal_hits(low)


def test_common_words_count_only_inside_a_modal_phrase():
    low = "it is late. licensee is solely responsible and has the right to audit. it has none."
    assert [hit[3] for hit in modal_hits(low)] == ["is solely responsible", "has the right to"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="Ab .12\t\n", max_size=40))
def test_a_table_of_contents_entry_is_what_the_plain_patterns_say(line):
    plain = bool(
        "....." in line[:200]
        or clauses._TOC_RUN.search(line[:160])
        or (len(line) <= 160 and clauses._TOC_END.search(line))
    )
    assert clauses._is_toc_entry(line) == plain


def test_headings_are_read_for_their_kinds_in_any_case():
    assert clause_kinds("GOVERNING LAW; Jurisdiction", set()) == ("governing_law", "jurisdiction")
