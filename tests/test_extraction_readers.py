"""The document readers (obligations.extraction.readers): one test per format and per kind of
bad input. Fixture documents are made in the tests themselves. Pure tests: no database."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from obligations.extraction.model import Document, ReadError
from obligations.extraction.normalise import normalise
from obligations.extraction.readers import pdf as pdf_reader
from obligations.extraction.readers import read_document, read_path
from obligations.extraction.readers.ocr import ocr_available
from tests.pdf_render import shared_stream_pdf

ENGLISH = (
    "The Customer shall pay each invoice within thirty (30) days after receipt of the invoice. "
    "Either party may terminate this Agreement with three months' notice to the end of the term."
)


def read_error(data: bytes, filename: str, **options: object) -> str:
    """The message of the ReadError that reading `data` raises; it must be one line."""
    with pytest.raises(ReadError) as caught:
        read_document(data, filename, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def assert_normalised(document: Document) -> None:
    assert normalise(document.text) == document.text


# ---------------------------------------------------------------------------------------- text


def test_txt_in_utf8_keeps_its_text() -> None:
    data = f"Master Services Agreement\r\n\r\n1. Payment\r\n{ENGLISH}   \r\n".encode()
    document = read_document(data, "msa.txt")
    assert document.format == "txt"
    assert document.title == "Master Services Agreement"
    assert document.text == f"Master Services Agreement\n\n1. Payment\n{ENGLISH}"
    assert document.page_count is None and document.page_starts == ()
    assert document.warnings == ()


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_txt_encodings(encoding: str) -> None:
    text = f"Zürich – the Provider’s “Services”. {ENGLISH}"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + text).encode(encoding)  # with a byte-order mark
    assert read_document(data, "contract.txt").text == text


def test_txt_in_utf16_without_a_byte_order_mark() -> None:
    assert read_document(ENGLISH.encode("utf-16-le"), "contract.txt").text == ENGLISH


def test_txt_exported_from_a_pdf_keeps_its_pages() -> None:
    data = b"Page one text.\n\x0cPage two text.\n\x0c\x0cPage four.\n\x0c"
    document = read_document(data, "export.txt")
    assert document.text == "Page one text.\n\nPage two text.\n\nPage four."
    assert document.page_count == 4
    assert [document.text[start:][:9] for start in document.page_starts] == [
        "Page one ",
        "Page two ",
        "Page four",
        "Page four",
    ]


def test_txt_with_mojibake_and_entities_is_repaired() -> None:
    data = f"Terms &amp;amp; Conditions â€“ the Customerâ€™s &quot;data&quot;. {ENGLISH}".encode()
    document = read_document(data, "terms.txt")
    assert document.text.startswith('Terms & Conditions – the Customer’s "data". ')


def test_txt_with_front_matter_keeps_it_but_takes_the_title() -> None:
    data = f"---\ntitle: Terms of Service\n---\n## General\n\n{ENGLISH}\n".encode()
    document = read_document(data, "terms.txt")
    assert document.title == "Terms of Service"
    assert document.text.startswith("---\ntitle: Terms of Service\n---\n## General")


def test_seed_contracts_read_without_warnings(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 4
    for seed in seeds:
        document = read_path(seed)
        assert document.format == "txt"
        assert document.warnings == (), seed.name
        assert document.title, seed.name
        assert len(document.text) > 1000, seed.name
        assert_normalised(document)
        for leftover in ("â€", "&quot;", "&amp;", "\u00a0", "\u2011", "\r"):
            assert leftover not in document.text, (seed.name, leftover)


# ------------------------------------------------------------------------------------ markdown


def test_markdown_front_matter_headings_emphasis_links_and_tables() -> None:
    markdown = "\n".join(
        [
            "---",
            'title: "Acceptable Use Policy"',
            "custom_edit_url: null",
            "--- ",
            "# Acceptable Use Policy",
            "",
            "## 12. Term ##",
            "",
            "CAOS Ltd. (**&quot;we&quot;**) and the __Customer__ agree, see the [Terms](terms-of-service).",
            "You *must* pay within `30 days`; 5 * 3 stays; snake_case__name stays; \\*literal\\*.",
            "",
            "Renewal",
            "-------",
            "",
            "> Quoted notice clause.",
            "",
            "| Priority | Response |",
            "|----------|:--------:|",
            "| P1       | 4 hours  |",
            "",
            "- first item",
            "1. numbered item",
            "",
            "```",
            "code block",
            "```",
        ]
    )
    document = read_document(markdown.encode(), "aup.md")
    assert document.format == "md"
    assert document.title == "Acceptable Use Policy"
    lines = document.text.split("\n")
    assert lines[0] == "# Acceptable Use Policy"
    assert "## 12. Term" in lines
    assert "## Renewal" in lines
    assert 'CAOS Ltd. ("we") and the Customer agree, see the Terms.' in lines
    assert "You must pay within 30 days; 5 * 3 stays; snake_case__name stays; *literal*." in lines
    assert "Quoted notice clause." in lines
    assert "Priority | Response" in lines and "P1 | 4 hours" in lines
    assert "- first item" in lines and "1. numbered item" in lines
    assert "code block" in lines
    assert "custom_edit_url" not in document.text and "```" not in document.text
    assert_normalised(document)


# ---------------------------------------------------------------------------------------- html

_PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Hosting   Terms</title>
<style>p { color: red }</style><script>document.write("<p>not text</p>")</script></head>
<body>
<nav><a href="/">Home</a></nav>
<h1>Hosting <b>Terms</b></h1>
<p>The Provider&amp;nbsp;shall host the Services&nbsp;at all times.
   The Customer&#8217;s data stays in the EU &amp;#8211; always.</p>
<h2>12. Term</h2>
<p>This Agreement runs for one&#8209;year periods.<br>It renews automatically.</p>
<ol><li>First duty</li><li><p>Second duty</p></li></ol>
<ol type="a" start="3"><li>third<li>fourth</ol>
<ul><li>a bullet</li></ul>
<table><thead><tr><th>Priority</th><th>Response time</th></tr></thead>
<tr><td>P1</td><td>4 <i>business</i> hours</td></tr>
<tr><td>P2</td><td><p>1 business day</p></td></tr></table>
<!-- a comment -->
<pre>
  Fee:    EUR 100
  Due:    monthly</pre>
</body></html>"""


