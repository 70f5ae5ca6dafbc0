"""Who keeps a time rule, and which sentences bind a party at all (pure, no database).

Each reading comes with its general case and a counterexample that must not change. Every
snippet is written for these tests.
"""

from __future__ import annotations

import pytest

from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations, find_parties
from obligations.extraction.model import Obligation, Period

_PARTIES = (
    'This Agreement is between Acme Software Inc. ("Provider") and Beta Corp ("Customer").\n\n'
)
_YOU_TERMS = (
    'These Terms are an agreement between Acme Software Inc. ("Acme", "we", "us") and you'
    ' ("you", "your").\n\n'
)


def _extract(text: str) -> list[Obligation]:
    return find_obligations(text, split_clauses(text), find_parties(text))


def _timed(text: str) -> list[Obligation]:
    return [ob for ob in _extract(text) if ob.period is not None]


def _only_timed(text: str) -> Obligation:
    timed = _timed(text)
    assert len(timed) == 1, [(ob.party, ob.period, ob.quote) for ob in timed]
    return timed[0]


def _untimed(text: str) -> list[tuple[str, str]]:
    return [(ob.party, ob.kind) for ob in _extract(text) if ob.period is None]


# Modal vocabulary: contractions, "should", "remains liable", a responsibility "to".


def test_contracted_modals_bind_the_reader() -> None:
    text = _YOU_TERMS + "You'll pay each invoice within thirty (30) days after the invoice date."
    ob = _only_timed(text)
    assert (ob.party, ob.period, ob.anchor) == ("customer", Period(30, "days"), "invoice_issued")


@pytest.mark.parametrize("negation", ["won't", "can't", "shan't", "mustn't"])
def test_contracted_negations_are_prohibitions(negation: str) -> None:
    text = _YOU_TERMS + f"You {negation} share your password with anyone outside your company."
    assert _untimed(text) == [("customer", "prohibition")]


def test_contraction_in_a_quotation_is_not_a_modal() -> None:
    # "Customer's" is a possessive, not "Customer is".
    text = _PARTIES + "Customer's account manager is listed in the order form."
    assert _extract(text) == []


def test_should_states_a_duty() -> None:
    text = (
        _PARTIES
        + "Customer should notify Provider of any defect within ten (10) days after delivery."
    )
    ob = _only_timed(text)
    assert (ob.party, ob.period, ob.anchor) == ("customer", Period(10, "days"), "delivery")


def test_conditional_should_is_not_the_providers_duty() -> None:
    text = (
        _PARTIES + "Should Customer fail to pay within thirty (30) days after the invoice date,"
        " Provider may suspend the Services."
    )
    ob = _only_timed(text)
    assert ob.party == "customer"


def test_remains_liable_binds_the_subject() -> None:
    text = (
        _PARTIES
        + "Customer remains fully liable for payment of all fees within thirty (30) days after invoice."
    )
    assert _only_timed(text).party == "customer"


def test_possessive_responsibility_binds_the_possessor() -> None:
    provider = (
        _PARTIES + "It is Provider's responsibility to restore the Service within four (4) hours"
        " after an outage is reported."
    )
    customer = _PARTIES + "It is Customer's sole responsibility to back up its data."
    assert _only_timed(provider).party == "provider"
    assert _untimed(customer) == [("customer", "duty")]


def test_being_responsible_for_a_thing_without_an_act_is_still_a_duty_of_the_subject() -> None:
    text = _PARTIES + "Customer remains responsible for its users."
    assert _untimed(text) == [("customer", "duty")]


# Subjects the modal does not follow directly.


def test_a_modal_joined_by_and_keeps_the_first_verbs_subject() -> None:
    text = (
        _PARTIES
        + "Provider has given and will only give ten (10) days' notice of any price change."
    )
    ob = _only_timed(text)
    assert (ob.party, ob.relation) == ("provider", "before")


def test_passive_duty_binds_its_agent() -> None:
    text = (
        _PARTIES + "The Order Form may not be assigned by Customer without consent given within"
        " thirty (30) days after a request."
    )
    assert _only_timed(text).party == "customer"


def test_an_agent_inside_a_noun_phrase_is_not_the_subject() -> None:
    # "a plan approved by Provider": Provider approved the plan; Customer implements it.
    text = (
        _PARTIES + "Customer shall implement a security plan approved by Provider within thirty"
        " (30) days after the Effective Date."
    )
    assert _only_timed(text).party == "customer"


