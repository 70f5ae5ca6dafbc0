"""Which reminders a deadline should have, and making the Reminder rows match that plan.

The plan for an open deadline of a confirmed (or corrected) obligation, with act_by A:
- a reminder to the contract's owner (or, without an owner who has an email address, to the
  organisation's admins) at each of the organisation's offsets, on day A - offset;
- an escalation to the admins on day A - 1 (not to an admin who already gets the reminder);
- an overdue notice to the same people on day A + 1; it is still sent if the deadline is marked
  missed, and not planned at all once that day is more than a week past (a stale notice).
Everything goes out at REMINDER_SEND_HOUR in the contract's time zone: that is where the
deadline's dates are counted, so an overdue notice never arrives before the day is over there.
A recipient in digest mode gets the same reminders at the first digest time (REMINDER_SEND_HOUR
in the organisation's time zone) at or after that moment, so all of a day's reminders share one
send time and leave in one digest.

A deadline created late does not get reminders for offsets already past, only one at once for
the most recent past offset (and an escalation if act_by is today or tomorrow). Rows are made
once (the unique constraint on deadline, recipient, kind and offset makes scheduling idempotent,
so concurrent sweeps cannot double them) and then kept in line: a due reminder whose time
changed (act_by moved, email mode changed) is moved, a future one no longer planned (offset
removed, owner changed) is cancelled, a cancelled future one planned again (deadline reopened) is
due again. Rows being sent, sent or failed are never touched here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from obligations.models import Deadline, Membership, Organisation, Reminder
from obligations.models.choices import (
    DeadlineStatus,
    EmailMode,
    ReminderKind,
    ReminderState,
    ReviewStatus,
    Role,
)

OVERDUE_OFFSET = -1  # offset_days of the overdue notice: the day after act_by
ESCALATION_OFFSET = 1  # the escalation goes out the day before act_by
OVERDUE_STALE_AFTER = dt.timedelta(days=7)
CHUNK = 500

REVIEWED = (ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED)

Key = tuple[int, int, str, int]  # deadline id, recipient id, kind, offset_days


@dataclass(frozen=True)
class PlannedReminder:
    deadline_id: int
    recipient_id: int
    kind: str
    offset_days: int
    send_at: dt.datetime

    @property
    def key(self) -> Key:
        return (self.deadline_id, self.recipient_id, self.kind, self.offset_days)


@dataclass
class ScheduleResult:
    created: int = 0
    moved: int = 0
    cancelled: int = 0
    revived: int = 0

    def add(self, other: ScheduleResult) -> None:
        self.created += other.created
        self.moved += other.moved
        self.cancelled += other.cancelled
        self.revived += other.revived


def message_id_domain() -> str:
    address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "clausewatch.invalid"


def reminder_message_id(
    *,
    deadline_id: int,
    recipient_id: int,
    kind: str,
    offset_days: int,
    snoozed_from_id: int | None = None,
) -> str:
    """The Message-ID a reminder always goes out under, derived from what makes it unique.

    Known before the row exists (so rows can be bulk-inserted) and the same on every attempt,
    so that a copy sent twice is recognisable as one message by mail servers and clients.
    """
    snooze = f"-snooze{snoozed_from_id}" if snoozed_from_id else ""
    return (
        f"<reminder-{deadline_id}-{recipient_id}-{kind}-{offset_days}{snooze}"
        f"@{message_id_domain()}>"
    )


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def send_time(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(settings.REMINDER_SEND_HOUR), tzinfo=zone)


def digest_time(moment: dt.datetime, organisation_zone: ZoneInfo) -> dt.datetime:
    """The first daily digest time in the organisation's zone at or after `moment`."""
    local_day = moment.astimezone(organisation_zone).date()
    candidate = send_time(local_day, organisation_zone)
    if candidate < moment:
        candidate = send_time(local_day + dt.timedelta(days=1), organisation_zone)
    return candidate


def reminder_still_wanted_q() -> Q:
    """Reminders that should still go out, as a filter on Reminder (the mirror of
    `reminder_still_wanted`)."""
    return Q(
        deadline__obligation__review_status__in=REVIEWED,
        deadline__contract__archived_at__isnull=True,
    ) & (
        Q(deadline__status=DeadlineStatus.OPEN)
        | Q(deadline__status=DeadlineStatus.MISSED, kind=ReminderKind.OVERDUE)
    )


