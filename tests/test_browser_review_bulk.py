"""Through a real browser: filter a contract's obligations to one kind, select twenty with the
keyboard (j and x) and confirm them at once (C); the counts and history follow."""

from __future__ import annotations

import pytest

from obligations.models import ReviewLog
from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    UserFactory,
)
from tests.test_browser_review import PASSWORD, SCREENSHOTS, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_bulk_confirm_twenty_filtered_obligations_with_the_keyboard(
    live_server,
    browser_page,  # noqa: F811
    transactional_db,
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    user = UserFactory(username="rosa")
    membership = MembershipFactory(user=user, role=Role.REVIEWER)
    contract = ContractFactory(organisation=membership.organisation, title="Supply agreement")
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    for n in range(20):
        ObligationFactory(clause=clause, kind="payment", summary=f"Pay instalment {n}", position=n)
    for n in range(5):
        ObligationFactory(clause=clause, kind="reporting", summary=f"Report {n}", position=50 + n)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "rosa")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/contracts/{contract.pk}/review/")
    page.get_by_label("Kind").select_option("payment")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".rv-card")).to_have_count(20)

    page.locator("#contract-text").focus()
    for _ in range(20):
        page.keyboard.press("j")
        page.keyboard.press("x")
    expect(page.locator("#picked-count")).to_have_text("20 selected")
    page.screenshot(path=str(SCREENSHOTS / "review-bulk-selected.png"), full_page=True)
    page.keyboard.press("Shift+C")
    expect(page.get_by_role("status").first).to_contain_text("20 obligations confirmed")
    expect(page.locator("#review-counts")).to_contain_text("5")  # still pending: the reports

    assert contract.obligations.filter(kind="payment", review_status="confirmed").count() == 20
    assert contract.obligations.filter(kind="reporting", review_status="pending").count() == 5
    assert ReviewLog.objects.filter(contract=contract, action="confirmed").count() == 20
