"""Legal review: confirming, correcting and rejecting extracted obligations, and confirming or
editing a contract's facts. Every action writes a ReviewLog row and recomputes the deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from obligations.deadlines.calendars import normalize_calendar_code
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.laws import governing_law as law_for
from obligations.models import Contract, Deadline, FactOrigin, Membership, Obligation, ReviewLog
from obligations.models.choices import Origin, Party, Recurrence, Relation, ReviewStatus, Unit
from obligations.models.organisations import Organisation
from obligations.services.search import search_entry_obligation_update
from obligations.vocabulary.anchors import ANCHOR_BY_CODE

CORRECTABLE_FIELDS = (
    "party",
    "period_amount",
    "period_unit",
    "relation",
    "anchor",
    "recurrence",
    "summary",
)
FACT_FIELDS = {
    "governing_law": ("governing_law",),
    "holiday_calendars": ("holiday_calendars",),
    "place_of_performance": ("place_of_performance",),
    "time_zone": ("time_zone",),
    "start_date": ("start_date",),
    "initial_term": ("initial_term_amount", "initial_term_unit"),
    "renewal_term": ("renewal_term_amount", "renewal_term_unit"),
    "auto_renews": ("auto_renews",),
    "notice_period": ("notice_period_amount", "notice_period_unit"),
}


@dataclass(frozen=True)
class ReviewResult:
    action: str
    changes: dict[str, list[Any]] = field(default_factory=dict)
    recompute: Any = None  # what deadlines_recompute reported
    deadlines_problem: str = ""  # why the deadlines could not be computed, for the page


# -- Validation shared with the forms -----------------------------------------------------------


def clean_governing_law(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        code = law_for(value).code
    except DeadlineInputError as error:
        raise ValidationError(error.message) from None
    return code or ""


def clean_calendars(values: list[str]) -> list[str]:
    codes: list[str] = []
    problems: list[str] = []
    for value in values:
        if not value.strip():
            continue
        try:
            code = normalize_calendar_code(value)
        except DeadlineInputError as error:
            problems.append(error.message)
            continue
        if code not in codes:
            codes.append(code)
    if problems:
        raise ValidationError(problems)
    return codes


def clean_place_of_performance(value: str) -> str:
    """A country, or a state or canton: "ch-be" -> "CH-BE"; blank stays blank."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        code = normalize_calendar_code(value)
    except DeadlineInputError as error:
        raise ValidationError(error.message) from None
    if len(code.partition("-")[0]) != 2:
        raise ValidationError(
            f"“{value}” is not a country, state or canton: use a code such as DE-BY, CH-BE, "
            "US-NY or DE."
        )
    return code


def contract_region_missing(contract: Contract) -> str:
    """The country ("CH") whose state or canton the page should ask for: its law counts most
    holidays regionally and neither the place of performance nor a calendar names the region.
    Empty when nothing is missing."""
    try:
        law = law_for(contract.governing_law or None)
    except DeadlineInputError:
        return ""
    if not law.needs_region or law.code is None or "-" in law.code:
        return ""
    named = [contract.place_of_performance or "", *(contract.holiday_calendars or [])]
    if any(code.upper().startswith(f"{law.country}-") for code in named):
        return ""
    return law.country or ""


def clean_time_zone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("Give the contract's time zone, for example Europe/Berlin or UTC.")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"“{value}” is not a time zone Clausewatch knows: use an IANA name such as "
            "Europe/Berlin, Europe/Zurich, America/New_York or UTC."
        ) from None
    return value


def clean_period(amount: int | None, unit: str, label: str) -> tuple[int | None, str]:
    """Both or neither; the amount a positive whole number and the unit one Clausewatch knows."""
    unit = unit or ""
    if amount is None and not unit:
        return None, ""
    if amount is None:
        raise ValidationError(f"Give the {label}'s number as well as its unit, or neither.")
    if not unit:
        raise ValidationError(f"Give the {label}'s unit as well as its number, or neither.")
    if unit not in Unit.values:
        raise ValidationError(
            f"“{unit}” is not a unit Clausewatch counts in: use one of {', '.join(Unit.labels)}."
        )
    if amount <= 0:
        raise ValidationError(f"The {label} must be at least 1 {Unit(unit).label}.")
    return amount, unit


# -- Permission and logging ---------------------------------------------------------------------


def _require_reviewer(user: AbstractBaseUser, organisation: Organisation) -> None:
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None or not membership.can_review:
        raise PermissionDenied("Only reviewers and admins of this organisation can review.")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _recompute(contract: Contract) -> tuple[Any, str]:
    """Recompute the contract's deadlines in a savepoint: a rule the engine cannot apply leaves
    the review itself saved and the old deadlines in place, with the reason for the page."""
    # Imported here: the deadline service loads the engine, which most pages do not need.
    from obligations.services.deadlines import deadlines_recompute

    try:
        with transaction.atomic():
            return deadlines_recompute(contract=contract), ""
    except DeadlineInputError as error:
        return None, error.message


