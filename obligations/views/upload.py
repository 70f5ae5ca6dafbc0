"""Upload a contract (a file or pasted text) and follow its extraction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obligations.access import document_for, documents_for, membership_for, require_reviewer
from obligations.forms.upload import SizeLimitUploadHandler, UploadForm
from obligations.models import ContractDocument, Membership
from obligations.models.choices import ExtractionStatus
from obligations.services.documents import (
    PASTED_TEXT_NAME,
    PROGRESS_ANALYSING,
    PROGRESS_OBLIGATIONS,
    PROGRESS_SAVING,
    UploadRefused,
    document_delete,
    document_retry,
    document_upload,
)

RECENT_UPLOADS = 10


def extraction_stage(document: ContractDocument) -> str:
    """What the upload page says the extraction is doing."""
    if document.extraction_status == ExtractionStatus.QUEUED:
        return "Waiting for a worker to pick up the document"
    if document.extraction_status == ExtractionStatus.DONE:
        return "Ready for review"
    if document.extraction_status == ExtractionStatus.FAILED:
        return "Could not be read"
    if document.progress < PROGRESS_ANALYSING:
        return "Reading the file"
    if document.progress < PROGRESS_OBLIGATIONS:
        return "Finding clauses, dates, terms and obligations"
    if document.progress < PROGRESS_SAVING:
        return "Preparing the obligations for review"
    return "Saving"


def _upload_page(
    request: HttpRequest, form: UploadForm, status: int = 200, error: str = ""
) -> HttpResponse:
    membership = membership_for(request.user)
    recent = (
        documents_for(request)
        .select_related("contract", "uploaded_by")
        .order_by("-created_at")[:RECENT_UPLOADS]
    )
    return render(
        request,
        "contracts/upload.html",
        {
            "form": form,
            "can_upload": membership.can_review,
            "recent": recent,
            "max_bytes": settings.MAX_UPLOAD_BYTES,
            "error": error,
        },
        status=status,
    )


@csrf_exempt  # checked by csrf_protect below, once the size-limit handler is in place
@require_http_methods(["GET", "POST"])
def contract_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, UploadForm(max_bytes=settings.MAX_UPLOAD_BYTES))
    # Installed before the body is parsed: an oversized file is skipped, never stored.
    handler = SizeLimitUploadHandler(request, max_bytes=settings.MAX_UPLOAD_BYTES)
    request.upload_handlers.insert(0, handler)
    try:
        request.POST  # noqa: B018 - parses the body with the handler above
    except RequestDataTooBig:
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        message = (
            f"The pasted text is longer than a form can carry ({limit}): save it as a .txt file "
            "and upload that instead."
        )
        form = UploadForm(max_bytes=settings.MAX_UPLOAD_BYTES)
        return _upload_page(request, form, status=413, error=message)
    return _receive_upload(request, handler)


@csrf_protect
def _receive_upload(request: HttpRequest, handler: SizeLimitUploadHandler) -> HttpResponse:
    membership = require_reviewer(request)
    form = UploadForm(
        request.POST,
        request.FILES,
        max_bytes=settings.MAX_UPLOAD_BYTES,
        refused_bytes=handler.refused.get("file"),
    )
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    try:
        document, created = store_upload(request, form, membership)
    except UploadRefused as refused:
        form.add_error(None, str(refused))
        return _upload_page(request, form, status=400)
    return progress_redirect(document, created=created)


def store_upload(
    request: HttpRequest, form: forms.Form, membership: Membership, **family: Any
) -> tuple[ContractDocument, bool]:
    """The form's file, or its pasted text, stored as a document of the member's organisation
    (`family` places it in an existing contract's family). UploadRefused says why not."""
    upload = form.cleaned_data["file"]
    if upload is not None:
        return document_upload(
            organisation=membership.organisation,
            user=request.user,  # type: ignore[arg-type]
            filename=upload.name,
            data=upload.read(),
            **family,
        )
    return document_upload(
        organisation=membership.organisation,
        user=request.user,  # type: ignore[arg-type]
        filename=PASTED_TEXT_NAME,
        text=form.cleaned_data["text"],
        **family,
    )


def progress_redirect(document: ContractDocument, *, created: bool) -> HttpResponse:
    """To the document's progress page, which says so when the file was there already."""
    url = reverse("document_progress", args=[document.pk])
    return redirect(url if created else f"{url}?duplicate=1")


def _progress_context(request: HttpRequest, pk: int) -> dict[str, object]:
    document = document_for(request, pk)
    finished = document.extraction_status in (ExtractionStatus.DONE, ExtractionStatus.FAILED)
    return {
        "document": document,
        "contract": document.contract,
        "stage": extraction_stage(document),
        "finished": finished,
        "obligation_count": document.obligations.count() if finished else 0,
        "can_review": membership_for(request.user).can_review,
        "can_manage_failed": may_manage_failed(membership_for(request.user), document),
    }


@require_GET
def document_progress(request: HttpRequest, pk: int) -> HttpResponse:
    context = _progress_context(request, pk)
    if request.htmx:
        return render(request, "contracts/upload_progress.html#progress", context)
    context["duplicate"] = request.GET.get("duplicate") == "1"
    return render(request, "contracts/upload_progress.html", context)


def may_manage_failed(membership: Membership, document: ContractDocument) -> bool:
    """A failed upload is retried or deleted by whoever uploaded it, or by an admin."""
    if membership.is_admin:
        return True
    return membership.can_review and document.uploaded_by_id == membership.user_id


def _failed_document_for(request: HttpRequest, pk: int) -> ContractDocument:
    document = document_for(request, pk)
    if not may_manage_failed(membership_for(request.user), document):
        raise PermissionDenied("Only the person who uploaded this document, or an admin, can.")
    return document


@require_POST
def document_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    document_retry(document=_failed_document_for(request, pk))
    return redirect("document_progress", pk=pk)


@require_POST
def document_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = _failed_document_for(request, pk)
    if document_delete(document=document):
        messages.success(request, f"“{document.original_name}” and its draft were deleted.")
    else:
        messages.error(request, "Only a document that could not be read can be deleted here.")
        return redirect("document_progress", pk=pk)
    return redirect("contract_upload")