def test_html_structure_entities_and_dropped_content() -> None:
    document = read_document(_PAGE.encode("cp1252"), "terms.html")
    assert document.format == "html"
    assert document.title == "Hosting Terms"
    lines = document.text.split("\n")
    assert lines[0] == "# Hosting Terms"
    assert (
        "The Provider shall host the Services at all times. The Customer’s data stays in the EU "
        "– always." in lines
    )
    assert "## 12. Term" in lines
    assert "This Agreement runs for one-year periods." in lines
    assert "It renews automatically." in lines
    assert "1. First duty" in lines and "2. Second duty" in lines
    assert "c. third" in lines and "d. fourth" in lines
    assert "• a bullet" in lines
    assert "Priority | Response time" in lines
    assert "P1 | 4 business hours" in lines and "P2 | 1 business day" in lines
    assert "  Fee:    EUR 100" in lines and "  Due:    monthly" in lines
    for dropped in ("Home", "color", "document.write", "not text", "comment"):
        assert dropped not in document.text
    assert_normalised(document)


def test_html_without_markup_is_read_as_text() -> None:
    document = read_document(f"Title\n\n{ENGLISH}".encode(), "plain.htm")
    assert document.text == f"Title\n\n{ENGLISH}"


# ----------------------------------------------------------------------------------------- pdf

_PAGES = {
    1: "1. Term\nThis Agreement starts on the Effective Date and runs for twelve (12) months.",
    2: "2. Payment\nThe Customer shall pay each invoice within thirty (30) days after receipt "
    "of the invoice. The obliga-\ntion to pay survives termination.",
    3: "3. Notice\nEither party may terminate this Agreement with a thirty-\nday notice to the "
    "end of the term.",
}


