"""Which of the three states each confirmed obligation with a period is in, and the notice
windows of the current term that have already closed.

Every confirmed obligation with a period either has deadlines, waits for something named (an
event to be logged, a fact to be entered), or cannot be dated, with the reason in words. The
review page, the contract page and the dashboard all ask this one service.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from obligations.deadlines import DeadlineInputError, Period, next_notice_deadline, notice_deadlines
from obligations.models import Contract, Deadline, Event, Obligation, Organisation
from obligations.models.choices import ReviewStatus
from obligations.services.deadline_rules import CannotDate, Dating, DatingState
from obligations.services.deadlines import dating_from, obligation_occurrences, term_inputs
from obligations.vocabulary.anchors import TERM_END_CODES

CONFIRMED = (ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED)


def obligation_dating(
    *,
    obligation: Obligation,
    has_deadlines: bool,
    events: list[Event],
    today: dt.date | None = None,
) -> Dating:
    """The state of one confirmed obligation with a period, given its contract's events."""
    if has_deadlines:
        return dating_from(has_deadlines=True)
    try:
        computed = obligation_occurrences(
            obligation.contract, obligation, events, today or timezone.localdate()
        )
    except (CannotDate, DeadlineInputError) as error:
        return dating_from(has_deadlines=False, error=error)
    return dating_from(has_deadlines=False, computed=computed)


def dating_of(
    *, contracts: Iterable[Contract], today: dt.date | None = None
) -> list[tuple[Obligation, Dating]]:
    """Each confirmed obligation with a period of these contracts, with its state. A fixed number
    of queries, however many contracts and obligations there are."""
    contract_ids = [contract.pk for contract in contracts]
    obligations = list(
        Obligation.objects.filter(
            contract_id__in=contract_ids,
            review_status__in=CONFIRMED,
            period_amount__isnull=False,
        )
        .select_related("contract", "contract__organisation")
        .order_by("contract__title", "contract_id", "position", "id")
    )
    dated = set(
        Deadline.objects.filter(contract_id__in=contract_ids).values_list(
            "obligation_id", flat=True
        )
    )
    events_by_contract: dict[int, list[Event]] = defaultdict(list)
    for event in Event.objects.filter(contract_id__in=contract_ids).order_by("occurred_on", "id"):
        events_by_contract[event.contract_id].append(event)
    return [
        (
            obligation,
            obligation_dating(
                obligation=obligation,
                has_deadlines=obligation.pk in dated,
                events=events_by_contract[obligation.contract_id],
                today=today,
            ),
        )
        for obligation in obligations
    ]


@dataclass(frozen=True)
class UnsortedState:
    """Confirmed obligations whose contract's deadlines were not recomputed since."""

    label: str = "Not yet sorted (open the contract to sort them)"

    def __str__(self) -> str:
        return "unsorted"


@dataclass(frozen=True)
class DatingSummary:
    rows: list[tuple[DatingState | UnsortedState, int]]
    undated: list[tuple[Obligation, Dating]]  # the first few that wait or cannot be dated
    undated_more: int  # those beyond the ones listed


def dating_summary(*, organisation: Organisation, listed: int = 8) -> DatingSummary:
    """The states of an organisation's confirmed obligations with a period, for the dashboard,
    as the deadline recomputation stored them: the counts summed over its contracts, and the
    first obligations that wait or cannot be dated, in contract title order. Four indexed
    queries, however many contracts and obligations there are."""
    contracts = Contract.objects.filter(organisation=organisation, archived_at__isnull=True)
    totals = contracts.aggregate(
        dated=Coalesce(Sum("obligations_dated"), 0),
        waiting=Coalesce(Sum("obligations_waiting"), 0),
        undatable=Coalesce(Sum("obligations_undatable"), 0),
    )
    unsorted = Obligation.objects.filter(
        contract__in=contracts,
        dating_state="",
        review_status__in=CONFIRMED,
        period_amount__isnull=False,
    ).count()
    first_contracts = list(
        contracts.filter(Q(obligations_waiting__gt=0) | Q(obligations_undatable__gt=0))
        .order_by("title", "id")
        .values_list("pk", flat=True)[:listed]
    )
    undated = [
        (obligation, Dating(DatingState(obligation.dating_state), obligation.dating_message))
        for obligation in Obligation.objects.filter(
            contract_id__in=first_contracts,
            dating_state__in=[DatingState.WAITING, DatingState.UNDATABLE],
        )
        .select_related("contract")
        .order_by("contract__title", "contract_id", "position", "id")[:listed]
    ]
    rows: list[tuple[DatingState | UnsortedState, int]] = [
        (state, totals[str(state)]) for state in DatingState
    ]
    if unsorted:
        rows.append((UnsortedState(), unsorted))
    return DatingSummary(
        rows=rows,
        undated=undated,
        undated_more=totals["waiting"] + totals["undatable"] - len(undated),
    )