# Orders to the reader in terms written to "you".


def test_an_order_to_you_binds_the_reader() -> None:
    text = (
        _YOU_TERMS
        + "Make sure you tell us about a billing error within sixty (60) days after the charge."
    )
    obligations = _extract(text)
    assert [(ob.party, ob.period) for ob in obligations] == [("customer", Period(60, "days"))]


def test_a_negative_order_is_a_prohibition_of_the_reader() -> None:
    text = _YOU_TERMS + "Don't share your password with anyone outside your company."
    assert _untimed(text) == [("customer", "prohibition")]


def test_without_a_you_party_an_imperative_binds_no_one() -> None:
    # Contracts between named companies have no reader to order about.
    text = _PARTIES + "Don't share your password with anyone outside your company."
    assert _extract(text) == []


# Whose period: notice to or by a party, lateness, list lead-ins, the contract lapsing.


def test_notice_to_a_party_is_given_by_the_other_side() -> None:
    text = _PARTIES + "The fees may be changed on sixty (60) days' written notice to Customer."
    assert _only_timed(text).party == "provider"


def test_notice_by_a_party_is_that_partys() -> None:
    text = (
        _PARTIES + "The Services may be cancelled on thirty (30) days' written notice by Customer."
    )
    assert _only_timed(text).party == "customer"


def test_a_debt_past_due_sets_the_creditors_time() -> None:
    text = (
        _PARTIES
        + "Provider may suspend the Services if any fees are thirty (30) days or more past due."
    )
    ob = _only_timed(text)
    assert (ob.party, ob.anchor) == ("customer", "payment_due")


def test_lateness_in_the_debtors_own_duty_stays_the_debtors() -> None:
    text = _PARTIES + "Customer shall pay interest on amounts that are thirty (30) days overdue."
    assert _only_timed(text).party == "customer"


def test_items_under_a_condition_on_a_party_are_that_partys_acts() -> None:
    text = (
        _PARTIES + "Customer may terminate this Agreement on notice if Provider:\n"
        "(a) fails to pay any late payment credit within thirty (30) days after it is due; or\n"
        "(b) becomes insolvent.\n"
    )
    assert _only_timed(text).party == "provider"


def test_items_under_a_plain_lead_in_keep_the_lead_ins_subject() -> None:
    text = (
        _PARTIES + "Customer shall:\n"
        "(a) pay each invoice within thirty (30) days after receipt; and\n"
        "(b) keep its passwords secret.\n"
    )
    assert _only_timed(text).party == "customer"


def test_items_under_a_lead_in_that_binds_without_a_modal_are_its_subjects_duties() -> None:
    text = (
        _PARTIES + "5. Covenants. The Customer agrees with the Provider:\n\n"
        "(a) To keep complete records of every installation; and\n\n"
        "(b) During a period of three years from the Go-Live Date, to deliver to the Provider"
        " copies of every audit report it receives.\n\n"
        "(c) During the Term, not to resell the Software.\n"
    )
    found = _extract(text)
    timed = [ob for ob in found if ob.period is not None]
    assert [(ob.party, ob.period, ob.anchor_phrase) for ob in timed] == [
        ("customer", Period(3, "years"), "the Go-Live Date")
    ]
    assert timed[0].summary.startswith("Deliver to the Provider copies of every audit report")
    undated = {ob.summary: (ob.party, ob.kind) for ob in found if ob.period is None}
    assert undated["Keep complete records of every installation"][0] == "customer"
    assert undated["Do not resell the Software"][0] == "customer"


@pytest.mark.parametrize(
    ("lead_in", "expected"),
    [
        ("The Customer shall:", [("customer", Period(3, "years"))]),
        ("The records of the Term are these:", []),  # binds nobody: a period of history
    ],
)
def test_an_item_is_bound_by_its_lead_ins_modal(lead_in: str, expected: list[object]) -> None:
    text = (
        _PARTIES + f"{lead_in}\n\n"
        "(a) the forecasts delivered to the Provider; and\n\n"
        "(b) for three (3) years after the end of the Term, every record of its use.\n"
    )
    assert [(ob.party, ob.period) for ob in _timed(text)] == expected


