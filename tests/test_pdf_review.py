"""A signed-looking PDF through upload, extraction and the review page: paragraphs, page markers,
each obligation's page, OCR notes; and the extraction's time limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.urls import reverse

from obligations.models import ContractDocument, Obligation
from obligations.models.choices import ExtractionStatus, Role
from obligations.services.documents import document_extract, document_upload
from obligations.tasks.documents import extract_document_task
from tests.factories import MembershipFactory
from tests.pdf_render import RUNNING_HEADER, printable, signed_pdf

pytestmark = pytest.mark.django_db

OX_CLOUD = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_e9b0010226f88d6a.txt"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER).user


def _extracted(reviewer, name: str, data: bytes) -> ContractDocument:
    document, _ = document_upload(
        organisation=reviewer.membership.organisation, user=reviewer, filename=name, data=data
    )
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    return document


def test_review_page_of_a_signed_pdf_shows_paragraphs_pages_and_evidence(client, reviewer):
    if not OX_CLOUD.exists():
        pytest.skip(f"the OX Cloud seed is not at {OX_CLOUD}")
    document = _extracted(reviewer, "ox-cloud.pdf", signed_pdf(printable(OX_CLOUD.read_text())))
    assert document.extraction_status == ExtractionStatus.DONE, document.error
    assert document.page_count and document.page_count > 10
    assert len(document.page_starts) == document.page_count
    assert RUNNING_HEADER not in document.text and "Page 3 of" not in document.text
    # One line per paragraph: no line ends with a word the PDF's wrapping stranded.
    lines = [line for line in document.text.split("\n") if line]
    assert max(len(line) for line in lines) > 500
    assert not [line for line in lines if line.endswith((" the", " by the", " each", " a"))]

    obligations = list(Obligation.objects.filter(document=document))
    assert obligations
    for obligation in obligations:
        assert document.text[obligation.evidence_start : obligation.evidence_end] == (
            obligation.quote
        )
    later = max(obligations, key=lambda o: o.evidence_start)
    page = later.evidence_page
    assert page is not None and page > 1
    assert document.page_starts[page - 1] <= later.evidence_start

    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[document.contract_id])).content.decode()
    for number in range(1, document.page_count + 1):
        assert f'id="page-{number}"' in html
    assert f'id="ev-{later.pk}"' in html
    # The last obligation's card is on the last page of cards (a page past the end shows it).
    last = client.get(reverse("contract_review", args=[document.contract_id]), {"page": 999})
    assert f'<a class="rv-pageref small" href="#page-{page}"' in last.content.decode()
    assert '<strong class="rv-heading">2.1. Access to the Service</strong>' in html


def test_ocr_pages_and_low_confidence_are_shown(client, reviewer):
    document = _extracted(reviewer, "a.txt", b"1. Payment\n\nThe Customer shall pay in 30 days.")
    document.page_starts = [0, 12, 20]
    document.page_count = 3
    document.ocr_pages = [[2, 93.5], [3, 61.2]]
    document.save()
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[document.contract_id])).content.decode()
    assert 'Read by OCR: <a href="#page-2">page 2</a>, <a href="#page-3">page 3</a>' in html
    assert "(low confidence, 61%: check it against the original)" in html
    assert html.count("low confidence") == 1


def test_the_soft_time_limit_marks_the_document_failed_with_a_reason(
    reviewer, monkeypatch, settings
):
    settings.EXTRACTION_SOFT_TIME_LIMIT = 420

    def runaway(*args, **kwargs):
        raise SoftTimeLimitExceeded()  # what Celery raises inside the task at the soft limit

    monkeypatch.setattr("obligations.extraction.extract_document", runaway)
    document = _extracted(reviewer, "slow.txt", b"The Customer shall pay in 30 days.")
    assert document.extraction_status == ExtractionStatus.FAILED
    assert document.error.startswith(
        "Reading this document took longer than the 7 minutes an extraction may take, so it "
        "was stopped."
    )


def test_the_hard_time_limit_marks_the_document_failed_with_a_reason(reviewer, settings):
    settings.EXTRACTION_TIME_LIMIT = 480
    document, _ = document_upload(
        organisation=reviewer.membership.organisation,
        user=reviewer,
        filename="stuck.txt",
        data=b"The Customer shall pay in 30 days.",
    )
    # The worker's main process calls this after killing the pool process at the hard limit.
    extract_document_task.on_failure(TimeLimitExceeded(480), "task-id", (document.pk,), {}, None)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "took longer than the 8 minutes" in document.error


def test_the_extraction_task_has_time_limits(settings):
    assert extract_document_task.soft_time_limit == settings.EXTRACTION_SOFT_TIME_LIMIT > 0
    assert extract_document_task.time_limit == settings.EXTRACTION_TIME_LIMIT
    assert extract_document_task.soft_time_limit < extract_document_task.time_limit
