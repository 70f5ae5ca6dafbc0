"""The named rules that decide which party a modal verb binds, each on its own: a case where
it decides and a counterexample where it lets the next rule read on.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from obligations.extraction import modal_duties
from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations, find_parties
from obligations.extraction.kinds import Modal
from obligations.extraction.modal_duties import (
    MODAL_RULES,
    NOT_BINDING,
    Duty,
    ModalAt,
    ModalReading,
    Verdict,
)
from obligations.extraction.modal_scan import modal_hits
from obligations.extraction.party_words import (
    PartyResolver,
    collective_labels,
    company_body_labels,
)
from obligations.extraction.subjects import find_subjects
from obligations.extraction.wordscan import ascii_lower

NOT = "binds no party"


def _reading(sentence: str, *, addressee: str | None = None) -> ModalReading:
    low = ascii_lower(sentence)
    resolver = PartyResolver([], collective_labels(sentence), company_body_labels(sentence))
    mentions = resolver.mentions(low, 0, len(sentence))
    subjects = find_subjects(sentence, mentions, 0)
    return ModalReading(
        sentence=sentence,
        modals=[Modal(*hit) for hit in modal_hits(low)],
        subjects=subjects,
        subject_at_verb={subject.verb: index for index, subject in enumerate(subjects)},
        subject_verbs=[subject.verb for subject in subjects],
        subject_positions=[subject.position for subject in subjects],
        mentions=mentions,
        fallback=None,
        addressee=addressee,
        act_start=None,
    )


def _answer(
    rule: Callable[[ModalReading, ModalAt], Duty | Verdict | None], sentence: str
) -> tuple[str, str] | str | None:
    reading = _reading(sentence)
    assert len(reading.modals) == 1, reading.modals
    answer = rule(reading, ModalAt(reading, 0, reading.modals[0]))
    if answer is None:
        return None
    if answer is NOT_BINDING:
        return NOT
    assert isinstance(answer, Duty)
    return answer.role, answer.modality


# (rule, sentence, what the rule answers: (role, modality), NOT, or None to read on)
CASES = [
    (modal_duties.disclaimer, "Supplier shall not be liable for any indirect loss.", NOT),
    (modal_duties.disclaimer, "Supplier shall deliver the Goods to the Site.", None),
    (
        modal_duties.named_subject,
        "Supplier shall deliver the Goods to the Site.",
        ("provider", "duty"),
    ),
    (modal_duties.named_subject, "The Customer will be deemed to have accepted the Goods.", NOT),
    (modal_duties.named_subject, "Notices must be in writing.", None),
    (
        modal_duties.passive_agent,
        "This Agreement may not be assigned by the Customer.",
        ("customer", "prohibition"),
    ),
    (modal_duties.passive_agent, "This Agreement may not be assigned.", None),
    (
        modal_duties.third_party,
        "The third party auditor shall keep the Customer Data confidential.",
        ("other", "duty"),
    ),
    (
        modal_duties.third_party,
        "A third party shall not be entitled to enforce any term.",
        None,
    ),
    (modal_duties.form_of_a_thing, "Notices must be in writing.", ("both", "duty")),
    (modal_duties.form_of_a_thing, "The Goods must arrive by noon.", None),
    (
        modal_duties.bound_without_a_party,
        "Monthly Rent shall be paid by ACH debit.",
        ("customer", "duty"),
    ),
    (
        modal_duties.bound_without_a_party,
        "The Steering Committee shall meet at least quarterly.",
        ("both", "duty"),
    ),
    (
        modal_duties.bound_without_a_party,
        "This Agreement shall be construed under the laws of Delaware.",
        NOT,
    ),
]


@pytest.mark.parametrize(
    ("rule", "sentence", "expected"),
    CASES,
    ids=[f"{case[0].__name__}-{index}" for index, case in enumerate(CASES)],
)
def test_rule(
    rule: Callable[[ModalReading, ModalAt], Duty | Verdict | None],
    sentence: str,
    expected: tuple[str, str] | str | None,
) -> None:
    assert _answer(rule, sentence) == expected


def test_every_rule_is_tested_both_ways() -> None:
    last = MODAL_RULES[-1]
    for rule in MODAL_RULES:
        answers = [expected for case_rule, _, expected in CASES if case_rule is rule]
        assert None in answers or rule is last, f"{rule.__name__}: no counterexample"
        assert any(answer is not None for answer in answers), f"{rule.__name__}: never decides"


def test_the_first_rule_that_decides_wins() -> None:
    # A named subject binds before the passive verb's form is read.
    reading = _reading("Supplier shall be paid by ACH debit at Customer's expense.")
    (duty,) = reading.duties(None)
    assert (duty.role, duty.confident) == ("provider", True)
    # "shall not be liable" binds no one, whoever its subject.
    assert _reading("Customer shall not be liable for delays.").duties(None) == []


def test_an_order_to_the_reader_binds_the_reader() -> None:
    reading = _reading("Don't share your password with anyone.", addressee="customer")
    assert [(duty.role, duty.modality) for duty in reading.duties(None)] == [
        ("customer", "prohibition")
    ]
    assert _reading("Don't share your password with anyone.").duties(None) == []


@pytest.mark.parametrize(
    ("sentence", "about", "expected"),
    [
        # A schedule of services lists the provider's acts as orders.
        (
            "PRESERVE ALL SITE DATA FOR A MINIMUM OF TWO YEARS AFTER ITS COLLECTION.",
            "GENERAL REQUIREMENTS",
            "provider",
        ),
        ("Provide a written maintenance report each month.", "Support Services", "provider"),
        ("Keep the loading dock clear at all times.", "Customer Responsibilities", "customer"),
        # Not under services, not capitalised as a sentence's head, or with a verb of its own.
        ("Provide a written maintenance report each month.", "Definitions", None),
        ("provide a written maintenance report each month.", "Support Services", None),
        ("Provided that the Customer pays, the term renews.", "Support Services", None),
        ("Deliver Reports shall be sent by email.", "Support Services", None),
        ("Repair Period means thirty days.", "Support Services", None),
    ],
)
def test_a_service_ordered_without_a_subject(
    sentence: str, about: str, expected: str | None
) -> None:
    has_modal = bool(modal_hits(ascii_lower(sentence)))
    order = modal_duties.read_order(sentence, addressee=None, has_modal=has_modal, about=about)
    assert (order.role if order is not None else None) == expected


def test_a_schedule_of_services_binds_the_provider_to_its_times() -> None:
    text = (
        "MASTER SERVICES AGREEMENT\n\n"
        'This Agreement is between Harbor Hosting LLC ("Provider") and Lumen Retail Inc.'
        ' ("Customer").\n\n'
        "1. Term\n\nThis Agreement starts on the Effective Date.\n\n"
        "2. Support Services\n\n"
        "Keep full backups of the Customer Data for thirty (30) days after their creation.\n\n"
        "Restore any backup within four (4) hours of the Customer's request.\n"
    )
    timed = [
        (ob.party, str(ob.period))
        for ob in find_obligations(text, split_clauses(text), find_parties(text))
        if ob.period is not None
    ]
    assert ("provider", "30 days") in timed
    assert ("provider", "4 hours") in timed
