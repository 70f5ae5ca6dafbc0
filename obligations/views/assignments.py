"""Assigning a deadline or an obligation to a member of the organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from obligations.access import deadline_for, obligation_for, require_reviewer
from obligations.models import Membership
from obligations.services.assignments import AssignmentError, deadline_assign, obligation_assign


def organisation_members(organisation_id: int) -> list[tuple[int, str]]:
    """Active members to offer in an assignee menu, by name."""
    return list(
        Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
        .order_by("user__username")
        .values_list("user_id", "user__username")
    )


def _assignee(request: HttpRequest, organisation_id: int):  # type: ignore[no-untyped-def]
    raw = request.POST.get("assignee", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise AssignmentError("Choose a member from the list.")
    user = (
        get_user_model()
        .objects.filter(pk=int(raw), membership__organisation_id=organisation_id)
        .first()
    )
    if user is None:
        raise AssignmentError("Choose a member from the list.")
    return user


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default
    return HttpResponseRedirect(next_url)


@require_POST
def deadline_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = deadline_for(request, pk)
    membership = require_reviewer(request)
    error = ""
    try:
        deadline_assign(
            deadline=deadline,
            assignee=_assignee(request, membership.organisation_id),
            by=request.user,  # type: ignore[arg-type]
        )
    except AssignmentError as exc:
        error = str(exc)
    if request.htmx:
        return render(
            request,
            "obligations/deadline_assignee.html",
            {
                "d": deadline,
                "members": organisation_members(membership.organisation_id),
                "can_review": True,
                "error": error,
                "saved": not error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        who = deadline.assignee.get_username() if deadline.assignee else "nobody in particular"
        messages.success(request, f"“{deadline.obligation.summary}” is assigned to {who}.")
    return _back(request, reverse("dashboard"))


@require_POST
def obligation_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = obligation_for(request, pk)
    membership = require_reviewer(request)
    try:
        obligation_assign(
            obligation=obligation,
            assignee=_assignee(request, membership.organisation_id),
            by=request.user,  # type: ignore[arg-type]
        )
    except AssignmentError as exc:
        messages.error(request, str(exc))
    else:
        who = obligation.assignee.get_username() if obligation.assignee else "nobody in particular"
        messages.success(request, f"“{obligation.summary}” is assigned to {who}.")
    review = reverse("contract_review", args=[obligation.contract_id])
    return _back(request, f"{review}#ob-{obligation.pk}")
