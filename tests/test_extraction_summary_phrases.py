"""Summaries are whole phrases: a summary cut to a few words ends where a phrase ends."""

from __future__ import annotations

import pytest

from obligations.extraction.summaries import first_words


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Rectify any errors or omissions in the reports promptly", 4, "Rectify any errors"),
        ("the transfer of the data to the new provider", 7, "the transfer of the data"),
        ("receipt of the invoice by the Customer", 3, "receipt"),
        ("notify the Customer, and the auditor", 3, "notify the Customer"),
    ],
)
def test_a_cut_goes_back_to_the_end_of_a_whole_phrase(text, limit, expected):
    assert first_words(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("receipt of the invoice", 7),  # not cut at all: left as written, even short
        ("data to the", 3),  # the whole text fits: nothing is dropped
    ],
)
def test_text_that_fits_is_left_as_it_is(text, limit):
    assert first_words(text, limit) == text
