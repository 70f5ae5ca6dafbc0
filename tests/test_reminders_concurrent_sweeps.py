"""Two beats, or sweeps at the same moment: every due reminder is claimed by exactly one sweep.
Real concurrent PostgreSQL sessions (threads with their own connections)."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

from django.db import connection
from django.utils import timezone

from obligations.models import Reminder, SweepStatus
from obligations.models.choices import ReminderState
from obligations.services.reminders import Claim, reminders_claim_due, reminders_sweep
from tests.reliability.fixtures import RELIABILITY
from tests.reliability.reminder_data import (
    confirmed_deadline,
    deadline_ahead,
    due_reminders,
    person,
    team,
)

pytestmark = RELIABILITY

SWEEPS = 4


def at_once(work, count: int = SWEEPS) -> list:
    """Run `work` in `count` threads released together; each thread has its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


def claimed_ids(claims: list[Claim]) -> list[int]:
    return [reminder_id for claim in claims for reminder_id in claim.reminder_ids]


def test_sweeps_claiming_at_the_same_moment_never_claim_a_reminder_twice():
    _, deadline = deadline_ahead()
    rows = due_reminders(deadline=deadline, count=3000, recipients=[person() for _ in range(5)])

    results = at_once(lambda: reminders_claim_due(limit=10_000))

    per_sweep = [claimed_ids(claims) for claims in results]
    everything = [i for ids in per_sweep for i in ids]
    assert Counter(everything).most_common(1)[0][1] == 1  # no reminder in two claims
    assert set(everything) == {r.pk for r in rows}
    # Each row carries the lease token of the one sweep whose claims list it.
    token_of = {
        i: claims[0].lease_token for claims in results if claims for i in claimed_ids(claims)
    }
    stored = dict(Reminder.objects.values_list("pk", "lease_token"))
    assert stored == token_of
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENDING}


def test_whole_sweeps_at_the_same_moment_schedule_each_reminder_once():
    people = team()
    now = timezone.now()
    deadlines = [
        confirmed_deadline(
            organisation=people.organisation,
            owner=people.owner,
            act_by=(now + dt.timedelta(days=days)).date(),
        )
        for days in (0, 3, 10, 25)
    ]

    results = at_once(lambda: reminders_sweep(dispatch=None))

    created = Reminder.objects.filter(deadline__in=deadlines)
    keys = Counter(created.values_list("deadline_id", "recipient_id", "kind", "offset_days"))
    assert keys and max(keys.values()) == 1
    due_now = created.filter(state=ReminderState.SENDING)
    claimed = [i for report in results for i in claimed_ids(report.claims)]
    assert sorted(claimed) == sorted(due_now.values_list("pk", flat=True))
    assert len(claimed) == len(set(claimed)) > 0
    assert SweepStatus.objects.get().last_finished_at is not None
