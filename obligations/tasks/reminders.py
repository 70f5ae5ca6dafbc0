"""Reminder tasks: the sweep (run by beat once a minute) and the senders it enqueues.

Tasks stay thin and carry only ids and a lease token; everything they act on is read from the
database, so a lost or repeated task message can neither lose nor double a reminder (see
obligations/services/reminders.py). Retries are rows with next_attempt_at that a later sweep
claims again, not Celery retries with a countdown.
"""

from __future__ import annotations

from celery import shared_task

from obligations.services.reminders import Claim, reminders_deliver, reminders_sweep

# Sends queue behind the sweep (on Redis, 0 is served first), so a backlog of sends never makes
# a sweep wait until it expires: the status page stays true and retries stay on time.
SEND_PRIORITY = 6


def dispatch_claim(claim: Claim) -> None:
    """Enqueue the send task for one claim (called once the claim has committed)."""
    if claim.digest:
        send_reminder_digest.apply_async(
            (list(claim.reminder_ids), claim.lease_token), priority=SEND_PRIORITY
        )
    else:
        send_reminder.apply_async(
            (claim.reminder_ids[0], claim.lease_token), priority=SEND_PRIORITY
        )


# A sweep that is lost or cut short needs no redelivery: the next one comes within a minute.
@shared_task(name="reminders.sweep", acks_late=False, ignore_result=True)
def sweep_reminders() -> dict[str, int]:
    report = reminders_sweep(dispatch=dispatch_claim)
    return {
        "scheduled": report.schedule.created,
        "cancelled": report.schedule.cancelled,
        "claimed": report.claimed,
        "messages": len(report.claims),
    }


# Sends are acknowledged when a worker takes them, not when they finish: a send whose worker dies
# is recovered by the sweep once its lease runs out, not by redelivery, and an acknowledgement
# sent after Redis went away mid-task can stall the worker's consumer (kombu raises an
# AttributeError on the closed channel), which then takes no task even when Redis is back.
@shared_task(name="reminders.send", acks_late=False, ignore_result=True)
def send_reminder(reminder_id: int, lease_token: str) -> str:
    return reminders_deliver(reminder_ids=[reminder_id], lease_token=lease_token)


@shared_task(name="reminders.send_digest", acks_late=False, ignore_result=True)
def send_reminder_digest(reminder_ids: list[int], lease_token: str) -> str:
    return reminders_deliver(reminder_ids=reminder_ids, lease_token=lease_token, digest=True)
