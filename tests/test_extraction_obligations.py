"""Obligations and parties read from contract language (pure, no database).

Every snippet here is written for these tests; none is copied from the seeds or CUAD.
"""

from __future__ import annotations

from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations, find_parties
from obligations.extraction.model import Clause, Obligation, Party, Period


def _extract(text: str) -> list[Obligation]:
    return find_obligations(text, split_clauses(text), find_parties(text))


def _timed(text: str) -> list[Obligation]:
    return [ob for ob in _extract(text) if ob.period is not None or ob.recurrence is not None]


def _only_timed(text: str) -> Obligation:
    timed = _timed(text)
    assert len(timed) == 1, [(ob.period, ob.quote) for ob in timed]
    return timed[0]


def test_payment_after_invoice_receipt() -> None:
    ob = _only_timed(
        "Client shall pay each undisputed invoice within forty-five (45) days after receipt."
        " Invoices are issued electronically."
    )
    assert (ob.party, ob.period, ob.relation) == ("customer", Period(45, "days"), "after")
    assert ob.kind == "payment"
    assert ob.summary.startswith("Pay each undisputed invoice within 45 days")


def test_passive_payment_term_is_the_customers() -> None:
    ob = _only_timed(
        "All amounts invoiced are due and payable net thirty (30) days from invoice date."
    )
    assert (ob.party, ob.period, ob.anchor) == ("customer", Period(30, "days"), "invoice_issued")


def test_fronted_deadline_belongs_to_the_subject_after_it() -> None:
    text = (
        "The Supplier keeps backups. Within ten (10) business days after the end of each calendar"
        " quarter, the Licensee shall deliver a royalty statement to the Licensor."
    )
    ob = _only_timed(text)
    assert ob.party == "customer"
    assert (ob.period, ob.relation, ob.anchor) == (
        Period(10, "business_days"),
        "after",
        "quarter_end",
    )
    assert ob.recurrence == "quarterly"
    assert ob.kind == "reporting"


def test_renewal_notice_before_term_end_recurs_with_the_term() -> None:
    ob = _only_timed(
        "This Agreement renews automatically for successive one-year periods unless either party"
        " gives written notice of non-renewal at least sixty (60) days before the end of the"
        " then-current term."
    )
    assert (ob.party, ob.period, ob.relation) == ("both", Period(60, "days"), "before")
    assert (ob.anchor, ob.recurrence, ob.kind) == ("term_end", "annually", "renewal_notice")


def test_renewal_for_periods_of_a_counted_number_of_months_recurs() -> None:
    yearly = _only_timed(
        "Thereafter the Contract shall be extended for further periods of twelve (12) months"
        " unless either party gives three (3) months' written notice of non-renewal before"
        " the end of the then-current term."
    )
    assert (yearly.period, yearly.recurrence) == (Period(3, "months"), "annually")
    monthly = _only_timed(
        "The subscription renews for successive periods of one (1) month unless the Customer"
        " cancels it at least seven (7) days before the end of the current period."
    )
    assert (monthly.period, monthly.recurrence) == (Period(7, "days"), "monthly")


def test_anchor_of_a_reply_is_what_it_answers() -> None:
    ob = _only_timed(
        "The Vendor shall reply within four (4) hours to every service request raised by telephone."
    )
    assert (ob.period, ob.anchor) == (Period(4, "hours"), "request_received")


def test_anchor_from_a_condition_stated_before_the_main_clause() -> None:
    closed = _only_timed(
        "If a member closes their account, we shall erase the stored photographs within"
        " ninety (90) days."
    )
    assert (closed.period, closed.anchor) == (Period(90, "days"), "account_closed")
    ended = _only_timed(
        "Following termination of this Agreement, the Licensor shall keep the archive open"
        " for fourteen (14) days, after which the Licensor shall destroy it."
    )
    assert (ended.period, ended.relation, ended.anchor) == (
        Period(14, "days"),
        "after",
        "termination_effective",
    )


def test_termination_on_notice_counts_back_from_the_termination() -> None:
    ob = _only_timed(
        "Vendor may terminate this Agreement upon ninety (90) days' prior written notice."
    )
    assert (ob.party, ob.period, ob.relation, ob.anchor) == (
        "provider",
        Period(90, "days"),
        "before",
        "termination_effective",
    )
    assert ob.kind == "termination_notice"


