"""Redis restarted in the middle of a run, with two beats running: nothing is lost and nothing
doubled. The tasks that vanished with Redis (it keeps nothing: `shutdown nosave`) are recovered
by later sweeps claiming their rows again once the leases run out."""

from __future__ import annotations

import time

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

REMINDERS = 600


def test_redis_restarted_mid_run_loses_nothing(smtp, celery, redis_server):
    handler, _ = smtp
    _, deadline = deadline_ahead()
    rows = due_reminders(
        deadline=deadline, count=REMINDERS, recipients=[person() for _ in range(10)]
    )
    expected = {r.message_id for r in rows}

    celery.start_beat("beat-a")
    celery.start_beat("beat-b")  # two beats: every sweep twice
    celery.start_worker("worker", concurrency=4)
    wait_until(
        lambda: len(handler.accepted_ids()) >= REMINDERS // 4,
        timeout=120,
        what=f"a quarter of the reminders to arrive\n{celery.log_tail()}",
    )

    queued = redis_server.queued()
    redis_server.stop()  # shutdown nosave: every queued task message is gone
    delivered_at_restart = len(handler.accepted_ids())
    time.sleep(3)
    redis_server.start()
    assert redis_server.queued() == 0
    assert queued > 0, "the restart should lose queued send tasks"
    assert delivered_at_restart < REMINDERS

    assert_each_delivered_once(handler, expected, log_tail=celery.log_tail())
