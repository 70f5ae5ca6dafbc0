"""The reminder sweep: schedule, claim what is due, hand each claim to a sender.

Claiming is one conditional UPDATE (`... SET state='sending', lease_token=T, lease_until=now+L
WHERE id IN (candidates) AND <still claimable>`), so it is atomic on every database: on
PostgreSQL a second sweep that picked the same candidates blocks on the row locks and then finds
them no longer claimable; on SQLite writers are serialised. On PostgreSQL the candidates are also
picked `FOR UPDATE SKIP LOCKED`, so a sweep neither waits for nor takes rows that a sender holds
locked while it talks to the mail server. A row is claimable when it is due (and past its retry
time) or when it is `sending` with a lease that has run out: a sender that died, or a task lost
with the broker, is retried by a later sweep. See obligations/services/reminders.py for what that
means for duplicates.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from obligations.models import Reminder, SweepStatus
from obligations.models.choices import EmailMode, ReminderState
from obligations.services.reminder_schedule import ScheduleResult, reminders_schedule_due
from obligations.services.reminder_schedule_changes import reminders_schedule_changed

log = logging.getLogger(__name__)

SWEEP_NAME = "reminders"


@dataclass(frozen=True)
class Claim:
    """Reminders claimed together under one lease, to be sent as one message: a single
    reminder, or one recipient's digest."""

    lease_token: str
    reminder_ids: tuple[int, ...]
    digest: bool = False


@dataclass
class SweepReport:
    schedule: ScheduleResult = field(default_factory=ScheduleResult)
    claims: list[Claim] = field(default_factory=list)

    @property
    def claimed(self) -> int:
        return sum(len(c.reminder_ids) for c in self.claims)


def claimable_q(now: dt.datetime) -> Q:
    return _due_q(now) | _abandoned_q(now)


Dispatch = Callable[[Sequence[Claim]], None]


def reminders_claim_due(
    *,
    now: dt.datetime | None = None,
    limit: int | None = None,
    dispatch: Dispatch | None = None,
) -> list[Claim]:
    """Claim due reminders under a fresh lease and group them into claims.

    At most `limit` (REMINDER_CLAIM_BATCH) reminders are in flight at once, counting those
    claimed earlier whose lease still runs, so the queue of send tasks stays short enough to
    drain within a lease. `dispatch` is called with the claims in batches of REMINDER_SEND_BATCH
    (one send task each, sent over one SMTP connection) after the claim has committed, so a
    sender never looks for a row it cannot see yet; if it fails (the broker is down) the claims
    simply run out and a later sweep claims the reminders again.
    """
    now = now or timezone.now()
    limit = settings.REMINDER_CLAIM_BATCH if limit is None else limit
    token = uuid.uuid4().hex
    lease_until = now + dt.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    with transaction.atomic():
        in_flight = Reminder.objects.filter(
            state=ReminderState.SENDING, lease_until__gte=now
        ).count()
        # Room for whole send batches only: a remainder (the sent part of a batch still going
        # out) would leave as a small batch of its own, a task and an SMTP connection for a few
        # messages. Room frees up as batches finish or their leases run out, so nothing waits
        # for long; with fewer due than the room, all of them are claimed.
        whole = min(settings.REMINDER_SEND_BATCH, limit)
        room = limit - in_flight
        room -= room % whole
        if room <= 0:
            return []
        candidates = _claimable_ids(now, room)
        if not candidates:
            return []
        Reminder.objects.filter(pk__in=candidates).filter(claimable_q(now)).update(
            state=ReminderState.SENDING,
            lease_token=token,
            lease_until=lease_until,
            next_attempt_at=None,
        )
        claimed = Reminder.objects.filter(pk__in=candidates, lease_token=token).values_list(
            "id", "recipient_id", "recipient__membership__email_mode"
        )
        claims: list[Claim] = []
        digests: dict[int, list[int]] = defaultdict(list)
        for reminder_id, recipient_id, email_mode in claimed.order_by("send_at", "id"):
            if email_mode in (EmailMode.DIGEST, EmailMode.WEEKLY):
                digests[recipient_id].append(reminder_id)
            else:
                claims.append(Claim(token, (reminder_id,)))
        claims.extend(Claim(token, tuple(sorted(ids)), digest=True) for ids in digests.values())
        if dispatch is not None:
            transaction.on_commit(lambda: _dispatch_all(claims, dispatch))
    return claims


