"""Scheduling: which Reminder rows a deadline gets, and how they follow changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from obligations.models import Reminder
from obligations.models.choices import (
    DeadlineStatus,
    EmailMode,
    ReminderKind,
    ReminderState,
    ReviewStatus,
)
from obligations.services.reminders import (
    reminder_message_id,
    reminders_schedule,
    reminders_schedule_due,
    reminders_schedule_for_organisation,
)
from tests.reliability.reminder_data import confirmed_deadline, person, team

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
ACT_BY = dt.date(2026, 6, 30)


def rows(deadline):
    return {
        (r.recipient_id, r.kind, r.offset_days): r
        for r in Reminder.objects.filter(deadline=deadline).exclude(state=ReminderState.CANCELLED)
    }


def at8(day: dt.date, zone=BERLIN) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8), tzinfo=zone)


def test_owner_gets_each_offset_admins_get_escalation_and_everyone_the_overdue_notice():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )

    reminders_schedule(deadline=deadline, now=NOW)

    owner, admin = people.owner.pk, people.admin.pk
    got = {key: r.send_at for key, r in rows(deadline).items()}
    assert got == {
        (owner, "reminder", 30): at8(dt.date(2026, 5, 31)),
        (owner, "reminder", 7): at8(dt.date(2026, 6, 23)),
        (owner, "reminder", 1): at8(dt.date(2026, 6, 29)),
        (owner, "reminder", 0): at8(dt.date(2026, 6, 30)),
        (admin, "escalation", 1): at8(dt.date(2026, 6, 29)),
        (owner, "overdue", -1): at8(dt.date(2026, 7, 1)),
        (admin, "overdue", -1): at8(dt.date(2026, 7, 1)),
    }
    assert all(r.state == ReminderState.DUE for r in rows(deadline).values())


def test_scheduling_twice_changes_nothing():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    first = reminders_schedule(deadline=deadline, now=NOW)
    before = list(Reminder.objects.order_by("pk").values_list("pk", "send_at", "message_id"))

    second = reminders_schedule(deadline=deadline, now=NOW)

    assert first.created == 7
    assert (second.created, second.moved, second.cancelled) == (0, 0, 0)
    assert list(Reminder.objects.order_by("pk").values_list("pk", "send_at", "message_id")) == (
        before
    )


def test_message_ids_come_from_what_makes_a_reminder_unique():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    row = Reminder.objects.get(deadline=deadline, kind="reminder", offset_days=7)
    assert (
        row.message_id
        == (f"<reminder-{deadline.pk}-{people.owner.pk}-reminder-7@localhost>")
        == reminder_message_id(
            deadline_id=deadline.pk, recipient_id=people.owner.pk, kind="reminder", offset_days=7
        )
    )


def test_without_an_owner_the_admins_get_the_reminders():
    people = team()
    second_admin = team().admin  # another organisation's admin must not be asked
    deadline = confirmed_deadline(organisation=people.organisation, owner=None, act_by=ACT_BY)

    reminders_schedule(deadline=deadline, now=NOW)

    recipients = {(r.recipient_id, r.kind) for r in rows(deadline).values()}
    assert recipients == {(people.admin.pk, "reminder"), (people.admin.pk, "overdue")}
    assert second_admin.pk not in {r.recipient_id for r in rows(deadline).values()}


def test_an_owner_without_email_counts_as_no_owner():
    people = team()
    people.owner.email = ""
    people.owner.save()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    assert {r.recipient_id for r in rows(deadline).values()} == {people.admin.pk}


@pytest.mark.parametrize(
    ("review_status", "status"),
    [
        (ReviewStatus.PENDING, DeadlineStatus.OPEN),
        (ReviewStatus.REJECTED, DeadlineStatus.OPEN),
        (ReviewStatus.CONFIRMED, DeadlineStatus.DONE),
        (ReviewStatus.CONFIRMED, DeadlineStatus.WAIVED),
    ],
)
def test_no_reminders_unless_open_and_confirmed(review_status, status):
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=ACT_BY,
        review_status=review_status,
    )
    deadline.status = status
    deadline.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert not Reminder.objects.filter(deadline=deadline).exists()


def test_corrected_obligations_are_reminded_too():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=ACT_BY,
        review_status=ReviewStatus.CORRECTED,
    )
    assert reminders_schedule(deadline=deadline, now=NOW).created == 7


@pytest.mark.parametrize("change", ["done", "waived", "rejected"])
def test_due_reminders_are_cancelled_when_the_deadline_is_dealt_with(change):
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    if change == "rejected":
        deadline.obligation.review_status = ReviewStatus.REJECTED
        deadline.obligation.save()
    else:
        deadline.status = change
        deadline.save()

    result = reminders_schedule_due(now=NOW)

    assert result.cancelled == 7
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.CANCELLED}


def test_a_missed_deadline_still_gets_its_overdue_notice_only():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    deadline.status = DeadlineStatus.MISSED
    deadline.save()
    reminders_schedule_due(now=NOW)
    due = Reminder.objects.filter(state=ReminderState.DUE)
    assert set(due.values_list("kind", flat=True)) == {ReminderKind.OVERDUE}


def test_a_late_deadline_gets_one_reminder_now_not_the_offsets_already_past():
    people = team()
    now = dt.datetime(2026, 6, 26, 12, 0, tzinfo=dt.UTC)  # four days before act_by
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=now)
    owner = people.owner.pk
    reminders = {k: v.send_at for k, v in rows(deadline).items() if k[1] == "reminder"}
    assert reminders == {
        (owner, "reminder", 7): at8(dt.date(2026, 6, 23)),  # due at once: the catch-up
        (owner, "reminder", 1): at8(dt.date(2026, 6, 29)),
        (owner, "reminder", 0): at8(dt.date(2026, 6, 30)),
    }
    # Later sweeps do not add the 30-day reminder, nor a second catch-up.
    later = dt.datetime(2026, 6, 29, 12, 0, tzinfo=dt.UTC)
    assert reminders_schedule(deadline=deadline, now=later).created == 0


def test_a_deadline_found_on_its_last_day_escalates_at_once():
    people = team()
    now = dt.datetime(2026, 6, 30, 10, 0, tzinfo=dt.UTC)
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=now)
    keys = set(rows(deadline))
    assert (people.owner.pk, "reminder", 0) in keys
    assert (people.admin.pk, "escalation", 1) in keys


def test_a_long_overdue_deadline_gets_no_stale_notice():
    people = team()
    now = dt.datetime(2026, 8, 1, 10, 0, tzinfo=dt.UTC)
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=now)
    assert not Reminder.objects.exists()


def test_when_act_by_moves_due_reminders_move_with_it():
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    deadline.act_by = deadline.deadline = dt.date(2026, 7, 10)
    deadline.save()

    result = reminders_schedule(deadline=deadline, now=NOW)

    assert result.moved == 7 and result.created == 0
    seven = Reminder.objects.get(kind="reminder", offset_days=7)
    assert seven.send_at == at8(dt.date(2026, 7, 3))


def test_removed_offsets_and_a_new_owner_cancel_future_reminders_and_reopening_revives_them():
    people = team(offsets=[30, 7, 1, 0])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)

    people.organisation.reminder_offsets = [7]
    people.organisation.save()
    reminders_schedule_for_organisation(organisation=people.organisation, now=NOW)
    live = {k[1:] for k, r in rows(deadline).items() if r.kind == "reminder"}
    assert live == {("reminder", 7)}

    new_owner = person()
    deadline.contract.owner = new_owner
    deadline.contract.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert {k[0] for k, r in rows(deadline).items() if r.kind == "reminder"} == {new_owner.pk}

    deadline.contract.owner = people.owner
    deadline.contract.save()
    result = reminders_schedule(deadline=deadline, now=NOW)
    assert result.revived == 2  # the owner's 7-day reminder and overdue notice are due again
    assert {k[0] for k, r in rows(deadline).items() if r.kind == "reminder"} == {people.owner.pk}


def test_the_sweep_only_reads_deadlines_whose_reminders_start_within_its_horizon():
    people = team()
    far = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=dt.date(2027, 6, 30)
    )
    near = confirmed_deadline(organisation=people.organisation, owner=people.owner, act_by=ACT_BY)
    now = dt.datetime(2026, 5, 30, 9, 0, tzinfo=dt.UTC)
    reminders_schedule_due(now=now)
    assert not Reminder.objects.filter(deadline=far).exists()
    assert Reminder.objects.filter(deadline=near).count() == 7


def test_digest_readers_get_their_reminders_at_the_organisations_digest_hour():
    people = team(time_zone="America/New_York", owner_mode=EmailMode.DIGEST)
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    new_york = ZoneInfo("America/New_York")
    seven = Reminder.objects.get(recipient=people.owner, kind="reminder", offset_days=7)
    # 08:00 in Berlin is 02:00 in New York; the digest goes out at 08:00 New York time.
    assert seven.send_at == at8(dt.date(2026, 6, 23), new_york)
    escalation = Reminder.objects.get(recipient=people.admin, kind="escalation")
    assert escalation.send_at == at8(dt.date(2026, 6, 29))  # the admin reads single emails
