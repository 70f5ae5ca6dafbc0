"""Contract list: search, filters and pagination; the table alone for htmx requests."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from obligations.access import contracts_for, membership_for
from obligations.forms.contracts import ContractFilterForm, renewal_deadline_q
from obligations.models import Deadline, Obligation
from obligations.models.choices import DeadlineStatus, ReviewStatus
from obligations.views.pages import organisation_today, render_page

PAGE_SIZE = 25


def _next_act_by(*, today: dt.date, renewal_only: bool) -> Subquery:
    deadlines = Deadline.objects.filter(
        contract=OuterRef("pk"), status=DeadlineStatus.OPEN, act_by__gte=today
    )
    if renewal_only:
        deadlines = deadlines.filter(renewal_deadline_q())
    return Subquery(deadlines.order_by("act_by").values("act_by")[:1])


def _pending_count() -> Coalesce:
    pending = (
        Obligation.objects.filter(contract=OuterRef("pk"), review_status=ReviewStatus.PENDING)
        .order_by()
        .values("contract")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(pending, output_field=IntegerField()), Value(0))


@require_GET
def contract_list(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    today = organisation_today(membership.organisation)
    contracts = contracts_for(request)
    form = ContractFilterForm(request.GET, contracts=contracts)
    filtered = (
        form.apply(contracts, today=today)
        .select_related("owner")
        .annotate(
            next_deadline=_next_act_by(today=today, renewal_only=False),
            next_renewal=_next_act_by(today=today, renewal_only=True),
            pending=_pending_count(),
        )
    )
    if form.cleaned_data.get("renewal_within"):
        filtered = filtered.order_by("next_renewal", "title", "pk")
    else:
        filtered = filtered.order_by("title", "pk")
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))

    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "is_filtered": form.is_filtered,
        # Only asked when the page is empty: are there no contracts at all, or none that match?
        "has_contracts": page.paginator.count > 0 or contracts.exists(),
        "today": today,
    }
    return render_page(request, "contracts/list.html", context, partial="results")