def _log(
    *,
    contract: Contract,
    obligation: Obligation | None,
    user: AbstractBaseUser,
    action: str,
    changes: dict[str, list[Any]],
) -> None:
    ReviewLog.objects.create(
        contract=contract, obligation=obligation, actor=user, action=action, changes=changes
    )


# -- Obligations --------------------------------------------------------------------------------


def _set_status(
    *,
    obligation: Obligation,
    user: AbstractBaseUser,
    status: ReviewStatus,
    updates: dict[str, Any] | None = None,
) -> ReviewResult:
    _require_reviewer(user, obligation.contract.organisation)
    with transaction.atomic():
        locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
        changes: dict[str, list[Any]] = {}
        for name, value in (updates or {}).items():
            if getattr(locked, name) != value:
                changes[name] = [getattr(locked, name), value]
                setattr(locked, name, value)
        if status == ReviewStatus.CORRECTED and not changes:
            status = ReviewStatus.CONFIRMED  # saving the form unchanged accepts the extraction
        if locked.review_status != status:
            changes["review_status"] = [locked.review_status, str(status)]
        locked.review_status = status
        locked.reviewed_by = user
        locked.reviewed_at = timezone.now()
        locked.full_clean(exclude=["contract", "document", "clause", "reviewed_by"])
        locked.save()
        _log(
            contract=locked.contract,
            obligation=locked,
            user=user,
            action=str(status),
            changes=changes,
        )
        recompute, problem = _recompute(locked.contract)
        search_entry_obligation_update(obligation=locked)
        if "summary" in changes or "review_status" in changes:
            # Calendar feeds show the summary, and the sweep plans reminders for the deadlines
            # it sees changed (a confirmed obligation's are wanted, a rejected one's are not).
            Deadline.objects.filter(obligation=locked).update(updated_at=timezone.now())
    obligation.refresh_from_db()
    return ReviewResult(str(status), changes, recompute, problem)


BULK_STATUSES = (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED)


def obligations_bulk_set_status(
    *,
    contract: Contract,
    obligation_ids: list[int],
    status: ReviewStatus,
    user: AbstractBaseUser,
) -> int:
    """Confirm or reject many of the contract's obligations at once: each writes the same
    history entry as a single review, and the deadlines are recomputed once at the end."""
    if status not in BULK_STATUSES:
        raise ValueError(f"cannot set {status!r} in bulk")
    _require_reviewer(user, contract.organisation)
    changed = 0
    with transaction.atomic():
        rows = list(
            Obligation.objects.select_for_update()
            .filter(contract=contract, pk__in=obligation_ids)
            .order_by("pk")
        )
        now = timezone.now()
        for locked in rows:
            changes: dict[str, list[Any]] = {}
            if locked.review_status != status:
                changes["review_status"] = [locked.review_status, str(status)]
            locked.review_status = status
            locked.reviewed_by = user
            locked.reviewed_at = now
            locked.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
            _log(
                contract=contract, obligation=locked, user=user, action=str(status), changes=changes
            )
            search_entry_obligation_update(obligation=locked)
            changed += bool(changes)
        if rows:
            _recompute(contract)
            # The sweep plans reminders for the deadlines it sees changed.
            Deadline.objects.filter(obligation__in=rows).update(updated_at=timezone.now())
    return changed


def obligation_confirm(*, obligation: Obligation, user: AbstractBaseUser) -> ReviewResult:
    return _set_status(obligation=obligation, user=user, status=ReviewStatus.CONFIRMED)


def obligation_reject(*, obligation: Obligation, user: AbstractBaseUser) -> ReviewResult:
    return _set_status(obligation=obligation, user=user, status=ReviewStatus.REJECTED)


