"""Every page in a real browser with the Content-Security-Policy enforced: none reports a
violation, and the review page's htmx paging and keyboard navigation still work under it.

Debian's headless Chromium driven by Playwright against pytest-django's live server. A violation
is caught twice: the `securitypolicyviolation` event each page raises, and Chromium's console
message. Screenshots go to test-output/screenshots/csp-*.png.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from obligations.models import ContractDocument, Obligation
from obligations.models.choices import ExtractionStatus, Role
from obligations.services.reminders import ReminderAction, reminder_action_token
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    UserFactory,
)
from tests.reliability.reminder_data import confirmed_deadline, due_reminders

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
SCREENSHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"
PASSWORD = "correct horse battery"
CLAUSE = "1. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
SELECTED = re.compile(r"(^|\s)selected(\s|$)")

# Collects the page's CSP violations where the test can read them; an init script runs before
# any of the page's own, and is not itself subject to the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def browser_context(monkeypatch) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
        context.add_init_script(RECORD_VIOLATIONS)
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()
            browser.close()


class Visitor:
    """One browser tab that remembers every CSP complaint, from any page it has shown."""

    def __init__(self, context: object, base_url: str) -> None:
        self.page = context.new_page()  # type: ignore[attr-defined]
        self.base_url = base_url
        self.console: list[str] = []
        self.page.on("console", self._console)
        self.visited: list[str] = []

    def _console(self, message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(text)

    def open(self, path: str, shot: str, status: int = 200) -> None:
        response = self.page.goto(f"{self.base_url}{path}")
        assert response is not None and response.status == status, (path, response)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy
        self.page.wait_for_load_state("networkidle")
        self.check(path)
        self.page.screenshot(path=str(SCREENSHOTS / f"csp-{shot}.png"), full_page=True)

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations")
        assert violations == [], (where, violations)
        assert self.console == [], (where, self.console)
        self.visited.append(where)


def _review_contract(organisation, count: int, title: str = "Hosting agreement") -> int:
    contract = ContractFactory(organisation=organisation, title=title)
    document = ContractDocumentFactory(contract=contract, text=CLAUSE * count)
    clause = ClauseFactory(document=document)
    template = ObligationFactory.build(clause=clause)
    fields = {
        field.attname: getattr(template, field.attname)
        for field in Obligation._meta.concrete_fields
        if not field.primary_key
    }
    Obligation.objects.bulk_create(
        Obligation(
            **fields
            | {
                "evidence_start": n * len(CLAUSE) + 11,
                "evidence_end": (n + 1) * len(CLAUSE) - 1,
                "summary": f"Pay invoice batch {n + 1} within 30 days after receipt",
                "position": n,
            }
        )
        for n in range(count)
    )
    return contract.pk


def test_every_page_loads_under_the_csp_without_a_violation(live_server, browser_context, settings):
    settings.REVIEW_MAX_OBLIGATIONS = 100
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    membership = MembershipFactory(user=admin, role=Role.ADMIN)
    organisation = membership.organisation
    contract_pk = _review_contract(organisation, 60)
    flagged_pk = _review_contract(organisation, 120, title="Price list export")
    deadline = confirmed_deadline(
        organisation=organisation, owner=admin, act_by=dt_today_plus(7), title="Lease"
    )
    (reminder,) = due_reminders(deadline=deadline, count=1, recipients=[admin])
    failed = ContractDocumentFactory(
        contract=ContractFactory(organisation=organisation),
        extraction_status=ExtractionStatus.FAILED,
        error="The file is not a PDF.",
        uploaded_by=admin,
    )
    token = reminder_action_token(reminder=reminder, action=ReminderAction.SNOOZE_DAY)

    visitor = Visitor(browser_context, live_server.url)
    # Signed out: the sign-in pages, password reset, and an email link.
    visitor.open("/login/", "login")
    visitor.open("/password/reset/", "password-reset")
    visitor.page.fill("#id_email", "admin@example.test")
    visitor.page.click("button[type=submit]")
    visitor.page.wait_for_url("**/password/reset/sent/")
    visitor.check("/password/reset/sent/")
    visitor.open(reverse("reminder_action", args=[token]), "reminder-link")
    # The confirmation's own form passes the CSRF check in a real browser, signed out.
    visitor.page.get_by_role("button", name=ReminderAction.SNOOZE_DAY.label).click()
    visitor.page.wait_for_load_state("networkidle")
    assert "You will be reminded again" in visitor.page.content()
    visitor.check("reminder link acted")
    visitor.open(reverse("reminder_action", args=[token + "x"]), "reminder-link-bad", status=400)

    # Signed in.
    visitor.open("/login/", "login-again")
    visitor.page.fill("#id_username", "admin")
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.click("button[type=submit]")
    visitor.page.wait_for_url(f"{live_server.url}/")
    visitor.check("after sign-in")
    pages = {
        "dashboard": reverse("dashboard"),
        "contracts": reverse("contract_list"),
        "upload": reverse("contract_upload"),
        "upload-failed": reverse("document_progress", args=[failed.pk]),
        "review": reverse("contract_review", args=[contract_pk]),
        "review-page-2": reverse("contract_review", args=[contract_pk]) + "?page=2",
        "review-flagged": reverse("contract_review", args=[flagged_pk]),
        "events": reverse("contract_events", args=[contract_pk]),
        "history": reverse("contract_history", args=[contract_pk]),
        "calendar": reverse("calendar"),
        "reminders-status": reverse("reminders_status"),
        "password-change": reverse("password_change"),
        "admin": reverse("admin:index"),
        "admin-lockouts": reverse("admin:axes_accessattempt_changelist"),
    }
    for shot, path in pages.items():
        visitor.open(path, shot)
    # Someone else's email link, opened in this session, is refused clearly.
    other = MembershipFactory(organisation=organisation, role=Role.VIEWER).user
    (theirs,) = due_reminders(deadline=deadline, count=1, recipients=[other], first_offset=2000)
    done = reminder_action_token(reminder=theirs, action=ReminderAction.DONE)
    visitor.open(reverse("reminder_action", args=[done]), "reminder-link-forbidden", status=403)

    # Last, as it locks this address out: password guessing ends on the lockout page.
    visitor.page.click("button:has-text('Sign out')")
    visitor.page.wait_for_url("**/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        visitor.page.fill("#id_username", "admin")
        visitor.page.fill("#id_password", "guess")
        visitor.page.click("button[type=submit]")
        visitor.page.wait_for_load_state("networkidle")
    assert "Too many failed sign-ins" in visitor.page.content()
    visitor.check("lockout page")
    visitor.page.screenshot(path=str(SCREENSHOTS / "csp-locked-out.png"), full_page=True)
    assert len(visitor.visited) >= 20


def test_review_pages_through_obligations_with_the_keyboard_under_the_csp(
    live_server, browser_context
):
    expect = pytest.importorskip("playwright.sync_api").expect
    reviewer = UserFactory(username="reviewer")
    membership = MembershipFactory(user=reviewer, role=Role.REVIEWER)
    contract_pk = _review_contract(membership.organisation, 60)
    order = list(
        Obligation.objects.filter(document=ContractDocument.objects.get())
        .order_by("evidence_start", "position", "id")
        .values_list("pk", flat=True)
    )

    visitor = Visitor(browser_context, live_server.url)
    page = visitor.page
    visitor.open("/login/", "login-reviewer")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    visitor.open(reverse("contract_review", args=[contract_pk]), "review-first-page")
    expect(page.locator(".rv-card")).to_have_count(50)

    page.locator("#shortcut-help").click()  # focus the page, not a field
    for _ in range(50):
        page.keyboard.press("j")
    expect(page.locator(f"#ob-{order[49]}")).to_have_class(SELECTED)
    page.locator("#obligations-more").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "csp-review-more.png"), full_page=False)
    page.keyboard.press("j")  # past the last card: the next page loads and its first is selected
    expect(page.locator(".rv-card")).to_have_count(60)
    expect(page.locator(f"#ob-{order[50]}")).to_have_class(SELECTED)
    expect(page.locator("#obligations-more")).to_have_count(0)
    page.keyboard.press("c")
    expect(page.locator(f"#ob-{order[50]}")).to_have_attribute("data-status", "confirmed")
    page.keyboard.press("k")
    expect(page.locator(f"#ob-{order[49]}")).to_have_class(SELECTED)
    visitor.check("review after paging")
    page.screenshot(path=str(SCREENSHOTS / "csp-review-paged.png"), full_page=False)


def dt_today_plus(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
