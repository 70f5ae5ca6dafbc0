"""A contract's family: add a further document (an amendment, an order form, a notice…) and
confirm the term facts it sets."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from obligations.access import contract_for, document_for, membership_for, require_reviewer
from obligations.forms.family import DocumentChangesForm, FamilyUploadForm
from obligations.forms.upload import SizeLimitUploadHandler
from obligations.models import Contract
from obligations.services.documents import UploadRefused
from obligations.services.family import document_changes_confirm
from obligations.views.upload import progress_redirect, store_upload


def _page(
    request: HttpRequest, contract: Contract, form: FamilyUploadForm, status: int = 200
) -> HttpResponse:
    context = {
        "contract": contract,
        "form": form,
        "can_upload": membership_for(request.user).can_review,
        "max_bytes": settings.MAX_UPLOAD_BYTES,
        "family": contract.documents.order_by(F("effective_on").asc(nulls_first=True), "id"),
    }
    return render(request, "contracts/family_upload.html", context, status=status)


@csrf_exempt  # checked by csrf_protect below, once the size-limit handler is in place
@require_http_methods(["GET", "POST"])
def contract_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    if request.method != "POST":
        return _page(request, contract, FamilyUploadForm(max_bytes=settings.MAX_UPLOAD_BYTES))
    handler = SizeLimitUploadHandler(request, max_bytes=settings.MAX_UPLOAD_BYTES)
    request.upload_handlers.insert(0, handler)
    return _receive(request, contract, handler)


@csrf_protect
def _receive(
    request: HttpRequest, contract: Contract, handler: SizeLimitUploadHandler
) -> HttpResponse:
    membership = require_reviewer(request)
    form = FamilyUploadForm(
        request.POST,
        request.FILES,
        max_bytes=settings.MAX_UPLOAD_BYTES,
        refused_bytes=handler.refused.get("file"),
    )
    if not form.is_valid():
        return _page(request, contract, form, status=400)
    try:
        document, created = store_upload(
            request,
            form,
            membership,
            contract=contract,
            kind=form.cleaned_data["kind"],
            label=form.cleaned_data["label"],
            effective_on=form.cleaned_data["effective_on"],
        )
    except UploadRefused as refused:
        form.add_error(None, str(refused))
        return _page(request, contract, form, status=400)
    return progress_redirect(document, created=created)


@require_POST
def document_changes_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a family document's kind, effective date and term facts."""
    require_reviewer(request)
    document = document_for(request, pk)
    if not document.is_family_member:
        raise Http404("The agreement's own facts are confirmed in the contract's facts.")
    form = DocumentChangesForm.for_document(document, request.POST)
    back = f"{reverse('contract_review', args=[document.contract_id])}?document={document.pk}"
    if form.is_valid():
        try:
            result = document_changes_confirm(
                document=document,
                user=request.user,  # type: ignore[arg-type]
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            said = "; ".join(result.said) if result.said else "it changes no term fact"
            messages.success(request, f"{document.name} confirmed: {said}.")
            return redirect(f"{back}#timeline")
    # Imported here: the review view imports this module's neighbours.
    from obligations.views.review import review_page

    return review_page(request, document.contract, document=document, changes_form=form)