def test_notice_before_a_change_takes_effect() -> None:
    ob = _only_timed(
        "We will tell you about any price change no later than 30 days before it takes effect."
    )
    assert (ob.party, ob.relation, ob.anchor) == ("provider", "before", "change_effective")


def test_advance_notice_of_a_replacement_is_a_change_notice() -> None:
    ob = _only_timed(
        "The Host shall notify the Client of any planned replacement of a data centre at least"
        " forty-five (45) days in advance."
    )
    assert (ob.party, ob.period, ob.anchor) == ("provider", Period(45, "days"), "change_effective")


def test_two_time_rules_in_one_line_become_two_obligations() -> None:
    text = "Support levels:\n(a) Critical incidents: response time: 2 hours / resolution time: 1 business day\n"
    timed = _timed(text)
    assert [(ob.period, ob.kind) for ob in timed] == [
        (Period(2, "hours"), "response_time"),
        (Period(1, "business_days"), "recovery_time"),
    ]
    assert {ob.party for ob in timed} == {"provider"}
    assert all(ob.relation == "after" and ob.anchor == "error_reported" for ob in timed)


def test_limitation_period_is_kept_by_the_claimant() -> None:
    ob = _only_timed(
        "Claims against the Supplier for defects expire within eighteen months of delivery."
    )
    assert (ob.party, ob.period, ob.kind) == ("customer", Period(18, "months"), "limitation")
    assert ob.anchor == "delivery"


def test_periods_that_are_not_deadlines() -> None:
    text = (
        "The initial term of this Agreement is three (3) years from the Effective Date. "
        "The Provider's liability is limited to the fees paid in the twelve (12) months preceding"
        " the claim. Support is available 24 hours a day. "
        "Any notice is deemed received two (2) business days after posting. "
        "The Agreement shall continue for a period of two years from the Effective Date."
    )
    assert _timed(text) == []


def test_pronoun_takes_the_party_named_before_it() -> None:
    ob = _only_timed(
        "If the Licensee disagrees with an update, it may object within fourteen days of being"
        " notified."
    )
    assert (ob.party, ob.relation, ob.anchor) == ("customer", "after", "notice_received")


def test_coordinated_parties_are_both() -> None:
    ob = _only_timed(
        "The Reseller or the Vendor may end the agreement by giving at least one month's notice."
    )
    assert ob.party == "both"


def test_receipt_of_a_thing_names_the_anchor() -> None:
    ob = _only_timed(
        "The Supplier shall confirm in writing within 2 business days of receipt of each purchase"
        " order."
    )
    assert ob.anchor == "order_received"


def test_monthly_duty_without_a_period_recurs() -> None:
    ob = _only_timed("The Distributor shall send a stock report to the Supplier every month.")
    assert (ob.party, ob.period, ob.recurrence) == ("customer", None, "monthly")


def test_a_right_that_recurs_is_not_a_timed_duty() -> None:
    assert _timed("The Provider may adjust its list prices annually.") == []


def test_undated_duties_and_prohibitions_with_their_party() -> None:
    text = (
        "You must keep your password secret. We will host the service in the EU. "
        "Each party shall comply with applicable export laws. "
        "The customer is prohibited from reselling the service."
    )
    found = {(ob.quote.split()[0], ob.party, ob.kind) for ob in _extract(text)}
    assert ("You", "customer", "duty") in found
    assert ("We", "provider", "duty") in found
    assert ("Each", "both", "duty") in found
    assert ("The", "customer", "prohibition") in found
    assert all(ob.period is None for ob in _extract(text))


def test_list_items_inherit_the_lead_in() -> None:
    text = "You may not:\n\n1. resell the service;\n2. probe the network for weaknesses.\n\nWe reply quickly."
    items = [ob for ob in _extract(text) if ob.quote[:1].isdigit()]
    assert [(ob.party, ob.kind) for ob in items] == [
        ("customer", "prohibition"),
        ("customer", "prohibition"),
    ]


def _roles(text: str) -> dict[str, str]:
    """Every name a party goes by, with its role."""
    return {name: party.role for party in find_parties(text) for name in party.names}


def test_evidence_offsets_point_into_the_text() -> None:
    text = "Preamble.\n\n4. Payment\n\nLicensee shall pay all fees within 30 days of invoice.\n"
    clauses = [Clause(ref="4", heading="Payment", start=11, end=len(text))]
    obligations = find_obligations(text, clauses, find_parties(text))
    assert obligations
    for ob in obligations:
        assert text[ob.start : ob.end] == ob.quote
        assert ob.clause_ref == "4"
        assert 0 < ob.confidence <= 1