class _ContractPdf(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(
            0, 8, "ACME Master Services Agreement - Confidential", new_x="LMARGIN", new_y="NEXT"
        )

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def make_pdf(pages: dict[int, str] = _PAGES) -> bytes:
    pdf = _ContractPdf()
    pdf.set_title("Master Services Agreement")
    for number in sorted(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, pages[number])
    return bytes(pdf.output())


def test_pdf_pages_without_running_headers_footers_or_hyphenation() -> None:
    document = read_document(make_pdf(), "msa.pdf")
    assert document.format == "pdf"
    assert document.title == "Master Services Agreement"
    assert document.page_count == 3
    assert len(document.page_starts) == 3
    for start, heading in zip(
        document.page_starts, ("1. Term", "2. Payment", "3. Notice"), strict=True
    ):
        assert document.text[start:].startswith(heading)
    assert "Confidential" not in document.text and "Page 2 of 3" not in document.text
    assert "The obligation to pay survives termination." in document.text
    assert "with a thirty-day notice" in document.text
    assert document.warnings == ()
    assert_normalised(document)


class _StampedPdf(_ContractPdf):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, "Support Terms - Version: 2.5 (18.12.2019)", new_x="LMARGIN", new_y="NEXT")


def test_a_running_line_with_a_date_is_a_version_stamp_kept_once() -> None:
    pdf = _StampedPdf()
    for number in sorted(_PAGES):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, _PAGES[number])
    document = read_document(bytes(pdf.output()), "stamped.pdf")
    assert document.text.count("Version: 2.5 (18.12.2019)") == 1
    assert document.text.index("Version") < document.text.index("1. Term")
    # The undated running header of the other contract still goes on every page.
    assert "Confidential" not in read_document(make_pdf(), "msa.pdf").text


def test_single_page_pdf_keeps_every_line() -> None:
    document = read_document(make_pdf({1: _PAGES[2]}), "one.pdf")
    assert document.page_count == 1 and document.page_starts == (0,)
    assert document.text.startswith("ACME Master Services Agreement - Confidential\n\n2. Payment")
    assert "Page 1 of 1" not in document.text  # a page label goes even on a single page


