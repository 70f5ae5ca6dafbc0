"""Every page at 360 × 740 (a small phone) without horizontal scrolling, and at 1920 wide;
screenshots of the dashboard and the review page at the small size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from obligations.models.choices import Role
from obligations.services.search import search_index_contract
from tests.factories import EventFactory, MembershipFactory, ReminderFactory, UserFactory
from tests.reliability.reminder_data import confirmed_deadline
from tests.test_browser_review import CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SMALL = {"width": 360, "height": 740}
WIDE = {"width": 1920, "height": 1080}
DOCS = Path(settings.BASE_DIR) / "docs" / "screenshots"
SHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"


@pytest.fixture
def browser(monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _pages(contract, deadline, membership) -> list[str]:
    today = dt.date.today()
    return [
        "/",
        "/contracts/",
        "/contracts/upload/",
        f"/contracts/{contract.pk}/review/",
        f"/contracts/{contract.pk}/events/",
        f"/contracts/{contract.pk}/history/",
        f"/contracts/{contract.pk}/settings/",
        "/calendar/",
        f"/calendar/{deadline.act_by.year}/{deadline.act_by.month}/{deadline.act_by.day}/",
        f"/calendar/{today.year}/{today.month}/",
        "/search/?q=termination",
        "/organisation/members/",
        "/organisation/event-kinds/",
        "/settings/notifications/",
        "/status/reminders/",
        f"/deadlines/{deadline.pk}/assign/",
        "/no-such-page/",
    ]


def test_every_page_fits_a_small_phone_and_a_wide_screen(live_server, browser, transactional_db):
    expect = pytest.importorskip("playwright.sync_api").expect
    user = UserFactory(username="ines")
    membership = MembershipFactory(user=user, role=Role.ADMIN, organisation__name="Acme Legal")
    deadline = confirmed_deadline(
        organisation=membership.organisation,
        owner=user,
        act_by=dt.date.today() + dt.timedelta(days=3),
        title="Hosting and support agreement with a rather long title, Berlin",
    )
    contract = deadline.contract
    contract.counterparty = "Nimbus Cloud Hosting Services GmbH & Co. KG"
    contract.save()
    EventFactory(contract=contract, kind="invoice_received")
    ReminderFactory(
        deadline=deadline, recipient=user, state="failed", last_error="550 no such user"
    )
    search_index_contract(contract=contract)

    for viewport in (SMALL, WIDE):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.fill("#id_username", "ines")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        too_wide = []
        for path in _pages(contract, deadline, membership):
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                name = path.strip("/").replace("/", "-").replace("?", "-") or "dashboard"
                page.screenshot(path=str(SHOTS / f"small-{name}.png"), full_page=True)
                too_wide.append((path, width))
            if viewport is SMALL and path in ("/", f"/contracts/{contract.pk}/review/"):
                name = "dashboard" if path == "/" else "review"
                page.screenshot(path=str(SHOTS / f"{name}-360.png"), full_page=True)
        context.close()
        assert too_wide == [], f"wider than {viewport['width']} px: {too_wide}"