def reminder_still_wanted(reminder: Reminder) -> bool:
    deadline = reminder.deadline
    if deadline.obligation.review_status not in REVIEWED or deadline.contract.archived_at:
        return False
    if deadline.status == DeadlineStatus.OPEN:
        return True
    return deadline.status == DeadlineStatus.MISSED and reminder.kind == ReminderKind.OVERDUE


def schedulable_deadlines() -> QuerySet[Deadline]:
    return Deadline.objects.filter(
        status=DeadlineStatus.OPEN,
        obligation__review_status__in=REVIEWED,
        contract__archived_at__isnull=True,
    ).select_related("contract__owner", "organisation", "assignee", "obligation__assignee")


def reminders_schedule(*, deadline: Deadline, now: dt.datetime | None = None) -> ScheduleResult:
    """Make one deadline's reminders match its plan (or cancel them if it needs none now)."""
    now = now or timezone.now()
    current = schedulable_deadlines().filter(pk=deadline.pk).first()
    if current is None:
        return ScheduleResult(cancelled=reminders_cancel_unwanted(deadline_ids=[deadline.pk]))
    return _sync([current], now=now)


def reminders_schedule_for_organisation(
    *, organisation: Organisation, now: dt.datetime | None = None
) -> ScheduleResult:
    """Plan every open deadline of the organisation whose reminders start soon or have begun.

    Deadlines further out than the largest offset (plus two days' margin) get their rows when
    they come into range, so a sweep reads only deadlines that matter this month.
    """
    now = now or timezone.now()
    offsets = _offsets(organisation)
    deadlines = schedulable_deadlines_in_range(organisation=organisation, now=now)
    result = reminders_sync(deadlines=deadlines, now=now)
    # An offset the organisation dropped: its future reminders go, also for deadlines that are
    # beyond the (now shorter) horizon.
    result.cancelled += (
        Reminder.objects.filter(
            deadline__organisation=organisation,
            state=ReminderState.DUE,
            kind=ReminderKind.REMINDER,
            snoozed_from__isnull=True,
            send_at__gt=now,
            recipient__membership__reminder_offsets__isnull=True,
        )
        .exclude(offset_days__in=offsets)
        .update(state=ReminderState.CANCELLED, next_attempt_at=None)
    )
    return result


def schedulable_deadlines_in_range(
    *, organisation: Organisation, now: dt.datetime
) -> QuerySet[Deadline]:
    """The organisation's open deadlines whose reminders start within the largest offset (plus
    two days' margin) or have begun."""
    today = now.date()
    offsets = _offsets(organisation)
    own_offsets = [
        offset
        for raw in Membership.objects.filter(
            organisation=organisation, reminder_offsets__isnull=False
        ).values_list("reminder_offsets", flat=True)
        for offset in _clean_offsets(raw)
    ]
    horizon = today + dt.timedelta(days=max([ESCALATION_OFFSET, *offsets, *own_offsets]) + 2)
    since = today - OVERDUE_STALE_AFTER - dt.timedelta(days=2)
    return schedulable_deadlines().filter(
        organisation=organisation, act_by__gte=since, act_by__lte=horizon
    )


def reminders_sync(*, deadlines: QuerySet[Deadline], now: dt.datetime) -> ScheduleResult:
    """Make the reminders of `deadlines` match their plans, a chunk at a time."""
    result = ScheduleResult()
    for chunk in _chunks(deadlines.order_by("pk").iterator(chunk_size=CHUNK), CHUNK):
        result.add(_sync(chunk, now=now))
    return result


def reminders_schedule_due(*, now: dt.datetime | None = None) -> ScheduleResult:
    """The sweep's scheduling step: every organisation, then stale reminders cancelled."""
    now = now or timezone.now()
    result = ScheduleResult()
    for organisation in Organisation.objects.order_by("pk"):
        result.add(reminders_schedule_for_organisation(organisation=organisation, now=now))
    result.cancelled += reminders_cancel_unwanted()
    return result


def reminders_cancel_unwanted(
    *, deadline_ids: Sequence[int] | QuerySet[Deadline, dict[str, Any]] | None = None
) -> int:
    """Cancel due reminders whose deadline was done, waived or missed, or whose obligation is no
    longer confirmed. Reminders being sent are left to their sender, which checks again."""
    due = Reminder.objects.filter(state=ReminderState.DUE)
    if deadline_ids is not None:
        due = due.filter(deadline_id__in=deadline_ids)
    return due.exclude(reminder_still_wanted_q()).update(
        state=ReminderState.CANCELLED, next_attempt_at=None
    )