def test_a_page_break_inside_a_list_does_not_end_it() -> None:
    text = (
        _PARTIES + "The Customer shall:\n\n"
        "(a) deliver each forecast to the Provider with the\n\n"
        "supporting data the Provider reasonably requests; and\n\n"
        "(b) for three (3) years after the end of the Term, keep every record of its use.\n"
    )
    assert [(ob.party, ob.period) for ob in _timed(text)] == [("customer", Period(3, "years"))]


@pytest.mark.parametrize(
    "lead_in",
    [
        "The parties agree as follows:",  # the contract's opening, not a list of acts
        "The Customer acknowledges and agrees that:",  # statements, with verbs of their own
        "The Customer represents, warrants and agrees:",  # representations
        "The Customer agrees with the Provider that:",  # statements, with verbs of their own
    ],
)
def test_items_under_a_lead_in_that_binds_nobody_state_no_duty(lead_in: str) -> None:
    text = (
        _PARTIES + f"{lead_in}\n\n"
        "(a) The Software includes open-source components.\n\n"
        "(b) During a period of three years from the Go-Live Date, to the Provider's knowledge"
        " no claim was made.\n"
    )
    assert _extract(text) == []


def test_the_agreement_lapsing_after_a_time_is_both_sides() -> None:
    text = (
        _PARTIES + "Unless either party gives notice, this Agreement shall terminate automatically"
        " ninety (90) days after the last Order expires."
    )
    assert _only_timed(text).party == "both"


def test_a_duty_counted_from_the_agreement_ending_stays_the_subjects() -> None:
    text = (
        _PARTIES + "Customer shall deliver a final report to Provider within thirty (30) days"
        " after this Agreement terminates."
    )
    ob = _only_timed(text)
    assert (ob.party, ob.anchor) == ("customer", "termination_effective")


def test_a_subject_past_a_colon_does_not_own_the_rule_before_it() -> None:
    lapses = (
        _PARTIES + "This Agreement and all licences under it shall terminate no later than thirty"
        " (30) days after: (a) Customer is acquired by a third party; or (b) Provider ceases to"
        " trade."
    )
    assert _only_timed(lapses).party == "both"
    # Counterexample: after a comma, the subject that follows still binds the period.
    owned = (
        _PARTIES + "Any notice must be given within thirty (30) days, and Customer shall give it."
    )
    assert _only_timed(owned).party == "customer"


def test_money_falling_due_is_the_payers_whoever_the_sentence_names() -> None:
    named_biller = (
        _PARTIES + "Payment of Provider invoices shall be due within sixty (60) days of the"
        " invoice date."
    )
    assert _only_timed(named_biller).party == "customer"
    agent = (
        _PARTIES + "All other charges shall be invoiced by Provider and shall be due and payable"
        " within thirty (30) days after receipt of the invoice."
    )
    assert _only_timed(agent).party == "customer"
    # Counterexample: a party bound to pay what falls due keeps it.
    rebate = (
        _PARTIES + "Provider shall pay the volume rebate, which is due within thirty (30) days"
        " after the end of each quarter."
    )
    assert _only_timed(rebate).party == "provider"


def test_neither_party_may_is_a_prohibition_for_both() -> None:
    text = (
        _PARTIES + "Neither party may assign its rights under this Agreement. No party shall"
        " disclose the terms of this Agreement. Either party may terminate for convenience."
    )
    assert _untimed(text) == [("both", "prohibition"), ("both", "prohibition")]


def test_a_subject_named_with_hereto_or_to_this_agreement_keeps_its_verb() -> None:
    text = (
        _PARTIES + "Each party hereto agrees to comply with all environmental laws. Neither party"
        " to this Agreement will make any payment to a government official."
    )
    assert _untimed(text) == [("both", "duty"), ("both", "prohibition")]


def test_a_passive_with_several_verbs_binds_its_agent() -> None:
    text = (
        _PARTIES + "This Agreement shall not be assigned, transferred, shared or divided in any"
        " manner by Customer without the consent of Provider."
    )
    assert _untimed(text) == [("customer", "prohibition")]
    # Counterexample: the agent of a participle in a noun phrase binds no one.
    plan = _PARTIES + "The plan, as approved, revised and signed by Provider, is attached."
    assert _untimed(plan) == []


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "Provider's warranty and support obligations under this Section shall extend for a"
            " period of twelve (12) months from delivery.",
            "provider",
        ),
        (
            "Customer's payment obligations shall survive for two (2) years after termination.",
            "customer",
        ),
    ],
)
def test_the_possessor_of_obligations_is_bound_by_their_modal(sentence: str, party: str) -> None:
    assert _only_timed(_PARTIES + sentence).party == party


