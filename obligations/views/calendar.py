"""Calendar: a month of deadlines by act-by date, the per-user iCalendar feed, the CSV export."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import condition, require_GET, require_POST

from obligations.access import current_deadlines_for, membership_for
from obligations.forms.contracts import DeadlineFilterForm
from obligations.models import Contract, Deadline, Membership
from obligations.models.choices import DeadlineStatus
from obligations.models.deadlines import share_contracts
from obligations.routes import id_route
from obligations.services.calendar_feed import (
    deadlines_csv_rows,
    deadlines_ical,
    keyset_chunks,
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
    deadlines: list[Deadline] = field(default_factory=list)  # the first SHOWN_PER_DAY
    total: int = 0

    @property
    def shown(self) -> list[Deadline]:
        return self.deadlines

    @property
    def folded(self) -> int:
        return self.total - len(self.deadlines)


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
        {key: request.GET.get(key, "") for key in ("who", "status", "contract", "contract_title")},
        organisation=membership.organisation,
        user=request.user,
    )
    # Two queries through the (organisation, act_by) index, however busy the month: each day's
    # counts, and each day's first few deadlines (a window numbering the rows of each day).
    window = filters.apply(current_deadlines_for(request)).filter(
        act_by__gte=first_shown, act_by__lte=last_shown
    )
    counts = {
        row["act_by"]: row
        for row in window.order_by()
        .values("act_by")
        .annotate(
            total=Count("id"),
            overdue=Count("id", filter=Q(status=DeadlineStatus.OPEN, act_by__lt=today)),
        )
    }
    first_of_each_day = (
        window.annotate(
            rank=Window(RowNumber(), partition_by=[F("act_by")], order_by=[F("id").asc()])
        )
        .filter(rank__lte=SHOWN_PER_DAY)
        .values_list("id", flat=True)
    )
    # The ids first, as a list: with the window in a subquery the planner cannot tell that a
    # handful of rows come out, and joins every contract.
    shown = (
        Deadline.objects.filter(id__in=list(first_of_each_day))
        .select_related("contract__organisation", "obligation__document")
        .defer("obligation__document__text", "obligation__document__unused_periods")
        .order_by("act_by", "id")
    )
    by_day: dict[dt.date, list[Deadline]] = defaultdict(list)
    for deadline in share_contracts(shown):
        by_day[deadline.act_by].append(deadline)
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == month,
                is_today=day == today,
                deadlines=by_day[day],
                total=counts[day]["total"] if day in counts else 0,
            )
            for day in week
        ]
        for week in weeks_of_dates
    ]
    in_month = [row for day, row in counts.items() if day.month == month]

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
        "in_month_count": sum(row["total"] for row in in_month),
        "overdue_count": sum(row["overdue"] for row in in_month),
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


DAY_PAGE_SIZE = 50


@require_GET
def calendar_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    """Every deadline of one day, a page at a time: where a busy calendar day says "N more"."""
    membership = membership_for(request.user)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise Http404("There is no such day in the calendar.") from None
    filters = DeadlineFilterForm(
        {key: request.GET.get(key, "") for key in ("who", "status", "contract", "contract_title")},
        organisation=membership.organisation,
        user=request.user,
    )
    deadlines = (
        filters.apply(current_deadlines_for(request))
        .filter(act_by=date)
        .select_related("contract", "obligation__document", "responsible")
        .defer("obligation__document__text", "obligation__document__unused_periods")
        .order_by("id")
    )
    page = Paginator(deadlines, DAY_PAGE_SIZE).get_page(request.GET.get("page"))
    filter_query = {key: value for key, value in filters.data.items() if value}
    return render(
        request,
        "calendar/day.html",
        {
            "date": date,
            "page": page,
            "today": organisation_today(membership.organisation),
            "can_review": membership.can_review,
            "month_url": reverse("calendar_month", args=[year, month])
            + (f"?{urlencode(filter_query)}" if filter_query else ""),
            "filter_query": urlencode(filter_query),
        },
    )


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


def _feed_membership(token: str) -> Membership:
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )
    if membership is None:
        raise Http404("No calendar feed at this address.")
    return membership


def _feed_deadlines(request: HttpRequest, membership: Membership) -> QuerySet[Deadline]:
    """The member's window: from CALENDAR_FEED_PAST_DAYS back to CALENDAR_FEED_FUTURE_DAYS
    ahead, open and done, their own deadlines (?scope=organisation: everyone's)."""
    today = organisation_today(membership.organisation)
    deadlines = Deadline.objects.filter(
        organisation=membership.organisation,
        act_by__gte=today - dt.timedelta(days=settings.CALENDAR_FEED_PAST_DAYS),
        act_by__lte=today + dt.timedelta(days=settings.CALENDAR_FEED_FUTURE_DAYS),
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.DONE],
    ).exclude(
        contract_id__in=Contract.objects.filter(
            organisation=membership.organisation, archived_at__isnull=False
        ).values("pk")
    )
    if request.GET.get("scope") != "organisation":
        deadlines = deadlines.filter(responsible=membership.user)
    return deadlines


