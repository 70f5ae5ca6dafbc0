import pytest

from obligations.vocabulary.anchors import (
    ANCHOR_CODES,
    ANCHORS,
    EVENT_KIND_BY_CODE,
    AnchorSource,
    BeforeReading,
    EventDate,
    UnknownAnchor,
    anchor_for,
    anchor_label,
)


def test_every_event_anchor_names_a_known_event_kind_and_a_date_it_has():
    for anchor in ANCHORS:
        if anchor.source is not AnchorSource.EVENT:
            assert anchor.event_kind == ""
            continue
        kind = EVENT_KIND_BY_CODE[anchor.event_kind]
        if anchor.event_date is EventDate.EFFECTIVE:
            assert kind.has_effective_date, anchor.code


def test_codes_are_unique_snake_case_and_fit_the_column():
    assert len(set(ANCHOR_CODES)) == len(ANCHORS)
    for code in ANCHOR_CODES:
        assert code.isascii() and code == code.lower() and " " not in code
        assert len(code) <= 64


def test_ends_are_counted_until_the_day_is_over_and_changes_wholly_before():
    assert anchor_for("term_end").before is BeforeReading.UNTIL_END_OF_DAY
    assert anchor_for("quarter_end").before is BeforeReading.UNTIL_END_OF_DAY
    assert anchor_for("change_effective").before is BeforeReading.WHOLLY_BEFORE
    assert anchor_for("change_effective").event_date is EventDate.EFFECTIVE
    assert anchor_for("change_announcement").event_date is EventDate.OCCURRED


def test_an_unknown_code_is_an_error_not_a_guess():
    with pytest.raises(UnknownAnchor):
        anchor_for("invoice_receipt_of_goods")


def test_labels_are_words_not_codes():
    assert anchor_label("invoice_received") == "Invoice received"
    assert anchor_label("") == "No anchor"
    for anchor in ANCHORS:
        assert "_" not in anchor.label
