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
