"""Every confirmed obligation with a period is dated, waits for something named, or says why it
cannot be dated: walked over the whole anchor vocabulary, and over real contracts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from obligations.models import Deadline, Event
from obligations.models.choices import DeadlineStatus, ReviewStatus
from obligations.services.dating import contract_dating, dating_counts, missed_windows
from obligations.services.deadline_rules import DatingState
from obligations.services.deadlines import deadlines_recompute
from obligations.services.documents import document_extract, document_upload
from obligations.services.review import contract_facts_update, obligation_confirm
from obligations.vocabulary.anchors import ANCHORS, EVENT_KIND_BY_CODE, AnchorSource
from tests.conftest import SHARED
from tests.factories import ContractFactory, MembershipFactory, ObligationFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 20)


def confirmed(contract, **fields):
    values = {
        "period_amount": 10,
        "period_unit": "days",
        "relation": "after",
        "anchor": "invoice_received",
        "review_status": ReviewStatus.CONFIRMED,
        **fields,
    }
    document = contract.documents.first()
    if document is not None:
        values.setdefault("clause__document", document)
    return ObligationFactory(clause__document__contract=contract, **values)


def state_of(contract, obligation):
    deadlines_recompute(contract=contract, today=TODAY)
    live = contract_dating(contract=contract, today=TODAY)[obligation.pk]
    # The recomputation stores the same state and words, which the dashboard reads.
    obligation.refresh_from_db()
    assert (obligation.dating_state, obligation.dating_message) == (live.state, live.message)
    contract.refresh_from_db()
    stored_counts = (
        contract.obligations_dated,
        contract.obligations_waiting,
        contract.obligations_undatable,
    )
    assert stored_counts == tuple(
        contract.obligations.filter(dating_state=state).count() for state in DatingState
    )
    return live


def dated_contract(**fields):
    values = {
        "start_date": D(2026, 1, 1),
        "initial_term_amount": 12,
        "initial_term_unit": "months",
        "renewal_term_amount": 12,
        "renewal_term_unit": "months",
        "auto_renews": True,
        **fields,
    }
    return ContractFactory(**values)


@pytest.mark.parametrize("relation", ["before", "after"])
@pytest.mark.parametrize("anchor", ANCHORS, ids=lambda a: a.code)
def test_every_anchor_ends_dated_waiting_or_with_a_reason_never_none(anchor, relation):
    contract = dated_contract()
    obligation = confirmed(contract, anchor=anchor.code, relation=relation, recurrence="")
    dating = state_of(contract, obligation)
    assert dating.state in set(DatingState)
    if dating.state is DatingState.DATED:
        assert Deadline.objects.filter(obligation=obligation).exists()
    else:
        assert dating.message, f"{anchor.code}: {dating.state} without words"
    if anchor.source is AnchorSource.EVENT:
        kind = EVENT_KIND_BY_CODE[anchor.event_kind]
        # Before the event is logged it waits, and names the event by its label.
        assert dating.state is DatingState.WAITING
        assert kind.label in dating.message
        assert "log one" in dating.message
        # Logged (with the day it takes effect when that is the day that counts): dated.
        Event.objects.create(
            contract=contract,
            kind=kind.code,
            occurred_on=D(2026, 11, 2),
            effective_on=D(2027, 1, 15) if kind.has_effective_date else None,
        )
        assert state_of(contract, obligation).state is DatingState.DATED
    elif anchor.source is AnchorSource.SIGNATURE_DATE:
        assert dating.state is DatingState.UNDATABLE
        assert "signed" in dating.message
    elif anchor.source is AnchorSource.PERIOD_END and not anchor.months_per_period:
        # "The end of each billing period" with no recurrence does not say how long it is.
        assert dating.state is DatingState.UNDATABLE
        assert "how long the period is" in dating.message
        obligation.recurrence = "monthly"
        obligation.save()
        assert state_of(contract, obligation).state is DatingState.DATED
    else:
        assert dating.state is DatingState.DATED


@pytest.mark.parametrize(
    "anchor", ["term_end", "term_start", "effective_date", "contract_year_end"]
)
def test_a_missing_start_date_is_a_named_wait(anchor):
    contract = dated_contract(start_date=None)
    obligation = confirmed(contract, anchor=anchor, relation="before")
    dating = state_of(contract, obligation)
    assert dating.state is DatingState.WAITING
    assert "start date" in dating.message


def test_a_business_hours_response_time_cannot_be_dated_and_says_why():
    contract = dated_contract()
    obligation = confirmed(contract, period_amount=4, period_unit="business_hours")
    dating = state_of(contract, obligation)
    assert dating.state is DatingState.UNDATABLE
    assert "working hours" in dating.message


def test_a_blank_anchor_with_a_period_cannot_be_dated_and_says_what_to_choose():
    contract = dated_contract()
    obligation = confirmed(contract, anchor="")
    dating = state_of(contract, obligation)
    assert dating.state is DatingState.UNDATABLE
    assert "counts from" in dating.message


def test_a_change_effective_waits_for_the_day_the_change_takes_effect():
    contract = dated_contract()
    obligation = confirmed(contract, anchor="change_effective", relation="before")
    Event.objects.create(contract=contract, kind="change_announced", occurred_on=D(2026, 11, 2))
    dating = state_of(contract, obligation)
    assert dating.state is DatingState.WAITING
    assert "takes effect" in dating.message


def test_before_a_change_counts_back_from_its_effective_date_not_its_announcement():
    contract = dated_contract(governing_law="DE")
    confirmed(
        contract, anchor="change_effective", relation="before", period_amount=6,
        period_unit="weeks",
    )  # fmt: skip
    Event.objects.create(
        contract=contract,
        kind="change_announced",
        occurred_on=D(2026, 11, 1),
        effective_on=D(2027, 1, 15),
    )
    (deadline,) = deadlines_recompute(contract=contract, today=TODAY).created
    # Six weeks wholly before Fri 15 Jan 2027 end on Fri 4 Dec 2026, not before 1 November.
    assert deadline.deadline == D(2026, 12, 3)
    assert deadline.status == DeadlineStatus.OPEN
    assert "change takes effect on 2027-01-15" in deadline.explanation[0]


def test_a_deadline_already_past_when_first_computed_says_so_and_is_not_open():
    contract = dated_contract()
    obligation = confirmed(contract, anchor="invoice_received", period_amount=10)
    Event.objects.create(contract=contract, kind="invoice_received", occurred_on=D(2026, 9, 1))
    (deadline,) = deadlines_recompute(contract=contract, today=TODAY).created
    assert deadline.status == DeadlineStatus.MISSED
    assert deadline.explanation[0].startswith("This deadline had already passed on Fri 20 Nov")
    assert "already passed when it was first computed" in deadline.plain_sentence
    assert obligation.pk in contract_dating(contract=contract, today=TODAY)


def test_a_closed_notice_window_names_the_term_when_it_closed_and_the_next_date():
    # Term 1 Jan - 31 Dec 2026, three months' notice: the window closed on 30 Sep 2026.
    contract = dated_contract(governing_law="DE")
    obligation = confirmed(
        contract, anchor="term_end", relation="before", period_amount=3, period_unit="months"
    )
    (window,) = missed_windows(contract=contract, today=TODAY)
    assert window.obligation == obligation
    assert window.term_end == D(2026, 12, 31)
    assert window.closed_on < TODAY
    assert window.next_term_end == D(2027, 12, 31)
    assert window.next_deadline is not None and window.next_deadline > TODAY
    assert "term ending Thu 31 Dec 2026 closed on" in window.sentence
    assert f"{window.next_deadline:%a %d %b %Y}" in window.sentence


def test_no_missed_window_while_the_current_one_is_still_open():
    contract = dated_contract(start_date=D(2026, 6, 1))
    confirmed(contract, anchor="term_end", relation="before", period_amount=1, period_unit="months")
    assert missed_windows(contract=contract, today=TODAY) == []


def _contracts() -> list[Path]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    reference = sorted(p for p in (SHARED / "reference" / "contracts").iterdir() if p.is_file())
    return seeds + reference


def test_seed_and_reference_contracts_leave_no_confirmed_timed_obligation_in_no_state(
    settings, tmp_path, shared_dir, capsys
):
    """Upload each contract, confirm every obligation and the facts (a start date and a law
    where the contract gives none), and count the states."""
    settings.MEDIA_ROOT = tmp_path / "media"
    reviewer = MembershipFactory(role="admin")
    totals = {state: 0 for state in DatingState}
    none_of_three = 0
    lines = []
    reasons: Counter[str] = Counter()
    for path in _contracts():
        document, _ = document_upload(
            organisation=reviewer.organisation,
            user=reviewer.user,
            filename=path.name,
            data=path.read_bytes(),
        )
        document_extract(document_id=document.pk)
        document.refresh_from_db()
        assert document.extraction_status == "done", f"{path.name}: {document.error}"
        contract = document.contract
        contract.refresh_from_db()
        for obligation in contract.obligations.filter(review_status=ReviewStatus.PENDING):
            obligation_confirm(obligation=obligation, user=reviewer.user)
        contract_facts_update(
            contract=contract,
            user=reviewer.user,
            governing_law=contract.governing_law or "DE",
            holiday_calendars=contract.holiday_calendars or ["DE"],
            time_zone=contract.time_zone or "Europe/Berlin",
            start_date=contract.start_date or D(2026, 1, 1),
            initial_term_amount=contract.initial_term_amount,
            initial_term_unit=contract.initial_term_unit,
            renewal_term_amount=contract.renewal_term_amount,
            renewal_term_unit=contract.renewal_term_unit,
            auto_renews=contract.auto_renews,
            notice_period_amount=contract.notice_period_amount,
            notice_period_unit=contract.notice_period_unit,
        )
        timed = contract.obligations.filter(
            review_status=ReviewStatus.CONFIRMED, period_amount__isnull=False
        ).count()
        states = contract_dating(contract=contract, today=TODAY)
        none_of_three += timed - len(states)
        none_of_three += sum(
            1
            for dating in states.values()
            if dating.state not in set(DatingState)
            or (dating.state is not DatingState.DATED and not dating.message)
        )
        reasons.update(
            f"{dating.state.value}: {dating.message}"
            for dating in states.values()
            if dating.message
        )
        counts = dating_counts(states.values())
        for state, count in counts.items():
            totals[state] += count
        lines.append(
            f"{path.name:55} timed {timed:3}  "
            + "  ".join(f"{state.value} {count:3}" for state, count in counts.items())
        )
    with capsys.disabled():
        print("\nConfirmed timed obligations per state:")
        print("\n".join(lines))
        print(
            "TOTAL  "
            + "  ".join(f"{state.value} {count}" for state, count in totals.items())
            + f"  none of the three {none_of_three}"
        )
        print("Most common waits and reasons:")
        for reason, count in reasons.most_common(12):
            print(f"{count:4}  {reason}")
    assert len(lines) == len(_contracts()) >= 10
    assert sum(totals.values()) > 0
    assert none_of_three == 0
