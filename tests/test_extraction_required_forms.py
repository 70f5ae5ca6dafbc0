"""A form the contract requires of a thing: "Notices must be in writing", "Each invoice must
include the load number". It binds whoever sends the thing: the party that owns it, else either
side for writing, else the party the text is about; a definition that "shall include" binds no
one."""

from __future__ import annotations

from obligations.extraction.model import Document
from obligations.extraction.pipeline import extract_document

_PARTIES = (
    'This Lease is made between Larkspur Commons LLC ("Landlord") and Brazos Ridge Wellness, LLC'
    ' ("Tenant").\n\n'
)


def _duties(text: str) -> list[tuple[str, str]]:
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    return [(ob.party, ob.quote) for ob in extraction.obligations if ob.period is None]


def test_writing_required_of_notices_binds_either_side() -> None:
    assert _duties("20.1 All notices under this Lease must be in writing.\n") == [
        ("both", "20.1 All notices under this Lease must be in writing.")
    ]
    assert _duties("20.1 Notices shall be given in writing to the addresses below.\n") == [
        ("both", "20.1 Notices shall be given in writing to the addresses below.")
    ]


def test_a_thing_a_party_owns_binds_that_party() -> None:
    text = "12.2 Tenant's request for consent must be in writing.\n"
    assert _duties(text) == [("customer", text.strip())]


def test_what_a_document_must_hold_binds_whoever_the_text_is_about() -> None:
    text = (
        "6.1 Tenant shall pay the Rent monthly. Each statement must include the Gross Sales of the"
        " month.\n"
    )
    assert [party for party, _ in _duties(text)] == ["customer", "customer"]
    assert _duties("6.2 Each invoice shall include the Lease number.\n") == [
        ("both", "6.2 Each invoice shall include the Lease number.")
    ]


def test_a_definition_that_includes_binds_no_one() -> None:
    # Counterexample: "shall include" after a word the contract defines, not a document.
    assert _duties('1.4 "Force Majeure" shall include fire, flood and strikes.\n') == []
    assert _duties("1.5 The masculine shall include the feminine.\n") == []


def test_a_thing_forbidden_binds_as_a_must_does() -> None:
    # "may not be <done>" and "No <thing> may ..." forbid an act; the party is the one the text
    # is about, else either side.
    assert _duties("14.1 This Lease may not be amended except in a writing signed by both.\n") == [
        ("both", "14.1 This Lease may not be amended except in a writing signed by both.")
    ]
    assert [party for party, _ in _duties("7.3 No increase may exceed five percent (5%).\n")] == [
        "both"
    ]
    assert [party for party, _ in _duties("8.2 No Tenant may sublet the Premises.\n")] == [
        "customer"
    ]


def test_a_denied_thing_that_states_a_meaning_binds_no_one() -> None:
    # Counterexample: boilerplate on what a waiver or a heading does is no duty.
    assert _duties("22.1 No waiver shall affect any other right under this Lease.\n") == []
    assert _duties("22.2 The headings shall not affect the meaning of this Lease.\n") == []


def test_the_recipient_of_confidential_information_is_either_side_unless_a_party_is_so_called() -> (
    None
):
    text = "15.2 The Recipient shall return all Confidential Information on request.\n"
    assert [party for party, _ in _duties(text)] == ["both"]
    defined = (
        'This Agreement is between Solace Robotics, Inc. ("Company") and Tidewater Ventures LLC'
        ' ("Recipient").\n\n'
        "2. The Recipient shall return all Confidential Information on request.\n"
    )
    extraction = extract_document(Document(text=defined, format="txt"), source="test")
    assert [ob.party for ob in extraction.obligations] == ["customer"]


