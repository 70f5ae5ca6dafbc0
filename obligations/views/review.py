"""The review page: the contract's text with every obligation's evidence highlighted, the
obligations to confirm, correct or reject, the contract's facts and the deadlines they give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obligations.access import contract_for, membership_for, obligation_for, require_reviewer
from obligations.forms.family import DocumentChangesForm
from obligations.forms.review import (
    ContractFactsForm,
    ObligationCorrectForm,
    ObligationFilterForm,
)
from obligations.models import DOCUMENT_BODY, Clause, Contract, ContractDocument, Obligation
from obligations.models.choices import DeadlineStatus, ExtractionStatus, ReviewStatus
from obligations.services.dating import contract_dating, missed_windows
from obligations.services.family import contract_timeline
from obligations.services.review import (
    ReviewResult,
    contract_facts_update,
    contract_region_missing,
    obligation_confirm,
    obligation_correct,
    obligation_reject,
    obligations_bulk_set_status,
)
from obligations.services.unused_periods import UnusedPeriodRow, unused_period_rows
from obligations.views.assignments import organisation_members
from obligations.views.pages import organisation_today

TEMPLATE = "contracts/review.html"
DEADLINES_SHOWN = 30
# Below this mean word confidence (0-100) an OCR page's text is flagged for checking.
LOW_OCR_CONFIDENCE = 80
# Obligation cards per page; more load with htmx at the end of the list.
OBLIGATIONS_PER_PAGE = 50
OBLIGATION_ORDER = ("evidence_start", "position", "id")


def _page_marker(number: int) -> str:
    return f'<span class="rv-page" id="page-{number}" role="note">Page {number}</span>'


def heading_lines(text: str, clauses: Sequence[Clause]) -> list[tuple[int, int]]:
    """The spans of the lines that are a clause's heading alone ("12. Term"), not the first
    line of a clause that runs on after its heading."""
    spans = []
    for clause in clauses:
        if not clause.heading or not 0 <= clause.start < len(text):
            continue
        end = text.find("\n", clause.start)
        end = len(text) if end < 0 else end
        line = text[clause.start : end]
        if clause.heading in line and len(line) <= len(clause.heading) + len(clause.ref) + 12:
            spans.append((clause.start, end))
    return spans


def evidence_html(
    text: str,
    obligations: Sequence[Obligation],
    page_starts: Sequence[int] = (),
    headings: Sequence[tuple[int, int]] = (),
) -> SafeString:
    """The document text, escaped piece by piece, with each obligation's evidence in <mark>s,
    clause headings in <strong>s and a "Page N" marker where each page starts (for a paged
    document).

    Evidence spans may overlap; the text is cut at every span boundary and each piece is marked
    with all the obligations covering it. The first piece of an obligation carries its id."""
    spans = [
        (o.evidence_start, o.evidence_end, o)
        for o in obligations
        if 0 <= o.evidence_start < o.evidence_end <= len(text)
    ]
    pages: dict[int, list[int]] = {}
    if len(page_starts) > 1:
        for number, start in enumerate(page_starts, start=1):
            if 0 <= start < len(text):
                pages.setdefault(start, []).append(number)
    headings = [(start, end) for start, end in headings if 0 <= start < end <= len(text)]
    cuts = {*pages, *(s for s, _, _ in spans), *(e for _, e, _ in spans)}
    cuts |= {*(start for start, _ in headings), *(end for _, end in headings)}
    bounds = sorted({0, len(text), *cuts})
    anchored: set[int] = set()
    pieces: list[str] = []
    for start, end in pairwise(bounds):
        # Pages without text of their own start where the next page does: one marker each.
        pieces.extend(_page_marker(number) for number in pages.get(start, ()))
        piece = escape(text[start:end])
        if any(s <= start and end <= e for s, e in headings):
            piece = f'<strong class="rv-heading">{piece}</strong>'
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
    return mark_safe("".join(pieces))  # noqa: S308 - every text piece is escaped above


def _ocr_notes(document: ContractDocument) -> list[dict[str, Any]]:
    """The pages read by OCR, each with the engine's confidence and whether it is low."""
    notes = []
    for entry in document.ocr_pages or []:
        page, confidence = [*entry, None][:2] if isinstance(entry, list) else (None, None)
        if isinstance(page, int):
            low = isinstance(confidence, int | float) and confidence < LOW_OCR_CONFIDENCE
            notes.append({"page": page, "confidence": confidence, "low": low})
    return notes


