"""The named rules that decide whether a duration is a deadline, each on its own: a case where
it decides and a counterexample where it lets the next rule read on.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.extraction import time_cues
from obligations.extraction.cue_words import FILLER_LAST_WORDS, FILLER_TAIL_RE
from obligations.extraction.durations import find_periods
from obligations.extraction.intervals import find_anniversaries, find_days_of_period
from obligations.extraction.time_cues import (
    CUE_RULES,
    NOT_A_DEADLINE,
    SHAPE_RULES,
    Around,
    Cue,
    Cued,
    SentenceFacts,
    classify,
)

NOT = "not a deadline"


def _around(sentence: str, duration: str) -> Around:
    low = sentence.lower()
    found = [
        *find_periods(sentence),
        *find_days_of_period(sentence, low),
        *find_anniversaries(sentence, low),
    ]
    match = next(found_match for found_match in found if duration in found_match.phrase)
    return Around(sentence, match, SentenceFacts.of(sentence))


def _answer(rule: Callable[[Any], Cue | Any], sentence: str, duration: str) -> str | None:
    around = _around(sentence, duration)
    answer = rule(Cued(around) if rule in CUE_RULES else around)
    if answer is None:
        return None
    if answer is NOT_A_DEADLINE:
        return NOT
    assert isinstance(answer, Cue)
    return answer.cue


# (rule, sentence, the duration's words, what the rule answers: a cue, NOT, or None to read on)
CASES = [
    (
        time_cues.measures_something_else,
        "Backups that are 24 hours old are deleted.",
        "24 hours",
        NOT,
    ),
    (
        time_cues.measures_something_else,
        "Supplier shall reply within 24 hours of notice.",
        "24 hours",
        None,
    ),
    (
        time_cues.restated_from_elsewhere,
        "Its claims (which, as stated there, must be made within sixty (60) days) survive.",
        "sixty",
        NOT,
    ),
    (
        time_cues.restated_from_elsewhere,
        "Except as provided in Section 4, Buyer shall pay within 30 days after receipt.",
        "30 days",
        None,
    ),
    (
        time_cues.inside_a_definition,
        '"Cure Period" means thirty (30) days after notice.',
        "thirty",
        NOT,
    ),
    (
        time_cues.inside_a_definition,
        '"Suspension Event" means fees that are thirty (30) days or more past due.',
        "thirty",
        None,
    ),
    (
        time_cues.day_of_each_period,
        "Licensee shall deliver a royalty report by the 10th day of each month.",
        "10th day",
        "day of",
    ),
    (
        time_cues.day_of_each_period,
        "Reports are compiled on the 10th day of each month.",
        "10th day",
        NOT,
    ),
    (
        time_cues.day_of_each_period,
        "Licensee shall report within 10 days of each month's end.",
        "10 days",
        None,
    ),
    (
        time_cues.anniversary,
        "Issuer shall redeem the Notes on or before the tenth anniversary of the Issue Date.",
        "anniversary",
        "anniversary of",
    ),
    (
        time_cues.anniversary,
        "This Agreement shall continue until the fifth anniversary of the Effective Date.",
        "anniversary",
        NOT,
    ),
    (time_cues.anniversary, "Issuer shall redeem the Notes within ten (10) years.", "ten", None),
    (
        time_cues.service_level,
        "Response time: 4 hours for Priority 1 incidents.",
        "4 hours",
        "response time",
    ),
    (time_cues.service_level, "Supplier shall deliver the parts within 4 hours.", "4 hours", None),
    (
        time_cues.every_interval,
        "Supplier shall back up the Customer Data every twenty-four (24) hours.",
        "twenty-four",
        "every",
    ),
    # A least frequency makes any bound act recur; a most frequency only limits a right.
    (
        time_cues.every_interval,
        "Franchisee shall refresh the equipment package at least once every five (5) years.",
        "five",
        "every",
    ),
    (
        time_cues.every_interval,
        "Licensor may audit the books no more than once every twelve (12) months.",
        "twelve",
        None,
    ),
    (
        time_cues.every_interval,
        "Franchisee shall not relocate the Studio at least once every five (5) years.",
        "five",
        None,
    ),
    (
        time_cues.every_interval,
        "Supplier shall deliver within twenty-four (24) hours.",
        "twenty-four",
        None,
    ),
    (
        time_cues.within_the_next,
        "Buyer shall respond to this offer in the following forty eight (48) hours.",
        "forty eight",
        "within",
    ),
    (
        time_cues.within_the_next,
        "Buyer shall give a rolling forecast of the Orders it expects to place over the"
        " following twelve (12) months.",
        "twelve",
        NOT,
    ),
    (
        time_cues.within_the_next,
        "Buyer shall respond within forty eight (48) hours.",
        "forty",
        None,
    ),
    (
        time_cues.looks_back,
        "Liability is capped at the fees paid in the preceding twelve (12) months.",
        "twelve",
        NOT,
    ),
    (
        time_cues.looks_back,
        "During the first five (5) years of the Term, Buyer shall purchase exclusively from Seller.",
        "five",
        None,
    ),
    (
        time_cues.term_or_deemed_receipt,
        "This Agreement shall continue for three (3) years from the Effective Date.",
        "three",
        NOT,
    ),
    (
        time_cues.term_or_deemed_receipt,
        "A notice sent by courier is deemed received two (2) days after dispatch.",
        "two",
        NOT,
    ),
    (
        time_cues.term_or_deemed_receipt,
        "Either party may terminate this Agreement on ninety (90) days' written notice.",
        "ninety",
        None,
    ),
    (
        time_cues.cue_before,
        "Customer shall pay each invoice within thirty (30) days after receipt.",
        "thirty",
        "within",
    ),
    (time_cues.cue_before, "Customer shall pay the fees for twelve (12) months.", "twelve", None),
    (
        time_cues.limitation_period,
        "No claim may be brought more than two (2) years after the cause of action accrues.",
        "two",
        "limitation",
    ),
    (time_cues.limitation_period, "Seller shall ship two (2) years after the order.", "two", None),
    (
        time_cues.right_after_opening_event,
        "Upon expiration or termination of this Agreement, Sponsor may for ninety (90) days sell"
        " off its stock.",
        "ninety",
        "for",
    ),
    (
        time_cues.right_after_opening_event,
        "Sponsor may for ninety (90) days sell off its stock.",
        "ninety",
        None,
    ),
    (
        time_cues.unpaid_for,
        "Accounts that stay past due for sixty (60) days may be cancelled.",
        "sixty",
        "for",
    ),
    (
        time_cues.unpaid_for,
        "Accounts that stay open for sixty (60) days may be cancelled.",
        "sixty",
        None,
    ),
    (
        time_cues.state_that_lasts,
        "If the Force Majeure Event continues for a period of thirty (30) days, either party may"
        " terminate.",
        "thirty",
        "for",
    ),
    (
        time_cues.state_that_lasts,
        "If the Force Majeure Event ends, either party may terminate within thirty (30) days.",
        "thirty",
        None,
    ),
    (
        time_cues.wait_until_elapsed,
        "Landlord shall not enter the Premises until at least 30 days have passed since that notice.",
        "30 days",
        "until",
    ),
    (
        time_cues.wait_until_elapsed,
        "Landlord shall not enter the Premises until 30 days before the sale.",
        "30 days",
        None,
    ),
    (
        time_cues.records_kept,
        "Supplier shall retain the monitoring records for at least eighteen (18) months.",
        "eighteen",
        "during",
    ),
    (
        time_cues.records_kept,
        "Supplier shall maintain insurance for at least eighteen (18) months.",
        "eighteen",
        None,
    ),
    (time_cues.too_weak_a_cue, "The invoice was paid two (2) days later.", "two", NOT),
    (
        time_cues.too_weak_a_cue,
        "The parts arrived ten (10) days after the order.",
        "ten",
        NOT,
    ),
    (
        time_cues.too_weak_a_cue,
        "Customer shall pay thirty (30) days after receipt of the invoice.",
        "thirty",
        None,
    ),
    (
        time_cues.duty_lasting_a_time,
        "During a period of five (5) years from the Effective Date, Supplier shall furnish spare"
        " parts.",
        "five",
        "during",
    ),
    (
        time_cues.duty_lasting_a_time,
        "Supplier shall furnish spare parts five (5) years from the Effective Date.",
        "five",
        None,
    ),
    (
        time_cues.cue_after,
        "Customer shall pay thirty (30) days after receipt of the invoice.",
        "thirty",
        "after",
    ),
    (time_cues.cue_after, "Supplier shall deliver the parts ten (10) days from now.", "ten", NOT),
]


@pytest.mark.parametrize(
    ("rule", "sentence", "duration", "expected"),
    CASES,
    ids=[f"{case[0].__name__}-{index}" for index, case in enumerate(CASES)],
)
def test_rule(
    rule: Callable[[Any], Any], sentence: str, duration: str, expected: str | None
) -> None:
    assert _answer(rule, sentence, duration) == expected


def test_every_rule_is_tested_both_ways() -> None:
    for rule in (*SHAPE_RULES, *CUE_RULES):
        answers = [expected for case_rule, _, _, expected in CASES if case_rule is rule]
        assert None in answers or rule is time_cues.cue_after, f"{rule.__name__}: no counterexample"
        assert any(answer is not None for answer in answers), f"{rule.__name__}: never decides"


def test_the_cue_after_the_duration_is_read_once_for_every_rule() -> None:
    cued = Cued(
        _around(
            "Licensee shall give notice no later than sixty (60) days before the end of the Term.",
            "sixty",
        )
    )
    assert (cued.cue_word, cued.relation, cued.event) == ("before", "before", "the end of the Term")
    cued = Cued(
        _around("Tenant may renew on six (6) months' prior written notice to Landlord.", "six")
    )
    assert (cued.cue_word, cued.notice, cued.relation) == ("notice", True, "before")


def test_the_first_rule_that_decides_wins() -> None:
    # A limitation sentence with a cue right before its duration is a plain deadline: the cue
    # before the duration comes first in the table.
    sentence = "Any claim must be filed within one (1) year after the cause of action accrues."
    around = _around(sentence, "one")
    cue = classify(around.sentence, around.match, around.facts)
    assert cue is not None and cue.cue == "within" and cue.event.startswith("the cause of action")
    # Past a look-back nothing else is read.
    sentence = (
        "Customer shall pay the fees paid in the preceding twelve (12) months within 30 days."
    )
    around = _around(sentence, "twelve")
    assert classify(around.sentence, around.match, around.facts) is None


@settings(max_examples=300, deadline=None)
@given(st.from_regex(FILLER_TAIL_RE, fullmatch=True))
def test_every_filler_ends_in_a_word_that_lets_it_be_stripped(filler: str) -> None:
    # A tail is scanned for fillers only when it ends in one of FILLER_LAST_WORDS: a filler
    # ending otherwise would be left in place, and the cue before it not seen.
    assert filler.rstrip()[-12:].lower().endswith(FILLER_LAST_WORDS)