def obligation_correct(
    *,
    obligation: Obligation,
    user: AbstractBaseUser,
    party: str,
    period_amount: int | None,
    period_unit: str,
    relation: str,
    anchor: str,
    recurrence: str,
    summary: str,
) -> ReviewResult:
    """Save a reviewer's correction of the obligation's party, time rule and summary."""
    errors: dict[str, list[str]] = {}
    if party not in Party.values:
        errors["party"] = [f"Choose one of: {', '.join(Party.labels)}."]
    try:
        period_amount, period_unit = clean_period(period_amount, period_unit, "period")
    except ValidationError as error:
        errors["period_amount"] = error.messages
    if relation and relation not in Relation.values:
        errors["relation"] = ["Choose “before” or “after”, or leave it empty."]
    if relation and period_amount is None:
        errors["relation"] = ["A deadline before or after an event needs a period."]
    if period_amount is not None and not relation:
        errors["relation"] = ["Say whether the period runs before or after the event."]
    anchor = (anchor or "").strip()
    if relation and not anchor:
        errors["anchor"] = ["Choose what the period counts from, e.g. “Invoice received”."]
    if anchor and anchor not in ANCHOR_BY_CODE:
        errors["anchor"] = ["Choose what the period counts from from the list."]
    if recurrence and recurrence not in Recurrence.values:
        errors["recurrence"] = [f"Choose one of: {', '.join(Recurrence.labels)}, or none."]
    summary = " ".join((summary or "").split())
    if not summary:
        errors["summary"] = ["Write a one-line summary of what is owed."]
    if errors:
        raise ValidationError(errors)
    return _set_status(
        obligation=obligation,
        user=user,
        status=ReviewStatus.CORRECTED,
        updates={
            "party": party,
            "period_amount": period_amount,
            "period_unit": period_unit,
            "relation": relation,
            "anchor": anchor,
            "recurrence": recurrence,
            "summary": summary[:300],
        },
    )


# -- Contract facts -----------------------------------------------------------------------------


def _fact_value(contract: Contract, fact: str) -> Any:
    columns = FACT_FIELDS[fact]
    if len(columns) == 1:
        return getattr(contract, columns[0])
    return tuple(getattr(contract, column) for column in columns)


def _fact_json(fact: str, value: Any) -> Any:
    if fact in ("initial_term", "renewal_term", "notice_period"):
        amount, unit = value
        return f"{amount} {unit}" if amount is not None else None
    return _json(value)


def contract_facts_clean(facts: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a complete set of facts; errors name the form field they belong to."""
    unknown = set(facts) - {column for columns in FACT_FIELDS.values() for column in columns}
    if unknown:
        raise TypeError(f"Unknown contract facts: {', '.join(sorted(unknown))}")
    cleaned = dict(facts)
    errors: dict[str, list[str]] = {}
    checks = {
        "governing_law": lambda: clean_governing_law(facts.get("governing_law", "")),
        "holiday_calendars": lambda: clean_calendars(list(facts.get("holiday_calendars", []))),
        "time_zone": lambda: clean_time_zone(facts.get("time_zone", "")),
        "place_of_performance": lambda: clean_place_of_performance(
            facts.get("place_of_performance", "")
        ),
    }
    for name, check in checks.items():
        try:
            cleaned[name] = check()
        except ValidationError as error:
            errors[name] = error.messages
    start = facts.get("start_date")
    if start is not None and not isinstance(start, dt.date):
        errors["start_date"] = ["Give the start date as a date, e.g. 2026-04-01."]
    for fact in ("initial_term", "renewal_term", "notice_period"):
        amount_field, unit_field = FACT_FIELDS[fact]
        try:
            cleaned[amount_field], cleaned[unit_field] = clean_period(
                facts.get(amount_field), facts.get(unit_field, ""), fact.replace("_", " ")
            )
        except ValidationError as error:
            errors[amount_field] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def contract_facts_update(
    *, contract: Contract, user: AbstractBaseUser, **facts: Any
) -> ReviewResult:
    """Confirm the contract's facts: a value accepted unchanged is recorded as confirmed, a
    changed one as edited, both by `user`; then the deadlines are recomputed."""
    _require_reviewer(user, contract.organisation)
    cleaned = contract_facts_clean(facts)
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        changes: dict[str, list[Any]] = {}
        for fact, columns in FACT_FIELDS.items():
            if not all(column in cleaned for column in columns):
                continue
            before = _fact_value(locked, fact)
            for column in columns:
                setattr(locked, column, cleaned[column])
            after = _fact_value(locked, fact)
            changed = before != after
            if changed:
                changes[fact] = [_fact_json(fact, before), _fact_json(fact, after)]
            FactOrigin.objects.update_or_create(
                contract=locked,
                fact=fact,
                defaults={
                    "origin": Origin.EDITED if changed else Origin.CONFIRMED,
                    "by": user,
                    # A value typed in by hand no longer comes from a document of the family.
                    **({"document": None, "since": None} if changed else {}),
                },
            )
        locked.facts_confirmed_at = timezone.now()
        locked.full_clean(exclude=["owner"], validate_unique=False)
        locked.save()
        action = "facts_edited" if changes else "facts_confirmed"
        _log(contract=locked, obligation=None, user=user, action=action, changes=changes)
        recompute, problem = _recompute(locked)
    contract.refresh_from_db()
    return ReviewResult(action, changes, recompute, problem)
