"""Through a real browser: an admin names the organisation's own kind of event, logs it on a
contract with the keyboard, and sees the deadline it dates counted from it under its own name.

Screenshots go to test-output/screenshots/; with CLAUSEWATCH_UPDATE_README_SCREENSHOT=1 they
are also saved under docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    UserFactory,
)
from tests.test_browser_deadlines import _shot
from tests.test_browser_review import PASSWORD, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_name_an_own_kind_and_log_it_in_the_browser(
    live_server,
    browser_page,  # noqa: F811
    transactional_db,
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    user = UserFactory(username="admin")
    membership = MembershipFactory(user=user, role=Role.ADMIN, organisation__name="Acme Legal")
    contract = ContractFactory(
        organisation=membership.organisation,
        title="Implementation agreement",
        counterparty="Example Integrators Ltd",
        governing_law="DE",
        holiday_calendars=["DE"],
        time_zone="Europe/Berlin",
    )
    ObligationFactory(
        clause=ClauseFactory(document=ContractDocumentFactory(contract=contract)),
        party="provider",
        summary="Hand over the operating documentation within 30 days after go-live",
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor="milestone",
        anchor_phrase="go-live",
        review_status="confirmed",
    )

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/organisation/event-kinds/")
    expect(page.get_by_text("No kind of your own yet")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Go-live")
    page.get_by_label("Counts as").select_option("milestone")
    page.get_by_label("Name", exact=True).press("Enter")
    expect(page.locator(".messages")).to_contain_text("Added “Go-live”")
    row = page.locator("table.event-kinds tbody tr")
    expect(row).to_contain_text("Go-live")
    expect(row).to_contain_text("Milestone reached")
    page.get_by_label("Name", exact=True).fill("Board approval")
    page.get_by_label("Counts as").select_option("milestone")
    page.get_by_role("button", name="Add").click()
    _shot(page, "event-kinds")

    page.goto(f"{live_server.url}/contracts/{contract.pk}/events/")
    page.get_by_label("What happened").select_option(
        label="Go-live (counts as Milestone reached (launch, first sale, appointment))"
    )
    occurred = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    page.get_by_label("On", exact=True).fill(occurred)
    page.get_by_label("On", exact=True).press("Enter")
    expect(page.get_by_text(f"Logged: Go-live on {occurred}")).to_be_visible()
    deadline = page.locator(".deadline-item").first
    expect(deadline).to_contain_text(f"Counts from: Go-live on {occurred}")
    expect(deadline).to_contain_text("Hand over the operating documentation")
    _shot(page, "event-kind-logged")

    page.goto(f"{live_server.url}/organisation/event-kinds/")
    used = page.locator("tr", has_text="Go-live")
    expect(used).to_contain_text("1 event")
    expect(used).to_contain_text("In use: cannot be removed")