def _feed_stamp(request: HttpRequest, token: str) -> dict[str, object]:
    """What the feed's content depends on, read in one indexed query and kept on the request so
    that the ETag and Last-Modified of one request share it."""
    cached: dict[str, object] | None = getattr(request, "_feed_stamp", None)
    if cached is None:
        membership = _feed_membership(token)
        cached = _feed_deadlines(request, membership).aggregate(
            count=Count("id"),
            done=Count("id", filter=Q(status=DeadlineStatus.DONE)),
            ids=Sum("id"),
            # A deadline's updated_at also moves when its contract is renamed or its
            # obligation's summary corrected, so the deadlines alone tell what changed.
            changed=Max("updated_at"),
        )
        cached["window"] = organisation_today(membership.organisation).isoformat()
        request._feed_stamp = cached  # type: ignore[attr-defined]
    return cached


def _feed_etag(request: HttpRequest, token: str) -> str:
    stamp = _feed_stamp(request, token)
    text = repr(sorted(stamp.items())) + request.GET.get("scope", "")
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _feed_last_modified(request: HttpRequest, token: str) -> dt.datetime | None:
    stamp = _feed_stamp(request, token)
    return stamp["changed"]  # type: ignore[return-value]


@login_not_required  # calendar programs cannot sign in; the secret token is the authorisation
@require_GET
@condition(etag_func=_feed_etag, last_modified_func=_feed_last_modified)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponseBase:
    # The token stands in for the signed-in user, so the query is scoped by its membership here
    # rather than through the request-based access helpers. An unchanged poll ends above with a
    # 304 after one query; a changed one streams the events.
    membership = _feed_membership(token)
    deadlines = _feed_deadlines(request, membership)
    # One reversal for the whole feed: the events page's URL differs only by the contract's id.
    events_url = id_route("contract_events")
    site = settings.SITE_URL
    response = StreamingHttpResponse(
        deadlines_ical(
            deadlines=deadlines,
            calendar_name=f"Clausewatch: {membership.organisation.name}",
            deadline_url=lambda contract_id, deadline_id: (
                f"{site}{events_url(contract_id)}#deadline-{deadline_id}"
            ),
        ),
        content_type="text/calendar; charset=utf-8",
    )
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
    # Read in (act_by, id) index order a chunk at a time: the first row leaves at once, and
    # memory stays flat however long the export is.
    deadlines = filters.apply(current_deadlines_for(request))
    today = organisation_today(membership.organisation)
    response = StreamingHttpResponse(
        deadlines_csv_rows(deadlines=keyset_chunks(deadlines)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="clausewatch-deadlines-{today.isoformat()}.csv"'
    )
    return response
