"""OCR for PDF pages without a text layer, through Debian's poppler-utils and tesseract-ocr.

Optional: when `pdftoppm` or `tesseract` (with English data) is missing, `ocr_available()` is
False and the PDF reader reports a scanned PDF as such instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MAX_OCR_PAGES = 40
_PAGE_TIMEOUT = 60.0  # seconds for rendering or recognising one page
_TOTAL_BUDGET = 300.0  # seconds for a whole document
_RESOLUTION = "300"


@functools.cache
def ocr_available() -> bool:
    """Are pdftoppm and tesseract with English language data installed?"""
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        return False
    try:
        result = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "eng" in result.stdout.split()


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence (0-100) tesseract reports; None if unknown


def mean_confidence(tsv: str) -> float | None:
    """The mean confidence of the recognised words in tesseract's TSV output."""
    values: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        try:
            confidence = float(cells[10])
        except ValueError:
            continue
        if confidence >= 0:
            values.append(confidence)
    return round(sum(values) / len(values), 1) if values else None


def ocr_pages(data: bytes, page_numbers: list[int]) -> dict[int, OcrPage]:
    """Recognised text of the given pages (1-based), as far as time allows; pages that fail or
    are not reached within the time budget are missing from the result."""
    results: dict[int, OcrPage] = {}
    started = time.monotonic()
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="clausewatch-ocr-") as directory:
        source = Path(directory) / "document.pdf"
        source.write_bytes(data)
        for number in page_numbers[:MAX_OCR_PAGES]:
            if time.monotonic() - started > _TOTAL_BUDGET:
                break
            image = Path(directory) / f"page-{number}"
            try:
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        _RESOLUTION,
                        "-gray",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(number),
                        "-l",
                        str(number),
                        str(source),
                        str(image),
                    ],
                    capture_output=True,
                    timeout=_PAGE_TIMEOUT,
                    check=True,
                )
                subprocess.run(
                    [
                        *("tesseract", f"{image}.png", str(image), "-l", "eng", "--psm", "3"),
                        "txt",
                        "tsv",
                    ],
                    capture_output=True,
                    timeout=_PAGE_TIMEOUT,
                    check=True,
                    env=environment,
                )
                text = Path(f"{image}.txt").read_text(encoding="utf-8", errors="replace")
                tsv = Path(f"{image}.tsv").read_text(encoding="utf-8", errors="replace")
            except (OSError, subprocess.SubprocessError):
                continue
            finally:
                for suffix in (".png", ".txt", ".tsv"):
                    Path(f"{image}{suffix}").unlink(missing_ok=True)
            results[number] = OcrPage(text, mean_confidence(tsv))
    return results
