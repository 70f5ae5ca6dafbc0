"""Recompute a contract's deadlines from its facts, reviewed obligations and logged events.

Everything happens in one transaction with the contract row locked, so two recomputations of the
same contract (a facts form and an event logged at once) cannot interleave. Deadlines that are
done or waived are never touched; open ones whose date changes keep their earlier values in
`history`; open ones that no longer follow from the contract (an obligation rejected, an event
deleted) are removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from obligations.deadlines import (
    ANCHOR_PERIOD_ENDS,
    DeadlineInputError,
    DeadlineResult,
    Period,
    compute_deadline,
    next_notice_deadline,
    notice_deadlines,
    notice_to_period_end,
    terms_before_renewals_end,
)
from obligations.models import Contract, Deadline, Event, Obligation
from obligations.models.choices import DeadlineStatus, ReviewStatus
from obligations.models.deadlines import PASSED_WHEN_COMPUTED
from obligations.models.periods import period_text
from obligations.services.deadline_rules import (
    CannotDate,
    Dating,
    DatingState,
    check_countable,
    check_term_facts,
    contract_year_ends,
    engine_relation,
    event_anchors,
    fixed_date,
    obligation_anchor,
    period_ends,
    period_months,
)
from obligations.vocabulary.anchors import Anchor, AnchorSource

if TYPE_CHECKING:
    from obligations.services.family import FamilyTerms, TermSchedule

RENEWAL_TERMS_AHEAD = 3  # notice deadlines of this many upcoming terms are kept
PERIODIC_LOOKBACK = dt.timedelta(days=100)
PERIODIC_HORIZON = dt.timedelta(days=400)


@dataclass(frozen=True)
class Computed:
    occurrence: str
    result: DeadlineResult
    event: Event | None = None
    preface: tuple[str, ...] = ()

    @property
    def is_recurring(self) -> bool:
        """A renewal or period occurrence: one that passed before it was tracked is not news."""
        return self.occurrence.startswith(("term:", "period:"))


@dataclass
class RecomputeResult:
    created: list[Deadline] = field(default_factory=list)
    updated: list[Deadline] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # descriptions of removed deadlines
    kept: list[Deadline] = field(default_factory=list)  # done or waived, left as they were
    problems: list[str] = field(default_factory=list)  # why an obligation gave no deadline

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def deadlines_recompute(
    *, contract: Contract, today: dt.date | None = None, reason: str = ""
) -> RecomputeResult:
    """`reason` says why, in the history of each open deadline that moves ("Amendment No. 2,
    effective 2027-03-01, set the notice period to 60 days")."""
    # Imported here: the family service imports the review service, which imports this one.
    from obligations.services.family import family_terms

    today = today or timezone.localdate()
    result = RecomputeResult()
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        family = family_terms(contract)
        obligations = list(
            contract.obligations.filter(
                review_status__in=[ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED],
                period_amount__isnull=False,
            ).order_by("position", "id")
        )
        events = list(contract.events.order_by("occurred_on", "id"))
        existing = {
            (row.obligation_id, row.occurrence): row
            for row in Deadline.objects.select_for_update(of=("self",))
            .select_related("obligation")
            .filter(contract=contract)
        }
        wanted: set[tuple[int, str]] = set()
        datings: dict[int, Dating] = {}
        for obligation in obligations:
            try:
                computed = obligation_occurrences(
                    contract, obligation, events, today, family=family
                )
            except CannotDate as error:
                if not (error.elsewhere or error.message.startswith("waiting for")):
                    result.problems.append(f"{obligation.summary}: {error.message}")
                # A wait or a reason is shown with the obligation.
                datings[obligation.pk] = dating_from(has_deadlines=False, error=error)
                continue
            except DeadlineInputError as error:
                result.problems.append(f"{obligation.summary}: {error.message}")
                datings[obligation.pk] = dating_from(has_deadlines=False, error=error)
                continue
            moved = _moved_terms(obligation, computed, existing, today=today)
            for item in computed:
                key = (obligation.pk, item.occurrence)
                row = moved.get(item.occurrence)
                if row is None and existing.get(key) not in moved.values():
                    row = existing.get(key)
                if row is None and item.is_recurring and item.result.deadline < today:
                    continue  # a renewal or period whose deadline passed before it was tracked
                wanted.add(key)
                if row is not None:
                    wanted.add((obligation.pk, row.occurrence))
                _apply(contract, obligation, item, row, result, today=today, reason=reason)
        active = {obligation.pk for obligation in obligations}
        event_ids = {event.pk for event in events}
        removed: list[int] = []
        for key, row in existing.items():
            if key in wanted:
                continue
            if row.status in (DeadlineStatus.DONE, DeadlineStatus.WAIVED) or _passed_by_time(
                row, today=today, active_obligations=active, event_ids=event_ids
            ):
                result.kept.append(row)
            else:
                result.removed.append(f"{row.obligation.summary} on {row.deadline.isoformat()}")
                removed.append(row.pk)
        if removed:
            Deadline.objects.filter(pk__in=removed).delete()
        with_deadlines = {pk for pk, _ in wanted} | {row.obligation_id for row in result.kept}
        for obligation in obligations:
            if obligation.pk not in datings:
                # Every occurrence it computed is either kept as a deadline or had passed
                # before it was tracked: without deadlines, no date falls in the window.
                datings[obligation.pk] = dating_from(has_deadlines=obligation.pk in with_deadlines)
        _store_datings(contract=contract, obligations=obligations, datings=datings)
    return result


NOT_COMPUTED_YET = (
    "Its deadlines have not been computed yet; save the contract's facts to compute them."
)
NO_DATE_IN_WINDOW = "No date falls within the tracked window of the next 13 months."


def dating_from(
    *,
    has_deadlines: bool,
    computed: list[Computed] | None = None,
    error: CannotDate | DeadlineInputError | None = None,
) -> Dating:
    """The dating state of a confirmed obligation with a period, from what computing its
    occurrences gave: deadlines, an error that says what it waits for or why it cannot be
    dated, occurrences not yet stored as deadlines, or nothing in the window."""
    if has_deadlines:
        return Dating(DatingState.DATED)
    if isinstance(error, CannotDate):
        if error.elsewhere:  # dated by another document of the family, which it names
            return Dating(DatingState.DATED, _sentence(error.message))
        state = DatingState.WAITING if error.waiting else DatingState.UNDATABLE
        return Dating(state, _sentence(error.message))
    if error is not None:
        return Dating(DatingState.UNDATABLE, _sentence(error.message))
    if computed:
        return Dating(DatingState.WAITING, NOT_COMPUTED_YET)
    return Dating(DatingState.UNDATABLE, NO_DATE_IN_WINDOW)


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:]


