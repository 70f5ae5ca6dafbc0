"""Build the scale data set on PostgreSQL with set-based SQL: organisations of N contracts, ten
obligations each, five deadlines per obligation (one reminder each), in seconds per million rows.

Used by bench/scale.py; the rows are ordinary rows of the tracker's tables, tagged by the
organisations' slugs (`scale-<deadlines>-<n>`), so a second run finds them and skips the build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from obligations.models import Membership, Organisation
from obligations.models.choices import Role

OBLIGATIONS_PER_CONTRACT = 10
DEADLINES_PER_OBLIGATION = 5
REVIEW_CONTRACT_OBLIGATIONS = 50  # the first contract is the review page's: 50 obligations
LAWS = ("DE", "CH", "US-NY", "GB", "")
COUNTERPARTIES = 500
LAWYERS = 49  # with the admin, 50 members: each owns about 400 of 20,000 contracts


@dataclass(frozen=True)
class ScaleOrganisation:
    organisation: Organisation
    admin_id: int
    review_contract_id: int


def slug_for(deadlines: int, n: int) -> str:
    return f"scale-{deadlines}-{n}"


def scale_organisations(*, deadlines: int, organisations: int) -> list[ScaleOrganisation]:
    """The data set's organisations, built first if they are not there yet."""
    found = []
    for n in range(1, organisations + 1):
        organisation = Organisation.objects.filter(slug=slug_for(deadlines, n)).first()
        if organisation is None:
            organisation = _build(deadlines=deadlines, n=n)
        admin = Membership.objects.get(organisation=organisation, role=Role.ADMIN)
        first = organisation.contracts.order_by("pk").values_list("pk", flat=True).first()
        assert first is not None
        found.append(ScaleOrganisation(organisation, admin.user_id, first))
    return found


