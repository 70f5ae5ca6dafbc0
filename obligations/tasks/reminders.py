"""Reminder tasks: the sweep (run by beat once a minute) and the senders it enqueues, in batches
of claims sent over one SMTP connection. `send_reminder` and `send_reminder_digest` (one claim
each) stay for messages enqueued before batches existed.

Tasks stay thin and carry only ids and a lease token; everything they act on is read from the
database, so a lost or repeated task message can neither lose nor double a reminder (see
obligations/services/reminders.py). Retries are rows with next_attempt_at that a later sweep
claims again, not Celery retries with a countdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from celery import shared_task

from obligations.services.reminders import (
    Claim,
    ClaimToSend,
    reminders_deliver,
    reminders_deliver_batch,
    reminders_sweep,
    reminders_waiting,
)

# Sends queue behind the sweep (on Redis, 0 is served first), so a backlog of sends never makes
# a sweep wait until it expires: the status page stays true and retries stay on time.
SEND_PRIORITY = 6


def dispatch_claims(claims: Sequence[Claim]) -> None:
    """Enqueue one send task for a batch of claims (called once the claims have committed)."""
    send_reminder_batch.apply_async(
        ([[list(c.reminder_ids), c.lease_token, c.digest] for c in claims],),
        priority=SEND_PRIORITY,
    )


# A sweep that is lost or cut short needs no redelivery: the next one comes within a minute.
@shared_task(name="reminders.sweep", acks_late=False, ignore_result=True)
def sweep_reminders() -> dict[str, int]:
    report = reminders_sweep(dispatch=dispatch_claims)
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


# Between sweeps, a worker that finished a batch claims the next reminders at once: with many
# reminders due, sending runs at the mail server's pace instead of one batch a minute.
@shared_task(name="reminders.claim", acks_late=False, ignore_result=True)
def claim_reminders() -> int:
    return reminders_sweep(dispatch=dispatch_claims, schedule=False).claimed


@shared_task(name="reminders.send_batch", acks_late=False, ignore_result=True)
def send_reminder_batch(claims: list[list[Any]]) -> list[str | None]:
    outcomes = reminders_deliver_batch(
        claims=[ClaimToSend(tuple(ids), token, bool(digest)) for ids, token, digest in claims]
    )
    if reminders_waiting():
        claim_reminders.apply_async(priority=0)
    return [str(outcome) if outcome else None for outcome in outcomes]


@shared_task(name="reminders.send_digest", acks_late=False, ignore_result=True)
def send_reminder_digest(reminder_ids: list[int], lease_token: str) -> str:
    return reminders_deliver(reminder_ids=reminder_ids, lease_token=lease_token, digest=True)
