"""Periods the extraction set aside: the reviewer reads why, and can turn one into a pending
obligation to complete on the review page (party, relation and anchor are left for them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from obligations.extraction.durations import parse_period
from obligations.extraction.unused import REASON_LABELS
from obligations.models import ContractDocument, Membership, Obligation, ReviewLog
from obligations.models.choices import Party, ReviewStatus
from obligations.services.documents import period_columns

UNUSED_KIND = "obligation"


@dataclass(frozen=True)
class UnusedPeriodRow:
    """One stored entry, ready for the page."""

    index: int
    quote: str
    period: str
    phrase: str
    reason: str
    reason_label: str
    obligation_id: int | None


def unused_period_rows(document: ContractDocument) -> list[UnusedPeriodRow]:
    rows = []
    for index, entry in enumerate(document.unused_periods or []):
        if not isinstance(entry, dict):
            continue
        reason = str(entry.get("reason") or "no_duty")
        rows.append(
            UnusedPeriodRow(
                index=index,
                quote=str(entry.get("quote") or ""),
                period=str(entry.get("period") or ""),
                phrase=str(entry.get("phrase") or entry.get("period") or ""),
                reason=reason,
                reason_label=REASON_LABELS.get(reason, reason.replace("_", " ")),
                obligation_id=entry.get("obligation") if entry.get("obligation") else None,
            )
        )
    return rows


def _entry(document: ContractDocument, index: int) -> dict[str, Any]:
    entries = document.unused_periods or []
    if not 0 <= index < len(entries) or not isinstance(entries[index], dict):
        raise ValidationError("That unused period is no longer listed; reload the page.")
    entry: dict[str, Any] = entries[index]
    return entry


def unused_period_track(
    *, document: ContractDocument, index: int, user: AbstractBaseUser
) -> Obligation:
    """Turn the unused period at `index` of `document` into a pending obligation (once: tracking
    it again returns the obligation made the first time)."""
    membership = Membership.objects.filter(user=user, organisation=document.organisation).first()
    if membership is None or not membership.can_review:
        raise PermissionDenied("Only reviewers and admins of this organisation can review.")
    with transaction.atomic():
        locked = ContractDocument.objects.select_for_update().get(pk=document.pk)
        entry = _entry(locked, index)
        made = Obligation.objects.filter(pk=entry.get("obligation") or 0, document=locked).first()
        if made is not None:
            return made
        text_length = len(locked.text)
        start = max(0, min(int(entry.get("start") or 0), text_length))
        end = max(start, min(int(entry.get("end") or start), text_length))
        amount, unit = period_columns(parse_period(str(entry.get("period") or "")))
        quote = str(entry.get("quote") or locked.text[start:end])
        position = (locked.obligations.aggregate(last=Max("position"))["last"] or 0) + 1
        obligation = Obligation(
            contract_id=locked.contract_id,
            document=locked,
            position=position,
            evidence_start=start,
            evidence_end=end,
            quote=quote,
            party=Party.OTHER,
            kind=UNUSED_KIND,
            summary=f"Check: {entry.get('phrase') or entry.get('period')} — {quote}"[:300],
            period_amount=amount,
            period_unit=unit,
            review_status=ReviewStatus.PENDING,
            confidence=0.3,
        )
        obligation.full_clean(exclude=["contract", "document", "clause", "reviewed_by"])
        obligation.save()
        entries = list(locked.unused_periods)
        entries[index] = {**entry, "obligation": obligation.pk}
        locked.unused_periods = entries
        locked.save(update_fields=["unused_periods"])
        ReviewLog.objects.create(
            contract_id=locked.contract_id,
            obligation=obligation,
            actor=user,
            action="tracked_unused_period",
            changes={"reason": [entry.get("reason"), None], "period": [None, entry.get("period")]},
        )
    return obligation
