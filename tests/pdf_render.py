"""Render a contract's text to a PDF that looks like a signed contract (fpdf2): justified lines,
a running header, a "Page N of M" footer, and automatic page breaks that fall inside sentences.

`printable(text)` is the text as the PDF can hold it (the core fonts hold Latin-1); compare the
PDF's extraction with the extraction of that text."""

from __future__ import annotations

from io import BytesIO

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


def shared_stream_pdf(*, pages: int = 40, stream_megabytes: float = 20) -> bytes:
    """A small PDF whose pages all draw one shared content stream of `stream_megabytes` once
    decompressed: each page costs a full parse of the stream."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    line = b"BT /F1 12 Tf 72 720 Td (The Customer shall pay within 30 days.) Tj ET\n"
    content = DecodedStreamObject()
    content.set_data(line * int(stream_megabytes * 1024 * 1024 // len(line)))
    shared = writer._add_object(content.flate_encode())
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    for _ in range(pages):
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = resources
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf(pdf: bytes, *, dpi: int = 200) -> bytes:
    """`pdf` as a scan: each page rasterised (poppler's pdftoppm) to a grey image at `dpi` and
    put in a PDF without a text layer."""
    import subprocess
    import tempfile
    from pathlib import Path

    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="clausewatch-scan-") as directory:
        source = Path(directory) / "source.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{directory}/page"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        images = [Image.open(path) for path in sorted(Path(directory).glob("page-*.png"))]
        buffer = BytesIO()
        images[0].save(
            buffer, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:]
        )
        for image in images:
            image.close()
    return buffer.getvalue()
