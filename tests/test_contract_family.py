"""A contract's family on the demo texts: the master agreement, its amendment and an order form
(obligations/demo/family/), and a non-renewal notice written here. Confirmed changes take
precedence from their effective date and the family's deadlines follow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from obligations.models import Contract, Deadline, FactOrigin, Reminder, ReviewLog
from obligations.models.choices import DocumentKind, ReminderState, ReviewStatus, Role
from obligations.services.contracts import contract_archive, contract_restore
from obligations.services.documents import UploadRefused, document_extract, document_upload
from obligations.services.family import (
    contract_timeline,
    document_changes_as_read,
    document_changes_confirm,
)
from obligations.services.reminders import reminders_schedule_due
from obligations.services.review import FACT_FIELDS, contract_facts_update, obligation_confirm
from tests.factories import MembershipFactory
from tests.reliability.reminder_data import person

pytestmark = pytest.mark.django_db

FAMILY = Path(__file__).resolve().parents[1] / "obligations" / "demo" / "family"
TODAY = dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC)

NON_RENEWAL = """Notice of Non-Renewal

Example Legal Ltd gives Brightline Analytics GmbH notice that it does not renew the Master
Subscription Agreement dated July 1, 2025. The Agreement ends at the end of the current term.
"""


@pytest.fixture
def family(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(TODAY, tick=False):
        reviewer = person()
        membership = MembershipFactory(user=reviewer, role=Role.ADMIN)
        organisation = membership.organisation
        organisation.reminder_offsets = [30, 7]
        organisation.save()
        master = _upload(organisation, reviewer, "master-subscription-agreement.md")
        contract = master.contract
        contract.owner = reviewer
        contract.save(update_fields=["owner"])
        facts = {
            column: getattr(contract, column)
            for columns in FACT_FIELDS.values()
            for column in columns
        }
        contract_facts_update(contract=contract, user=reviewer, **facts)
        _confirm_timed(master, reviewer)
        yield contract, reviewer


def _upload(organisation, user, name, *, contract=None, **family):
    document, _ = document_upload(
        organisation=organisation,
        user=user,
        filename=name,
        data=(FAMILY / name).read_bytes(),
        contract=contract,
        **family,
    )
    return document_extract(document_id=document.pk)


def _confirm_timed(document, user):
    for obligation in document.obligations.filter(
        review_status=ReviewStatus.PENDING, period_amount__isnull=False
    ):
        obligation_confirm(obligation=obligation, user=user)


def _confirm_as_extracted(document, user, **overrides):
    """Confirm a family document's changes as Clausewatch read them."""
    values = {**document_changes_as_read(document), **overrides}
    return document_changes_confirm(document=document, user=user, **values)


def _notice_deadlines(contract, document=None):
    rows = Deadline.objects.filter(
        contract=contract, occurrence__startswith="term:", obligation__relation="before"
    )
    if document is not None:
        rows = rows.filter(obligation__document=document)
    return list(rows.order_by("act_by"))


def test_an_amendment_extends_the_term_and_shortens_the_notice_and_the_deadline_moves(family):
    contract, reviewer = family
    (before, *_) = _notice_deadlines(contract)
    assert before.occurrence == "term:2027-06-30"  # 24 months from 2025-07-01
    assert before.deadline == dt.date(2027, 3, 31)  # three months' notice to the term's end

    with time_machine.travel(TODAY, tick=False):
        amendment = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 1",
            effective_on=dt.date(2027, 3, 1),
        )
        # Read from the amendment, not yet the contract's: it waits for a reviewer.
        assert amendment.changes["initial_term"] == [36, "months"]
        assert amendment.changes["notice_period"] == [60, "days"]
        contract.refresh_from_db()
        assert contract.initial_term_amount == 24
        _confirm_timed(amendment, reviewer)
        result = _confirm_as_extracted(amendment, reviewer)

    contract.refresh_from_db()
    assert (contract.initial_term_amount, contract.initial_term_unit) == (36, "months")
    assert (contract.notice_period_amount, contract.notice_period_unit) == (60, "days")
    origin = FactOrigin.objects.get(contract=contract, fact="notice_period")
    assert (origin.document, origin.since) == (amendment, dt.date(2027, 3, 1))
    assert "set the notice period to 60 days" in result.said

    before.refresh_from_db()  # the same row, moved: the term now ends 2028-06-30
    assert before.status == "open"
    assert before.occurrence == "term:2028-06-30"
    assert before.deadline == dt.date(2028, 5, 1)  # 60 days before the end, to a business day
    entry = before.history[-1]
    assert entry["deadline"] == "2027-03-31"
    assert entry["reason"].startswith("Amendment No. 1, effective 2027-03-01, ")
    assert "set the notice period to 60 days" in entry["reason"]
    assert any("Amendment No. 1" in line for line in before.explanation)
    # The amendment restates the notice: counted once, in the agreement's deadline.
    assert _notice_deadlines(contract, amendment) == []
    assert len(_notice_deadlines(contract)) == len({d.occurrence for d in Deadline.objects.all()})

    timeline = contract_timeline(contract)
    assert [entry.document.kind for entry in timeline] == ["original", "amendment"]
    assert timeline[1].moved[0]["was"] == "2027-03-31"
    assert timeline[1].moved[0]["act_by"] == before.act_by.isoformat()
    assert ReviewLog.objects.filter(contract=contract, action="document_confirmed").exists()


