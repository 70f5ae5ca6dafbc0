"""Through a real browser: a reviewer assigns a deadline to a colleague on the dashboard; the
colleague sees it under "Mine" and the next reminder is theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from obligations.models import Reminder
from obligations.models.choices import ReminderKind, ReminderState, Role
from tests.factories import MembershipFactory, UserFactory
from tests.reliability.reminder_data import confirmed_deadline
from tests.test_browser_review import PASSWORD, SCREENSHOTS, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _sign_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_assign_a_deadline_and_find_it_under_mine(live_server, browser_page, transactional_db):  # noqa: F811
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    lead = MembershipFactory(user=UserFactory(username="lead"), role=Role.REVIEWER)
    colleague = MembershipFactory(
        user=UserFactory(username="mira"), organisation=lead.organisation, role=Role.REVIEWER
    )
    deadline = confirmed_deadline(
        organisation=lead.organisation,
        owner=lead.user,
        act_by=dt.date.today() + dt.timedelta(days=10),
        title="Hosting agreement",
    )

    _sign_in(page, live_server.url, "lead")
    row = page.locator("tr.deadline-row", has_text="Give notice of termination")
    expect(row).to_contain_text("Owner: lead")
    row.get_by_label("Assign “Give notice of termination” to").select_option(label="mira")
    row.get_by_role("button", name="Assign").click()
    expect(row).to_contain_text("Assigned to mira")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-assigned.png"), full_page=True)

    reminders = Reminder.objects.filter(deadline=deadline, kind=ReminderKind.REMINDER).exclude(
        state=ReminderState.CANCELLED
    )
    assert {r.recipient_id for r in reminders} == {colleague.user_id}

    page.context.clear_cookies()
    _sign_in(page, live_server.url, "mira")
    page.get_by_label("Whose").select_option("mine")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tr.deadline-row", has_text="Give notice of termination")).to_be_visible()


def test_a_member_chooses_the_weekly_digest_and_gets_one_email_for_three_deadlines(
    live_server,
    browser_page,  # noqa: F811
    transactional_db,
    mailoutbox,
):
    page = browser_page
    expect = pytest.importorskip("playwright.sync_api").expect
    mira = MembershipFactory(user=UserFactory(username="mira"), role=Role.REVIEWER)
    _sign_in(page, live_server.url, "mira")
    page.get_by_role("link", name="mira").click()
    expect(page.get_by_role("heading", name="Reminder settings")).to_be_visible()
    page.get_by_label("One weekly digest (Mondays)").check()
    page.get_by_label("Remind me on the organisation's days").uncheck()
    page.get_by_label("14 days before").check()
    page.screenshot(path=str(SCREENSHOTS / "reminder-settings.png"), full_page=True)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Your reminder settings are saved")

    import time_machine

    from obligations.services.reminders import reminders_deliver, reminders_sweep

    for title, act_by in (
        ("Hosting", dt.date(2027, 3, 18)),
        ("Support", dt.date(2027, 3, 20)),
        ("Licence", dt.date(2027, 3, 22)),
    ):
        confirmed_deadline(
            organisation=mira.organisation, owner=mira.user, act_by=act_by, title=title
        )
    # Sunday 7 Mar 2027 plans the rows; Monday 8 Mar 2027 sends the digest, once.
    for moment in (
        dt.datetime(2027, 3, 7, 9, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 8, 8, 5, tzinfo=dt.UTC),
    ):
        with time_machine.travel(moment, tick=False):
            for _ in range(2):
                for claim in reminders_sweep(dispatch=None).claims:
                    reminders_deliver(
                        reminder_ids=claim.reminder_ids,
                        lease_token=claim.lease_token,
                        digest=claim.digest,
                    )
    mine = [m for m in mailoutbox if m.to == [mira.user.email]]
    assert len(mine) == 1
    for title in ("Hosting", "Support", "Licence"):
        assert title in mine[0].body