def _store_datings(
    *, contract: Contract, obligations: list[Obligation], datings: dict[int, Dating]
) -> None:
    """Keep each obligation's dating state and the contract's counts of them, which the
    dashboard reads; obligations no longer confirmed with a period lose theirs."""
    changed = []
    for obligation in obligations:
        dating = datings[obligation.pk]
        if (obligation.dating_state, obligation.dating_message) != (dating.state, dating.message):
            obligation.dating_state, obligation.dating_message = dating.state, dating.message
            changed.append(obligation)
    if changed:
        Obligation.objects.bulk_update(changed, ["dating_state", "dating_message"])
    contract.obligations.exclude(pk__in=[o.pk for o in obligations]).exclude(
        dating_state=""
    ).update(dating_state="", dating_message="")
    counts = Counter(dating.state for dating in datings.values())
    Contract.objects.filter(pk=contract.pk).update(
        obligations_dated=counts[DatingState.DATED],
        obligations_waiting=counts[DatingState.WAITING],
        obligations_undatable=counts[DatingState.UNDATABLE],
    )


def _moved_terms(
    obligation: Obligation,
    computed: list[Computed],
    existing: dict[tuple[int, str], Deadline],
    *,
    today: dt.date,
) -> dict[str, Deadline]:
    """Open term deadlines whose term ends moved (an amendment extended the term): when an
    upcoming one no longer follows, the upcoming open ones are paired in date order with the
    upcoming term ends now computed, so that each moves with its history (the next notice stays
    the next notice) instead of being deleted and created anew. Maps occurrence -> row."""
    wanted = {item.occurrence for item in computed}
    upcoming = sorted(
        (
            row
            for (obligation_id, occurrence), row in existing.items()
            if obligation_id == obligation.pk
            and occurrence.startswith("term:")
            and row.status == DeadlineStatus.OPEN
            and row.deadline >= today
        ),
        key=lambda row: (row.deadline, row.pk),
    )
    if all(row.occurrence in wanted for row in upcoming):
        return {}
    settled = {  # keys held by a done, waived or missed row, which stays where it is
        occurrence
        for (obligation_id, occurrence), row in existing.items()
        if obligation_id == obligation.pk and row.status != DeadlineStatus.OPEN
    }
    fresh = [
        item
        for item in computed
        if item.occurrence.startswith("term:")
        and item.occurrence not in settled
        and item.result.deadline >= today
    ]
    pairs = {item.occurrence: row for row, item in zip(upcoming, fresh, strict=False)}
    moving = [row.pk for occurrence, row in pairs.items() if row.occurrence != occurrence]
    for pk in moving:  # out of the way of the unique (obligation, occurrence) while keys swap
        Deadline.objects.filter(pk=pk).update(occurrence=f"moving:{pk}")
    return pairs


