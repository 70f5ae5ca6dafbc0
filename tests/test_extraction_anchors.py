"""Which anchor of the shared vocabulary a time rule counts from, read from the contract's words
(pure, no database). Each case that names an anchor has a counterexample beside it that must not
name it. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from obligations.extraction.model import Document
from obligations.extraction.pipeline import extract_document
from obligations.vocabulary.anchors import ANCHOR_BY_CODE


def _anchor(sentence: str) -> str | None:
    extraction = extract_document(Document(text=sentence, format="txt"), source="test")
    timed = [ob for ob in extraction.obligations if ob.period is not None]
    assert len(timed) == 1, [(ob.period, ob.anchor) for ob in timed]
    assert timed[0].anchor in ANCHOR_BY_CODE
    return timed[0].anchor


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # An account frozen for unpaid fees is suspended; a failure to pay is a breach.
        (
            "We will delete the data of an account 90 days after it is frozen for unpaid fees.",
            "suspension",
        ),
        ("We will delete the data of an account 90 days after any failure to pay.", "breach"),
        # Inactivity counts from the last use; the last day of a term does not.
        ("We may close a free account after 180 days of inactivity.", "last_activity"),
        ("We may close a free account 10 days after the last day of the term.", "other_event"),
        # The end date of a subscription is the end of the term; of a promotion it is not.
        (
            "You must cancel at least 14 days before the end date of your monthly subscription.",
            "term_end",
        ),
        (
            "You must return the samples within 14 days before the end date of the promotion.",
            "other_event",
        ),
        # A change counts from when it takes effect, whatever means announce it; a change that
        # was notified counts from the notice.
        (
            "The Supplier will give notice at least 30 days prior to the change taking effect by"
            " sending an email.",
            "change_effective",
        ),
        (
            "The Supplier will notify the Customer at least 15 business days in advance of any"
            " intended changes to its list of subcontractors.",
            "change_effective",
        ),
        ("The Customer may object within 30 days after notice of a change.", "notice_received"),
        # A bare receipt counts from the thing received.
        (
            "The Supplier shall refund the fee within 14 days from the day on which it received"
            " the notification of your withdrawal.",
            "notice_received",
        ),
        ("The Supplier shall inspect the goods within 5 days of receipt of the goods.", "delivery"),
        (
            "The Recipient shall keep secret the information for 3 years following the receipt of"
            " such Confidential Information.",
            "disclosure",
        ),
        (
            "The Recipient shall pay each invoice within 30 days following the receipt of such"
            " invoice.",
            "invoice_received",
        ),
        # A reply answers a request unless it names what it answers.
        ("The Provider shall provide a response within one business day.", "request_received"),
        ("The Provider shall respond within 5 days to any notice of breach.", "notice_received"),
        # Kinds of event contracts commonly count from.
        (
            "If the parties cannot settle the dispute within 20 days, either party may refer it to"
            " mediation.",
            "dispute_raised",
        ),
        (
            "The Supplier shall keep the records for a period of 6 years following their creation.",
            "record_created",
        ),
        (
            "The Provider shall give five (5) business days' notice of any scheduled maintenance.",
            "maintenance",
        ),
        (
            "A licence may be reassigned only after 90 days from the last reassignment of that"
            " licence.",
            "assignment",
        ),
        (
            "If the Supplier incurs any expenses on the Customer's behalf, the Customer shall"
            " reimburse them within 10 days.",
            "cost_incurred",
        ),
        (
            "The Supplier shall fix the defect within 30 days after the Customer's warranty report.",
            "error_reported",
        ),
        ("The Processor shall keep the logs for 2 years after the DPA ends.", "term_end"),
        # A notice period before ceasing a service announces a suspension; "end" alone does not.
        (
            "The Provider may cease providing support upon fifteen (15) days written notice.",
            "suspension",
        ),
        ("The Provider may end the support upon fifteen (15) days written notice.", "other_event"),
    ],
)
def test_anchor_read_from_the_words(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


def test_anchor_phrase_keeps_the_words_read() -> None:
    extraction = extract_document(
        Document(text="We may close a free account after 180 days of inactivity.", format="txt"),
        source="test",
    )
    (rule,) = extraction.obligations
    assert (rule.anchor, rule.anchor_phrase) == ("last_activity", "inactivity")