def test_an_order_form_gets_its_own_term_renewal_and_notice_deadlines(family):
    contract, reviewer = family
    agreement_deadlines = {d.pk: d.deadline for d in _notice_deadlines(contract)}
    with time_machine.travel(TODAY, tick=False):
        order = _upload(
            contract.organisation,
            reviewer,
            "order-form-no-1.md",
            contract=contract,
            kind=DocumentKind.ORDER_FORM,
            label="Order Form No. 1",
            effective_on=dt.date(2027, 1, 1),
        )
        assert order.changes["initial_term"] == [24, "months"]
        assert order.changes["notice_period"] == [90, "days"]
        _confirm_timed(order, reviewer)
        result = _confirm_as_extracted(order, reviewer)

    own = _notice_deadlines(contract, order)
    # 24 months from 2027-01-01, then 12-month renewals; 90 days' notice before each end.
    assert [d.occurrence for d in own] == ["term:2028-12-31", "term:2029-12-31", "term:2030-12-31"]
    assert own[0].deadline == dt.date(2028, 10, 2)
    assert "Order Form No. 1" in own[0].explanation[0]
    # The agreement's facts and deadlines are its own still.
    contract.refresh_from_db()
    assert (contract.initial_term_amount, contract.notice_period_amount) == (24, 3)
    assert {
        d.pk: d.deadline
        for d in _notice_deadlines(contract)
        if d.obligation.document.kind == "original"
    } == agreement_deadlines
    assert result.said == [
        "added its own term of 24 months from 2027-01-01, renewing for 12 months, "
        "with 90 days' notice"
    ]
    assert len(contract_timeline(contract)[1].created) >= 3


