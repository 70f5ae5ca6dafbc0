"""The literal-led word scans find what one alternation with word boundaries finds. Pure."""

from __future__ import annotations

import re

import pytest

from obligations.extraction.readers import read_path
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern
from tests.conftest import SHARED

WORDS = ("shall", "is", "are", "can", "agree", "’ll")


def _scan() -> WordScan:
    return WordScan(
        [
            word_pattern("shall", r"\b"),
            word_pattern("is", r"\b"),
            word_pattern("are", r"\b"),
            word_pattern("can", r"(?:not)?\b"),
            word_pattern("agree", r"s?\b"),
            word_pattern("’ll", r"\b", before=""),
        ]
    )


ALTERNATION = re.compile(r"\b(?:shall|is|are|can(?:not)?|agrees?)\b|’ll\b")


@pytest.mark.parametrize(
    "text",
    [
        "is this island his? It is.",
        "cannot, can, canny, scan",
        "the parties agree; Supplier agrees; disagrees; agreement",
        "you’ll pay, we’llx not",
        "shall-not and marshall shall",
        "",
    ],
)
def test_the_scan_finds_what_one_bounded_alternation_finds(text: str) -> None:
    found = [(match.start(), match.group()) for match in _scan().finditer(text)]
    expected = [(match.start(), match.group()) for match in ALTERNATION.finditer(text)]
    assert found == expected


def test_a_word_inside_another_word_is_not_found() -> None:
    assert _scan().finditer("this island, these arenas, marshalls") == []


def test_overlapping_hits_keep_the_first_and_of_two_at_one_place_the_longer() -> None:
    scan = WordScan([r"ab", r"abcd", r"bcde", r"e"])
    assert [match.group() for match in scan.finditer("abcde")] == ["abcd", "e"]


def test_a_window_of_the_text_is_scanned_alone() -> None:
    assert [match.start() for match in _scan().finditer("is is is", 2, 6)] == [3]


def test_on_a_real_contract_the_scan_agrees_with_the_alternation() -> None:
    contracts = sorted((SHARED / "seeds").glob("*.txt"))
    if not contracts:
        pytest.skip("the shared seed contracts are not there")
    for path in contracts:
        low = ascii_lower(read_path(path).text)
        found = [match.span() for match in _scan().finditer(low)]
        assert found == [match.span() for match in ALTERNATION.finditer(low)]
        assert found  # the contract does use these words


def test_ascii_lower_keeps_every_offset() -> None:
    text = "İSTANBUL Shall PAY"  # "İ".lower() is two characters
    lowered = ascii_lower(text)
    assert len(lowered) == len(text)
    assert lowered == "İstanbul shall pay"  # only A-Z are lowered then
