"""Tables as contracts hold them: pipe rows and columns aligned with spaces (pure, no database).
Every snippet is written for these tests."""

from __future__ import annotations

from obligations.extraction.model import Document, Period
from obligations.extraction.pipeline import extract_document
from obligations.extraction.tables import column_at, row_cells

_PARTIES = (
    'This Agreement is between Acme Software Inc. ("Provider") and Beta Corp ("Customer").\n\n'
)


def _timed(text: str) -> list[tuple[str | None, Period | None]]:
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    return [(ob.kind, ob.period) for ob in extraction.obligations if ob.period]


def test_an_aligned_service_level_table_gives_each_cell_its_column_s_time() -> None:
    text = (
        "Provider shall correct Defects as follows:\n\n"
        "      PRIORITY              RESPONSE          CLOSURE\n\n"
        "      Emergency (A)         24 hours          7 days\n\n"
        "      Critical (B)          2 days            14 days\n"
    )
    assert _timed(text) == [
        ("response_time", Period(24, "hours")),
        ("recovery_time", Period(7, "days")),
        ("response_time", Period(2, "days")),
        ("recovery_time", Period(14, "days")),
    ]


def test_an_aligned_table_without_service_level_columns_states_no_service_level() -> None:
    text = (
        "Customer shall pay the fees as follows:\n\n"
        "      Phase        Start         Length\n\n"
        "      Design       Month 1       3 months\n"
    )
    assert all(kind not in ("response_time", "recovery_time") for kind, _ in _timed(text))


def test_cells_of_pipe_and_aligned_rows() -> None:
    assert row_cells("| P1 | 1 hour | 4 hours |") == ["", "P1", "1 hour", "4 hours", ""]
    aligned = "Emergency (A)      24 hours      7 days"
    assert row_cells(aligned) == ["Emergency (A)", "24 hours", "7 days"]
    assert column_at(aligned, aligned.index("7 days")) == 2


def test_running_text_with_a_double_space_is_no_row() -> None:
    # Text taken from a PDF keeps stray double spaces inside sentences.
    sentence = (
        "Customer agrees not to disclose any business  results or trade practices of Provider."
    )
    assert row_cells(sentence) is None
    assert row_cells("Net 30 days") is None


def test_a_row_whose_last_cell_ends_in_a_word_is_not_joined_to_the_next() -> None:
    text = (
        "Provider shall meet these targets:\n\n"
        "Severity | Initial Response | Coverage\n\n"
        "1 | One hour | Business Hours\n"
        "2 | Two (2) Business Days | Business Hours\n"
    )
    assert _timed(text) == [
        ("response_time", Period(1, "hours")),
        ("response_time", Period(2, "business_days")),
    ]


def test_a_wrapped_line_that_goes_on_with_a_number_is_still_joined() -> None:
    text = "Provider shall respond to each request within\n2 business days after it is logged.\n"
    assert [period for _, period in _timed(text)] == [Period(2, "business_days")]


def _rules(text: str) -> list[tuple[str, str, Period | None, str | None]]:
    extraction = extract_document(Document(text=_PARTIES + text, format="txt"), source="test")
    return [
        (ob.party, ob.kind, ob.period, ob.recurrence)
        for ob in extraction.obligations
        if ob.period or ob.recurrence
    ]


def test_a_service_level_table_s_update_column_repeats_the_supplier_s_act() -> None:
    # An interval ("Every two hours") or a rhythm ("Daily") under a column that is no response
    # or recovery time: the supplier repeats the column's act; the row's times stay as they are.
    text = (
        "Provider shall meet these targets:\n\n"
        "| Priority | Response Time | Progress Updates | Resolution Time |\n"
        "|---|---|---|---|\n"
        "| P1 | 30 minutes | Every two hours | 6 hours |\n"
        "| P2 | 2 hours | Daily | 2 days |\n"
    )
    assert _rules(text) == [
        ("provider", "response_time", Period(0.5, "hours"), None),
        ("provider", "duty", Period(2, "hours"), None),
        ("provider", "recovery_time", Period(6, "hours"), None),
        ("provider", "response_time", Period(2, "hours"), None),
        ("provider", "recovery_time", Period(2, "days"), None),
        ("provider", "duty", None, "daily"),
    ]


def test_a_table_of_no_service_levels_makes_no_rhythm_of_a_cell() -> None:
    # Counterexample: in a price list, "Monthly" names how a fee is billed, no act to repeat.
    text = (
        "Customer shall pay the fees below:\n\n"
        "| Item | Billing | Fee |\n"
        "|---|---|---|\n"
        "| Hosting | Monthly | USD 500 |\n"
        "| Support | Every 3 months | USD 100 |\n"
    )
    assert _rules(text) == []


def test_a_service_level_table_s_other_columns_keep_their_own_party_and_start() -> None:
    # Only an update column's interval counts from the row's incident; an interval under a
    # periodic report runs from the term's start; a sentence in a cell names its own party.
    text = (
        'This Agreement is between Halvard Cloud, Inc. ("Provider") and Quillon Trading LLC'
        ' ("Customer").\n\n'
        "Provider shall meet these targets:\n\n"
        "| Priority | Response Time | Status Updates | Availability Report | Service Credit |\n"
        "|---|---|---|---|---|\n"
        "| P1 | 30 minutes | Every two hours | Every 30 days"
        " | Customer must claim the credit within 30 days of the incident |\n"
    )
    extraction = extract_document(Document(text=text, format="md"), source="sla.md")
    assert [(ob.party, ob.period, ob.anchor) for ob in extraction.obligations if ob.period] == [
        ("provider", Period(0.5, "hours"), "error_reported"),
        ("provider", Period(2, "hours"), "error_reported"),
        ("provider", Period(30, "days"), "term_start"),
        ("customer", Period(30, "days"), "incident_reported"),
    ]


def test_a_service_level_row_whose_header_a_page_break_left_behind_keeps_its_times() -> None:
    text = (
        "4. Error Correction\n\n"
        "Provider shall correct Errors in accordance with the following table:\n\n"
        "      PRIORITY              RESPONSE          CLOSURE\n\n"
        "      Emergency (A)         24 hours          7 days\n\n"
        "Software License Agreement        Acme Software Inc.        Page 7        Confidential\n\n"
        "7\n\n"
        "      Non-Critical (C)      30 days           45 days\n"
    )
    assert _timed(text)[-2:] == [
        ("response_time", Period(30, "days")),
        ("recovery_time", Period(45, "days")),
    ]


def test_a_headerless_row_is_no_service_level_outside_one_or_without_a_priority() -> None:
    row = "      Non-Critical (C)      30 days           45 days\n"
    # Under a heading about fees, a row led by a priority word is no service level.
    assert _timed("4. Fees\n\nCustomer shall pay as follows:\n\n" + row) == []
    # Under support, a row led by anything but a priority or severity is none either.
    plan = "      Gold Plan             30 days           45 days\n"
    assert _timed("4. Support\n\nProvider shall support as follows:\n\n" + plan) == []
