"""A contract's settings page: rename, counterparty and owner; archive or restore; delete."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from obligations.access import contract_for, membership_for, require_reviewer
from obligations.models import Contract
from obligations.services.contracts import (
    ContractError,
    contract_archive,
    contract_delete,
    contract_restore,
    contract_update,
    organisation_owners,
)


class ContractEditForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Give the contract a title."},
    )
    counterparty = forms.CharField(label="Counterparty", max_length=200, required=False)
    owner = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Gets the reminders of deadlines nobody is assigned to.",
    )

    def __init__(self, *args: object, owners: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner"].choices = [("", "Nobody (the admins are reminded)"), *owners]  # type: ignore[attr-defined]


def _page(
    request: HttpRequest, contract: Contract, form: ContractEditForm, status: int = 200
) -> HttpResponse:
    membership = membership_for(request.user)
    return render(
        request,
        "contracts/settings.html",
        {"contract": contract, "form": form, "membership": membership},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def contract_settings(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    owners = organisation_owners(contract.organisation_id)
    if request.method == "GET":
        form = ContractEditForm(
            initial={
                "title": contract.title,
                "counterparty": contract.counterparty,
                "owner": contract.owner_id or "",
            },
            owners=owners,
        )
        return _page(request, contract, form)
    require_reviewer(request)
    form = ContractEditForm(request.POST, owners=owners)
    if form.is_valid():
        owner_id = form.cleaned_data["owner"]
        owner = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
        try:
            changes = contract_update(
                contract=contract,
                title=form.cleaned_data["title"],
                counterparty=form.cleaned_data["counterparty"],
                owner=owner,
                by=request.user,  # type: ignore[arg-type]
            )
        except ContractError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved." if changes else "Nothing changed.")
            return HttpResponseRedirect(reverse("contract_settings", args=[contract.pk]))
    return _page(request, contract, form, status=400)


@require_POST
def contract_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    require_reviewer(request)
    if contract_archive(contract=contract, by=request.user):  # type: ignore[arg-type]
        messages.success(
            request,
            f"“{contract.title}” is archived: it left the dashboard, calendar and feeds, and "
            "its reminders stopped. Restore it here at any time.",
        )
    return HttpResponseRedirect(reverse("contract_settings", args=[contract.pk]))


@require_POST
def contract_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    require_reviewer(request)
    if contract_restore(contract=contract, by=request.user):  # type: ignore[arg-type]
        messages.success(request, f"“{contract.title}” is restored, with its reminders.")
    return HttpResponseRedirect(reverse("contract_settings", args=[contract.pk]))


@require_POST
def contract_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    require_reviewer(request)
    title = contract.title
    try:
        contract_delete(
            contract=contract,
            by=request.user,  # type: ignore[arg-type]
            confirm_title=request.POST.get("confirm_title", ""),
        )
    except ContractError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("contract_settings", args=[pk]))
    messages.success(request, f"“{title}” and its files are deleted.")
    return HttpResponseRedirect(reverse("contract_list"))
