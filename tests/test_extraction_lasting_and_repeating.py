"""Times that last or repeat. A prohibition that lasts a time ("No Member may transfer its
Interest during the first three (3) years") is a time rule that ends when the restriction lifts,
summarised as a prohibition of the act itself; a least frequency ("at least once every five
years") counts each time from the last. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations, find_parties
from obligations.extraction.model import Obligation, Period

_PARTIES = 'This Agreement is between Acme Resins Inc. ("Supplier") and Beta Corp ("Company").\n\n'


def _obligations(sentence: str) -> list[Obligation]:
    text = _PARTIES + sentence
    return find_obligations(text, split_clauses(text), find_parties(text))


def _timed(sentence: str) -> list[Obligation]:
    return [ob for ob in _obligations(sentence) if ob.period is not None]


@pytest.mark.parametrize(
    ("sentence", "period", "summary"),
    [
        (
            "No Member may transfer its Interest during the first three (3) years following"
            " the Effective Date.",
            Period(3, "years"),
            "Do not transfer its Interest until 3 years after the Effective Date",
        ),
        (
            "Neither party shall solicit the other's employees during the first twelve (12)"
            " months after the Effective Date.",
            Period(12, "months"),
            "Do not solicit the other's employees until 12 months after the Effective Date",
        ),
        (
            "Supplier shall not remove the Key Personnel during the first eighteen (18) months"
            " of the Term.",
            Period(18, "months"),
            "Do not remove the Key Personnel until 18 months after the start of the term",
        ),
    ],
)
def test_a_prohibition_during_the_first_period_ends_that_long_after_its_start(
    sentence: str, period: Period, summary: str
) -> None:
    (rule,) = _timed(sentence)
    assert (rule.kind, rule.period, rule.relation, rule.summary) == (
        "prohibition",
        period,
        "after",
        summary,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # A look back names who is protected, not how long the restriction lasts.
        "No Member shall solicit any person who was an employee of the Company during the"
        " twelve (12) months preceding its exit.",
        # A benefit in the passive is no prohibition of an act.
        "Company shall not be charged for support during the first thirty (30) days after go-live.",
        # Without a prohibition, the first months are a measure.
        "Fees paid during the first twelve (12) months shall be credited against the Fees.",
    ],
)
def test_a_look_back_a_benefit_or_a_measure_is_no_lasting_prohibition(sentence: str) -> None:
    assert _timed(sentence) == []


def test_a_disclaimer_of_either_party_keeps_its_proviso_a_duty() -> None:
    (rule,) = _timed(
        "Neither Party is liable for a delay caused by events beyond its reasonable control,"
        " provided it notifies the other Party within three (3) Business Days after the event"
        " begins."
    )
    assert rule.kind != "prohibition"


def test_the_act_after_an_aside_that_holds_the_time_is_summarised() -> None:
    (rule,) = _timed(
        "Neither party shall, during the term or for a period of five years after termination"
        " of this agreement, disclose the other party's Confidential Information."
    )
    assert rule.kind == "prohibition"
    assert rule.summary.startswith("Do not disclose the other party's Confidential Information")


def test_a_least_frequency_counts_each_time_from_the_last() -> None:
    (rule,) = _timed(
        "Company shall refresh the equipment at the Site at least once every five (5) years."
    )
    assert (rule.anchor, rule.period, rule.summary) == (
        "last_performance",
        Period(5, "years"),
        "Refresh the equipment at the Site at least once every 5 years",
    )
    # A plain interval of a report runs from the start of the term.
    (report,) = _timed("Supplier shall deliver a usage report every three (3) months.")
    assert (report.anchor, report.recurrence) == ("term_start", "quarterly")
