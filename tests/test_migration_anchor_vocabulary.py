"""Anchors stored before the vocabulary become its codes, and the old words are kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Just before the vocabulary: its parent, and the migrations of work done beside it (they are
# merged later in the graph, so rolling back to the parent alone would leave their columns).
BEFORE = [
    ("obligations", "0006_contract_archive"),
    ("obligations", "0003_contract_place_of_performance"),
    ("obligations", "0003_document_pages_and_ocr"),
    ("obligations", "0003_document_unused_periods"),
    ("obligations", "0003_document_parties"),
]
AFTER = [("obligations", "0007_anchor_vocabulary_event_effective_on")]


@pytest.fixture
def back_to_the_latest_schema():
    """The tests after this one need every migration applied again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_anchor_words_map_to_vocabulary_codes_and_stay_as_the_phrase(
    back_to_the_latest_schema,
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("obligations", "Organisation").objects.create(
        name="Org", slug="org"
    )
    contract = old.get_model("obligations", "Contract").objects.create(
        organisation=organisation, title="Old contract"
    )
    document = old.get_model("obligations", "ContractDocument").objects.create(
        organisation=organisation, contract=contract, original_name="a.txt", sha256="0" * 64
    )
    Obligation = old.get_model("obligations", "Obligation")
    stored = {
        "invoice_receipt": "invoice_received",
        "invoice_date": "invoice_issued",
        "termination": "termination_effective",
        "incident_report": "incident_reported",
        "error_report": "error_reported",
        "knowledge": "other_event",
        "term_end": "term_end",
        "": "",
    }
    ids = {
        old_anchor: Obligation.objects.create(
            contract=contract,
            document=document,
            evidence_start=0,
            evidence_end=1,
            quote="q",
            party="customer",
            kind="payment",
            summary="s",
            anchor=old_anchor,
        ).pk
        for old_anchor in stored
    }

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("obligations", "Obligation")
    for old_anchor, code in stored.items():
        row = new.objects.get(pk=ids[old_anchor])
        assert row.anchor == code, old_anchor
        expected_phrase = old_anchor.replace("_", " ") if old_anchor != code else ""
        assert row.anchor_phrase == expected_phrase, old_anchor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
