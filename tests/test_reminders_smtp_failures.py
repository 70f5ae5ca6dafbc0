"""The mail server answers 451 for a while: everything is delivered later, after a few spaced
retries. It answers 550: the reminder is failed at once and never tried again, and it shows
in the dashboard's query. Real Celery beat and worker processes, PostgreSQL, Redis and SMTP."""

from __future__ import annotations

import time
from collections import Counter

from obligations.models import Reminder
from obligations.models.choices import ReminderState
from obligations.services.reminders import reminders_failed, reminders_status
from tests.reliability.fixtures import (  # noqa: F401 - fixtures
    RELIABILITY,
    celery_fixture,
    redis_server_fixture,
    smtp_fixture,
)
from tests.reliability.processes import wait_until
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person

pytestmark = RELIABILITY

SWEEP_SECONDS = 5  # the celery fixture's REMINDER_SWEEP_SECONDS
MAX_ATTEMPTS = 12  # settings' default REMINDER_MAX_ATTEMPTS


class GreylistFor:
    """Answers 451 to everything for `seconds` from the first message the server sees."""

    def __init__(self, *, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None

    def __call__(self, message_id: str, recipients: list[str]) -> str | None:
        if self.started is None:
            self.started = time.monotonic()
        if time.monotonic() - self.started < self.seconds:
            return "451 4.7.1 Greylisted, please try again later"
        return None


def test_451_for_a_while_then_everything_is_delivered_once(smtp, celery):
    handler, _ = smtp
    _, deadline = deadline_ahead()
    rows = due_reminders(deadline=deadline, count=120, recipients=[person() for _ in range(6)])
    expected = {r.message_id for r in rows}
    handler.answer = GreylistFor(seconds=12)

    celery.start_beat("beat")
    celery.start_worker("worker", concurrency=4)
    wait_until(
        lambda: set(handler.accepted_ids()) >= expected,
        timeout=150,
        what=f"every reminder to be delivered after the 451s\n{celery.log_tail()}",
    )
    wait_until(
        lambda: Reminder.objects.filter(state=ReminderState.SENT).count() == len(rows),
        timeout=30,
        what="every reminder to be recorded as sent",
    )

    arrivals = Counter(handler.accepted_ids())
    assert max(arrivals.values()) == 1
    tries = {m: handler.attempts_of(m) for m in expected}
    retried = [m for m, n in tries.items() if n > 1]
    assert len(retried) >= len(rows) // 2, "most reminders met the 451 and were retried"
    # Backoff, not a storm: a handful of tries each across the 12 seconds of 451s.
    assert max(tries.values()) <= 6, Counter(tries.values())
    # Every attempt the server saw is counted on the row, and the last error was cleared.
    for reminder in Reminder.objects.all():
        assert reminder.attempts == tries[reminder.message_id]
        assert reminder.last_error == ""


def test_550_fails_the_reminder_at_once_without_a_retry_storm(smtp, celery):
    handler, _ = smtp
    people, deadline = deadline_ahead()
    bouncing = [person(email=f"gone{n}@example.test") for n in range(3)]
    fine = [person() for _ in range(3)]
    rows = due_reminders(deadline=deadline, count=60, recipients=bouncing + fine)
    bounce_ids = {r.message_id for r in rows if r.recipient in bouncing}
    fine_ids = {r.message_id for r in rows} - bounce_ids
    handler.answer = lambda message_id, recipients: (
        "550 5.1.1 Mailbox does not exist"
        if any(r.startswith("gone") for r in recipients)
        else None
    )

    celery.start_beat("beat")
    celery.start_worker("worker", concurrency=4)
    wait_until(
        lambda: (
            Reminder.objects.filter(state=ReminderState.FAILED).count() == len(bounce_ids)
            and Reminder.objects.filter(state=ReminderState.SENT).count() == len(fine_ids)
        ),
        timeout=120,
        what=f"the bounces to fail and the rest to be sent\n{celery.log_tail()}",
    )
    time.sleep(3 * SWEEP_SECONDS)  # three more sweeps: nothing is tried again

    assert set(handler.accepted_ids()) == fine_ids
    assert {m: handler.attempts_of(m) for m in bounce_ids} == dict.fromkeys(bounce_ids, 1)
    failed = list(reminders_failed(organisation=people.organisation))
    assert {r.message_id for r in failed} == bounce_ids
    assert {(r.state, r.attempts, r.last_error) for r in failed} == {
        ("failed", 1, "550 5.1.1 Mailbox does not exist")
    }
    status = reminders_status(organisation=people.organisation)
    assert (status.failed, status.sent, status.due_now, status.sending) == (
        len(bounce_ids),
        len(fine_ids),
        0,
        0,
    )
