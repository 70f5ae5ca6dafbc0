"""Scheduling what changed: the sweep's step between full passes.

A full pass (reminders_schedule_due) reads every open deadline in range of every organisation;
at a million deadlines that takes tens of seconds, too long to repeat every minute. Between full
passes the sweep reads only:
- deadlines changed since the watermark (Deadline.updated_at; the services that change what a
  deadline's plan reads — its obligation, contract owner or time zone, assignees — touch it);
- every deadline in range of an organisation whose plan-wide inputs changed since the watermark
  (Organisation.reminders_changed_at, set by `reminders_plan_changed`: a member's notification
  settings, an admin added or removed, a member deactivated).
Deadlines that come into range as the days pass get their rows from the full pass, which runs
every REMINDER_FULL_SCHEDULE_SECONDS: rows are planned two days before they are due, so an hour
between full passes delays nothing. The full pass also catches any change made without a marker.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from obligations.models import Deadline, Organisation
from obligations.services.reminder_schedule import (
    ScheduleResult,
    reminders_cancel_unwanted,
    reminders_schedule_for_organisation,
    reminders_sync,
    schedulable_deadlines_in_range,
)

# Changes committed a little after they were stamped (a transaction that ran long) are still
# read: the watermark is moved back by this much.
OVERLAP = dt.timedelta(minutes=5)


def reminders_plan_changed(*, organisation_id: int) -> None:
    """Mark that the organisation's reminders must be planned again as a whole."""
    Organisation.objects.filter(pk=organisation_id).update(reminders_changed_at=timezone.now())


def reminders_schedule_changed(
    *, since: dt.datetime, now: dt.datetime | None = None
) -> ScheduleResult:
    """Plan the reminders of what changed since `since` (see the module docstring)."""
    now = now or timezone.now()
    after = since - OVERLAP
    result = ScheduleResult()
    replanned = []
    for organisation in Organisation.objects.filter(reminders_changed_at__gte=after).order_by("pk"):
        result.add(reminders_schedule_for_organisation(organisation=organisation, now=now))
        replanned.append(organisation.pk)
    changed = Deadline.objects.filter(updated_at__gte=after).exclude(organisation_id__in=replanned)
    touched = changed.order_by().values_list("organisation_id", flat=True).distinct()
    for organisation in Organisation.objects.filter(pk__in=touched).order_by("pk"):
        # Only what a full pass would read: deadlines whose reminders start soon or have begun.
        in_range = schedulable_deadlines_in_range(organisation=organisation, now=now)
        result.add(reminders_sync(deadlines=in_range.filter(updated_at__gte=after), now=now))
    # A deadline done, waived or reopened, or an obligation rejected: its due rows follow.
    result.cancelled += reminders_cancel_unwanted(deadline_ids=changed.values("pk"))
    return result
