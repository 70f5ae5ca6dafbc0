"""Through a real browser: add the demo amendment to the demo master agreement, confirm what it
changes, and see the moved notice deadline (with its reason), the facts naming their source and
the timeline. Screenshots of the timeline and the facts go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from obligations.models import Deadline, ReviewLog
from obligations.models.choices import ReviewStatus, Role
from obligations.services.documents import document_extract, document_upload
from obligations.services.review import FACT_FIELDS, contract_facts_update, obligation_confirm
from tests.factories import MembershipFactory, UserFactory
from tests.test_browser_review import (  # noqa: F401 - fixtures
    PASSWORD,
    SCREENSHOTS,
    browser_page,
    extraction_runner,
    media_root,
)

# The fixtures above are used by name.

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FAMILY = Path(settings.BASE_DIR) / "obligations" / "demo" / "family"
DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# The clock runs from here, so that the agreement's first notice (2027-03-31) lies ahead.
START = dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC)


def _master(user):
    document, _ = document_upload(
        organisation=user.membership.organisation,
        user=user,
        filename="master-subscription-agreement.md",
        data=(FAMILY / "master-subscription-agreement.md").read_bytes(),
    )
    document = document_extract(document_id=document.pk)
    contract = document.contract
    contract.owner = user
    contract.save(update_fields=["owner"])
    facts = {c: getattr(contract, c) for columns in FACT_FIELDS.values() for c in columns}
    contract_facts_update(contract=contract, user=user, **facts)
    for obligation in document.obligations.filter(period_amount__isnull=False):
        obligation_confirm(obligation=obligation, user=user)
    return contract


def test_add_an_amendment_confirm_it_and_see_the_deadline_move_and_the_timeline(
    live_server,
    extraction_runner,  # noqa: F811
    browser_page,  # noqa: F811
    media_root,  # noqa: F811
):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser_page
    with time_machine.travel(START, tick=True):
        user = UserFactory(username="counsel")
        MembershipFactory(user=user, role=Role.REVIEWER)
        contract = _master(user)
        notice = Deadline.objects.get(
            contract=contract, occurrence="term:2027-06-30", obligation__relation="before"
        )
        assert notice.deadline == dt.date(2027, 3, 31)

        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "counsel")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/contracts/{contract.pk}/review/")
        page.locator("#add-document").click()
        expect(page.get_by_role("heading", name="Add a document")).to_be_visible()

        # Forgetting the effective date gets a message, and nothing is stored.
        page.select_option("#id_kind", "amendment")
        page.fill("#id_label", "Amendment No. 1")
        page.set_input_files("#id_file", str(FAMILY / "amendment-no-1.md"))
        page.get_by_role("button", name="Upload and extract").click()
        expect(page.locator(".has-error")).to_contain_text("Give the day this document takes")
        assert contract.documents.count() == 1

        page.select_option("#id_kind", "amendment")
        page.fill("#id_label", "Amendment No. 1")
        page.fill("#id_effective_on", "2027-03-01")
        page.set_input_files("#id_file", str(FAMILY / "amendment-no-1.md"))
        page.get_by_role("button", name="Upload and extract").click()
        review_link = page.locator("#review-link")
        expect(review_link).to_be_visible(timeout=60_000)
        review_link.click()

        # The amendment's page: its obligations to review and what it changes, read from it.
        changes = page.locator("#document-changes")
        expect(changes).to_be_visible()
        expect(page.locator("#id_changes-initial_term_amount")).to_have_value("36")
        expect(page.locator("#id_changes-notice_period_amount")).to_have_value("60")
        expect(page.locator("#id_changes-notice_period_unit")).to_have_value("days")
        expect(page.locator("#timeline")).to_contain_text("awaiting confirmation")
        for card in page.locator(".rv-card[data-status=pending]").all():
            card.locator("[data-action=confirm]").click()
        expect(page.locator(".rv-card[data-status=pending]")).to_have_count(0)

        page.locator("#confirm-changes").click()
        expect(page.locator(".message")).to_contain_text("set the notice period to 60 days")

        # The notice deadline moved, and says why.
        notice.refresh_from_db()
        assert notice.occurrence == "term:2028-06-30"
        assert notice.deadline == dt.date(2028, 5, 1)
        deadlines = page.locator("#deadlines-panel")
        expect(deadlines).to_contain_text(
            "Moved from 2027-03-31: Amendment No. 1, effective 2027-03-01, set the initial term "
            "to 36 months and set the notice period to 60 days."
        )
        facts = page.locator("#facts-panel")
        expect(facts).to_contain_text("from Amendment No. 1 since 2027-03-01")
        timeline = page.locator("#timeline")
        expect(timeline.locator(".tl-entry")).to_have_count(2)
        expect(timeline.locator(".tl-entry").nth(1)).to_contain_text(
            "Set the notice period to 60 days"
        )
        expect(timeline.locator(".tl-entry").nth(1)).to_contain_text("was 2027-03-31")
        assert ReviewLog.objects.filter(contract=contract, action="document_confirmed").exists()
        assert all(
            o.review_status == ReviewStatus.CONFIRMED
            for o in contract.obligations.filter(document__kind="amendment")
        )

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "contract-family-page.png"), full_page=True)
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        timeline.screenshot(path=str(DOCS_SCREENSHOTS / "contract-family-timeline.png"))
        page.locator(".rv-lower").screenshot(
            path=str(DOCS_SCREENSHOTS / "contract-family-facts.png")
        )