def _full_schedule_due(status: SweepStatus, started: dt.datetime) -> bool:
    """A full scheduling pass is due when none ran yet or the last is older than
    REMINDER_FULL_SCHEDULE_SECONDS; otherwise only what changed is read."""
    if status.schedule_watermark is None or status.last_full_schedule_at is None:
        return True
    age = started - status.last_full_schedule_at
    return age >= dt.timedelta(seconds=settings.REMINDER_FULL_SCHEDULE_SECONDS)


def _due_q(now: dt.datetime) -> Q:
    return Q(state=ReminderState.DUE, send_at__lte=now) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _abandoned_q(now: dt.datetime) -> Q:
    return Q(state=ReminderState.SENDING, lease_until__lt=now)


def _claimable_ids(now: dt.datetime, room: int) -> list[int]:
    """Up to `room` claimable ids: leases that ran out first (they have waited longest), then
    due rows by send time. Two queries, not one with an OR: each is a range scan of its own
    partial index, where the OR made PostgreSQL read every waiting reminder."""
    abandoned = list(
        Reminder.objects.filter(_abandoned_q(now))
        .order_by("lease_until", "id")
        .select_for_update(skip_locked=True)
        .values_list("id", flat=True)[:room]
    )
    if len(abandoned) >= room:
        return abandoned
    due = list(
        Reminder.objects.filter(_due_q(now))
        .order_by("send_at", "id")
        .select_for_update(skip_locked=True)
        .values_list("id", flat=True)[: room - len(abandoned)]
    )
    return abandoned + due


def reminders_waiting(*, now: dt.datetime | None = None) -> bool:
    """Are there reminders to claim now (two indexed queries)?"""
    now = now or timezone.now()
    # Ordered like their indexes: an unordered LIMIT 1 (what exists() sends) lets PostgreSQL
    # expect a match early in a sequential scan of every reminder.
    abandoned = Reminder.objects.filter(_abandoned_q(now)).order_by("lease_until", "id")
    due = Reminder.objects.filter(_due_q(now)).order_by("send_at", "id")
    return any(qs.values_list("id", flat=True)[:1] for qs in (abandoned, due))


def _dispatch_all(claims: list[Claim], dispatch: Dispatch) -> None:
    size = settings.REMINDER_SEND_BATCH
    for done in range(0, len(claims), size):
        try:
            dispatch(claims[done : done + size])
        except Exception:
            # The broker is away: stop trying (each attempt waits for its own retries). The
            # claims left over keep their rows until the lease runs out and a sweep retries.
            log.exception(
                "Could not enqueue reminder sends; %d of %d claims wait for their lease to expire",
                len(claims) - done,
                len(claims),
            )
            return


def reminders_sweep(
    *, dispatch: Dispatch | None, now: dt.datetime | None = None, schedule: bool = True
) -> SweepReport:
    """One run of the sweep: (a) schedule missing reminders and cancel unwanted ones: all of
    them once every REMINDER_FULL_SCHEDULE_SECONDS, what changed in between (see
    reminder_schedule_changes.py), nothing when `schedule` is False (a claim-only run between
    sweeps); (b) claim due ones; (c) hand the claims to `dispatch` in batches once committed;
    (d) record the run. Without a `dispatch` the caller sends the returned claims itself (the
    tests do)."""
    started = timezone.now()
    now = now or started
    report = SweepReport()
    if not schedule:
        report.claims = reminders_claim_due(now=now, dispatch=dispatch)
        return report
    status, _ = SweepStatus.objects.get_or_create(name=SWEEP_NAME)
    SweepStatus.objects.filter(pk=status.pk).update(last_started_at=started)
    full = _full_schedule_due(status, started)
    if full:
        report.schedule = reminders_schedule_due(now=now)
    else:
        assert status.schedule_watermark is not None
        report.schedule = reminders_schedule_changed(since=status.schedule_watermark, now=now)
    # The watermark never moves back: a slow sweep finishing after a quicker later one.
    SweepStatus.objects.filter(pk=status.pk).filter(
        Q(schedule_watermark__isnull=True) | Q(schedule_watermark__lt=started)
    ).update(schedule_watermark=started)
    if full:
        SweepStatus.objects.filter(pk=status.pk).update(last_full_schedule_at=started)
    report.claims = reminders_claim_due(now=now, dispatch=dispatch)
    SweepStatus.objects.filter(pk=status.pk).update(
        last_finished_at=timezone.now(),
        last_claimed=report.claimed,
        last_scheduled=report.schedule.created,
        last_cancelled=report.schedule.cancelled,
    )
    if report.claimed or report.schedule.created or report.schedule.cancelled:
        log.info(
            "Reminder sweep: %d scheduled, %d cancelled, %d claimed in %d messages",
            report.schedule.created,
            report.schedule.cancelled,
            report.claimed,
            len(report.claims),
        )
    return report
