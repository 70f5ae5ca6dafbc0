"""The database itself refuses impossible rows, whatever code writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from obligations.models import Contract, Deadline, Obligation, Reminder
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    ObligationFactory,
    ReminderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(update: dict[str, object], model: type, pk: int) -> bool:
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(**update)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "update",
    [
        {"period_amount": 0, "period_unit": "days"},
        {"period_amount": 30, "period_unit": "lunar_cycles"},
        {"period_amount": 30, "period_unit": ""},
        {"period_amount": None, "period_unit": "days"},
        {"party": "nobody"},
        {"review_status": "maybe"},
        {"confidence": 1.5},
        {"evidence_start": 50, "evidence_end": 10},
        {"period_amount": None, "period_unit": "", "relation": "after"},
    ],
)
def test_obligation_rejects_impossible_values(update: dict[str, object]) -> None:
    obligation = ObligationFactory()
    assert refused(update, Obligation, obligation.pk)
    obligation.refresh_from_db()
    assert obligation.period_amount == 30  # nothing was half-written


def test_obligation_accepts_a_duty_without_a_period() -> None:
    obligation = ObligationFactory(period_amount=None, period_unit="", relation="", anchor="")
    assert obligation.period == ""
    assert not obligation.is_timed


@pytest.mark.parametrize(
    "update",
    [
        {"notice_period_amount": 0, "notice_period_unit": "months"},
        {"initial_term_amount": 12, "initial_term_unit": "fortnights"},
        {"status": "archived"},
        {"our_side": "neither"},
    ],
)
def test_contract_rejects_impossible_facts(update: dict[str, object]) -> None:
    contract = ContractFactory()
    assert refused(update, Contract, contract.pk)


def test_contract_period_text() -> None:
    contract = ContractFactory(
        initial_term_amount=1, initial_term_unit="years", notice_period_amount=3,
        notice_period_unit="months",
    )  # fmt: skip
    assert contract.initial_term == "1 year"
    assert contract.notice_period == "3 months"


def test_deadline_act_by_cannot_fall_after_the_deadline() -> None:
    deadline = DeadlineFactory()
    assert refused({"act_by": deadline.deadline + dt.timedelta(days=1)}, Deadline, deadline.pk)


def test_one_deadline_per_obligation_occurrence() -> None:
    deadline = DeadlineFactory(occurrence="event:1")
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineFactory(obligation=deadline.obligation, occurrence="event:1")


def test_one_reminder_per_deadline_recipient_and_offset() -> None:
    reminder = ReminderFactory(offset_days=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderFactory(deadline=reminder.deadline, recipient=reminder.recipient, offset_days=7)
    other_offset = ReminderFactory(
        deadline=reminder.deadline, recipient=reminder.recipient, offset_days=1
    )
    assert other_offset.pk != reminder.pk


def test_reminder_in_flight_needs_a_lease() -> None:
    reminder = ReminderFactory()
    assert refused({"state": "sending", "lease_until": None}, Reminder, reminder.pk)
    assert refused({"state": "lost"}, Reminder, reminder.pk)


def test_the_same_file_is_stored_once_per_organisation() -> None:
    document = ContractDocumentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractDocumentFactory(
            contract=ContractFactory(organisation=document.organisation), sha256=document.sha256
        )
    elsewhere = ContractDocumentFactory(sha256=document.sha256)  # another organisation
    assert elsewhere.sha256 == document.sha256


def test_clause_positions_are_unique_and_spans_ordered() -> None:
    clause = ClauseFactory(position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClauseFactory(document=clause.document, position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClauseFactory(document=clause.document, position=1, start=10, end=5)


def test_a_user_belongs_to_one_organisation() -> None:
    from tests.factories import MembershipFactory

    membership = MembershipFactory(user=UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=membership.user)
