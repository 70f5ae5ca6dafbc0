"""Through a real browser: the OX Cloud seed, rendered as a signed-looking PDF, uploaded and read
on the review page as paragraphs with page markers.

The screenshot goes to test-output/screenshots/; with CLAUSEWATCH_UPDATE_README_SCREENSHOT=1 it
is also saved as docs/screenshots/review-pdf.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from obligations.models import ContractDocument
from obligations.models.choices import ExtractionStatus, Role
from tests import test_browser_review as browser_review
from tests.factories import MembershipFactory, UserFactory
from tests.pdf_render import printable, signed_pdf
from tests.test_browser_review import PASSWORD, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The browser, the extraction runner and the media folder of the review browser test.
browser_page = browser_review.browser_page
extraction_runner = browser_review.extraction_runner
media_root = browser_review.media_root

OX_CLOUD = "seeds/004_e9b0010226f88d6a.txt"
DOC_SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshots" / "review-pdf.png"


def test_review_page_of_a_signed_pdf_reads_like_the_contract(
    live_server, extraction_runner, browser_page, shared_dir, media_root, tmp_path
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    pdf = tmp_path / "OX Cloud Terms of Service (signed).pdf"
    pdf.write_bytes(signed_pdf(printable((shared_dir / OX_CLOUD).read_text(encoding="utf-8"))))
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, role=Role.REVIEWER)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Upload").click()
    page.set_input_files("#id_file", str(pdf))
    page.get_by_role("button", name="Upload and extract").click()
    review_link = page.locator("#review-link")
    expect(review_link).to_be_visible(timeout=120_000)
    document = ContractDocument.objects.get()
    assert document.extraction_status == ExtractionStatus.DONE, document.error
    review_link.click()

    text = page.locator("#contract-text")
    expect(page.locator(".rv-page")).to_have_count(document.page_count or 0)
    expect(page.locator("#page-7")).to_have_text("Page 7")
    expect(page.locator(".rv-pageref").first).to_be_visible()
    expect(text).not_to_contain_text("Execution copy - Confidential")
    expect(text).not_to_contain_text("Page 3 of")
    # Scroll the text so that a page break is in view, with highlighted evidence around it.
    page.locator("#page-4").scroll_into_view_if_needed()
    text.evaluate("el => { el.scrollTop = el.scrollTop + el.clientHeight / 3; }")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "pdf-review.png"))
    if os.environ.get("CLAUSEWATCH_UPDATE_README_SCREENSHOT") == "1":
        DOC_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOC_SCREENSHOT))
