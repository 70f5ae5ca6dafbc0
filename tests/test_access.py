"""Every page needs a login, and nobody sees another organisation's data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from obligations import access
from tests.factories import DeadlineFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_and_foreign_deadline() -> tuple[Client, object]:
    foreign = DeadlineFactory()
    outsider = MembershipFactory()
    client = Client()
    client.force_login(outsider.user)
    return client, foreign


def test_pages_require_login(client: Client) -> None:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_public(client: Client) -> None:
    assert client.get(reverse("login")).status_code == 200


def test_user_without_organisation_gets_404(client: Client) -> None:
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).status_code == 404


def test_access_helpers_hide_other_organisations(rf, outsider_and_foreign_deadline) -> None:
    from django.http import Http404

    _client, foreign = outsider_and_foreign_deadline
    outsider = access.Membership.objects.exclude(organisation=foreign.organisation).get()
    request = rf.get("/")
    request.user = outsider.user
    obligation = foreign.obligation
    lookups = [
        (access.contract_for, foreign.contract.pk),
        (access.obligation_for, obligation.pk),
        (access.deadline_for, foreign.pk),
        (access.document_for, obligation.document.pk),
    ]
    for lookup, pk in lookups:
        with pytest.raises(Http404):
            lookup(request, pk)
    assert not access.contracts_for(request).exists()
    assert not access.events_for(request).exists()
    assert not access.reminders_for(request).exists()


def test_owner_sees_own_rows(rf) -> None:
    deadline = DeadlineFactory()
    member = MembershipFactory(organisation=deadline.organisation)
    request = rf.get("/")
    request.user = member.user
    assert access.contract_for(request, deadline.contract.pk) == deadline.contract
    assert access.deadline_for(request, deadline.pk) == deadline
    assert access.obligation_for(request, deadline.obligation.pk) == deadline.obligation
    assert access.document_for(request, deadline.obligation.document.pk).pk


PAGE_NAMES = [
    ("contract_review", "contract"),
    ("contract_events", "contract"),
    ("contract_history", "contract"),
]


@pytest.mark.parametrize(("url_name", "target"), PAGE_NAMES)
def test_pages_of_another_organisation_are_404(url_name, target, outsider_and_foreign_deadline):
    from django.urls import NoReverseMatch

    client, foreign = outsider_and_foreign_deadline
    try:
        url = reverse(url_name, kwargs={"pk": foreign.contract.pk})
    except NoReverseMatch:
        pytest.fail(f"the page {url_name} is missing")
    assert client.get(url).status_code == 404
