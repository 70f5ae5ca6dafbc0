"""The signed links in reminder emails: GET shows a confirmation page and changes nothing, only
the POST from that page acts, and expired, tampered or foreign links are refused clearly."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from obligations.models import Reminder
from obligations.models.choices import DeadlineStatus, ReminderState
from obligations.services.reminders import ReminderAction, reminder_action_token
from tests.reliability.reminder_data import deadline_ahead, due_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminder():
    """A reminder that went out, and a later one of the same deadline still due."""
    people, deadline = deadline_ahead(days=7)
    sent, _later = due_reminders(deadline=deadline, count=2, recipients=[people.owner])
    Reminder.objects.filter(pk=sent.pk).update(state=ReminderState.SENT, sent_at=timezone.now())
    sent.refresh_from_db()
    return sent


def link(reminder, action) -> str:
    return reverse(
        "reminder_action", kwargs={"token": reminder_action_token(reminder=reminder, action=action)}
    )


def snapshot(reminder):
    deadline = type(reminder.deadline).objects.get(pk=reminder.deadline_id)
    return (
        deadline.status,
        list(
            Reminder.objects.filter(deadline_id=reminder.deadline_id)
            .order_by("pk")
            .values_list("pk", "state", "send_at")
        ),
    )


@pytest.mark.parametrize("action", list(ReminderAction))
def test_get_shows_what_will_happen_and_changes_nothing_even_without_login(reminder, action):
    before = snapshot(reminder)
    response = Client().get(link(reminder, action))

    assert response.status_code == 200
    page = response.content.decode()
    assert action.label in page
    assert "Give notice of termination" in page
    assert 'method="post"' in page
    assert response["Referrer-Policy"] == "same-origin"
    assert snapshot(reminder) == before


def test_post_marks_the_deadline_done_and_cancels_its_due_reminders(reminder):
    url = link(reminder, ReminderAction.DONE)
    response = Client().post(url)

    assert response.status_code == 200
    assert "marked done" in response.content.decode()
    deadline = reminder.deadline
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.DONE
    assert deadline.status_changed_by == reminder.recipient
    assert deadline.history[-1]["by"] == reminder.recipient.get_username()
    assert deadline.history[-1]["status"] == ["open", "done"]
    assert deadline.history[-1]["why"] == "marked done from a reminder email"
    states = set(Reminder.objects.exclude(pk=reminder.pk).values_list("state", flat=True))
    assert states == {ReminderState.CANCELLED}

    again = Client().post(url)  # the same link a second time changes nothing more
    assert "already marked done" in again.content.decode()
    deadline.refresh_from_db()
    assert len(deadline.history) == 1


def test_post_works_for_a_signed_in_user_too(client, reminder):
    client.force_login(reminder.recipient)
    response = client.post(link(reminder, ReminderAction.DONE))
    assert response.status_code == 200
    reminder.deadline.refresh_from_db()
    assert reminder.deadline.status == DeadlineStatus.DONE


def test_snooze_brings_a_sent_reminder_back_later_and_leaves_the_deadline(reminder):
    deadline_before = (reminder.deadline.act_by, reminder.deadline.deadline)
    now = timezone.now()

    with time_machine.travel(now, tick=False):
        response = Client().post(link(reminder, ReminderAction.SNOOZE_DAY))

    assert response.status_code == 200
    follow_up = Reminder.objects.get(snoozed_from=reminder)
    assert follow_up.state == ReminderState.DUE
    assert follow_up.send_at == now + dt.timedelta(days=1)
    assert (follow_up.kind, follow_up.offset_days) == (reminder.kind, reminder.offset_days)
    assert follow_up.message_id.endswith(f"-snooze{reminder.pk}@localhost>")
    reminder.deadline.refresh_from_db()
    assert (reminder.deadline.act_by, reminder.deadline.deadline) == deadline_before

    # Snoozing again (a week this time) moves the waiting follow-up instead of adding one.
    with time_machine.travel(now, tick=False):
        Client().post(link(reminder, ReminderAction.SNOOZE_WEEK))
    follow_up.refresh_from_db()
    assert follow_up.send_at == now + dt.timedelta(days=7)
    assert Reminder.objects.filter(snoozed_from__isnull=False).count() == 1


def test_snooze_moves_a_reminder_that_has_not_gone_out_yet(reminder):
    waiting = Reminder.objects.exclude(pk=reminder.pk).get()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        Client().post(link(waiting, ReminderAction.SNOOZE_WEEK))
    waiting.refresh_from_db()
    assert waiting.send_at == now + dt.timedelta(days=7)
    assert not Reminder.objects.filter(snoozed_from__isnull=False).exists()


def test_an_expired_link_is_refused_with_a_clear_page(settings, reminder):
    settings.REMINDER_LINK_MAX_AGE_DAYS = 14
    url = link(reminder, ReminderAction.DONE)
    before = snapshot(reminder)
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        get = Client().get(url)
        post = Client().post(url)

    assert get.status_code == post.status_code == 410
    assert "This link has expired" in get.content.decode()
    assert "14 days" in get.content.decode()
    assert snapshot(reminder) == before


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: token[:10],  # cut short
        lambda token: "x" + token,  # payload changed
        # Signed with the same key but for another purpose.
        lambda token: signing.TimestampSigner(salt="other").sign_object({"r": 1, "a": "done"}),
    ],
)
def test_a_tampered_link_is_refused_and_changes_nothing(reminder, tamper):
    token = reminder_action_token(reminder=reminder, action=ReminderAction.DONE)
    url = reverse("reminder_action", kwargs={"token": tamper(token)})
    before = snapshot(reminder)

    get = Client().get(url)
    post = Client().post(url)

    assert get.status_code == post.status_code == 400
    assert "This link is not valid" in get.content.decode()
    assert snapshot(reminder) == before


def test_a_link_whose_reminder_is_gone_says_so(reminder):
    url = link(reminder, ReminderAction.DONE)
    reminder.delete()
    response = Client().get(url)
    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()


def test_the_post_needs_the_confirmation_pages_csrf_token(reminder):
    url = link(reminder, ReminderAction.DONE)
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(url).status_code == 403  # a form elsewhere cannot act
    reminder.deadline.refresh_from_db()
    assert reminder.deadline.status == DeadlineStatus.OPEN

    page = browser.get(url)
    token = page.context["csrf_token"]
    assert browser.post(url, {"csrfmiddlewaretoken": str(token)}).status_code == 200
    reminder.deadline.refresh_from_db()
    assert reminder.deadline.status == DeadlineStatus.DONE


def test_nothing_to_snooze_once_the_deadline_is_done(reminder):
    reminder.deadline.status = DeadlineStatus.DONE
    reminder.deadline.save()
    response = Client().post(link(reminder, ReminderAction.SNOOZE_DAY))
    assert response.status_code == 409
    assert "already done" in response.content.decode()
    assert not Reminder.objects.filter(snoozed_from__isnull=False).exists()


def test_a_waived_deadline_is_not_marked_done(reminder):
    reminder.deadline.status = DeadlineStatus.WAIVED
    reminder.deadline.save()
    response = Client().post(link(reminder, ReminderAction.DONE))
    assert response.status_code == 409
    assert "Nothing was changed" in response.content.decode()
    reminder.deadline.refresh_from_db()
    assert reminder.deadline.status == DeadlineStatus.WAIVED
