"""Sending at the mail server's pace: after one sweep, workers that finish a batch claim the
next reminders themselves, so a backlog far larger than one claim drains without waiting a
minute per claim. Real Celery worker, PostgreSQL, Redis and SMTP; no beat runs here, so every
message past the first claim proves a follow-up claim."""

from __future__ import annotations

import subprocess
import sys

from obligations.models import Reminder
from obligations.models.choices import ReminderState
from tests.reliability.delivery import assert_each_delivered_once
from tests.reliability.fixtures import (  # noqa: F401 - fixtures
    RELIABILITY,
    celery_fixture,
    redis_server_fixture,
    smtp_fixture,
)
from tests.reliability.processes import PROJECT
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person

pytestmark = RELIABILITY

REMINDERS = 120
CLAIM_BATCH = 20  # one sweep claims a sixth of them


def test_one_sweep_starts_a_backlog_that_workers_drain_by_claiming_on(smtp, celery):
    handler, _ = smtp
    _, deadline = deadline_ahead()
    rows = due_reminders(
        deadline=deadline, count=REMINDERS, recipients=[person() for _ in range(12)]
    )
    celery.env.update(REMINDER_CLAIM_BATCH=str(CLAIM_BATCH), REMINDER_SEND_BATCH="5")
    celery.start_worker("worker", concurrency=2)
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "call", "reminders.sweep"],
        cwd=PROJECT,
        env=celery.env,
        check=True,
        capture_output=True,
    )

    assert_each_delivered_once(handler, {r.message_id for r in rows}, log_tail=celery.log_tail())
    assert Reminder.objects.exclude(state=ReminderState.SENT).count() == 0
    # Far fewer connections than messages: each batch shares one (follow-up claims may make
    # batches smaller than REMINDER_SEND_BATCH when only a few rows have room).
    assert len(handler.connections) < REMINDERS // 2
