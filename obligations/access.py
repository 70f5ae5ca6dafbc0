"""Explicit access helpers: every query for a user's data goes through one of these, so that a
user only ever sees their own organisation's rows (anything else is a 404, not a 403)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from obligations.models import (
    Contract,
    ContractDocument,
    Deadline,
    Event,
    Membership,
    Obligation,
    Organisation,
    Reminder,
)


def membership_for(user: AbstractBaseUser | AnonymousUser) -> Membership:
    """The user's membership. Django keeps it (and then its organisation) on the user object, so
    the helpers below, the view and the navigation of one request ask the database once."""
    if not user.is_authenticated:
        raise Http404("Not signed in.")
    try:
        membership: Membership = user.membership  # type: ignore[union-attr]
    except Membership.DoesNotExist:
        raise Http404("This account belongs to no organisation.") from None
    return membership


def organisation_for(request: HttpRequest) -> Organisation:
    return membership_for(request.user).organisation


def require_reviewer(request: HttpRequest) -> Membership:
    membership = membership_for(request.user)
    if not membership.can_review:
        raise PermissionDenied("Only reviewers and admins can change obligations.")
    return membership


def require_admin(request: HttpRequest) -> Membership:
    membership = membership_for(request.user)
    if not membership.is_admin:
        raise PermissionDenied("Only admins can see this page.")
    return membership


def contracts_for(request: HttpRequest) -> QuerySet[Contract]:
    return Contract.objects.filter(organisation=organisation_for(request))


def contract_for(request: HttpRequest, pk: int) -> Contract:
    contract = get_object_or_404(contracts_for(request), pk=pk)
    # Its organisation is the one already read: pages that show its time zone need not read it
    # again.
    contract.organisation = organisation_for(request)
    return contract


def documents_for(request: HttpRequest) -> QuerySet[ContractDocument]:
    return ContractDocument.objects.filter(organisation=organisation_for(request))


def document_for(request: HttpRequest, pk: int) -> ContractDocument:
    return get_object_or_404(documents_for(request), pk=pk)


def obligations_for(request: HttpRequest) -> QuerySet[Obligation]:
    return Obligation.objects.filter(contract__organisation=organisation_for(request))


def obligation_for(request: HttpRequest, pk: int) -> Obligation:
    return get_object_or_404(obligations_for(request).select_related("contract", "clause"), pk=pk)


def deadlines_for(request: HttpRequest) -> QuerySet[Deadline]:
    return Deadline.objects.filter(organisation=organisation_for(request))


def current_deadlines_for(request: HttpRequest) -> QuerySet[Deadline]:
    """Deadlines of contracts that are not archived: what the dashboard, calendar and exports
    show. The few archived contracts are excluded by id, so that no query has to join every
    deadline to its contract."""
    archived = Contract.objects.filter(
        organisation=organisation_for(request), archived_at__isnull=False
    ).values("pk")
    return deadlines_for(request).exclude(contract_id__in=archived)


def deadline_for(request: HttpRequest, pk: int) -> Deadline:
    return get_object_or_404(deadlines_for(request).select_related("contract", "obligation"), pk=pk)


def events_for(request: HttpRequest) -> QuerySet[Event]:
    return Event.objects.filter(contract__organisation=organisation_for(request))


def reminders_for(request: HttpRequest) -> QuerySet[Reminder]:
    return Reminder.objects.filter(deadline__organisation=organisation_for(request))
