"""Events of a business's life that a deadline counts from: an insurance policy renewed or
cancelled, another document signed, premises opened, a person hired or leaving, a member leaving,
a meeting, the start of a period, a thing received; each beside the reading it must not take."""

from __future__ import annotations

import pytest

from obligations.extraction.model import Document
from obligations.extraction.pipeline import extract_document
from obligations.vocabulary.anchors import ANCHOR_BY_CODE


def _anchors(text: str) -> list[str]:
    extraction = extract_document(Document(text=text, format="txt"), source="test")
    found = [ob.anchor for ob in extraction.obligations if ob.period is not None]
    assert all(anchor in ANCHOR_BY_CODE for anchor in found)
    return found


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # A policy's renewal or cancellation, however the sentence orders its words; a
        # cancellation in a sentence about insurance is the cover's, and one of this Agreement
        # stays the contract's even where insurance is named.
        (
            "Tenant shall deliver a certificate of insurance within ten (10) days after each"
            " policy renewal.",
            "policy_renewal",
        ),
        (
            "Supplier shall give Buyer at least thirty (30) days' prior written notice before any"
            " required policy is cancelled.",
            "policy_cancellation",
        ),
        (
            "Each policy must require the insurer to give Shipper written notice at least thirty"
            " (30) days before cancellation.",
            "policy_cancellation",
        ),
        (
            "Tenant shall deliver a renewal certificate at least ten (10) days before the"
            " expiration of each policy.",
            "policy_cancellation",
        ),
        (
            "If Supplier fails to maintain the insurance, Buyer may terminate this Agreement on"
            " thirty (30) days' written notice.",
            "termination_effective",
        ),
        # Another document signed, where the contract's own signing is its effective date.
        (
            "Franchisee shall open the Studio within two hundred seventy (270) days after signing"
            " the lease.",
            "document_signed",
        ),
        (
            "Franchisee shall sign a lease for the site and shall deliver a fully executed copy"
            " to Franchisor within five (5) Business Days after signing.",
            "document_signed",
        ),
        (
            "Customer shall pay the setup fee within thirty (30) days after signing of this"
            " Agreement.",
            "effective_date",
        ),
        # Premises opened, where an account opened or trading opened is no opening for
        # business.
        (
            "Franchisee shall complete the grand opening campaign within thirty (30) days after"
            " the Studio opens.",
            "opening",
        ),
        (
            "The Bank shall send the welcome pack within ten (10) days after the opening of the"
            " account.",
            "other_event",
        ),
        # A person who starts in a role or leaves it; a member who leaves the company.
        (
            "Each new manager shall complete training within sixty (60) days after hire.",
            "hire",
        ),
        (
            "Supplier shall appoint a replacement within twenty (20) days after the departure of"
            " the Key Person.",
            "departure",
        ),
        (
            "For a period of two (2) years after it ceases to be a Member, no Member shall"
            " solicit the Company's customers.",
            "member_exit",
        ),
        (
            "The liquidator shall distribute the assets within one hundred eighty (180) days"
            " after the date of dissolution.",
            "dissolution",
        ),
        (
            "Each Member shall appoint a senior officer within ten (10) days after the occurrence"
            " of a Deadlock.",
            "deadlock",
        ),
        # A meeting held, where "after meeting the performance targets" holds none.
        (
            "The Secretary shall circulate the agenda not later than seven (7) days before the"
            " date of the meeting.",
            "meeting",
        ),
        (
            "Supplier shall invoice the fee within thirty (30) days after meeting the performance"
            " targets.",
            "other_event",
        ),
        # A notice delivered is a notice received; "of the anticipated Delivery Date" names
        # the event a notice period runs to.
        (
            "The closing shall occur within sixty (60) days after delivery of the notice of"
            " election.",
            "notice_received",
        ),
        (
            "Landlord shall give Tenant not less than fifteen (15) days' prior written notice of"
            " the anticipated Delivery Date.",
            "delivery",
        ),
        # A determination is no termination; a defect claimed is a defect, a claim a claim.
        (
            "Supplier shall notify Distributor within forty-eight (48) hours after making a"
            " determination to recall any Product.",
            "other_event",
        ),
        (
            "Distributor shall notify Supplier within thirty (30) days after Distributor first"
            " becomes aware of the claimed defect.",
            "awareness",
        ),
        (
            "Distributor shall notify Supplier within thirty (30) days after it becomes aware of"
            " the claim.",
            "claim_known",
        ),
        # "after the Term" is after its end; "such date" is the date of the event named before;
        # a party named by what it may do ("the terminating Party") is no event; insurance
        # this Agreement requires is cancelled as cover, not as the contract.
        (
            "Records shall be maintained for two (2) years after the Term.",
            "term_end",
        ),
        (
            "Upon expiration or termination of this Agreement, Sponsor shall remove its equipment"
            " within forty-five (45) days after such date.",
            "termination_effective",
        ),
        (
            "This right lapses if not exercised within thirty (30) days after the terminating"
            " Party learns of the Reputation Event.",
            "awareness",
        ),
        (
            "The insurance required by this Agreement shall provide for at least thirty (30)"
            " days' written notice to Operator before any cancellation.",
            "policy_cancellation",
        ),
        # Ordinary words that name none of those events: a policy of another kind, cover kept
        # after the contract ends, an investigation or a bank account opened, equipment on
        # hire, a bid withdrawn, a person charged with a crime, a customer referred.
        (
            "Customer shall comply with the Acceptable Use Policy, and Provider shall delete"
            " Customer Data within thirty (30) days after termination.",
            "termination_effective",
        ),
        (
            "Licensee shall maintain product liability insurance coverage for three (3) years"
            " after termination.",
            "termination_effective",
        ),
        (
            "Supplier shall report its findings within ten (10) days after the opening of the"
            " investigation.",
            "other_event",
        ),
        (
            "The Hirer shall return the equipment within two (2) days after the end of the hire.",
            "other_event",
        ),
        (
            "Supplier shall confirm in writing within five (5) days after the partner withdraws"
            " its bid.",
            "other_event",
        ),
        (
            "Supplier shall replace the Key Person within ten (10) days after any Key Person is"
            " charged with a felony.",
            "other_event",
        ),
        (
            "Reseller shall pay the referral fee within thirty (30) days after the customer is"
            " referred.",
            "other_event",
        ),
        # The agreement that "it" ends, and a matter referred up.
        (
            "The Reseller shall keep its records of sales under this Agreement for 12 months"
            " after it ends.",
            "term_end",
        ),
        (
            "The senior executives must meet within 15 Business Days of the referral.",
            "escalation",
        ),
    ],
)
def test_an_event_of_the_business_s_life(sentence: str, anchor: str) -> None:
    assert _anchors(sentence) == [anchor]


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # Notice before a period starts is notice to the end of the one before it; after its
        # start, no period end is the anchor.
        (
            "The Company shall deliver a forecast no later than 15 days before such quarter"
            " begins.",
            "quarter_end",
        ),
        (
            "The Manager shall submit the budget not later than sixty (60) days before the"
            " beginning of each Fiscal Year.",
            "year_end",
        ),
        (
            "Licensor shall announce any fee change not less than forty-five (45) days before the"
            " start of each Support Year.",
            "contract_year_end",
        ),
        (
            "The Company shall pay the fee within fifteen (15) days after the beginning of each"
            " calendar quarter.",
            "other_event",
        ),
    ],
)
def test_the_start_of_a_period(sentence: str, anchor: str) -> None:
    assert _anchors(sentence) == [anchor]


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # A bare "receipt" is of the thing named before it, else the one just after; a thing
        # of no known kind is received, not delivered; an "offer to notify" is an offer.
        (
            "Distributor shall accept or reject each purchase order within five (5) business"
            " days after receipt.",
            "order_received",
        ),
        (
            "Carrier shall accept or reject within four (4) hours after receipt for all other"
            " Tenders.",
            "order_received",
        ),
        (
            "Supplier shall respond within fifteen (15) Business Days after receiving the"
            " findings.",
            "receipt",
        ),
        (
            "Franchisor shall have thirty (30) days after receipt of the offer to notify"
            " Franchisee whether it elects to purchase.",
            "receipt",
        ),
        (
            "Licensee shall dispute an invoice and notify Licensor in writing within 10 business"
            " days of receipt.",
            "invoice_received",
        ),
    ],
)
def test_a_thing_received(sentence: str, anchor: str) -> None:
    assert _anchors(sentence) == [anchor]