def test_parties_defined_in_the_preamble() -> None:
    text = (
        'This agreement is made between Northwind Hosting GmbH, Hauptstrasse 1, Berlin (the "Provider")'
        ' and Fabrikam Ltd. ("Client").\nNorthwind shall keep the servers patched.'
    )
    parties = _roles(text)
    assert parties["Provider"] == "provider"
    assert parties["Client"] == "customer"
    assert parties["Northwind Hosting GmbH"] == "provider"
    assert parties["Fabrikam Ltd."] == "customer"
    duty = [ob for ob in _extract(text) if ob.quote.startswith("Northwind")]
    assert [ob.party for ob in duty] == ["provider"]


def test_a_bare_label_defined_right_after_a_company_name_is_a_party() -> None:
    text = (
        'This Agreement is made by and between Harbourline Medical, Inc. ("Company") and'
        ' Quillfeather Partners LLP ("Discloser").\n\n'
        "4. Duties. The Discloser shall keep the samples in a locked cabinet. The Discloser"
        " shall inform the Company without delay of any loss."
    )
    parties = _roles(text)
    assert parties["Discloser"] == parties["Quillfeather Partners LLP"] == "customer"
    assert parties["Company"] == "provider"
    duties = [(ob.party, ob.summary.split()[0]) for ob in _extract(text)]
    assert duties == [("customer", "Keep"), ("customer", "Inform")]


def test_the_agent_of_an_event_does_not_owe_a_deadline_after_a_comma() -> None:
    text = (
        'Brightmoor Ltd ("Supplier") and Osprey Foods plc ("Buyer") agree as follows.\n'
        "The Buyer shall collect all pallets, including damaged ones, within five (5) days of"
        " a written demand by the Supplier."
    )
    assert _only_timed(text).party == "customer"


def test_company_is_the_customer_when_a_supplier_is_defined() -> None:
    text = (
        'Globex Inc. ("Company") engages Initech LLC ("Consultant").\nCompany shall pay the fees.'
    )
    roles = _roles(text)
    assert roles["Consultant"] == "provider"
    assert roles["Company"] == "customer"
    assert [ob.party for ob in _extract(text) if "pay" in ob.quote] == ["customer"]


def test_we_and_you_default_to_vendor_and_customer() -> None:
    obligations = find_obligations(
        "We will restore service within 4 hours. You will report outages promptly.",
        [],
        [Party(name="Provider", role="provider")],
    )
    assert [(ob.party, ob.period) for ob in obligations] == [
        ("provider", Period(4, "hours")),
        ("customer", None),
    ]


def test_disclaimers_and_how_the_contract_reads_are_not_duties() -> None:
    text = (
        "The Supplier shall not be liable for indirect damages. "
        "This Agreement shall be construed under the laws of Ireland. "
        "Each counterpart shall be deemed an original. "
        "Disputes shall be settled by arbitration."
    )
    assert _extract(text) == []


def test_a_state_that_recurs_is_not_a_timed_duty() -> None:
    text = "The Reseller shall receive two free licences each month."
    assert _timed(text) == []
    assert [ob.party for ob in _extract(text)] == ["customer"]


def test_service_level_tables_and_lists_give_one_rule_per_time() -> None:
    text = (
        "Support\n\n"
        "| Priority | Response time | Resolution time |\n"
        "|---|---|---|\n"
        "| Urgent | 30 minutes | 8 hours |\n"
        "| Low | 1 business day | 10 business days |\n\n"
        "Severity B: 2 hours response, 3 business days resolution.\n"
        "Reaction times: Blocking – 1 hour; Minor – 1 day.\n"
    )
    rules = [(ob.period, ob.kind, ob.party, ob.anchor) for ob in _timed(text)]
    assert rules == [
        (Period(0.5, "hours"), "response_time", "provider", "error_reported"),
        (Period(8, "hours"), "recovery_time", "provider", "error_reported"),
        (Period(1, "business_days"), "response_time", "provider", "error_reported"),
        (Period(10, "business_days"), "recovery_time", "provider", "error_reported"),
        (Period(2, "hours"), "response_time", "provider", "error_reported"),
        (Period(3, "business_days"), "recovery_time", "provider", "error_reported"),
        (Period(1, "hours"), "response_time", "provider", "error_reported"),
        (Period(1, "days"), "response_time", "provider", "error_reported"),
    ]


