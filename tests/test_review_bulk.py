"""Review at speed: filter a contract's obligations, then confirm or reject a selection at once,
with the same history entries as one at a time."""

from __future__ import annotations

import pytest
from django.urls import reverse

from obligations.models import ReviewLog
from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract():
    contract = ContractFactory()
    document = ContractDocumentFactory(contract=contract)
    clause = ClauseFactory(document=document)
    for n in range(6):
        ObligationFactory(clause=clause, kind="payment", summary=f"Pay {n}", position=n)
    for n in range(3):
        ObligationFactory(
            clause=clause,
            kind="reporting",
            summary=f"Report {n}",
            position=10 + n,
            period_amount=None,
            period_unit="",
            relation="",
            anchor="",
            confidence=0.4,
        )
    return contract


def _client(client, contract, role=Role.REVIEWER):
    member = MembershipFactory(organisation=contract.organisation, role=role)
    client.force_login(member.user)
    return client, member.user


def test_filters_narrow_the_obligations(client, contract):
    client, _ = _client(client, contract)
    url = reverse("contract_review", args=[contract.pk])
    page = client.get(url, {"kind": "reporting"}).content.decode()
    assert page.count('class="rv-pick"') == 3 and "Report 0" in page and "Pay 0" not in page
    assert client.get(url, {"period": "yes"}).content.decode().count('class="rv-pick"') == 6
    assert client.get(url, {"confidence": "low"}).content.decode().count('class="rv-pick"') == 3
    empty = client.get(url, {"kind": "reporting", "period": "yes"}).content.decode()
    assert "No obligation matches these filters" in empty


def test_bulk_confirm_writes_one_history_entry_per_obligation(client, contract):
    client, user = _client(client, contract)
    payments = list(contract.obligations.filter(kind="payment"))
    response = client.post(
        reverse("obligations_bulk_review", args=[contract.pk]),
        {"action": "confirm", "ids": [str(o.pk) for o in payments], "filters": "kind=payment"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?kind=payment")
    assert set(
        contract.obligations.filter(kind="payment").values_list("review_status", flat=True)
    ) == {"confirmed"}
    assert set(
        contract.obligations.filter(kind="reporting").values_list("review_status", flat=True)
    ) == {"pending"}
    entries = ReviewLog.objects.filter(contract=contract, action="confirmed")
    assert entries.count() == 6
    assert all(e.changes == {"review_status": ["pending", "confirmed"]} for e in entries)
    assert {e.actor_id for e in entries} == {user.pk}


def test_bulk_reject_ignores_another_contracts_obligations(client, contract):
    client, _ = _client(client, contract)
    other = ObligationFactory()
    mine = contract.obligations.filter(kind="reporting").first()
    client.post(
        reverse("obligations_bulk_review", args=[contract.pk]),
        {"action": "reject", "ids": [str(mine.pk), str(other.pk)]},
    )
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.review_status == "rejected" and other.review_status == "pending"


def test_viewers_cannot_act_in_bulk(client, contract):
    client, _ = _client(client, contract, role=Role.VIEWER)
    ids = [str(o.pk) for o in contract.obligations.all()]
    response = client.post(
        reverse("obligations_bulk_review", args=[contract.pk]), {"action": "confirm", "ids": ids}
    )
    assert response.status_code == 403
    assert not contract.obligations.exclude(review_status="pending").exists()


def test_an_empty_selection_says_what_to_do(client, contract):
    client, _ = _client(client, contract)
    response = client.post(
        reverse("obligations_bulk_review", args=[contract.pk]), {"action": "confirm"}, follow=True
    )
    assert "Select obligations with x or their boxes" in response.content.decode()