def test_encrypted_pdf_is_refused_unless_only_editing_is_locked() -> None:
    def encrypted(**options: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
        writer.encrypt(algorithm="RC4-128", **options)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    message = read_error(encrypted(user_password="secret"), "locked.pdf")
    assert message.startswith("locked.pdf is encrypted (password-protected);")
    assert "without a password" in message
    document = read_document(encrypted(user_password="", owner_password="owner"), "ro.pdf")
    assert "1. Term" in document.text


def test_truncated_pdf() -> None:
    data = make_pdf()
    message = read_error(data[: len(data) // 2], "cut.pdf")
    assert message.startswith("cut.pdf is truncated")
    assert "upload the complete file" in message


def test_corrupt_pdf() -> None:
    message = read_error(b"%PDF-1.7\n" + b"\x00garbage" * 500 + b"\n%%EOF\n", "bad.pdf")
    assert message.startswith("bad.pdf is damaged")


def _image_pdf(image: Image.Image) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


def _scan_of_text() -> Image.Image:
    image = Image.new("L", (1700, 500), 255)
    draw = ImageDraw.Draw(image)
    text = "SERVICES AGREEMENT\n\nThe Customer shall pay each invoice\nwithin thirty (30) days."
    draw.multiline_text((60, 60), text, font=ImageFont.load_default(size=44), fill=0, spacing=20)
    return image


_TEXT_PAGE = "1. Payment\nThe Customer shall pay each invoice within thirty (30) days."
_TEXT_READ = _TEXT_PAGE.replace("\n", "\n\n")  # a heading is a paragraph of its own


def _text_and_scanned_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, _TEXT_PAGE)
    pdf.add_page()
    pdf.image(_scan_of_text(), x=10, y=10, w=190)
    return bytes(pdf.output())


def test_scanned_page_among_text_pages_is_reported() -> None:
    document = read_document(_text_and_scanned_pdf(), "mixed.pdf", ocr=False)
    assert document.text == _TEXT_READ
    assert document.page_count == 2
    assert document.page_starts == (0, len(_TEXT_READ))
    assert document.warnings == (
        "Page 2 has no text layer (it looks scanned); its text is missing.",
    )


@pytest.mark.skipif(not ocr_available(), reason="tesseract and pdftoppm are not installed")
def test_scanned_page_among_text_pages_is_read_by_ocr() -> None:
    document = read_document(_text_and_scanned_pdf(), "mixed.pdf")
    assert document.text.startswith(_TEXT_READ + "\n\nSERVICES AGREEMENT\n\n")
    assert document.page_starts == (0, len(_TEXT_READ) + 2)
    assert [number for number, _ in document.ocr_pages] == [2]
    assert document.warnings[0].startswith("Page 2 had no text layer and was read by OCR;")


def test_scanned_pdf_without_ocr_gets_a_clear_message() -> None:
    message = read_error(_image_pdf(_scan_of_text()), "scan.pdf", ocr=False)
    assert message.startswith("scan.pdf has no text layer (it looks scanned); run OCR on it")


def test_without_tesseract_a_scanned_pdf_gets_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert ocr_available.__wrapped__() is False
    monkeypatch.setattr("obligations.extraction.readers.pdf.ocr_available", lambda: False)
    message = read_error(_image_pdf(_scan_of_text()), "scan.pdf")
    assert message.startswith("scan.pdf has no text layer (it looks scanned); run OCR on it")


def test_scanned_pdf_with_nothing_to_recognise() -> None:
    blank = Image.new("L", (800, 400), 255)
    message = read_error(_image_pdf(blank), "blank.pdf")
    assert message.startswith("blank.pdf has no text layer (it looks scanned)")


@pytest.mark.skipif(not ocr_available(), reason="tesseract and pdftoppm are not installed")
def test_scanned_pdf_is_read_by_ocr() -> None:
    document = read_document(_image_pdf(_scan_of_text()), "scan.pdf")
    assert "The Customer shall pay each invoice" in document.text
    assert "within thirty (30) days." in document.text
    assert document.warnings == (
        "Page 1 had no text layer and was read by OCR; check dates, numbers and names against "
        "the original.",
    )


# ---------------------------------------------------------------------------------------- docx


def _docx_bytes(document: docx.document.Document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_docx_paragraphs_headings_lists_and_tables() -> None:
    word = docx.Document()
    word.core_properties.title = "Software Licence"
    word.add_heading("Software Licence Agreement", 0)
    word.add_heading("Payment", 1)
    word.add_paragraph("The Customer shall pay within thirty (30) days.", style="List Number")
    word.add_paragraph("Late payments bear interest.", style="List Number")
    word.add_paragraph("Bullet point", style="List Bullet")
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Priority", "Response", "Resolution"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("P1", "4 hours", "1 business day"), strict=True):
        cell.text = text
    word.add_paragraph("A non\u2011breaking hyphen and a\ttab.")
    hidden = word.add_paragraph("Shown. ").add_run("Hidden note.")
    hidden.font.hidden = True
    document = read_document(_docx_bytes(word), "licence.docx")
    assert document.format == "docx"
    assert document.title == "Software Licence"
    assert document.text == (
        "# Software Licence Agreement\n\n"
        "# Payment\n\n"
        "1. The Customer shall pay within thirty (30) days.\n\n"
        "2. Late payments bear interest.\n\n"
        "• Bullet point\n\n"
        "Priority | Response | Resolution\n"
        "P1 | 4 hours | 1 business day\n\n"
        "A non-breaking hyphen and a\ttab.\n\n"
        "Shown."
    )


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MULTILEVEL = f"""
<w:abstractNum {_W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>"""


def _numbered(word: docx.document.Document, text: str, num_id: int, level: int) -> None:
    paragraph = word.add_paragraph(text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_docx_multilevel_numbering_and_restart() -> None:
    word = docx.Document()
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(_MULTILEVEL))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {_W} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        )
    )
    for text, num_id, level in [
        ("Definitions", 90, 0),
        ("Agreement means this contract.", 90, 1),
        ("Services means the hosting.", 90, 1),
        ("Payment", 90, 0),
        ("Invoices", 90, 1),
        ("monthly in arrears;", 90, 2),
        ("in euro;", 90, 2),
        ("by bank transfer.", 90, 3),
        ("", 90, 0),  # an empty numbered paragraph: Word shows "3." and counts it
        ("Term", 90, 0),
        ("Restarted at seven", 91, 0),
    ]:
        _numbered(word, text, num_id, level)
    lines = read_document(_docx_bytes(word), "numbered.docx").text.split("\n\n")
    assert lines == [
        "1. Definitions",
        "1.1 Agreement means this contract.",
        "1.2 Services means the hosting.",
        "2. Payment",
        "2.1 Invoices",
        "(a) monthly in arrears;",
        "(b) in euro;",
        "(i) by bank transfer.",
        "4. Term",
        "7. Restarted at seven",
    ]


def _zip(entries: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    output = io.BytesIO()
    with (
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as entry,
    ):
        zeros = bytes(1024 * 1024)
        for _ in range(300):  # 300 MB of zeros compress to a few hundred KB
            entry.write(zeros)
    bomb = output.getvalue()
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        message = read_error(bomb, "bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.startswith("bomb.docx looks like a zip bomb (it would unpack to 300 MB or more)")
    assert peak < 20 * 1024 * 1024


def test_docx_with_a_lying_size_header_is_refused() -> None:
    data = bytearray(_zip({"word/document.xml": b"<w:document/>" + bytes(2_000_000)}))
    # Declare 100 bytes uncompressed in the central directory: inflating must not trust it.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    message = read_error(bytes(data), "liar.docx")
    assert message.startswith("liar.docx is not a valid .docx file (word/document.xml is corrupt)")


def test_docx_that_is_not_a_word_document() -> None:
    message = read_error(_zip({"hello.txt": b"hello"}), "archive.docx")
    assert message.startswith("archive.docx is not a valid .docx file (it has no word/document.xml")
    message = read_error(b"Just some text pretending to be Word.", "fake.docx")
    assert message.startswith("fake.docx is not a valid .docx file (it is not a ZIP archive)")
    broken = _zip({"word/document.xml": b"<w:document><w:body><w:p>"})
    assert "is not well-formed XML" in read_error(broken, "broken.docx")


def test_docx_with_a_dtd_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>'
    )
    assert "declares a DTD" in read_error(_zip({"word/document.xml": laughs}), "lol.docx")


# ----------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("filename", ["a.txt", "a.md", "a.html", "a.pdf", "a.docx"])
def test_empty_file(filename: str) -> None:
    assert read_error(b"", filename) == (
        f"{filename} is empty (0 bytes); choose the contract file and upload it again."
    )


def test_whitespace_only_file() -> None:
    message = read_error(b" \r\n\t\n   \n", "blank.txt")
    assert message.startswith("blank.txt contains only white space, no text;")
    assert read_error(b"<html><body><p> </p></body></html>", "blank.html").startswith(
        "blank.html contains no readable text;"
    )


def test_binary_file_named_txt() -> None:
    noise = bytes(range(256)) * 40
    message = read_error(noise, "data.txt")
    assert message == (
        "data.txt looks like a binary file, not text; upload the contract as "
        ".txt, .md, .html, .pdf or .docx."
    )
    image = io.BytesIO()
    Image.new("L", (20, 20)).save(image, format="PNG")
    assert read_error(image.getvalue(), "scan.md").startswith(
        "scan.md is named .md but is a PNG image;"
    )


def test_text_with_a_few_stray_control_characters_is_still_text() -> None:
    document = read_document(f"{ENGLISH}\x1b\n\x1a".encode(), "dos.txt")
    assert document.text == ENGLISH


def test_mislabelled_files_name_their_real_format() -> None:
    assert read_error(make_pdf(), "contract.txt") == (
        "contract.txt is named .txt but is a PDF file; rename it to .pdf and upload it again."
    )
    word = _docx_bytes(docx.Document())
    assert read_error(word, "contract.pdf") == (
        "contract.pdf is named .pdf but is a Word .docx document; rename it to .docx and upload "
        "it again."
    )
    assert read_error(make_pdf(), "contract.docx").startswith(
        "contract.docx is named .docx but is a PDF file;"
    )
    assert read_error(f"<p>{ENGLISH}</p>".encode(), "contract.pdf").startswith(
        "contract.pdf is not a PDF"
    )
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert "old Word .doc" in read_error(legacy, "contract.docx")


def test_unsupported_extensions_name_the_supported_ones() -> None:
    assert read_error(b"PK\x03\x04", "prices.xlsx") == (
        "prices.xlsx: .xlsx files are not supported; upload the contract as "
        ".txt, .md, .html, .pdf or .docx."
    )
    assert "without an extension" in read_error(ENGLISH.encode(), "README")
    assert read_error(b"\xd0\xcf\x11\xe0", "old.doc").startswith("old.doc is an old Word .doc file")


def test_file_over_the_size_limit() -> None:
    message = read_error(b"x" * 2048, "big.txt", max_bytes=1024)
    assert message.startswith("big.txt is 2 KB, over the 1 KB limit for a contract;")


def test_huge_file_on_disk_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: nothing is written
    assert os.path.getsize(huge) == 200 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            read_path(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value).startswith("huge.pdf is 200 MB, over the 20 MB limit for a contract;")
    assert peak < 1024 * 1024


def test_read_path_reads_a_file_and_reports_a_missing_one(tmp_path: Path) -> None:
    contract = tmp_path / "contract.md"
    contract.write_text(f"# Contract\n\n{ENGLISH}\n", encoding="utf-8")
    assert read_path(contract).text == f"# Contract\n\n{ENGLISH}"
    with pytest.raises(ReadError, match="does not exist"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="is a folder, not a file"):
        read_path(tmp_path)


def test_contract_in_another_language_is_read_with_a_warning() -> None:
    german = (
        "§ 1 Vertragsgegenstand\n\nDer Anbieter ist verpflichtet, die Software nach dem Stand "
        "der Technik zu betreiben. Die Vergütung wird monatlich im Voraus fällig und ist "
        "innerhalb von vierzehn Tagen nach Rechnungsstellung zu zahlen. Der Vertrag kann von "
        "beiden Parteien mit einer Frist von drei Monaten zum Ende der Laufzeit gekündigt "
        "werden, wenn die Kündigung schriftlich erfolgt."
    )
    document = read_document(german.encode(), "vertrag.txt")
    assert document.text == german
    assert document.warnings == (
        "The text looks German, not English; the extractor reads English contracts, so expect "
        "few or no obligations.",
    )


# ------------------------------------------------------------------------------- bounded work


def test_pages_sharing_one_huge_content_stream_are_refused_as_too_complex() -> None:
    message = read_error(shared_stream_pdf(pages=40, stream_megabytes=20), "hostile.pdf")
    assert message.startswith("hostile.pdf is too complex to read safely (a page holds")
    assert "damaged" not in message


def test_a_stream_shared_by_many_pages_counts_once_for_each_page() -> None:
    # 1 MB is fine for a page, but 40 pages parsing it again and again is not.
    message = read_error(shared_stream_pdf(pages=40, stream_megabytes=1), "shared.pdf")
    assert message.startswith("shared.pdf is too complex to read safely (its pages hold")
    # The same stream on a few pages is read.
    document = read_document(shared_stream_pdf(pages=2, stream_megabytes=0.1), "few.pdf")
    assert document.page_count == 2 and "pay within 30 days" in document.text


def test_reading_stops_when_the_cpu_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "_DOCUMENT_CPU_SECONDS", 0.0)
    message = read_error(make_pdf(), "slow.pdf")
    assert message == (
        "slow.pdf is too complex to read safely (its pages took too long to read); print it to "
        "a new PDF or export it again, and upload that copy."
    )
