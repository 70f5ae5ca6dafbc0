"""A contract's review history: who confirmed, corrected or rejected what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from obligations.access import contract_for
from obligations.models import ReviewLog
from obligations.models.choices import Party, Recurrence, Relation, ReviewStatus, Unit
from obligations.views.pages import render_page
from obligations.vocabulary.anchors import anchor_choices

PER_PAGE = 25

FIELD_LABELS = {
    "review_status": "Status",
    "party": "Who owes it",
    "period_amount": "Period",
    "period_unit": "Period unit",
    "relation": "Before / after",
    "anchor": "Counts from",
    "recurrence": "Recurrence",
    "summary": "Summary",
    "governing_law": "Governing law",
    "holiday_calendars": "Holiday calendars",
    "time_zone": "Time zone",
    "start_date": "Start date",
    "initial_term": "Initial term",
    "renewal_term": "Renewal term",
    "auto_renews": "Auto-renewal",
    "notice_period": "Notice period",
    "title": "Title",
    "counterparty": "Counterparty",
    "owner": "Owner",
    "assignee": "Assigned to",
    "deadline": "Deadline",
    "document": "Document",
    "said": "What it changed",
}
ACTION_LABELS = {
    "confirmed": "Confirmed",
    "corrected": "Corrected",
    "rejected": "Rejected",
    "facts_confirmed": "Confirmed the facts",
    "facts_edited": "Edited the facts",
    "contract_edited": "Edited the contract",
    "archived": "Archived the contract",
    "restored": "Restored the contract",
    "assigned": "Assigned the obligation",
    "deadline_assigned": "Assigned a deadline",
    "document_confirmed": "Confirmed a document of the family",
}
_VALUE_LABELS: dict[str, dict[str, str]] = {
    "review_status": dict(ReviewStatus.choices),
    "party": dict(Party.choices),
    "period_unit": dict(Unit.choices),
    "relation": dict(Relation.choices),
    "recurrence": dict(Recurrence.choices),
    "anchor": dict(anchor_choices()),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _shown(field: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return _VALUE_LABELS.get(field, {}).get(str(value), str(value))


def changes_of(entry: ReviewLog) -> list[Change]:
    rows: list[Change] = []
    for field, pair in (entry.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        rows.append(
            Change(FIELD_LABELS.get(field, field), _shown(field, before), _shown(field, after))
        )
    return rows


@require_GET
def contract_history(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_for(request, pk)
    entries = contract.review_log.select_related("actor", "obligation", "obligation__clause")
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.change_rows = changes_of(entry)  # type: ignore[attr-defined]
        entry.action_label = ACTION_LABELS.get(entry.action, entry.action)  # type: ignore[attr-defined]
    context = {"contract": contract, "page": page}
    return render_page(request, "contracts/history.html", context, partial="history_page")
