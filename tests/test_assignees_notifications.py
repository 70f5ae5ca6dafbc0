"""Who is reminded: a deadline's or obligation's assignee before the contract's owner; each
member's own offsets, digest mode (daily or weekly), escalations, and one-click unsubscribe."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import resolve, reverse

from obligations.models import AuditEntry, Membership, Reminder
from obligations.models.choices import EmailMode, ReminderKind, ReminderState, Role
from obligations.services.notification_settings import unsubscribe_token
from obligations.services.reminders import (
    reminders_deliver,
    reminders_schedule,
    reminders_sweep,
)
from tests.factories import MembershipFactory
from tests.reliability.reminder_data import confirmed_deadline, person, team

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
ACT_BY = dt.date(2026, 6, 30)


def recipients(deadline, kind=ReminderKind.REMINDER):
    return {
        r.recipient_id
        for r in Reminder.objects.filter(deadline=deadline, kind=kind).exclude(
            state=ReminderState.CANCELLED
        )
    }


def member(organisation, **fields):
    return MembershipFactory(user=person(), organisation=organisation, role=Role.REVIEWER, **fields)


def test_the_obligations_assignee_is_reminded_instead_of_the_owner():
    people = team(offsets=[30, 7])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    colleague = member(people.organisation).user
    deadline.obligation.assignee = colleague
    deadline.obligation.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline) == {colleague.pk}
    assert recipients(deadline, ReminderKind.OVERDUE) == {colleague.pk, people.admin.pk}


def test_a_deadlines_own_assignee_comes_first_and_a_change_moves_the_reminders():
    people = team(offsets=[30, 7])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    first, second = member(people.organisation).user, member(people.organisation).user
    deadline.obligation.assignee = first
    deadline.obligation.save()
    deadline.assignee = second
    deadline.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline) == {second.pk}
    deadline.assignee = None
    deadline.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline) == {first.pk}


@pytest.mark.parametrize("why", ["deactivated", "emails off"])
def test_an_assignee_who_cannot_be_reached_hands_back_to_the_owner(why):
    people = team(offsets=[7])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    colleague = member(people.organisation)
    if why == "deactivated":
        colleague.user.is_active = False
        colleague.user.save()
    else:
        colleague.email_mode = EmailMode.OFF
        colleague.save()
    deadline.obligation.assignee = colleague.user
    deadline.obligation.save()
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline) == {people.owner.pk}


def test_a_member_chooses_their_own_days_before():
    people = team(offsets=[30, 7, 1])
    Membership.objects.filter(user=people.owner).update(reminder_offsets=[14])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    offsets = set(
        Reminder.objects.filter(deadline=deadline, kind=ReminderKind.REMINDER)
        .exclude(state=ReminderState.CANCELLED)
        .values_list("offset_days", flat=True)
    )
    assert offsets == {14}


def test_an_admin_can_turn_escalations_off():
    people = team(offsets=[7])
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline, ReminderKind.ESCALATION) == {people.admin.pk}
    Membership.objects.filter(user=people.admin).update(escalations=False)
    reminders_schedule(deadline=deadline, now=NOW)
    assert recipients(deadline, ReminderKind.ESCALATION) == set()


def _sweep_and_send() -> None:
    for claim in reminders_sweep(dispatch=None).claims:
        reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token, digest=claim.digest
        )


def test_a_weekly_digest_carries_three_deadlines_in_one_email(mailoutbox):
    # The weekly reader gets each reminder on the first Monday at or after its day, as long as
    # that is before the day the act is due.
    people = team(offsets=[14], owner_mode=EmailMode.WEEKLY)
    titles = {
        "Hosting": dt.date(2026, 7, 16),
        "Support": dt.date(2026, 7, 18),
        "Licence": dt.date(2026, 7, 20),
    }
    for title, act_by in titles.items():
        confirmed_deadline(
            organisation=people.organisation, owner=people.owner, act_by=act_by, title=title
        )
    with time_machine.travel(dt.datetime(2026, 7, 5, 9, tzinfo=dt.UTC), tick=False):
        _sweep_and_send()  # Sunday: plans the rows; nothing is due yet
    send_times = set(
        Reminder.objects.filter(recipient=people.owner, kind=ReminderKind.REMINDER).values_list(
            "send_at", flat=True
        )
    )
    # 14 days before 16, 18 and 20 Jul are Thu 2, Sat 4 and Mon 6 Jul: all wait for Mon 6 Jul.
    assert send_times == {dt.datetime(2026, 7, 6, 8, tzinfo=dt.UTC)}
    assert mailoutbox == []
    with time_machine.travel(dt.datetime(2026, 7, 6, 8, 5, tzinfo=dt.UTC), tick=False):
        _sweep_and_send()
        _sweep_and_send()
    assert len(mailoutbox) == 1
    (digest,) = mailoutbox
    assert digest.to == [people.owner.email]
    for title in titles:
        assert title in digest.body
    assert "one digest a week" in digest.alternatives[0].content


def test_a_weekly_digest_never_arrives_after_the_day_before_the_deadline():
    people = team(offsets=[1], owner_mode=EmailMode.WEEKLY)
    # 1 day before Fri 3 Jul 2026 is Thu 2 Jul; next Monday would be too late.
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=dt.date(2026, 7, 3)
    )
    reminders_schedule(deadline=deadline, now=dt.datetime(2026, 6, 25, 9, tzinfo=dt.UTC))
    (row,) = Reminder.objects.filter(deadline=deadline, kind=ReminderKind.REMINDER)
    assert row.send_at.date() == dt.date(2026, 7, 2)


def test_every_reminder_email_carries_a_one_click_unsubscribe(client, mailoutbox):
    people = team(offsets=[7])
    confirmed_deadline(organisation=people.organisation, owner=people.owner, act_by=ACT_BY)
    with time_machine.travel(dt.datetime(2026, 6, 23, 9, tzinfo=dt.UTC), tick=False):
        _sweep_and_send()
    message = next(m for m in mailoutbox if m.to == [people.owner.email])
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = header.strip("<>").split("://", 1)[1].split("/", 1)[1]
    assert resolve(f"/{path}").url_name == "email_unsubscribe"
    assert header.strip("<>") in message.body

    # The mail program's one-click POST: no session, no CSRF token.
    response = client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Membership.objects.get(user=people.owner).email_mode == EmailMode.OFF
    assert AuditEntry.objects.filter(action="unsubscribed", actor=people.owner).count() == 1
    # And nothing more is planned for them: the admins take the reminders over.
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    reminders_schedule(deadline=deadline, now=NOW)
    assert people.owner.pk not in recipients(deadline)
    assert recipients(deadline) == {people.admin.pk}


def test_a_changed_unsubscribe_link_changes_nothing(client):
    people = team()
    token = unsubscribe_token(user_id=people.owner.pk)
    response = client.post(reverse("email_unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert Membership.objects.get(user=people.owner).email_mode == EmailMode.SINGLE


def test_the_settings_page_saves_a_members_choices(client):
    people = team()
    client.force_login(people.owner)
    page = client.get(reverse("notification_settings"))
    assert page.status_code == 200 and "Reminder settings" in page.content.decode()
    refused = client.post(reverse("notification_settings"), {"email_mode": "single"})
    assert refused.status_code == 400 and "Tick at least one day" in refused.content.decode()
    saved = client.post(
        reverse("notification_settings"), {"email_mode": "weekly", "offsets": ["14", "3"]}
    )
    assert saved.status_code == 302
    membership = Membership.objects.get(user=people.owner)
    assert (membership.email_mode, membership.reminder_offsets) == ("weekly", [14, 3])
    # A reviewer cannot turn escalations off (only admins get them); the setting is kept.
    assert membership.escalations is True
    entry = AuditEntry.objects.get(action="notifications_changed")
    assert entry.changes["email_mode"] == ["single", "weekly"]


def test_assigning_a_deadline_on_the_dashboard_moves_its_reminders_and_mine_shows_it(client):
    people = team(offsets=[7])
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=dt.date.today() + dt.timedelta(days=20),
    )
    colleague = member(people.organisation).user
    client.force_login(people.owner)
    response = client.post(
        reverse("deadline_assign", args=[deadline.pk]), {"assignee": str(colleague.pk)}
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.assignee == colleague
    assert recipients(deadline) == {colleague.pk}
    entry = deadline.contract.review_log.get(action="deadline_assigned")
    assert entry.changes["assignee"] == ["", colleague.username]

    # "Mine" for the colleague lists it; for the owner it is no longer theirs.
    client.force_login(colleague)
    mine = client.get(reverse("dashboard"), {"who": "mine"}).content.decode()
    assert deadline.obligation.summary in mine
    client.force_login(people.owner)
    assert (
        deadline.obligation.summary
        not in client.get(reverse("dashboard"), {"who": "mine"}).content.decode()
    )
    assert deadline.obligation.summary in client.get(reverse("dashboard")).content.decode()


def test_only_members_can_be_assigned_and_only_by_reviewers(client):
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY
    )
    stranger = team().owner
    client.force_login(people.owner)
    client.post(reverse("deadline_assign", args=[deadline.pk]), {"assignee": str(stranger.pk)})
    deadline.refresh_from_db()
    assert deadline.assignee is None
    viewer = MembershipFactory(user=person(), organisation=people.organisation, role=Role.VIEWER)
    client.force_login(viewer.user)
    response = client.post(
        reverse("deadline_assign", args=[deadline.pk]), {"assignee": str(viewer.user.pk)}
    )
    assert response.status_code == 403
    deadline.refresh_from_db()
    assert deadline.assignee is None


def test_assigning_an_obligation_hands_over_all_its_open_deadlines(client):
    people = team(offsets=[7])
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=dt.date.today() + dt.timedelta(days=20),
    )
    colleague = member(people.organisation).user
    client.force_login(people.admin)
    response = client.post(
        reverse("obligation_assign", args=[deadline.obligation.pk]),
        {"assignee": str(colleague.pk)},
    )
    assert response.status_code == 302
    deadline.obligation.refresh_from_db()
    assert deadline.obligation.assignee == colleague
    assert colleague.pk in recipients(deadline) and people.owner.pk not in recipients(deadline)
