"""The organisation's members: the admins' page, and accepting an emailed invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from obligations.access import require_admin
from obligations.forms.members import AcceptInvitationForm, InviteForm, RoleForm
from obligations.models import AuditEntry, Invitation, Membership
from obligations.services.members import (
    InvitationProblem,
    MemberError,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_revoke,
    member_role_change,
    member_set_active,
)

LOG_ENTRIES = 20
MEMBERS_PER_PAGE = 50


def _members_url() -> str:
    return reverse("members")


@require_http_methods(["GET", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request)
    organisation = admin.organisation
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,  # type: ignore[arg-type]
            )
        except MemberError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return HttpResponseRedirect(_members_url())
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-user__is_active", "user__username")
    )
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/members.html",
        {
            "organisation": organisation,
            "form": form,
            "members_page": page,
            "role_form": RoleForm,
            "me": admin,
            "invitations": Invitation.objects.filter(
                organisation=organisation, accepted_at=None, revoked_at=None
            ).select_related("invited_by"),
            "log": AuditEntry.objects.filter(organisation=organisation).select_related("actor")[
                :LOG_ENTRIES
            ],
        },
        status=status,
    )


def _member(request: HttpRequest, pk: int) -> tuple[Membership, Membership]:
    admin = require_admin(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=admin.organisation,
    )
    return admin, membership


@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    _, membership = _member(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the roles offered.")
        return HttpResponseRedirect(_members_url())
    try:
        member_role_change(
            membership=membership,
            role=form.cleaned_data["role"],
            actor=request.user,  # type: ignore[arg-type]
        )
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{membership.user.get_username()} is now {membership.get_role_display().lower()}.",
        )
    return HttpResponseRedirect(_members_url())


@require_POST
def member_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    _, membership = _member(request, pk)
    try:
        member_set_active(
            membership=membership,
            active=active,
            actor=request.user,  # type: ignore[arg-type]
        )
    except MemberError as error:
        messages.error(request, str(error))
    else:
        name = membership.user.get_username()
        messages.success(
            request,
            f"{name} can sign in again." if active else f"{name} can no longer sign in.",
        )
    return HttpResponseRedirect(_members_url())


@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=admin.organisation)
    invitation_revoke(invitation=invitation, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"The invitation of {invitation.email} was withdrawn.")
    return HttpResponseRedirect(_members_url())


@login_not_required  # the invitee has no account yet; the signed link is the authorisation
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    found = invitation_from_token(token)
    if isinstance(found, InvitationProblem):
        return render(
            request, "organisation/invitation_problem.html", {"problem": found}, status=410
        )
    if request.user.is_authenticated:
        return render(
            request,
            "organisation/invitation_problem.html",
            {
                "problem": InvitationProblem(
                    "You are signed in",
                    f"Sign out first to accept the invitation for {found.email}.",
                )
            },
            status=409,
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=found,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            backend = "django.contrib.auth.backends.ModelBackend"
            login(request, user, backend=backend)
            messages.success(request, f"Welcome to {found.organisation.name}.")
            return HttpResponseRedirect(reverse("dashboard"))
    return render(
        request,
        "organisation/invitation_accept.html",
        {"invitation": found, "form": form, "user_model": get_user_model()},
        status=400 if request.method == "POST" else 200,
    )
