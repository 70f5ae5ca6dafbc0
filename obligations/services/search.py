"""Full-text search over an organisation's contracts: titles and counterparties, clause text and
obligation summaries, ranked by the database, with the matching words marked.

PostgreSQL ranks a `tsvector` (GIN index) with `ts_rank` and marks words with `ts_headline`;
SQLite, in embedded mode, uses its FTS5 table with `bm25` and `snippet`. The index is rebuilt for
one contract whenever its extraction is saved or an obligation is corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from obligations.models import Contract, Obligation, Organisation, SearchEntry
from obligations.models.search import SearchKind

SEARCH_CONFIG = "english"
MAX_CLAUSE_CHARS = 20_000
MAX_QUERY_WORDS = 12
_START, _STOP = "\x02", "\x03"  # markers no contract text holds; turned into <mark> after escaping
_WORD_RE = re.compile(r"[\w][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    entry: SearchEntry
    snippet: SafeString
    rank: float


def search_index_contract(*, contract: Contract) -> int:
    """Replace the contract's search entries with its current title, clauses and obligations."""
    rows: list[SearchEntry] = [
        SearchEntry(
            organisation_id=contract.organisation_id,
            contract=contract,
            kind=SearchKind.CONTRACT,
            title=contract.title[:300],
            text=" — ".join(part for part in (contract.title, contract.counterparty) if part),
        )
    ]
    for document in contract.documents.all():
        text = document.text
        for clause in document.clauses.all():
            rows.append(
                SearchEntry(
                    organisation_id=contract.organisation_id,
                    contract=contract,
                    kind=SearchKind.CLAUSE,
                    clause=clause,
                    title=str(clause)[:300],
                    text=text[clause.start : clause.end][:MAX_CLAUSE_CHARS],
                )
            )
    for obligation in contract.obligations.exclude(review_status="rejected"):
        rows.append(
            SearchEntry(
                organisation_id=contract.organisation_id,
                contract=contract,
                kind=SearchKind.OBLIGATION,
                obligation=obligation,
                clause_id=obligation.clause_id,
                title=obligation.summary[:300],
                text=obligation.quote,
            )
        )
    with transaction.atomic():
        SearchEntry.objects.filter(contract=contract).delete()
        SearchEntry.objects.bulk_create(rows, batch_size=500)
        if connection.vendor == "postgresql":
            SearchEntry.objects.filter(contract=contract).update(
                vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
                + SearchVector("text", weight="B", config=SEARCH_CONFIG)
            )
    return len(rows)


def search_entry_obligation_update(*, obligation: Obligation) -> None:
    """Follow a review: a corrected summary is searchable, a rejected obligation is not."""
    entries = SearchEntry.objects.filter(obligation=obligation)
    if obligation.review_status == "rejected":
        entries.delete()
        return
    if not entries.exists():
        return  # indexed with its contract, after the extraction
    entries.update(title=obligation.summary[:300], text=obligation.quote)
    if connection.vendor == "postgresql":
        entries.update(
            vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("text", weight="B", config=SEARCH_CONFIG)
        )


def query_words(query: str) -> list[str]:
    return _WORD_RE.findall(query)[:MAX_QUERY_WORDS]


def search(
    *, organisation: Organisation, query: str, limit: int = 50, include_archived: bool = False
) -> list[SearchHit]:
    """The entries holding every word of the query, best first; archived contracts on request."""
    words = query_words(query)
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(organisation, words, limit, include_archived)
    return _search_sqlite(organisation, words, limit, include_archived)


def _marked(snippet: str) -> SafeString:
    # The text is escaped first; only our own markers become <mark> elements.
    return mark_safe(escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _search_postgres(
    organisation: Organisation, words: list[str], limit: int, include_archived: bool
) -> list[SearchHit]:
    query = SearchQuery(" ".join(words), search_type="plain", config=SEARCH_CONFIG)
    entries = SearchEntry.objects.filter(organisation=organisation, vector=query)
    if not include_archived:
        entries = entries.filter(contract__archived_at__isnull=True)
    entries = (
        entries.annotate(
            rank=SearchRank(F("vector"), query),
            snippet=SearchHeadline(
                "text",
                query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .select_related("contract", "clause", "obligation")
        .order_by("-rank", "contract_id", "id")[:limit]
    )
    return [SearchHit(entry, _marked(entry.snippet), float(entry.rank)) for entry in entries]


def _fts_query(words: list[str]) -> str:
    # Each word quoted, so that FTS5 operators typed by a user are read as plain words.
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _search_sqlite(
    organisation: Organisation, words: list[str], limit: int, include_archived: bool
) -> list[SearchHit]:
    sql = (
        "SELECT fts.rowid, bm25(obligations_searchentry_fts, 2.0, 1.0) AS score, "
        "snippet(obligations_searchentry_fts, 1, %s, %s, ' … ', 24) "
        "FROM obligations_searchentry_fts AS fts "
        "JOIN obligations_searchentry AS entry ON entry.id = fts.rowid "
        "JOIN obligations_contract AS contract ON contract.id = entry.contract_id "
        "WHERE obligations_searchentry_fts MATCH %s AND entry.organisation_id = %s "
        "AND (contract.archived_at IS NULL OR %s) "
        "ORDER BY score, fts.rowid LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [_START, _STOP, _fts_query(words), organisation.pk, include_archived, limit]
        )
        found = cursor.fetchall()
    entries = SearchEntry.objects.select_related("contract", "clause", "obligation").in_bulk(
        [row[0] for row in found]
    )
    # bm25 is lower for better matches; the page shows a rank where higher is better.
    return [
        SearchHit(entries[row_id], _marked(snippet), -float(score))
        for row_id, score, snippet in found
        if row_id in entries
    ]
