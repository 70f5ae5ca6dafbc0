"""Each member's choice of reminder emails: which offsets, single emails or a digest, escalations,
and the one-click unsubscribe that every reminder email carries."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction

from obligations.models import AuditEntry, Membership
from obligations.models.choices import EmailMode
from obligations.services.reminder_schedule_changes import reminders_plan_changed

UNSUBSCRIBE_SALT = "clausewatch.unsubscribe"
OFFSET_CHOICES = (60, 30, 14, 7, 3, 1, 0)


def unsubscribe_token(*, user_id: int) -> str:
    # No expiry: an unsubscribe link in an old email must still work.
    return signing.dumps({"user": user_id}, salt=UNSUBSCRIBE_SALT)


def membership_from_unsubscribe_token(token: str) -> Membership | None:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return (
        Membership.objects.select_related("user", "organisation")
        .filter(user_id=payload.get("user"))
        .first()
    )


def notification_settings_update(
    *,
    membership: Membership,
    email_mode: str,
    offsets: list[int] | None,
    escalations: bool,
    actor: AbstractBaseUser,
) -> dict[str, list[object]]:
    """Save a member's choices; the next sweep re-plans their reminders to match."""
    if email_mode not in EmailMode.values:
        raise ValueError(f"unknown email mode {email_mode!r}")
    new = {
        "email_mode": email_mode,
        "reminder_offsets": sorted(set(offsets), reverse=True) if offsets is not None else None,
        "escalations": escalations,
    }
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        changes = {
            name: [getattr(locked, name), value]
            for name, value in new.items()
            if getattr(locked, name) != value
        }
        if changes:
            Membership.objects.filter(pk=locked.pk).update(**new)
            reminders_plan_changed(organisation_id=locked.organisation_id)
            AuditEntry.objects.create(
                organisation_id=locked.organisation_id,
                actor=actor,
                action="notifications_changed",
                subject=locked.user.get_username(),
                changes=changes,
            )
    for name, value in new.items():
        setattr(membership, name, value)
    return changes


def email_unsubscribe(*, membership: Membership) -> bool:
    """Stop all reminder emails for this member; True when something changed."""
    with transaction.atomic():
        changed = (
            Membership.objects.filter(pk=membership.pk)
            .exclude(email_mode=EmailMode.OFF)
            .update(email_mode=EmailMode.OFF)
        )
        if changed:
            reminders_plan_changed(organisation_id=membership.organisation_id)
            AuditEntry.objects.create(
                organisation_id=membership.organisation_id,
                actor=membership.user,
                action="unsubscribed",
                subject=membership.user.get_username(),
                changes={"email_mode": [membership.email_mode, EmailMode.OFF]},
            )
    membership.email_mode = EmailMode.OFF
    return bool(changed)
