"""Events page: the list, logging an event, and the deadlines that follow from it at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from obligations.models import Deadline, Event
from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    EventFactory,
    MembershipFactory,
    ObligationFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 1, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER)


@pytest.fixture
def signed_in(client, reviewer):
    client.force_login(reviewer.user)
    return client


@pytest.fixture
def contract(reviewer):
    """A German contract whose confirmed payment obligation counts 30 days from an invoice."""
    contract = ContractFactory(
        organisation=reviewer.organisation,
        title="Hosting agreement",
        governing_law="DE",
        holiday_calendars=["DE"],
        time_zone="Europe/Berlin",
    )
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    ObligationFactory(
        clause=clause,
        summary="Pay each invoice within 30 days after receipt",
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor="invoice_received",
        review_status="confirmed",
    )
    return contract


def events_url(contract) -> str:
    return reverse("contract_events", args=[contract.pk])


INVOICE = {"kind": "invoice_received", "occurred_on": "2026-01-15", "note": "Invoice 2026-001"}


def test_logging_an_invoice_shows_its_payment_deadline_at_once(signed_in, contract):
    response = signed_in.post(events_url(contract), INVOICE, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="events-workspace"')
    event = Event.objects.get(contract=contract)
    assert (event.kind, event.occurred_on, event.note) == (
        "invoice_received",
        D(2026, 1, 15),
        "Invoice 2026-001",
    )
    deadline = Deadline.objects.get(contract=contract, event=event)
    # 30 days after 15 January is Saturday 14 February; German law moves it to Monday.
    assert deadline.deadline == D(2026, 2, 16)
    assert "Logged: Invoice received on 2026-01-15." in html
    assert "1 deadline counts from it" in html
    assert 'class="badge new">New<' in html
    assert "2026-02-16" in html
    for line in deadline.explanation:
        assert str(line).replace("'", "&#x27;").replace('"', "&quot;") in html
    assert "Counts from: Invoice received on 2026-01-15" in html
    assert 'name="occurred_on"' in html and 'value="2026-01-15"' not in html  # a fresh form


def test_without_javascript_the_form_redirects_and_the_page_shows_the_new_deadline(
    signed_in, contract
):
    response = signed_in.post(events_url(contract), INVOICE)

    event = Event.objects.get(contract=contract)
    assert response.status_code == 302
    assert response["Location"] == f"{events_url(contract)}?logged={event.pk}"
    page = signed_in.get(response["Location"]).content.decode()
    assert "<html" in page
    assert "Logged: Invoice received on 2026-01-15." in page
    assert 'class="badge new">New<' in page
    assert Deadline.objects.filter(contract=contract, event=event).count() == 1


def test_an_event_no_obligation_counts_from_says_so(signed_in, contract):
    response = signed_in.post(
        events_url(contract),
        {"kind": "change_announced", "occurred_on": "2026-01-10", "note": ""},
        headers=HTMX,
    )
    html = response.content.decode()
    assert Event.objects.filter(contract=contract).count() == 1
    assert not Deadline.objects.filter(contract=contract).exists()
    assert "no new deadline follows from it" in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "2026-02-30 does not exist: February 2026 has 28 days."),
        ("2028-02-30", "2028-02-30 does not exist: February 2028 has 29 days."),
        ("2026-04-31", "2026-04-31 does not exist: April 2026 has 30 days."),
        ("2026-13-01", "2026-13-01 does not exist: the month must be 01 to 12."),
        ("15.01.2026", "Enter the date as YYYY-MM-DD, for example 2026-03-31."),
        ("", "Enter the date on which it happened."),
        ("2099-01-01", "2099-01-01 is more than 10 years from today. Check the year."),
    ],
)
def test_a_date_that_does_not_exist_is_a_clear_form_error(signed_in, contract, value, message):
    response = signed_in.post(events_url(contract), {**INVOICE, "occurred_on": value}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert f'value="{value}"' in html or not value  # what was typed stays to be corrected
    assert not Event.objects.exists()
    assert not Deadline.objects.exists()


def test_an_unknown_kind_is_refused(signed_in, contract):
    response = signed_in.post(events_url(contract), {**INVOICE, "kind": "party"})
    assert "Select a valid choice." in response.content.decode()
    assert not Event.objects.exists()


def test_the_page_lists_events_newest_first_with_labelled_form(signed_in, contract, reviewer):
    EventFactory(contract=contract, kind="notice_received", occurred_on=D(2025, 12, 1))
    EventFactory(contract=contract, kind="termination", occurred_on=D(2026, 1, 5), note="<b>x</b>")
    EventFactory(contract=ContractFactory(organisation=reviewer.organisation), note="elsewhere")

    html = signed_in.get(events_url(contract)).content.decode()

    assert html.index("2026-01-05") < html.index("2025-12-01")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "elsewhere" not in html
    for name in ("kind", "occurred_on", "note"):
        assert f'<label for="id_{name}">' in html
    assert 'type="date"' in html


def test_empty_states(signed_in, contract):
    html = signed_in.get(events_url(contract)).content.decode()
    assert "No events logged yet." in html
    assert "No deadlines yet for this contract." in html


def test_long_event_lists_are_paginated(signed_in, contract):
    for day in range(30):
        EventFactory(contract=contract, occurred_on=D(2025, 11, 1) + dt.timedelta(days=day))
    first = signed_in.get(events_url(contract)).content.decode()
    second = signed_in.get(events_url(contract), {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "2025-11-30" in first and "2025-11-01" not in first
    assert "2025-11-01" in second


def test_viewers_see_the_list_but_cannot_log(client, contract):
    viewer = MembershipFactory(role=Role.VIEWER, organisation=contract.organisation)
    client.force_login(viewer.user)
    EventFactory(contract=contract, note="Visible to viewers")

    html = client.get(events_url(contract)).content.decode()
    response = client.post(events_url(contract), INVOICE)

    assert "Visible to viewers" in html
    assert "Only reviewers and admins can log events." in html
    assert 'name="occurred_on"' not in html
    assert response.status_code == 403
    assert Event.objects.count() == 1


def test_admins_may_log_events(client, contract):
    admin = MembershipFactory(role=Role.ADMIN, organisation=contract.organisation)
    client.force_login(admin.user)
    assert client.post(events_url(contract), INVOICE).status_code == 302
    assert Event.objects.get().created_by == admin.user


def test_another_organisations_contract_is_404(signed_in):
    foreign = ContractFactory(organisation=MembershipFactory().organisation)
    assert signed_in.get(events_url(foreign)).status_code == 404
    assert signed_in.post(events_url(foreign), INVOICE).status_code == 404
    assert not Event.objects.exists()


def test_a_change_logged_with_its_effective_date_counts_back_from_that_date(signed_in, contract):
    clause = contract.obligations.first().clause
    ObligationFactory(
        clause=clause,
        party="provider",
        summary="Notify the customer at least 6 weeks before the changes become effective",
        period_amount=6,
        period_unit="weeks",
        relation="before",
        anchor="change_effective",
        review_status="confirmed",
    )
    response = signed_in.post(
        events_url(contract),
        {"kind": "change_announced", "occurred_on": "2026-01-19", "effective_on": "2026-04-15"},
        headers=HTMX,
    )
    html = response.content.decode()
    (deadline,) = Deadline.objects.filter(obligation__anchor="change_effective")
    assert deadline.deadline == D(2026, 3, 3)  # wholly before Wed 15 Apr 2026, six weeks back
    assert deadline.status == "open"
    assert "change takes effect on 2026-04-15" in html
    assert "How this was counted" in html
    assert f'id="deadline-{deadline.pk}"' in html  # where the calendar feed's link lands


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "change_announced", "occurred_on": "2026-01-19", "effective_on": "2026-01-02"},
            "cannot take effect before it happened",
        ),
        (
            {"kind": "invoice_received", "occurred_on": "2026-01-19", "effective_on": "2026-02-02"},
            "no separate day on which it takes effect",
        ),
    ],
)
def test_an_effective_date_that_makes_no_sense_is_refused_in_words(
    signed_in, contract, data, message
):
    response = signed_in.post(events_url(contract), data, headers=HTMX)
    assert message in response.content.decode()
    assert not contract.events.exists()


def test_the_contract_page_counts_the_states_and_names_what_is_awaited(signed_in, contract):
    html = signed_in.get(events_url(contract)).content.decode()
    assert 'data-state="waiting">1<' in html
    assert "Waiting for an event: Invoice received — log one to get a date." in html