def _build(*, deadlines: int, n: int) -> Organisation:
    contracts = max(1, deadlines // (OBLIGATIONS_PER_CONTRACT * DEADLINES_PER_OBLIGATION))
    started = time.perf_counter()
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=f"Scale organisation {n} ({deadlines:,} deadlines)",
            slug=slug_for(deadlines, n),
            time_zone="Europe/Berlin",
        )
        User = get_user_model()
        admin = User.objects.create_user(
            username=f"{organisation.slug}-admin", email=f"admin@{organisation.slug}.test"
        )
        Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
        for i in range(LAWYERS):
            user = User.objects.create_user(
                username=f"{organisation.slug}-lawyer{i}",
                email=f"lawyer{i}@{organisation.slug}.test",
            )
            Membership.objects.create(user=user, organisation=organisation, role=Role.REVIEWER)
        users = list(
            Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
        )
        params = {
            "org": organisation.pk,
            "contracts": contracts,
            "users": users,
            "laws": list(LAWS),
            "counterparties": COUNTERPARTIES,
            "per_contract": OBLIGATIONS_PER_CONTRACT,
            "per_obligation": DEADLINES_PER_OBLIGATION,
            "review_extra": REVIEW_CONTRACT_OBLIGATIONS - OBLIGATIONS_PER_CONTRACT,
        }
        with connection.cursor() as cursor:
            for statement in STATEMENTS:
                cursor.execute(statement, params)
    with connection.cursor() as cursor:
        for table in TABLES:
            # A fixed list of table names, not input.
            cursor.execute(f"ANALYZE {table}")
    print(
        f"built {organisation.name}: {contracts:,} contracts in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return organisation


TABLES = (
    "obligations_contract",
    "obligations_contractdocument",
    "obligations_clause",
    "obligations_obligation",
    "obligations_deadline",
    "obligations_reminder",
)

# Contracts spread their start over ten years; a third end up in review, most are active.
STATEMENTS = (
    """
    INSERT INTO obligations_contract (
        organisation_id, title, counterparty, our_side, status, governing_law,
        holiday_calendars, time_zone, start_date, initial_term_amount, initial_term_unit,
        renewal_term_amount, renewal_term_unit, auto_renews, notice_period_amount,
        notice_period_unit, created_at, updated_at, owner_id, obligations_dated,
        obligations_waiting, obligations_undatable, place_of_performance)
    SELECT %(org)s, 'Agreement ' || g, 'Counterparty ' || (g %% %(counterparties)s),
        'customer', CASE WHEN g %% 3 = 0 THEN 'in_review' ELSE 'active' END,
        (%(laws)s::text[])[1 + g %% 5], '[]'::jsonb, 'Europe/Berlin',
        DATE '2017-01-01' + (g %% 3650), 12, 'months', 12, 'months', true, 3, 'months',
        now(), now(), (%(users)s::int[])[1 + g %% cardinality(%(users)s::int[])], 0, 0, 0, ''
    FROM generate_series(1, %(contracts)s) AS g
    """,
    """
    INSERT INTO obligations_contractdocument (
        organisation_id, contract_id, file, original_name, sha256, format, size, text,
        extraction_status, progress, error, warnings, created_at, page_starts, ocr_pages,
        unused_periods, parties, kind, label, changes, changes_evidence, applied)
    SELECT %(org)s, c.id, '', 'agreement-' || c.id || '.txt', md5(c.id::text) || md5('x' || c.id),
        'txt', 400, repeat('The Customer shall pay each invoice within 30 days. ', 8),
        'done', 100, '', '[]'::jsonb, now(), '[]'::jsonb, '[]'::jsonb, '[]'::jsonb,
        '[{"name": "Provider GmbH", "role": "provider", "aliases": []}]'::jsonb,
        'original', '', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb
    FROM obligations_contract c WHERE c.organisation_id = %(org)s
    """,
    """
    INSERT INTO obligations_clause (document_id, position, ref, heading, start, "end", kinds)
    SELECT d.id, 0, '1', 'Payment', 0, 400, '[]'::jsonb
    FROM obligations_contractdocument d WHERE d.organisation_id = %(org)s
    """,
    """
    INSERT INTO obligations_obligation (
        contract_id, document_id, clause_id, position, evidence_start, evidence_end, quote,
        party, kind, summary, period_amount, period_unit, relation, anchor, recurrence,
        confidence, review_status, created_at, dating_state, dating_message, anchor_phrase)
    SELECT d.contract_id, d.id, cl.id, p, 0, 52,
        'The Customer shall pay each invoice within 30 days.', 'customer', 'payment',
        'Pay each invoice within 30 days (' || p || ')', 30, 'days', 'after', 'invoice_received',
        '', 0.9, CASE WHEN p %% 7 = 0 THEN 'pending' ELSE 'confirmed' END, now(),
        CASE WHEN p %% 7 = 0 THEN '' WHEN (d.contract_id + p) %% 97 = 0 THEN 'waiting'
            ELSE 'dated' END,
        CASE WHEN p %% 7 <> 0 AND (d.contract_id + p) %% 97 = 0
            THEN 'Waiting for an event: Invoice received — log one to get a date.' ELSE '' END,
        'each invoice'
    FROM obligations_contractdocument d
    JOIN obligations_clause cl ON cl.document_id = d.id
    CROSS JOIN generate_series(1, %(per_contract)s) AS p
    WHERE d.organisation_id = %(org)s
    """,
    """
    INSERT INTO obligations_obligation (
        contract_id, document_id, clause_id, position, evidence_start, evidence_end, quote,
        party, kind, summary, period_amount, period_unit, relation, anchor, recurrence,
        confidence, review_status, created_at, dating_state, dating_message, anchor_phrase)
    SELECT d.contract_id, d.id, cl.id, 100 + p, 0, 52,
        'The Customer shall pay each invoice within 30 days.', 'customer', 'payment',
        'Review-page obligation ' || p, 30, 'days', 'after', 'invoice_received',
        '', 0.9, 'pending', now(), '', '', 'each invoice'
    FROM obligations_contractdocument d
    JOIN obligations_clause cl ON cl.document_id = d.id
    CROSS JOIN generate_series(1, %(review_extra)s) AS p
    WHERE d.contract_id = (SELECT min(id) FROM obligations_contract WHERE organisation_id = %(org)s)
    """,
    # The contracts' dating counts, as the deadline recomputation keeps them.
    """
    UPDATE obligations_contract c SET
        obligations_dated = n.dated, obligations_waiting = n.waiting, obligations_undatable = 0
    FROM (
        SELECT contract_id, count(*) FILTER (WHERE dating_state = 'dated') AS dated,
            count(*) FILTER (WHERE dating_state = 'waiting') AS waiting
        FROM obligations_obligation
        WHERE contract_id IN (SELECT id FROM obligations_contract WHERE organisation_id = %(org)s)
        GROUP BY contract_id
    ) AS n
    WHERE c.id = n.contract_id
    """,
    # Deadlines from two years back to three years ahead; the past ones mostly done.
    """
    INSERT INTO obligations_deadline (
        organisation_id, contract_id, obligation_id, occurrence, deadline, act_by, unshifted,
        explanation, status, history, created_at, updated_at, responsible_id)
    SELECT %(org)s, o.contract_id, o.id, 'event:' || k, day, day, day,
        '["Counted from the invoice."]'::jsonb,
        CASE WHEN day < CURRENT_DATE AND (o.id + k) %% 10 <> 0 THEN 'done' ELSE 'open' END,
        '[]'::jsonb, now(), now(), o.owner_id
    FROM (
        SELECT o.*, c.owner_id, k,
            CURRENT_DATE - 730 + ((o.id * 7919 + k * 104729) %% 1826)::int AS day
        FROM obligations_obligation o
        JOIN obligations_contract c ON c.id = o.contract_id
        CROSS JOIN generate_series(1, %(per_obligation)s) AS k
        WHERE o.contract_id IN (SELECT id FROM obligations_contract WHERE organisation_id = %(org)s)
          AND o.position < 100
    ) AS o
    """,
    # One reminder per deadline: sent for the past, due (in the future) for the rest.
    """
    INSERT INTO obligations_reminder (
        deadline_id, recipient_id, kind, offset_days, send_at, state, attempts, message_id,
        last_error, created_at, lease_token, sent_message_id, sent_at)
    SELECT d.id, c.owner_id, 'reminder', 7, (d.act_by - 7)::timestamp AT TIME ZONE 'UTC',
        CASE WHEN d.act_by - 7 < CURRENT_DATE THEN 'sent' ELSE 'due' END, 0,
        '<scale-' || d.id || '@clausewatch.test>', '', now(), '', '',
        CASE WHEN d.act_by - 7 < CURRENT_DATE THEN now() END
    FROM obligations_deadline d JOIN obligations_contract c ON c.id = d.contract_id
    WHERE d.organisation_id = %(org)s
    """,
)