def test_a_non_renewal_notice_stops_every_later_renewal_deadline(family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        order = _upload(
            contract.organisation,
            reviewer,
            "order-form-no-1.md",
            contract=contract,
            kind=DocumentKind.ORDER_FORM,
            label="Order Form No. 1",
            effective_on=dt.date(2027, 1, 1),
        )
        _confirm_timed(order, reviewer)
        _confirm_as_extracted(order, reviewer)
        done = _notice_deadlines(contract)[0]
        done.status = "done"
        done.save()
        assert len(_notice_deadlines(contract)) == 6

        notice, _ = document_upload(
            organisation=contract.organisation,
            user=reviewer,
            filename="non-renewal.txt",
            text=NON_RENEWAL,
            contract=contract,
            kind=DocumentKind.NON_RENEWAL,
            label="Notice of non-renewal",
            effective_on=dt.date(2027, 2, 1),
        )
        document_extract(document_id=notice.pk)
        notice.refresh_from_db()
        result = _confirm_as_extracted(notice, reviewer)

    assert result.said == ["ended the renewals: no renewal deadlines after it"]
    remaining = _notice_deadlines(contract)
    assert [d.pk for d in remaining] == [done.pk]  # the done one stays, as it was
    assert remaining[0].status == "done"
    contract.refresh_from_db()
    assert contract.auto_renews is False
    origin = FactOrigin.objects.get(contract=contract, fact="auto_renews")
    assert (origin.document_id, origin.since) == (notice.pk, dt.date(2027, 2, 1))
    removed = contract_timeline(contract)[-1].removed
    assert len(removed) == 5
    # The payment duty is no renewal: it is untouched.
    assert contract.obligations.filter(anchor="invoice_received", review_status="confirmed")


def test_archiving_the_family_stops_its_reminders_and_restoring_starts_them(family):
    contract, reviewer = family

    def due() -> int:
        return Reminder.objects.filter(deadline__contract=contract, state=ReminderState.DUE).count()

    with time_machine.travel(dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        reminders_schedule_due()
        assert due() > 0
        contract_archive(contract=contract, by=reviewer)
        reminders_schedule_due()
        assert due() == 0
        contract_restore(contract=contract, by=reviewer)
        reminders_schedule_due()
        assert due() > 0


def test_a_family_document_needs_its_kind_and_effective_date(family):
    contract, reviewer = family
    with pytest.raises(UploadRefused, match="Give the day the document takes effect"):
        document_upload(
            organisation=contract.organisation,
            user=reviewer,
            filename="amendment.txt",
            text="Amendment",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
        )
    with pytest.raises(UploadRefused, match="Say what the document is"):
        document_upload(
            organisation=contract.organisation,
            user=reviewer,
            filename="amendment.txt",
            text="Amendment",
            contract=contract,
            kind=DocumentKind.ORIGINAL,
            effective_on=dt.date(2027, 3, 1),
        )
    master = contract.documents.get()
    with pytest.raises(UploadRefused, match="already stored"):
        other = Contract.objects.create(organisation=contract.organisation, title="Other")
        _upload(
            contract.organisation,
            reviewer,
            "master-subscription-agreement.md",
            contract=other,
            kind=DocumentKind.AMENDMENT,
            effective_on=dt.date(2027, 3, 1),
        )
    assert master.contract_id == contract.pk


def test_confirming_without_an_effective_date_says_so(family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        amendment = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            effective_on=dt.date(2027, 3, 1),
        )
        with pytest.raises(ValidationError) as raised:
            _confirm_as_extracted(amendment, reviewer, effective_on=None)
    assert "takes effect" in raised.value.message_dict["effective_on"][0]
    contract.refresh_from_db()
    assert contract.notice_period_amount == 3  # nothing applied


def test_an_earlier_amendment_confirmed_later_does_not_override_a_later_one(family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        later = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 2",
            effective_on=dt.date(2027, 3, 1),
        )
        _confirm_as_extracted(later, reviewer)
        earlier, _ = document_upload(
            organisation=contract.organisation,
            user=reviewer,
            filename="amendment-1.txt",
            text="Amendment No. 1. The notice period is changed to four (4) months.",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 1",
            effective_on=dt.date(2026, 9, 1),
        )
        earlier = document_extract(document_id=earlier.pk)
        result = _confirm_as_extracted(
            earlier,
            reviewer,
            initial_term_amount=None,
            initial_term_unit="",
            renewal_term_amount=None,
            renewal_term_unit="",
            notice_period_amount=4,
            notice_period_unit="months",
        )
    contract.refresh_from_db()
    assert (contract.notice_period_amount, contract.notice_period_unit) == (60, "days")
    assert "a document taking effect later already sets it" in result.said[0]
    timeline = contract_timeline(contract)
    assert [entry.document.label for entry in timeline[1:]] == [
        "Amendment No. 1",
        "Amendment No. 2",
    ]


def test_the_contract_page_names_each_fact_s_source_and_shows_the_timeline(client, family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        amendment = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 1",
            effective_on=dt.date(2027, 3, 1),
        )
        _confirm_as_extracted(amendment, reviewer)
        client.force_login(reviewer)
        page = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
    assert "from Amendment No. 1 since" in page and ">2027-03-01</time>" in page
    assert 'id="timeline"' in page
    assert "set the notice period to 60 days" in page


def test_the_add_document_page_says_what_is_missing_instead_of_failing(client, family):
    contract, reviewer = family
    client.force_login(reviewer)
    url = reverse("contract_document_add", args=[contract.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "amendment", "text": "Amendment No. 2 …"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the day this document takes effect" in page
    response = client.post(url, {"effective_on": "2027-02-30", "text": "Amendment"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "“2027-02-30” is not a date that exists" in page
    assert "Say what the document is" in page
    assert contract.documents.count() == 1  # nothing stored

    response = client.post(
        url,
        {
            "kind": "amendment",
            "label": "Amendment No. 2",
            "effective_on": "2027-03-01",
            "file": SimpleUploadedFile("amendment.pdf", b"%PDF-1.4 not really a pdf"),
        },
    )
    assert response.status_code == 302
    document = contract.documents.get(kind="amendment")
    assert (document.label, document.effective_on) == ("Amendment No. 2", dt.date(2027, 3, 1))
    document = document_extract(document_id=document.pk)
    assert document.extraction_status == "failed" and document.error  # a message, no trace
    page = client.get(reverse("document_progress", args=[document.pk])).content.decode()
    assert document.error.split(":")[0] in page


def test_confirming_a_document_through_the_page(client, family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        amendment = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 1",
            effective_on=dt.date(2027, 3, 1),
        )
        client.force_login(reviewer)
        page = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
        assert 'id="document-changes"' in page and "awaiting confirmation" in page
        url = reverse("document_changes", args=[amendment.pk])
        form = {
            "changes-kind": "amendment",
            "changes-label": "Amendment No. 1",
            "changes-effective_on": "",
            "changes-initial_term_amount": "36",
            "changes-initial_term_unit": "months",
            "changes-notice_period_amount": "60",
            "changes-notice_period_unit": "days",
        }
        missing = client.post(url, form)
        assert missing.status_code == 400
        assert "Give the day this document takes effect" in missing.content.decode()
        half = client.post(
            url, {**form, "changes-effective_on": "2027-03-01", "changes-notice_period_unit": ""}
        )
        assert half.status_code == 400
        assert "Give the notice period&#x27;s unit as well as its number" in half.content.decode()
        done = client.post(url, {**form, "changes-effective_on": "2027-03-01"})
        assert done.status_code == 302
        page = client.get(done["Location"]).content.decode()
    assert "set the notice period to 60 days" in page
    assert "Moved from 2027-03-31: Amendment No. 1, effective 2027-03-01" in page


def test_the_history_lists_the_confirmed_document(client, family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        amendment = _upload(
            contract.organisation,
            reviewer,
            "amendment-no-1.md",
            contract=contract,
            kind=DocumentKind.AMENDMENT,
            label="Amendment No. 1",
            effective_on=dt.date(2027, 3, 1),
        )
        _confirm_as_extracted(amendment, reviewer)
        client.force_login(reviewer)
        page = client.get(reverse("contract_history", args=[contract.pk])).content.decode()
    assert "Confirmed a document of the family" in page
    assert "Amendment No. 1, effective 2027-03-01" in page
    assert "set the notice period to 60 days" in page


def test_a_replacement_version_sets_the_start_and_term_anew(family):
    contract, reviewer = family
    with time_machine.travel(TODAY, tick=False):
        replacement, _ = document_upload(
            organisation=contract.organisation,
            user=reviewer,
            filename="restated.txt",
            text=(
                "Amended and Restated Master Subscription Agreement\n\n"
                'This Agreement is effective as of April 1, 2027 (the "Effective Date").\n\n'
                "1. Term\n1.1 The Agreement has an initial term of twelve (12) months from the "
                "Effective Date and does not renew.\n"
            ),
            contract=contract,
            kind=DocumentKind.REPLACEMENT,
            label="Restated agreement",
            effective_on=dt.date(2027, 4, 1),
        )
        replacement = document_extract(document_id=replacement.pk)
        assert replacement.changes.get("start_date") == "2027-04-01"
        result = _confirm_as_extracted(
            replacement,
            reviewer,
            initial_term_amount=12,
            initial_term_unit="months",
            auto_renews=False,
        )
    contract.refresh_from_db()
    assert contract.start_date == dt.date(2027, 4, 1)
    assert (contract.initial_term_amount, contract.auto_renews) == (12, False)
    assert "set the start date to 2027-04-01" in result.said
    origin = FactOrigin.objects.get(contract=contract, fact="start_date")
    assert origin.document == replacement
