"""Through a real browser: upload a seed contract, follow the extraction, confirm and correct
obligations (with the keyboard), set the start date, log an invoice and see its deadline.

Debian's headless Chromium driven by Playwright against pytest-django's live server. On
PostgreSQL the extraction runs in a real Celery worker (in a thread of this process, on its own
queue); on SQLite, whose in-memory test database a second connection cannot share safely, the task
runs eagerly in the web request instead.

Screenshots of every page go to test-output/screenshots/; with
CLAUSEWATCH_UPDATE_README_SCREENSHOT=1 the review page is also saved as the README's
docs/screenshots/review.png.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from obligations.models import ContractDocument, Deadline, Obligation, ReviewLog
from obligations.models.choices import ExtractionStatus, ReviewStatus, Role
from obligations.views.review import OBLIGATIONS_PER_PAGE
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEED = "seeds/002_f2e87e3de7aa8ff3.txt"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"
README_SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshots" / "review.png"
PASSWORD = "correct horse battery"
TIMEOUT_MS = 30_000
SELECTED = re.compile(r"(^|\s)selected(\s|$)")


@pytest.fixture
def extraction_runner(transactional_db) -> Iterator[str]:
    """How queued extraction tasks run during the test: a worker, or eagerly on SQLite."""
    if connection.vendor == "sqlite":
        celery_app.conf.task_always_eager = True
        try:
            yield "eager"
        finally:
            celery_app.conf.task_always_eager = False
        return
    from celery.contrib.testing.worker import start_worker

    queue = f"browser-test-{uuid.uuid4().hex[:12]}"
    routes = celery_app.conf.task_routes
    _route_extraction(routes={"obligations.extract_document": {"queue": queue}})
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30
        ):
            yield "worker"
    finally:
        _route_extraction(routes=routes)


def _route_extraction(*, routes: object) -> None:
    celery_app.conf.task_routes = routes
    celery_app.amqp.flush_routes()
    del celery_app.amqp.router  # a cached property: rebuilt from the routes above on next use


@pytest.fixture
def browser_page(monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls here are fine.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_review_a_seed_contract_in_the_browser(
    live_server, extraction_runner, browser_page, shared_dir, media_root
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    seed = shared_dir / SEED
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, role=Role.REVIEWER)

    # Sign in.
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Upload").click()
    expect(page.get_by_role("heading", name="Upload a contract")).to_be_visible()
    _shot(page, "01-upload")

    # Upload the seed; the progress page follows the extraction until it is done.
    page.set_input_files("#id_file", str(seed))
    page.get_by_role("button", name="Upload and extract").click()
    expect(page.locator("#extraction-progress progress")).to_be_visible()
    _shot(page, "02-progress")
    review_link = page.locator("#review-link")
    expect(review_link).to_be_visible(timeout=60_000)  # updated by polling, without a reload
    _shot(page, "03-progress-done")
    document = ContractDocument.objects.get()
    assert document.extraction_status == ExtractionStatus.DONE, extraction_runner
    review_link.click()

    # The review page: text with highlights beside the obligations in document order.
    expect(page.locator(".rv-card").first).to_be_visible()
    obligations = list(
        Obligation.objects.filter(document=document).order_by("evidence_start", "position", "id")
    )
    assert len(obligations) >= 5
    expect(page.locator("mark.ev")).not_to_have_count(0)
    expect(page.locator("#shortcut-help")).to_contain_text("j / k")
    _shot(page, "04-review")

    def pick(**match: str) -> Obligation | None:
        return next(
            (o for o in obligations if all(getattr(o, k) == v for k, v in match.items())), None
        )

    selected = -1

    def go_to(obligation: Obligation) -> None:
        nonlocal selected
        index = obligations.index(obligation)
        for _ in range(abs(index - selected)):
            page.keyboard.press("j" if index > selected else "k")
        selected = index
        expect(page.locator(f"#ob-{obligation.pk}")).to_have_class(SELECTED)
        expect(page.locator(f"mark.ev.active[data-ob~='{obligation.pk}']").first).to_be_visible()

    # Keyboard: move to the renewal notice (j/k) and confirm it (c).
    renewal = pick(kind="renewal_notice") or obligations[0]
    page.locator("#shortcut-help").click()  # focus the page, not a field
    go_to(renewal)
    page.keyboard.press("c")
    expect(page.locator(f"#ob-{renewal.pk}")).to_have_attribute("data-status", "confirmed")

    # Keyboard: the payment duty has no period in the seed; correct it (e) to 14 days after
    # receipt of the invoice.
    target = pick(kind="payment", party="customer") or obligations[1]
    go_to(target)
    page.keyboard.press("e")
    form = page.locator(f"#ob-{target.pk} form.rv-edit")
    expect(form).to_be_visible()
    prefix = f"#id_ob{target.pk}-"
    page.fill(f"{prefix}summary", "Pay each invoice within 14 days of receiving it")
    page.select_option(f"{prefix}party", "customer")
    page.fill(f"{prefix}period_amount", "14")
    page.select_option(f"{prefix}period_unit", "days")
    page.select_option(f"{prefix}relation", "after")
    page.select_option(f"{prefix}anchor", label="Invoice received")
    page.locator(f"{prefix}summary").press("End")
    page.keyboard.press("j")  # typing in a form field: the shortcuts stay off
    expect(page.locator(f"{prefix}summary")).to_have_value(
        "Pay each invoice within 14 days of receiving itj"
    )
    expect(form).to_be_visible()
    page.fill(f"{prefix}summary", "Pay each invoice within 14 days of receiving it")
    form.get_by_role("button", name="Save correction").click()
    expect(page.locator(f"#ob-{target.pk}")).to_have_attribute("data-status", "corrected")
    expect(page.locator("#review-counts")).to_contain_text("1 confirmed · 1 corrected")

    # A third one, rejected with the mouse: the last of the first page the review shows.
    shown = obligations[:OBLIGATIONS_PER_PAGE]
    other = next(o for o in reversed(shown) if o.pk not in (renewal.pk, target.pk))
    page.locator(f"#ob-{other.pk} [data-action=reject]").click()
    expect(page.locator(f"#ob-{other.pk}")).to_have_attribute("data-status", "rejected")
    selected = obligations.index(other)  # a click selects the card too
    go_to(target)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "05-reviewed.png"))
    if os.environ.get("CLAUSEWATCH_UPDATE_README_SCREENSHOT"):
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(README_SCREENSHOT))

    # Facts: set the start date (the seed states none) and confirm; deadlines are computed.
    start = dt.date.today() - dt.timedelta(days=200)
    page.fill("#id_start_date", start.isoformat())
    page.locator("#confirm-facts").click()
    expect(page.locator("#facts-panel")).to_contain_text("the deadlines have been recomputed")
    expect(page.locator("#id_start_date")).to_have_value(start.isoformat())
    if renewal.kind == "renewal_notice":  # its notice deadline follows from the facts
        expect(page.locator("#deadlines-panel")).to_contain_text(renewal.summary)
        expect(page.locator("#deadlines-panel .plain-sentence").first).to_be_visible()
        page.locator("#deadlines-panel details.counting summary").first.click()
        expect(page.locator("#deadlines-panel .rv-explanation li").first).to_be_visible()
    page.locator("#facts-panel").scroll_into_view_if_needed()
    _shot(page, "06-facts-confirmed")

    # Log an invoice on the Events page; the payment deadline appears at once.
    page.get_by_role("link", name="Events").click()
    invoice_day = dt.date.today() - dt.timedelta(days=3)
    page.select_option("#id_kind", "invoice_received")
    page.fill("#id_occurred_on", invoice_day.isoformat())
    page.get_by_role("button", name="Log event").click()
    deadline_item = page.locator(".deadline-item", has_text="Pay each invoice within 14 days")
    expect(deadline_item).to_be_visible()
    expect(deadline_item).to_contain_text("Invoice received")
    _shot(page, "07-events")
    deadline = Deadline.objects.get(obligation=target, event__isnull=False)
    assert deadline.deadline >= invoice_day + dt.timedelta(days=14)
    assert deadline.explanation

    # Back on the review page the deadline is listed with its explanation lines.
    page.go_back()
    page.reload()
    deadlines = page.locator("#deadlines-panel")
    expect(deadlines).to_contain_text("Pay each invoice within 14 days")
    deadlines.locator("details.counting summary").first.click()
    expect(deadlines.locator(".rv-explanation li").first).to_be_visible()
    deadlines.scroll_into_view_if_needed()
    _shot(page, "08-review-deadlines")

    # History: every action, by whom.
    page.get_by_role("link", name="History").click()
    expect(page.locator(".hist-table")).to_contain_text("Corrected")
    _shot(page, "09-history")
    actions = set(ReviewLog.objects.values_list("action", flat=True))
    assert {"confirmed", "corrected", "rejected", "facts_edited"} <= actions
    assert Obligation.objects.get(pk=target.pk).review_status == ReviewStatus.CORRECTED
