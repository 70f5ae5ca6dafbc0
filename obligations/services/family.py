"""A contract's family: the agreement and the documents that change, add to or end it.

Each further document says what it is (an amendment, an order form, a renewal, a notice, a
replacement version) and the day it takes effect. Its obligations are reviewed like any other;
its term facts ("the initial term is extended to 36 months", "notice of 60 days") are confirmed on
their own and then take precedence from its effective date:

- an amendment, renewal or replacement sets the contract's own facts, naming itself as their
  source, unless a document taking effect later already set the same fact;
- an order form keeps its own term, renewal and notice, which date its own obligations;
- a termination or non-renewal notice ends the renewals of the whole family from its date.

Every confirmation re-derives the family's deadlines in one transaction (deadlines_recompute):
open deadlines that move keep their earlier value and the sentence saying why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from obligations.models import (
    DOCUMENT_BODY,
    Contract,
    ContractDocument,
    Deadline,
    FactOrigin,
    Obligation,
    ReviewLog,
)
from obligations.models.choices import (
    FACT_CHANGING_KINDS,
    RENEWAL_ENDING_KINDS,
    DocumentKind,
    ExtractionStatus,
    Origin,
    ReviewStatus,
    Unit,
)
from obligations.models.periods import period_text
from obligations.services.review import FACT_FIELDS, clean_period
from obligations.services.review import _require_reviewer as require_reviewer
from obligations.vocabulary.anchors import TERM_END_CODES

# The term facts a family document can set; the others (law, calendars) stay the agreement's.
TERM_FACTS = ("start_date", "initial_term", "renewal_term", "auto_renews", "notice_period")
PERIOD_FACTS = ("initial_term", "renewal_term", "notice_period")
FACT_LABELS = {
    "start_date": "start date",
    "initial_term": "initial term",
    "renewal_term": "renewal term",
    "auto_renews": "automatic renewal",
    "notice_period": "notice period",
}


# -- Reading the family -------------------------------------------------------------------------


@dataclass(frozen=True)
class TermSchedule:
    """An order form's own term: when it starts, how long it runs and renews, its notice."""

    start: dt.date | None
    initial_term: tuple[int, str] | None
    renewal_term: tuple[int, str] | None
    auto_renews: bool | None
    notice_period: tuple[int, str] | None
    source: str  # "Order Form No. 1, effective 2027-01-01"


@dataclass(frozen=True)
class FamilyTerms:
    """What the family's confirmed documents say about the terms, for the deadline service."""

    notice_period: tuple[int, str] | None = None  # set by an amendment: governs term notices
    notice_source: str = ""
    renewals_end_on: dt.date | None = None
    renewals_end_source: str = ""
    order_forms: dict[int, TermSchedule] = field(default_factory=dict)  # document id -> term
    # Amendments, renewals and replacements: a notice they restate is the agreement's notice.
    amending_documents: frozenset[int] = frozenset()
    agreement_has_notice: bool = False  # a confirmed notice-to-term-end duty of the agreement
    # Further documents whose changes are not confirmed: their term is not known yet.
    unconfirmed_documents: frozenset[int] = frozenset()


def document_source(document: ContractDocument) -> str:
    """ "Amendment No. 2, effective 2027-03-01": how sentences name a family document."""
    if document.effective_on is None:
        return document.name
    return f"{document.name}, effective {document.effective_on.isoformat()}"


def _period(value: Any) -> tuple[int, str] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and value[0]:
        return int(value[0]), str(value[1])
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def confirmed_members(contract: Contract) -> list[ContractDocument]:
    """The family documents whose changes are confirmed, in effective-date order."""
    return list(
        contract.documents.exclude(kind=DocumentKind.ORIGINAL)
        .filter(changes_confirmed_at__isnull=False, effective_on__isnull=False)
        .order_by("effective_on", "id")
    )


