"""A contract's events: the list, the form to log one, and the deadlines that count from them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from obligations.access import contract_for, deadlines_for, events_for, membership_for
from obligations.forms.events import EventForm
from obligations.models import Contract, Membership, OwnEventKind
from obligations.models.choices import DeadlineStatus, ReviewStatus
from obligations.services.dating import dating_counts, dating_of, missed_windows
from obligations.services.deadline_rules import DatingState
from obligations.services.events import event_log
from obligations.views.pages import organisation_today, render_page

EVENTS_PER_PAGE = 25
MAX_DEADLINES = 100
RECENT_DAYS = 90  # closed deadlines older than this are left to the calendar and CSV


def _page_context(
    request: HttpRequest,
    *,
    contract: Contract,
    membership: Membership,
    form: EventForm,
    logged_event_id: int | None,
) -> dict[str, object]:
    today = organisation_today(membership.organisation)
    events = (
        events_for(request)
        .filter(contract=contract)
        .select_related("created_by", "own_kind")
        .order_by("-occurred_on", "-id")
    )
    events_page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    deadlines_qs = (
        deadlines_for(request)
        .filter(contract=contract)
        .filter(
            Q(status=DeadlineStatus.OPEN) | Q(act_by__gte=today - dt.timedelta(days=RECENT_DAYS))
        )
        .select_related(
            "contract",
            "obligation__contract__organisation",
            "obligation__clause",
            "event__own_kind",
        )
        .order_by("act_by", "id")
    )
    deadlines = list(deadlines_qs[: MAX_DEADLINES + 1])
    more_deadlines = deadlines_qs.count() - MAX_DEADLINES if len(deadlines) > MAX_DEADLINES else 0
    new_deadlines = [d for d in deadlines if logged_event_id and d.event_id == logged_event_id]
    pending = contract.obligations.filter(review_status=ReviewStatus.PENDING).count()
    logged_event = (
        events.filter(pk=logged_event_id).first() if logged_event_id is not None else None
    )
    dating = dating_of(contracts=[contract], today=today)
    return {
        "contract": contract,
        "form": form,
        "dating_counts": list(dating_counts(d for _, d in dating).items()),
        "undated": [row for row in dating if row[1].state != DatingState.DATED],
        "missed_windows": missed_windows(contract=contract, today=today),
        "events_page": events_page,
        "deadlines": deadlines[:MAX_DEADLINES],
        "more_deadlines": more_deadlines,
        "new_deadlines": new_deadlines,
        "logged_event": logged_event,
        "pending_obligations": pending,
        "can_review": membership.can_review,
        "can_manage_kinds": membership.is_admin,
        "today": today,
        "recent_days": RECENT_DAYS,
        "review_url": reverse("contract_review", args=[contract.pk]),
        "csv_url": f"{reverse('deadlines_csv')}?{urlencode({'contract': contract.pk})}",
    }


@require_http_methods(["GET", "POST"])
def contract_events(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)  # another organisation's contract is a 404
    membership = membership_for(request.user)
    today = organisation_today(membership.organisation)
    logged_event_id: int | None = None
    problems: list[str] = []
    own_kinds = list(OwnEventKind.objects.filter(organisation=contract.organisation_id))

    if request.method == "POST":
        if not membership.can_review:
            raise PermissionDenied("Only reviewers and admins can log events.")
        form = EventForm(request.POST, today=today, own_kinds=own_kinds)
        if form.is_valid():
            logged = event_log(
                contract=contract,
                kind=form.cleaned_data["kind"],
                occurred_on=form.cleaned_data["occurred_on"],
                effective_on=form.cleaned_data["effective_on"],
                note=form.cleaned_data["note"],
                own_kind=form.cleaned_data.get("own_kind"),
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
            problems = logged.recompute.problems
            if not request.htmx:
                messages.success(request, f"Logged: {logged.event}.")
                for problem in problems:
                    messages.warning(request, f"No deadline for {problem}")
                url = reverse("contract_events", args=[contract.pk])
                return HttpResponseRedirect(f"{url}?{urlencode({'logged': logged.event.pk})}")
            logged_event_id = logged.event.pk
            form = EventForm(today=today, own_kinds=own_kinds)
    else:
        form = EventForm(today=today, own_kinds=own_kinds)
        logged_param = request.GET.get("logged", "")
        logged_event_id = int(logged_param) if logged_param.isdigit() else None

    context = _page_context(
        request,
        contract=contract,
        membership=membership,
        form=form,
        logged_event_id=logged_event_id,
    )
    context["problems"] = problems
    return render_page(request, "contracts/events.html", context, partial="workspace")
