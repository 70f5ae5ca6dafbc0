"""Dashboard: what is due in the next 90 days, what awaits review, which reminders failed; and
the mark done / waive actions that the dashboard, the calendar and the events page share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
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
    obligations_for,
    reminders_for,
    require_reviewer,
)
from obligations.forms.contracts import DeadlineFilterForm
from obligations.models import Deadline
from obligations.models.choices import DeadlineStatus, ReminderState, ReviewStatus
from obligations.services.dating import dating_counts, dating_of
from obligations.services.deadline_rules import DatingState
from obligations.services.deadline_status import (
    DeadlineStatusError,
    deadline_mark_done,
    deadline_waive,
)
from obligations.views.assignments import organisation_members
from obligations.views.pages import organisation_today

HORIZON_DAYS = 90
MAX_ROWS = 200  # per group; beyond this the page says how many more and offers the CSV
MAX_FAILED_REMINDERS = 20
MAX_PENDING_CONTRACTS = 10
MAX_UNDATED = 8


def overdue_of(deadlines: QuerySet[Deadline], *, today: dt.date) -> QuerySet[Deadline]:
    """Open deadlines whose act-by day has passed. With the organisation filter of the access
    helpers this is the shape of the partial index deadline_open_by_act_by."""
    return deadlines.filter(status=DeadlineStatus.OPEN, act_by__lt=today).order_by("act_by", "id")


@dataclass(frozen=True)
class DeadlineGroup:
    heading: str
    note: str
    deadlines: list[Deadline]
    more: int  # rows not shown


def _first_rows(queryset: QuerySet[Deadline]) -> tuple[list[Deadline], int]:
    """At most MAX_ROWS rows, and how many more there are (counted only when there are more)."""
    rows = list(queryset[: MAX_ROWS + 1])
    if len(rows) <= MAX_ROWS:
        return rows, 0
    return rows[:MAX_ROWS], queryset.count() - MAX_ROWS


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
                heading=f"Week of {monday.isoformat()}", note=note, deadlines=list(rows), more=0
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
        {key: request.GET.get(key, "") for key in ("who", "status", "contract")},
        organisation=organisation,
        user=request.user,
    )
    deadlines = filters.apply(current_deadlines_for(request)).select_related(
        "contract__owner", "obligation__assignee", "assignee", "obligation__contract__organisation"
    )
    overdue_qs = overdue_of(deadlines, today=today)
    upcoming_qs = deadlines.filter(act_by__gte=today, act_by__lte=horizon).order_by("act_by", "id")
    overdue, overdue_more = _first_rows(overdue_qs)
    upcoming, upcoming_more = _first_rows(upcoming_qs)

    pending_total = obligations_for(request).filter(review_status=ReviewStatus.PENDING).count()
    pending_contracts = (
        contracts_for(request)
        .filter(archived_at__isnull=True)
        .annotate(
            pending=Count("obligations", filter=Q(obligations__review_status=ReviewStatus.PENDING))
        )
        .filter(pending__gt=0)
        .order_by("-pending", "title")[:MAX_PENDING_CONTRACTS]
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

    dating = dating_of(
        contracts=contracts_for(request).filter(archived_at__isnull=True), today=today
    )
    undated = [row for row in dating if row[1].state != DatingState.DATED]
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
        "can_review": membership.can_review,
        "pending_total": pending_total,
        "pending_contracts": pending_contracts,
        "failed_reminders": failed_reminders,
        "failed_total": failed_total,
        "csv_url": f"{reverse('deadlines_csv')}?{urlencode(csv_query)}",
        "dating_counts": [
            (state, count) for state, count in dating_counts(d for _, d in dating).items()
        ],
        "undated": undated[:MAX_UNDATED],
        "undated_more": max(0, len(undated) - MAX_UNDATED),
        "members": organisation_members(organisation.pk) if membership.can_review else [],
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
