"""The dashboard's dating counts read the states the deadline recomputation stored: they follow
confirmations and rejections, leave archived contracts out, show obligations never recomputed as
not yet sorted, and cost the same queries however many contracts there are."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from obligations.models.choices import ReviewStatus, Role
from obligations.services.review import obligation_confirm, obligation_reject
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def member():
    return MembershipFactory(role=Role.ADMIN)


def pending(organisation, *, anchor="invoice_received", title="Hosting", **values):
    contract = ContractFactory(organisation=organisation, title=title)
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    return ObligationFactory(
        clause=clause,
        summary=values.pop("summary", "Pay each invoice within 30 days"),
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor=anchor,
        **values,
    )


def counts(html: str) -> dict[str, int]:
    return {state: int(number) for state, number in re.findall(r'data-state="(\w+)">(\d+)<', html)}


def test_counts_follow_confirmation_and_rejection(signed_in, member):
    waiting = pending(member.organisation, summary="Pay each invoice within 30 days")
    undatable = pending(
        member.organisation, anchor="", title="Support", summary="Answer within 30 days"
    )
    assert counts(signed_in.get(reverse("dashboard")).content.decode()) == {
        "dated": 0,
        "waiting": 0,
        "undatable": 0,
    }

    obligation_confirm(obligation=waiting, user=member.user)
    obligation_confirm(obligation=undatable, user=member.user)
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert counts(html) == {"dated": 0, "waiting": 1, "undatable": 1}
    assert "Waiting for an event: Invoice received — log one to get a date." in html
    assert "Answer within 30 days" in html  # listed with the reason it cannot be dated

    obligation_reject(obligation=undatable, user=member.user)
    undatable.refresh_from_db()
    assert undatable.dating_state == ""
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert counts(html) == {"dated": 0, "waiting": 1, "undatable": 0}
    assert "Answer within 30 days" not in html


def test_archived_contracts_are_not_counted(signed_in, member):
    obligation = pending(member.organisation)
    obligation_confirm(obligation=obligation, user=member.user)
    assert counts(signed_in.get(reverse("dashboard")).content.decode())["waiting"] == 1
    obligation.contract.archived_at = timezone.now()
    obligation.contract.save(update_fields=["archived_at"])
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert counts(html)["waiting"] == 0
    assert "Pay each invoice" not in html


def test_confirmed_but_never_recomputed_is_not_yet_sorted_until_the_command_sorts_it(
    signed_in, member
):
    # As after an upgrade: confirmed, with a period, but no recomputation has dated it yet.
    pending(member.organisation, review_status=ReviewStatus.CONFIRMED)
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert 'data-state="unsorted">1<' in html
    assert counts(html)["waiting"] == 0

    call_command("deadlines_recompute")
    html = signed_in.get(reverse("dashboard")).content.decode()
    assert 'data-state="unsorted"' not in html
    assert counts(html)["waiting"] == 1


def test_dating_queries_do_not_grow_with_contracts(client, member):
    client.force_login(member.user)
    for n in range(2):
        obligation_confirm(obligation=pending(member.organisation, title=f"C{n}"), user=member.user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for n in range(2, 14):
        obligation_confirm(obligation=pending(member.organisation, title=f"C{n}"), user=member.user)
    pending(member.organisation, review_status=ReviewStatus.CONFIRMED)  # one unsorted as well
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("dashboard")).content.decode()
    assert counts(html)["waiting"] == 14
    assert "And 6 more" in html  # eight listed of fourteen
    assert len(many.captured_queries) == len(few.captured_queries)
