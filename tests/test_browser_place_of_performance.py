"""Through a real browser: a Swiss contract that names no canton asks for one on the review page;
giving the canton saves the place of performance and the question goes away.

Screenshots go to test-output/screenshots/; with CLAUSEWATCH_UPDATE_README_SCREENSHOT=1 the facts
panel is also saved as docs/screenshots/review-place-of-performance.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from obligations.models import Contract
from obligations.models.choices import Role
from obligations.services.documents import document_extract, document_upload
from tests.factories import MembershipFactory, UserFactory
from tests.test_browser_review import PASSWORD, SCREENSHOTS, browser_page, media_root  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOCS_SCREENSHOT = (
    Path(settings.BASE_DIR) / "docs" / "screenshots" / "review-place-of-performance.png"
)
SWISS_CONTRACT = (
    "Licence Agreement\n\n1. Fees\nLicensee shall pay each invoice within thirty (30) days "
    "after receipt of the invoice.\n\n2. Termination\nEither party may terminate this Agreement "
    "by giving three (3) months' written notice to the end of a calendar quarter.\n\n"
    "3. Law\nThis Agreement is governed by Swiss law.\n"
)


def test_the_review_page_asks_for_the_canton_and_saves_the_place(
    live_server,
    transactional_db,
    browser_page,  # noqa: F811
    media_root,  # noqa: F811
):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser_page
    user = UserFactory(username="reviewer")
    membership = MembershipFactory(user=user, role=Role.REVIEWER)
    document, _ = document_upload(
        organisation=membership.organisation,
        user=user,
        filename="licence.txt",
        data=SWISS_CONTRACT.encode(),
    )
    document_extract(document_id=document.pk)
    contract = Contract.objects.get(pk=document.contract_id)
    assert contract.place_of_performance == "CH"

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/contracts/{contract.pk}/review/")
    question = page.locator("#place-needs-canton")
    expect(question).to_be_visible()
    expect(question).to_contain_text("Which canton")
    place = page.get_by_label("Place of performance")
    expect(place).to_have_value("CH")
    panel = page.locator("#facts-panel")
    panel.screenshot(path=str(SCREENSHOTS / "place-01-asks-for-canton.png"))
    if os.environ.get("CLAUSEWATCH_UPDATE_README_SCREENSHOT"):
        panel.screenshot(path=str(DOCS_SCREENSHOT))

    place.fill("CH-BE")
    page.locator("#confirm-facts").click()
    expect(page.locator("#place-needs-canton")).to_have_count(0)
    expect(page.get_by_label("Place of performance")).to_have_value("CH-BE")
    panel.screenshot(path=str(SCREENSHOTS / "place-02-canton-given.png"))
    contract.refresh_from_db()
    assert contract.place_of_performance == "CH-BE"
