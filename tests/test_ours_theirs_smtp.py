"""The reminders of their duties say "check" all the way through a real SMTP conversation: the
claimed reminders are sent to an aiosmtpd server in the test process, and the messages it
received are read back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from obligations.models.choices import ReminderState, Role
from obligations.services.reminders import Outcome, reminders_claim_due, reminders_deliver
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
    ReminderFactory,
)
from tests.reliability.smtp import smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with smtp_server() as (handler, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 5
        settings.SITE_URL = "https://clausewatch.example.com"
        yield handler


def due_reminder(contract, *, party, summary, recipient):
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    obligation = ObligationFactory(
        clause=clause, party=party, summary=summary, review_status="confirmed"
    )
    act_by = timezone.localdate() + dt.timedelta(days=7)
    deadline = DeadlineFactory(obligation=obligation, act_by=act_by, deadline=act_by)
    return ReminderFactory(
        deadline=deadline,
        recipient=recipient,
        send_at=timezone.now() - dt.timedelta(minutes=1),
    )


def plain_text(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def test_their_duty_is_sent_as_a_check_and_ours_as_a_task(smtp):
    member = MembershipFactory(role=Role.REVIEWER, user__email="lawyer@example.com")
    contract = ContractFactory(
        organisation=member.organisation,
        owner=member.user,
        our_side="customer",
        counterparty="Example Hosting GmbH",
    )
    theirs = due_reminder(
        contract, party="provider", summary="Restore the service", recipient=member.user
    )
    ours = due_reminder(
        contract, party="customer", summary="Pay the invoice", recipient=member.user
    )

    outcomes = [
        reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token, digest=claim.digest
        )
        for claim in reminders_claim_due()
    ]

    assert outcomes == [Outcome.SENT, Outcome.SENT]
    received = {message_id.strip("<>"): message for message_id, message in smtp.messages.items()}
    assert sorted(received) == sorted([theirs.message_id, ours.message_id])
    check = received[theirs.message_id]
    assert check["Subject"].startswith("[Clausewatch] Check:")
    assert "Restore the service" in check["Subject"]
    text = plain_text(check)
    assert "Check that Example Hosting GmbH has done this by" in text
    assert "Confirm they did it:" in text and "Mark done:" not in text

    task = received[ours.message_id]
    assert "Check" not in task["Subject"]
    text = plain_text(task)
    assert "Pay the invoice: act by" in text
    assert "Mark done:" in text and "Confirm they did it" not in text
    for reminder in (theirs, ours):
        reminder.refresh_from_db()
        assert reminder.state == ReminderState.SENT
