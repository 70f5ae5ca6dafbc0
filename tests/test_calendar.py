"""Calendar month grid, the per-user iCalendar feed and the CSV export of deadlines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from obligations.models import Deadline, Membership
from obligations.models.choices import Role
from obligations.services import calendar_feed
from obligations.services.calendar_feed import csv_safe, ical_escape, ical_fold
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
)

D = dt.date
TODAY = D(2026, 11, 20)
HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def member(db):
    return MembershipFactory(role=Role.REVIEWER)


def deadline_on(
    organisation,
    act_by,
    *,
    status="open",
    summary="Pay the invoice",
    title=None,
    party="customer",
    explanation=None,
):
    contract = ContractFactory(organisation=organisation, **({"title": title} if title else {}))
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    obligation = ObligationFactory(clause=clause, summary=summary, party=party)
    values = {"explanation": explanation} if explanation is not None else {}
    return DeadlineFactory(
        obligation=obligation, act_by=act_by, deadline=act_by, status=status, **values
    )


def cell(html: str, day: dt.date) -> str:
    """The grid cell of one day."""
    match = re.search(
        rf'<td class="day[^"]*"[^>]*>\s*<div class="day-number"><time datetime="{day.isoformat()}">'
        r".*?</td>",
        html,
        re.S,
    )
    assert match, f"no cell for {day}"
    return match.group(0)


# --- month grid ----------------------------------------------------------------------------------


def test_month_grid_runs_monday_to_sunday_with_deadlines_by_act_by(signed_in, member):
    deadline_on(member.organisation, D(2026, 11, 5), summary="Overdue report")
    deadline_on(member.organisation, D(2026, 11, 20), summary="Due today")
    deadline_on(member.organisation, D(2026, 11, 12), status="done", summary="Already done")
    deadline_on(member.organisation, D(2026, 12, 2), summary="Next month, still in the grid")
    deadline_on(MembershipFactory().organisation, D(2026, 11, 20), summary="Foreign")

    html = signed_in.get(reverse("calendar")).content.decode()

    assert '<h2 id="calendar-heading">November 2026</h2>' in html
    assert re.findall(r'<th scope="col">(\w+)</th>', html)[:7] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    # 1 November 2026 is a Sunday: the grid starts on Monday 26 October and ends on 6 December.
    days = re.findall(
        r'<time datetime="(\d{4}-\d\d-\d\d)"><span class="day-short">\d+</span>', html
    )
    assert days[0] == "2026-10-26" and days[-1] == "2026-12-06" and len(days) == 42
    assert 'aria-current="date"' in cell(html, TODAY) and "Due today" in cell(html, TODAY)
    overdue = cell(html, D(2026, 11, 5))
    assert "Overdue report" in overdue and 'badge overdue">Overdue<' in overdue
    assert "Already done" in cell(html, D(2026, 11, 12))
    assert "Overdue" not in cell(html, D(2026, 11, 12))
    assert "other-month" in cell(html, D(2026, 12, 2))
    assert "Foreign" not in html
    assert "3 deadlines this month" in html and "1 overdue" in html


def test_previous_and_next_links_work_with_and_without_htmx(signed_in, member):
    html = signed_in.get(reverse("calendar_month", args=[2027, 1])).content.decode()
    assert 'href="/calendar/2026/12/" hx-get="/calendar/2026/12/"' in html
    assert 'href="/calendar/2027/2/" hx-get="/calendar/2027/2/"' in html
    assert 'hx-target="#calendar-grid"' in html

    partial = signed_in.get(reverse("calendar_month", args=[2026, 12]), headers=HTMX)
    text = partial.content.decode()
    assert "<html" not in text and text.lstrip().startswith('<section id="calendar-grid"')
    assert "December 2026" in text


def test_the_month_reads_the_same_number_of_queries_for_few_and_many_deadlines(signed_in, member):
    url = reverse("calendar_month", args=[2026, 11])

    def month_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(url).status_code == 200
        return len(captured)

    deadline_on(member.organisation, D(2026, 11, 5))
    few = month_queries()
    # Many contracts, several deadlines a day (more than a cell shows), some overdue and done.
    for n in range(40):
        deadline_on(
            member.organisation,
            D(2026, 11, 1) + dt.timedelta(days=n % 10),
            status="done" if n % 7 == 0 else "open",
            title=f"Contract {n}",
        )
    assert month_queries() == few


def test_a_month_that_does_not_exist_is_404(signed_in):
    assert signed_in.get("/calendar/2026/13/").status_code == 404
    assert signed_in.get("/calendar/2026/0/").status_code == 404
    assert signed_in.get("/calendar/99999/1/").status_code == 404


def test_a_busy_day_folds_its_extra_deadlines(signed_in, member):
    for n in range(6):
        deadline_on(member.organisation, D(2026, 11, 24), summary=f"Busy {n}")
    day = cell(signed_in.get(reverse("calendar")).content.decode(), D(2026, 11, 24))
    assert ">2 more</a>" in day and 'href="/calendar/2026/11/24/"' in day
    assert sum(f"Busy {n}<" in day or f"Busy {n}" in day for n in range(6)) == 4
    listing = signed_in.get("/calendar/2026/11/24/").content.decode()
    assert "6 deadlines" in listing and all(f"Busy {n}" in listing for n in range(6))


def test_filters_carry_over_to_month_links_and_csv(signed_in, member):
    kept = deadline_on(member.organisation, D(2026, 11, 24), summary="Kept")
    deadline_on(member.organisation, D(2026, 11, 25), summary="Dropped")
    html = signed_in.get(reverse("calendar"), {"contract": kept.contract_id}).content.decode()
    assert "Kept" in html and "Dropped" not in html
    assert f'href="/calendar/2026/12/?contract={kept.contract_id}"' in html
    assert (
        f"/deadlines.csv?start=2026-11-01&amp;end=2026-11-30&amp;contract={kept.contract_id}"
        in html
    )


# --- iCalendar feed ------------------------------------------------------------------------------


def feed_url(membership: Membership, scope: str = "organisation") -> str:
    url = reverse("calendar_feed", args=[membership.calendar_token])
    return f"{url}?scope={scope}" if scope else url


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_feed_is_valid_icalendar_with_one_all_day_event_per_deadline(client, member):
    open_deadline = deadline_on(
        member.organisation,
        D(2026, 12, 1),
        summary="Give notice, in writing; see \\ clause 12",
        title="Hosting, Berlin",
        explanation=["30 days after 2026-10-31", "moved to Tuesday 2026-12-01\nby §193 BGB"],
    )
    done = deadline_on(member.organisation, D(2026, 11, 2), status="done", summary="Paid")
    deadline_on(member.organisation, D(2026, 11, 3), status="waived", summary="Waived one")
    deadline_on(member.organisation, D(2026, 11, 4), status="missed", summary="Missed one")
    deadline_on(MembershipFactory().organisation, D(2026, 12, 1), summary="Foreign deadline")

    response = client.get(feed_url(member))  # no session: the token is the authorisation

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = body_of(response).decode("utf-8")
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends in CRLF, no bare LF or CR
    assert "\r" not in body.replace("\r\n", "")
    lines = unfold(body)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == 2 == lines.count("END:VEVENT")
    assert f"UID:deadline-{open_deadline.pk}@clausewatch" in lines
    assert f"UID:deadline-{done.pk}@clausewatch" in lines
    assert "DTSTART;VALUE=DATE:20261201" in lines and "DTEND;VALUE=DATE:20261202" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    assert "SUMMARY:Give notice\\, in writing\\; see \\\\ clause 12 — Hosting\\, Berlin" in lines
    assert "SUMMARY:Done: Paid — " in body.replace("\r\n ", "")
    description = next(line for line in lines if line.startswith("DESCRIPTION:Act by 2026-12-01"))
    assert "deadline 2026-12-01" in description
    # The counting steps are one link away, on the contract's events page, not in the pop-up.
    assert "30 days after" not in description
    events_page = reverse("contract_events", args=[open_deadline.contract_id])
    assert "\\nHow this was counted: http" in description
    assert description.endswith(f"{events_page}#deadline-{open_deadline.pk}")
    assert any(
        line.startswith("URL:http") and line.endswith(f"{events_page}#deadline-{open_deadline.pk}")
        for line in lines
    )
    assert "Waived one" not in body and "Missed one" not in body and "Foreign" not in body


def test_feed_lines_are_folded_at_75_octets_without_splitting_characters(client, member):
    deadline_on(member.organisation, D(2026, 12, 1), summary="Kündigungsfrist " * 12)
    body = body_of(client.get(feed_url(member)))
    for raw in body.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode("utf-8")  # no line ends inside a multi-byte character
    assert body.count(b"\r\n ") >= 2  # the summary was long enough to need folding
    assert "Kündigungsfrist " * 12 in "".join(unfold(body.decode()))


def test_feed_uids_are_stable(client, member):
    deadline_on(member.organisation, D(2026, 12, 1))
    first = body_of(client.get(feed_url(member)))
    second = body_of(client.get(feed_url(member)))
    assert re.findall(rb"UID:[^\r]+", first) == re.findall(rb"UID:[^\r]+", second)


def test_feed_needs_a_known_token(client, member):
    assert client.get("/calendar/feed/" + "x" * 43 + ".ics").status_code == 404
    assert client.get("/calendar/feed/short.ics").status_code == 404
    assert client.get("/calendar/feed/.ics").status_code == 404
    member.user.is_active = False
    member.user.save()
    assert client.get(feed_url(member)).status_code == 404


def test_regenerating_the_token_retires_the_old_address(signed_in, member, client):
    old = feed_url(member, scope="")
    page = signed_in.get(reverse("calendar")).content.decode()
    assert f"http://testserver{old}" in page

    response = signed_in.post(reverse("calendar_feed_regenerate"))

    member.refresh_from_db()
    assert response.status_code == 302
    assert feed_url(member, scope="") != old
    assert signed_in.get(old).status_code == 404
    assert signed_in.get(feed_url(member, scope="")).status_code == 200


def test_regenerating_through_htmx_returns_the_new_address(signed_in, member):
    response = signed_in.post(reverse("calendar_feed_regenerate"), headers=HTMX)
    member.refresh_from_db()
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="calendar-feed"')
    assert f"http://testserver{feed_url(member, scope='')}" in html
    assert "The old one no longer works" in html


def test_regenerating_needs_post_and_a_session(client, member):
    assert client.post(reverse("calendar_feed_regenerate")).status_code == 302  # to sign in
    client.force_login(member.user)
    assert client.get(reverse("calendar_feed_regenerate")).status_code == 405


def test_ical_escape_and_fold_follow_rfc_5545():
    assert ical_escape("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert ical_escape("bell\x07 and tab\t") == "bell and tab\t"
    short = "SUMMARY:" + "x" * 67
    assert ical_fold(short) == short
    folded = ical_fold("SUMMARY:" + "€" * 40)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == "SUMMARY:" + "€" * 40


def test_a_long_ascii_line_folds_at_75_octets_and_unfolds_to_itself():
    line = "DESCRIPTION:" + "".join(str(n % 10) for n in range(300))
    parts = ical_fold(line).split("\r\n")
    assert [len(part) for part in parts[:-1]] == [75] * (len(parts) - 1)
    assert all(part.startswith(" ") for part in parts[1:]) and len(parts[-1]) <= 75
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def test_the_feed_reads_the_same_number_of_queries_for_few_and_many_deadlines(client, member):
    # Rows come through one server-side cursor and their parents in three queries, so a
    # member with hundreds of deadlines costs what a member with one does.
    def feed_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            body = body_of(client.get(feed_url(member))).decode()
        return len(captured), body

    deadline_on(member.organisation, D(2026, 12, 1), summary="The first")
    few, _ = feed_queries()
    for n in range(30):
        deadline_on(
            member.organisation,
            D(2026, 12, 2) + dt.timedelta(days=n),
            summary=f"Duty {n}",
            party="provider" if n % 2 else "customer",
        )
    many, body = feed_queries()
    assert body.count("BEGIN:VEVENT") == 31 and "Duty 29" in body
    assert many == few


def test_feed_events_say_what_the_deadline_pages_say(client, member):
    # The feed writes events from rows, not model instances; each must read as the model's
    # own sentence and side would.
    mine = deadline_on(member.organisation, D(2026, 12, 3), summary="Pay the invoice.")
    theirs = deadline_on(
        member.organisation,
        D(2026, 12, 4),
        summary="Deliver the report",
        party="provider",
        explanation=[
            "This deadline had already passed on Fri 20 Nov 2026, when it was first computed."
        ],
    )
    body = "\n".join(unfold(body_of(client.get(feed_url(member))).decode()))
    for deadline in (mine, theirs):
        deadline.refresh_from_db()
        assert ical_escape(deadline.plain_sentence) in body
        assert ical_escape(f"Who acts: {deadline.obligation.side_label.lower()} (") in body
    assert "already passed when it was first computed" in theirs.plain_sentence


# --- CSV export ----------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_has_the_columns_and_only_the_organisations_deadlines(signed_in, member):
    deadline_on(
        member.organisation,
        D(2026, 12, 1),
        summary="Pay within 30 days",
        title="Hosting",
        party="customer",
        explanation=["30 days after 2026-10-31", "moved to Tuesday"],
    )
    deadline_on(MembershipFactory().organisation, D(2026, 12, 1), summary="Foreign")

    response = signed_in.get(reverse("deadlines_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="clausewatch-deadlines-2026-11-20.csv"'
    )
    rows = csv_rows(response)
    assert rows == [
        [
            "contract",
            "obligation",
            "who_acts",
            "party",
            "act_by",
            "deadline",
            "status",
            "what_to_do",
            "explanation",
        ],
        [
            "Hosting",
            "Pay within 30 days",
            "Ours",
            member.organisation.name,
            "2026-12-01",
            "2026-12-01",
            "Open",
            "Pay within 30 days: act by Tue 01 Dec 2026.",
            "30 days after 2026-10-31\nmoved to Tuesday",
        ],
    ]


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(signed_in, member):
    deadline_on(
        member.organisation,
        D(2026, 12, 1),
        summary="+SUM(A1:A9)",
        title='=HYPERLINK("http://evil.example","click")',
        explanation=["-2+3", "@cmd", "\tindented", "fine = ok"],
    )
    row = csv_rows(signed_in.get(reverse("deadlines_csv")))[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[1] == "'+SUM(A1:A9)"
    assert row[7].startswith("'+SUM(A1:A9)")  # the plain sentence starts with the summary
    assert row[8].startswith("'-2+3")  # the cell starts with the first line


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_csv_filters_match_the_dashboard_and_calendar(signed_in, member):
    org = member.organisation
    overdue = deadline_on(org, D(2026, 11, 2), summary="Overdue open")
    deadline_on(org, D(2026, 11, 3), status="done", summary="Done before")
    deadline_on(org, D(2026, 11, 25), summary="In range")
    deadline_on(org, D(2027, 3, 1), summary="After range")

    def summaries(**params):
        return [row[1] for row in csv_rows(signed_in.get(reverse("deadlines_csv"), params))[1:]]

    dashboard = {"start": "2026-11-20", "end": "2027-02-18", "overdue": "on"}
    assert summaries(**dashboard) == ["Overdue open", "In range"]
    assert summaries(start="2026-11-01", end="2026-11-30") == [
        "Overdue open",
        "Done before",
        "In range",
    ]
    assert summaries(status="done") == ["Done before"]
    assert summaries(contract=overdue.contract_id) == ["Overdue open"]


def test_dashboard_and_calendar_link_to_the_csv_with_their_filters(signed_in):
    dashboard = signed_in.get(reverse("dashboard"), {"status": "open"}).content.decode()
    calendar = signed_in.get(reverse("calendar_month", args=[2026, 2])).content.decode()
    assert (
        "/deadlines.csv?start=2026-11-20&amp;end=2027-02-18&amp;overdue=on&amp;status=open"
        in dashboard
    )
    assert "/deadlines.csv?start=2026-02-01&amp;end=2026-02-28" in calendar


def test_csv_with_bad_filters_explains_them(signed_in):
    foreign = ContractFactory(organisation=MembershipFactory().organisation)
    response = signed_in.get(
        reverse("deadlines_csv"), {"contract": foreign.pk, "start": "2026-02-30"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "That contract does not exist." in html
    assert "Enter the first day as YYYY-MM-DD." in html
    reversed_range = signed_in.get(
        reverse("deadlines_csv"), {"start": "2026-12-01", "end": "2026-11-01"}
    )
    assert "The last day is before the first day." in reversed_range.content.decode()


def test_csv_and_calendar_need_a_session(client, db):
    for url in (reverse("deadlines_csv"), reverse("calendar")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_feed_is_the_members_own_window_by_default(client, member):
    mine = deadline_on(member.organisation, D(2026, 12, 1), summary="Mine to do")
    mine.responsible = member.user
    mine.save()
    deadline_on(member.organisation, D(2026, 12, 2), summary="A colleague's")
    too_old = deadline_on(member.organisation, D(2026, 1, 5), summary="Long ago")
    too_far = deadline_on(member.organisation, D(2029, 1, 5), summary="Far ahead")
    for row in (too_old, too_far):
        row.responsible = member.user
        row.save()
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        body = body_of(client.get(feed_url(member, scope=""))).decode()
    assert "Mine to do" in body
    assert "A colleague's" not in body  # another member's deadline
    assert "Long ago" not in body and "Far ahead" not in body  # outside the window


def test_an_unchanged_poll_is_a_304_after_one_query(client, member, django_assert_num_queries):
    row = deadline_on(member.organisation, D(2026, 12, 1), summary="Mine to do")
    row.responsible = member.user
    row.save()
    url = feed_url(member, scope="")
    first = client.get(url)
    body_of(first)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    with django_assert_num_queries(2):  # the token's membership, then the feed's stamp
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    row.status = "done"
    row.save()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and "Done: " in body_of(changed).decode()


@pytest.mark.parametrize("limit", [1, 5000])
def test_streamed_rows_carry_their_own_parents_across_chunks(member, monkeypatch, limit):
    # Parents loaded for earlier chunks are reused, and dropped past the bound, without ever
    # handing a row another deadline's obligation or contract.
    monkeypatch.setattr(calendar_feed._Parents, "LIMIT", limit)
    made = [
        deadline_on(
            member.organisation,
            D(2026, 12, 1) + dt.timedelta(days=n % 4),
            summary=f"Duty {n}",
            title=f"Contract {n % 3}",
        )
        for n in range(9)
    ]
    streamed = list(
        calendar_feed.keyset_chunks(
            Deadline.objects.filter(organisation=member.organisation), chunk_size=2
        )
    )
    assert [d.pk for d in streamed] == [d.pk for d in sorted(made, key=lambda d: (d.act_by, d.pk))]
    for row in streamed:
        original = next(d for d in made if d.pk == row.pk)
        assert row.obligation.summary == original.obligation.summary
        assert row.contract.title == original.contract.title
        assert row.obligation.document.pk == original.obligation.document_id
