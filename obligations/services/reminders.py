"""Reminder emails that are never lost and never doubled: the services, in one place.

Where things live: planning and scheduling in reminder_schedule.py, claiming and the sweep in
reminder_sweep.py, sending in reminder_delivery.py, the message in reminder_email.py, the signed
links' actions in reminder_actions.py. This module re-exports them and answers the dashboard's
and the status page's questions.

Design
------
Deadlines and reminders live in the database, never as Celery ETA/countdown messages. Celery
beat starts `sweep_reminders` once a minute from a static schedule (config/celery.py, with an
`expires` shorter than the interval, so sweeps queued while no worker ran are dropped, not
piled up). Each sweep (a) creates missing Reminder rows (idempotent through the unique
constraint on deadline, recipient, kind and offset) and cancels unwanted ones, (b) claims due
rows with one conditional UPDATE that sets state='sending', a fresh lease token and lease_until
(FOR UPDATE SKIP LOCKED picks the candidates on PostgreSQL; the conditional UPDATE alone is
what makes it correct on SQLite too), (c) after commit enqueues one send task per claim,
carrying only ids and the lease token, and (d) records itself in SweepStatus.

The send task acts only on rows still carrying its lease token, holds them locked on PostgreSQL
while it talks to the mail server, sends with a deterministic Message-ID (derived from the
reminder's deadline, recipient, kind and offset; a digest's from its reminder ids and day), and
marks them sent only after the server accepted the message, committing that before it even says
QUIT. Transient failures (4xx, refused connections, timeouts) go back to `due` with
next_attempt_at = now + base * 2^(attempt-1) (halved at random for jitter, capped), and the
sweep retries them: retries are rows, not ETA messages, and survive a broker restart.
After REMINDER_MAX_ATTEMPTS, or at once on a 5xx answer, a reminder is failed with the server's
answer in last_error and shows on the dashboard (`reminders_failed`).

What this means for duplicates
------------------------------
Delivery is at-least-once. A lease that expires without a result (the worker was killed, the
task was lost when Redis restarted, the message sat unacknowledged) is claimed again by a later
sweep under a new token; the task of the old claim, if it ever runs (acks_late redelivery),
finds the token changed and does nothing. Two sweeps at the same moment cannot both claim a row.
So a reminder is sent twice only in one window: the mail server accepted the message (answered
250 to the end of DATA) and the worker died before its "sent" commit reached the database, a
gap of one network round trip and a commit. Then the reminder goes out again, with the same
Message-ID, so that mail systems that de-duplicate on Message-ID (Gmail does, as do many
archives and clients) drop the copy, and a reader can see it is the same message. SMTP offers
no way to close that window from the client side; a worker killed at any other moment causes
neither a loss nor a duplicate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from obligations.models import Organisation, Reminder, SweepStatus
from obligations.models.choices import ReminderState
from obligations.services.reminder_actions import (
    ActionOutcome,
    ReminderAction,
    ReminderLinkError,
    reminder_action_apply,
    reminder_action_from_token,
    reminder_action_refusal,
    reminder_action_token,
    reminder_deadline_mark_done,
    reminder_snooze,
)
from obligations.services.reminder_delivery import (
    ClaimToSend,
    Outcome,
    reminders_deliver,
    reminders_deliver_batch,
    retry_delay,
)
from obligations.services.reminder_email import digest_message_id, reminder_email
from obligations.services.reminder_schedule import (
    ScheduleResult,
    reminder_message_id,
    reminders_cancel_unwanted,
    reminders_schedule,
    reminders_schedule_due,
    reminders_schedule_for_organisation,
)
from obligations.services.reminder_sweep import (
    SWEEP_NAME,
    Claim,
    SweepReport,
    reminders_claim_due,
    reminders_sweep,
    reminders_waiting,
)

__all__ = [
    "ActionOutcome",
    "Claim",
    "ClaimToSend",
    "Outcome",
    "ReminderAction",
    "ReminderLinkError",
    "ReminderStatus",
    "ScheduleResult",
    "SweepReport",
    "digest_message_id",
    "reminder_action_apply",
    "reminder_action_from_token",
    "reminder_action_refusal",
    "reminder_action_token",
    "reminder_deadline_mark_done",
    "reminder_email",
    "reminder_message_id",
    "reminder_snooze",
    "reminders_cancel_unwanted",
    "reminders_claim_due",
    "reminders_deliver",
    "reminders_deliver_batch",
    "reminders_failed",
    "reminders_schedule",
    "reminders_schedule_due",
    "reminders_schedule_for_organisation",
    "reminders_status",
    "reminders_sweep",
    "reminders_waiting",
    "retry_delay",
]


def reminders_failed(*, organisation: Organisation) -> QuerySet[Reminder]:
    """The organisation's reminders that could not be delivered, newest first, for the
    dashboard: each with its recipient, deadline, contract and the server's last answer."""
    return (
        Reminder.objects.filter(state=ReminderState.FAILED, deadline__organisation=organisation)
        .select_related("recipient", "deadline__contract", "deadline__obligation")
        .order_by("-send_at", "-pk")
    )


@dataclass(frozen=True)
class ReminderStatus:
    last_sweep: SweepStatus | None
    sweep_overdue: bool  # no sweep finished within three intervals
    due_now: int
    scheduled: int  # due, but not before a later time
    sending: int
    sent: int
    failed: int
    cancelled: int
    oldest_due: Reminder | None


def reminders_status(
    *, organisation: Organisation, now: dt.datetime | None = None
) -> ReminderStatus:
    now = now or timezone.now()
    ours = Reminder.objects.filter(deadline__organisation=organisation)
    by_state = {
        row["state"]: row["n"] for row in ours.order_by().values("state").annotate(n=Count("pk"))
    }
    due_now = ours.filter(state=ReminderState.DUE, send_at__lte=now)
    due_now_count = due_now.count()
    sweep = SweepStatus.objects.filter(name=SWEEP_NAME).first()
    late_after = dt.timedelta(seconds=3 * settings.REMINDER_SWEEP_SECONDS)
    finished = sweep.last_finished_at if sweep else None
    return ReminderStatus(
        last_sweep=sweep,
        sweep_overdue=finished is None or finished < now - late_after,
        due_now=due_now_count,
        scheduled=by_state.get(ReminderState.DUE, 0) - due_now_count,
        sending=by_state.get(ReminderState.SENDING, 0),
        sent=by_state.get(ReminderState.SENT, 0),
        failed=by_state.get(ReminderState.FAILED, 0),
        cancelled=by_state.get(ReminderState.CANCELLED, 0),
        oldest_due=due_now.select_related("recipient", "deadline__contract")
        .order_by("send_at", "pk")
        .first(),
    )