def test_a_possessed_thing_that_is_no_duty_leaves_the_possessor_unbound() -> None:
    # The Provider deletes the Customer's data: a possessive names a thing of the party.
    text = (
        _PARTIES + "Customer's data will be deleted by Provider within 30 days after termination."
    )
    assert _only_timed(text).party == "provider"


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Customer will be reimbursed by Provider for all reasonable travel expenses.", "provider"),
        ("Provider shall be notified by Customer of any change of address.", "customer"),
    ],
)
def test_the_agent_of_a_passive_duty_acts_whoever_its_subject_is(sentence: str, party: str) -> None:
    assert [owner for owner, _ in _untimed(_PARTIES + sentence)] == [party]


def test_a_passive_duty_without_an_agent_stays_its_subject_s() -> None:
    # No "by" names who acts: the subject keeps the duty, as before.
    assert [
        party
        for party, _ in _untimed(_PARTIES + "Customer shall be responsible for its own staff.")
    ] == ["customer"]


def test_a_third_party_bound_to_act_owes_it_as_other() -> None:
    text = (
        _PARTIES
        + "The third party auditor shall enter into a confidentiality agreement with Customer."
    )
    assert [party for party, _ in _untimed(text)] == ["other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A third party shall not be entitled to enforce any term of this Agreement.",
        "No third party shall have any rights under this Agreement.",
        "Customer shall not disclose the Software to any third party.",
    ],
)
def test_third_parties_with_no_act_to_do_owe_nothing(sentence: str) -> None:
    assert "other" not in [party for party, _ in _untimed(_PARTIES + sentence)]


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The Provider Indemnitees agree to cooperate with Customer in the defence.", "provider"),
        ("Customer Personnel shall comply with Provider's security policies.", "customer"),
    ],
)
def test_a_party_s_own_people_act_for_it(sentence: str, party: str) -> None:
    assert [owner for owner, _ in _untimed(_PARTIES + sentence)] == [party]


def test_a_party_s_people_named_in_a_statement_bind_no_one() -> None:
    assert _untimed(_PARTIES + "Customer affiliates are listed in Schedule 2.") == []


@pytest.mark.parametrize(
    ("notice", "summary"),
    [
        (
            "To exercise a Renewal Term, Customer must give Provider written notice of exercise not"
            " less than nine (9) months nor more than fifteen (15) months before the expiration of"
            " the Initial Term.",
            "Give notice of renewal at least",
        ),
        (
            "Either party may prevent renewal by notice of non-renewal given no less than sixty"
            " (60) days but no more than ninety (90) days before the end of the Initial Term.",
            "Give notice of non-renewal at least",
        ),
    ],
)
def test_both_ends_of_a_notice_window_count_from_the_event_named_after_them(
    notice: str, summary: str
) -> None:
    found = _timed(_PARTIES + notice)
    assert len(found) == 2
    assert {ob.anchor for ob in found} == {"term_end"}
    assert {ob.relation for ob in found} == {"before"}
    assert all(ob.summary.startswith(summary) for ob in found), [ob.summary for ob in found]


def test_a_second_duration_that_is_not_a_window_end_keeps_its_own_event() -> None:
    text = (
        _PARTIES + "Provider shall respond within four (4) hours after a report, and within no"
        " more than two (2) days after an escalation."
    )
    first = _timed(text)[0]
    assert (first.period, first.anchor_phrase) == (Period(4, "hours"), "a report")


def test_an_order_after_the_purpose_it_serves_is_the_readers_deadline() -> None:
    text = (
        _YOU_TERMS + "To stop deliveries, cancel at least 48 hours before your next delivery"
        " window opens."
    )
    ob = _only_timed(text)
    assert (ob.party, ob.period, ob.relation) == ("customer", Period(48, "hours"), "before")


def test_a_fronted_purpose_before_a_subject_is_not_an_order() -> None:
    text = _YOU_TERMS + "To the extent permitted by law, we may keep your data for 30 days."
    assert _timed(text) == []


def test_a_window_set_off_by_commas_counts_both_ends_from_its_event() -> None:
    text = (
        _YOU_TERMS + "We will email you a reminder at least 15 days, and not more than 45 days,"
        " before each renewal date."
    )
    assert sorted(ob.period.amount for ob in _timed(text) if ob.period) == [15, 45]


