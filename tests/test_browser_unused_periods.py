"""Through a real browser: the periods a contract's extraction set aside, listed collapsed on the
review page with their reasons, and one tracked as an obligation with the 't' key."""

from __future__ import annotations

import pytest

from obligations.models import Obligation
from obligations.models.choices import ReviewStatus, Role
from obligations.services.documents import document_extract, document_upload
from tests.factories import MembershipFactory, UserFactory
from tests.test_browser_review import PASSWORD, _shot, browser_page, media_root  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTRACT = (
    "SUPPLY TERMS\n\n"
    "1. Payment\nThe Customer shall pay each invoice within thirty (30) days after receipt.\n\n"
    "2. Liability\nEach party's liability is capped at the fees paid in the twelve (12) months"
    " preceding the claim.\n\n"
    '3. Definitions\n"Cure Period" means a period of ten (10) days.\n\n'
    "4. Storage\nGoods awaiting collection: 48 hours at the depot.\n"
)


def test_track_an_unused_period_with_the_keyboard(live_server, browser_page, media_root):  # noqa: F811
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    user = UserFactory(username="reviewer")
    membership = MembershipFactory(user=user, role=Role.REVIEWER)
    document, _ = document_upload(
        organisation=membership.organisation,
        user=user,
        filename="supply.txt",
        data=CONTRACT.encode(),
    )
    document_extract(document_id=document.pk)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/contracts/{document.contract_id}/review/")

    unused = page.locator("#unused-periods")
    expect(unused).to_contain_text("3 periods not tracked")
    expect(unused.locator(".rv-unused-item").first).to_be_hidden()  # collapsed
    unused.locator("summary").click()
    items = unused.locator(".rv-unused-item")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Measures an amount")
    expect(items.nth(1)).to_contain_text("Part of a definition")
    expect(items.nth(2)).to_contain_text("No duty found")
    _shot(page, "unused-periods")

    items.nth(2).focus()
    page.keyboard.press("t")
    page.wait_for_url("**/review/#ob-*")
    made = Obligation.objects.get(document=document, quote__contains="48 hours")
    assert made.review_status == ReviewStatus.PENDING
    assert (made.period_amount, made.period_unit) == (48, "hours")
    expect(page.locator(f"#ob-{made.pk}")).to_be_visible()
    expect(page.locator("#unused-periods")).to_contain_text("Tracked as an obligation")
    _shot(page, "unused-periods-tracked")
