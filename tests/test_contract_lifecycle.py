"""A contract's own life: rename, counterparty and owner; archive (hidden everywhere, reminders
stop) and restore; delete by an admin, files removed, the audit trail keeps who and when."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from obligations.models import AuditEntry, Contract, Reminder, ReviewLog
from obligations.models.choices import ReminderState, Role
from obligations.services.reminders import reminders_schedule_due
from obligations.services.search import search, search_index_contract
from tests.factories import MembershipFactory
from tests.reliability.reminder_data import confirmed_deadline, person, team

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = team(offsets=[7])
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=dt.date.today() + dt.timedelta(days=5),
        title="Hosting agreement",
    )
    search_index_contract(contract=deadline.contract)
    return people, deadline, deadline.contract


def _due(contract) -> int:
    return Reminder.objects.filter(deadline__contract=contract, state=ReminderState.DUE).count()


def test_a_reviewer_renames_and_reassigns_a_contract(client, setup):
    people, _, contract = setup
    client.force_login(people.owner)
    response = client.post(
        reverse("contract_settings", args=[contract.pk]),
        {"title": "Hosting agreement 2027", "counterparty": "Nimbus AG", "owner": people.admin.pk},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.title, contract.counterparty, contract.owner) == (
        "Hosting agreement 2027",
        "Nimbus AG",
        people.admin,
    )
    entry = ReviewLog.objects.get(contract=contract, action="contract_edited")
    assert entry.changes["title"] == ["Hosting agreement", "Hosting agreement 2027"]
    assert entry.changes["owner"] == [people.owner.username, people.admin.username]
    assert search(organisation=people.organisation, query="Nimbus")  # the index followed


def test_a_viewer_cannot_change_a_contract_and_a_blank_title_is_refused(client, setup):
    people, _, contract = setup
    viewer = MembershipFactory(user=person(), organisation=people.organisation, role=Role.VIEWER)
    client.force_login(viewer.user)
    assert client.get(reverse("contract_settings", args=[contract.pk])).status_code == 200
    denied = client.post(reverse("contract_settings", args=[contract.pk]), {"title": "X"})
    assert denied.status_code == 403
    client.force_login(people.owner)
    blank = client.post(reverse("contract_settings", args=[contract.pk]), {"title": "  "})
    assert blank.status_code == 400 and "Give the contract a title" in blank.content.decode()
    contract.refresh_from_db()
    assert contract.title == "Hosting agreement"


def test_archiving_hides_the_contract_and_stops_its_reminders_restoring_brings_them_back(
    client, setup
):
    people, deadline, contract = setup
    reminders_schedule_due()
    assert _due(contract) > 0
    client.force_login(people.owner)
    client.post(reverse("contract_archive", args=[contract.pk]))
    contract.refresh_from_db()
    assert contract.archived_at is not None
    assert _due(contract) == 0
    reminders_schedule_due()  # the sweep plans nothing for an archived contract
    assert _due(contract) == 0

    summary = deadline.obligation.summary
    assert summary not in client.get(reverse("dashboard")).content.decode()
    month = deadline.act_by
    calendar = client.get(reverse("calendar_month", args=[month.year, month.month]))
    assert summary not in calendar.content.decode()
    csv = client.get(reverse("deadlines_csv"))
    csv_text = b"".join(csv.streaming_content) if csv.streaming else csv.content
    assert summary not in csv_text.decode()
    feed = client.get(reverse("calendar_feed", args=[people.owner.membership.calendar_token]))
    assert summary not in feed.content.decode()
    listing = client.get(reverse("contract_list")).content.decode()
    assert "Hosting agreement" not in listing
    assert (
        "Hosting agreement"
        in client.get(reverse("contract_list"), {"archived": "only"}).content.decode()
    )
    assert search(organisation=people.organisation, query="Hosting") == []
    assert search(organisation=people.organisation, query="Hosting", include_archived=True)

    client.post(reverse("contract_restore", args=[contract.pk]))
    contract.refresh_from_db()
    assert contract.archived_at is None
    assert _due(contract) > 0
    assert summary in client.get(reverse("dashboard")).content.decode()
    csv = client.get(reverse("deadlines_csv"))
    csv_text = b"".join(csv.streaming_content) if csv.streaming else csv.content
    assert summary in csv_text.decode()
    feed = client.get(reverse("calendar_feed", args=[people.owner.membership.calendar_token]))
    assert summary in feed.content.decode()
    actions = list(
        ReviewLog.objects.filter(contract=contract)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["archived", "restored"]


def test_only_an_admin_deletes_and_must_type_the_title(
    client, setup, django_capture_on_commit_callbacks
):
    people, _, contract = setup
    document = contract.documents.get()
    document.file.save("hosting.txt", ContentFile(b"contract text"), save=True)
    path = document.file.path
    assert os.path.exists(path)

    client.force_login(people.owner)  # a reviewer
    client.post(reverse("contract_delete", args=[contract.pk]), {"confirm_title": contract.title})
    assert Contract.objects.filter(pk=contract.pk).exists()

    client.force_login(people.admin)
    client.post(reverse("contract_delete", args=[contract.pk]), {"confirm_title": "Hosting"})
    assert Contract.objects.filter(pk=contract.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contract_delete", args=[contract.pk]), {"confirm_title": "Hosting agreement"}
        )
    assert response.status_code == 302 and response["Location"] == reverse("contract_list")
    assert not Contract.objects.filter(pk=contract.pk).exists()
    assert not os.path.exists(path)  # the stored file is gone too
    entry = AuditEntry.objects.get(action="contract_deleted")
    assert (entry.actor, entry.subject) == (people.admin, "Hosting agreement")
    assert entry.changes["documents"] == [document.original_name]


def test_another_organisations_contract_is_not_found(client, setup):
    _, _, contract = setup
    stranger = team().admin
    client.force_login(stranger)
    assert client.get(reverse("contract_settings", args=[contract.pk])).status_code == 404
    assert client.post(reverse("contract_archive", args=[contract.pk])).status_code == 404
    contract.refresh_from_db()
    assert contract.archived_at is None