def _passed_by_time(
    row: Deadline, *, today: dt.date, active_obligations: set[int], event_ids: set[int]
) -> bool:
    """A past deadline that left the computation window only because time moved on stays, so
    that an overdue deadline does not vanish; one whose obligation or event is gone does not."""
    if row.deadline >= today or row.obligation_id not in active_obligations:
        return False
    if row.occurrence.startswith("event:"):
        return int(row.occurrence.removeprefix("event:")) in event_ids
    return True


def _apply(
    contract: Contract,
    obligation: Obligation,
    item: Computed,
    row: Deadline | None,
    result: RecomputeResult,
    *,
    today: dt.date,
    reason: str = "",
) -> None:
    values = {
        "occurrence": item.occurrence,
        "deadline": item.result.deadline,
        "act_by": item.result.act_by,
        "unshifted": item.result.unshifted,
        "explanation": [*item.preface, *item.result.explanation],
        "event": item.event,
    }
    if row is None:
        status = DeadlineStatus.OPEN
        if item.result.deadline < today:
            # Already past when it first became known: say so, rather than show a new overdue
            # deadline with reminders for a day nobody could still meet.
            status = DeadlineStatus.MISSED
            values["explanation"] = [
                f"{PASSED_WHEN_COMPUTED} {today:%a %d %b %Y}, when it was first computed.",
                *values["explanation"],
            ]
        result.created.append(
            Deadline.objects.create(
                organisation_id=contract.organisation_id,
                contract=contract,
                obligation=obligation,
                responsible_id=obligation.assignee_id or contract.owner_id,
                status=status,
                **values,
            )
        )
        return
    if row.status in (DeadlineStatus.DONE, DeadlineStatus.WAIVED):
        result.kept.append(row)
        return
    if (row.occurrence, row.deadline, row.act_by, row.explanation) == (
        values["occurrence"],
        values["deadline"],
        values["act_by"],
        values["explanation"],
    ):
        return
    row.history = [
        *row.history,
        {
            "changed_at": timezone.now().isoformat(),
            "deadline": row.deadline.isoformat(),
            "act_by": row.act_by.isoformat(),
            "explanation": row.explanation,
            **({"reason": reason} if reason else {}),
        },
    ]
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    result.updated.append(row)


