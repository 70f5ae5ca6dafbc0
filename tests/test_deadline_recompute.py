"""Recomputing a contract's deadlines: new ones appear, changed ones keep their history, done and
waived ones stay as they are."""

from __future__ import annotations

import datetime as dt

import pytest

from obligations.models import Deadline
from obligations.services.deadlines import deadlines_recompute
from tests.factories import ContractFactory, EventFactory, ObligationFactory

pytestmark = pytest.mark.django_db

D = dt.date


def payment_obligation(contract, **overrides):
    from tests.factories import ClauseFactory, ContractDocumentFactory

    clause = ClauseFactory(document=ContractDocumentFactory(contract=contract))
    values = {"review_status": "confirmed", **overrides}
    return ObligationFactory(clause=clause, **values)


def renewal_contract(**facts):
    values = {
        "governing_law": "DE",
        "holiday_calendars": [],
        "start_date": D(2025, 4, 1),
        "initial_term_amount": 12,
        "initial_term_unit": "months",
        "renewal_term_amount": 12,
        "renewal_term_unit": "months",
        "auto_renews": True,
        **facts,
    }
    return ContractFactory(**values)


def notice_obligation(contract, **overrides):
    values = {
        "kind": "renewal_notice",
        "summary": "Give notice three months before the term ends",
        "period_amount": 3,
        "period_unit": "months",
        "relation": "before",
        "anchor": "term_end",
        "recurrence": "annually",
        **overrides,
    }
    return payment_obligation(contract, **values)


def test_an_invoice_event_gives_the_payment_deadline_shifted_by_bgb_193() -> None:
    contract = ContractFactory(governing_law="DE", holiday_calendars=[])
    obligation = payment_obligation(contract)
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 1, 15))

    result = deadlines_recompute(contract=contract, today=D(2026, 1, 16))

    (deadline,) = result.created
    assert (deadline.obligation, deadline.deadline, deadline.act_by) == (
        obligation, D(2026, 2, 16), D(2026, 2, 16),
    )  # fmt: skip
    assert deadline.unshifted == D(2026, 2, 14)
    assert any("BGB §193" in line for line in deadline.explanation)
    assert deadline.explanation[0] == "Invoice received on 2026-01-15."


def test_pending_and_rejected_obligations_give_no_deadline() -> None:
    contract = ContractFactory()
    payment_obligation(contract, review_status="pending")
    payment_obligation(contract, review_status="rejected")
    EventFactory(contract=contract, kind="invoice_received")
    assert not deadlines_recompute(contract=contract, today=D(2026, 1, 16)).created


def test_notice_deadlines_of_the_next_terms_follow_the_rule_book() -> None:
    contract = renewal_contract()
    notice_obligation(contract)

    result = deadlines_recompute(contract=contract, today=D(2026, 2, 1))

    assert [(d.deadline, d.act_by) for d in result.created] == [
        (D(2026, 12, 31), D(2026, 12, 31)),  # a Thursday
        (D(2027, 12, 31), D(2027, 12, 31)),  # a Friday
        (D(2028, 12, 31), D(2028, 12, 29)),  # a Sunday: act on the Friday before
    ]
    assert [d.occurrence for d in result.created] == [
        "term:2027-03-31", "term:2028-03-31", "term:2029-03-31",
    ]  # fmt: skip


def test_recomputing_twice_changes_nothing() -> None:
    contract = renewal_contract()
    notice_obligation(contract)
    deadlines_recompute(contract=contract, today=D(2026, 2, 1))
    again = deadlines_recompute(contract=contract, today=D(2026, 2, 1))
    assert not again.changed
    assert Deadline.objects.filter(contract=contract).count() == 3


def test_changed_facts_update_open_deadlines_with_history_and_keep_done_ones() -> None:
    contract = renewal_contract()
    notice_obligation(contract)
    first = deadlines_recompute(contract=contract, today=D(2026, 2, 1)).created
    done = first[0]
    done.status = "done"
    done.save()

    contract.start_date = D(2025, 5, 1)
    contract.save()
    result = deadlines_recompute(contract=contract, today=D(2026, 2, 1))

    done.refresh_from_db()
    assert (done.status, done.deadline) == ("done", D(2026, 12, 31))
    assert done in result.kept
    new_dates = sorted(
        Deadline.objects.filter(contract=contract, status="open").values_list("deadline", flat=True)
    )
    assert new_dates == [D(2027, 1, 31), D(2028, 1, 31), D(2029, 1, 31)]
    # The open rows of the old term ends moved to the new ones, each with its earlier date.
    assert not result.removed
    assert len(result.updated) == 2 and len(result.created) == 1
    assert [row.history[-1]["deadline"] for row in result.updated] == ["2027-12-31", "2028-12-31"]