def _clean_offsets(raw: object) -> list[int]:
    values = raw if isinstance(raw, list) else []
    return sorted({o for o in values if isinstance(o, int) and 0 <= o <= 3660}, reverse=True)


def _offsets(organisation: Organisation) -> list[int]:
    return _clean_offsets(organisation.reminder_offsets)


def _chunks(items: Iterable[Deadline], size: int) -> Iterable[list[Deadline]]:
    chunk: list[Deadline] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class MemberSettings:
    """How one member wants to hear about deadlines (the members page and their settings)."""

    email_mode: str = EmailMode.SINGLE
    offsets: tuple[int, ...] | None = None  # None: the organisation's offsets
    escalations: bool = True


@dataclass(frozen=True)
class _People:
    """Who hears about an organisation's deadlines, looked up once per batch."""

    admins: dict[int, list[int]]  # organisation id -> admin user ids with an email address
    settings: dict[int, MemberSettings]  # user id -> their notification settings

    def of(self, user_id: int) -> MemberSettings:
        return self.settings.get(user_id, MemberSettings())


def _candidates(deadline: Deadline) -> list[AbstractBaseUser | None]:
    """Who answers for a deadline, most specific first: its assignee, its obligation's, the
    contract's owner."""
    return [deadline.assignee, deadline.obligation.assignee, deadline.contract.owner]


def _people(deadlines: Sequence[Deadline]) -> _People:
    organisation_ids = {d.organisation_id for d in deadlines}
    admins: dict[int, list[int]] = {oid: [] for oid in organisation_ids}
    for user_id, organisation_id in (
        Membership.objects.filter(
            organisation_id__in=organisation_ids,
            role=Role.ADMIN,
            user__is_active=True,
        )
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", "organisation_id")
    ):
        admins[organisation_id].append(user_id)
    named = {u.pk for d in deadlines for u in _candidates(d) if u is not None}
    people = named | {u for ids in admins.values() for u in ids}
    settings_by_user = {
        user_id: MemberSettings(
            email_mode=mode,
            offsets=tuple(_clean_offsets(offsets)) if isinstance(offsets, list) else None,
            escalations=escalations,
        )
        for user_id, mode, offsets, escalations in Membership.objects.filter(
            user_id__in=people
        ).values_list("user_id", "email_mode", "reminder_offsets", "escalations")
    }
    return _People(admins=admins, settings=settings_by_user)


def _reachable(user: AbstractBaseUser | None, people: _People | None = None) -> bool:
    if user is None or not user.is_active or not getattr(user, "email", ""):
        return False
    return people is None or people.of(user.pk).email_mode != EmailMode.OFF


def weekly_digest_time(moment: dt.datetime, organisation_zone: ZoneInfo) -> dt.datetime:
    """The first Monday digest time in the organisation's zone at or after `moment`."""
    candidate = digest_time(moment, organisation_zone)
    local = candidate.astimezone(organisation_zone).date()
    monday = local + dt.timedelta(days=(7 - local.weekday()) % 7)
    return send_time(monday, organisation_zone)