@pytest.mark.parametrize(
    "sentence",
    [
        "Provider shall retain the monitoring records for at least eighteen (18) months.",
        "Daily backups are retained for eighteen (18) months.",
    ],
)
def test_records_kept_for_a_time_are_kept_until_that_long_after_they_are_made(
    sentence: str,
) -> None:
    ob = _only_timed(_PARTIES + sentence)
    assert (ob.period, ob.relation, ob.anchor) == (Period(18, "months"), "after", "record_created")
    assert "until 18 months after" in ob.summary


@pytest.mark.parametrize(
    "sentence",
    [
        "Each party shall keep the Confidential Information confidential for five (5) years.",
        "The records were retained by the auditor for a day.",
    ],
)
def test_a_state_kept_for_a_time_is_not_a_record_kept(sentence: str) -> None:
    assert _timed(_PARTIES + sentence) == []


@pytest.mark.parametrize(
    ("sentence", "recurrence"),
    [
        (
            "Provider shall back up all Customer Data daily, with incremental backups at least"
            " every four (4) hours.",
            "daily",
        ),
        (
            "Provider shall test a restore every month and shall report the results within ten"
            " (10) days after each annual audit.",
            "monthly",
        ),
    ],
)
def test_a_duty_with_a_rhythm_of_its_own_beside_a_time_rule_is_kept(
    sentence: str, recurrence: str
) -> None:
    found = _extract(_PARTIES + sentence)
    assert any(ob.recurrence == recurrence and ob.period is None for ob in found), found
    assert any(ob.period is not None for ob in found)


def test_a_duty_whose_verb_states_the_time_rule_is_not_repeated() -> None:
    text = (
        _PARTIES + "Within ten (10) days after the end of each calendar quarter, Customer shall"
        " deliver a report of the quarter's sales."
    )
    assert len(_extract(text)) == 1


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The fee for each report is due within thirty (30) days after delivery.", "customer"),
        # A report that falls due is not money the customer owes.
        ("A final written report is due within ten (10) days after containment.", "both"),
    ],
)
def test_only_money_that_falls_due_is_the_payers(sentence: str, party: str) -> None:
    assert _only_timed(_PARTIES + sentence).party == party


@pytest.mark.parametrize(
    "sentence",
    [
        "Provider shall give Customer not less than fifteen (15) days' prior written notice of"
        " each delivery date.",
        "Provider may relocate the servers by giving Customer not less than sixty (60) days'"
        " written notice.",
    ],
)
def test_a_party_named_before_not_less_than_is_not_its_subject(sentence: str) -> None:
    assert _only_timed(_PARTIES + sentence).party == "provider"


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        # The party that acts once the lateness has lasted: the creditor's right, the debtor's
        # own duty.
        ("If your account remains past due for more than 14 days, we may suspend it.", "provider"),
        (
            "If any amount remains unpaid for thirty (30) days, you shall pay interest on it.",
            "customer",
        ),
    ],
)
def test_lateness_that_lasts_belongs_to_the_party_acting_on_it(sentence: str, party: str) -> None:
    ob = _only_timed(_YOU_TERMS + sentence)
    assert (ob.party, ob.anchor) == (party, "payment_due")


