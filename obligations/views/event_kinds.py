"""The organisation's own kinds of event: the admins' page to add, rename and remove them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from obligations.access import require_admin
from obligations.forms.events import OwnEventKindForm, OwnEventKindRenameForm
from obligations.models import OwnEventKind
from obligations.services.event_kinds import (
    EventKindError,
    own_event_kind_add,
    own_event_kind_remove,
    own_event_kind_rename,
    own_event_kinds_with_use,
)


def _page(request: HttpRequest, *, form: OwnEventKindForm, status: int = 200) -> HttpResponse:
    admin = require_admin(request)
    return render(
        request,
        "organisation/event_kinds.html",
        {
            "organisation": admin.organisation,
            "form": form,
            "kinds": own_event_kinds_with_use(admin.organisation),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def event_kinds(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request)
    form = OwnEventKindForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                kind = own_event_kind_add(
                    organisation=admin.organisation,
                    label=form.cleaned_data["label"],
                    counts_as=form.cleaned_data["counts_as"],
                    by=request.user,  # type: ignore[arg-type]
                )
            except EventKindError as error:
                form.add_error("label", str(error))
            else:
                messages.success(request, f"Added “{kind.label}”: log it on any contract's events.")
                return HttpResponseRedirect(reverse("event_kinds"))
        return _page(request, form=form, status=400)
    return _page(request, form=form)


def _kind(request: HttpRequest, pk: int) -> OwnEventKind:
    admin = require_admin(request)
    return get_object_or_404(OwnEventKind, pk=pk, organisation=admin.organisation)


@require_POST
def event_kind_rename(request: HttpRequest, pk: int) -> HttpResponse:
    kind = _kind(request, pk)
    form = OwnEventKindRenameForm(request.POST)
    try:
        if not form.is_valid():
            raise EventKindError(" ".join(form.errors["label"]))
        own_event_kind_rename(kind=kind, label=form.cleaned_data["label"], by=request.user)  # type: ignore[arg-type]
    except EventKindError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Renamed to “{kind.label}”.")
    return HttpResponseRedirect(reverse("event_kinds"))


@require_POST
def event_kind_remove(request: HttpRequest, pk: int) -> HttpResponse:
    kind = _kind(request, pk)
    try:
        own_event_kind_remove(kind=kind, by=request.user)  # type: ignore[arg-type]
    except EventKindError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Removed “{kind.label}”.")
    return HttpResponseRedirect(reverse("event_kinds"))
