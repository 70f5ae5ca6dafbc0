"""Marking a deadline done or waived: the only way a person changes a deadline's status."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from obligations.models import Deadline, Reminder
from obligations.models.choices import DeadlineStatus, ReminderState

# A deadline someone has dealt with stays dealt with; recomputation keeps it as it is.
_SETTABLE_FROM = {DeadlineStatus.OPEN, DeadlineStatus.MISSED}


class DeadlineStatusError(Exception):
    """The change cannot be made; the message says why, in words for the person who asked."""


def _deadline_set_status(
    *,
    deadline: Deadline,
    status: DeadlineStatus,
    by: AbstractBaseUser,
    note: str = "",
    now: dt.datetime | None = None,
) -> Deadline:
    with transaction.atomic():
        # Lock the row: two reviewers clicking at once must not both "win".
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.status == status:
            return _copy_status(locked, onto=deadline)
        if locked.status not in _SETTABLE_FROM:
            raise DeadlineStatusError(
                f"This deadline is already {locked.get_status_display().lower()}; "
                "it can no longer be changed here."
            )
        now = now or timezone.now()
        locked.history = [
            *locked.history,
            {
                "at": now.isoformat(),
                "status": [locked.status, str(status)],
                "by": by.get_username(),
                "why": note or f"marked {status.label.lower()}",
            },
        ]
        locked.status = status
        locked.status_changed_by = by
        locked.status_changed_at = now
        locked.save(
            update_fields=[
                "status",
                "status_changed_by",
                "status_changed_at",
                "history",
                "updated_at",
            ]
        )
        # Reminders that have not gone out yet are no longer needed; one being sent right now
        # holds a lease and is left to the sender.
        Reminder.objects.filter(deadline=locked, state=ReminderState.DUE).update(
            state=ReminderState.CANCELLED, next_attempt_at=None
        )
    return _copy_status(locked, onto=deadline)


def _copy_status(source: Deadline, *, onto: Deadline) -> Deadline:
    # The caller's instance keeps its select_related contract and obligation for rendering.
    for field in ("status", "status_changed_by_id", "status_changed_at", "history", "updated_at"):
        setattr(onto, field, getattr(source, field))
    return onto


# The two changes a person can make; each takes deadline, by, and optionally note and now.
deadline_mark_done = partial(_deadline_set_status, status=DeadlineStatus.DONE)
deadline_waive = partial(_deadline_set_status, status=DeadlineStatus.WAIVED)