def family_terms(contract: Contract) -> FamilyTerms:
    members = confirmed_members(contract)
    origin = (
        FactOrigin.objects.filter(contract=contract, fact="notice_period", document__isnull=False)
        .select_related("document")
        .first()
    )
    notice: tuple[int, str] | None = None
    notice_source = ""
    if (
        origin is not None
        and origin.document is not None
        and origin.document.kind in FACT_CHANGING_KINDS
        and contract.notice_period_amount
    ):
        notice = (contract.notice_period_amount, contract.notice_period_unit)
        notice_source = document_source(origin.document)
    ending = next((doc for doc in members if doc.kind in RENEWAL_ENDING_KINDS), None)
    order_forms = {
        doc.pk: TermSchedule(
            start=_date(doc.changes.get("start_date")) or doc.effective_on,
            initial_term=_period(doc.changes.get("initial_term")),
            renewal_term=_period(doc.changes.get("renewal_term")),
            auto_renews=doc.changes.get("auto_renews"),
            notice_period=_period(doc.changes.get("notice_period")),
            source=document_source(doc),
        )
        for doc in members
        if doc.kind == DocumentKind.ORDER_FORM
    }
    agreement_has_notice = Obligation.objects.filter(
        contract=contract,
        document__kind=DocumentKind.ORIGINAL,
        review_status__in=(ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED),
        relation="before",
        anchor__in=TERM_END_CODES,
    ).exists()
    unconfirmed = frozenset(
        contract.documents.exclude(kind=DocumentKind.ORIGINAL)
        .filter(changes_confirmed_at__isnull=True)
        .values_list("pk", flat=True)
    )
    return FamilyTerms(
        unconfirmed_documents=unconfirmed,
        amending_documents=frozenset(doc.pk for doc in members if doc.kind in FACT_CHANGING_KINDS),
        agreement_has_notice=agreement_has_notice,
        notice_period=notice,
        notice_source=notice_source,
        renewals_end_on=ending.effective_on if ending else None,
        renewals_end_source=document_source(ending) if ending else "",
        order_forms=order_forms,
    )


# -- Confirming a document's changes ------------------------------------------------------------


def document_changes_clean(*, kind: str, effective_on: Any, **facts: Any) -> dict[str, Any]:
    """The changes as stored on the document (JSON), from form values; a missing effective
    date or a half-given period is a ValidationError naming its field."""
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values or kind == DocumentKind.ORIGINAL:
        errors["kind"] = ["Say what this document is: an amendment, an order form, a notice…"]
    if not isinstance(effective_on, dt.date):
        errors["effective_on"] = [
            "Give the day this document takes effect (for example 2027-03-01): its changes "
            "apply from that day."
        ]
    changes: dict[str, Any] = {}
    for fact in PERIOD_FACTS:
        amount, unit = facts.get(f"{fact}_amount"), facts.get(f"{fact}_unit") or ""
        try:
            amount, unit = clean_period(amount, unit, FACT_LABELS[fact])
        except ValidationError as error:
            errors[f"{fact}_amount"] = error.messages
            continue
        if amount is not None:
            changes[fact] = [amount, unit]
    start = facts.get("start_date")
    if isinstance(start, dt.date):
        changes["start_date"] = start.isoformat()
    if isinstance(facts.get("auto_renews"), bool):
        changes["auto_renews"] = facts["auto_renews"]
    if kind == DocumentKind.ORDER_FORM and "initial_term" not in changes and not errors:
        errors["initial_term_amount"] = [
            "Give the order form's own term (for example 24 months): its renewal and notice "
            "deadlines count from it."
        ]
    if errors:
        raise ValidationError(errors)
    return changes


def _fact_text(fact: str, value: Any) -> str:
    if fact in PERIOD_FACTS:
        period = _period(value)
        return period_text(*period) if period else "none"
    if fact == "auto_renews":
        return "yes" if value else "no"
    return str(value)


def _contract_value(contract: Contract, fact: str) -> Any:
    columns = FACT_FIELDS[fact]
    if fact in PERIOD_FACTS:
        amount = getattr(contract, columns[0])
        return [amount, getattr(contract, columns[1])] if amount else None
    value = getattr(contract, columns[0])
    return value.isoformat() if isinstance(value, dt.date) else value


