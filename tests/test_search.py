"""Search over contract titles, counterparties, clause text and obligation summaries: the
database's full-text index (PostgreSQL tsvector + GIN, SQLite FTS5), ranked, words marked."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from obligations.models import SearchEntry
from obligations.models.choices import Role
from obligations.services.review import obligation_correct, obligation_reject
from obligations.services.search import search, search_index_contract
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "1. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
    "2. Most favoured customer\nThe Supplier warrants that the prices charged are no higher "
    "than those charged to any other customer for comparable volumes.\n"
    "3. Notices\nNotices shall be given in writing <b>by registered mail</b>.\n"
)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def contract(organisation):
    contract = ContractFactory(
        organisation=organisation, title="Hosting agreement", counterparty="Nimbus Cloud GmbH"
    )
    document = ContractDocumentFactory(contract=contract, text=TEXT)
    starts = [TEXT.index("1. Payment"), TEXT.index("2. Most"), TEXT.index("3. Notices")]
    ends = [*starts[1:], len(TEXT)]
    headings = ["Payment", "Most favoured customer", "Notices"]
    clauses = [
        ClauseFactory(document=document, position=i, ref=str(i + 1), heading=h, start=s, end=e)
        for i, (h, s, e) in enumerate(zip(headings, starts, ends, strict=True))
    ]
    quote = "The Customer shall pay each invoice within 30 days after receipt."
    ObligationFactory(
        clause=clauses[0],
        evidence_start=TEXT.index(quote),
        evidence_end=TEXT.index(quote) + len(quote),
    )
    search_index_contract(contract=contract)
    return contract


def test_a_clause_is_found_by_two_of_its_words_with_the_words_marked(organisation, contract):
    hits = search(organisation=organisation, query="comparable volumes")
    assert [hit.entry.kind for hit in hits] == ["clause"]
    assert hits[0].entry.clause.heading == "Most favoured customer"
    assert "<mark>comparable</mark> <mark>volumes</mark>" in hits[0].snippet


def test_every_word_must_match_and_endings_are_ignored(organisation, contract):
    assert search(organisation=organisation, query="comparable renewal") == []
    # "charges" and "charged" share a stem.
    assert [h.entry.kind for h in search(organisation=organisation, query="charges")] == ["clause"]


def test_titles_counterparties_and_obligation_summaries_are_searched(organisation, contract):
    kinds = {hit.entry.kind for hit in search(organisation=organisation, query="Nimbus")}
    assert kinds == {"contract"}
    found = search(organisation=organisation, query="invoice receipt")
    assert {hit.entry.kind for hit in found} == {"clause", "obligation"}


def test_another_organisations_contracts_are_not_found(contract):
    assert search(organisation=OrganisationFactory(), query="comparable volumes") == []


def test_contract_text_is_escaped_and_operators_are_plain_words(organisation, contract):
    hits = search(organisation=organisation, query="registered mail")
    assert len(hits) == 1
    # Markup in the text never reaches the page as markup (PostgreSQL's headline drops tags,
    # SQLite's snippet keeps them, escaped).
    assert "<b>" not in hits[0].snippet and "<mark>registered</mark>" in hits[0].snippet
    # Quotes, stars and boolean words are not query syntax.
    assert search(organisation=organisation, query='mail" OR * NEAR(') == search(
        organisation=organisation, query="mail OR NEAR"
    )
    assert search(organisation=organisation, query="!!! ...") == []


def test_a_review_keeps_the_index_in_step(organisation, contract):
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    obligation = contract.obligations.get()
    obligation_correct(
        obligation=obligation,
        user=reviewer,
        party="customer",
        period_amount=30,
        period_unit="days",
        relation="after",
        anchor=obligation.anchor,
        recurrence="",
        summary="Settle every undisputed invoice within 30 days",
    )
    assert [h.entry.kind for h in search(organisation=organisation, query="undisputed")] == [
        "obligation"
    ]
    obligation_reject(obligation=obligation, user=reviewer)
    assert search(organisation=organisation, query="undisputed") == []
    assert not SearchEntry.objects.filter(obligation=obligation).exists()


def test_the_full_text_index_answers_the_query(organisation, contract):
    """The query plan uses the GIN index on PostgreSQL and the FTS5 table on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows makes a sequential scan cheaper; forbid it to see the index serve.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM obligations_searchentry "
                "WHERE vector @@ plainto_tsquery('english', %s)",
                ["comparable volumes"],
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "searchentry_vector_gin" in plan, plan
        else:
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM obligations_searchentry_fts "
                "WHERE obligations_searchentry_fts MATCH %s",
                ['"comparable" "volumes"'],
            )
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan and "obligations_searchentry_fts" in plan, plan


def test_the_search_page_lists_ranked_results_with_links(client, organisation, contract):
    member = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    client.force_login(member.user)
    page = client.get(reverse("search"), {"q": "comparable volumes"}).content.decode()
    assert "<mark>comparable</mark>" in page
    assert f"/contracts/{contract.pk}/review/#clause-" in page
    empty = client.get(reverse("search"), {"q": "zeppelin"}).content.decode()
    assert "Nothing matches “zeppelin”" in empty
    # An htmx request gets the results only.
    partial = client.get(reverse("search"), {"q": "Nimbus"}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"Hosting agreement" in partial.content