def test_a_state_that_lasts_keeps_its_own_event() -> None:
    ob = _only_timed(
        _PARTIES + "If the outage continues for more than thirty (30) days, either party may"
        " terminate this Agreement."
    )
    assert ob.anchor != "payment_due"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We may retry the charge up to four times over the following ten (10) days.",
            [Period(10, "days")],
        ),
        ("Prices rose sharply over the following two (2) years.", []),  # binds nobody
    ],
)
def test_a_time_over_the_following_days_is_counted_forward(
    sentence: str, expected: list[Period]
) -> None:
    assert [ob.period for ob in _timed(_YOU_TERMS + sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "recurrence"),
    [
        # A time phrase set right before the party, without a comma, says how often it acts.
        ("During each Contract Year Customer shall purchase at least 100 units.", "annually"),
        ("By November 30 of each year Customer shall submit a marketing plan.", "annually"),
        ("Each month Provider will provide four (4) hours of training.", "monthly"),
        # A condition is not a time: the report's name says nothing of how often one pays.
        ("In the event a Quarterly Report cannot be generated, Customer shall pay the fees.", None),
    ],
)
def test_a_time_phrase_opening_the_sentence_sets_the_duty_s_recurrence(
    sentence: str, recurrence: str | None
) -> None:
    duties = [ob for ob in _extract(_PARTIES + sentence) if ob.period is None]
    assert [ob.recurrence for ob in duties] == [recurrence]


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "Either Party may terminate if the other Party fails to cure a breach within thirty"
            " (30) days; provided that the cure period for any failure by the Customer to pay"
            " shall be ten (10) days after notice.",
            "customer",
        ),
        (
            "Either Party may terminate on notice; provided that if the breach is the Provider's"
            " failure to pay a rebate when due, the cure period shall be ten (10) days.",
            "provider",
        ),
        (
            "A failure to pay any amount when due is a default capable of being cured within"
            " thirty (30) days.",
            "customer",
        ),
        (
            "Either party may terminate on notice; provided that if the breach giving rise to the"
            " right is non-payment of fees, the cure period shall be ten (10) days.",
            "customer",
        ),
    ],
)
def test_a_cure_period_for_a_failure_to_pay_is_the_payers(sentence: str, party: str) -> None:
    cure = [ob for ob in _timed(_PARTIES + sentence) if ob.period == Period(10, "days")] or _timed(
        _PARTIES + sentence
    )
    assert cure[-1].party == party


def test_a_cure_period_for_any_breach_stays_with_both() -> None:
    text = (
        _PARTIES + "Either Party may terminate this Agreement if the other Party fails to cure a"
        " material breach within thirty (30) days after notice."
    )
    assert _only_timed(text).party == "both"


def test_a_time_for_a_party_to_receive_a_payment_is_the_payers() -> None:
    text = (
        _PARTIES + "If any fee is not received by Provider within five (5) days after the date"
        " due, Customer shall pay a late charge of 5%."
    )
    assert _timed(text)[0].party == "customer"


def test_a_party_named_after_received_by_far_from_the_period_is_not_read() -> None:
    text = (
        _PARTIES + "Each report received by Provider shall be reviewed, and Provider shall respond"
        " within five (5) days after the review."
    )
    assert _only_timed(text).party == "provider"


def test_we_with_a_bare_verb_is_the_subject() -> None:
    text = (
        _YOU_TERMS + "When an account is closed, we keep your history for twelve (12) months"
        " after closure so that you can come back."
    )
    assert _only_timed(text).party == "provider"


def test_you_after_a_verb_is_its_object_not_a_subject() -> None:
    text = (
        _YOU_TERMS + "We will tell you about changes by email at least 14 days before they apply."
    )
    assert _only_timed(text).party == "provider"


def test_a_forecasts_horizon_over_the_following_months_is_no_time_to_act() -> None:
    text = (
        _PARTIES + "4.1 Each calendar quarter the Customer will give the Provider a rolling"
        " forecast of the Orders it expects to place over the following twelve (12) months."
    )
    found = _extract(text)
    assert [(ob.period, ob.recurrence) for ob in found] == [(None, "quarterly")]


_COMPANY_AND_CONSULTANT = (
    'This Agreement is between Acme Corp. (the "Company") and Jane Roe (the "Consultant").\n\n'
    "The Consultant shall provide the Services described in Schedule A.\n\n"
)


def test_the_companys_board_acts_for_the_company() -> None:
    text = _COMPANY_AND_CONSULTANT + (
        "The Consultant's fees shall be reviewed by the Board at least annually."
    )
    reviews = [ob for ob in _extract(text) if ob.recurrence == "annually"]
    assert [ob.party for ob in reviews] == ["customer"]


def test_a_board_is_no_party_where_no_company_is_defined() -> None:
    text = _PARTIES + "The fees shall be reviewed by the Board at least annually."
    assert [ob.party for ob in _extract(text)] == ["both"]


def test_a_plan_due_within_the_following_days_is_a_deadline_not_a_horizon() -> None:
    text = _PARTIES + "Provider shall deliver a remediation plan within the following 30 days."
    assert [ob.period for ob in _timed(text)] == [Period(30, "days")]


def test_a_pronoun_refers_to_a_thing_not_to_in_order_to_or_a_statement_of_work() -> None:
    text = (
        _PARTIES + "In order to start, Customer shall sign the Statement of Work within five (5)"
        " days of receiving it."
    )
    assert _only_timed(text).anchor not in ("order_received", "invoice_received")


