"""Contract documents in: upload (deduplicated by sha256) and extraction into clauses, obligations
and the contract's facts.

Extraction writes everything in one transaction at the end, so a document is either fully
extracted or not at all; a failure leaves only the document's status and a message for the user.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils.text import get_valid_filename

from obligations.deadlines.calendars import normalize_calendar_code
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.laws import governing_law as law_for
from obligations.extraction.facts.performance import find_place_of_performance
from obligations.extraction.model import ReadError
from obligations.models import Clause, Contract, ContractDocument, FactOrigin, Obligation, choices
from obligations.models.choices import (
    ContractStatus,
    DocumentKind,
    ExtractionStatus,
    Origin,
    Party,
    Unit,
)
from obligations.models.organisations import Organisation
from obligations.services.search import search_index_contract
from obligations.vocabulary.anchors import ANCHOR_BY_CODE

if TYPE_CHECKING:
    from obligations.extraction.model import Extraction, Period

logger = logging.getLogger(__name__)

# Suffix -> the format stored on the document; the readers accept the same suffixes.
ACCEPTED_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html"}
ACCEPTED_SUFFIXES |= {".htm": "html", ".pdf": "pdf", ".docx": "docx"}
PASTED_TEXT_NAME = "pasted-text.txt"

# Progress percentages and what the upload page says while extraction is at them.
PROGRESS_READING = 10
PROGRESS_ANALYSING = 40
PROGRESS_OBLIGATIONS = 70
PROGRESS_SAVING = 90
PROGRESS_DONE = 100

INTERNAL_ERROR_MESSAGE = (
    "Clausewatch could not analyse this document because of an internal error, which has been "
    "logged for the administrators. Try again later, or upload the contract in another format "
    "(a PDF with a text layer, a .docx or plain text)."
)


def time_limit_message(seconds: int) -> str:
    """What a document stopped at the extraction's time limit says."""
    limit = f"{seconds} seconds" if seconds < 120 else f"{round(seconds / 60)} minutes"
    return (
        f"Reading this document took longer than the {limit} an extraction may take, so it was "
        "stopped. Upload a PDF with a text layer, a .docx or plain text, or split a long scan "
        "into parts."
    )


class UploadRefused(ValueError):
    """An upload that is not stored at all; the message says what is wrong and what to do."""


