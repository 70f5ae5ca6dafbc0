"""A contract read from a PDF that looks signed (justified lines, a running header, "Page N of M"
footers, page breaks inside sentences) gives the time rules its text gives. The contracts come
from ../shared (seeds, CUAD dev contracts) and tests/data/unseen, and are rendered here; nothing
of them is copied into the project. Pure: no database."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from obligations.extraction.model import Extraction
from obligations.extraction.pipeline import extract_document
from obligations.extraction.readers import read_document, read_path
from tests.pdf_render import RUNNING_HEADER, printable, signed_pdf

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
CUAD = SHARED / "cuad" / "contracts"
UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
CUAD_COUNT = 10
CUAD_MAX_BYTES = 60_000  # long enough to have rules, short enough for a test run
_PAGE_LABEL = re.compile(r"Page \d+ of \d+")

Rule = tuple[str, str, str | None, str | None]


def _contracts() -> list[Path]:
    if not SEEDS.is_dir() or not CUAD.is_dir():
        pytest.skip(f"the shared contracts are not at {SHARED}")
    seeds = sorted(SEEDS.glob("*.txt"))
    unseen = sorted(p for p in UNSEEN.iterdir() if p.suffix in (".txt", ".md", ".html"))
    cuad = [p for p in sorted(CUAD.glob("*.txt")) if p.stat().st_size <= CUAD_MAX_BYTES]
    return seeds + unseen + cuad[:CUAD_COUNT]


def _rules(extraction: Extraction) -> Counter[Rule]:
    return Counter(
        (str(o.period), o.party, o.relation, o.anchor)
        for o in extraction.obligations
        if o.period is not None
    )


def _both(path: Path) -> tuple[Extraction, Extraction]:
    text = printable(read_path(path).text)
    from_text = extract_document(read_document(text.encode(), f"{path.stem}.txt"), source="txt")
    pdf = signed_pdf(text)
    from_pdf = extract_document(read_document(pdf, f"{path.stem}.pdf"), source="pdf")
    return from_text, from_pdf


def test_signed_pdfs_give_the_rules_their_text_gives() -> None:
    contracts = _contracts()
    assert len(contracts) >= 4 + 7 + CUAD_COUNT
    agreed = total = pages = 0
    report: list[str] = []
    for path in contracts:
        from_text, from_pdf = _both(path)
        pages += from_pdf.document.page_count or 0
        text_rules, pdf_rules = _rules(from_text), _rules(from_pdf)
        matched = sum((text_rules & pdf_rules).values())
        agreed += matched
        total += sum(text_rules.values())
        missing = text_rules - pdf_rules
        if missing:
            report.append(
                f"{path.name}: missing {dict(missing)}; extra {dict(pdf_rules - text_rules)}"
            )
        for obligation in from_pdf.obligations:
            assert RUNNING_HEADER not in obligation.quote, (path.name, obligation.quote)
            assert not _PAGE_LABEL.search(obligation.quote), (path.name, obligation.quote)
    assert pages >= 4 * len(contracts), pages  # most contracts run over several pages
    assert total >= 100, total  # enough rules for the share to mean something
    assert agreed / total >= 0.97, f"{agreed}/{total}\n" + "\n".join(report)