def test_a_preposition_to_in_an_item_is_no_infinitive() -> None:
    text = (
        _PARTIES + "The Customer agrees with the Provider:\n\n"
        "(a) Access to the Premises is granted for thirty (30) days each year.\n"
    )
    assert _extract(text) == []


def test_insurance_maintained_for_a_time_is_no_record_kept() -> None:
    text = _PARTIES + "Customer shall maintain the insurance for at least two (2) years."
    assert all(ob.anchor != "record_created" for ob in _timed(text))


def test_a_circuit_board_is_not_the_companys_board() -> None:
    text = _COMPANY_AND_CONSULTANT + "Each circuit board shall be tested at least annually."
    assert all(ob.party != "customer" for ob in _extract(text))


def test_a_tenant_that_does_not_wish_to_renew_gives_notice_of_non_renewal() -> None:
    text = (
        _PARTIES + "If Customer does not wish to renew, Customer must give notice at least sixty"
        " (60) days before the expiration of the Initial Term."
    )
    assert "notice of non-renewal" in _only_timed(text).summary


def test_a_party_that_so_acts_in_a_condition_keeps_the_conditions_deadline() -> None:
    """ "If Customer so requests within 30 days after termination, Provider shall return ...":
    the request is the customer's ("so" and "otherwise" stand between a party and its verb);
    the return is the provider's."""
    found = _timed(
        "If Customer so requests within thirty (30) days after termination, Provider shall "
        "return all Customer Data within fifteen (15) days after the request."
    )
    assert [(ob.party, ob.period) for ob in found] == [
        ("customer", Period(30, "days")),
        ("provider", Period(15, "days")),
    ]
    found = _timed(
        "Unless Customer otherwise agrees within ten (10) days after the proposal, Provider "
        "shall withdraw it."
    )
    assert [ob.party for ob in found] == ["customer"]


def test_money_falling_due_in_a_clause_of_its_own_is_the_payers() -> None:
    """A party bound in an earlier clause does not pay what falls due in the next one ("The
    parties will try to resolve it, and any amount agreed is payable within 30 days"); a
    payer bound in the same clause does, and money owed by either party is either's."""
    assert (
        _only_timed(
            "The parties will work in good faith to resolve the dispute, and any amount later "
            "agreed to be owed is payable within thirty (30) days after resolution."
        ).party
        == "customer"
    )
    assert (
        _only_timed(
            "Provider shall pay the rebate, due within thirty (30) days after the end of each "
            "quarter."
        ).party
        == "provider"
    )
    assert (
        _only_timed(
            "Neither Party shall be relieved of any obligation accrued before termination; all sums "
            "owed by either Party to the other shall become due and payable thirty (30) days after "
            "such date."
        ).party
        == "both"
    )


def test_as_after_a_party_is_no_verb() -> None:
    """ "naming Franchisor as an additional insured": the party named there is an object; the
    deadline stays with the party whose verb binds it. A verb in -s after a name still is one."""
    found = _timed(
        "Customer shall deliver certificates of insurance naming Provider as an additional "
        "insured within ten (10) days after each policy renewal."
    )
    assert [ob.party for ob in found] == ["customer"]
    found = _timed("If Customer requests it within thirty (30) days, Provider shall comply.")
    assert [ob.party for ob in found] == ["customer"]


def test_an_act_done_to_a_thing_binds_the_side_that_does_such_acts() -> None:
    """ "Monthly Rent shall be paid by ACH debit" binds the payer, "All Products shall be delivered
    FCA the Facility" the supplier, "repaired at Lessee's expense" the party who pays for it. A
    passive that states how the contract works, or names a thing, binds no one."""
    lease = 'This Lease is between Alpha Leasing LLC ("Lessor") and Beta Corp ("Lessee").\n\n'

    def untimed(sentence: str) -> list[str]:
        return [role for role, _ in _untimed(lease + sentence)]

    assert untimed("Monthly Rent shall be paid by automated clearing house debit.") == ["customer"]
    assert untimed("All Products shall be delivered FCA the Facility.") == ["provider"]
    assert untimed("Damaged Equipment shall be promptly repaired at Lessee's expense.") == [
        "customer"
    ]
    assert untimed("Any dispute shall first be referred to a senior executive of each Party.") == [
        "both"
    ]
    assert untimed("This Agreement shall be governed by the laws of Delaware.") == []
    assert untimed('The products shall be referred to as the "Goods".') == []
