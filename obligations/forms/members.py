"""Forms of the members page and of accepting an invitation."""

from __future__ import annotations

from typing import Any

from django import forms

from obligations.models.choices import EmailMode, Role
from obligations.services.notification_settings import OFFSET_CHOICES

ROLE_HELP = (
    "Admins manage members and settings; reviewers confirm obligations and log events; "
    "viewers read."
)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the address to send the invitation to.",
            "invalid": "Enter an email address such as jane@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "placeholder": "jane@example.com"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=Role.choices, initial=Role.REVIEWER, help_text=ROLE_HELP
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    username = forms.RegexField(
        label="Username",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={
            "required": "Choose a username to sign in with.",
            "invalid": "Use letters, digits and @ . + - _ only.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not only digits, not a common password.",
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password a second time."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", "The two passwords differ; type them again.")
        return data


class NotificationSettingsForm(forms.Form):
    email_mode = forms.ChoiceField(
        label="How reminders reach you", choices=EmailMode.choices, widget=forms.RadioSelect
    )
    follow_organisation = forms.BooleanField(
        label="Remind me on the organisation's days", required=False
    )
    offsets = forms.TypedMultipleChoiceField(
        label="Or on these days before a deadline",
        choices=[
            (n, "On the day itself" if n == 0 else f"{n} day{'s' if n != 1 else ''} before")
            for n in OFFSET_CHOICES
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    escalations = forms.BooleanField(
        label="Send me the day-before escalation of colleagues' deadlines",
        required=False,
        help_text="Admins only.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("follow_organisation")
            and not data.get("offsets")
            and data.get("email_mode") != EmailMode.OFF
        ):
            self.add_error(
                "offsets",
                "Tick at least one day, follow the organisation's days, "
                "or choose “No reminder emails”.",
            )
        return data
