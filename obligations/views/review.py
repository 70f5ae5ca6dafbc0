"""The review page: the contract's text with every obligation's evidence highlighted, the
obligations to confirm, correct or reject, the contract's facts and the deadlines they give."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obligations.access import contract_for, membership_for, obligation_for, require_reviewer
from obligations.forms.review import ContractFactsForm, ObligationCorrectForm
from obligations.models import Contract, ContractDocument, Obligation
from obligations.models.choices import DeadlineStatus, ExtractionStatus, ReviewStatus
from obligations.services.dating import contract_dating
from obligations.services.review import (
    ReviewResult,
    contract_facts_update,
    obligation_confirm,
    obligation_correct,
    obligation_reject,
)
from obligations.views.assignments import organisation_members
from obligations.views.pages import organisation_today

TEMPLATE = "contracts/review.html"
DEADLINES_SHOWN = 30


def evidence_html(text: str, obligations: Sequence[Obligation]) -> SafeString:
    """The document text, escaped piece by piece, with each obligation's evidence in <mark>s.

    Evidence spans may overlap; the text is cut at every span boundary and each piece is marked
    with all the obligations covering it. The first piece of an obligation carries its id."""
    spans = [
        (o.evidence_start, o.evidence_end, o)
        for o in obligations
        if 0 <= o.evidence_start < o.evidence_end <= len(text)
    ]
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    anchored: set[int] = set()
    pieces: list[str] = []
    for start, end in pairwise(bounds):
        piece = escape(text[start:end])
        covering = [o for s, e, o in spans if s <= start and end <= e]
        if not covering:
            pieces.append(piece)
            continue
        new = [o.pk for o in covering if o.pk not in anchored]
        anchored.update(new)
        ids = " ".join(str(o.pk) for o in covering)
        outer_id = f' id="ev-{new[0]}"' if new else ""
        inner = piece
        for pk in reversed(new[1:]):
            inner = f'<mark class="ev-alias" id="ev-{pk}">{inner}</mark>'
        status = covering[0].review_status
        pieces.append(f'<mark class="ev st-{status}" data-ob="{ids}"{outer_id}>{inner}</mark>')
    return mark_safe("".join(pieces))  # every text piece is escaped above


def _document(contract: Contract) -> ContractDocument | None:
    return contract.documents.order_by("-created_at").first()


def _counts(contract: Contract) -> dict[str, int]:
    return contract.obligations.aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(review_status=ReviewStatus.PENDING)),
        confirmed=Count("id", filter=Q(review_status=ReviewStatus.CONFIRMED)),
        corrected=Count("id", filter=Q(review_status=ReviewStatus.CORRECTED)),
        rejected=Count("id", filter=Q(review_status=ReviewStatus.REJECTED)),
    )


def _deadlines_context(contract: Contract) -> dict[str, Any]:
    open_deadlines = (
        contract.deadlines.filter(status=DeadlineStatus.OPEN)
        .select_related("contract", "obligation__contract__organisation", "event")
        .order_by("act_by", "id")
    )
    shown = list(open_deadlines[:DEADLINES_SHOWN])
    hidden = open_deadlines.count() - len(shown) if len(shown) == DEADLINES_SHOWN else 0
    return {"deadlines": shown, "deadlines_hidden": hidden}


def _facts_context(contract: Contract, form: ContractFactsForm | None = None) -> dict[str, Any]:
    return {
        "facts_form": form or ContractFactsForm.for_contract(contract),
        "origins": {origin.fact: origin for origin in contract.fact_origins.select_related("by")},
        "contract": contract,
    }


def _with_dating(obligations: list[Obligation], contract: Contract) -> None:
    """Attach to each obligation its dating state (None when it has no period or is not
    confirmed), for the card to show."""
    states = contract_dating(contract=contract, today=organisation_today(contract.organisation))
    for obligation in obligations:
        obligation.dating = states.get(obligation.pk)  # type: ignore[attr-defined]


def _card_context(request: HttpRequest, obligation: Obligation, **extra: Any) -> dict[str, Any]:
    _with_dating([obligation], obligation.contract)
    return {
        "obligation": obligation,
        "can_review": membership_for(request.user).can_review,
        "members": organisation_members(obligation.contract.organisation_id),
        **extra,
    }


def _review_context(request: HttpRequest, contract: Contract) -> dict[str, Any]:
    document = _document(contract)
    obligations: list[Obligation] = []
    text_html = SafeString("")
    if document is not None and document.extraction_status == ExtractionStatus.DONE:
        obligations = list(
            contract.obligations.filter(document=document)
            .select_related("clause", "reviewed_by", "assignee")
            .order_by("evidence_start", "position", "id")
        )
        text_html = evidence_html(document.text, obligations)
        _with_dating(obligations, contract)
    return {
        "contract": contract,
        "document": document,
        "obligations": obligations,
        "text_html": text_html,
        "counts": _counts(contract),
        "can_review": membership_for(request.user).can_review,
        "members": organisation_members(contract.organisation_id),
        "history_url": reverse("contract_history", args=[contract.pk]),
        **_facts_context(contract),
        **_deadlines_context(contract),
    }


@require_GET
def contract_review(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    return render(request, TEMPLATE, _review_context(request, contract))


def _problems(result: ReviewResult) -> list[str]:
    """Why deadlines could not be computed: the whole recomputation, or single obligations."""
    problems = [result.deadlines_problem] if result.deadlines_problem else []
    return problems + list(getattr(result.recompute, "problems", []))


def _review_url(obligation: Obligation) -> str:
    return f"{reverse('contract_review', args=[obligation.contract_id])}#ob-{obligation.pk}"


def _card_response(
    request: HttpRequest, obligation: Obligation, result: ReviewResult | None = None
) -> HttpResponse:
    """The card, and out of band the counts and the deadlines that the action may have changed."""
    contract = obligation.contract
    context = _card_context(request, obligation, result=result)
    html = render_to_string(f"{TEMPLATE}#obligation_card", context, request=request)
    if result is not None:
        extra = {"contract": contract, "counts": _counts(contract), "oob": True}
        extra |= _deadlines_context(contract)
        extra["deadline_problems"] = _problems(result)
        html += render_to_string(f"{TEMPLATE}#review_counts", extra, request=request)
        html += render_to_string(f"{TEMPLATE}#deadlines_panel", extra, request=request)
    return HttpResponse(html)


def _after_action(
    request: HttpRequest, obligation: Obligation, result: ReviewResult
) -> HttpResponse:
    if request.htmx:
        return _card_response(request, obligation, result)
    verb = {"confirmed": "Confirmed", "corrected": "Corrected", "rejected": "Rejected"}
    messages.success(request, f"{verb.get(result.action, 'Saved')}: {obligation.summary}")
    for problem in _problems(result):
        messages.warning(request, f"No deadline: {problem}")
    return redirect(_review_url(obligation))


@require_GET
def obligation_card(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = obligation_for(request, pk)
    if request.htmx:
        return _card_response(request, obligation)
    return redirect(_review_url(obligation))


@require_POST
def obligation_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    obligation = obligation_for(request, pk)
    return _after_action(
        request, obligation, obligation_confirm(obligation=obligation, user=request.user)
    )


@require_POST
def obligation_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    obligation = obligation_for(request, pk)
    return _after_action(
        request, obligation, obligation_reject(obligation=obligation, user=request.user)
    )


@require_http_methods(["GET", "POST"])
def obligation_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    obligation = obligation_for(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ObligationCorrectForm.for_obligation(obligation, data)
    if data is not None and form.is_valid():
        try:
            result = obligation_correct(
                obligation=obligation, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _after_action(request, obligation, result)
    context = _card_context(request, obligation, form=form, editing=True)
    if request.htmx:
        return render(request, f"{TEMPLATE}#obligation_card", context)
    context["contract"] = obligation.contract
    status = 400 if form.is_bound else 200
    return render(request, "contracts/review_correct.html", context, status=status)


@require_POST
def contract_facts(request: HttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    contract = contract_for(request, pk)
    form = ContractFactsForm.for_contract(contract, request.POST)
    result: ReviewResult | None = None
    if form.is_valid():
        try:
            result = contract_facts_update(
                contract=contract, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    if result is not None and not request.htmx:
        messages.success(request, "Facts confirmed; the deadlines have been recomputed.")
        for problem in _problems(result):
            messages.warning(request, f"No deadline: {problem}")
        return redirect(f"{reverse('contract_review', args=[contract.pk])}#facts")
    if not request.htmx:
        context = _review_context(request, contract)
        context.update(_facts_context(contract, form))
        return render(request, TEMPLATE, context, status=400)
    if result is not None:
        form = ContractFactsForm.for_contract(contract)
    context = {**_facts_context(contract, form), "can_review": True, "saved": result}
    html = render_to_string(f"{TEMPLATE}#facts_panel", context, request=request)
    if result is not None:
        extra = {"contract": contract, "oob": True, "deadline_problems": _problems(result)}
        extra |= _deadlines_context(contract)
        html += render_to_string(f"{TEMPLATE}#deadlines_panel", extra, request=request)
    return HttpResponse(html)