def test_data_processing_deadlines() -> None:
    text = (
        "The Processor shall notify the Controller without undue delay, and in any event within"
        " 72 hours, after becoming aware of a breach of security.\n"
        "Service credits must be requested within 15 days after the end of the month concerned.\n"
    )
    breach, credit = _timed(text)
    assert (breach.party, breach.period, breach.relation) == (
        "provider",
        Period(72, "hours"),
        "after",
    )
    assert breach.anchor == "awareness"
    assert (credit.party, credit.anchor, credit.recurrence) == ("customer", "month_end", "monthly")
    assert len(_extract(text)) == 2


def test_payment_terms_without_an_event_count_from_the_invoice() -> None:
    ob = _only_timed("Invoices are payable 45 days net.")
    assert (ob.party, ob.period, ob.relation, ob.anchor) == (
        "customer",
        Period(45, "days"),
        "after",
        "invoice_issued",
    )


def test_condition_inside_a_sentence_keeps_its_own_subject_and_verb() -> None:
    ob = _only_timed(
        "If the Customer does not pay within 10 days of a reminder, we may suspend access."
    )
    assert ob.party == "customer"
    assert ob.summary.startswith("Pay within 10 days")


def test_notice_period_summary_names_the_notice() -> None:
    ob = _only_timed("Either party may terminate this Agreement on two (2) months' written notice.")
    assert ob.summary == "Give at least 2 months' notice of termination"


def test_evidence_in_a_run_on_sentence_is_the_part_around_the_rule() -> None:
    filler = "the parties record the following matters of general background, " * 30
    text = (
        f"Recitals: {filler}; the Licensee shall pay the licence fee within sixty (60) days of"
        f" the invoice date; {filler}."
    )
    ob = _only_timed(text)
    assert ob.quote.startswith("the Licensee shall pay")
    assert ob.quote.rstrip(";").endswith("invoice date")
    assert text[ob.start : ob.end] == ob.quote


def test_hard_wrapped_lines_are_read_as_one_sentence() -> None:
    text = (
        "7. Payment\n\nThe Licensee shall pay each invoice within thirty\n(30) days after receipt,"
        " and shall notify the Licensor of any\ndispute within ten days of receipt.\n"
    )
    pay, dispute = _timed(text)
    assert (pay.party, pay.period, pay.anchor) == (
        "customer",
        Period(30, "days"),
        "invoice_received",
    )
    assert (dispute.party, dispute.period) == ("customer", Period(10, "days"))
    assert pay.quote.startswith("The Licensee shall pay") and pay.quote.endswith("of receipt.")


def test_a_full_line_that_breaks_inside_a_defined_term_goes_on_in_the_next() -> None:
    # "the Escalation\nNotice." is one sentence however the line wraps; a line that ends an item
    # without a stop and a next line opening a sentence ("An error ...") stay apart.
    text = (
        'This Agreement is between Halvard Motors, Inc. ("Supplier") and Quillon Trading LLC'
        ' ("Buyer").\n\n'
        "7.3 Mediation. If the Deadlock is not resolved, the parties shall submit the matter to\n"
        "mediation. The mediation shall commence within forty-five (45) days after the Escalation\n"
        "Notice. The costs of the mediator shall be shared equally.\n\n"
        "(a) Errors that prevent operation: response time: 8 hours / recovery time: 24 hours\n"
        "An error prevents operation if the Products cannot be used for their main purposes.\n"
    )
    mediation, response, recovery = _timed(text)
    assert mediation.period == Period(45, "days")
    assert mediation.quote.endswith("after the Escalation\nNotice.")
    assert response.quote.endswith("recovery time: 24 hours")
    assert recovery.quote == response.quote


def test_a_full_line_that_could_end_an_item_stays_apart_from_a_next_line_opening_a_clause() -> None:
    # A line that stops on a content word ("each order", "4 hours") and a next line that opens
    # a clause of its own (a name and "shall", a label and its colon) are two sentences; the
    # same next line after "the" or a comma goes on with the line before.
    text = (
        'This Agreement is between Halvard Motors, Inc. ("Supplier") and Quillon Trading LLC'
        ' ("Buyer").\n\n'
        "4.1 Supplier shall deliver the Products within ten (10) days after receipt of each order\n"
        "Buyer shall pay each invoice within thirty (30) days after the date of the invoice.\n\n"
        "Priority 1 incidents: Supplier shall respond within one (1) hour of the report, all day\n"
        "Priority 2 incidents: Supplier shall respond within four (4) hours of the report.\n\n"
        "9.2 A notice of a late delivery that is given under this Section on behalf of the\n"
        "Buyer will take effect two (2) Business Days after it is sent.\n"
    )
    deliver, pay, respond1, respond2, notice = _timed(text)
    assert deliver.quote.endswith("receipt of each order")
    assert (deliver.party, deliver.period) == ("provider", Period(10, "days"))
    assert pay.quote.startswith("Buyer shall pay")
    assert (pay.party, pay.period) == ("customer", Period(30, "days"))
    assert respond1.quote.endswith("all day") and respond1.period == Period(1, "hours")
    assert respond2.quote.startswith("Priority 2 incidents:")
    assert respond2.period == Period(4, "hours")
    assert notice.quote.startswith("9.2 A notice") and notice.quote.endswith("after it is sent.")


