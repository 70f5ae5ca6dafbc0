"""An organisation's members: invitations by signed, expiring email links, roles, deactivation.

Every change writes a AuditEntry row in the same transaction. The organisation always keeps at
least one active admin: the last one can neither demote nor deactivate themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from obligations.models import AuditEntry, Invitation, Membership, Organisation
from obligations.models.choices import Role
from obligations.services.reminder_schedule_changes import reminders_plan_changed

INVITATION_SALT = "clausewatch.invitation"


class MemberError(Exception):
    """A change the rules do not allow; the message says why, in words for the page."""


def _log(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    action: str,
    subject: str,
    changes: dict[str, list[str]] | None = None,
) -> None:
    AuditEntry.objects.create(
        organisation=organisation,
        actor=actor,
        action=action,
        subject=subject,
        changes=changes or {},
    )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("invitation_accept", args=[invitation_token(invitation)])
    return f"{settings.SITE_URL}{path}"


def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: AbstractBaseUser
) -> Invitation:
    """Invite an address; inviting an address with an open invitation sends that one again."""
    email = email.strip()
    User = get_user_model()
    if (
        User.objects.filter(email__iexact=email, membership__organisation=organisation)
        .only("pk")
        .exists()
    ):
        raise MemberError(f"{email} is already a member of {organisation.name}.")
    with transaction.atomic():
        invitation = (
            Invitation.objects.filter(organisation=organisation, accepted_at=None, revoked_at=None)
            .annotate(address=Lower("email"))
            .filter(address=email.lower())
            .first()
        )
        if invitation is None:
            try:
                with transaction.atomic():
                    invitation = Invitation.objects.create(
                        organisation=organisation, email=email, role=role, invited_by=invited_by
                    )
            except IntegrityError:
                raise MemberError(f"{email} was invited a moment ago; refresh the page.") from None
            _log(
                organisation=organisation,
                actor=invited_by,
                action="invited",
                subject=email,
                changes={"role": ["", role]},
            )
        else:
            _log(organisation=organisation, actor=invited_by, action="reinvited", subject=email)
        _queue_invitation_email(invitation.pk)
    return invitation


def _queue_invitation_email(invitation_id: int) -> None:
    # Imported here: the task module imports this one.
    from obligations.tasks.members import send_invitation_task

    send_invitation_task.delay_on_commit(invitation_id)


def invitation_send(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at=None, revoked_at=None)
        .first()
    )
    if invitation is None:
        return  # accepted or revoked before the mail went out
    context = {
        "invitation": invitation,
        "url": invitation_url(invitation),
        "days": settings.INVITATION_MAX_AGE_DAYS,
        "inviter": invitation.invited_by.get_username() if invitation.invited_by else "An admin",
    }
    message = EmailMultiAlternatives(
        subject=f"You are invited to {invitation.organisation.name} on Clausewatch",
        body=render_to_string("emails/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    message.send()


def invitation_revoke(*, invitation: Invitation, actor: AbstractBaseUser) -> None:
    with transaction.atomic():
        revoked = Invitation.objects.filter(
            pk=invitation.pk, accepted_at=None, revoked_at=None
        ).update(revoked_at=timezone.now())
        if revoked:
            _log(
                organisation=invitation.organisation,
                actor=actor,
                action="invitation_revoked",
                subject=invitation.email,
            )


@dataclass(frozen=True)
class InvitationProblem:
    title: str
    detail: str


def invitation_from_token(token: str) -> Invitation | InvitationProblem:
    """The open invitation a link names, or what is wrong with the link."""
    max_age = settings.INVITATION_MAX_AGE_DAYS * 86400
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return InvitationProblem(
            "This invitation has expired",
            f"Invitation links work for {settings.INVITATION_MAX_AGE_DAYS} days. "
            "Ask an admin of your organisation to invite you again.",
        )
    except signing.BadSignature:
        return InvitationProblem(
            "This invitation link is not valid",
            "The link may have been cut short or changed. Open it again from the email, "
            "or ask an admin to invite you again.",
        )
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(pk=payload.get("invitation"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        return InvitationProblem(
            "This invitation was withdrawn",
            "An admin withdrew it. Ask them to invite you again if you should have access.",
        )
    if invitation.accepted_at is not None:
        return InvitationProblem(
            "This invitation has already been used",
            "Sign in with the account it created. If you forgot the password, ask an admin.",
        )
    return invitation


def invitation_accept(*, invitation: Invitation, username: str, password: str) -> AbstractBaseUser:
    """Create the invitee's account and membership; a link works once, even when two tabs
    submit at the same moment (the claim is a conditional UPDATE)."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise MemberError(f"The username {username!r} is taken; choose another.")
    candidate = User(username=username, email=invitation.email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise MemberError(" ".join(error.messages)) from None
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at=None, revoked_at=None
        ).update(accepted_at=timezone.now())
        if not claimed:
            raise MemberError("This invitation has just been used or withdrawn.")
        user = User.objects.create_user(
            username=username, email=invitation.email, password=password
        )
        Membership.objects.create(
            user=user, organisation=invitation.organisation, role=invitation.role
        )
        Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
        reminders_plan_changed(organisation_id=invitation.organisation_id)
        _log(
            organisation=invitation.organisation,
            actor=user,
            action="joined",
            subject=username,
            changes={"role": ["", invitation.role]},
        )
    return user


def _other_active_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organisation=membership.organisation, role=Role.ADMIN, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def member_role_change(*, membership: Membership, role: str, actor: AbstractBaseUser) -> None:
    if role not in Role.values:
        raise MemberError("Choose one of the roles offered.")
    if membership.role == role:
        return
    with transaction.atomic():
        # Lock the organisation's admins so two admins demoting each other cannot both win.
        list(
            Membership.objects.select_for_update()
            .filter(organisation=membership.organisation, role=Role.ADMIN)
            .values_list("pk", flat=True)
        )
        membership.refresh_from_db()
        if membership.role == Role.ADMIN and not _other_active_admins(membership):
            raise MemberError(
                "The organisation needs at least one admin: make someone else an admin first."
            )
        old = membership.role
        Membership.objects.filter(pk=membership.pk).update(role=role)
        reminders_plan_changed(organisation_id=membership.organisation_id)
        _log(
            organisation=membership.organisation,
            actor=actor,
            action="role_changed",
            subject=membership.user.get_username(),
            changes={"role": [old, role]},
        )
    membership.role = role


def member_set_active(*, membership: Membership, active: bool, actor: AbstractBaseUser) -> None:
    """Deactivate (the user can no longer sign in; their history stays) or reactivate."""
    user = membership.user
    if user.is_active == active:
        return
    with transaction.atomic():
        list(
            Membership.objects.select_for_update()
            .filter(organisation=membership.organisation, role=Role.ADMIN)
            .values_list("pk", flat=True)
        )
        if not active and membership.role == Role.ADMIN and not _other_active_admins(membership):
            raise MemberError(
                "The organisation needs at least one active admin: "
                "make someone else an admin before deactivating this one."
            )
        type(user).objects.filter(pk=user.pk).update(is_active=active)
        reminders_plan_changed(organisation_id=membership.organisation_id)
        _log(
            organisation=membership.organisation,
            actor=actor,
            action="reactivated" if active else "deactivated",
            subject=user.get_username(),
        )
    user.is_active = active