def contract_dating(*, contract: Contract, today: dt.date | None = None) -> dict[int, Dating]:
    """The state of each confirmed obligation with a period of the contract, by obligation id."""
    return {
        obligation.pk: dating for obligation, dating in dating_of(contracts=[contract], today=today)
    }


def dating_counts(datings: Iterable[Dating]) -> dict[DatingState, int]:
    counted = Counter(dating.state for dating in datings)
    return {state: counted.get(state, 0) for state in DatingState}


@dataclass(frozen=True)
class MissedWindow:
    """A notice window of the current term that closed before it could be used."""

    obligation: Obligation
    term_end: dt.date
    closed_on: dt.date
    next_deadline: dt.date | None
    next_term_end: dt.date | None

    @property
    def sentence(self) -> str:
        text = (
            f"The notice window for the term ending {self.term_end:%a %d %b %Y} closed on "
            f"{self.closed_on:%a %d %b %Y}."
        )
        if self.next_deadline and self.next_term_end:
            return (
                f"{text} The next date that can still be met is {self.next_deadline:%a %d %b %Y}, "
                f"for the term ending {self.next_term_end:%a %d %b %Y}."
            )
        return f"{text} The contract does not renew, so no later notice date follows."


def missed_windows(*, contract: Contract, today: dt.date | None = None) -> list[MissedWindow]:
    """For each confirmed notice obligation counted from the term's end: if the window for the
    term now running has already closed, which term it was, when it closed, and what comes next."""
    today = today or timezone.localdate()
    if contract.start_date is None or contract.initial_term_amount is None:
        return []
    if today < contract.start_date:
        return []
    setting = {
        "law": contract.governing_law or None,
        "calendars": contract.holiday_calendars or (),
        "timezone": contract.time_zone or None,
    }
    # The agreement's own notices; an order form's run on its own term, shown with its deadlines.
    notices = list(
        contract.obligations.filter(
            review_status__in=CONFIRMED,
            period_amount__isnull=False,
            document__kind="original",
            anchor__in=TERM_END_CODES,
        ).order_by("position", "id")
    )
    if not notices:
        return []  # no notice counted from the term's end: the family need not be read
    from obligations.services.family import family_terms

    family = family_terms(contract)
    if family.renewals_end_on is not None:
        return []  # notice has been given: no window is missed any more
    found = []
    for obligation in notices:
        notice = Period(obligation.period_amount, obligation.period_unit)
        if obligation.relation == "before" and family.notice_period is not None:
            notice = Period(*family.notice_period)  # as an amendment set it
        try:
            terms = term_inputs(contract, notice, setting)
            window = _missed(terms, today)
        except DeadlineInputError:
            continue
        if window is not None:
            found.append(MissedWindow(obligation, *window))
    return found


def _missed(
    terms: dict, today: dt.date
) -> tuple[dt.date, dt.date, dt.date | None, dt.date | None] | None:
    current = _current_term_number(terms, today)
    this_term = notice_deadlines(first_term=current, count=1, **terms)
    if not this_term or this_term[0].deadline >= today:
        return None
    try:
        following = next_notice_deadline(as_of=today, **terms)
    except DeadlineInputError:
        return this_term[0].term_end, this_term[0].deadline, None, None
    return this_term[0].term_end, this_term[0].deadline, following.deadline, following.term_end


def _current_term_number(terms: dict, today: dt.date) -> int:
    number = 1
    while True:
        items = notice_deadlines(first_term=number, count=1, **terms)
        if not items or items[0].term_end >= today or number > 500:
            return number
        number += 1
