"""Render a contract's text to a PDF that looks like a signed contract (fpdf2): justified lines,
a running header, a "Page N of M" footer, and automatic page breaks that fall inside sentences.

`printable(text)` is the text as the PDF can hold it (the core fonts hold Latin-1); compare the
PDF's extraction with the extraction of that text."""

from __future__ import annotations

from fpdf import FPDF

_FALLBACK = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u2022": "-",
    "\u2026": "...",
    "\u20ac": "EUR ",
}


def printable(text: str) -> str:
    """The text with every character the core fonts cannot show replaced."""
    out = []
    for char in text:
        char = _FALLBACK.get(char, char)
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            char = "?"
        out.append(char)
    return "".join(out)


RUNNING_HEADER = "Execution copy - Confidential"


class _SignedContract(FPDF):
    def __init__(self, running_header: str) -> None:
        super().__init__(format="A4")
        self.running_header = running_header
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(22, 18, 22)

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, self.running_header, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")


def signed_pdf(text: str, *, running_header: str = RUNNING_HEADER) -> bytes:
    """`text` (already `printable`) as a justified, paginated PDF; each line of the text is a
    paragraph, blank lines add space."""
    pdf = _SignedContract(running_header)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        if not line.strip():
            pdf.ln(2)
            continue
        pdf.multi_cell(0, 5, line.strip(), align="J", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
