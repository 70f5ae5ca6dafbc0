"""An organisation's own kinds of event: admins name them, each counts as a built-in kind, and
logged on a contract it dates what that kind dates, under the organisation's own name. Another
organisation neither sees nor can use them; a kind in use cannot be removed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from obligations.models import AuditEntry, Deadline, Event, OwnEventKind
from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 1, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def admin():
    return MembershipFactory(role=Role.ADMIN)


@pytest.fixture
def contract(admin):
    """A contract whose confirmed duty counts 30 days from a milestone (a go-live)."""
    contract = ContractFactory(
        organisation=admin.organisation,
        governing_law="DE",
        holiday_calendars=["DE"],
        time_zone="Europe/Berlin",
    )
    ObligationFactory(
        clause=ClauseFactory(document=ContractDocumentFactory(contract=contract)),
        summary="Hand over the documentation within 30 days after go-live",
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor="milestone",
        review_status="confirmed",
    )
    return contract


def add_kind(client, label="Go-live", counts_as="milestone"):
    return client.post(reverse("event_kinds"), {"label": label, "counts_as": counts_as})


def test_an_own_kind_logged_on_a_contract_dates_what_its_built_in_kind_dates(
    client, admin, contract
):
    client.force_login(admin.user)
    response = add_kind(client)
    assert response.status_code == 302
    kind = OwnEventKind.objects.get(organisation=admin.organisation)
    assert (kind.label, kind.counts_as) == ("Go-live", "milestone")

    events_url = reverse("contract_events", args=[contract.pk])
    page = client.get(events_url).content.decode()
    assert f'<option value="own:{kind.pk}">Go-live (counts as Milestone reached' in page

    html = client.post(
        events_url, {"kind": f"own:{kind.pk}", "occurred_on": "2026-01-15"}, headers=HTMX
    ).content.decode()
    event = Event.objects.get(contract=contract)
    assert (event.kind, event.own_kind_id, event.label) == ("milestone", kind.pk, "Go-live")
    (deadline,) = Deadline.objects.filter(contract=contract)
    assert deadline.event_id == event.pk
    assert deadline.deadline == dt.date(2026, 2, 16)  # 30 days after 15 Jan: Sat 14 Feb -> Mon
    assert "Logged: Go-live on 2026-01-15" in html
    assert "Counts from: Go-live on 2026-01-15" in html


def test_another_organisations_kind_is_neither_offered_nor_accepted(client, admin, contract):
    stranger = OwnEventKind.objects.create(
        organisation=MembershipFactory().organisation, label="Board approval", counts_as="milestone"
    )
    client.force_login(admin.user)
    events_url = reverse("contract_events", args=[contract.pk])
    assert "Board approval" not in client.get(events_url).content.decode()

    response = client.post(
        events_url, {"kind": f"own:{stranger.pk}", "occurred_on": "2026-01-15"}, headers=HTMX
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.exists()
    other_admin_page = client.post(
        reverse("event_kind_remove", args=[stranger.pk])
    )  # not ours: a 404, and it stays
    assert other_admin_page.status_code == 404
    assert OwnEventKind.objects.filter(pk=stranger.pk).exists()


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("  ", "Give the kind of event a name"),
        ("go-LIVE", "already has a kind of event called “go-LIVE”"),
        ("Delivery", "“Delivery” is already one of the built-in kinds"),
    ],
)
def test_names_must_be_new_and_not_a_built_in_kind(client, admin, label, message):
    client.force_login(admin.user)
    add_kind(client)
    response = add_kind(client, label=label)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OwnEventKind.objects.filter(organisation=admin.organisation).count() == 1


def test_a_kind_in_use_stays_and_says_why_an_unused_one_goes(client, admin, contract):
    client.force_login(admin.user)
    add_kind(client)
    add_kind(client, label="Board approval")
    used, unused = (
        OwnEventKind.objects.get(label="Go-live"),
        OwnEventKind.objects.get(label="Board approval"),
    )
    client.post(
        reverse("contract_events", args=[contract.pk]),
        {"kind": f"own:{used.pk}", "occurred_on": "2026-01-15"},
    )

    response = client.post(reverse("event_kind_remove", args=[used.pk]), follow=True)
    assert "“Go-live” cannot be removed: 1 logged event uses it. Rename it instead." in (
        response.content.decode()
    )
    assert OwnEventKind.objects.filter(pk=used.pk).exists()

    client.post(reverse("event_kind_remove", args=[unused.pk]))
    assert not OwnEventKind.objects.filter(pk=unused.pk).exists()

    client.post(reverse("event_kind_rename", args=[used.pk]), {"label": "Launch"})
    assert Event.objects.get().label == "Launch"
    assert list(
        AuditEntry.objects.filter(organisation=admin.organisation)
        .order_by("id")
        .values_list("action", "subject")
    ) == [
        ("event_kind_added", "Go-live"),
        ("event_kind_added", "Board approval"),
        ("event_kind_removed", "Board approval"),
        ("event_kind_renamed", "Launch"),
    ]
    team = client.get(reverse("members")).content.decode()
    assert "renamed the event kind “Go-live” to “Launch”" in team


def test_only_admins_manage_kinds(client):
    reviewer = MembershipFactory(role=Role.REVIEWER)
    client.force_login(reviewer.user)
    assert client.get(reverse("event_kinds")).status_code == 403
    assert add_kind(client).status_code == 403
    assert not OwnEventKind.objects.exists()
