"""Dashboard: what is due in the next 90 days, what awaits review, which reminders failed; and
the mark done / waive actions that the dashboard, the calendar and the events page share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from obligations.access import (
    contracts_for,
    current_deadlines_for,
    deadline_for,
    membership_for,
    reminders_for,
    require_reviewer,
)
from obligations.forms.contracts import DeadlineFilterForm
from obligations.models import Deadline, Obligation
from obligations.models.choices import (
    ContractStatus,
    DeadlineStatus,
    ReminderState,
    ReviewStatus,
)
from obligations.models.deadlines import share_contracts
from obligations.services.dating import dating_summary
from obligations.services.deadline_status import (
    DeadlineStatusError,
    deadline_mark_done,
    deadline_waive,
)
from obligations.views.pages import organisation_today

HORIZON_DAYS = 90
# Rows shown at once: the page reads one more to know whether there are more, never a count of
# all of them, so its cost does not grow with the organisation's size.
OVERDUE_ROWS = 20
UPCOMING_ROWS = 30
MAX_FAILED_REMINDERS = 20
MAX_PENDING_CONTRACTS = 10
MAX_UNDATED = 8


def _pending_obligations() -> Coalesce:
    """Pending obligations of each contract, counted through the partial index of pending ones."""
    pending = (
        Obligation.objects.filter(contract=OuterRef("pk"), review_status=ReviewStatus.PENDING)
        .order_by()
        .values("contract")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(pending, output_field=IntegerField()), Value(0))


def overdue_of(deadlines: QuerySet[Deadline], *, today: dt.date) -> QuerySet[Deadline]:
    """Open deadlines whose act-by day has passed. With the organisation filter of the access
    helpers this is the shape of the partial index deadline_open_by_act_by."""
    return deadlines.filter(status=DeadlineStatus.OPEN, act_by__lt=today).order_by("act_by", "id")


@dataclass(frozen=True)
class DeadlineGroup:
    heading: str
    note: str
    deadlines: list[Deadline]
    more: bool  # rows not shown


def _first_rows(queryset: QuerySet[Deadline], limit: int) -> tuple[list[Deadline], bool]:
    """At most `limit` rows, and whether there are more."""
    rows = share_contracts(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def _after(value: str) -> tuple[dt.date, int] | None:
    """The keyset of the last row shown ("2026-12-04.1234"): the next page starts after it."""
    day, _, pk = value.partition(".")
    try:
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _week_groups(deadlines: list[Deadline], *, today: dt.date) -> list[DeadlineGroup]:
    this_week = today - dt.timedelta(days=today.weekday())
    groups = []
    for monday, rows in groupby(
        deadlines, key=lambda d: d.act_by - dt.timedelta(days=d.act_by.weekday())
    ):
        weeks_ahead = (monday - this_week).days // 7
        note = {0: "this week", 1: "next week"}.get(weeks_ahead, f"in {weeks_ahead} weeks")
        groups.append(
            DeadlineGroup(
                heading=f"Week of {monday.isoformat()}", note=note, deadlines=list(rows), more=False
            )
        )
    return groups


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    organisation = membership.organisation
    today = organisation_today(organisation)
    horizon = today + dt.timedelta(days=HORIZON_DAYS)

    filters = DeadlineFilterForm(
        {key: request.GET.get(key, "") for key in ("who", "status", "contract", "contract_title")},
        organisation=organisation,
        user=request.user,
    )
    # The obligation's document gives the parties' names; its text is not needed here.
    deadlines = (
        filters.apply(current_deadlines_for(request))
        .select_related("contract__organisation", "obligation__document", "responsible")
        .defer("obligation__document__text", "obligation__document__unused_periods")
    )
    overdue_qs = overdue_of(deadlines, today=today)
    upcoming_qs = deadlines.filter(act_by__gte=today, act_by__lte=horizon).order_by("act_by", "id")
    after = _after(request.GET.get("after", ""))
    if after is not None:
        day, pk = after
        upcoming_qs = upcoming_qs.filter(act_by__gte=day).exclude(act_by=day, id__lte=pk)
        overdue, overdue_more = [], False
    else:
        overdue, overdue_more = _first_rows(overdue_qs, OVERDUE_ROWS)
    upcoming, upcoming_more = _first_rows(upcoming_qs, UPCOMING_ROWS)
    next_page = ""
    if upcoming_more:
        last = upcoming[-1]
        query = {
            **{k: v for k, v in filters.data.items() if v},
            "after": f"{last.act_by}.{last.pk}",
        }
        next_page = f"{reverse('dashboard')}?{urlencode(query)}"

    in_review = contracts_for(request).filter(
        status=ContractStatus.IN_REVIEW, archived_at__isnull=True
    )
    pending_total = in_review.count()
    pending_contracts = (
        list(
            # The oldest first; each one's pending obligations counted for these ten only.
            in_review.order_by("created_at", "pk")
            .only("pk", "title", "created_at")[:MAX_PENDING_CONTRACTS]
            .annotate(pending=_pending_obligations())
        )
        if pending_total
        else []
    )
    failed_qs = reminders_for(request).filter(state=ReminderState.FAILED)
    failed_reminders = list(
        failed_qs.select_related(
            "deadline__contract", "deadline__obligation", "recipient"
        ).order_by("-id")[:MAX_FAILED_REMINDERS]
    )
    failed_total = (
        failed_qs.count()
        if len(failed_reminders) == MAX_FAILED_REMINDERS
        else len(failed_reminders)
    )

    dating = dating_summary(organisation=organisation, listed=MAX_UNDATED)
    csv_query = {
        "start": today.isoformat(),
        "end": horizon.isoformat(),
        "overdue": "on",
        **{key: value for key, value in filters.data.items() if value},
    }
    context = {
        "organisation": organisation,
        "today": today,
        "horizon": horizon,
        "horizon_days": HORIZON_DAYS,
        "filters": filters,
        "is_filtered": any(filters.data.values()),
        "overdue": DeadlineGroup(
            heading="Overdue", note="open, act-by date passed", deadlines=overdue, more=overdue_more
        ),
        "weeks": _week_groups(upcoming, today=today),
        "upcoming_more": upcoming_more,
        "next_page": next_page,
        "continued": after is not None,
        "can_review": membership.can_review,
        "pending_total": pending_total,
        "pending_contracts": pending_contracts,
        "failed_reminders": failed_reminders,
        "failed_total": failed_total,
        "csv_url": f"{reverse('deadlines_csv')}?{urlencode(csv_query)}",
        "overdue_csv_url": f"{reverse('deadlines_csv')}?"
        + urlencode(
            {
                **{key: value for key, value in filters.data.items() if value},
                "status": DeadlineStatus.OPEN,
                "end": (today - dt.timedelta(days=1)).isoformat(),
            }
        ),
        "dating_counts": dating.rows,
        "undated": dating.undated,
        "undated_more": dating.undated_more,
    }
    return render(request, "obligations/dashboard.html", context)


@require_POST
def deadline_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    deadline = deadline_for(request, pk)  # another organisation's deadline is a 404
    membership = require_reviewer(request)
    change = deadline_mark_done if action == "done" else deadline_waive
    error = ""
    try:
        change(deadline=deadline, by=request.user)  # type: ignore[arg-type]
    except DeadlineStatusError as exc:
        error = str(exc)

    if request.htmx:
        return render(
            request,
            "obligations/dashboard_deadline_status.html",
            {
                "d": deadline,
                "can_review": membership.can_review,
                "today": organisation_today(membership.organisation),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        verb = "marked done" if action == "done" else "waived"
        messages.success(
            request, f"“{deadline.obligation.summary}” (act by {deadline.act_by}) {verb}."
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("dashboard")
    return HttpResponseRedirect(next_url)
