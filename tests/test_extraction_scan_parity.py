"""A scan of a signed-looking PDF (pages rasterised at 200 dpi, no text layer) read by OCR gives
the time rules the contract's text gives. Runs where tesseract and poppler are installed (CI).
Pure: no database."""

from __future__ import annotations

import pytest

from obligations.extraction.pipeline import extract_document
from obligations.extraction.readers import read_document, read_path
from obligations.extraction.readers.ocr import ocr_available
from tests.pdf_render import RUNNING_HEADER, printable, scanned_pdf, signed_pdf
from tests.test_extraction_pdf_parity import SEEDS, UNSEEN, _rules

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ocr_available(), reason="tesseract and pdftoppm are not installed"),
]

CONTRACTS = (SEEDS / "000_97fd746f6d564353.txt", SEEDS / "002_f2e87e3de7aa8ff3.txt")
CONTRACTS += (UNSEEN / "uk_msa.txt",)


def test_scanned_contracts_read_by_ocr_give_the_rules_their_text_gives() -> None:
    if not all(path.exists() for path in CONTRACTS):
        pytest.skip("the shared seed contracts are not there")
    agreed = total = 0
    report = []
    for path in CONTRACTS:
        text = printable(read_path(path).text)
        from_text = extract_document(read_document(text.encode(), f"{path.stem}.txt"), source="t")
        scan = scanned_pdf(signed_pdf(text), dpi=200)
        document = read_document(scan, f"{path.stem}.pdf")
        assert document.page_count and len(document.ocr_pages) == document.page_count
        assert all(confidence is not None for _, confidence in document.ocr_pages)
        from_scan = extract_document(document, source="scan")
        text_rules, scan_rules = _rules(from_text), _rules(from_scan)
        agreed += sum((text_rules & scan_rules).values())
        total += sum(text_rules.values())
        report.append(f"{path.name}: missing {dict(text_rules - scan_rules)}")
        for obligation in from_scan.obligations:
            assert RUNNING_HEADER not in obligation.quote, obligation.quote
            assert "Page " not in obligation.quote or " of " not in obligation.quote
    assert total >= 15, total
    assert agreed / total >= 0.90, f"{agreed}/{total}\n" + "\n".join(report)