def test_a_line_that_stops_on_a_number_in_brackets_goes_on_in_the_next() -> None:
    # "at least ten (10)\nBusiness Days" is one sentence; a page footer that ends on a bare
    # number ("Page 6 of 75") stays apart from the clause under it.
    text = (
        'This Agreement is between Halvard Motors, Inc. ("Franchisor") and Quillon Studios LLC'
        ' ("Franchisee").\n\n'
        "5.3 Franchisee shall deliver the proposed lease to Franchisor for review at least ten (10)\n"
        "Business Days before signing it.\n\n"
        "Halvard Motors Franchise Agreement - Confidential - Page 6 of 75\n"
        "5.4 Franchisee shall open the Studio within two hundred seventy (270) days after signing"
        " the lease.\n"
    )
    review, opening = _timed(text)
    assert review.quote.startswith("5.3 Franchisee") and review.quote.endswith("signing it.")
    assert (review.period, review.relation) == (Period(10, "business_days"), "before")
    assert opening.quote.startswith("5.4 Franchisee")


def test_a_party_that_has_a_number_of_days() -> None:
    ob = _only_timed("You have 20 days from the invoice date to dispute a charge.")
    assert (ob.party, ob.period, ob.relation, ob.anchor) == (
        "customer",
        Period(20, "days"),
        "after",
        "invoice_issued",
    )


def test_durations_that_only_say_how_long_something_lasts() -> None:
    text = (
        "We keep access logs for 30 days. The free trial lasts 14 days. "
        "Availability is measured over a calendar month. "
        "The subscription has a minimum term of 12 months."
    )
    assert _timed(text) == []


def test_a_passive_billing_statement_recurs_for_the_side_that_acts() -> None:
    invoiced = _only_timed("4.1 Support fees are invoiced annually in advance.")
    assert (invoiced.party, invoiced.recurrence, invoiced.period) == ("provider", "annually", None)
    paid = _only_timed("4.2 Hosting charges shall be paid monthly in arrears.")
    assert (paid.party, paid.recurrence) == ("customer", "monthly")


def test_a_passive_billing_statement_without_a_recurrence_is_not_timed() -> None:
    assert _timed("All amounts are invoiced in euros and are payable by bank transfer.") == []


def test_a_period_counted_from_a_request_anchors_on_the_request() -> None:
    ob = _only_timed(
        "The Supplier shall provide a copy of its insurance certificate within seven (7) days"
        " of a written request by the Client."
    )
    assert (ob.party, ob.period, ob.relation, ob.anchor) == (
        "provider",
        Period(7, "days"),
        "after",
        "request_received",
    )


def test_a_period_counted_from_a_purchase_is_not_the_receipt_that_follows() -> None:
    ob = _only_timed("You may return the device within 30 days of purchase and receive a refund.")
    assert (ob.party, ob.anchor) == ("customer", "purchase")


CAPITALS = (
    'HOSTING AGREEMENT between Skyway Hosting Inc. ("Provider") and Larkspur Ltd ("Customer").\n\n'
    "4. CUSTOMER AGREES TO PAY FOR THE SERVICES WITHIN THIRTY (30) DAYS AFTER RECEIPT OF AN"
    " INVOICE, except that Provider will invoice Additional Fees in the month after they accrue."
)


def test_a_party_named_in_capitals_acts_in_a_sentence_that_goes_on_in_lower_case() -> None:
    assert _only_timed(CAPITALS).party == "customer"


def test_a_party_named_in_ordinary_case_is_read_as_before() -> None:
    ordinary = CAPITALS.replace("CUSTOMER AGREES TO PAY", "Customer agrees to pay")
    assert _only_timed(ordinary).party == "customer"