def _read(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    parties = (
        'This Agreement is between Trellwood Chemicals Inc. ("Supplier") and Quillon Home LLC'
        ' ("Company").\n\n'
    )
    extraction = extract_document(Document(text=parties + text, format="txt"), source="test")
    return [
        (ob.party, str(ob.period) if ob.period else None, ob.recurrence, ob.anchor)
        for ob in extraction.obligations
    ]


def test_an_act_repeated_in_a_clause_of_its_own_stands_beside_the_sentence_s_deadline() -> None:
    # The review each quarter binds no named party but recurs in its own clause, before the
    # Supplier's deadline; both come out, in the order the sentence states them.
    text = (
        "5.4 The indexed prices will be reviewed each calendar quarter; provided that no"
        " adjustment shall be made unless Supplier has delivered supporting documentation no"
        " later than 15 days before such quarter begins.\n"
    )
    assert _read(text) == [
        ("both", None, "quarterly", None),
        ("provider", "15 days", "quarterly", "quarter_end"),
    ]


def test_a_deadline_inside_the_repeated_act_s_own_clause_is_the_only_reading() -> None:
    # Counterexample: the quarterly report's deadline sits in its clause; no second duty.
    text = "5.5 The stock report shall be delivered each quarter within 15 days after it ends.\n"
    assert [(party, period) for party, period, _, _ in _read(text)] == [("both", "15 days")]