def _set_contract_value(contract: Contract, fact: str, value: Any) -> None:
    columns = FACT_FIELDS[fact]
    if fact in PERIOD_FACTS:
        period = _period(value)
        setattr(contract, columns[0], period[0] if period else None)
        setattr(contract, columns[1], period[1] if period else "")
    elif fact == "start_date":
        setattr(contract, columns[0], _date(value))
    else:
        setattr(contract, columns[0], value)


def _later_source(contract: Contract, fact: str, effective_on: dt.date, document_id: int) -> bool:
    """True when a document taking effect after `effective_on` already set this fact."""
    return (
        FactOrigin.objects.filter(contract=contract, fact=fact, since__gt=effective_on)
        .exclude(document_id=document_id)
        .exclude(document__isnull=True)
        .exists()
    )


def _apply_to_contract(
    contract: Contract, document: ContractDocument, user: AbstractBaseUser
) -> list[str]:
    """Make the document's changes the contract's facts, where it takes precedence; returns the
    sentences saying what changed ("set the notice period to 60 days")."""
    assert document.effective_on is not None
    said: list[str] = []
    changes = dict(document.changes)
    if document.kind in RENEWAL_ENDING_KINDS:
        changes = {"auto_renews": False}
    for fact in TERM_FACTS:
        if fact not in changes or (
            fact == "start_date" and document.kind != DocumentKind.REPLACEMENT
        ):
            continue
        if _later_source(contract, fact, document.effective_on, document.pk):
            said.append(
                f"would set the {FACT_LABELS[fact]} to {_fact_text(fact, changes[fact])}, "
                "but a document taking effect later already sets it"
            )
            continue
        before = _contract_value(contract, fact)
        _set_contract_value(contract, fact, changes[fact])
        after = _contract_value(contract, fact)
        FactOrigin.objects.update_or_create(
            contract=contract,
            fact=fact,
            defaults={
                "origin": Origin.CONFIRMED,
                "by": user,
                "document": document,
                "since": document.effective_on,
                "evidence": str(document.changes_evidence.get(fact, ""))[:2000],
            },
        )
        if before == after:
            continue
        if fact == "auto_renews" and after is False:
            said.append("ended the renewals: no renewal deadlines after it")
        else:
            said.append(f"set the {FACT_LABELS[fact]} to {_fact_text(fact, after)}")
    return said


def _order_form_sentence(document: ContractDocument) -> str:
    changes = document.changes
    start = _date(changes.get("start_date")) or document.effective_on
    parts = [f"added its own term of {_fact_text('initial_term', changes.get('initial_term'))}"]
    if start:
        parts[0] += f" from {start.isoformat()}"
    if changes.get("renewal_term") and changes.get("auto_renews") is not False:
        parts.append(f"renewing for {_fact_text('renewal_term', changes['renewal_term'])}")
    if changes.get("notice_period"):
        parts.append(f"with {_fact_text('notice_period', changes['notice_period'])}' notice")
    return ", ".join(parts)


def _deadline_entry(row: Deadline, *, was: str = "") -> dict[str, str]:
    """A deadline as the timeline lists it: what, act by when, and the act-by day before."""
    entry = {"summary": row.obligation.summary, "act_by": row.act_by.isoformat()}
    return entry | ({"was": was} if was else {})


@dataclass(frozen=True)
class FamilyResult:
    said: list[str]
    recompute: Any = None
    deadlines_problem: str = ""


