"""A member's reminder settings, and the one-click unsubscribe link of every reminder email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from obligations.access import membership_for
from obligations.forms.members import NotificationSettingsForm
from obligations.services.notification_settings import (
    email_unsubscribe,
    membership_from_unsubscribe_token,
    notification_settings_update,
)


@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    initial = {
        "email_mode": membership.email_mode,
        "follow_organisation": membership.reminder_offsets is None,
        "offsets": membership.reminder_offsets or [],
        "escalations": membership.escalations,
    }
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notification_settings_update(
            membership=membership,
            email_mode=data["email_mode"],
            offsets=None if data["follow_organisation"] else data["offsets"],
            escalations=data["escalations"] if membership.is_admin else membership.escalations,
            actor=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, "Your reminder settings are saved.")
        return HttpResponseRedirect(reverse("notification_settings"))
    return render(
        request,
        "organisation/notifications.html",
        {
            "form": form,
            "membership": membership,
            "organisation_offsets": membership.organisation.reminder_offsets,
        },
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt  # mail programs POST the one-click unsubscribe (RFC 8058) without a session
@login_not_required  # the signed link is the authorisation
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    membership = membership_from_unsubscribe_token(token)
    if membership is None:
        return render(request, "organisation/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        email_unsubscribe(membership=membership)
        return render(request, "organisation/unsubscribe.html", {"done": True})
    return render(request, "organisation/unsubscribe.html", {"membership": membership})
