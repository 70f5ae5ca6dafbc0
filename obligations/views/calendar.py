"""Calendar: a month of deadlines by act-by date, the per-user iCalendar feed, the CSV export."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from obligations.access import current_deadlines_for, membership_for
from obligations.forms.contracts import DeadlineFilterForm
from obligations.models import Deadline, Membership
from obligations.models.choices import DeadlineStatus
from obligations.services.calendar_feed import (
    deadlines_csv_rows,
    deadlines_ical,
    membership_rotate_calendar_token,
)
from obligations.views.pages import organisation_today, render_page

FIRST_YEAR, LAST_YEAR = 1970, 2200
SHOWN_PER_DAY = 4  # further deadlines of a day fold into "N more"
MONTHS = pycalendar.Calendar(firstweekday=pycalendar.MONDAY)


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def shown(self) -> list[Deadline]:
        return self.deadlines[:SHOWN_PER_DAY]

    @property
    def folded(self) -> list[Deadline]:
        return self.deadlines[SHOWN_PER_DAY:]


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _feed_url(request: HttpRequest, membership: Membership) -> str:
    return request.build_absolute_uri(reverse("calendar_feed", args=[membership.calendar_token]))


@require_GET
def calendar_month(
    request: HttpRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    membership = membership_for(request.user)
    today = organisation_today(membership.organisation)
    if year is None or month is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404("There is no such month in the calendar.")

    weeks_of_dates = MONTHS.monthdatescalendar(year, month)
    first_shown, last_shown = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    filters = DeadlineFilterForm(
        {key: request.GET.get(key, "") for key in ("who", "status", "contract")},
        organisation=membership.organisation,
        user=request.user,
    )
    deadlines = (
        filters.apply(current_deadlines_for(request))
        .filter(act_by__gte=first_shown, act_by__lte=last_shown)
        .select_related("contract", "obligation__contract__organisation")
        .order_by("act_by", "contract__title", "id")
    )
    by_day: dict[dt.date, list[Deadline]] = defaultdict(list)
    for deadline in deadlines:
        by_day[deadline.act_by].append(deadline)
    weeks = [
        [
            Day(date=day, in_month=day.month == month, is_today=day == today, deadlines=by_day[day])
            for day in week
        ]
        for week in weeks_of_dates
    ]
    in_month = [d for day, rows in by_day.items() if day.month == month for d in rows]

    month_first = dt.date(year, month, 1)
    month_last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
    filter_query = {key: value for key, value in filters.data.items() if value}
    suffix = f"?{urlencode(filter_query)}" if filter_query else ""
    prev_year, prev_month = _shift_month(year, month, -1)
    next_year, next_month = _shift_month(year, month, 1)
    context = {
        "month_first": month_first,
        "weeks": weeks,
        "weekday_names": [pycalendar.day_abbr[i] for i in range(7)],
        "today": today,
        "in_month_count": len(in_month),
        "overdue_count": sum(
            1 for d in in_month if d.status == DeadlineStatus.OPEN and d.act_by < today
        ),
        "filters": filters,
        "filter_suffix": suffix,
        "prev_url": (
            reverse("calendar_month", args=[prev_year, prev_month]) + suffix
            if prev_year >= FIRST_YEAR
            else None
        ),
        "next_url": (
            reverse("calendar_month", args=[next_year, next_month]) + suffix
            if next_year <= LAST_YEAR
            else None
        ),
        "today_url": reverse("calendar") + suffix,
        "month_url": reverse("calendar_month", args=[year, month]),
        "csv_url": reverse("deadlines_csv")
        + "?"
        + urlencode(
            {"start": month_first.isoformat(), "end": month_last.isoformat(), **filter_query}
        ),
        "feed_url": _feed_url(request, membership),
    }
    return render_page(request, "calendar/month.html", context, partial="grid")


@require_POST
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    membership = membership_rotate_calendar_token(membership=membership_for(request.user))
    if request.htmx:
        return render(
            request,
            "calendar/month.html#feed",
            {"feed_url": _feed_url(request, membership), "regenerated": True},
        )
    messages.success(
        request, "Your calendar feed has a new address. The old address no longer works."
    )
    return HttpResponseRedirect(reverse("calendar"))


@login_not_required  # calendar programs cannot sign in; the secret token is the authorisation
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    # The token stands in for the signed-in user, so the query is scoped by its membership here
    # rather than through the request-based access helpers.
    membership = (
        Membership.objects.select_related("organisation")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )
    if membership is None:
        raise Http404("No calendar feed at this address.")
    deadlines = (
        Deadline.objects.filter(
            organisation=membership.organisation,
            status__in=[DeadlineStatus.OPEN, DeadlineStatus.DONE],
            contract__archived_at__isnull=True,
        )
        .select_related("contract", "obligation__contract__organisation")
        .order_by("act_by", "id")
    )
    body = deadlines_ical(
        deadlines=deadlines.iterator(chunk_size=500),
        calendar_name=f"Clausewatch: {membership.organisation.name}",
        contract_url=lambda pk: settings.SITE_URL + reverse("contract_review", args=[pk]),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="clausewatch.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def deadlines_csv(request: HttpRequest) -> HttpResponseBase:
    membership = membership_for(request.user)
    filters = DeadlineFilterForm(
        request.GET, organisation=membership.organisation, user=request.user
    )
    if not filters.is_valid():
        return render(request, "calendar/csv_error.html", {"filters": filters}, status=400)
    deadlines = (
        filters.apply(current_deadlines_for(request))
        .select_related("contract", "obligation__contract__organisation")
        .order_by("act_by", "contract__title", "id")
    )
    today = organisation_today(membership.organisation)
    response = StreamingHttpResponse(
        deadlines_csv_rows(deadlines=deadlines.iterator(chunk_size=500)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="clausewatch-deadlines-{today.isoformat()}.csv"'
    )
    return response
