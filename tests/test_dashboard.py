"""Dashboard: deadlines of the next 90 days by ISO week, overdue first; pending reviews; failed
reminders; mark done and waive."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from obligations.models import Deadline, Reminder
from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
    ReminderFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

D = dt.date
TODAY = D(2026, 11, 20)  # a Friday


@pytest.fixture
def member():
    return MembershipFactory(role=Role.REVIEWER)


def obligation_in(organisation, *, summary="Pay each invoice within 30 days", **values):
    contract = values.pop("contract", None) or ContractFactory(organisation=organisation)
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    return ObligationFactory(clause=clause, summary=summary, **values)


def deadline_on(organisation, act_by, *, status="open", summary="Pay the invoice", **values):
    obligation = obligation_in(organisation, summary=summary, contract=values.pop("contract", None))
    return DeadlineFactory(
        obligation=obligation, act_by=act_by, deadline=act_by, status=status, **values
    )


def test_deadlines_grouped_by_iso_week_with_overdue_first(signed_in, member):
    org = member.organisation
    deadline_on(org, D(2026, 11, 24), summary="Second week item")
    deadline_on(org, D(2026, 11, 20), summary="This week item")
    deadline_on(org, D(2026, 11, 18), summary="Overdue item")
    deadline_on(org, D(2026, 11, 10), status="done", summary="Done in the past")
    deadline_on(org, TODAY + dt.timedelta(days=90), summary="Last day of the window")
    deadline_on(org, TODAY + dt.timedelta(days=91), summary="Beyond the window")

    html = signed_in.get(reverse("dashboard")).content.decode()

    positions = [
        html.index(text)
        for text in (
            "Overdue item",
            "Week of 2026-11-16",
            "This week item",
            "Week of 2026-11-23",
            "Second week item",
            "Week of 2027-02-15",
            "Last day of the window",
        )
    ]
    assert positions == sorted(positions)
    assert html.index('id="overdue-heading"') < html.index("Overdue item")
    assert "Beyond the window" not in html
    assert "Done in the past" not in html  # done is not overdue, and it lies before the window
    assert "this week" in html and "next week" in html


def test_each_row_shows_act_by_deadline_contract_obligation_and_status(signed_in, member):
    contract = ContractFactory(organisation=member.organisation, title="Hosting agreement")
    obligation = obligation_in(
        member.organisation, contract=contract, summary="Give notice of non-renewal"
    )
    DeadlineFactory(obligation=obligation, act_by=D(2026, 12, 1), deadline=D(2026, 12, 2))

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "2026-12-01" in html and "2026-12-02" in html
    assert "Hosting agreement" in html and "Give notice of non-renewal" in html
    assert re.search(r'class="badge open">Open<', html)
    assert f'href="{reverse("contract_review", args=[contract.pk])}"' in html


def test_each_row_names_the_party_that_owes_it(signed_in, member):
    contract = ContractFactory(organisation=member.organisation)
    document = ContractDocumentFactory(
        contract=contract,
        parties=[{"name": "Kestrel Mills LLC", "role": "provider", "aliases": ["KESTREL"]}],
    )
    supplier = ObligationFactory(clause=ClauseFactory(document=document), party="provider")
    buyer = ObligationFactory(clause=ClauseFactory(document=document), party="customer")
    DeadlineFactory(obligation=supplier, act_by=D(2026, 12, 1), deadline=D(2026, 12, 1))
    DeadlineFactory(obligation=buyer, act_by=D(2026, 12, 2), deadline=D(2026, 12, 2))

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert '<div class="small">Kestrel Mills LLC</div>' in html
    # The contract names no customer: we are the customer, so our organisation's name stands in.
    assert f'<div class="small">{member.organisation.name}</div>' in html


def test_another_organisations_deadlines_and_reminders_are_absent(signed_in, member):
    other = MembershipFactory().organisation
    deadline_on(other, D(2026, 11, 25), summary="Foreign deadline")
    deadline_on(other, D(2026, 11, 1), summary="Foreign overdue")
    ReminderFactory(
        deadline=deadline_on(other, D(2026, 12, 5), summary="Foreign failed"),
        state="failed",
        last_error="550 foreign mailbox",
    )
    obligation_in(other, review_status="pending")

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "Foreign" not in html
    assert "550 foreign mailbox" not in html
    assert "No contract awaits review." in html


def test_counts_contracts_in_review_with_their_pending_obligations(signed_in, member):
    contract = ContractFactory(
        organisation=member.organisation, title="Reseller terms", status="in_review"
    )
    for _ in range(3):
        obligation_in(member.organisation, contract=contract, review_status="pending")
    obligation_in(member.organisation, contract=contract, review_status="confirmed")

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "1</strong> contract in review" in html
    assert "Reseller terms" in html
    assert 'title="obligations awaiting review">3<' in html


def test_failed_reminders_show_their_error(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 12, 5), summary="Send the report")
    ReminderFactory(
        deadline=deadline, state="failed", last_error="550 5.1.1 <x@example.test> unknown"
    )
    ReminderFactory(deadline=deadline, state="sent", offset_days=1, last_error="should not show")

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "1 reminder could not be delivered" in html
    assert "550 5.1.1 &lt;x@example.test&gt; unknown" in html
    assert "should not show" not in html


def test_empty_dashboard_says_nothing_is_due(signed_in):
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert "Nothing is due in the next 90 days, and nothing is overdue." in html
    assert "No reminder has failed." in html


def test_contract_and_obligation_text_is_escaped(signed_in, member):
    contract = ContractFactory(organisation=member.organisation, title="<script>alert(1)</script>")
    obligation = obligation_in(member.organisation, contract=contract, summary="<b>bold</b>")
    DeadlineFactory(obligation=obligation, act_by=D(2026, 12, 1), deadline=D(2026, 12, 1))

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_filters_by_status_and_contract(signed_in, member):
    org = member.organisation
    kept = deadline_on(org, D(2026, 12, 1), summary="Kept item")
    deadline_on(org, D(2026, 12, 2), summary="Other contract item")
    deadline_on(org, D(2026, 12, 3), status="done", contract=kept.contract, summary="Done item")

    html = signed_in.get(
        reverse("dashboard"), {"contract": kept.contract_id, "status": "open"}
    ).content.decode()

    assert "Kept item" in html
    assert "Other contract item" not in html and "Done item" not in html


def test_query_count_does_not_grow_with_the_number_of_deadlines(client, member):
    client.force_login(member.user)
    org = member.organisation
    deadline_on(org, D(2026, 11, 18))
    deadline_on(org, D(2026, 11, 25))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for day in range(20):
        deadline = deadline_on(org, D(2026, 11, 10) + dt.timedelta(days=day * 3))
        ReminderFactory(deadline=deadline, state="failed", last_error="550")
        obligation_in(org, review_status="pending")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    # The failed-reminder list adds one count query once it is full; nothing grows per row.
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- mark done / waive ---------------------------------------------------------------------------


def test_mark_done_through_htmx_returns_the_new_status(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 11, 18))
    due = ReminderFactory(deadline=deadline, state="due")
    sent = ReminderFactory(deadline=deadline, state="sent", offset_days=1)

    response = signed_in.post(
        reverse("deadline_mark_done", args=[deadline.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="deadline-status-{deadline.pk}"' in html
    assert 'class="badge done">Done<' in html
    assert "Mark done" not in html and "Overdue" not in html
    deadline.refresh_from_db()
    assert deadline.status == "done"
    assert deadline.status_changed_by == member.user
    assert deadline.status_changed_at is not None
    assert deadline.history[-1]["status"] == ["open", "done"]
    assert Reminder.objects.get(pk=due.pk).state == "cancelled"
    assert Reminder.objects.get(pk=sent.pk).state == "sent"


def test_waive_without_javascript_redirects_back_with_a_message(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 12, 1), summary="Return the data")

    response = signed_in.post(
        reverse("deadline_waive", args=[deadline.pk]), {"next": "/?status=open"}, follow=True
    )

    assert response.redirect_chain == [("/?status=open", 302)]
    assert "“Return the data” (act by 2026-12-01) waived." in response.content.decode()
    assert Deadline.objects.get(pk=deadline.pk).status == "waived"


def test_a_foreign_next_address_is_not_followed(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 12, 1))
    response = signed_in.post(
        reverse("deadline_mark_done", args=[deadline.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("dashboard")


def test_a_waived_deadline_cannot_be_marked_done(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 12, 1), status="waived")

    response = signed_in.post(
        reverse("deadline_mark_done", args=[deadline.pk]), headers={"HX-Request": "true"}
    )

    assert "already waived" in response.content.decode()
    assert Deadline.objects.get(pk=deadline.pk).status == "waived"


def test_viewers_see_no_buttons_and_cannot_post(client):
    viewer = MembershipFactory(role=Role.VIEWER)
    client.force_login(viewer.user)
    deadline = deadline_on(viewer.organisation, D(2026, 12, 1))

    html = client.get(reverse("dashboard")).content.decode()
    response = client.post(reverse("deadline_mark_done", args=[deadline.pk]))

    assert "Pay the invoice" in html and "Mark done" not in html
    assert response.status_code == 403
    assert Deadline.objects.get(pk=deadline.pk).status == "open"


def test_another_organisations_deadline_is_404(signed_in):
    foreign = deadline_on(MembershipFactory().organisation, D(2026, 12, 1))
    for name in ("deadline_mark_done", "deadline_waive"):
        assert signed_in.post(reverse(name, args=[foreign.pk])).status_code == 404
    assert Deadline.objects.get(pk=foreign.pk).status == "open"


def test_status_actions_need_post(signed_in, member):
    deadline = deadline_on(member.organisation, D(2026, 12, 1))
    assert signed_in.get(reverse("deadline_mark_done", args=[deadline.pk])).status_code == 405


def test_the_overdue_query_can_use_the_partial_index(member):
    from obligations.views.dashboard import overdue_of

    deadline_on(member.organisation, D(2026, 11, 1))
    deadlines = Deadline.objects.filter(organisation=member.organisation).select_related(
        "contract", "obligation"
    )
    sql, params = overdue_of(deadlines, today=TODAY).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows would be read sequentially; ask whether the index fits at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    # Either index on (organisation, act_by) serves it; the partial one holds open rows only.
    assert "deadline_open_by_act_by" in plan or "deadline_org_act_by" in plan