def document_changes_confirm(
    *,
    document: ContractDocument,
    user: AbstractBaseUser,
    kind: str,
    label: str,
    effective_on: Any,
    **facts: Any,
) -> FamilyResult:
    """Confirm what a family document is, when it takes effect and which term facts it sets;
    then its changes take precedence and the family's deadlines are re-derived, all in one
    transaction. Confirming again (after a correction) applies the corrected values."""
    contract = document.contract
    require_reviewer(user, contract.organisation)
    if document.extraction_status != ExtractionStatus.DONE:
        raise ValidationError("The document has not been read yet: wait until it is, then confirm.")
    changes = document_changes_clean(kind=kind, effective_on=effective_on, **facts)
    # Imported here: the deadline service loads the engine, which most pages do not need.
    from obligations.services.deadlines import deadlines_recompute

    with transaction.atomic():
        locked_contract = Contract.objects.select_for_update().get(pk=contract.pk)
        locked = ContractDocument.objects.select_for_update().get(pk=document.pk)
        locked.kind, locked.effective_on = kind, effective_on
        locked.label = " ".join((label or "").split())[:120]
        locked.changes = changes
        locked.changes_confirmed_at = timezone.now()
        locked.changes_confirmed_by = user  # type: ignore[assignment]
        if kind == DocumentKind.ORDER_FORM:
            said = [_order_form_sentence(locked)]
        elif kind in (*FACT_CHANGING_KINDS, *RENEWAL_ENDING_KINDS):
            said = _apply_to_contract(locked_contract, locked, user)
            locked_contract.full_clean(exclude=["owner"], validate_unique=False)
            locked_contract.save()
        else:
            said = []
        reason = f"{document_source(locked)}, {' and '.join(said)}" if said else ""
        locked.save()
        recompute = deadlines_recompute(contract=locked_contract, reason=reason)
        locked.applied = {
            "facts": said,
            "created": [_deadline_entry(row) for row in recompute.created],
            "moved": [
                _deadline_entry(row, was=row.history[-1]["act_by"])
                for row in recompute.updated
                if row.history
            ],
            "removed": list(recompute.removed),
        }
        locked.save(update_fields=["applied"])
        ReviewLog.objects.create(
            contract=locked_contract,
            actor=user,
            action="document_confirmed",
            changes={"document": [None, document_source(locked)], "said": [None, "; ".join(said)]},
        )
    document.refresh_from_db()
    return FamilyResult(said=said, recompute=recompute)


def document_changes_as_read(document: ContractDocument) -> dict[str, Any]:
    """The document's place and changes as stored (as read, or as last confirmed), in the
    keyword arguments document_changes_confirm takes."""
    changes = document.changes or {}
    values: dict[str, Any] = {
        "kind": document.kind,
        "label": document.label,
        "effective_on": document.effective_on,
        "start_date": _date(changes.get("start_date")),
        "auto_renews": changes.get("auto_renews"),
    }
    for fact in PERIOD_FACTS:
        period = _period(changes.get(fact))
        values[f"{fact}_amount"], values[f"{fact}_unit"] = period or (None, "")
    return values


# -- The timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    document: ContractDocument
    day: dt.date | None
    changed: list[str]
    created: list[dict[str, str]]  # {"summary", "act_by"}
    moved: list[dict[str, str]]  # {"summary", "act_by", "was"}
    removed: list[str]
    awaiting: bool  # its changes are not confirmed yet


def contract_timeline(contract: Contract) -> list[TimelineEntry]:
    """The family's documents in date order (the agreement from its start date), each with what
    it changed and the deadlines it created, moved or removed."""
    entries = []
    documents = contract.documents.select_related("changes_confirmed_by").defer(*DOCUMENT_BODY)
    for document in documents.order_by("id"):
        if document.kind == DocumentKind.ORIGINAL:
            day = contract.start_date or document.created_at.date()
            created = [
                _deadline_entry(row)
                for row in Deadline.objects.filter(obligation__document=document)
                .select_related("obligation")
                .order_by("act_by")[:10]
            ]
            entries.append(
                TimelineEntry(document, day, ["the agreement itself"], created, [], [], False)
            )
            continue
        applied = document.applied or {}
        entries.append(
            TimelineEntry(
                document,
                document.effective_on,
                list(applied.get("facts", [])),
                list(applied.get("created", [])),
                list(applied.get("moved", [])),
                list(applied.get("removed", [])),
                document.changes_confirmed_at is None,
            )
        )
    entries.sort(key=lambda entry: (entry.day or dt.date.max, entry.document.pk))
    return entries


def unit_choices() -> list[tuple[str, str]]:
    return [("", "—"), *Unit.choices]
