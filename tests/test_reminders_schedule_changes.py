"""Between full passes the sweep plans only what changed: a deadline touched since the last
pass, or an organisation whose members' settings changed. Everything else waits for the next
full pass, which comes every REMINDER_FULL_SCHEDULE_SECONDS."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from obligations.models import Membership, Reminder, SweepStatus
from obligations.models.choices import EmailMode, ReminderState
from obligations.services.notification_settings import notification_settings_update
from obligations.services.reminders import reminders_sweep
from tests.reliability.reminder_data import confirmed_deadline, team

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


def _planned(deadline) -> int:
    return Reminder.objects.filter(deadline=deadline, state=ReminderState.DUE).count()


def _sweep() -> SweepStatus:
    reminders_sweep(dispatch=None)
    return SweepStatus.objects.get(name="reminders")


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def people(clock):
    return team()


def test_a_deadline_created_between_full_passes_is_planned_at_the_next_sweep(clock, people):
    first = _sweep()
    assert first.last_full_schedule_at == START

    clock.shift(dt.timedelta(minutes=1))
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=START.date() + dt.timedelta(10)
    )
    clock.shift(dt.timedelta(minutes=1))
    second = _sweep()

    assert second.last_full_schedule_at == START  # no full pass: only the change was read
    assert second.schedule_watermark == timezone.now()
    assert _planned(deadline) > 0


def test_an_unchanged_deadline_waits_for_the_next_full_pass(clock, people):
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=START.date() + dt.timedelta(10)
    )
    _sweep()
    planned = _planned(deadline)
    assert planned > 0
    clock.shift(dt.timedelta(minutes=10))
    _sweep()  # the watermark moves past the deadline's last change
    # Rows lost without the deadline changing: the incremental pass does not read it again...
    Reminder.objects.filter(deadline=deadline).delete()
    clock.shift(dt.timedelta(minutes=20))
    _sweep()
    assert _planned(deadline) == 0
    # ... the full pass an hour after the last one does.
    clock.shift(dt.timedelta(minutes=31))
    status = _sweep()
    assert status.last_full_schedule_at == timezone.now()
    assert _planned(deadline) == planned


def test_a_members_new_email_mode_replans_the_organisation_at_the_next_sweep(clock, people):
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=START.date() + dt.timedelta(10)
    )
    _sweep()
    before = set(
        Reminder.objects.filter(deadline=deadline, recipient=people.owner, state="due").values_list(
            "send_at", flat=True
        )
    )
    clock.shift(dt.timedelta(minutes=10))
    _sweep()  # the watermark moves past the deadline's last change
    clock.shift(dt.timedelta(minutes=5))
    membership = Membership.objects.get(user=people.owner)
    notification_settings_update(
        membership=membership,
        email_mode=EmailMode.OFF,
        offsets=None,
        escalations=True,
        actor=people.owner,
    )
    clock.shift(dt.timedelta(minutes=1))
    status = _sweep()

    assert status.last_full_schedule_at == START  # not a full pass: the organisation's replan
    assert before
    assert not Reminder.objects.filter(
        deadline=deadline, recipient=people.owner, state=ReminderState.DUE
    ).exists()


def test_a_deadline_moved_between_full_passes_has_its_reminders_moved_at_the_next_sweep(
    clock, people
):
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=START.date() + dt.timedelta(10)
    )
    _sweep()
    clock.shift(dt.timedelta(minutes=10))
    _sweep()
    clock.shift(dt.timedelta(minutes=5))
    deadline.act_by = deadline.deadline = START.date() + dt.timedelta(12)
    deadline.save()
    clock.shift(dt.timedelta(minutes=1))
    status = _sweep()

    assert status.last_full_schedule_at == START
    on_the_day = Reminder.objects.get(
        deadline=deadline, recipient=people.owner, kind="reminder", offset_days=0
    )
    assert on_the_day.state == ReminderState.DUE
    assert on_the_day.send_at.date() == START.date() + dt.timedelta(12)


def test_a_changed_deadline_beyond_the_range_gets_no_rows_before_a_full_pass_would(clock, people):
    _sweep()
    clock.shift(dt.timedelta(minutes=1))
    far = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=START.date() + dt.timedelta(400),
    )
    clock.shift(dt.timedelta(minutes=1))
    status = _sweep()
    assert status.last_full_schedule_at == START
    assert _planned(far) == 0  # its first reminder is a year away: planned when in range
