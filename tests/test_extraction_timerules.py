"""Time rules in drafting the extractor used to miss, each beside a counterexample that must stay
what it is (pure, no database). Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from obligations.extraction.model import Document, Extraction, Period
from obligations.extraction.pipeline import extract_document


def _extract(sentence: str) -> Extraction:
    return extract_document(Document(text=sentence, format="txt"), source="test")


def _rules(sentence: str) -> list[tuple[Period | None, str | None]]:
    return [(ob.period, ob.anchor) for ob in _extract(sentence).obligations if ob.period]


def _reasons(sentence: str) -> list[str]:
    return [unused.reason for unused in _extract(sentence).unused_periods]


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # "a further" / "an additional" period after a deadline cue is still the deadline.
        (
            "If the matter is not resolved within a further 14 days, either party may refer it to"
            " mediation.",
            [(Period(14, "days"), "other_event")],
        ),
        # A duty that outlasts the agreement, counted from its end.
        (
            "During the term of this Agreement and for two (2) years thereafter, the Supplier shall"
            " not solicit the Customer's employees.",
            [(Period(2, "years"), "term_end")],
        ),
        (
            "After termination of this Agreement, the Recipient shall keep the information"
            " confidential for a period of 3 years thereafter.",
            [(Period(3, "years"), "termination_effective")],
        ),
        # Sums past due, even in a definition of what allows a suspension.
        (
            "The Provider may suspend the Services if any invoice is thirty (30) days or more past"
            " due.",
            [(Period(30, "days"), "payment_due")],
        ),
        (
            '"Suspension Event" means that the Customer\'s account is 30 days or more overdue.',
            [(Period(30, "days"), "payment_due")],
        ),
        # A state that lasts before a right arises.
        (
            "If the Service is unavailable for 15 or more consecutive days, the Customer may"
            " terminate this Agreement.",
            [(Period(15, "days"), "other_event")],
        ),
        (
            "If the Force Majeure Event continues for a period of thirty (30) days, either party may"
            " terminate this Agreement.",
            [(Period(30, "days"), "other_event")],
        ),
        # A warranty, or a service given for a time from an event.
        (
            "The Supplier warrants that the Software will perform as documented for ninety (90) days"
            " from the date of delivery.",
            [(Period(90, "days"), "delivery")],
        ),
        (
            "The Provider will support each release for one (1) year from its release date.",
            [(Period(1, "years"), "release")],
        ),
        # Two rules in one sentence, with a contracted "will".
        (
            "We'll delete the content 30 days after cancellation, and from our backups within 60"
            " days.",
            [
                (Period(30, "days"), "termination_effective"),
                (Period(60, "days"), "termination_effective"),
            ],
        ),
        (
            "If you change your mind you'll need to do it within the first 30 days after"
            " cancellation.",
            [(Period(30, "days"), "termination_effective")],
        ),
        # A notice period stated as "notice of X is N", counted before the act it announces.
        (
            "The minimum time period for prior notice of Subprocessor changes is 10 business days.",
            [(Period(10, "business_days"), "change_effective")],
        ),
        (
            "The notice period for termination shall be three (3) months.",
            [(Period(3, "months"), "termination_effective")],
        ),
        # Payment terms stated as a label or "Net N days".
        (
            "3.2 Payment terms: 30 days after receipt of invoice",
            [(Period(30, "days"), "invoice_received")],
        ),
        (
            "Terms for payment of each order are Net 45 days.",
            [(Period(45, "days"), "invoice_issued")],
        ),
        # A duty that runs on for a time from the end of the agreement or of a person's service.
        (
            "The Company shall pay the fee to the Consultant for a period of one (1) year from the"
            " date of termination.",
            [(Period(1, "years"), "termination_effective")],
        ),
        (
            "The Licensee shall not use the Marks for a period of two (2) years from the"
            " expiration of this Agreement.",
            [(Period(2, "years"), "term_end")],
        ),
        # "a minimum period of" is filler before the period, as "a period of" is.
        (
            "The Supplier will maintain a record of each report for a minimum period of ten (10)"
            " years after the expiration of this Agreement.",
            [(Period(10, "years"), "term_end")],
        ),
    ],
)
def test_rule_is_read(sentence: str, rules: list[tuple[Period, str]]) -> None:
    assert _rules(sentence) == rules


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Licensee may renew this Agreement for a further 12 months.", "term"),
        (
            "This Agreement shall renew for one year and for successive one-year periods thereafter.",
            "term",
        ),
        ('"Cure Period" means a period of ten (10) days.', "definition"),
        ("The Service has been available for 15 consecutive days.", "history"),
        (
            "This Agreement shall continue for a term of two (2) years from the Effective Date.",
            "term",
        ),
        # The agreement lasting a time from another one's end is its term, not a duty.
        (
            "This Agreement shall remain in force for a period of one (1) year from the date of"
            " termination of the Prior Agreement.",
            "term",
        ),
    ],
)
def test_counterexample_stays_set_aside(sentence: str, reason: str) -> None:
    assert _rules(sentence) == []
    assert set(_reasons(sentence)) == {reason}


def _recurring(sentence: str) -> list[tuple[Period | None, str | None, str | None]]:
    return [
        (ob.period, ob.anchor, ob.recurrence) for ob in _extract(sentence).obligations if ob.period
    ]


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # An act repeated at an interval the contract counts: due one interval after the start.
        (
            "The Licensee shall report, every six months, to the Steering Committee.",
            [(Period(6, "months"), "term_start", None)],
        ),
        (
            "The Licensee shall pay the royalties at the end of each three (3) month period.",
            [(Period(3, "months"), "term_start", "quarterly")],
        ),
        (
            "The Supplier shall audit the site every twelve (12) months.",
            [(Period(12, "months"), "term_start", "annually")],
        ),
        # Fronted before its clause, the act after it recurs.
        (
            "At the end of each three (3) month period, the Supplier will: (i) per Section 5,"
            " generate a usage report; and (ii) invoice the Customer.",
            [(Period(3, "months"), "term_start", "quarterly")],
        ),
        # ... however long the aside between the interval and the act.
        (
            "At the end of each three (3) month period, commencing on the Start Date (referred"
            ' to in this Agreement as a "Quarter") and continuing during the whole of the'
            " Subscription Term, the Supplier will: (i) per Section 5, generate a usage report.",
            [(Period(3, "months"), "term_start", "quarterly")],
        ),
        (
            "At the end of each three (3) month period, commencing on the Start Date (referred"
            ' to in this Agreement as a "Quarter") and continuing during the whole of the'
            " Subscription Term, the fees charged shall not exceed the cap.",
            [],
        ),
        ("For each twelve (12) month period, the fees shall not exceed the cap.", []),
        # Counterexamples: money measured over a period, a period that lasts, no recurring act.
        ("The fees for each twelve (12) month period shall not exceed the cap.", []),
        ("Each Renewal Term shall last for every one (1) year thereafter.", []),
        ("The Supplier shall be liable for each thirty (30) day period of delay.", []),
    ],
)
def test_an_act_repeated_at_a_counted_interval(
    sentence: str, rules: list[tuple[Period, str, str | None]]
) -> None:
    assert _recurring(sentence) == rules


def test_a_second_act_after_thereafter_repeats_at_its_own_interval() -> None:
    # Beside the first act's deadline, the act "thereafter" repeated every thirty days is a rule
    # of its own; a plan that merely stays in force for such a time is none.
    repeated = _recurring(
        "The Supplier shall deliver the plan within ten (10) days and shall thereafter update"
        " it every thirty (30) days."
    )
    assert [rule[0] for rule in repeated] == [Period(10, "days"), Period(30, "days")]
    assert repeated[1][1:] == ("term_start", None)
    lasting = _recurring(
        "The Supplier shall deliver the plan within ten (10) days and thereafter the plan shall"
        " remain in force for every thirty (30) days of the Term."
    )
    assert [rule[0] for rule in lasting] == [Period(10, "days")]


def test_subsequent_to_and_completion_name_the_event_a_period_counts_from() -> None:
    assert _rules(
        "The Customer shall pay USD 5,000, 30 days subsequent to the date of this Agreement."
    ) == [(Period(30, "days"), "effective_date")]
    assert _rules(
        "The Customer shall pay the balance 30 days from the completion of the tests."
    ) == [(Period(30, "days"), "completion")]
    # A term or a warranty that lasts from an event is no deadline to act.
    assert _rules("This Agreement shall continue for two (2) years from the signing hereof.") == []


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # A cure period runs from the notice of the breach, unless the sentence names its event.
        (
            "The Supplier may terminate if the Distributor has not cured such breach within"
            " thirty (30) days thereof.",
            [(Period(30, "days"), "breach_notice")],
        ),
        (
            "If the breach is non-payment of fees, the cure period shall be ten (10) days.",
            [(Period(10, "days"), "breach_notice")],
        ),
        (
            "The Distributor shall have thirty (30) days to remedy any default.",
            [(Period(30, "days"), "breach_notice")],
        ),
        (
            "Either party may terminate if the other fails to cure a breach within ninety (90)"
            " days after receiving written notice of it.",
            [(Period(90, "days"), "notice_received")],
        ),
        # Counterexample: remedying a defect counts from the delivery the sentence names.
        (
            "The Supplier shall remedy any defect within ten (10) days after delivery.",
            [(Period(10, "days"), "delivery")],
        ),
        # Days into the next calendar period count from the end of this one.
        (
            "Each monthly fee shall be paid within the first five days of the following calendar"
            " month.",
            [(Period(5, "days"), "month_end")],
        ),
        (
            "The Consultant shall send a report within ten (10) days of the next meeting.",
            [(Period(10, "days"), "meeting")],
        ),
        # A state that lasts a time after an event it names counts from that event.
        (
            "The Consultant keeps the vested options, with vesting continuing for 12 months"
            " following termination.",
            [(Period(12, "months"), "termination_effective")],
        ),
        (
            "If the Force Majeure Event continues for a period of thirty (30) days, either party"
            " may terminate this Agreement.",
            [(Period(30, "days"), "other_event")],
        ),
    ],
)
def test_what_a_period_counts_from(sentence: str, rules: list[tuple[Period, str]]) -> None:
    assert _rules(sentence) == rules


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # A day counted into each period: that many days after the period before it ends.
        (
            "Not later than the fifteenth (15th) calendar day of each calendar quarter, the"
            " Licensee shall deliver a royalty report.",
            [(Period(15, "days"), "quarter_end", "quarterly")],
        ),
        (
            "The Customer shall pay the fee by the 10th day of each month.",
            [(Period(10, "days"), "month_end", "monthly")],
        ),
        (
            "The Distributor shall submit its forecast on or before the fifth business day of the"
            " following month.",
            [(Period(5, "business_days"), "month_end", "monthly")],
        ),
        # Counterexamples: a day of a period that binds no one, a calendar date.
        ("The office is closed on the first day of each month.", []),
        ("The Supplier shall deliver the goods on the 10th day of May 2021.", []),
    ],
)
def test_a_day_counted_into_each_period(
    sentence: str, rules: list[tuple[Period, str, str | None]]
) -> None:
    assert _recurring(sentence) == rules
    if rules:
        summary = _extract(sentence).obligations[0].summary
        assert " by the " in summary and "within" not in summary


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # Notice to someone "of" a length is a notice period.
        (
            "Either Party may terminate this Agreement upon written notice to the other Party of"
            " at least 3 months.",
            [(Period(3, "months"), "termination_effective")],
        ),
        # A state that exceeds a time opens a right.
        (
            "If such period exceeds 1 month, either Party may terminate this Agreement.",
            [(Period(1, "months"), "other_event")],
        ),
        # Counterexamples: an amount that exceeds, a notice of something else than its length.
        ("If the invoice amount exceeds 1,000 dollars, the Buyer may pay in two parts.", []),
        (
            "The Supplier shall send notice to the Buyer of any delay in the 30 days allowed.",
            [],
        ),
    ],
)
def test_notice_of_a_length_and_a_state_exceeding_a_time(
    sentence: str, rules: list[tuple[Period, str]]
) -> None:
    assert _rules(sentence) == rules


def test_payment_terms_of_a_length_run_from_the_invoice() -> None:
    assert _rules(
        "These usage charges will be billed on 1 January and 1 July, on payment terms of 60 days."
    ) == [(Period(60, "days"), "invoice_issued")]
    # Counterexample: the terms of a licence "of" a length are its duration, not a payment term.
    assert _rules("The licence is granted on terms of 60 days' trial use.") == []


def _recurrences(text: str) -> list[tuple[str, str | None]]:
    return [(ob.party, ob.recurrence) for ob in _extract(text).obligations]


_PARTIES = "The Supplier and the Customer enter into this agreement. "


@pytest.mark.parametrize(
    ("text", "recurrences"),
    [
        # A recurrence fronted before the party and its act belongs to the act.
        (
            "At the Supplier's request during each calendar year, the Customer shall submit"
            " samples to the Supplier.",
            [("customer", "annually")],
        ),
        (
            "During the term, the Customer shall submit samples to the Supplier.",
            [("customer", None)],
        ),
        # "For each year of delay" measures a penalty; it does not repeat the act.
        (
            "For each year of delay, the Supplier shall pay a penalty of one percent of the price.",
            [("provider", None)],
        ),
        # A condition fronted before the act is not when the act recurs.
        (
            "If the Customer is late in any month, the Supplier shall notify the Customer.",
            [("provider", None)],
        ),
        (
            "(g) If the Customer misses any quarterly minimum, the Customer shall pay the"
            " difference.",
            [("customer", None)],
        ),
        (
            "For each fiscal quarter in which sales exceed the target, the Supplier shall inform"
            " the Customer.",
            [("provider", None)],
        ),
        # An act done to something recurs as the act does.
        (
            _PARTIES + "The usage report shall be delivered by the Supplier to the Customer each"
            " month.",
            [("provider", "monthly")],
        ),
        (
            _PARTIES + "The usage report shall be delivered by the Supplier to the Customer.",
            [("provider", None)],
        ),
        # "prior to the beginning of the next annual period": once a year.
        (
            _PARTIES + "The Customer shall pay the maintenance charge prior to the beginning of"
            " the next annual maintenance period.",
            [("customer", "annually")],
        ),
        # A body of the parties bound to repeat an act, with no party before its verb.
        ("The Steering Committee shall meet at least quarterly.", [("both", "quarterly")]),
        ("The fees shall be reviewed by the Board at least annually.", [("both", "annually")]),
        # Without a recurring act, such a sentence states how the contract works.
        ("The Steering Committee shall consist of four members.", []),
        ("Interest shall accrue monthly.", []),
        # A list of acts after the modal: the item that recurs says how often.
        (
            _PARTIES
            + "The Supplier shall: (a) give the Customer notice of any audit; (b) undertake"
            " an audit no more than once per calendar year; and (c) bear its own costs.",
            [("provider", "annually")],
        ),
        (
            _PARTIES + "The Customer shall: (a) keep accurate records for each calendar year; (b)"
            " allow inspection.",
            [("customer", None)],
        ),
    ],
)
def test_how_often_an_undated_duty_recurs(
    text: str, recurrences: list[tuple[str, str | None]]
) -> None:
    assert _recurrences(text) == recurrences


def test_the_minimum_a_law_requires_is_no_rule() -> None:
    # "the minimum 12 months" names a length the law sets, counted from nothing.
    assert (
        _rules("The Supplier will keep the records for the minimum 12 months required by law.")
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The Supplier's warranty obligations shall extend for a period of one year commencing on"
        " acceptance of the Products by the Customer.",
        'The warranty shall remain valid for a period (the "Warranty Period") of one (1) year'
        " starting from acceptance of the Software.",
        "The Supplier shall provide support for a period of one year beginning on acceptance of"
        " the Products.",
    ],
)
def test_a_warranty_or_service_lasting_from_an_event_is_a_rule(sentence: str) -> None:
    # "commencing on", "starting from", "beginning on" count from the event, as "from" does;
    # what extends or stays valid is the warranty, not the contract.
    assert _rules(sentence) == [(Period(1, "years"), "acceptance")]


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall continue for a period of one year commencing on the Effective Date.",
        "The Term shall be for a period of five (5) years commencing on the Effective Date.",
        "This Agreement shall be automatically extended for a period of one year starting from"
        " the end of the Initial Term.",
    ],
)
def test_the_contract_lasting_from_an_event_stays_its_term(sentence: str) -> None:
    assert _rules(sentence) == []
    assert set(_reasons(sentence)) == {"term"}


def _rule_readings(sentence: str) -> list[tuple[Period | None, str | None, str | None]]:
    return [
        (ob.period, ob.relation, ob.anchor) for ob in _extract(sentence).obligations if ob.period
    ]


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # An anniversary of a date is that many years after it.
        (
            "The Customer shall pay the second instalment on or before the first anniversary of"
            " the Effective Date.",
            [(Period(1, "years"), "after", "effective_date")],
        ),
        (
            "The Supplier shall deliver the prototype no later than the third (3rd) anniversary"
            " of the Effective Date.",
            [(Period(3, "years"), "after", "effective_date")],
        ),
        # The contract lasting until an anniversary is its term; a celebration binds no one.
        ("This Agreement shall expire on the fifth anniversary of the Effective Date.", []),
        ("The Supplier celebrated the tenth anniversary of its founding in 2019.", []),
        ("On each anniversary of the Effective Date the fees increase by 3%.", []),
        # "on or before thirty days after receipt": the deadline lies after the event.
        (
            "The Customer shall pay each invoice on or before thirty (30) days after receipt.",
            [(Period(30, "days"), "after", "invoice_received")],
        ),
        (
            "The Customer shall give notice on or before thirty (30) days prior to the end of the"
            " Term.",
            [(Period(30, "days"), "before", "term_end")],
        ),
    ],
)
def test_anniversaries_and_on_or_before_a_counted_day(
    sentence: str, rules: list[tuple[Period, str, str]]
) -> None:
    assert _rule_readings(sentence) == rules


def test_a_summary_does_not_repeat_the_cue_its_event_carries() -> None:
    (ob,) = _extract(
        "The Customer shall give notice on or before thirty (30) days prior to the end of the Term."
    ).obligations
    assert ob.summary == "Give notice at least 30 days before the end of the Term"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Customer shall keep the Confidential Information secret. This obligation shall"
        " survive for a period of five (5) years thereafter.",
        "The Customer shall keep the Confidential Information secret. This obligation will exist"
        " while this Agreement is in force and for a period of five (5) years thereafter.",
    ],
)
def test_a_duty_that_survives_the_contract_runs_from_its_end(sentence: str) -> None:
    assert (Period(5, "years"), "term_end") in _rules(sentence)


def test_the_contract_itself_lasting_thereafter_stays_its_term() -> None:
    sentence = "This Agreement shall remain in force for a period of five (5) years thereafter."
    assert _rules(sentence) == []
    assert _reasons(sentence) == ["term"]


def test_agree_then_a_comma_still_binds() -> None:
    (ob,) = _extract(
        _PARTIES + "The Supplier asks the Customer, and the Customer agrees, to observe the"
        " following conditions for a period of ten years from the date hereof."
    ).obligations
    assert ob.party == "customer"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Customer shall respond to this offer in the following forty eight (48) hours.",
        "The Customer shall respond to the offer during the next ten (10) days.",
    ],
)
def test_the_following_or_next_period_after_a_binding_verb_is_a_deadline(sentence: str) -> None:
    ((period, _),) = _rules(sentence)
    assert period in (Period(48, "hours"), Period(10, "days"))


@pytest.mark.parametrize(
    "sentence",
    [
        # A look back over the last period measures; it is no deadline.
        "The fees paid during the preceding twelve (12) months shall not exceed the cap.",
        # Nobody is bound: the next months are only described.
        "Prices during the next twelve (12) months are listed in Schedule 2.",
    ],
)
def test_a_past_or_unbound_next_period_is_no_deadline(sentence: str) -> None:
    assert _rules(sentence) == []


LASTING = [
    # What lasts is an activity or a duty, and the agreement is only named in passing: the end
    # of that activity is a date to track, counted from the event.
    (
        "The period of liaison will commence as soon as notice has been given of termination of"
        " this Agreement, and will continue for a maximum period of 3 months after termination.",
        (Period(3, "months"), "termination_effective"),
        "End of the period of liaison within 3 months after termination",
    ),
    (
        "The Supplier's obligations under this Agreement will continue for two (2) years after"
        " termination.",
        (Period(2, "years"), "termination_effective"),
        "End of the Supplier's obligations under this Agreement within 2 years after termination",
    ),
]


@pytest.mark.parametrize(("sentence", "rule", "summary"), LASTING)
def test_an_activity_that_lasts_past_an_event_ends_on_a_date(sentence, rule, summary) -> None:
    (obligation,) = [ob for ob in _extract(sentence).obligations if ob.period]
    assert (obligation.period, obligation.anchor) == rule
    assert obligation.summary == summary


@pytest.mark.parametrize(
    "sentence",
    [
        # The agreement or its term is what lasts: its term, not a deadline, however far back
        # the subject stands.
        "This Agreement shall continue for three (3) years after the Effective Date.",
        "The initial term of this Agreement commences as of the Effective Date and, unless"
        " terminated earlier pursuant to any express provision of this Agreement, shall continue"
        " until five (5) years following the Effective Date.",
    ],
)
def test_the_agreement_lasting_stays_its_term(sentence: str) -> None:
    assert _rules(sentence) == []
    assert len(_reasons(sentence)) == 1  # set aside, with its reason


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        # Durations listed under one cue share the event named after them all, with or without
        # the items' numbers.
        (
            "The Supplier shall deliver the goods within ten (10) days for orders of up to 100 units"
            " and sixty (60) days for larger orders, in each case from receipt of the order.",
            [(Period(10, "days"), "order_received"), (Period(60, "days"), "order_received")],
        ),
        (
            "Either Party may terminate this Agreement if the other Party fails to cure such failure"
            " within (i) thirty (30) days for failures to pay and (ii) ninety (90) days for all"
            " other obligations, in each case after receipt of written notice.",
            [(Period(30, "days"), "notice_received"), (Period(90, "days"), "notice_received")],
        ),
        # "In each case" with no event after it names no event: the record is kept until seven
        # years after it is made.
        (
            "The Supplier shall keep each record for seven (7) years, in each case at its own cost.",
            [(Period(7, "years"), "record_created")],
        ),
    ],
)
def test_durations_listed_under_one_cue_share_its_event(sentence, rules) -> None:
    assert _rules(sentence) == rules


def _timed_summaries(sentence: str) -> list[tuple[Period | None, str | None, str]]:
    return [
        (ob.period, ob.anchor, ob.summary) for ob in _extract(sentence).obligations if ob.period
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A duty's own time, as an adverb of its verb, ends that long after its start.
        (
            "During the first five (5) years of the Term, the Customer shall purchase the Products"
            " exclusively from the Supplier.",
            [
                (
                    Period(5, "years"),
                    "term_start",
                    "Purchase the Products exclusively from the Supplier until 5 years after the"
                    " start of the term",
                )
            ],
        ),
        (
            "The Supplier shall, during a period of three (3) years from the Effective Date,"
            " furnish to the Customer copies of all reports.",
            [
                (
                    Period(3, "years"),
                    "effective_date",
                    "Furnish to the Customer copies of all reports until 3 years after the"
                    " Effective Date",
                )
            ],
        ),
        # A time inside a noun phrase measures something; the contract lasting is its term.
        ("The Customer shall pay the fees paid during the first three (3) months of the Term.", []),
        (
            "This Agreement shall remain in force during a period of three (3) years from the Effective Date.",
            [],
        ),
    ],
)
def test_a_duty_that_lasts_a_time_ends_that_long_after_its_start(sentence, expected) -> None:
    assert _timed_summaries(sentence) == expected


def test_a_verb_after_a_time_set_off_by_commas_is_what_is_due() -> None:
    (rule,) = _timed_summaries(
        "The Supplier shall, within thirty (30) days after receipt of an order, deliver the goods."
    )
    assert rule[2] == "Deliver the goods within 30 days after receipt of an order"


def test_notice_of_renewal_names_what_the_notice_announces() -> None:
    """ "notice of renewal at least 60 days before the end of the Term" is a deadline; a renewal
    period's own length stays the term's fact."""
    assert _rules(
        "Licensee shall give Licensor notice of renewal at least sixty (60) days before the end "
        "of the Term."
    ) == [(Period(60, "days"), "term_end")]
    assert _rules(
        "Licensee may renew this Agreement by giving Licensor written notice of extension not "
        "less than ninety (90) days before the expiration of the Initial Term."
    ) == [(Period(90, "days"), "term_end")]
    assert _rules("Licensee may renew for a renewal term of not less than one (1) year.") == []


def test_a_duty_on_its_own_rhythm_stands_beside_a_later_acts_deadline() -> None:
    """ "test a restore every month ..., reporting within 15 Business Days after each annual
    test": the monthly test is a duty of its own; a deadline fronted before the act, or one on
    the duty's own rhythm, is the act's and covers it."""

    def read(sentence: str) -> list[tuple[Period | None, str | None]]:
        return [(ob.period, ob.recurrence) for ob in _extract(sentence).obligations]

    assert read(
        "Supplier shall test restoration of a sample data set every month and perform a "
        "failover test annually, providing a summary of results within fifteen (15) Business "
        "Days after each annual test."
    ) == [(None, "monthly"), (Period(15, "business_days"), "annually")]
    assert read(
        "Within thirty (30) days after the end of each calendar quarter, Supplier shall deliver "
        "a report on the quarter, with a comparison to the annual plan."
    ) == [(Period(30, "days"), "quarterly")]
    assert read(
        "Supplier shall deliver a report every month within ten (10) days after the end of "
        "each month."
    ) == [(Period(10, "days"), "monthly")]


def test_money_unpaid_for_a_while_in_a_relative_clause_counts_from_its_due_date() -> None:
    """ "Accounts that stay past due for sixty (60) days may be cancelled": sixty days after the
    due date. A state that is not lateness ("Records that remain confidential for five years")
    is no deadline."""
    assert _rules("Accounts that stay past due for sixty (60) days may be cancelled.") == [
        (Period(60, "days"), "payment_due")
    ]
    assert _rules("If the account stays past due for sixty (60) days, we may cancel it.") == [
        (Period(60, "days"), "payment_due")
    ]
    assert _rules("Records that remain confidential for five (5) years may be destroyed.") == []


def test_a_wait_until_a_time_has_passed_since_an_event() -> None:
    """ "won't close the account until at least 30 days have passed since that notice": not before
    thirty days after the notice. A sentence that binds no one states no wait."""
    assert _rules(
        "We won't close the account until at least 30 days have passed since that notice."
    ) == [(Period(30, "days"), "notice_received")]
    assert _rules(
        "Licensor shall not terminate before ten (10) days have elapsed after delivery of the "
        "notice."
    ) == [(Period(10, "days"), "notice_received")]
    assert _rules("The committee met until 30 days had passed since the meeting.") == []


def test_the_term_in_the_present_tense_is_no_deadline() -> None:
    """ "The initial term commences on the Effective Date and expires ten (10) years thereafter"
    is the contract's term, not a duty; claims that expire, or a plan due before a Contract Year
    begins, still are deadlines."""
    assert (
        _rules(
            "The initial term of this Agreement commences on the Effective Date and expires ten "
            '(10) years thereafter (the "Initial Term").'
        )
        == []
    )
    assert _rules("Warranty claims expire within one (1) year after delivery.") == [
        (Period(1, "years"), "delivery")
    ]
    assert _rules(
        "The Reseller shall submit the plan before that Contract Year begins (the first plan "
        "being due within 30 days of the Commencement Date)."
    ) == [(Period(30, "days"), "term_start")]


def test_a_rule_recalled_from_another_section_is_read_there() -> None:
    """ "(which, as stated there, must be claimed within sixty (60) days ...)" recalls Section
    5.4's rule; "Except as provided in Section 4, Customer shall pay within 30 days" is the rule."""
    assert (
        _rules(
            "Service Credits claimed under Section 5.4 (which, as stated there, must be claimed "
            "within sixty (60) days after the relevant report) shall be applied against the next "
            "invoice."
        )
        == []
    )
    assert (
        _rules(
            "For the avoidance of doubt, as provided in Section 7.2, no Member may invoke "
            "mediation unless ten (10) days have passed after the Deadlock occurs."
        )
        == []
    )
    assert _rules(
        "Except as provided in Section 4, Customer shall pay each invoice within thirty (30) days "
        "after receipt."
    ) == [(Period(30, "days"), "invoice_received")]