def document_format(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    try:
        return ACCEPTED_SUFFIXES[suffix]
    except KeyError:
        raise UploadRefused(
            f"“{PurePath(filename).name}” is not a format Clausewatch reads: upload a .txt, .md, "
            ".html, .pdf or .docx file, or paste the contract's text."
        ) from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large_message(size: int, max_bytes: int) -> str:
    return (
        f"The file is larger than the limit of {_megabytes(max_bytes)} (at least {_megabytes(size)} "
        "were sent). Upload the contract without attachments or images, or paste its text."
    )


def title_from_filename(filename: str) -> str:
    """A provisional contract title until extraction finds the real one."""
    if filename == PASTED_TEXT_NAME:
        return "Pasted contract"
    stem = re.sub(r"[_\s]+", " ", PurePath(filename).stem).strip(" .-")
    return (stem or "Untitled contract")[:300]


def document_upload(
    *,
    organisation: Organisation,
    user: AbstractBaseUser | None,
    filename: str,
    data: bytes | None = None,
    text: str | None = None,
    contract: Contract | None = None,
    kind: str = DocumentKind.ORIGINAL,
    label: str = "",
    effective_on: dt.date | None = None,
) -> tuple[ContractDocument, bool]:
    """Store an uploaded contract and queue its extraction; an upload of the same bytes that the
    organisation already has is returned instead, with created=False.

    With `contract`, the document joins that contract's family as `kind` (an amendment, an order
    form, a notice…), taking effect on `effective_on`; without, it starts a new contract."""
    if (data is None) == (text is None):
        raise TypeError("document_upload needs exactly one of data or text")
    if text is not None:
        data = text.encode("utf-8")
        filename = filename or PASTED_TEXT_NAME
    assert data is not None
    original_name = PurePath(filename.replace("\\", "/")).name[:255] or PASTED_TEXT_NAME
    file_format = document_format(original_name)
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise UploadRefused(too_large_message(len(data), settings.MAX_UPLOAD_BYTES))
    sha256 = hashlib.sha256(data).hexdigest()
    if contract is not None:
        _check_family_member(contract, organisation, kind, effective_on)

    existing = _stored_document(organisation, sha256)
    if existing is not None:
        if contract is not None and existing.contract_id != contract.pk:
            raise UploadRefused(
                f"This file is already stored as “{existing.original_name}” of the contract "
                f"“{existing.contract.title}”: upload the document that belongs to this one."
            )
        return existing, False

    document = ContractDocument(
        organisation=organisation,
        original_name=original_name,
        sha256=sha256,
        format=file_format,
        size=len(data),
        uploaded_by=user,
        extraction_status=ExtractionStatus.QUEUED,
        progress=0,
        kind=kind if contract is not None else DocumentKind.ORIGINAL,
        label=" ".join(label.split())[:120] if contract is not None else "",
        effective_on=effective_on if contract is not None else None,
    )
    try:
        with transaction.atomic():
            document.contract = contract or Contract.objects.create(
                organisation=organisation,
                title=title_from_filename(original_name),
                owner=user,
                status=ContractStatus.DRAFT,
            )
            storage_name = get_valid_filename(original_name) or "contract.txt"
            document.file.save(storage_name, ContentFile(data), save=False)
            document.save()
            _queue_extraction(document.pk)
    except IntegrityError:
        # The same bytes were uploaded at the same moment by someone else: theirs is kept.
        _delete_stored_file(document)
        existing = _stored_document(organisation, sha256)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _delete_stored_file(document)
        raise
    return document, True


def _check_family_member(
    contract: Contract, organisation: Organisation, kind: str, effective_on: dt.date | None
) -> None:
    if contract.organisation_id != organisation.pk:
        raise UploadRefused("This contract belongs to another organisation.")
    if kind not in DocumentKind.values or kind == DocumentKind.ORIGINAL:
        raise UploadRefused(
            "Say what the document is to this contract: an amendment, an order form, a renewal, "
            "a notice or a replacement version."
        )
    if effective_on is None:
        raise UploadRefused(
            "Give the day the document takes effect (for example 2027-03-01): its changes apply "
            "from that day."
        )


def _stored_document(organisation: Organisation, sha256: str) -> ContractDocument | None:
    return (
        ContractDocument.objects.select_related("contract", "uploaded_by")
        .filter(organisation=organisation, sha256=sha256)
        .first()
    )


def _delete_stored_file(document: ContractDocument) -> None:
    if document.file:
        document.file.delete(save=False)


def _queue_extraction(document_id: int) -> None:
    # Imported here: the task module imports this one.
    from obligations.tasks.documents import extract_document_task

    extract_document_task.delay_on_commit(document_id)


def document_retry(*, document: ContractDocument) -> bool:
    """Queue a failed document's extraction again (after a fix or a transient problem)."""
    with transaction.atomic():
        updated = ContractDocument.objects.filter(
            pk=document.pk, extraction_status=ExtractionStatus.FAILED
        ).update(
            extraction_status=ExtractionStatus.QUEUED,
            progress=0,
            error="",
            warnings=[],
            unused_periods=[],
        )
        if updated:
            _queue_extraction(document.pk)
    document.refresh_from_db()
    return bool(updated)


def document_delete(*, document: ContractDocument) -> bool:
    """Delete a document whose extraction failed, with its draft contract and stored file.

    Only a failed document goes: one that was read has obligations someone may be reviewing.
    The file is removed once the rows are gone for good (after commit)."""
    with transaction.atomic():
        locked = (
            ContractDocument.objects.select_for_update()
            .filter(pk=document.pk, extraction_status=ExtractionStatus.FAILED)
            .select_related("contract")
            .first()
        )
        if locked is None:
            return False
        contract = locked.contract
        storage, name = locked.file.storage, locked.file.name
        only_document = not contract.documents.exclude(pk=locked.pk).exists()
        if only_document and contract.status == ContractStatus.DRAFT:
            contract.delete()  # cascades to the document and anything half-saved
        else:
            locked.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    return True


def _set_progress(document_id: int, progress: int) -> None:
    ContractDocument.objects.filter(
        pk=document_id,
        extraction_status__in=[ExtractionStatus.QUEUED, ExtractionStatus.RUNNING],
    ).update(extraction_status=ExtractionStatus.RUNNING, progress=progress)


def document_extraction_failed(*, document_id: int, message: str) -> None:
    """Mark a document's extraction failed with a message for the user; nothing else changes."""
    ContractDocument.objects.filter(pk=document_id).exclude(
        extraction_status=ExtractionStatus.DONE
    ).update(extraction_status=ExtractionStatus.FAILED, error=message[:2000])


def document_extract(*, document_id: int) -> ContractDocument | None:
    """Run the extractor on a stored document and save what it finds.

    Returns None when the document no longer exists. A document that is done or failed is left
    as it is. Transient database errors propagate so that the task can retry."""
    document = ContractDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    if document.extraction_status in (ExtractionStatus.DONE, ExtractionStatus.FAILED):
        return document
    # Imported here so that the web process, which only queues extraction, never loads it.
    from obligations.extraction import extract_document
    from obligations.extraction.readers import read_document

    try:
        _set_progress(document_id, PROGRESS_READING)
        data = _stored_bytes(document)
        read = read_document(data, document.original_name, max_bytes=settings.MAX_UPLOAD_BYTES)
        _set_progress(document_id, PROGRESS_ANALYSING)
        extraction = extract_document(read, source=document.original_name)
        _set_progress(document_id, PROGRESS_OBLIGATIONS)
        plan = _plan(extraction)
        _set_progress(document_id, PROGRESS_SAVING)
        _save(document_id, extraction, plan)
    except ReadError as error:
        document_extraction_failed(document_id=document_id, message=str(error))
    except SoftTimeLimitExceeded:
        logger.warning("Extraction of document %s hit the soft time limit", document_id)
        document_extraction_failed(
            document_id=document_id,
            message=time_limit_message(settings.EXTRACTION_SOFT_TIME_LIMIT),
        )
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        logger.exception("Extraction of document %s failed", document_id)
        document_extraction_failed(document_id=document_id, message=INTERNAL_ERROR_MESSAGE)
    document.refresh_from_db()
    return document


def _stored_bytes(document: ContractDocument) -> bytes:
    try:
        with document.file.open("rb") as stored:
            return bytes(stored.read(settings.MAX_UPLOAD_BYTES + 1))
    except (FileNotFoundError, ValueError):  # ValueError: no file is attached to the row
        raise ReadError("The uploaded file is missing from storage: upload it again.") from None


# -- From the extractor's dataclasses to rows ---------------------------------------------------

# Fractions of a coarse unit become whole numbers of a finer one; the columns hold integers.
_FINER_UNIT = {"years": ("months", 12), "weeks": ("days", 7), "days": ("hours", 24)}


def period_columns(period: Period | None) -> tuple[int | None, str]:
    """(amount, unit) for a period column pair, or (None, "") when it cannot be stored."""
    if period is None or period.unit not in Unit.values:
        return None, ""
    amount, unit = float(period.amount), period.unit
    while not amount.is_integer() and unit in _FINER_UNIT:
        unit, factor = _FINER_UNIT[unit]
        amount *= factor
    if not amount.is_integer() or amount <= 0:
        return None, ""
    return int(amount), unit


@dataclass
class _Plan:
    """Everything extraction will write, prepared before the transaction."""

    title: str | None = None
    counterparty: str = ""
    facts: dict[str, object] = field(default_factory=dict)  # model field -> value
    evidence: dict[str, str] = field(default_factory=dict)  # fact -> quote
    warnings: list[str] = field(default_factory=list)


# Defined roles, not names: "the Customer" or "Licensee" is no counterparty's name.
_GENERIC_PARTY_NAME = re.compile(
    r"(?:we|us|you|company|customer|client|provider|licensor|licensee|vendor|supplier"
    r"|party|parties|user|subscriber)",
    re.IGNORECASE,
)


def _counterparty(extraction: Extraction, our_side: str) -> str:
    """The other side's name as the preamble writes it ("Zammad GmbH"), not a defined role."""
    wanted = Party.PROVIDER if our_side == Party.CUSTOMER else Party.CUSTOMER
    for party in extraction.parties:
        name = party.name.strip()
        if party.role != wanted or name.lower().startswith("the "):
            continue
        if _GENERIC_PARTY_NAME.fullmatch(name) or not any(c.isupper() for c in name):
            continue
        return name[:200]
    return ""


def _plan_place_of_performance(plan: _Plan, extraction: Extraction) -> None:
    """The place the contract names, else the governing law's country (and state)."""
    named = find_place_of_performance(extraction.document.text)
    if named is not None:
        plan.facts["place_of_performance"] = named
        plan.evidence["place_of_performance"] = "The place of performance named in the contract."
        return
    law = plan.facts.get("governing_law")
    if law:
        plan.facts["place_of_performance"] = law
        plan.evidence["place_of_performance"] = (
            f"The contract names no place of performance; taken from the governing law ({law})."
        )


def _plan(extraction: Extraction) -> _Plan:
    plan = _Plan(title=(extraction.title or extraction.document.title or None))
    plan.warnings.extend(extraction.document.warnings)
    plan.warnings.extend(extraction.warnings)
    plan.counterparty = _counterparty(extraction, Party.CUSTOMER)

    law_quote = next(
        (
            extraction.document.text[c.start : c.end].strip()[:500]
            for c in extraction.clauses
            if "governing_law" in c.kinds
        ),
        "",
    )
    if extraction.governing_law:
        try:
            law = law_for(extraction.governing_law)
        except DeadlineInputError:
            plan.warnings.append(
                f"The governing law “{extraction.governing_law}” is not a code Clausewatch "
                "knows; set it in the contract's facts."
            )
        else:
            plan.facts["governing_law"] = law.code
            plan.evidence["governing_law"] = law_quote
            if law.known:
                plan.facts["time_zone"] = law.default_timezone
                plan.evidence["time_zone"] = f"The time zone of the governing law ({law.code})."

    calendars: list[str] = []
    for code in extraction.calendars:
        try:
            canonical = normalize_calendar_code(code)
        except DeadlineInputError as error:
            plan.warnings.append(error.message)
            continue
        if canonical not in calendars:
            calendars.append(canonical)
    if calendars:
        plan.facts["holiday_calendars"] = calendars
        plan.evidence["holiday_calendars"] = "Holiday calendars named in the contract."

    _plan_place_of_performance(plan, extraction)

    effective = next((fact for fact in extraction.dates if fact.kind == "effective"), None)
    if effective is not None:
        plan.facts["start_date"] = effective.date
        plan.evidence["start_date"] = effective.quote[:500]

    term = extraction.term
    for name in ("initial_term", "renewal_term", "notice_period"):
        period = getattr(term, name)
        amount, unit = period_columns(period)
        if amount is not None:
            plan.facts[f"{name}_amount"] = amount
            plan.facts[f"{name}_unit"] = unit
            plan.evidence[name] = (term.quote or "")[:500]
        elif period is not None:
            plan.warnings.append(
                f"The {name.replace('_', ' ')} “{period}” cannot be stored as a whole number; "
                "set it in the contract's facts."
            )
    if term.auto_renews is not None:
        plan.facts["auto_renews"] = term.auto_renews
        plan.evidence["auto_renews"] = (term.quote or "")[:500]
    return plan


def _db_text(text: str) -> str:
    # PostgreSQL text cannot hold NUL; the replacement keeps every offset where it was.
    return text.replace("\x00", "\ufffd")


def _fact_name(field_name: str) -> str:
    return field_name.removesuffix("_amount").removesuffix("_unit")


def _clause_rows(document: ContractDocument, extraction: Extraction) -> list[Clause]:
    text_length = len(extraction.document.text)
    rows: list[Clause] = []
    for clause in sorted(extraction.clauses, key=lambda c: (c.start, c.end)):
        start = max(0, min(clause.start, text_length))
        end = max(start, min(clause.end, text_length))
        rows.append(
            Clause(
                document=document,
                position=len(rows),
                ref=clause.ref[:64],
                heading=clause.heading[:300],
                start=start,
                end=end,
                kinds=list(clause.kinds),
            )
        )
    return rows


def _clause_for(clauses: list[Clause], start: int, ref: str | None) -> Clause | None:
    """The innermost clause whose span holds the evidence, else the first with that reference."""
    holding = [c for c in clauses if c.start <= start < c.end]
    if holding:
        return min(holding, key=lambda c: c.end - c.start)
    return next((c for c in clauses if ref and c.ref == ref), None)


def _obligation_rows(
    document: ContractDocument, extraction: Extraction, clauses: list[Clause], warnings: list[str]
) -> list[Obligation]:
    text = extraction.document.text
    rows: list[Obligation] = []
    for found in sorted(extraction.obligations, key=lambda o: (o.start, o.end)):
        start = max(0, min(found.start, len(text)))
        end = max(start, min(found.end, len(text)))
        amount, unit = period_columns(found.period)
        if found.period is not None and amount is None and float(found.period.amount) > 0:
            warnings.append(
                f"The period “{found.period}” of “{found.summary[:80]}” cannot be stored as a "
                "whole number; correct it on the review page."
            )
        relation = found.relation if found.relation in choices.Relation.values and amount else ""
        rows.append(
            Obligation(
                contract=document.contract,
                document=document,
                clause=_clause_for(clauses, start, found.clause_ref),
                position=len(rows),
                evidence_start=start,
                evidence_end=end,
                quote=_db_text(found.quote or text[start:end])[:5000],
                party=found.party if found.party in Party.values else Party.OTHER,
                kind=(found.kind or "obligation")[:40],
                summary=(found.summary or found.quote or "Obligation")[:300],
                period_amount=amount,
                period_unit=unit,
                relation=relation,
                anchor=_anchor_code(found.anchor),
                anchor_phrase=" ".join(found.anchor_phrase.split())[:200],
                recurrence=found.recurrence
                if found.recurrence in choices.Recurrence.values
                else "",
                confidence=min(1.0, max(0.0, float(found.confidence))),
            )
        )
    return rows


def _unused_rows(extraction: Extraction) -> list[dict[str, Any]]:
    """The periods the extraction set aside, as stored with the document (JSON-ready)."""
    return [
        {
            "quote": _db_text(unused.quote)[:2000],
            "period": str(unused.period),
            "phrase": unused.phrase,
            "reason": unused.reason,
            "clause_ref": unused.clause_ref,
            "start": unused.start,
            "end": unused.end,
        }
        for unused in extraction.unused_periods
    ]


def _anchor_code(code: str | None) -> str:
    """The stored anchor: a code of the vocabulary, or "another event" for a word outside it (its
    words are kept in anchor_phrase), so the database never holds a code nothing understands."""
    if not code:
        return ""
    return code if code in ANCHOR_BY_CODE else "other_event"


def _save(document_id: int, extraction: Extraction, plan: _Plan) -> None:
    with transaction.atomic():
        document = (
            ContractDocument.objects.select_for_update()
            .select_related("contract")
            .filter(pk=document_id)
            .first()
        )
        if document is None or document.extraction_status != ExtractionStatus.RUNNING:
            return  # deleted, or another run finished it first
        contract = Contract.objects.select_for_update().get(pk=document.contract_id)
        document.contract = contract

        clauses = _clause_rows(document, extraction)
        Clause.objects.bulk_create(clauses)
        # bulk_create sets primary keys on PostgreSQL and SQLite; reload to be sure everywhere.
        clauses = list(Clause.objects.filter(document=document).order_by("position"))
        obligations = _obligation_rows(document, extraction, clauses, plan.warnings)
        Obligation.objects.bulk_create(obligations)

        if document.is_family_member:
            # A further document proposes changes; they count once a reviewer confirms them.
            document.changes, document.changes_evidence = _family_changes(document, plan)
        elif contract.facts_confirmed_at is None:
            _apply_facts(contract, plan)
        if (
            plan.title
            and not document.is_family_member
            and contract.title == title_from_filename(document.original_name)
        ):
            contract.title = plan.title[:300]
        if plan.counterparty and not contract.counterparty:
            contract.counterparty = plan.counterparty
        if contract.status == ContractStatus.DRAFT:
            contract.status = ContractStatus.IN_REVIEW
        contract.full_clean(validate_unique=False)
        contract.save()

        document.text = _db_text(extraction.document.text)
        document.format = extraction.document.format[:8] or document.format
        document.page_count = extraction.document.page_count
        document.page_starts = list(extraction.document.page_starts)
        document.ocr_pages = [list(page) for page in extraction.document.ocr_pages]
        document.warnings = list(dict.fromkeys(plan.warnings))
        document.unused_periods = _unused_rows(extraction)
        document.parties = [
            {"name": party.name[:300], "role": party.role, "aliases": list(party.aliases)}
            for party in extraction.parties
        ]
        document.extraction_status = ExtractionStatus.DONE
        document.progress = PROGRESS_DONE
        document.error = ""
        document.save()
        search_index_contract(contract=contract)


# The term facts a further document proposes, as stored on it (JSON): periods as [amount, unit].
_FAMILY_FACTS = ("initial_term", "renewal_term", "notice_period")


def _family_changes(
    document: ContractDocument, plan: _Plan
) -> tuple[dict[str, Any], dict[str, str]]:
    changes: dict[str, Any] = {}
    for name in _FAMILY_FACTS:
        amount = plan.facts.get(f"{name}_amount")
        if amount is not None:
            changes[name] = [amount, plan.facts[f"{name}_unit"]]
    if "auto_renews" in plan.facts:
        changes["auto_renews"] = plan.facts["auto_renews"]
    start = plan.facts.get("start_date")
    # An order form's own term, or a replacement version's, starts on the day it names.
    if document.kind in (DocumentKind.ORDER_FORM, DocumentKind.REPLACEMENT) and isinstance(
        start, dt.date
    ):
        changes["start_date"] = start.isoformat()
    evidence = {name: plan.evidence[name] for name in changes if name in plan.evidence}
    return changes, evidence


def _apply_facts(contract: Contract, plan: _Plan) -> None:
    for field_name, value in plan.facts.items():
        setattr(contract, field_name, value)
    for fact in dict.fromkeys(_fact_name(f) for f in plan.facts):
        FactOrigin.objects.update_or_create(
            contract=contract,
            fact=fact,
            defaults={
                "origin": Origin.EXTRACTED,
                "by": None,
                "evidence": plan.evidence.get(fact, ""),
            },
        )
