"""Through a real browser: an admin invites a colleague on the Team page, the colleague opens the
emailed link, chooses a password and lands signed in; the admin then changes the role."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from config.celery import app as celery_app
from obligations.models import Membership
from obligations.models.choices import Role
from tests.factories import MembershipFactory, UserFactory
from tests.test_browser_review import PASSWORD, SCREENSHOTS, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def eager_tasks(transactional_db):
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = False


def test_invite_a_colleague_who_joins_from_the_email(live_server, browser_page, eager_tasks):  # noqa: F811
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    admin = UserFactory(username="lead")
    MembershipFactory(user=admin, role=Role.ADMIN, organisation__name="Acme Legal")

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "lead")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Team of Acme Legal")).to_be_visible()

    # A mistyped address is refused with a message next to the field.
    page.get_by_label("Email address").fill("jane@")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".has-error .error")).to_contain_text("Enter an email address")

    page.get_by_label("Email address").fill("jane@example.test")
    page.get_by_label("Role", exact=True).select_option("viewer")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to jane@example.test")
    expect(page.get_by_text("jane@example.test as viewer")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "team-page.png"), full_page=True)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[0].body).group(1)
    invitee = page.context.browser.new_context(viewport={"width": 1280, "height": 800})
    other = invitee.new_page()
    other.goto(f"{live_server.url}{link}")
    expect(other.get_by_role("heading", name="Join Acme Legal")).to_be_visible()
    other.get_by_label("Username").fill("jane")
    other.get_by_label("Password", exact=True).fill("lantern-orchard-42")
    other.get_by_label("Password again").fill("lantern-orchard-42")
    other.screenshot(path=str(SCREENSHOTS / "team-accept.png"), full_page=True)
    other.get_by_role("button", name="Create my account").click()
    expect(other.get_by_role("status")).to_contain_text("Welcome to Acme Legal")
    invitee.close()

    jane = Membership.objects.get(user__username="jane")
    assert jane.role == Role.VIEWER
    page.reload()
    page.get_by_label("Role of jane").select_option("reviewer")
    page.locator("tr", has_text="jane").get_by_role("button", name="Change role").click()
    expect(page.get_by_role("status")).to_contain_text("jane is now reviewer")
    jane.refresh_from_db()
    assert jane.role == Role.REVIEWER
    expect(page.get_by_text("changed the role of jane from viewer to reviewer")).to_be_visible()
