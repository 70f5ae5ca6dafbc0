"""How long the PDF reader takes to refuse files built to keep it busy: pages that all draw one
shared, highly compressed content stream (a 70 KB file that pypdf would parse as gigabytes).

    .venv/bin/python bench/hostile_pdf.py

Prints, for each file, its size, the message and the CPU and wall seconds to the refusal; the
target is under 10 s of CPU on one core.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from obligations.extraction.model import ReadError  # noqa: E402
from obligations.extraction.readers import read_document  # noqa: E402
from tests.pdf_render import shared_stream_pdf  # noqa: E402

CASES = ((40, 20.0), (1000, 20.0), (40, 1.0), (1000, 0.5))


def main() -> None:
    for pages, megabytes in CASES:
        data = shared_stream_pdf(pages=pages, stream_megabytes=megabytes)
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            read_document(data, "hostile.pdf")
            outcome = "read (not refused)"
        except ReadError as error:
            outcome = str(error)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{pages} pages x {megabytes:g} MB shared stream, {len(data) / 1024:.0f} KB file: "
            f"{cpu:.2f} s CPU, {wall:.2f} s wall -> {outcome}"
        )


if __name__ == "__main__":
    main()
