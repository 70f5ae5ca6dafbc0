"""The actions a reminder email links to: mark the deadline done, or snooze the reminder.

Each link carries a token signed with the SECRET_KEY (TimestampSigner, its own salt) naming the
reminder, its recipient, the deadline's act-by day and the one action; it expires after
REMINDER_LINK_MAX_AGE_DAYS. The link opens a confirmation page and only a POST from that page
acts, so a mail scanner that follows links changes nothing. The signature proves who the email
went to, so the page works without signing in (the recipient may read mail on a phone with no
session); the person recorded as acting is that recipient. The signature is not a lasting right:
at the moment of acting, `reminder_action_refusal` checks again what the web pages check (an
active account, a member of the deadline's organisation, with a role that may do it) and that
the deadline is still open on the day the email named. Actions are idempotent: a second POST of
the same link changes nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from obligations.models import Membership, Reminder
from obligations.models.choices import DeadlineStatus, EmailMode, ReminderState
from obligations.services.deadline_status import DeadlineStatusError, deadline_mark_done
from obligations.services.reminder_schedule import (
    digest_time,
    reminder_message_id,
    reminder_still_wanted,
    zone_named,
)

SALT = "clausewatch.reminders.action"
# A link acts only on a deadline nobody has dealt with yet.
_ACTIONABLE = {DeadlineStatus.OPEN, DeadlineStatus.MISSED}
MAX_SNOOZE_CHAIN = 100


class ReminderAction(StrEnum):
    DONE = "done"
    SNOOZE_DAY = "snooze-1d"
    SNOOZE_WEEK = "snooze-7d"

    @property
    def snooze_days(self) -> int:
        return {ReminderAction.SNOOZE_DAY: 1, ReminderAction.SNOOZE_WEEK: 7}.get(self, 0)

    @property
    def label(self) -> str:
        return {
            ReminderAction.DONE: "Mark the deadline done",
            ReminderAction.SNOOZE_DAY: "Snooze this reminder for a day",
            ReminderAction.SNOOZE_WEEK: "Snooze this reminder for a week",
        }[self]


class ReminderLinkError(Exception):
    """A link that cannot be used; `reason` is expired, invalid, gone, closed, moved or
    forbidden."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ActionOutcome:
    changed: bool
    message: str


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def reminder_action_token(*, reminder: Reminder, action: ReminderAction) -> str:
    return _signer().sign_object(
        {
            "r": reminder.pk,
            "u": reminder.recipient_id,
            "d": reminder.deadline.act_by.isoformat(),
            "a": str(action),
        },
        compress=True,
    )


def reminder_action_from_token(*, token: str) -> tuple[Reminder, ReminderAction]:
    """The reminder and action a link stands for, or ReminderLinkError saying why not. Whether
    its recipient may still act is `reminder_action_refusal`'s question, asked when acting."""
    max_age = dt.timedelta(days=settings.REMINDER_LINK_MAX_AGE_DAYS)
    try:
        payload = _signer().unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise ReminderLinkError(
            "expired",
            f"This link has expired: links in reminder emails work for "
            f"{settings.REMINDER_LINK_MAX_AGE_DAYS} days.",
        ) from None
    except (signing.BadSignature, ValueError):
        raise ReminderLinkError(
            "invalid", "This link is not valid: it may have been cut short or changed."
        ) from None
    try:
        reminder_id, recipient_id = int(payload["r"]), int(payload["u"])
        act_by = dt.date.fromisoformat(payload["d"])
        action = ReminderAction(payload["a"])
    except (KeyError, TypeError, ValueError):
        raise ReminderLinkError("invalid", "This link is not valid.") from None
    reminder = (
        Reminder.objects.select_related(
            "recipient",
            "deadline__contract",
            "deadline__obligation__clause",
            "deadline__organisation",
        )
        .filter(pk=reminder_id, recipient_id=recipient_id)
        .first()
    )
    if reminder is None:
        raise ReminderLinkError(
            "gone", "The reminder this link belongs to no longer exists (its deadline changed)."
        )
    if reminder.deadline.act_by != act_by:
        raise ReminderLinkError(
            "moved",
            f"This deadline has moved since the email was sent: it must now be acted on by "
            f"{reminder.deadline.act_by:%A %d %B %Y}. Links in the email no longer apply.",
        )
    return reminder, action


