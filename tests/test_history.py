"""The history page: who confirmed, corrected or rejected what, and when."""

from __future__ import annotations

import pytest
from django.urls import reverse

from obligations.models import ReviewLog
from obligations.models.choices import Role
from obligations.services.review import obligation_confirm, obligation_correct, obligation_reject
from tests.factories import ContractFactory, MembershipFactory, ObligationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER, user=UserFactory(username="alice")).user


@pytest.fixture
def obligation(reviewer):
    contract = ContractFactory(organisation=reviewer.membership.organisation)
    return ObligationFactory(
        clause__document__contract=contract, clause__ref="7.2", summary="Pay within 30 days"
    )


def _history(client, contract_id: int, **params: str):
    return client.get(reverse("contract_history", args=[contract_id]), params)


def test_empty_history_says_so_and_links_to_the_review(client, reviewer, obligation):
    client.force_login(reviewer)
    response = _history(client, obligation.contract_id)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nobody has reviewed this contract yet." in html
    assert reverse("contract_review", args=[obligation.contract_id]) in html


def test_history_lists_who_did_what_and_what_changed(client, reviewer, obligation):
    other = ObligationFactory(clause=obligation.clause, summary="Notify within 2 days")
    obligation_confirm(obligation=obligation, user=reviewer)
    obligation_correct(
        obligation=other,
        user=reviewer,
        party="provider",
        period_amount=5,
        period_unit="business_days",
        relation="after",
        anchor="error_reported",
        recurrence="",
        summary="Notify within 5 business days",
    )
    obligation_reject(obligation=obligation, user=reviewer)
    client.force_login(reviewer)
    html = _history(client, obligation.contract_id).content.decode()
    assert html.count("alice") >= 3
    assert ">Confirmed</span>" in html and ">Corrected</span>" in html
    assert ">Rejected</span>" in html
    assert "Pay within 30 days" in html and "(7.2)" in html
    assert "<del>30</del> → <ins>5</ins>" in html
    assert "<del>days</del> → <ins>business days</ins>" in html
    assert "<del>Customer</del> → <ins>Provider</ins>" in html
    assert "<del>Invoice received</del> → <ins>Error reported</ins>" in html  # labels, not codes
    assert f"#ob-{other.pk}" in html
    # Newest first: the rejection is listed before the confirmation.
    assert html.index(">Rejected</span>") < html.index(">Confirmed</span>")


def test_history_is_paginated(client, reviewer, obligation):
    ReviewLog.objects.bulk_create(
        ReviewLog(
            contract=obligation.contract, obligation=obligation, actor=reviewer, action="confirmed"
        )
        for _ in range(30)
    )
    client.force_login(reviewer)
    first = _history(client, obligation.contract_id).content.decode()
    assert first.count(">Confirmed</span>") == 25
    assert "Page 1 of 2 · 30 entries" in first and "?page=2" in first
    second = _history(client, obligation.contract_id, page="2").content.decode()
    assert second.count(">Confirmed</span>") == 5
    beyond = _history(client, obligation.contract_id, page="99").content.decode()
    assert "Page 2 of 2" in beyond


def test_htmx_page_request_returns_only_the_list(client, reviewer, obligation):
    obligation_confirm(obligation=obligation, user=reviewer)
    client.force_login(reviewer)
    response = client.get(
        reverse("contract_history", args=[obligation.contract_id]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="history"') and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, reviewer, obligation):
    client.force_login(reviewer)
    response = client.get(
        reverse("contract_history", args=[obligation.contract_id]),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_another_organisations_history_is_404(client, reviewer):
    client.force_login(reviewer)
    assert _history(client, ContractFactory().pk).status_code == 404


def test_viewer_can_read_the_history(client, obligation, reviewer):
    obligation_confirm(obligation=obligation, user=reviewer)
    viewer = MembershipFactory(organisation=obligation.contract.organisation, role=Role.VIEWER).user
    client.force_login(viewer)
    assert ">Confirmed</span>" in _history(client, obligation.contract_id).content.decode()
