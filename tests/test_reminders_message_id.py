"""Message-IDs are deterministic: a reminder goes out under the same Message-ID on every
attempt and after every re-claim, so that mail systems can recognise a copy; a digest's comes
from its reminder ids and its day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from obligations.models import Reminder
from obligations.services.reminders import (
    digest_message_id,
    reminder_message_id,
    reminders_claim_due,
    reminders_deliver,
    reminders_schedule,
)
from tests.reliability.reminder_data import confirmed_deadline, due_reminders, person, team
from tests.reliability.smtp import smtp_server

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def people():
    return team()


def test_the_id_comes_from_deadline_recipient_kind_and_offset_only(people):
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=dt.date(2026, 6, 30)
    )
    reminders_schedule(deadline=deadline, now=NOW)
    ids = sorted(Reminder.objects.values_list("message_id", flat=True))
    assert len(set(ids)) == len(ids) == 7

    Reminder.objects.all().delete()  # rows made again from scratch get the same ids
    reminders_schedule(deadline=deadline, now=NOW)
    assert sorted(Reminder.objects.values_list("message_id", flat=True)) == ids

    assert (
        reminder_message_id(
            deadline_id=deadline.pk, recipient_id=people.admin.pk, kind="overdue", offset_days=-1
        )
        == f"<reminder-{deadline.pk}-{people.admin.pk}-overdue--1@localhost>"
    )
    assert (
        reminder_message_id(
            deadline_id=1, recipient_id=2, kind="reminder", offset_days=7, snoozed_from_id=9
        )
        == "<reminder-1-2-reminder-7-snooze9@localhost>"
    )


def test_the_domain_is_the_senders(settings):
    settings.DEFAULT_FROM_EMAIL = "Clausewatch <reminders@legal.example.com>"
    assert reminder_message_id(
        deadline_id=1, recipient_id=2, kind="reminder", offset_days=0
    ).endswith("@legal.example.com>")


def test_every_attempt_and_every_claim_sends_the_same_message_id(settings, people):
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=timezone.localdate() + dt.timedelta(days=300),
    )
    (reminder,) = due_reminders(deadline=deadline, count=1, recipients=[people.owner])
    with smtp_server() as (handler, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
        answers = iter(["451 4.3.0 Try later", "451 4.3.0 Try later", None])
        handler.answer = lambda message_id, recipients: next(answers)
        for attempt in range(3):
            now = timezone.now() + dt.timedelta(hours=attempt)
            for claim in reminders_claim_due(now=now):
                reminders_deliver(reminder_ids=claim.reminder_ids, lease_token=claim.lease_token)

    assert handler.attempts == {reminder.message_id: 3}
    assert handler.accepted_ids() == [reminder.message_id]
    assert handler.messages[reminder.message_id]["Message-ID"] == reminder.message_id


def test_a_digest_id_depends_on_its_reminders_and_day_only(people):
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=dt.date(2027, 1, 1)
    )
    reader = person()
    day = dt.datetime(2026, 6, 23, 8, 0, tzinfo=dt.UTC)
    rows = due_reminders(deadline=deadline, count=4, recipients=[reader], send_at=day)

    same = digest_message_id(rows)
    assert digest_message_id(list(reversed(rows))) == same
    assert same.startswith(f"<digest-{reader.pk}-20260623-") and same.endswith("@localhost>")
    assert digest_message_id(rows[:3]) != same
    Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(send_at=day + dt.timedelta(days=1))
    moved = list(Reminder.objects.filter(pk__in=[r.pk for r in rows]))
    assert digest_message_id(moved) != same
