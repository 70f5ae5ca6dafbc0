"""Claiming due reminders: the conditional UPDATE with a lease, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from obligations.models import Reminder, SweepStatus
from obligations.models.choices import EmailMode, ReminderState
from obligations.services.reminders import reminders_claim_due, reminders_sweep
from tests.factories import MembershipFactory
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadline():
    return deadline_ahead()[1]


def test_a_claim_takes_due_rows_under_one_lease_and_a_second_claim_finds_none(settings, deadline):
    settings.REMINDER_LEASE_SECONDS = 300
    rows = due_reminders(deadline=deadline, count=5)
    now = timezone.now()

    claims = reminders_claim_due(now=now)

    assert sorted(c.reminder_ids[0] for c in claims) == sorted(r.pk for r in rows)
    assert len({c.lease_token for c in claims}) == 1
    claimed = Reminder.objects.filter(pk__in=[r.pk for r in rows])
    assert {(r.state, r.lease_until) for r in claimed} == {
        (ReminderState.SENDING, now + dt.timedelta(seconds=300))
    }
    assert reminders_claim_due(now=now + dt.timedelta(seconds=299)) == []


def test_a_lease_that_runs_out_without_a_result_is_claimed_again(settings, deadline):
    settings.REMINDER_LEASE_SECONDS = 60
    (row,) = due_reminders(deadline=deadline, count=1)
    (first,) = reminders_claim_due()

    (second,) = reminders_claim_due(now=timezone.now() + dt.timedelta(seconds=61))

    assert second.reminder_ids == first.reminder_ids == (row.pk,)
    assert second.lease_token != first.lease_token
    row.refresh_from_db()
    assert row.lease_token == second.lease_token


def test_future_and_backed_off_reminders_are_not_claimed(deadline):
    now = timezone.now()
    later = due_reminders(deadline=deadline, count=1, send_at=now + dt.timedelta(minutes=5))[0]
    waiting = due_reminders(deadline=deadline, count=1, first_offset=2000)[0]
    Reminder.objects.filter(pk=waiting.pk).update(next_attempt_at=now + dt.timedelta(minutes=2))
    assert reminders_claim_due(now=now) == []
    claimed = reminders_claim_due(now=now + dt.timedelta(minutes=6))
    assert sorted(c.reminder_ids[0] for c in claimed) == sorted([later.pk, waiting.pk])


@pytest.mark.parametrize("state", ["sent", "failed", "cancelled"])
def test_finished_reminders_are_never_claimed(deadline, state):
    (row,) = due_reminders(deadline=deadline, count=1)
    Reminder.objects.filter(pk=row.pk).update(state=state)
    assert reminders_claim_due(now=timezone.now() + dt.timedelta(days=30)) == []


def test_no_more_than_the_batch_is_in_flight_at_once(deadline):
    due_reminders(deadline=deadline, count=7)
    assert len(reminders_claim_due(limit=3)) == 3
    assert reminders_claim_due(limit=3) == []  # three still in flight
    Reminder.objects.filter(state=ReminderState.SENDING).update(
        state=ReminderState.SENT, lease_token="", lease_until=None
    )
    assert len(reminders_claim_due(limit=3)) == 3


def test_room_for_whole_send_batches_is_claimed_in_whole_batches(deadline, settings):
    settings.REMINDER_SEND_BATCH = 4
    due_reminders(deadline=deadline, count=19)
    assert len(reminders_claim_due(limit=10)) == 8  # two batches of four, not ten
    # Four sent and one of the next batch: room for five, claimed as one whole batch.
    sent = Reminder.objects.filter(state=ReminderState.SENDING).order_by("pk")[:5]
    Reminder.objects.filter(pk__in=[r.pk for r in sent]).update(
        state=ReminderState.SENT, lease_token="", lease_until=None
    )
    assert len(reminders_claim_due(limit=10)) == 4
    # Room for less than a batch (seven in flight) waits until a batch finishes.
    assert reminders_claim_due(limit=10) == []
    Reminder.objects.filter(state=ReminderState.SENDING).update(
        state=ReminderState.SENT, lease_token="", lease_until=None
    )
    assert len(reminders_claim_due(limit=10)) == 7  # all that are left: fewer than the room


def test_a_digest_readers_reminders_are_claimed_as_one_claim(deadline):
    reader = person()
    MembershipFactory(user=reader, organisation=deadline.organisation, email_mode=EmailMode.DIGEST)
    single = person()
    rows = due_reminders(deadline=deadline, count=6, recipients=[reader, single])

    claims = reminders_claim_due()

    digests = [c for c in claims if c.digest]
    assert [sorted(c.reminder_ids) for c in digests] == [
        sorted(r.pk for r in rows if r.recipient_id == reader.pk)
    ]
    assert sorted(c.reminder_ids[0] for c in claims if not c.digest) == sorted(
        r.pk for r in rows if r.recipient_id == single.pk
    )


def test_the_sweep_dispatches_claims_only_after_they_are_committed(
    deadline, django_capture_on_commit_callbacks
):
    due_reminders(deadline=deadline, count=3)
    dispatched = []
    with django_capture_on_commit_callbacks() as callbacks:
        report = reminders_sweep(dispatch=dispatched.extend)
        assert dispatched == []  # not before the commit
    for callback in callbacks:
        callback()
    assert dispatched == report.claims and report.claimed == 3
    status = SweepStatus.objects.get(name="reminders")
    assert status.last_claimed == 3
    assert status.last_finished_at >= status.last_started_at


def test_a_broker_error_stops_dispatching_and_leaves_the_claims_to_their_lease(
    deadline, django_capture_on_commit_callbacks
):
    due_reminders(deadline=deadline, count=3)
    attempts = []

    def broker_down(batch):
        attempts.append(batch)
        raise ConnectionError("Redis is away")

    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep(dispatch=broker_down)

    assert len(attempts) == 1 and len(attempts[0]) == 3  # one batch, tried once
    assert Reminder.objects.filter(state=ReminderState.SENDING).count() == 3
    later = timezone.now() + dt.timedelta(seconds=3600)
    assert len(reminders_claim_due(now=later)) == 3


def test_claims_are_dispatched_in_batches_of_the_send_batch_size(
    deadline, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_SEND_BATCH = 2
    due_reminders(deadline=deadline, count=5)
    batches = []
    with django_capture_on_commit_callbacks(execute=True):
        report = reminders_sweep(dispatch=batches.append)
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert [claim for batch in batches for claim in batch] == report.claims


def test_a_claim_only_run_claims_without_scheduling_or_recording_a_sweep(
    deadline, django_capture_on_commit_callbacks
):
    due_reminders(deadline=deadline, count=3)
    report = reminders_sweep(dispatch=None, schedule=False)
    assert report.claimed == 3
    assert report.schedule.created == report.schedule.cancelled == 0
    assert not SweepStatus.objects.filter(name="reminders").exists()


def _plan(queryset) -> str:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows would be read sequentially; ask which indexes fit at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_a_claims_rows_are_found_by_primary_key_and_abandoned_ones_by_lease(deadline):
    from django.db import connection

    from obligations.services.reminder_delivery import _ours
    from obligations.services.reminder_sweep import _abandoned_q

    if connection.vendor != "postgresql":
        pytest.skip("partial indexes and plans are PostgreSQL's")
    due_reminders(deadline=deadline, count=3)
    claim = reminders_claim_due(limit=3)[0]
    # With the rows of every claim in flight in one index, finding one claim's rows through it
    # reads all of them: the sender's queries must not be able to use it. (Which index they use
    # instead depends on the table's statistics: the primary key at any real size.)
    ours = _plan(_ours(claim.reminder_ids, claim.lease_token).select_for_update())
    assert "reminder_sending_lease" not in ours
    # The claim of abandoned rows can use it. Another index also covers sending rows; dropped
    # for this test's transaction, the planner's choice no longer hangs on the statistics.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX reminder_due_by_send_at")
    abandoned = _plan(
        Reminder.objects.filter(_abandoned_q(timezone.now())).order_by("lease_until", "id")
    )
    assert "reminder_sending_lease" in abandoned
