"""Time moved forward through a contract's life, one sweep a day: reminders appear at each
offset, the admins are escalated to the day before, an overdue notice follows the day after,
and everything stops once a deadline is marked done (through the link in its email)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
import time_machine

from obligations.models import Reminder
from obligations.models.choices import DeadlineStatus, ReminderState
from obligations.services.reminders import reminders_deliver, reminders_sweep
from tests.reliability.reminder_data import confirmed_deadline, team

pytestmark = pytest.mark.django_db

ACT_BY = dt.date(2026, 6, 30)
FIRST_DAY = dt.date(2026, 5, 20)
LAST_DAY = dt.date(2026, 7, 12)


def days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def sweep_and_send() -> None:
    for claim in reminders_sweep(dispatch=None).claims:
        reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token, digest=claim.digest
        )


def test_a_contracts_deadlines_through_time(client, mailoutbox):
    people = team()  # offsets 30, 7, 1 and 0 days before act_by
    kept_open = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY, title="Hosting"
    )
    done_early = confirmed_deadline(
        organisation=people.organisation, owner=people.owner, act_by=ACT_BY, title="Support"
    )
    names = {people.owner.email: "owner", people.admin.email: "admin"}
    mail_by_day: dict[dt.date, set[tuple[str, str, str, int]]] = defaultdict(set)
    rows_by_day: dict[dt.date, int] = {}

    for day in days(FIRST_DAY, LAST_DAY):
        # 09:00 UTC, after the 08:00 (Europe/Berlin) send time of the day's reminders.
        with time_machine.travel(dt.datetime.combine(day, dt.time(9), dt.UTC), tick=False):
            sent_before = len(mailoutbox)
            sweep_and_send()
            for message in mailoutbox[sent_before:]:
                reminder = Reminder.objects.get(message_id=message.extra_headers["Message-ID"])
                assert message.to == [reminder.recipient.email]
                mail_by_day[day].add(
                    (
                        reminder.deadline.contract.title,
                        names[message.to[0]],
                        reminder.kind,
                        reminder.offset_days,
                    )
                )
            rows_by_day[day] = Reminder.objects.filter(deadline=kept_open).count()

            if day == dt.date(2026, 6, 23):
                (seven_days,) = [m for m in mailoutbox[sent_before:] if "Support" in m.subject]
                done_link = re.search(r"Mark done:\s+(\S+)", seven_days.body).group(1)
                path = done_link.removeprefix("http://127.0.0.1:8000")
                assert client.get(path).status_code == 200  # the confirmation page
                assert client.post(path).status_code == 200  # the action

    assert dict(mail_by_day) == {
        dt.date(2026, 5, 31): {
            ("Hosting", "owner", "reminder", 30),
            ("Support", "owner", "reminder", 30),
        },
        dt.date(2026, 6, 23): {
            ("Hosting", "owner", "reminder", 7),
            ("Support", "owner", "reminder", 7),
        },
        dt.date(2026, 6, 29): {
            ("Hosting", "owner", "reminder", 1),
            ("Hosting", "admin", "escalation", 1),
        },
        dt.date(2026, 6, 30): {("Hosting", "owner", "reminder", 0)},
        dt.date(2026, 7, 1): {
            ("Hosting", "owner", "overdue", -1),
            ("Hosting", "admin", "overdue", -1),
        },
    }
    # The rows appear once the first offset comes into the sweep's range, all at once.
    assert rows_by_day[dt.date(2026, 5, 28)] == 0
    assert rows_by_day[dt.date(2026, 5, 29)] == 7
    assert set(Reminder.objects.filter(deadline=kept_open).values_list("state", flat=True)) == {
        ReminderState.SENT
    }
    done_early.refresh_from_db()
    assert done_early.status == DeadlineStatus.DONE
    assert done_early.status_changed_by == people.owner
    after_done = Reminder.objects.filter(deadline=done_early).exclude(
        offset_days__in=[30, 7], kind="reminder"
    )
    assert set(after_done.values_list("state", flat=True)) == {ReminderState.CANCELLED}
