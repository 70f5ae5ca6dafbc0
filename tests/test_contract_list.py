"""Contract list: search, filters, pagination, and the htmx partial beside the full page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from obligations.models.choices import Role
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

D = dt.date
TODAY = D(2026, 11, 20)
URL = "/contracts/"


@pytest.fixture
def member():
    return MembershipFactory(role=Role.VIEWER)


def titles(response) -> list[str]:
    """Contract titles in the table, in order."""
    html = response.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")] if "<tbody>" in html else ""
    return re.findall(r'<td[^>]*><a href="[^"]+">([^<]+)</a>', body)


def renewal_deadline(contract, act_by, *, status="open", kind="renewal_notice", occurrence=None):
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    obligation = ObligationFactory(
        clause=clause,
        kind=kind,
        anchor="term_end" if kind == "renewal_notice" else "invoice_received",
        review_status="confirmed",
    )
    # The recomputation counts a renewal notice from the term schedule: "term:<term end>".
    if occurrence is None and kind == "renewal_notice":
        occurrence = f"term:{act_by.isoformat()}"
    values = {"occurrence": occurrence} if occurrence else {}
    return DeadlineFactory(
        obligation=obligation, act_by=act_by, deadline=act_by, status=status, **values
    )


def test_lists_only_the_organisations_contracts_in_title_order(signed_in, member):
    ContractFactory(organisation=member.organisation, title="Beta services")
    ContractFactory(organisation=member.organisation, title="Alpha licence")
    ContractFactory(organisation=MembershipFactory().organisation, title="Foreign deal")

    response = signed_in.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Alpha licence", "Beta services"]
    assert "2 contracts." in response.content.decode()


def test_search_matches_title_and_counterparty_case_insensitively(signed_in, member):
    org = member.organisation
    ContractFactory(organisation=org, title="Cloud hosting", counterparty="Nimbus AG")
    ContractFactory(organisation=org, title="Payroll", counterparty="Cloudy Payroll Ltd")
    ContractFactory(organisation=org, title="Office lease", counterparty="Landlord GmbH")

    assert titles(signed_in.get(URL, {"q": "CLOUD"})) == ["Cloud hosting", "Payroll"]
    assert titles(signed_in.get(URL, {"q": "nimbus"})) == ["Cloud hosting"]
    response = signed_in.get(URL, {"q": "nothing like this"})
    assert titles(response) == []
    assert "No contracts match these filters." in response.content.decode()


def test_status_filter(signed_in, member):
    ContractFactory(organisation=member.organisation, title="Running", status="active")
    ContractFactory(organisation=member.organisation, title="Finished", status="ended")
    assert titles(signed_in.get(URL, {"status": "ended"})) == ["Finished"]


def test_counterparty_filter_offers_the_organisations_counterparties(signed_in, member):
    ContractFactory(organisation=member.organisation, title="One", counterparty="Acme Ltd")
    ContractFactory(organisation=member.organisation, title="Two", counterparty="Acme Ltd Group")
    ContractFactory(organisation=MembershipFactory().organisation, counterparty="Foreign Co")

    page = signed_in.get(URL).content.decode()
    response = signed_in.get(URL, {"counterparty": "Acme Ltd"})

    assert '<option value="Acme Ltd">' in page and "Foreign Co" not in page
    assert titles(response) == ["One"]  # exact, not a substring


def test_counterparty_menu_escapes_names_and_keeps_the_chosen_one(signed_in, member):
    name = 'Smith & Sons "<b>Ltd</b>"'
    ContractFactory(organisation=member.organisation, title="One", counterparty=name)
    html = signed_in.get(URL, {"counterparty": name}).content.decode()
    escaped = "Smith &amp; Sons &quot;&lt;b&gt;Ltd&lt;/b&gt;&quot;"
    assert f'<option value="{escaped}" selected>{escaped}</option>' in html
    assert re.search(r'<select (?=[^>]*name="counterparty")(?=[^>]*id="id_counterparty")', html)
    assert "<b>Ltd</b>" not in html


def test_unknown_counterparty_is_a_clear_error_and_ignored(signed_in, member):
    ContractFactory(organisation=member.organisation, title="One", counterparty="Acme Ltd")
    response = signed_in.get(URL, {"counterparty": "Nobody"})
    assert "No contract has the counterparty “Nobody”" in response.content.decode()
    assert titles(response) == ["One"]


def test_law_filter(signed_in, member):
    ContractFactory(organisation=member.organisation, title="German", governing_law="DE")
    ContractFactory(organisation=member.organisation, title="New York", governing_law="US-NY")
    assert titles(signed_in.get(URL, {"law": "US-NY"})) == ["New York"]


def test_renewal_within_n_days_uses_open_renewal_deadlines(signed_in, member):
    org = member.organisation
    soon = ContractFactory(organisation=org, title="Renews soon")
    renewal_deadline(soon, TODAY + dt.timedelta(days=20))
    later = ContractFactory(organisation=org, title="Renews later")
    renewal_deadline(later, TODAY + dt.timedelta(days=60))
    by_occurrence = ContractFactory(organisation=org, title="Term notice")
    renewal_deadline(
        by_occurrence, TODAY + dt.timedelta(days=30), kind="notice", occurrence="term:2027-03-31"
    )
    done = ContractFactory(organisation=org, title="Notice already given")
    renewal_deadline(done, TODAY + dt.timedelta(days=10), status="done")
    passed = ContractFactory(organisation=org, title="Passed renewal")
    renewal_deadline(passed, TODAY - dt.timedelta(days=1))
    payment = ContractFactory(organisation=org, title="Only a payment")
    renewal_deadline(payment, TODAY + dt.timedelta(days=5), kind="payment")

    response = signed_in.get(URL, {"renewal_within": "30"})

    # Sorted by the renewal's act-by date when this filter is on.
    assert titles(response) == ["Renews soon", "Term notice"]
    assert titles(signed_in.get(URL, {"renewal_within": "90"})) == [
        "Renews soon",
        "Term notice",
        "Renews later",
    ]
    assert (TODAY + dt.timedelta(days=20)).isoformat() in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Enter a whole number of days"),
        ("0", "Enter at least 1 day."),
        ("99999", "at most 3660"),
    ],
)
def test_bad_renewal_window_is_explained_and_ignored(signed_in, member, value, message):
    ContractFactory(organisation=member.organisation, title="Any contract")
    response = signed_in.get(URL, {"renewal_within": value})
    assert message in response.content.decode()
    assert titles(response) == ["Any contract"]


def test_pagination_25_per_page_and_links_keep_the_filters(signed_in, member):
    for n in range(30):
        ContractFactory(organisation=member.organisation, title=f"Supply {n:02d}", status="active")
    ContractFactory(organisation=member.organisation, title="Supply draft", status="draft")

    first = signed_in.get(URL, {"q": "supply", "status": "active"})
    second = signed_in.get(URL, {"q": "supply", "status": "active", "page": "2"})
    beyond = signed_in.get(URL, {"q": "supply", "status": "active", "page": "99"})

    assert len(titles(first)) == 25
    assert titles(second) == [f"Supply {n:02d}" for n in range(25, 30)]
    assert titles(beyond) == titles(second)  # a page past the end shows the last one
    html = first.content.decode()
    assert "Contracts 1–25 of 30" in html
    assert 'href="/contracts/?q=supply&amp;status=active&amp;page=2"' in html
    assert 'hx-get="/contracts/?q=supply&amp;status=active&amp;page=2"' in html


def test_htmx_request_gets_only_the_results_partial(signed_in, member):
    ContractFactory(organisation=member.organisation, title="Partial me")

    partial = signed_in.get(URL, {"q": "partial"}, headers={"HX-Request": "true"})
    full = signed_in.get(URL, {"q": "partial"})
    restore = signed_in.get(
        URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    partial_html = partial.content.decode()
    assert partial_html.lstrip().startswith('<section id="contract-results"')
    assert "<html" not in partial_html and "contract-filters" not in partial_html
    assert titles(partial) == ["Partial me"]
    full_html = full.content.decode()
    assert "<html" in full_html and 'id="contract-results"' in full_html
    assert 'hx-get="/contracts/"' in full_html and 'hx-push-url="true"' in full_html
    assert 'method="get" action="/contracts/"' in full_html  # works without JavaScript
    assert "<html" in restore.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_empty_state_invites_an_upload(signed_in):
    html = signed_in.get(URL).content.decode()
    assert "No contracts yet — " in html
    assert '<a href="/contracts/upload/">upload one</a>' in html


def test_columns_show_next_deadline_and_pending_reviews(signed_in, member):
    contract = ContractFactory(organisation=member.organisation, title="Columns")
    renewal_deadline(contract, TODAY + dt.timedelta(days=40))
    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    ObligationFactory(clause=clause, review_status="pending")
    ObligationFactory(clause=clause, review_status="pending")

    html = signed_in.get(URL).content.decode()

    assert html.count((TODAY + dt.timedelta(days=40)).isoformat() + "</time>") == 2
    assert "2 pending" in html


def test_contract_text_is_escaped(signed_in, member):
    ContractFactory(
        organisation=member.organisation,
        title="<img src=x onerror=alert(1)>",
        counterparty="<i>x</i>",
    )
    html = signed_in.get(URL).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<i>x</i>" not in html


def test_query_count_does_not_grow_with_rows(client, member):
    client.force_login(member.user)
    ContractFactory(organisation=member.organisation)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(20):
        contract = ContractFactory(organisation=member.organisation, title=f"Many {n}")
        renewal_deadline(contract, TODAY + dt.timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(one.captured_queries)