def _document(contract: Contract, request: HttpRequest | None = None) -> ContractDocument | None:
    """The document shown: the one asked for (?document=), else the latest of the family."""
    chosen = request.GET.get("document", "") if request is not None else ""
    if chosen.isdigit():
        found = contract.documents.filter(pk=int(chosen)).first()
        if found is not None:
            return found
    return contract.documents.order_by("-created_at", "-id").first()


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
        .select_related("obligation", "event__own_kind")
        .order_by("act_by", "id")
    )
    shown = list(open_deadlines[:DEADLINES_SHOWN])
    for deadline in shown:
        # Every row's contract is this one, already loaded: joining it twice per row would
        # build three more objects for each deadline shown.
        deadline.contract = contract
        deadline.obligation.contract = contract
    hidden = open_deadlines.count() - len(shown) if len(shown) == DEADLINES_SHOWN else 0
    return {
        "deadlines": shown,
        "deadlines_hidden": hidden,
        "missed_windows": missed_windows(
            contract=contract, today=organisation_today(contract.organisation)
        ),
    }


def _facts_context(contract: Contract, form: ContractFactsForm | None = None) -> dict[str, Any]:
    return {
        "facts_form": form or ContractFactsForm.for_contract(contract),
        "origins": {
            origin.fact: origin
            for origin in contract.fact_origins.select_related("by", "document").defer(
                *(f"document__{field}" for field in DOCUMENT_BODY)
            )
        },
        "contract": contract,
        "region_missing": contract_region_missing(contract),
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


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


def _filters(request: HttpRequest, document: ContractDocument) -> ObligationFilterForm:
    kinds = sorted(set(document.obligations.values_list("kind", flat=True)))
    fields = ("kind", "party", "status", "confidence", "period")
    return ObligationFilterForm({name: request.GET.get(name, "") for name in fields}, kinds=kinds)


def _obligation_page(
    contract: Contract,
    document: ContractDocument,
    number: int,
    filters: ObligationFilterForm | None = None,
) -> Page[Obligation]:
    obligations = document.obligations.select_related("clause", "reviewed_by", "assignee").order_by(
        *OBLIGATION_ORDER
    )
    if filters is not None:
        obligations = filters.apply(obligations)
    # Past the last page shows the last page, as a stale "more" link should.
    page = Paginator(obligations, OBLIGATIONS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    for obligation in page.object_list:
        # Every card's document and contract are these, already loaded: joining the document
        # would fetch its whole text again for each row.
        obligation.document = document
        obligation.contract = contract
    return page


def _filter_query(filters: ObligationFilterForm | None) -> str:
    """The filters as a query string ("&kind=payment"), for links that load more cards."""
    if filters is None or not filters.is_valid():
        return ""
    chosen = {name: value for name, value in filters.cleaned_data.items() if value}
    return "&" + urlencode(chosen) if chosen else ""


def _family_context(
    contract: Contract,
    document: ContractDocument | None,
    changes_form: DocumentChangesForm | None = None,
) -> dict[str, Any]:
    """The family's documents (to switch between), the timeline, and for a further document the
    form confirming what it is and which term facts it sets."""
    timeline = contract_timeline(contract)
    # The timeline holds every document of the family; the switcher lists them by the day they
    # take effect, those without one first.
    family = sorted(
        (entry.document for entry in timeline),
        key=lambda doc: (doc.effective_on is not None, doc.effective_on or dt.date.min, doc.pk),
    )
    if changes_form is None and document is not None and document.is_family_member:
        changes_form = DocumentChangesForm.for_document(document)
    return {
        "family": family if len(family) > 1 else [],
        "timeline": timeline,
        "changes_form": changes_form,
    }


def _review_context(
    request: HttpRequest,
    contract: Contract,
    document: ContractDocument | None = None,
    changes_form: DocumentChangesForm | None = None,
) -> dict[str, Any]:
    """The page: the obligations of one page (the first unless ?page= says otherwise) and, unless
    the document has too many obligations to show at once, its text with every evidence span."""
    document = document or _document(contract, request)
    page: Page[Obligation] | None = None
    text_html = SafeString("")
    too_many = False
    unused: list[UnusedPeriodRow] = []
    filters: ObligationFilterForm | None = None
    if document is not None and document.extraction_status == ExtractionStatus.DONE:
        filters = _filters(request, document)
        page = _obligation_page(contract, document, _page_number(request), filters)
        # Unfiltered, the page's own count is the document's.
        total = document.obligations.count() if filters.is_filtered else page.paginator.count
        too_many = total > settings.REVIEW_MAX_OBLIGATIONS
        if not too_many:
            # With its document: the related manager ties each row to it by that column.
            spans = document.obligations.only(
                "pk", "document", "evidence_start", "evidence_end", "review_status"
            ).order_by(*OBLIGATION_ORDER)
            headings = heading_lines(document.text, list(document.clauses.all()))
            text_html = evidence_html(
                document.text, list(spans), document.page_starts or (), headings
            )
        unused = unused_period_rows(document)
        _with_dating(list(page.object_list), contract)
    return {
        "contract": contract,
        "document": document,
        "page": page,
        "obligations": list(page) if page is not None else [],
        "obligation_total": page.paginator.count if page is not None else 0,
        "too_many": too_many,
        "max_obligations": settings.REVIEW_MAX_OBLIGATIONS,
        "text_html": text_html,
        "ocr_notes": _ocr_notes(document) if document is not None else [],
        "unused_periods": unused,
        "filters": filters,
        "filter_query": _filter_query(filters) + _document_query(request, document),
        "counts": _counts(contract),
        "can_review": membership_for(request.user).can_review,
        "members": organisation_members(contract.organisation_id),
        "history_url": reverse("contract_history", args=[contract.pk]),
        **_facts_context(contract),
        **_deadlines_context(contract),
        **_family_context(contract, document, changes_form),
    }


def _document_query(request: HttpRequest, document: ContractDocument | None) -> str:
    """ "&document=N" when a document other than the default one is shown, for "more" links."""
    if document is None or not request.GET.get("document", "").isdigit():
        return ""
    return f"&document={document.pk}"


def review_page(
    request: HttpRequest,
    contract: Contract,
    *,
    document: ContractDocument,
    changes_form: DocumentChangesForm,
) -> HttpResponse:
    """The page again with a family document's changes form and its errors (status 400)."""
    context = _review_context(request, contract, document, changes_form)
    return render(request, TEMPLATE, context, status=400)


@require_POST
def obligations_bulk_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm or reject the selected obligations of a contract at once."""
    contract = contract_for(request, pk)
    require_reviewer(request)
    action = request.POST.get("action", "")
    status = {"confirm": ReviewStatus.CONFIRMED, "reject": ReviewStatus.REJECTED}.get(action)
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    back = reverse("contract_review", args=[contract.pk]) + "?" + request.POST.get("filters", "")
    if status is None or not ids:
        messages.error(request, "Select obligations with x or their boxes, then confirm or reject.")
        return HttpResponseRedirect(back)
    changed = obligations_bulk_set_status(
        contract=contract,
        obligation_ids=ids,
        status=status,
        user=request.user,  # type: ignore[arg-type]
    )
    verb = "confirmed" if status == ReviewStatus.CONFIRMED else "rejected"
    messages.success(request, f"{len(ids)} obligation{'s' if len(ids) != 1 else ''} {verb}.")
    if changed < len(ids):
        messages.info(request, f"{len(ids) - changed} of them were {verb} already.")
    return HttpResponseRedirect(back)


@require_GET
def contract_review(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    if request.htmx and "page" in request.GET:
        # "More obligations": the next page's cards, and the link to the one after.
        document = _document(contract, request)
        if document is None or document.extraction_status != ExtractionStatus.DONE:
            return HttpResponse("")
        filters = _filters(request, document)
        page = _obligation_page(contract, document, _page_number(request), filters)
        obligations = list(page)
        _with_dating(obligations, contract)
        context = {
            "contract": contract,
            "page": page,
            "obligations": obligations,
            "obligation_total": page.paginator.count,
            "can_review": membership_for(request.user).can_review,
            "members": organisation_members(contract.organisation_id),
            "filter_query": _filter_query(filters) + _document_query(request, document),
        }
        return render(request, f"{TEMPLATE}#obligation_page", context)
    return render(request, TEMPLATE, _review_context(request, contract))


def _problems(result: ReviewResult) -> list[str]:
    """Why deadlines could not be computed: the whole recomputation, or single obligations."""
    problems = [result.deadlines_problem] if result.deadlines_problem else []
    return problems + list(getattr(result.recompute, "problems", []))


def _review_url(obligation: Obligation) -> str:
    """The review page showing this obligation's card: the page it falls on, at its card."""
    url = reverse("contract_review", args=[obligation.contract_id])
    order = list(
        Obligation.objects.filter(document_id=obligation.document_id)
        .order_by(*OBLIGATION_ORDER)
        .values_list("pk", flat=True)
    )
    index = order.index(obligation.pk) if obligation.pk in order else 0
    page = index // OBLIGATIONS_PER_PAGE + 1
    shown = _document(obligation.contract)
    params = (
        []
        if shown is None or shown.pk == obligation.document_id
        else [f"document={obligation.document_id}"]
    )
    params += [f"page={page}"] if page > 1 else []
    query = f"?{'&'.join(params)}" if params else ""
    return f"{url}{query}#ob-{obligation.pk}"


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
