"""Periods the extractor sets aside: each ends in a time rule or in `unused_periods` with a
named reason (pure, no database). Every snippet is written for these tests."""

from __future__ import annotations

import pytest

from obligations.extraction.model import Document, Period
from obligations.extraction.pipeline import extract_document, extraction_to_json


def _extract(text: str):  # type: ignore[no-untyped-def]
    return extract_document(Document(text=text, format="txt"), source="test")


def _reasons(text: str) -> list[tuple[str, str]]:
    return [(u.phrase, u.reason) for u in _extract(text).unused_periods]


def test_every_period_is_a_rule_or_set_aside() -> None:
    text = (
        "1. Payment. The Customer shall pay each invoice within thirty (30) days of receipt.\n"
        "2. Liability. Liability is capped at the fees paid in the twelve (12) months"
        " preceding the claim.\n"
        '3. Definitions. "Cure Period" means a period of ten (10) days.\n'
    )
    extraction = _extract(text)
    rule_periods = [ob.period for ob in extraction.obligations if ob.period]
    assert rule_periods == [Period(30, "days")]
    assert [(u.period, u.reason) for u in extraction.unused_periods] == [
        (Period(12, "months"), "measure"),
        (Period(10, "days"), "definition"),
    ]
    for unused in extraction.unused_periods:
        assert text[unused.start : unused.end] == unused.quote
        assert unused.phrase in unused.quote


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ('"Year" means a period of 12 months starting on 1 January.', "definition"),
        ('Supplier warrants the goods for one year (the "Warranty Period").', "definition"),
        ("The average of the prices over the last six (6) months sets the rate.", "measure"),
        ("Fees paid in the six (6) months before the claim cap the liability.", "measure"),
        ("This Agreement shall renew for successive one (1) year terms.", "term"),
        ("The Initial Term of this Agreement is three (3) years.", "term"),
        ("Any holder of shares for one year under Rule 144 may sell them.", "citation"),
        ("The user must be at least eighteen (18) years of age.", "age"),
        ("Notice periods vary, for example 14 days for minor changes.", "example"),
        ("Licensor has been in business for ten (10) years.", "history"),
        ("Business Day means a day other than a Saturday or Sunday.", "definition"),
        (
            "Notices are deemed received 5 days after posting by registered mail.",
            "deemed_notice",
        ),
        ("Notices are deemed effective three (3) business days after mailing.", "deemed_notice"),
        ("Plan      year 1      year 2      budget", "table"),
        ("Support is charged at $100 per hour for each 2 hours of calls.", "measure"),
    ],
)
def test_reason_named_from_the_sentence(sentence: str, reason: str) -> None:
    assert [found for _, found in _reasons(sentence)] == [reason]


def test_a_duty_period_is_a_rule_not_an_unused_period() -> None:
    # Counterexample to the reasons above: a plain duty with a deadline is never set aside.
    text = "Licensee shall deliver a royalty report within twenty (20) days after each quarter."
    extraction = _extract(text)
    assert [ob.period for ob in extraction.obligations] == [Period(20, "days")]
    assert extraction.unused_periods == []


def test_means_as_a_noun_does_not_make_a_definition() -> None:
    assert _reasons("Training by whatever means suitable lasts 4 weeks.") == [
        ("4 weeks", "no_duty")
    ]


def test_unmatched_period_is_kept_for_review() -> None:
    # No duty and no other reason: still listed, so a reviewer sees it.
    assert _reasons("Cold storage: 48 hours at the depot.") == [("48 hours", "no_duty")]


def test_json_lists_unused_periods_and_anchor_phrase() -> None:
    text = (
        "The Customer shall pay each invoice within thirty (30) days after receipt of the"
        " invoice. The Supplier has been trading for 12 years."
    )
    data = extraction_to_json(_extract(text))
    assert data["unused_periods"] == [
        {
            "clause_ref": data["unused_periods"][0]["clause_ref"],
            "quote": "The Supplier has been trading for 12 years.",
            "period": "12 years",
            "phrase": "12 years",
            "reason": "history",
            "start": text.index("The Supplier"),
            "end": len(text),
        }
    ]
    (obligation,) = data["obligations"]
    assert obligation["anchor"] == "invoice_received"
    assert obligation["anchor_phrase"]
    assert "receipt" in obligation["anchor_phrase"]


def test_a_table_row_with_a_duty_is_not_just_a_table() -> None:
    # Counterexample to "table": a row whose sentence binds someone is an obligation.
    extraction = _extract("Severity 1 |   Supplier shall respond     | 4 hours")
    assert extraction.unused_periods == []
    assert [ob.party for ob in extraction.obligations] == ["provider"]
