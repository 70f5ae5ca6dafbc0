"""Ours apart from theirs: from the contract's side and the obligation's party, every deadline is
ours (we act: "Mark done") or theirs (we check: "Confirm they did it", "check" reminders)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from obligations.models import Reminder
from obligations.models.choices import Role
from obligations.services.reminder_email import reminder_email
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
    ReminderFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
D = dt.date


@pytest.fixture
def member():
    return MembershipFactory(role=Role.REVIEWER, organisation__name="Kanzlei Kunde AG")


ACT_BY = D(2026, 11, 26)


def deadline_of(contract, *, party, summary, act_by=ACT_BY):
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    obligation = ObligationFactory(clause=clause, party=party, summary=summary)
    return DeadlineFactory(obligation=obligation, act_by=act_by, deadline=act_by)


def _row(html: str, text: str) -> str:
    rows = re.findall(r"<tr class=\"deadline-row.*?</tr>", html, re.S)
    (row,) = [row for row in rows if text in row]
    return row


def test_as_the_customer_the_providers_duties_are_theirs_with_the_providers_name(signed_in, member):
    contract = ContractFactory(
        organisation=member.organisation, our_side="customer", counterparty="Example Hosting GmbH"
    )
    deadline_of(contract, party="provider", summary="Restore the service within 4 hours")
    deadline_of(contract, party="customer", summary="Pay each invoice within 30 days")

    html = signed_in.get(reverse("dashboard")).content.decode()

    theirs = _row(html, "Restore the service")
    assert "Theirs" in theirs and "Example Hosting GmbH" in theirs
    assert "Mark done" not in theirs
    assert "Confirm they did it" in theirs
    assert "Check that Example Hosting GmbH has done this by" in theirs
    ours = _row(html, "Pay each invoice")
    assert "Ours" in ours and "Kanzlei Kunde AG" in ours
    assert "Mark done" in ours and "Confirm they did it" not in ours


def test_as_the_provider_the_same_duty_is_ours(signed_in, member):
    contract = ContractFactory(
        organisation=member.organisation, our_side="provider", counterparty="Big Buyer plc"
    )
    deadline_of(contract, party="provider", summary="Restore the service within 4 hours")
    html = signed_in.get(reverse("dashboard")).content.decode()
    row = _row(html, "Restore the service")
    assert "Ours" in row and "Mark done" in row and "Confirm they did it" not in row


def test_the_csv_and_ical_say_who_acts_with_the_partys_name(signed_in, member):
    contract = ContractFactory(
        organisation=member.organisation, our_side="customer", counterparty="Example Hosting GmbH"
    )
    deadline_of(contract, party="provider", summary="Restore the service")
    csv_text = b"".join(signed_in.get(reverse("deadlines_csv")).streaming_content).decode()
    assert "Theirs,Example Hosting GmbH" in csv_text
    member.refresh_from_db()
    feed = signed_in.get(
        reverse("calendar_feed", kwargs={"token": member.calendar_token}),
        {"scope": "organisation"},  # a member's own feed holds only their deadlines
    )
    raw = b"".join(feed.streaming_content) if feed.streaming else feed.content
    body = raw.decode().replace("\r\n ", "")
    assert "SUMMARY:Check Example Hosting GmbH: Restore the service" in body
    assert "Who acts: theirs (Example Hosting GmbH must act\\; we check that they do)" in body


def test_reminders_for_their_duties_say_check(settings, member):
    settings.SITE_URL = "https://clausewatch.example.com"
    contract = ContractFactory(
        organisation=member.organisation, our_side="customer", counterparty="Example Hosting GmbH"
    )
    deadline = deadline_of(contract, party="provider", summary="Restore the service")
    reminder = ReminderFactory(deadline=deadline, recipient=member.user)
    message = reminder_email(
        reminders=[Reminder.objects.get(pk=reminder.pk)],
        message_id=reminder.message_id,
        digest=False,
        now=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC),
    )
    text = message.body
    assert message.subject.startswith("[Clausewatch] Check:")
    assert "Check that Example Hosting GmbH has done this by" in text
    assert "theirs: check that they act" in text
    assert "Confirm they did it:" in text and "Mark done:" not in text
    html = message.alternatives[0][0]
    assert "Confirm they did it" in html and "Mark done" not in html


def test_reminders_for_our_duties_say_what_to_do(settings, member):
    settings.SITE_URL = "https://clausewatch.example.com"
    contract = ContractFactory(organisation=member.organisation, our_side="customer")
    deadline = deadline_of(contract, party="customer", summary="Pay the invoice")
    reminder = ReminderFactory(deadline=deadline, recipient=member.user)
    message = reminder_email(
        reminders=[Reminder.objects.get(pk=reminder.pk)],
        message_id=reminder.message_id,
        digest=False,
        now=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC),
    )
    assert "Check" not in message.subject
    assert "Pay the invoice: act by" in message.body and "Mark done:" in message.body


def test_the_calendar_shows_who_acts_with_the_partys_name(signed_in, member):
    contract = ContractFactory(
        organisation=member.organisation, our_side="customer", counterparty="Example Hosting GmbH"
    )
    deadline_of(contract, party="provider", summary="Restore the service")
    html = signed_in.get(reverse("calendar_month", args=[2026, 11])).content.decode()
    (chip,) = re.findall(r'<li class="chip.*?</li>', html, re.S)
    assert "Theirs" in chip and "Example Hosting GmbH" in chip