def obligation_occurrences(
    contract: Contract,
    obligation: Obligation,
    events: list[Event],
    today: dt.date,
    *,
    family: FamilyTerms | None = None,
) -> list[Computed]:
    """The deadlines an obligation gives; CannotDate says what it waits for or why it has none."""
    check_countable(obligation)
    anchor = obligation_anchor(obligation)
    period = Period(obligation.period_amount, obligation.period_unit)
    setting = {
        "law": contract.governing_law or None,
        "calendars": contract.holiday_calendars or (),
        "timezone": contract.time_zone or None,
        "place": contract.place_of_performance or None,
    }
    relation = engine_relation(relation=obligation.relation, anchor=anchor)
    if obligation.relation == "before" and obligation.anchor in ANCHOR_PERIOD_ENDS:
        # "Three months' notice to the end of a calendar quarter": to the next end reachable.
        return [_notice_to_period_end(contract, obligation, period, setting, today)]
    if anchor.source is AnchorSource.TERM_END:
        if family is None:
            from obligations.services.family import family_terms

            family = family_terms(contract)
        return _term_notices(
            contract,
            obligation,
            period,
            setting,
            today,
            family=family,
            notice_to_end=obligation.relation == "before",
        )
    if anchor.source is AnchorSource.PERIOD_END:
        return _period_ends(contract, obligation, anchor, period, relation, setting, today)
    if anchor.source is AnchorSource.EVENT:
        return [
            Computed(
                occurrence=f"event:{found.event.pk}",
                result=compute_deadline(
                    period=period, relation=relation, anchor=found.day, **setting
                ),
                event=found.event,
                preface=(found.preface,),
            )
            for found in event_anchors(anchor, events, phrase=obligation.anchor_phrase)
        ]
    day = fixed_date(contract, anchor)
    return [
        Computed(
            occurrence=f"fixed:{anchor.source}",
            result=compute_deadline(period=period, relation=relation, anchor=day, **setting),
            preface=(f"Counted from the {anchor.label.lower()}, {day.isoformat()}.",),
        )
    ]


def _period_ends(
    contract: Contract,
    obligation: Obligation,
    anchor: Anchor,
    period: Period,
    relation: str,
    setting: dict,
    today: dt.date,
) -> list[Computed]:
    since = max(today - PERIODIC_LOOKBACK, contract.start_date or today - PERIODIC_LOOKBACK)
    until = today + PERIODIC_HORIZON
    if anchor.from_contract_start:
        if contract.start_date is None:
            raise CannotDate(
                "needs the contract's start date to know when each contract year ends; "
                "enter it in the facts.",
                waiting=True,
            )
        ends = contract_year_ends(start=contract.start_date, since=since, until=until)
    else:
        months = period_months(anchor=anchor, recurrence=obligation.recurrence)
        ends = period_ends(months=months, since=since, until=until)
    return [
        Computed(
            occurrence=f"period:{end.isoformat()}",
            result=compute_deadline(period=period, relation=relation, anchor=end, **setting),
            preface=(f"Counted from the end of the period on {end.isoformat()}.",),
        )
        for end in ends
    ]


def _notice_to_period_end(
    contract: Contract, obligation: Obligation, notice: Period, setting: dict, today: dt.date
) -> Computed:
    """'Three months' notice to the end of a calendar quarter': the next end that can still be
    reached as of today, and the day its notice is due."""
    if obligation.anchor == "contract_year_end" and contract.start_date is None:
        raise CannotDate(
            "needs the contract's start date to know when each contract year ends; "
            "enter it in the facts.",
            waiting=True,
        )
    result = notice_to_period_end(
        notice=notice,
        to_end_of=ANCHOR_PERIOD_ENDS[obligation.anchor],
        as_of=max(today, contract.start_date or today),
        contract_start=contract.start_date,
        **setting,
    )
    return Computed(occurrence=f"period:{result.effective_end.isoformat()}", result=result)


