"""Turning a period the extraction set aside into an obligation, from the review page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from obligations.access import document_for, require_reviewer
from obligations.services.unused_periods import unused_period_track


@require_POST
def unused_period_track_view(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    require_reviewer(request)
    document = document_for(request, pk)
    review_url = reverse("contract_review", args=[document.contract_id])
    try:
        obligation = unused_period_track(document=document, index=index, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{review_url}#unused-periods")
    messages.success(request, "Tracked as a pending obligation: complete its party and anchor.")
    return redirect(f"{review_url}#ob-{obligation.pk}")
