"""The review page: confirm, correct and reject obligations (htmx and plain POST), the facts form,
read-only viewers, and organisation scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from obligations.models import Deadline, FactOrigin, Obligation, ReviewLog
from obligations.models.choices import Origin, ReviewStatus, Role
from obligations.views.review import DEADLINES_SHOWN, evidence_html
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TERM_TEXT = (
    "12. Term\nThis agreement runs for twelve months and renews automatically for further "
    "twelve months unless either party gives notice of three months before the end of the term.\n"
    "13. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def reviewer(organisation):
    return MembershipFactory(organisation=organisation, role=Role.REVIEWER).user


@pytest.fixture
def viewer(organisation):
    return MembershipFactory(organisation=organisation, role=Role.VIEWER).user


@pytest.fixture
def obligation(organisation):
    contract = ContractFactory(organisation=organisation)
    document = ContractDocumentFactory(contract=contract)
    return ObligationFactory(clause=ClauseFactory(document=document))


def _correction(obligation: Obligation, **changes: object) -> dict[str, object]:
    data = {
        "party": obligation.party,
        "period_amount": obligation.period_amount,
        "period_unit": obligation.period_unit,
        "relation": obligation.relation,
        "anchor": obligation.anchor,
        "recurrence": obligation.recurrence,
        "summary": obligation.summary,
        **changes,
    }
    return {f"ob{obligation.pk}-{name}": "" if v is None else v for name, v in data.items()}


def _facts(**changes: object) -> dict[str, object]:
    data = {
        "start_date": "2026-04-01",
        "initial_term_amount": "12",
        "initial_term_unit": "months",
        "renewal_term_amount": "12",
        "renewal_term_unit": "months",
        "auto_renews": "yes",
        "notice_period_amount": "3",
        "notice_period_unit": "months",
        "governing_law": "DE",
        "holiday_calendars": "DE",
        "time_zone": "Europe/Berlin",
    }
    data.update(changes)
    return data


# -- The page -----------------------------------------------------------------------------------


def test_review_page_shows_text_with_highlighted_evidence_and_the_cards(
    client, reviewer, obligation
):
    client.force_login(reviewer)
    response = client.get(reverse("contract_review", args=[obligation.contract_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="ev-{obligation.pk}"' in html
    assert f'id="ob-{obligation.pk}"' in html
    assert "The Customer shall pay each invoice" in html
    assert 'hx-post="' + reverse("obligation_confirm", args=[obligation.pk]) in html
    assert 'id="shortcut-help"' in html and "js/review.js" in html
    assert "1</strong> of 1 obligation awaits review" in html


def test_each_card_names_the_party_that_owes_it(client, reviewer, organisation):
    contract = ContractFactory(organisation=organisation)
    document = ContractDocumentFactory(
        contract=contract,
        parties=[
            {"name": "Northwind Pharma AG", "role": "provider", "aliases": ["NORTHWIND"]},
            {"name": "Fabrikam Ltd", "role": "customer", "aliases": ["Buyer"]},
        ],
    )
    ObligationFactory(clause=ClauseFactory(document=document), party="customer")
    ObligationFactory(clause=ClauseFactory(document=document), party="both")
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
    assert "<dd>Fabrikam Ltd <span" in html and "(customer)" in html
    assert "<dd>Both parties <span" in html
    assert "Northwind Pharma AG" not in html  # no obligation of the provider


def test_a_card_without_known_parties_shows_the_role(client, reviewer, obligation):
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[obligation.contract_id])).content.decode()
    # We are the customer: our organisation's name stands in, with the role beside it.
    name = obligation.contract.organisation.name
    assert f'<dd>{name} <span class="muted small">(customer)</span>' in html


def test_evidence_html_escapes_every_piece_and_handles_overlaps(obligation):
    text = "<b>Pay</b> & then <script>x()</script> notify"
    first = ObligationFactory(
        clause=obligation.clause, evidence_start=0, evidence_end=14, quote=text[:14]
    )
    second = ObligationFactory(
        clause=obligation.clause, evidence_start=10, evidence_end=len(text), quote=text[10:]
    )
    same = ObligationFactory(
        clause=obligation.clause, evidence_start=10, evidence_end=len(text), quote=text[10:]
    )
    html = str(evidence_html(text, [first, second, same]))
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;Pay&lt;/b&gt;" in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert html.count(f'id="ev-{first.pk}"') == 1
    assert html.count(f'id="ev-{second.pk}"') == 1
    assert html.count(f'id="ev-{same.pk}"') == 1
    assert f'data-ob="{first.pk} {second.pk} {same.pk}"' in html  # the overlapping piece
    # Identical spans: the second one's id sits on a nested mark inside the first piece.
    assert f'<mark class="ev-alias" id="ev-{same.pk}"> &amp; t</mark></mark>' in html
    assert f'data-ob="{second.pk} {same.pk}">hen &lt;script' in html


def test_viewer_sees_the_review_read_only(client, viewer, obligation):
    client.force_login(viewer)
    html = client.get(reverse("contract_review", args=[obligation.contract_id])).content.decode()
    assert "viewing this review read-only" in html
    assert 'data-action="confirm"' not in html
    assert "<fieldset disabled>" in html
    assert 'id="confirm-facts"' not in html


# -- Confirm, correct, reject -------------------------------------------------------------------


def test_confirm_through_htmx_swaps_the_card_and_logs(client, reviewer, obligation):
    client.force_login(reviewer)
    response = client.post(reverse("obligation_confirm", args=[obligation.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="ob-{obligation.pk}"')
    assert 'data-status="confirmed"' in html
    assert 'id="review-counts" class="rv-counts" hx-swap-oob="true"' in html
    assert 'id="deadlines-panel"' in html
    obligation.refresh_from_db()
    assert obligation.review_status == ReviewStatus.CONFIRMED
    assert obligation.reviewed_by == reviewer
    log = ReviewLog.objects.get(obligation=obligation)
    assert (log.action, log.actor, log.changes) == (
        "confirmed",
        reviewer,
        {"review_status": ["pending", "confirmed"]},
    )


def test_confirm_through_plain_post_redirects_back_to_the_card(client, reviewer, obligation):
    client.force_login(reviewer)
    response = client.post(reverse("obligation_confirm", args=[obligation.pk]))
    review_url = reverse("contract_review", args=[obligation.contract_id])
    assert response.status_code == 302
    assert response["Location"] == f"{review_url}#ob-{obligation.pk}"
    page = client.get(review_url).content.decode()
    assert "Confirmed: Pay each invoice within 30 days after receipt" in page
    assert ReviewLog.objects.filter(obligation=obligation, action="confirmed").count() == 1


def test_correct_through_htmx_saves_changes_and_logs_them(client, reviewer, obligation):
    client.force_login(reviewer)
    url = reverse("obligation_correct", args=[obligation.pk])
    form = client.get(url, **HTMX)
    assert f'hx-post="{url}"' in form.content.decode()
    data = _correction(obligation, period_amount=14, summary="Pay each invoice within 14 days")
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert 'data-status="corrected"' in response.content.decode()
    obligation.refresh_from_db()
    assert (obligation.period_amount, obligation.review_status) == (14, ReviewStatus.CORRECTED)
    log = ReviewLog.objects.get(obligation=obligation)
    assert log.action == "corrected"
    assert log.changes["period_amount"] == [30, 14]
    assert log.changes["summary"][1] == "Pay each invoice within 14 days"


def test_correct_through_plain_post(client, reviewer, obligation):
    client.force_login(reviewer)
    full_page = client.get(reverse("obligation_correct", args=[obligation.pk]))
    assert full_page.status_code == 200 and "<html" in full_page.content.decode()
    data = _correction(obligation, party="provider", recurrence="monthly")
    response = client.post(reverse("obligation_correct", args=[obligation.pk]), data)
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.party, obligation.recurrence) == ("provider", "monthly")


def test_saving_a_correction_unchanged_confirms(client, reviewer, obligation):
    client.force_login(reviewer)
    url = reverse("obligation_correct", args=[obligation.pk])
    client.post(url, _correction(obligation), **HTMX)
    obligation.refresh_from_db()
    assert obligation.review_status == ReviewStatus.CONFIRMED
    assert ReviewLog.objects.get(obligation=obligation).action == "confirmed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period_amount": 0}, "must be at least 1"),
        ({"period_amount": "ten"}, "whole number"),
        ({"period_unit": "fortnights"}, "is not a unit Clausewatch counts in"),
        ({"period_unit": ""}, "unit as well as its number"),
        ({"relation": ""}, "before or after the event"),
        ({"anchor": "invoice_receipt"}, "Select a valid choice"),
        ({"party": "landlord"}, "Select a valid choice"),
        ({"summary": ""}, "This field is required"),
    ],
)
def test_bad_corrections_are_form_errors_and_change_nothing(
    client, reviewer, obligation, changes, message
):
    client.force_login(reviewer)
    url = reverse("obligation_correct", args=[obligation.pk])
    response = client.post(url, _correction(obligation, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    htmx_response = client.post(url, _correction(obligation, **changes), **HTMX)
    assert htmx_response.status_code == 200 and message in htmx_response.content.decode()
    obligation.refresh_from_db()
    assert obligation.review_status == ReviewStatus.PENDING and obligation.period_amount == 30
    assert not ReviewLog.objects.exists()


def test_reject_through_htmx_and_plain_post(client, reviewer, obligation):
    client.force_login(reviewer)
    url = reverse("obligation_reject", args=[obligation.pk])
    response = client.post(url, **HTMX)
    assert 'data-status="rejected"' in response.content.decode()
    obligation.refresh_from_db()
    assert obligation.review_status == ReviewStatus.REJECTED
    client.post(reverse("obligation_confirm", args=[obligation.pk]))
    assert client.post(url).status_code == 302
    actions = list(ReviewLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["rejected", "confirmed", "rejected"]


def test_cancelling_an_edit_returns_the_card(client, reviewer, obligation):
    client.force_login(reviewer)
    url = reverse("obligation_card", args=[obligation.pk])
    assert 'data-action="edit"' in client.get(url, **HTMX).content.decode()
    assert client.get(url)["Location"].endswith(f"#ob-{obligation.pk}")


# -- Facts --------------------------------------------------------------------------------------


def test_facts_form_is_prefilled_and_marks_extracted_values(client, reviewer, obligation):
    contract = obligation.contract
    contract.start_date = dt.date(2025, 1, 1)
    contract.save()
    FactOrigin.objects.create(
        contract=contract, fact="start_date", origin=Origin.EXTRACTED, evidence="as of 1 January"
    )
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
    assert 'value="2025-01-01"' in html
    assert '<span class="badge extracted" title="as of 1 January">extracted</span>' in html


def test_confirming_facts_records_origins_and_computes_deadlines(client, reviewer, organisation):
    contract = ContractFactory(
        organisation=organisation,
        start_date=dt.date(2026, 4, 1),
        initial_term_amount=12,
        initial_term_unit="months",
    )
    FactOrigin.objects.create(contract=contract, fact="start_date", origin=Origin.EXTRACTED)
    document = ContractDocumentFactory(contract=contract, text=TERM_TEXT)
    term_end = TERM_TEXT.index("unless")
    ObligationFactory(
        clause=ClauseFactory(document=document),
        evidence_start=term_end,
        evidence_end=TERM_TEXT.index("13."),
        party="both",
        kind="renewal_notice",
        summary="Give notice three months before the term ends",
        period_amount=3,
        period_unit="months",
        relation="before",
        anchor="term_end",
        recurrence="annually",
        review_status=ReviewStatus.CONFIRMED,
    )
    client.force_login(reviewer)
    response = client.post(reverse("contract_facts", args=[contract.pk]), _facts(), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Facts saved; the deadlines have been recomputed." in html
    contract.refresh_from_db()
    assert contract.facts_confirmed_at is not None
    assert (contract.notice_period_amount, contract.auto_renews) == (3, True)
    origins = dict(contract.fact_origins.values_list("fact", "origin"))
    assert origins["start_date"] == Origin.CONFIRMED  # accepted unchanged
    assert origins["notice_period"] == Origin.EDITED
    assert contract.fact_origins.get(fact="notice_period").by == reviewer
    log = ReviewLog.objects.get(contract=contract)
    assert log.action == "facts_edited"
    assert log.changes["notice_period"] == [None, "3 months"]
    assert "start_date" not in log.changes
    deadline = Deadline.objects.filter(contract=contract).order_by("act_by").first()
    assert deadline is not None and deadline.deadline < dt.date(2027, 4, 1)
    # The deadline is on the page out of band, with its explanation lines.
    assert 'id="deadlines-panel"' in html and 'hx-swap-oob="true"' in html
    assert deadline.act_by.isoformat() in html
    for line in deadline.explanation:
        assert str(line).replace("'", "&#x27;") in html


def test_confirming_facts_again_unchanged_is_logged_as_confirmed(client, reviewer, obligation):
    client.force_login(reviewer)
    url = reverse("contract_facts", args=[obligation.contract_id])
    client.post(url, _facts())
    assert client.post(url, _facts()).status_code == 302
    actions = list(ReviewLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["facts_edited", "facts_confirmed"]
    assert set(obligation.contract.fact_origins.values_list("origin", flat=True)) == {"confirmed"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_date": "2026-02-30"}, "“2026-02-30” is not a date that exists"),
        ({"start_date": "next Tuesday"}, "is not a date that exists"),
        ({"time_zone": "Mars/Olympus_Mons"}, "is not a time zone Clausewatch knows"),
        ({"time_zone": ""}, "This field is required"),
        ({"holiday_calendars": "DE, XX-YY"}, "Unknown holiday calendar"),
        ({"holiday_calendars": "DE-ZZ"}, "has no subdivision"),
        ({"governing_law": "Narnia"}, "Unknown governing law"),
        ({"notice_period_amount": "0"}, "must be at least 1"),
        ({"notice_period_unit": "lunar_cycles"}, "is not a unit Clausewatch counts in"),
        ({"initial_term_unit": ""}, "unit as well as its number"),
    ],
)
def test_bad_facts_are_form_errors_and_change_nothing(
    client, reviewer, obligation, changes, message
):
    client.force_login(reviewer)
    url = reverse("contract_facts", args=[obligation.contract_id])
    response = client.post(url, _facts(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    htmx_response = client.post(url, _facts(**changes), **HTMX)
    assert htmx_response.status_code == 200 and message in htmx_response.content.decode()
    obligation.contract.refresh_from_db()
    assert obligation.contract.facts_confirmed_at is None
    assert not ReviewLog.objects.exists() and not FactOrigin.objects.exists()


# -- Permissions and scoping --------------------------------------------------------------------


def test_viewer_cannot_change_anything(client, viewer, obligation):
    client.force_login(viewer)
    for name in ("obligation_confirm", "obligation_reject"):
        assert client.post(reverse(name, args=[obligation.pk]), **HTMX).status_code == 403
    correct = reverse("obligation_correct", args=[obligation.pk])
    assert client.post(correct, _correction(obligation, period_amount=5)).status_code == 403
    facts = reverse("contract_facts", args=[obligation.contract_id])
    assert client.post(facts, _facts()).status_code == 403
    obligation.refresh_from_db()
    assert obligation.review_status == ReviewStatus.PENDING and obligation.period_amount == 30
    assert not ReviewLog.objects.exists()


def test_another_organisations_obligation_and_contract_are_404(client, reviewer):
    foreign = ObligationFactory()
    client.force_login(reviewer)
    for name in ("obligation_confirm", "obligation_reject", "obligation_correct"):
        assert client.post(reverse(name, args=[foreign.pk])).status_code == 404
    assert client.get(reverse("obligation_card", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("contract_review", args=[foreign.contract_id])).status_code == 404
    assert client.post(reverse("contract_facts", args=[foreign.contract_id])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.review_status == ReviewStatus.PENDING


def test_review_requires_login(client, obligation):
    response = client.get(reverse("contract_review", args=[obligation.contract_id]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_deadlines_panel_shows_the_first_open_ones_and_counts_the_rest(
    client, reviewer, obligation
):
    for day in range(DEADLINES_SHOWN + 2):
        act_by = dt.date(2026, 3, 1) + dt.timedelta(days=day)
        DeadlineFactory(obligation=obligation, act_by=act_by, deadline=act_by)
    DeadlineFactory(obligation=obligation, status="done")
    client.force_login(reviewer)
    html = client.get(reverse("contract_review", args=[obligation.contract_id])).content.decode()
    assert html.count('class="rv-deadline"') == DEADLINES_SHOWN
    assert "2 later open deadlines not shown" in html


def test_review_page_queries_do_not_grow_with_obligations_members_or_deadlines(
    client, organisation, reviewer
):
    contract = ContractFactory(organisation=organisation)
    document = ContractDocumentFactory(contract=contract, text="The Customer shall pay. " * 200)
    clause = ClauseFactory(document=document, start=0, end=len(document.text))

    def add(count: int) -> None:
        for n in range(count):
            obligation = ObligationFactory(
                clause=clause, evidence_start=n * 24, evidence_end=n * 24 + 22, assignee=reviewer
            )
            DeadlineFactory(obligation=obligation)
            MembershipFactory(organisation=organisation, role=Role.REVIEWER)

    client.force_login(reviewer)
    url = reverse("contract_review", args=[contract.pk])
    add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(40)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('<li id="ob-') == 43
    # The deadline panel counts what it leaves out once it is full: one query, at any size.
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


def test_review_page_reads_the_documents_text_once(client, organisation, reviewer):
    contract = ContractFactory(organisation=organisation)
    document = ContractDocumentFactory(contract=contract, text="The Customer shall pay. " * 200)
    clause = ClauseFactory(document=document, start=0, end=len(document.text))
    for n in range(5):
        ObligationFactory(clause=clause, evidence_start=n * 24, evidence_end=n * 24 + 22)
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("contract_review", args=[contract.pk])).status_code == 200
    text_column = '"obligations_contractdocument"."text"'
    reads = [query["sql"] for query in queries.captured_queries if text_column in query["sql"]]
    # The shown document, once: not per card, per fact's origin or in the family's timeline.
    assert len(reads) == 1, reads
