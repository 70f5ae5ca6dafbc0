"""Notice that takes effect at the end of a period ("three months' notice to the end of a
calendar quarter") anchors on that period's end, with counterexamples that stay as they were."""

from __future__ import annotations

import pytest

from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations, find_parties
from obligations.extraction.model import Period


def _only_timed(text: str):  # type: ignore[no-untyped-def]
    found = find_obligations(text, split_clauses(text), find_parties(text))
    timed = [ob for ob in found if ob.period is not None]
    assert len(timed) == 1, [(ob.period, ob.quote) for ob in timed]
    return timed[0]


@pytest.mark.parametrize(
    ("sentence", "period", "anchor"),
    [
        (
            "Either party may terminate this Agreement by giving three (3) months' written "
            "notice to the end of a calendar quarter.",
            Period(3, "months"),
            "quarter_end",
        ),
        (
            "Either party may terminate this Agreement on thirty (30) days' notice effective at "
            "the end of a calendar month.",
            Period(30, "days"),
            "month_end",
        ),
        (
            "Either party may terminate this Agreement with three (3) months' notice to the end "
            "of a contract year.",
            Period(3, "months"),
            "contract_year_end",
        ),
        (
            "Either party may terminate this Agreement with six (6) weeks' notice to the end of "
            "a calendar half-year.",
            Period(6, "weeks"),
            "half_year_end",
        ),
        (
            "Customer may terminate this Agreement with three (3) months' notice to the end of "
            "a calendar year.",
            Period(3, "months"),
            "year_end",
        ),
        (
            "Either party may terminate the employment with four (4) weeks' notice to the "
            "fifteenth or to the end of a calendar month.",
            Period(4, "weeks"),
            "mid_or_month_end",
        ),
    ],
)
def test_notice_to_the_end_of_a_period_anchors_on_that_end(
    sentence: str, period: Period, anchor: str
) -> None:
    ob = _only_timed(sentence)
    assert (ob.period, ob.relation, ob.anchor) == (period, "before", anchor)


def test_notice_of_termination_without_a_period_end_still_counts_from_the_termination() -> None:
    ob = _only_timed(
        "Vendor may terminate this Agreement upon ninety (90) days' prior written notice."
    )
    assert (ob.relation, ob.anchor) == ("before", "termination_effective")


def test_a_report_after_the_end_of_a_quarter_is_not_a_notice_to_its_end() -> None:
    ob = _only_timed(
        "Vendor shall deliver a service report to Client within ten (10) days after the end of "
        "each calendar quarter."
    )
    assert (ob.relation, ob.anchor) == ("after", "quarter_end")


def test_renewal_notice_before_the_end_of_the_term_stays_on_the_term() -> None:
    ob = _only_timed(
        "The Agreement renews for successive one (1) year terms unless either party gives "
        "written notice of non-renewal at least ninety (90) days prior to the end of the "
        "then-current term."
    )
    assert ob.anchor == "term_end"
