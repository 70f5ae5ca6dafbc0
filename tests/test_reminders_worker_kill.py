"""A worker killed with SIGKILL in the middle of 2,000 reminders: every reminder is delivered
and no Message-ID arrives twice. Real PostgreSQL, Redis, Celery beat and worker processes, and
an SMTP server in the test process.

The kill comes while the SMTP server holds its answer to DATA: every busy sender is then
waiting for "250", so the kill lands in the middle of SMTP conversations, with claims, leases
and unacknowledged task messages in flight. The one moment at which a kill does double a
message (after the server's 250, before the "sent" commit) is shown on its own by
test_kill_between_accepted_and_recorded_resends_under_the_same_message_id.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

from obligations.models import Reminder
from obligations.models.choices import ReminderState
from tests.reliability.delivery import assert_each_delivered_once
from tests.reliability.fixtures import (  # noqa: F401 - fixtures
    RELIABILITY,
    celery_fixture,
    redis_server_fixture,
    smtp_fixture,
)
from tests.reliability.processes import wait_until
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person

pytestmark = RELIABILITY

REMINDERS = 2000


def test_worker_killed_mid_run_every_reminder_delivered_no_message_id_twice(smtp, celery):
    handler, _ = smtp
    _, deadline = deadline_ahead()
    recipients = [person() for _ in range(20)]
    rows = due_reminders(deadline=deadline, count=REMINDERS, recipients=recipients)
    expected = {r.message_id for r in rows}
    assert len(expected) == REMINDERS

    celery.start_beat("beat")
    celery.start_worker("first", concurrency=4)
    wait_until(
        lambda: len(handler.accepted_ids()) >= REMINDERS // 4,
        timeout=120,
        what=f"a quarter of the reminders to arrive\n{celery.log_tail()}",
    )

    handler.hold()
    held = handler.wait_until_quiet()
    delivered_before_kill = len(handler.accepted_ids())
    sending = Reminder.objects.filter(state=ReminderState.SENDING).count()
    celery.kill("first")
    handler.release()
    assert held >= 1, "the kill should land while messages are in flight"
    assert delivered_before_kill < REMINDERS
    assert sending >= held

    celery.start_worker("second", concurrency=4)
    assert_each_delivered_once(handler, expected, log_tail=celery.log_tail())
    assert len(handler.accepted_ids()) == REMINDERS
    # Each row records the Message-ID it went out under.
    assert set(Reminder.objects.values_list("sent_message_id", flat=True)) == expected


def test_kill_between_accepted_and_recorded_resends_under_the_same_message_id(smtp, celery):
    """The documented window, forced: the server accepts a message and the worker dies before
    it can record "sent". That reminder goes out again, with the same Message-ID, and it is the
    only one that does."""
    handler, _ = smtp
    _, deadline = deadline_ahead()
    rows = due_reminders(deadline=deadline, count=30, recipients=[person()])
    victim = rows[10].message_id
    accepted_before = handler.accept_hook

    def kill_on_victim(message_id: str) -> None:
        if message_id == victim and "first" in celery.processes:
            # Accepted (recorded) by the server, but the sender never hears the 250.
            os.killpg(celery.processes["first"].pid, signal.SIGKILL)

    handler.accept_hook = kill_on_victim
    celery.env["REMINDER_LEASE_SECONDS"] = "10"  # the shortest allowed: the victim waits a lease
    celery.start_beat("beat")
    celery.start_worker("first", concurrency=1)
    wait_until(lambda: victim in handler.accepted_ids(), timeout=60, what="the victim to arrive")
    celery.processes.pop("first").wait(timeout=10)
    handler.accept_hook = accepted_before

    celery.start_worker("second", concurrency=2)
    wait_until(
        lambda: Reminder.objects.filter(state=ReminderState.SENT).count() == len(rows),
        timeout=120,
        what=f"every reminder to be sent\n{celery.log_tail()}",
    )
    arrivals = Counter(handler.accepted_ids())
    assert {m for m, n in arrivals.items() if n > 1} == {victim}
    assert arrivals[victim] == 2
    assert set(arrivals) == {r.message_id for r in rows}
