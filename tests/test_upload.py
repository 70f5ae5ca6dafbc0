"""Upload and extraction: the service, the task and the pages around them."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from config.celery import app as celery_app
from obligations.models import Clause, Contract, ContractDocument, FactOrigin, Obligation
from obligations.models.choices import ExtractionStatus, Role
from obligations.services import documents as document_service
from obligations.services.documents import (
    INTERNAL_ERROR_MESSAGE,
    UploadRefused,
    document_extract,
    document_upload,
)
from obligations.tasks.documents import extract_document_task
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CONTRACT = """Hosting Services Agreement

This agreement is made between Example Hosting GmbH (the "Provider") and the customer.

1. Term
This agreement enters into force on 1 April 2026 and runs for an initial term of twelve (12) months. It renews automatically for further periods of twelve (12) months unless either party terminates it with a notice period of three (3) months to the end of the term.

2. Payment
The Customer shall pay each invoice within thirty (30) days after receipt of the invoice. Invoice <b>totals</b> & <script>alert("x")</script> are in euro.

3. Support
The Provider shall respond to each error report within 8 hours.

4. Governing law
This agreement is governed by the laws of the Federal Republic of Germany.
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER).user


@pytest.fixture
def organisation(reviewer):
    return reviewer.membership.organisation


@pytest.fixture
def eager_tasks():
    """Run queued tasks in-process, as a worker would, instead of sending them to a broker."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def _upload(client, name: str, data: bytes, **extra):
    return client.post(
        reverse("contract_upload"), {"file": SimpleUploadedFile(name, data)}, **extra
    )


def _stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# -- Service ------------------------------------------------------------------------------------


def test_upload_stores_the_document_queues_extraction_and_extracts(
    organisation, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        document, created = document_upload(
            organisation=organisation,
            user=reviewer,
            filename="hosting_agreement.txt",
            data=CONTRACT.encode(),
        )
    assert created and len(callbacks) == 1  # extraction is queued once the upload is committed
    assert document.extraction_status == ExtractionStatus.QUEUED
    assert document.sha256 == hashlib.sha256(CONTRACT.encode()).hexdigest()
    assert document.file.read() == CONTRACT.encode()
    assert document.contract.title == "hosting agreement"
    assert document.contract.owner == reviewer

    document_extract(document_id=document.pk)

    document.refresh_from_db()
    contract = document.contract
    contract.refresh_from_db()
    assert (document.extraction_status, document.progress) == (ExtractionStatus.DONE, 100)
    assert document.text.startswith("Hosting Services Agreement")
    assert document.clauses.count() >= 4
    obligations = list(document.obligations.order_by("position"))
    assert obligations, "the payment, notice and response times are obligations"
    for obligation in obligations:
        assert obligation.quote in document.text[
            obligation.evidence_start : obligation.evidence_end + 1
        ] or (
            document.text[obligation.evidence_start : obligation.evidence_end] in obligation.quote
        )
    payment = next(o for o in obligations if "invoice" in o.quote)
    assert (payment.party, payment.period_amount, payment.period_unit) == ("customer", 30, "days")
    assert contract.governing_law == "DE"
    assert str(contract.start_date) == "2026-04-01"
    assert (contract.notice_period_amount, contract.notice_period_unit) == (3, "months")
    assert contract.auto_renews is True
    origins = dict(contract.fact_origins.values_list("fact", "origin"))
    assert origins["governing_law"] == origins["start_date"] == "extracted"
    assert contract.status == "in_review"
    assert document.parties[0] == {
        "name": "Example Hosting GmbH",
        "role": "provider",
        "aliases": ["Provider", "Example"],
    }
    support = next(o for o in obligations if "error report" in o.quote)
    assert support.party_name == "Example Hosting GmbH"


def test_rerunning_a_done_extraction_changes_nothing(organisation, reviewer):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    document_extract(document_id=document.pk)
    counts = (Clause.objects.count(), Obligation.objects.count(), FactOrigin.objects.count())
    document_extract(document_id=document.pk)
    assert (
        Clause.objects.count(),
        Obligation.objects.count(),
        FactOrigin.objects.count(),
    ) == counts


def test_same_bytes_are_recognised_as_already_uploaded(organisation, reviewer):
    first, created = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    again, created_again = document_upload(
        organisation=organisation, user=reviewer, filename="renamed.txt", data=CONTRACT.encode()
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert ContractDocument.objects.count() == Contract.objects.count() == 1
    # Another organisation's identical upload is its own document.
    other = MembershipFactory(role=Role.REVIEWER).user
    theirs, created_theirs = document_upload(
        organisation=other.membership.organisation,
        user=other,
        filename="a.txt",
        data=CONTRACT.encode(),
    )
    assert created_theirs and theirs.pk != first.pk


def test_too_large_upload_is_refused_before_anything_is_stored(
    settings, organisation, reviewer, media
):
    settings.MAX_UPLOAD_BYTES = 2048
    with pytest.raises(UploadRefused, match=r"larger than the limit of 0\.0 MB"):
        document_upload(
            organisation=organisation, user=reviewer, filename="big.txt", data=b"x" * 5000
        )
    assert not ContractDocument.objects.exists() and not Contract.objects.exists()
    assert _stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("noise.txt", bytes(range(256)) * 40, ""),
        (
            "scan.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
            "",
        ),
    ],
)
def test_unreadable_file_fails_with_the_readers_message_and_stores_nothing_else(
    organisation, reviewer, name, data, message
):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename=name, data=data
    )
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert message in document.error
    assert (
        document.error and "\n" not in document.error.strip() and "Traceback" not in document.error
    )
    assert document.text == "" and document.page_count is None
    assert not Clause.objects.exists() and not Obligation.objects.exists()
    assert not FactOrigin.objects.exists()
    contract = Contract.objects.get()
    assert (contract.governing_law, contract.start_date, contract.status) == ("", None, "draft")


def test_an_internal_error_fails_with_a_plain_message_and_stores_nothing(
    organisation, reviewer, monkeypatch, caplog
):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the extractor")

    monkeypatch.setattr("obligations.extraction.extract_document", broken)
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert document.error == INTERNAL_ERROR_MESSAGE
    assert "a bug in the extractor" in caplog.text  # logged for the administrators
    assert not Clause.objects.exists() and not Obligation.objects.exists()


def test_task_runs_the_extraction_and_ignores_a_deleted_document(organisation, reviewer):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    extract_document_task.apply(args=[document.pk]).get()
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.DONE
    assert extract_document_task.apply(args=[document.pk + 1000]).successful()


def test_document_format_is_checked_by_suffix():
    assert document_service.document_format("Contract.PDF") == "pdf"
    with pytest.raises(UploadRefused, match="is not a format Clausewatch reads"):
        document_service.document_format("budget.xlsx")


# -- Pages --------------------------------------------------------------------------------------


def test_upload_page_offers_a_file_input_and_a_textarea(client, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("contract_upload")).content.decode()
    assert 'type="file"' in html and 'accept=".txt,.md,.markdown,.html,.htm,.pdf,.docx"' in html
    assert "<textarea" in html and "Nothing uploaded yet." in html


def test_uploading_a_txt_file_through_the_page_runs_extraction(
    client, reviewer, eager_tasks, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "hosting.txt", CONTRACT.encode())
    document = ContractDocument.objects.get()
    progress_url = reverse("document_progress", args=[document.pk])
    assert response.status_code == 302 and response["Location"] == progress_url
    html = client.get(progress_url).content.decode()
    assert "<progress" in html and 'value="100"' in html
    assert 'hx-trigger="every 1s"' not in html  # finished: the page stops polling
    assert reverse("contract_review", args=[document.contract_id]) in html


def test_progress_fragment_polls_while_queued(client, reviewer, organisation):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    client.force_login(reviewer)
    url = reverse("document_progress", args=[document.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<section id="extraction-progress"')
    assert f'hx-get="{url}" hx-trigger="every 1s"' in fragment
    assert "Waiting for a worker" in fragment and "<html" not in fragment
    document_extract(document_id=document.pk)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done and 'id="review-link"' in done


def test_pasted_text_is_uploaded_like_a_file(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("contract_upload"), {"text": CONTRACT})
    document = ContractDocument.objects.get()
    assert response.status_code == 302
    assert document.original_name == "pasted-text.txt" and document.format == "txt"
    assert document.contract.title == "Pasted contract"


def test_uploading_the_same_file_again_says_so_and_links_to_it(client, reviewer):
    client.force_login(reviewer)
    _upload(client, "a.txt", CONTRACT.encode())
    response = _upload(client, "copy of a.txt", CONTRACT.encode(), follow=True)
    document = ContractDocument.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?duplicate=1")
    assert "This file was uploaded before" in html and "nothing new was stored" in html
    assert reverse("document_progress", args=[document.pk]) in html


def test_too_large_file_is_refused_with_a_clear_message(client, reviewer, settings, media):
    settings.MAX_UPLOAD_BYTES = 2048
    client.force_login(reviewer)
    response = _upload(client, "big.txt", b"x" * 5000)
    assert response.status_code == 400
    assert "The file is larger than the limit" in response.content.decode()
    assert not ContractDocument.objects.exists() and _stored_files(media) == []


def test_unknown_format_and_empty_form_are_form_errors(client, reviewer):
    client.force_login(reviewer)
    response = _upload(client, "budget.xlsx", b"PK\x03\x04")
    assert response.status_code == 400
    assert "is not a format Clausewatch reads" in response.content.decode()
    empty = client.post(reverse("contract_upload"), {"text": "   "})
    assert "Choose a contract file or paste the contract" in empty.content.decode()
    assert not ContractDocument.objects.exists()


def test_failed_extraction_page_shows_the_readers_message(client, reviewer):
    client.force_login(reviewer)
    _upload(client, "empty.txt", b"")
    document = ContractDocument.objects.get()
    document_extract(document_id=document.pk)
    html = client.get(reverse("document_progress", args=[document.pk])).content.decode()
    assert "Clausewatch could not read this document." in html and "is empty" in html
    assert "hx-trigger" not in html


def test_viewer_cannot_upload(client):
    viewer = MembershipFactory(role=Role.VIEWER).user
    client.force_login(viewer)
    assert (
        "Only reviewers and admins can upload"
        in client.get(reverse("contract_upload")).content.decode()
    )
    assert _upload(client, "a.txt", CONTRACT.encode()).status_code == 403
    assert not ContractDocument.objects.exists()


def test_another_organisations_upload_is_404(client, reviewer):
    other = MembershipFactory(role=Role.REVIEWER).user
    document, _ = document_upload(
        organisation=other.membership.organisation,
        user=other,
        filename="a.txt",
        data=CONTRACT.encode(),
    )
    client.force_login(reviewer)
    assert client.get(reverse("document_progress", args=[document.pk])).status_code == 404


def test_html_in_contract_text_is_escaped_on_the_review_page(client, reviewer, organisation):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    document_extract(document_id=document.pk)
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[document.contract_id])).content.decode()
    assert '<script>alert("x")</script>' not in html and "<b>totals</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;totals&lt;/b&gt; &amp;" in html
    assert '<mark class="ev' in html


def test_pasted_text_too_long_for_a_form_gets_a_clear_message(client, reviewer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    client.force_login(reviewer)
    response = client.post(reverse("contract_upload"), {"text": "The Customer shall pay. " * 400})
    assert response.status_code == 413
    assert "save it as a .txt file and upload that instead" in response.content.decode()
    assert not ContractDocument.objects.exists()


def test_a_failed_extraction_can_be_queued_again(
    client, reviewer, organisation, django_capture_on_commit_callbacks
):
    document, _ = document_upload(
        organisation=organisation, user=reviewer, filename="a.txt", data=CONTRACT.encode()
    )
    document_service.document_extraction_failed(document_id=document.pk, message="worker died")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("document_retry", args=[document.pk]))
    assert response.status_code == 302 and len(callbacks) == 1
    document.refresh_from_db()
    assert (document.extraction_status, document.error) == (ExtractionStatus.QUEUED, "")
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.DONE


def test_upload_without_a_csrf_token_is_refused(reviewer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    response = browser.post(
        reverse("contract_upload"), {"file": SimpleUploadedFile("a.txt", CONTRACT.encode())}
    )
    assert response.status_code == 403
    assert not ContractDocument.objects.exists()
