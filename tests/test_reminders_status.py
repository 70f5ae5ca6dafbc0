"""The admins' reminder status page and the dashboard's failed-reminders query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from obligations.models import Reminder, SweepStatus
from obligations.models.choices import ReminderState, Role
from obligations.services.reminders import reminders_failed
from tests.factories import MembershipFactory
from tests.reliability.reminder_data import (
    confirmed_deadline,
    deadline_ahead,
    due_reminders,
    person,
    team,
)

pytestmark = pytest.mark.django_db

URL = reverse("reminders_status")


@pytest.fixture
def people():
    people, deadline = deadline_ahead()
    now = timezone.now()
    rows = due_reminders(deadline=deadline, count=9, send_at=now - dt.timedelta(hours=3))
    oldest = rows[0]
    Reminder.objects.filter(pk=oldest.pk).update(send_at=now - dt.timedelta(days=2))
    Reminder.objects.filter(pk__in=[r.pk for r in rows[1:3]]).update(
        send_at=now + dt.timedelta(days=1)
    )
    Reminder.objects.filter(pk=rows[3].pk).update(
        state=ReminderState.SENDING, lease_token="t", lease_until=now + dt.timedelta(minutes=5)
    )
    Reminder.objects.filter(pk__in=[r.pk for r in rows[4:6]]).update(state=ReminderState.SENT)
    Reminder.objects.filter(pk=rows[6].pk).update(
        state=ReminderState.FAILED, attempts=1, last_error="550 5.1.1 Mailbox does not exist"
    )
    # rows 7 and 8 stay due now; another organisation's reminders must not be counted.
    other = team()
    other_deadline = confirmed_deadline(
        organisation=other.organisation, owner=other.owner, act_by=dt.date(2030, 1, 1)
    )
    other_rows = due_reminders(deadline=other_deadline, count=4)
    Reminder.objects.filter(pk=other_rows[0].pk).update(state=ReminderState.FAILED)
    people.oldest = oldest
    return people


def test_admins_see_the_counts_the_last_sweep_and_the_oldest_due_reminder(client, people):
    finished = timezone.now() - dt.timedelta(seconds=20)
    SweepStatus.objects.create(
        name="reminders",
        last_started_at=finished - dt.timedelta(seconds=1),
        last_finished_at=finished,
        last_claimed=12,
    )
    client.force_login(people.admin)

    response = client.get(URL)

    assert response.status_code == 200
    status = response.context["status"]
    assert (status.due_now, status.scheduled, status.sending, status.sent, status.failed) == (
        3,
        2,
        1,
        2,
        1,
    )
    assert status.oldest_due == people.oldest
    assert status.last_sweep == SweepStatus.objects.get(name="reminders")
    page = response.content.decode()
    assert 'id="count-due">3<' in page
    assert "Oldest due" in page and people.oldest.recipient.email in page
    assert "550 5.1.1 Mailbox does not exist" in page
    assert "Finished" in page
    assert "12 claimed" not in page  # the sweep's counts span every organisation
    assert not status.sweep_overdue


def test_a_page_without_a_recent_sweep_says_so(client, people):
    client.force_login(people.admin)
    page = client.get(URL).content.decode()
    assert "No sweep has finished yet" in page
    assert "is Celery beat running" in page


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.VIEWER])
def test_non_admins_get_403(client, people, role):
    member = MembershipFactory(user=person(), organisation=people.organisation, role=role).user
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, people):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_failed_reminders_for_the_dashboard_are_the_organisations_own(people):
    failed = list(reminders_failed(organisation=people.organisation))
    assert [r.last_error for r in failed] == ["550 5.1.1 Mailbox does not exist"]
    assert failed[0].deadline.contract.organisation == people.organisation


def test_only_admins_see_the_link_in_the_navigation(client, people):
    client.force_login(people.admin)
    assert 'href="/status/reminders/" aria-current="page"' in client.get(URL).content.decode()
    client.force_login(people.owner)  # a reviewer
    assert 'href="/status/reminders/"' not in client.get(reverse("dashboard")).content.decode()
