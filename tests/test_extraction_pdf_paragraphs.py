"""Paragraphs rebuilt from a paginated text's lines (PDF text layers, OCR output). Pure."""

from __future__ import annotations

from fpdf import FPDF

from obligations.extraction.readers import read_document
from obligations.extraction.readers.pdf_paragraphs import PageLine, rebuild_pages

FULL = "x" * 90  # sets the measure: lines about this long fill it


def _lines(*texts: str) -> list[PageLine]:
    return [PageLine(text) for text in texts]


def _page(*texts: str) -> str:
    """The paragraphs of `texts` on a page whose first paragraph sets the measure."""
    return rebuild_pages([_lines(FULL, FULL, "", *texts)]).pages[0].split("\n\n", 1)[1]


def test_wrapped_lines_join_and_short_last_lines_end_paragraphs() -> None:
    first = "The Customer shall pay each invoice within thirty (30) days after receipt of the"
    assert _page(first, "invoice by the Customer.", "Fees are exclusive of VAT.") == (
        f"{first} invoice by the Customer.\n\nFees are exclusive of VAT."
    )


def test_headings_and_list_items_stay_apart() -> None:
    text = _page(
        "12. Term and Termination",
        "Either party may terminate on notice as follows and in each case in writing as agreed:",
        "(a) for convenience, on ninety (90) days' notice;",
        "(b) for breach.",
    )
    assert text.split("\n\n") == [
        "12. Term and Termination",
        "Either party may terminate on notice as follows and in each case in writing as agreed:",
        "(a) for convenience, on ninety (90) days' notice;",
        "(b) for breach.",
    ]


def test_a_number_in_parentheses_after_a_cut_sentence_is_not_an_item() -> None:
    cut = "The Licensee shall pay the milestone within forty-five and no later than forty-five"
    assert _page(cut, "(45) days of approval.") == f"{cut} (45) days of approval."
    # ... but after a clause that ends, it is.
    ended = "The Licensee shall pay the milestone on approval by the authority, as follows:"
    assert _page(ended, "(1) half on approval.") == f"{ended}\n\n(1) half on approval."


def test_a_lower_case_line_continues_even_after_a_short_line() -> None:
    assert _page("The Supplier shall", "respond within 4 hours.") == (
        "The Supplier shall respond within 4 hours."
    )


def test_a_blank_line_or_a_wide_gap_ends_a_paragraph() -> None:
    assert _page(FULL + " end", "", "Next starts here.").endswith(" end\n\nNext starts here.")
    spaced = [PageLine(FULL, 700 - 14 * n) for n in range(4)] + [
        PageLine(FULL, 700 - 14 * 4 - 10),  # the gap above is 24pt, the pitch 14pt
        PageLine("Short.", 700 - 14 * 5 - 10),
    ]
    assert rebuild_pages([spaced]).pages[0].count("\n\n") == 1


def test_sentence_and_hyphenated_word_over_a_page_break() -> None:
    rebuilt = rebuild_pages(
        [
            _lines(
                FULL, FULL, "The Customer shall pay within ten (10) days of receipt of the obli-"
            ),
            _lines("gation to pay, which survives.", "2. Notices"),
        ]
    )
    assert rebuilt.continues == [False, True]
    assert rebuilt.pages[0].endswith("of receipt of the")
    assert rebuilt.pages[1].startswith("obligation to pay, which survives.\n\n2. Notices")


def test_a_paragraph_ending_at_the_foot_of_a_page_is_not_joined() -> None:
    ending = "The Customer shall pay every invoice within thirty (30) days after receiving it."
    rebuilt = rebuild_pages([_lines(FULL, FULL, ending), _lines("Late payments bear interest.")])
    assert rebuilt.continues == [False, False]


class _Footed(FPDF):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, "Supply Agreement - Execution Version", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, self.label.format(n=self.page_no()), align="C")


def _two_page_pdf(label: str, before: str, after: str) -> bytes:
    pdf = _Footed(label)
    pdf.alias_nb_pages()
    filler = "The parties shall cooperate in good faith on all matters under this Agreement. "
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, filler * 6, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, before, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 5, after + " " + filler * 6, align="J", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_page_break_inside_a_time_rule_leaves_it_whole() -> None:
    before = (
        "The Supplier shall replace any defective goods notified to it by the Buyer in writing "
        "within ten (10)"
    )
    for label in ("Page {n} of {{nb}}", "{n}", "- {n} -"):
        document = read_document(_two_page_pdf(label, before, "days after the notice."), "s.pdf")
        assert "within ten (10) days after the notice." in document.text, (label, document.text)
        assert "Execution Version" not in document.text
        second = document.page_starts[1]
        assert document.text[second:].startswith("days after the notice.")
        assert document.text[second - 1] == " "  # one paragraph over the page break


def test_a_title_run_in_with_its_clause_wraps_on_like_any_line() -> None:
    first = "5.1 Forecasts. On or before the 15th day of each calendar month and each"
    second = "10.2 Marketing Plan. By November 30 of each year during the Term the"
    text = _page(
        first,
        "quarter, Distributor shall deliver a forecast.",
        second,
        "Distributor shall submit a marketing plan.",
    )
    assert text.split("\n\n") == [
        f"{first} quarter, Distributor shall deliver a forecast.",
        f"{second} Distributor shall submit a marketing plan.",
    ]


def test_a_numbered_title_alone_stays_a_heading() -> None:
    assert _page("12. Term and Termination", "Either party may terminate on notice.").split(
        "\n\n"
    ) == ["12. Term and Termination", "Either party may terminate on notice."]
