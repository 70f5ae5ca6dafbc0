"""Through a real browser: a change announced with the day it takes effect gives a deadline
counted back from that day, not overdue; a notice window that has closed is named with the next
date that can be met; the dashboard tells our duties from theirs and counts the dating states.

Screenshots go to test-output/screenshots/; with CLAUSEWATCH_UPDATE_README_SCREENSHOT=1 the
telling ones are also saved under docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from obligations.models import Deadline
from obligations.models.choices import Role
from obligations.services.deadlines import deadlines_recompute
from obligations.services.documents import document_extract, document_upload
from obligations.services.review import obligation_confirm
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    UserFactory,
)
from tests.test_browser_review import PASSWORD, SEED, browser_page, media_root  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"
DOCS = Path(settings.BASE_DIR) / "docs" / "screenshots"
TEXT = (
    "1. Term\nThis Agreement starts on the Effective Date and runs for twelve months; it renews "
    "for further twelve months unless either party gives at least three months' notice before "
    "the end of the current term.\n"
    "2. Changes\nThe Provider shall notify the Customer at least 6 weeks before the changes "
    "become effective.\n"
    "3. Incidents\nThe Provider shall respond to each incident reported by the Customer within "
    "4 business hours.\n"
    "4. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
)


def _shot(page, name: str) -> None:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("CLAUSEWATCH_UPDATE_README_SCREENSHOT"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")


def _span(text: str, words: str) -> dict[str, int]:
    start = text.index(words)
    return {"evidence_start": start, "evidence_end": start + len(words)}


def hosting_contract(membership, *, today: dt.date):
    """We are the customer of Example Hosting GmbH; the term started 300 days ago, so the notice
    window of the current term (three months before its end) has closed."""
    contract = ContractFactory(
        organisation=membership.organisation,
        title="Hosting agreement",
        counterparty="Example Hosting GmbH",
        our_side="customer",
        status="active",
        start_date=today - dt.timedelta(days=300),
        initial_term_amount=12,
        initial_term_unit="months",
        renewal_term_amount=12,
        renewal_term_unit="months",
        auto_renews=True,
    )
    document = ContractDocumentFactory(contract=contract, text=TEXT)
    common = {"review_status": "confirmed", "contract": contract, "document": document}

    def clause(ref: str, heading: str) -> object:
        start = TEXT.index(f"{ref}. {heading}")
        end = TEXT.find("\n", TEXT.index("\n", start) + 1)
        return ClauseFactory(document=document, ref=ref, heading=heading, start=start, end=end)

    ObligationFactory(
        clause=clause("1", "Term"),
        party="customer",
        kind="renewal_notice",
        summary="Give at least three months' notice of non-renewal before the end of the term",
        period_amount=3,
        period_unit="months",
        relation="before",
        anchor="term_end",
        quote="at least three months' notice before the end of the current term",
        **_span(TEXT, "at least three months' notice before the end of the current term"),
        **common,
    )
    ObligationFactory(
        clause=clause("2", "Changes"),
        party="provider",
        kind="notification",
        summary="Notify the customer at least 6 weeks before the changes become effective",
        period_amount=6,
        period_unit="weeks",
        relation="before",
        anchor="change_effective",
        anchor_phrase="the changes become effective",
        quote="notify the Customer at least 6 weeks before the changes become effective",
        **_span(TEXT, "notify the Customer at least 6 weeks before the changes become effective"),
        **common,
    )
    ObligationFactory(
        clause=clause("3", "Incidents"),
        party="provider",
        kind="response_time",
        summary="Respond to each reported incident within 4 business hours",
        period_amount=4,
        period_unit="business_hours",
        relation="after",
        anchor="incident_reported",
        quote="respond to each incident reported by the Customer within 4 business hours",
        **_span(TEXT, "respond to each incident reported by the Customer within 4 business hours"),
        **common,
    )
    ObligationFactory(
        clause=clause("4", "Payment"),
        party="customer",
        kind="payment",
        summary="Pay each invoice within 30 days after receipt",
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor="invoice_received",
        quote="pay each invoice within 30 days after receipt",
        **_span(TEXT, "pay each invoice within 30 days after receipt"),
        **common,
    )
    deadlines_recompute(contract=contract, today=today)
    return contract


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_change_effective_missed_window_and_theirs_in_the_browser(
    live_server,
    browser_page,  # noqa: F811
    transactional_db,
    media_root,  # noqa: F811
    shared_dir,
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    today = timezone.localdate()
    user = UserFactory(username="reviewer")
    membership = MembershipFactory(
        user=user, role=Role.REVIEWER, organisation__name="Kanzlei Kunde AG"
    )
    contract = hosting_contract(membership, today=today)
    # A real contract too, uploaded and confirmed, so the dashboard counts what a team sees.
    document, _ = document_upload(
        organisation=membership.organisation,
        user=user,
        filename="seed-002.txt",
        data=(shared_dir / SEED).read_bytes(),
    )
    document_extract(document_id=document.pk)
    for obligation in document.contract.obligations.filter(period_amount__isnull=False):
        obligation_confirm(obligation=obligation, user=user)

    sign_in(page, live_server)

    # The contract's review page and its events page: the closed notice window, which term,
    # when, and the next date.
    page.goto(f"{live_server.url}/contracts/{contract.pk}/review/")
    missed = page.locator("#deadlines-panel .missed-window")
    expect(missed).to_contain_text("Notice window missed")
    expect(missed).to_contain_text("The next date that can still be met is")
    page.goto(f"{live_server.url}/contracts/{contract.pk}/events/")
    missed = page.locator(".missed-window")
    expect(missed).to_contain_text("Notice window missed")
    expect(missed).to_contain_text("The notice window for the term ending")
    expect(missed).to_contain_text("The next date that can still be met is")
    expect(page.locator(".dating-counts")).to_contain_text(
        "Waiting for an event: Change announced — log one to get a date."
    )
    expect(page.locator(".dating-counts")).to_contain_text("working hours")

    # Log the change: announced today, effective in 60 days.
    effective = today + dt.timedelta(days=60)
    page.select_option("#id_kind", "change_announced")
    page.fill("#id_occurred_on", today.isoformat())
    page.fill("#id_effective_on", effective.isoformat())
    page.get_by_role("button", name="Log event").click()
    item = page.locator(".deadline-item", has_text="Notify the customer at least 6 weeks")
    expect(item).to_be_visible()
    deadline = Deadline.objects.get(obligation__anchor="change_effective")
    assert deadline.act_by >= today, "counted back from the effective date, so not overdue"
    assert deadline.deadline < effective
    expect(item).not_to_contain_text("Overdue")
    expect(item.locator(".plain-sentence")).to_contain_text(
        f"Check that Example Hosting GmbH has done this by {deadline.act_by:%a %d %b %Y}"
    )
    expect(item).to_contain_text(f"change takes effect on {effective:%Y-%m-%d}")
    item.locator("details.counting summary").click()
    expect(item.locator(".explanation li").first).to_be_visible()
    item.scroll_into_view_if_needed()
    _shot(page, "deadline-plain-sentence")

    # An invoice received: our payment deadline, with "Mark done".
    page.select_option("#id_kind", "invoice_received")
    page.fill("#id_occurred_on", (today - dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Log event").click()
    expect(page.locator(".deadline-item", has_text="Pay each invoice")).to_be_visible()

    # The review page: each card says which state it is in and who owes it, by name.
    page.goto(f"{live_server.url}/contracts/{contract.pk}/review/")
    expect(page.locator(".rv-card .dating").first).to_be_visible()
    expect(page.locator("#deadlines-panel .plain-sentence").first).to_be_visible()
    expect(page.locator(".rv-card", has_text="business hours")).to_contain_text("Cannot be dated")
    expect(page.locator(".rv-card", has_text="Respond to each")).to_contain_text(
        "Example Hosting GmbH"
    )
    _shot(page, "review-dating-states")

    # The dashboard: the provider's duty is theirs, by name, without "Mark done".
    page.goto(f"{live_server.url}/")
    theirs = page.locator("tr.deadline-row", has_text="Notify the customer at least 6 weeks")
    expect(theirs).to_contain_text("Theirs")
    expect(theirs).to_contain_text("Example Hosting GmbH")
    expect(theirs.get_by_role("button", name="Mark done")).to_have_count(0)
    expect(theirs.get_by_role("button", name="Confirm they did it")).to_have_count(1)
    ours = page.locator("tr.deadline-row", has_text="Pay each invoice")
    expect(ours).to_contain_text("Ours")
    expect(ours).to_contain_text("Kanzlei Kunde AG")
    expect(ours.get_by_role("button", name="Mark done")).to_have_count(1)
    counts = page.locator(".dating-counts")
    expect(counts).to_contain_text("Has deadlines")
    expect(counts).to_contain_text("Waiting for something named")
    expect(counts).to_contain_text("Cannot be dated")
    _shot(page, "dashboard-ours-theirs")
