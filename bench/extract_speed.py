"""How fast the extractor reads contracts: every file of a folder, read and extracted, and the
throughput in MB/s.

    .venv/bin/python bench/extract_speed.py                  # ../shared/cuad/contracts
    .venv/bin/python bench/extract_speed.py FOLDER --jobs 2  # one process per core, as the
                                                             # extract command does

Prints files, MB, seconds and MB/s (wall time, extraction only: no Django start-up), and whether
the extractor ran compiled (the C extensions `uv sync` builds with mypyc) or as plain Python.
Files that cannot be read are counted and named, as the command would report them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from obligations.extraction import is_compiled  # noqa: E402
from obligations.extraction.model import ReadError  # noqa: E402
from obligations.extraction.pipeline import extract_path  # noqa: E402

DEFAULT_FOLDER = REPO.parent / "shared" / "cuad" / "contracts"


def _extract(path: Path) -> str | None:
    """None when the file was extracted, else the reason it could not be read."""
    try:
        extract_path(path)
    except ReadError as error:
        return str(error)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args()
    files = sorted(path for path in args.folder.iterdir() if path.is_file())
    if not files:
        print(f"{args.folder}: no files", file=sys.stderr)
        return 1
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    started = time.perf_counter()
    if args.jobs > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=args.jobs, mp_context=context) as pool:
            problems = list(pool.map(_extract, files, chunksize=4))
    else:
        problems = [_extract(path) for path in files]
    seconds = time.perf_counter() - started
    for problem in filter(None, problems):
        print(f"unreadable: {problem}", file=sys.stderr)
    build = "compiled" if is_compiled() else "plain Python"
    print(
        f"files {len(files)}, {megabytes:.2f} MB, {seconds:.2f} s, {megabytes / seconds:.2f} MB/s"
        f" ({args.jobs} process{'es' if args.jobs > 1 else ''}, {build})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
