"""Periods the extraction set aside: stored with the document, listed on the review page with
their reasons, and turned into a pending obligation by a reviewer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from obligations.models import Obligation, ReviewLog
from obligations.models.choices import ReviewStatus, Role
from obligations.services.documents import document_extract, document_upload
from tests.factories import (
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "1. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
    "2. Liability\nLiability is capped at the fees paid in the twelve (12) months preceding"
    " the claim.\n"
)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def reviewer(organisation):
    return MembershipFactory(organisation=organisation, role=Role.REVIEWER).user


@pytest.fixture
def document(organisation):
    quote = "Liability is capped at the fees paid in the twelve (12) months preceding the claim."
    start = TEXT.index(quote)
    return ContractDocumentFactory(
        contract=ContractFactory(organisation=organisation),
        text=TEXT,
        unused_periods=[
            {
                "quote": quote,
                "period": "12 months",
                "phrase": "twelve (12) months",
                "reason": "measure",
                "clause_ref": "2",
                "start": start,
                "end": start + len(quote),
            }
        ],
    )


def test_extraction_stores_the_unused_periods(organisation, reviewer):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="terms.txt", data=TEXT.encode()
    )
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert [(u["period"], u["reason"]) for u in document.unused_periods] == [
        ("12 months", "measure")
    ]
    entry = document.unused_periods[0]
    assert document.text[entry["start"] : entry["end"]] == entry["quote"]


def test_review_page_lists_them_collapsed_with_reason(client, reviewer, document):
    client.force_login(reviewer)
    response = client.get(reverse("contract_review", args=[document.contract_id]))
    html = response.content.decode()
    assert '<details class="rv-unused" id="unused-periods">' in html
    assert "1 period not tracked" in html
    assert "twelve (12) months" in html and "Measures an amount" in html
    assert reverse("unused_period_track", args=[document.pk, 0]) in html


def test_tracking_makes_one_pending_obligation(client, reviewer, document):
    client.force_login(reviewer)
    url = reverse("unused_period_track", args=[document.pk, 0])
    response = client.post(url)
    obligation = Obligation.objects.get(document=document)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#ob-{obligation.pk}")
    assert obligation.review_status == ReviewStatus.PENDING
    assert (obligation.period_amount, obligation.period_unit) == (12, "months")
    assert document.text[obligation.evidence_start : obligation.evidence_end] == obligation.quote
    assert ReviewLog.objects.filter(obligation=obligation, action="tracked_unused_period").exists()
    document.refresh_from_db()
    assert document.unused_periods[0]["obligation"] == obligation.pk
    # Twice is still one obligation; the page now links to it instead of offering the button.
    client.post(url)
    assert Obligation.objects.filter(document=document).count() == 1
    html = client.get(reverse("contract_review", args=[document.contract_id])).content.decode()
    assert f'href="#ob-{obligation.pk}"' in html and url not in html


def test_viewer_cannot_track_and_an_unknown_entry_is_refused(client, organisation, document):
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER).user
    client.force_login(viewer)
    assert client.post(reverse("unused_period_track", args=[document.pk, 0])).status_code == 403
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    client.force_login(reviewer)
    response = client.post(reverse("unused_period_track", args=[document.pk, 7]), follow=True)
    assert "no longer listed" in response.content.decode()
    assert not Obligation.objects.filter(document=document).exists()


def test_other_organisation_cannot_track(client, document):
    outsider = MembershipFactory(role=Role.REVIEWER).user
    client.force_login(outsider)
    assert client.post(reverse("unused_period_track", args=[document.pk, 0])).status_code == 404