def reminder_action_refusal(
    *, reminder: Reminder, action: ReminderAction
) -> ReminderLinkError | None:
    """Why the link's recipient may not take this action now, or None if they may.

    Checked on showing the confirmation page and again, under the same rules, when acting: a
    recipient who was deactivated, left the organisation or lost the role since the email went
    out can no longer act through it, and a deadline dealt with on the web kills its links.
    """
    deadline = reminder.deadline
    recipient = reminder.recipient
    membership = Membership.objects.filter(user_id=recipient.pk).first()
    if (
        not recipient.is_active
        or membership is None
        or membership.organisation_id != deadline.organisation_id
        or deadline.contract.organisation_id != membership.organisation_id
    ):
        return ReminderLinkError(
            "forbidden",
            "The account this email was sent to can no longer act on this organisation's "
            "deadlines.",
        )
    if action == ReminderAction.DONE and not membership.can_review:
        return ReminderLinkError(
            "forbidden",
            "Only reviewers and admins can mark a deadline done; the account this email was "
            "sent to is a viewer. Ask a reviewer to mark it done in Clausewatch.",
        )
    # Pressing "mark done" twice says "already done" rather than refusing.
    already_done = action == ReminderAction.DONE and deadline.status == DeadlineStatus.DONE
    if deadline.status not in _ACTIONABLE and not already_done:
        return ReminderLinkError(
            "closed",
            f"This deadline is already {deadline.get_status_display().lower()}; "
            "links in its emails no longer act on it.",
        )
    return None


def reminder_action_apply(
    *, reminder: Reminder, action: ReminderAction, now: dt.datetime | None = None
) -> ActionOutcome:
    if action == ReminderAction.DONE:
        return reminder_deadline_mark_done(reminder=reminder)
    return reminder_snooze(reminder=reminder, days=action.snooze_days, now=now)


def reminder_deadline_mark_done(*, reminder: Reminder) -> ActionOutcome:
    """Mark the reminder's deadline done on behalf of its recipient; its due reminders stop
    (deadline_mark_done cancels them; one being sent right now is checked by its sender)."""
    deadline = reminder.deadline
    if deadline.status == DeadlineStatus.DONE:
        return ActionOutcome(False, "This deadline was already marked done.")
    try:
        deadline_mark_done(
            deadline=deadline, by=reminder.recipient, note="marked done from a reminder email"
        )
    except DeadlineStatusError as refusal:
        return ActionOutcome(False, f"{refusal} Nothing was changed.")
    return ActionOutcome(
        True, "The deadline is marked done; its remaining reminders are cancelled."
    )


def reminder_snooze(
    *, reminder: Reminder, days: int, now: dt.datetime | None = None
) -> ActionOutcome:
    """Remind again in `days` days: the deadline stays where it is.

    The reminder still waiting in this reminder's chain (itself if not yet sent, else the
    follow-up of an earlier snooze) is moved; if none is waiting, a follow-up of the last one
    sent is made, with its own Message-ID.
    """
    now = now or timezone.now()
    if not reminder_still_wanted(reminder):
        return ActionOutcome(
            False,
            f"This deadline is {reminder.deadline.get_status_display().lower()}; "
            "there is nothing to snooze.",
        )
    at = now + dt.timedelta(days=days)
    membership = getattr(reminder.recipient, "membership", None)
    if membership is not None and membership.email_mode == EmailMode.DIGEST:
        at = digest_time(at, zone_named(reminder.deadline.organisation.time_zone))
    when = timezone.localtime(at, zone_named(reminder.deadline.contract.time_zone))
    with transaction.atomic():
        tail = Reminder.objects.select_for_update().get(pk=reminder.pk)
        for _ in range(MAX_SNOOZE_CHAIN):
            follow_up = Reminder.objects.select_for_update().filter(snoozed_from=tail).first()
            if follow_up is None:
                break
            tail = follow_up
        if tail.state == ReminderState.DUE:
            Reminder.objects.filter(pk=tail.pk).update(send_at=at, next_attempt_at=None)
        elif tail.state == ReminderState.SENDING:
            return ActionOutcome(False, "This reminder is being sent right now; try again soon.")
        else:
            Reminder.objects.create(
                deadline_id=tail.deadline_id,
                recipient_id=tail.recipient_id,
                kind=tail.kind,
                offset_days=tail.offset_days,
                send_at=at,
                snoozed_from=tail,
                message_id=reminder_message_id(
                    deadline_id=tail.deadline_id,
                    recipient_id=tail.recipient_id,
                    kind=tail.kind,
                    offset_days=tail.offset_days,
                    snoozed_from_id=tail.pk,
                ),
            )
    return ActionOutcome(True, f"You will be reminded again on {when:%a %d %b %Y at %H:%M %Z}.")