def test_obligations_that_continue_after_the_end_are_a_time_rule_without_a_modal() -> None:
    text = (
        "11.2 These obligations continue for five (5) years after this Lease ends.\n"
        "11.3 The Premises continue for two (2) years as a retail store under the zoning plan.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    timed = [(ob.party, ob.period, ob.anchor) for ob in extraction.obligations if ob.period]
    # Counterexample: a thing that lasts states no one's obligation.
    assert [(party, str(period), anchor) for party, period, anchor in timed] == [
        ("both", "5 years", "term_end")
    ]


def test_an_act_obtained_each_contract_year_recurs() -> None:
    text = "9.3 Each Contract Year, Tenant shall obtain an inspection report for the roof.\n"
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    assert [(ob.party, ob.recurrence) for ob in extraction.obligations] == [
        ("customer", "annually")
    ]


def test_a_day_of_the_calendar_in_each_period_makes_a_deadline_recur() -> None:
    text = (
        "7.1 Landlord shall repaint the facade no later than September 15 of each Lease Year.\n"
        "7.2 Rent for each Lease Year shall be paid in four (4) equal installments due on the"
        " fifteenth (15th) day of March, June, September and December.\n"
        "7.3 On the first day of each Lease Year, the Minimum Rent shall increase by three"
        " percent (3%).\n"
        # Counterexample: one date, however it is written, comes round once.
        "7.4 Landlord shall repaint the lobby no later than September 15, 2025.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    assert [(ob.clause_ref, ob.party, ob.recurrence) for ob in extraction.obligations] == [
        ("7.1", "provider", "annually"),
        ("7.2", "customer", "quarterly"),
        ("7.3", "both", "annually"),
        ("7.4", "provider", None),
    ]


def test_a_price_per_period_is_no_rhythm_where_a_payment_per_period_is() -> None:
    text = (
        "8.1 Landlord will make a storage room available at a rate of $50 per day.\n"
        "8.2 Tenant shall pay to Landlord $4,000 per month as Minimum Rent.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    assert [(ob.quote[:3], ob.recurrence) for ob in extraction.obligations] == [
        ("8.1", None),
        ("8.2", "monthly"),
    ]


def test_interest_a_share_of_a_monthly_sum_or_a_daily_proration_is_no_rhythm() -> None:
    text = (
        "9.1 If any Rent is more than ten (10) days past due, Tenant shall pay on demand a late"
        " charge plus interest at one and one-half percent (1.5%) per month.\n"
        "9.2 For each day of the Interim Period, Tenant shall pay rent equal to one-thirtieth of"
        " the Monthly Rent.\n"
        "9.3 Tenant shall pay holdover rent at 125% of the Monthly Rent, prorated daily.\n"
        # Counterexample: the act itself repeated each month.
        "9.4 Tenant shall pay the Monthly Rent monthly in advance.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    assert [(ob.quote[:3], ob.recurrence) for ob in extraction.obligations if not ob.period] == [
        ("9.1", None),
        ("9.2", None),
        ("9.3", None),
        ("9.4", "monthly"),
    ]


def test_a_right_that_lasts_a_while_after_the_end_the_sentence_opens_with() -> None:
    text = (
        "10.1 Upon expiration or termination of this Lease, Tenant may for ninety (90) days"
        " sell off its remaining stock at the Premises.\n"
        # Counterexample: a prohibition with "for" names no time.
        "10.2 Upon termination, Tenant may not use the Landlord's marks for any purpose.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    timed = [(ob.party, str(ob.period), ob.anchor) for ob in extraction.obligations if ob.period]
    assert timed == [("customer", "90 days", "termination_effective")]


def test_review_counterexamples_for_rates_definitions_and_receipts() -> None:
    text = (
        # A royalty per quarter is paid each quarter; a definition that "must include" binds no
        # one; a thing named in the next clause is not what a bare receipt received.
        "11.1 Tenant shall pay a royalty of five percent (5%) of Net Sales per quarter.\n"
        '11.2 "Force Majeure" must include an act of God.\n'
        "11.3 Landlord shall acknowledge each complaint within two (2) days after receipt and"
        " shall resolve it before the next order ships.\n"
    )
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    assert [(ob.quote[:4], ob.recurrence, ob.anchor) for ob in extraction.obligations] == [
        ("11.1", "quarterly", None),
        ("11.3", None, "receipt"),
    ]
