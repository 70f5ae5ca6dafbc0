"""A page or column break inside a sentence (a blank line after "the") does not cut it; a list's
"and" before the next item, a page number and a short running footer still do."""

from __future__ import annotations

from obligations.extraction.sentences import split_segments


def sentences(text: str) -> list[str]:
    return [text[segment.start : segment.end] for segment in split_segments(text)]


def test_a_sentence_broken_by_a_page_after_a_function_word_goes_on() -> None:
    text = (
        "(ii) furnishing to the Company, within five (5) Business Days after the\n\n"
        "Company's request, a list of all Customers to whom affected Products were sold.\n"
    )
    assert sentences(text) == [text.strip()]
    text = "You will record all sales on electronic cash registers approved by\n\nus or others.\n"
    assert sentences(text) == [text.strip()]


def test_items_page_numbers_and_footers_stay_apart() -> None:
    listed = "(c) perform commercial research for third parties; and\n\n(d) nothing more.\n"
    assert len(sentences(listed)) == 2
    numbered = "The Recipient shall maintain in\n\n10\n\nconfidence all such information.\n"
    assert "10" in sentences(numbered)
    footer = "Nantz shall have the\n\nPromotion Agreement - Page 4\n\nright to approve it.\n"
    assert "Promotion Agreement - Page 4" in sentences(footer)
