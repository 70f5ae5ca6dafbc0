"""Through a real browser: the search box in the navigation finds a clause by its words."""

from __future__ import annotations

import pytest

from obligations.models.choices import Role
from obligations.services.search import search_index_contract
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    UserFactory,
)
from tests.test_browser_review import PASSWORD, SCREENSHOTS, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEXT = (
    "7. Most favoured customer\nThe Supplier warrants that the prices charged to the Customer "
    "are no higher than those charged to any other customer for comparable volumes.\n"
)


def test_search_from_the_navigation(live_server, browser_page, transactional_db):  # noqa: F811
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    user = UserFactory(username="lena")
    membership = MembershipFactory(user=user, role=Role.REVIEWER)
    contract = ContractFactory(
        organisation=membership.organisation, title="Supply agreement", counterparty="Nordwerk AG"
    )
    document = ContractDocumentFactory(contract=contract, text=TEXT)
    ClauseFactory(document=document, ref="7", heading="Most favoured customer")
    search_index_contract(contract=contract)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "lena")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("searchbox", name="Search contracts").fill("comparable volumes")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Search")).to_be_visible()
    result = page.locator(".search-results li")
    expect(result).to_have_count(1)
    expect(result.locator("mark")).to_have_text(["comparable", "volumes"])
    expect(result).to_contain_text("Supply agreement")
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
