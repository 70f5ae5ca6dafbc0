"""Digest mode: one email a day that groups a reader's due reminders, each reminder still sent
exactly once; single-mode readers keep getting one email per reminder."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from obligations.models import Reminder
from obligations.models.choices import DeadlineStatus, EmailMode, ReminderState
from obligations.services.reminders import (
    digest_message_id,
    reminders_deliver,
    reminders_sweep,
)
from tests.reliability.reminder_data import confirmed_deadline, team

pytestmark = pytest.mark.django_db

ACT_BY = dt.date(2026, 6, 30)
SEVEN_DAYS_BEFORE = dt.datetime(2026, 6, 23, 9, 0, tzinfo=dt.UTC)


def sweep_and_send() -> None:
    for claim in reminders_sweep(dispatch=None).claims:
        reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token, digest=claim.digest
        )


@pytest.fixture
def digest_reader():
    people = team(offsets=[7], owner_mode=EmailMode.DIGEST)
    people.deadlines = [
        confirmed_deadline(
            organisation=people.organisation, owner=people.owner, act_by=ACT_BY, title=title
        )
        for title in ("Hosting", "Support", "Licence")
    ]
    with time_machine.travel(dt.datetime(2026, 6, 22, 9, tzinfo=dt.UTC), tick=False):
        sweep_and_send()  # schedules the rows, sends nothing yet
    assert Reminder.objects.filter(kind="reminder").count() == 3
    return people


def test_one_digest_carries_all_of_the_days_reminders(digest_reader, mailoutbox):
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        sweep_and_send()
        sweep_and_send()  # a second sweep the same day sends nothing more

    assert len(mailoutbox) == 1
    (digest,) = mailoutbox
    assert digest.to == [digest_reader.owner.email]
    assert digest.subject == "[Clausewatch] 3 deadlines to look at — 23 Jun 2026"
    for title in ("Hosting", "Support", "Licence"):
        assert title in digest.body
        assert title in digest.alternatives[0].content
    assert digest.body.count("Mark done:") == 3

    rows = Reminder.objects.filter(recipient=digest_reader.owner, kind="reminder")
    assert {r.state for r in rows} == {ReminderState.SENT}
    assert {r.sent_message_id for r in rows} == {digest.extra_headers["Message-ID"]}
    assert digest.extra_headers["Message-ID"] == digest_message_id(list(rows))


def test_a_deadline_done_before_the_digest_leaves_it(digest_reader, mailoutbox):
    done = digest_reader.deadlines[1]
    done.status = DeadlineStatus.DONE
    done.save()

    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        sweep_and_send()

    (digest,) = mailoutbox
    assert digest.subject.startswith("[Clausewatch] 2 deadlines to look at")
    assert "Support" not in digest.body
    assert Reminder.objects.get(deadline=done, kind="reminder").state == ReminderState.CANCELLED


def test_single_mode_readers_get_one_email_per_reminder(mailoutbox):
    people = team(offsets=[7])
    for title in ("Hosting", "Support"):
        confirmed_deadline(
            organisation=people.organisation, owner=people.owner, act_by=ACT_BY, title=title
        )
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        sweep_and_send()
    assert sorted(m.subject.rsplit("— ", 1)[1] for m in mailoutbox) == ["Hosting", "Support"]
    assert {m.extra_headers["Message-ID"] for m in mailoutbox} == set(
        Reminder.objects.filter(kind="reminder").values_list("message_id", flat=True)
    )