def test_an_open_deadline_whose_date_moves_keeps_its_history() -> None:
    contract = ContractFactory(governing_law="DE", holiday_calendars=[])
    obligation = payment_obligation(contract)
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 1, 15))
    (deadline,) = deadlines_recompute(contract=contract, today=D(2026, 1, 16)).created

    obligation.period_amount = 14
    obligation.save()
    result = deadlines_recompute(contract=contract, today=D(2026, 1, 16))

    deadline.refresh_from_db()
    assert result.updated == [deadline]
    assert deadline.deadline == D(2026, 1, 29)
    assert deadline.history[-1]["deadline"] == "2026-02-16"


def test_a_rejected_obligation_loses_its_open_deadlines_but_not_its_waived_ones() -> None:
    contract = ContractFactory(governing_law="DE")
    obligation = payment_obligation(contract)
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 1, 15))
    EventFactory(contract=contract, kind="invoice_received", occurred_on=D(2026, 3, 2))
    waived, _open = deadlines_recompute(contract=contract, today=D(2026, 1, 16)).created
    waived.status = "waived"
    waived.save()

    obligation.review_status = "rejected"
    obligation.save()
    result = deadlines_recompute(contract=contract, today=D(2026, 1, 16))

    assert list(Deadline.objects.filter(contract=contract)) == [waived]
    assert len(result.removed) == 1


def test_quarterly_reports_are_due_after_each_quarter_end() -> None:
    contract = ContractFactory(governing_law="DE", holiday_calendars=[])
    payment_obligation(
        contract, kind="report", summary="Report within 10 days of the quarter end",
        period_amount=10, anchor="quarter_end", recurrence="quarterly",
    )  # fmt: skip
    result = deadlines_recompute(contract=contract, today=D(2026, 1, 5))
    dates = [d.deadline for d in result.created]
    assert dates[:3] == [D(2026, 1, 12), D(2026, 4, 10), D(2026, 7, 10)]  # 01-10 is a Saturday


def test_a_notice_rule_without_start_date_says_what_is_missing() -> None:
    contract = renewal_contract(start_date=None)
    notice_obligation(contract)
    result = deadlines_recompute(contract=contract, today=D(2026, 2, 1))
    assert not result.created
    assert "start date" in result.problems[0]


def test_an_overdue_deadline_stays_when_time_moves_on() -> None:
    contract = renewal_contract()
    notice_obligation(contract)
    deadlines_recompute(contract=contract, today=D(2026, 2, 1))
    later = deadlines_recompute(contract=contract, today=D(2027, 1, 10))
    assert not later.removed
    assert Deadline.objects.filter(contract=contract, deadline=D(2026, 12, 31)).exists()


@pytest.mark.parametrize(
    ("anchor", "event_kind", "expected"),
    [
        # 90 days' notice for a termination effective at the end of 2026-03-31 (rule book).
        ("termination_effective", "termination", D(2025, 12, 31)),
        # 30 days before a change that takes effect on 2026-07-01: DE excludes both days.
        ("change_effective", "change_announced", D(2026, 5, 31)),
    ],
)
def test_before_an_end_runs_until_that_day_and_before_a_change_lies_wholly_before_it(
    anchor: str, event_kind: str, expected: dt.date
) -> None:
    contract = ContractFactory(governing_law="DE", holiday_calendars=[])
    amount = 90 if event_kind == "termination" else 30
    payment_obligation(
        contract, kind="notice", period_amount=amount, relation="before", anchor=anchor
    )
    day = D(2026, 3, 31) if event_kind == "termination" else D(2026, 7, 1)
    EventFactory(contract=contract, kind=event_kind, occurred_on=D(2025, 9, 1), effective_on=day)
    (deadline,) = deadlines_recompute(contract=contract, today=D(2025, 10, 1)).created
    assert deadline.deadline == expected
