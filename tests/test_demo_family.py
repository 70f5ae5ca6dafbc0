"""The demo data includes a contract family: a master agreement, its order form and an
amendment, read, reviewed and confirmed, so that a newcomer sees sources and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from obligations.models import Contract, Deadline, FactOrigin

pytestmark = pytest.mark.django_db


def test_demo_has_a_master_agreement_with_an_amendment_and_an_order_form(
    client, frozen_today, settings, tmp_path
) -> None:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    contract = Contract.objects.get(title="Master Subscription Agreement")
    kinds = list(
        contract.documents.order_by(F("effective_on").asc(nulls_first=True), "id").values_list(
            "kind", "label"
        )
    )
    assert kinds == [
        ("original", ""),
        ("order_form", "Order Form No. 1"),
        ("amendment", "Amendment No. 1"),
    ]
    origin = FactOrigin.objects.get(contract=contract, fact="notice_period")
    assert (origin.document.label, origin.since) == ("Amendment No. 1", dt.date(2027, 3, 1))
    assert (contract.initial_term_amount, contract.notice_period_amount) == (36, 60)

    moved = Deadline.objects.get(
        contract=contract, obligation__document__kind="original", occurrence="term:2028-06-30"
    )
    assert moved.history[-1]["reason"].startswith("Amendment No. 1, effective 2027-03-01")
    own = Deadline.objects.filter(
        contract=contract, obligation__document__kind="order_form", occurrence__startswith="term:"
    )
    assert own.filter(occurrence="term:2028-12-31").exists()

    # A second run changes nothing: the family is loaded once.
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert contract.documents.count() == 3

    client.force_login(contract.owner)
    page = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
    assert "from Amendment No. 1 since" in page and ">2027-03-01</time>" in page
    assert "Added its own term of 24 months from 2027-01-01" in page
