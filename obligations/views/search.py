"""One search box over the organisation's contracts: titles, counterparties, clauses, obligations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from obligations.access import organisation_for
from obligations.models.search import SearchKind
from obligations.services.search import SearchHit, query_words, search
from obligations.views.pages import render_page

MAX_RESULTS = 50


def _link(hit: SearchHit) -> str:
    entry = hit.entry
    review = reverse("contract_review", args=[entry.contract_id])
    if entry.kind == SearchKind.OBLIGATION and entry.obligation_id:
        return f"{review}#ob-{entry.obligation_id}"
    if entry.kind == SearchKind.CLAUSE and entry.clause_id:
        return f"{review}#clause-{entry.clause_id}"
    return review


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    include_archived = request.GET.get("archived") == "on"
    hits = search(
        organisation=organisation_for(request),
        query=query,
        limit=MAX_RESULTS,
        include_archived=include_archived,
    )
    return render_page(
        request,
        "search/results.html",
        {
            "query": query,
            "has_words": bool(query_words(query)),
            "results": [(hit, _link(hit)) for hit in hits],
            "max_results": MAX_RESULTS,
            "include_archived": include_archived,
        },
        partial="results",
    )