def _term_notices(
    contract: Contract,
    obligation: Obligation,
    period: Period,
    setting: dict,
    today: dt.date,
    *,
    family: FamilyTerms,
    notice_to_end: bool,
) -> list[Computed]:
    """The deadlines counted from the end of each term: of the order form the obligation comes
    from, if it has its own term, else of the contract. A notice period set by an amendment
    governs the agreement's notices; a notice ending the renewals ends the deadlines after it."""
    preface: tuple[str, ...] = ()
    if obligation.document_id in family.unconfirmed_documents:
        raise CannotDate(
            "waiting for its document's changes to be confirmed (what it is, when it takes "
            "effect, its term and notice) — confirm them on the document's page to get a date.",
            waiting=True,
        )
    schedule = family.order_forms.get(obligation.document_id)
    if schedule is not None:
        terms = schedule_inputs(schedule, period, setting)
        start = schedule.start
        preface = (f"The term of {schedule.source}.",)
    else:
        check_term_facts(contract)
        if (
            notice_to_end
            and obligation.document_id in family.amending_documents
            and family.agreement_has_notice
        ):
            raise CannotDate(
                "counted in the agreement's notice deadline, which uses the notice period this "
                "document sets.",
                elsewhere=True,
            )
        if notice_to_end and family.notice_period is not None:
            period = Period(*family.notice_period)
            preface = (
                f"Notice period {period_text(*family.notice_period)}, as set by "
                f"{family.notice_source}.",
            )
        terms = term_inputs(contract, period, setting, renews=family.renewals_end_on is not None)
        start = contract.start_date
    assert start is not None
    as_of = max(today, start)
    try:
        first = next_notice_deadline(as_of=as_of, **terms).term_number
    except DeadlineInputError:
        if family.renewals_end_on is not None:
            return []
        last = notice_deadlines(first_term=1, count=1, **terms)[0]
        raise CannotDate(
            f"the only notice window closed on {last.deadline:%a %d %b %Y} (for the term ending "
            f"{last.term_end:%a %d %b %Y}) and the contract does not renew."
        ) from None
    items = notice_deadlines(first_term=first, count=RENEWAL_TERMS_AHEAD, **terms)
    if family.renewals_end_on is not None:
        items = terms_before_renewals_end(
            items, renewals_end_on=family.renewals_end_on, notice_to_end=notice_to_end
        )
        if items and not notice_to_end:
            preface = (*preface, f"The renewals end with {family.renewals_end_source}.")
    return [
        Computed(occurrence=f"term:{item.term_end.isoformat()}", result=item, preface=preface)
        for item in items
    ]


def term_inputs(contract: Contract, notice: Period, setting: dict, *, renews: bool = False) -> dict:
    """The engine's term inputs from the contract's facts; `renews` counts the renewals even
    when a notice has ended them (the terms before it still renew)."""
    assert contract.start_date is not None and contract.initial_term_amount is not None
    return {
        "term_start": contract.start_date,
        "initial_term": Period(contract.initial_term_amount, contract.initial_term_unit),
        "renewal_term": (
            Period(contract.renewal_term_amount, contract.renewal_term_unit)
            if (renews or contract.auto_renews is not False) and contract.renewal_term_amount
            else None
        ),
        "notice": notice,
        **setting,
    }


def schedule_inputs(schedule: TermSchedule, notice: Period, setting: dict) -> dict:
    """The engine's term inputs from an order form's own term."""
    if schedule.start is None or schedule.initial_term is None:
        raise CannotDate(
            f"needs the start and term of {schedule.source}; confirm its changes.", waiting=True
        )
    return {
        "term_start": schedule.start,
        "initial_term": Period(*schedule.initial_term),
        "renewal_term": (
            Period(*schedule.renewal_term)
            if schedule.renewal_term and schedule.auto_renews is not False
            else None
        ),
        "notice": notice,
        **setting,
    }
