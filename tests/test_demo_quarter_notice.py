"""The demo data includes a Swiss contract terminable with three months' notice to the end of a
calendar quarter; its next notice deadline shows on the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from obligations.models import Contract, Deadline

pytestmark = pytest.mark.django_db


def test_demo_quarter_notice_deadline_is_on_the_dashboard(
    client, frozen_today, settings, tmp_path
) -> None:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    contract = Contract.objects.get(title__contains="Bern")
    assert (contract.governing_law, contract.place_of_performance) == ("CH", "CH-BE")
    notice = Deadline.objects.get(contract=contract, obligation__anchor="quarter_end")
    # Asked on Fri 2026-11-20: the end of 2026-12-31 is out of reach (notice due 2026-09-30);
    # the next, 2027-03-31, needs notice by Thu 2026-12-31.
    assert (notice.deadline, notice.act_by) == (dt.date(2026, 12, 31), dt.date(2026, 12, 31))
    assert notice.occurrence == "period:2027-03-31"
    assert any("to the end of a calendar quarter" in line for line in notice.explanation)
    client.force_login(contract.owner)
    html = client.get(reverse("dashboard")).content.decode()
    assert contract.title in html
    assert "2026-12-31" in html
