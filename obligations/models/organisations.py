import secrets

from django.conf import settings
from django.db import models

from obligations.models.choices import EmailMode, Role


def default_reminder_offsets() -> list[int]:
    return [30, 7, 1, 0]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    # Days before act_by at which the owner is reminded; 0 is the day itself.
    reminder_offsets = models.JSONField(default=default_reminder_offsets)
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)
    # When something that plans every deadline's reminders changed (a member's notification
    # settings, who is an admin, who is active): the next sweep re-plans the organisation whole.
    reminders_changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in an organisation. A user belongs to one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    email_mode = models.CharField(
        max_length=16, choices=EmailMode.choices, default=EmailMode.SINGLE
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    # Days before act_by at which this member is reminded; null follows the organisation's.
    reminder_offsets = models.JSONField(null=True, blank=True)
    escalations = models.BooleanField(
        default=True, help_text="Admins only: the day-before escalation of others' deadlines."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_known"
            ),
            models.CheckConstraint(
                condition=models.Q(email_mode__in=EmailMode.values),
                name="membership_email_mode_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.organisation}"

    @property
    def can_review(self) -> bool:
        return self.role in (Role.ADMIN, Role.REVIEWER)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class Invitation(models.Model):
    """An admin's invitation to join the organisation: the emailed link is signed and expires;
    the row lets an admin see and revoke what is outstanding, and makes a link work once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.REVIEWER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_known"
            ),
            # One open invitation per address and organisation: inviting again re-sends it.
            models.UniqueConstraint(
                "organisation",
                models.functions.Lower("email"),
                name="invitation_open_unique",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class AuditEntry(models.Model):
    """The organisation's audit trail of what outlives a contract's own history: who invited,
    changed or removed a member, who deleted a contract, and when."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_trail"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=32)  # invited, role_changed, contract_deleted, ...
    subject = models.CharField(max_length=300)  # a username, an address, a contract's title
    changes = models.JSONField(default=dict, blank=True)  # {"role": ["viewer", "admin"]}
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="auditentry_org_at")]

    def __str__(self) -> str:
        return f"{self.action} {self.subject} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"
