"""The contract's place of performance: read from the contract (else the governing law), edited
on the review page, asked for under Swiss law when no canton is known, and used by the deadline
recomputation; notice obligations to the end of a period get the next end that can be reached."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from obligations.models import Deadline, FactOrigin
from obligations.models.choices import Role
from obligations.services.deadlines import deadlines_recompute
from obligations.services.documents import document_extract, document_upload
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    EventFactory,
    MembershipFactory,
    ObligationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}


def confirmed(contract, **values):
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    return ObligationFactory(clause=clause, review_status="confirmed", **values)


def test_an_invoice_due_on_corpus_christi_at_a_bavarian_place_moves() -> None:
    contract = ContractFactory(
        governing_law="DE", holiday_calendars=[], place_of_performance="DE-BY"
    )
    confirmed(contract)  # pay within 30 days after receipt of the invoice
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 5, 5))
    deadlines_recompute(contract=contract, today=D(2026, 5, 6))
    row = Deadline.objects.get(contract=contract)
    assert (row.unshifted, row.deadline) == (D(2026, 6, 4), D(2026, 6, 5))
    assert any("Place of performance DE-BY" in line for line in row.explanation)


def test_without_the_place_the_same_deadline_stays_on_corpus_christi() -> None:
    contract = ContractFactory(governing_law="DE", holiday_calendars=[], place_of_performance="")
    confirmed(contract)
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 5, 5))
    deadlines_recompute(contract=contract, today=D(2026, 5, 6))
    assert Deadline.objects.get(contract=contract).deadline == D(2026, 6, 4)


def quarter_notice_contract(place: str = "CH-BE"):
    contract = ContractFactory(
        governing_law="CH",
        holiday_calendars=[],
        place_of_performance=place,
        start_date=D(2026, 2, 2),
        time_zone="Europe/Zurich",
    )
    confirmed(
        contract,
        kind="termination_notice",
        summary="Give three months' notice to the end of a calendar quarter",
        period_amount=3,
        period_unit="months",
        relation="before",
        anchor="quarter_end",
        recurrence="",
    )
    return contract


@pytest.mark.parametrize(
    ("today", "deadline", "effective"),
    [
        (D(2026, 3, 31), D(2026, 3, 31), "2026-06-30"),  # the last day this quarter end works
        (D(2026, 4, 1), D(2026, 6, 30), "2026-09-30"),  # one day later: the next one
    ],
)
def test_notice_to_the_end_of_a_quarter_gives_the_next_reachable_end(
    today: dt.date, deadline: dt.date, effective: str
) -> None:
    contract = quarter_notice_contract()
    result = deadlines_recompute(contract=contract, today=today)
    assert not result.problems
    rows = list(Deadline.objects.filter(contract=contract))
    assert [row.deadline for row in rows] == [deadline]
    assert rows[0].occurrence == f"period:{effective}"
    assert any(
        "The next end that can still be reached is" in line and effective in line
        for line in rows[0].explanation
    )


def test_a_passed_quarter_notice_stays_as_overdue_and_the_next_one_is_added() -> None:
    contract = quarter_notice_contract()
    deadlines_recompute(contract=contract, today=D(2026, 3, 31))
    deadlines_recompute(contract=contract, today=D(2026, 4, 1))
    assert sorted(r.deadline for r in Deadline.objects.filter(contract=contract)) == [
        D(2026, 3, 31),
        D(2026, 6, 30),
    ]


SWISS_CONTRACT = (
    "Licence Agreement\n\n1. Fees\nLicensee shall pay each invoice within thirty (30) days "
    "after receipt of the invoice.\n\n2. Termination\nEither party may terminate this Agreement "
    "by giving three (3) months' written notice to the end of a calendar quarter.\n\n"
    "3. Law\n{place}This Agreement is governed by Swiss law.\n"
)


@pytest.mark.parametrize(
    ("place_sentence", "expected", "evidence"),
    [
        ("The place of performance is Bern. ", "CH-BE", "named in the contract"),
        ("", "CH", "taken from the governing law"),
    ],
)
def test_extraction_sets_the_place_from_the_contract_else_from_the_law(
    place_sentence: str, expected: str, evidence: str
) -> None:
    organisation = OrganisationFactory()
    user = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    document, _ = document_upload(
        organisation=organisation,
        user=user,
        filename="licence.txt",
        data=SWISS_CONTRACT.format(place=place_sentence).encode(),
    )
    document_extract(document_id=document.pk)
    contract = document.contract
    contract.refresh_from_db()
    assert contract.place_of_performance == expected
    origin = FactOrigin.objects.get(contract=contract, fact="place_of_performance")
    assert evidence in origin.evidence
    notice = contract.obligations.get(anchor="quarter_end")
    assert (notice.relation, notice.period_amount, notice.period_unit) == ("before", 3, "months")


def _facts(**changes: object) -> dict[str, object]:
    return {
        "governing_law": "CH",
        "holiday_calendars": "",
        "place_of_performance": "",
        "time_zone": "Europe/Zurich",
        **changes,
    }


def test_the_review_page_asks_for_a_canton_under_swiss_law_and_stores_the_place(client) -> None:
    organisation = OrganisationFactory()
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    contract = quarter_notice_contract(place="CH")
    contract.organisation = organisation
    contract.save()
    client.force_login(reviewer)
    page = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
    assert 'id="place-needs-canton"' in page and "Which canton" in page
    assert 'name="place_of_performance"' in page

    url = reverse("contract_facts", args=[contract.pk])
    response = client.post(url, _facts(place_of_performance="ch-zh"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="place-needs-canton"' not in html
    contract.refresh_from_db()
    assert contract.place_of_performance == "CH-ZH"
    assert FactOrigin.objects.get(contract=contract, fact="place_of_performance").origin == (
        "edited"
    )


def test_a_place_that_is_not_a_country_state_or_canton_is_a_form_error(client) -> None:
    organisation = OrganisationFactory()
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    contract = ContractFactory(organisation=organisation, place_of_performance="DE")
    client.force_login(reviewer)
    url = reverse("contract_facts", args=[contract.pk])
    html = client.post(url, _facts(place_of_performance="CH-XX"), **HTMX).content.decode()
    assert "no subdivision" in html
    contract.refresh_from_db()
    assert contract.place_of_performance == "DE"


def test_no_canton_question_when_the_calendar_names_one_or_the_law_is_german(client) -> None:
    organisation = OrganisationFactory()
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    client.force_login(reviewer)
    for facts in (
        {"governing_law": "CH", "holiday_calendars": ["CH-BE"], "place_of_performance": "CH"},
        {"governing_law": "DE", "holiday_calendars": [], "place_of_performance": "DE"},
    ):
        contract = ContractFactory(organisation=organisation, **facts)
        page = client.get(reverse("contract_review", args=[contract.pk])).content.decode()
        assert 'id="place-needs-canton"' not in page