def plan_deadline(
    deadline: Deadline,
    *,
    now: dt.datetime,
    offsets: Sequence[int],
    admins: Sequence[int],
    people: _People,
) -> list[PlannedReminder]:
    """The reminders one deadline should have, as seen at `now` (see the module docstring)."""
    zone = zone_named(deadline.contract.time_zone)
    organisation_zone = zone_named(deadline.organisation.time_zone)
    responsible = next((u for u in _candidates(deadline) if _reachable(u, people)), None)
    reachable_admins = [a for a in admins if people.of(a).email_mode != EmailMode.OFF]
    primary = [responsible.pk] if responsible is not None else reachable_admins
    escalate_to = [a for a in reachable_admins if a not in primary and people.of(a).escalations]
    act_by = deadline.act_by
    act_by_over = dt.datetime.combine(act_by + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    one_day = dt.timedelta(days=1)
    # A weekly digest must still arrive before the day the act is due.
    weekly_latest = send_time(act_by - one_day, zone)

    plans: list[PlannedReminder] = []

    def when(user_id: int, nominal: dt.datetime) -> dt.datetime:
        mode = people.of(user_id).email_mode
        if mode == EmailMode.WEEKLY:
            weekly = weekly_digest_time(nominal, organisation_zone)
            if weekly <= weekly_latest:
                return weekly
            return digest_time(nominal, organisation_zone)
        if mode == EmailMode.DIGEST:
            return digest_time(nominal, organisation_zone)
        return nominal

    def add(recipients: Iterable[int], kind: str, offset: int, nominal: dt.datetime) -> None:
        for user_id in recipients:
            plans.append(
                PlannedReminder(deadline.pk, user_id, kind, offset, when(user_id, nominal))
            )

    for user_id in primary:
        own = people.of(user_id).offsets
        mine = sorted(own, reverse=True) if own is not None else list(offsets)
        nominal = {offset: send_time(act_by - dt.timedelta(days=offset), zone) for offset in mine}
        past = [offset for offset in mine if nominal[offset] <= now]
        latest_past = min(past) if past else None
        for offset in mine:
            if nominal[offset] > now or (offset == latest_past and now < act_by_over):
                add([user_id], ReminderKind.REMINDER, offset, nominal[offset])

    escalation_at = send_time(act_by - one_day, zone)
    if escalation_at > now or now < act_by_over:
        add(escalate_to, ReminderKind.ESCALATION, ESCALATION_OFFSET, escalation_at)

    overdue_at = send_time(act_by + one_day, zone)
    if now < overdue_at + OVERDUE_STALE_AFTER:
        add([*primary, *escalate_to], ReminderKind.OVERDUE, OVERDUE_OFFSET, overdue_at)
    return plans


def _sync(deadlines: Sequence[Deadline], *, now: dt.datetime) -> ScheduleResult:
    people = _people(deadlines)
    offsets_by_org: dict[int, list[int]] = {}
    wanted: dict[Key, PlannedReminder] = {}
    for deadline in deadlines:
        if deadline.organisation_id not in offsets_by_org:
            offsets_by_org[deadline.organisation_id] = _offsets(deadline.organisation)
        for plan in plan_deadline(
            deadline,
            now=now,
            offsets=offsets_by_org[deadline.organisation_id],
            admins=people.admins.get(deadline.organisation_id, []),
            people=people,
        ):
            wanted[plan.key] = plan

    existing: dict[Key, tuple[int, str, dt.datetime]] = {}
    for row_id, deadline_id, recipient_id, kind, offset, state, at in Reminder.objects.filter(
        deadline_id__in=[d.pk for d in deadlines], snoozed_from__isnull=True
    ).values_list("id", "deadline_id", "recipient_id", "kind", "offset_days", "state", "send_at"):
        existing[(deadline_id, recipient_id, kind, offset)] = (row_id, state, at)

    result = ScheduleResult()
    missing = [plan for key, plan in wanted.items() if key not in existing]
    if missing:
        # ignore_conflicts: a concurrent sweep may have inserted the same rows a moment ago.
        Reminder.objects.bulk_create(
            [
                Reminder(
                    deadline_id=plan.deadline_id,
                    recipient_id=plan.recipient_id,
                    kind=plan.kind,
                    offset_days=plan.offset_days,
                    send_at=plan.send_at,
                    message_id=reminder_message_id(
                        deadline_id=plan.deadline_id,
                        recipient_id=plan.recipient_id,
                        kind=plan.kind,
                        offset_days=plan.offset_days,
                    ),
                )
                for plan in missing
            ],
            ignore_conflicts=True,
            batch_size=CHUNK,
        )
        result.created = len(missing)

    # Each write is guarded by the state it expects, so a row a sender claimed (or a person
    # changed) since it was read above is left alone.
    moves: list[Reminder] = []
    revivals: list[Reminder] = []
    unplanned: list[int] = []
    for key, (row_id, state, at) in existing.items():
        plan = wanted.get(key)
        if plan is None:
            if state == ReminderState.DUE and at > now:
                unplanned.append(row_id)
        elif state == ReminderState.DUE and at != plan.send_at:
            moves.append(Reminder(pk=row_id, send_at=plan.send_at))
        elif state == ReminderState.CANCELLED and plan.send_at > now:
            revivals.append(
                Reminder(
                    pk=row_id, state=ReminderState.DUE, send_at=plan.send_at, next_attempt_at=None
                )
            )
    if moves:
        result.moved = Reminder.objects.filter(state=ReminderState.DUE).bulk_update(
            moves, ["send_at"], batch_size=CHUNK
        )
    if revivals:
        result.revived = Reminder.objects.filter(state=ReminderState.CANCELLED).bulk_update(
            revivals, ["state", "send_at", "next_attempt_at"], batch_size=CHUNK
        )
    if unplanned:
        result.cancelled = Reminder.objects.filter(
            pk__in=unplanned, state=ReminderState.DUE
        ).update(state=ReminderState.CANCELLED, next_attempt_at=None)
    return result
