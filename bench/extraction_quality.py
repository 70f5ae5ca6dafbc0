"""How well the extractor reads contracts, per field, on every keyed set the project can reach:
the seeds, the reference contracts, tests/data/unseen, the project's own long contracts in
tests/data/written (keyed blind), the keyed CUAD dev contracts and all of CUAD dev, plus the
share of period mentions that end in a time rule or an `unused_periods` entry.

    .venv/bin/python bench/extraction_quality.py            # all sets
    .venv/bin/python bench/extraction_quality.py --jobs 2   # one process per core
    .venv/bin/python bench/extraction_quality.py --json     # the numbers as one JSON object

Scores come from the shared scorers in ../shared/tools (score_extraction.py against answer keys,
score_cuad.py against the CUAD expert labels, coverage.py --accounted for period mentions), run
on the extractor's JSON exactly as `manage.py extract --format json` prints it. A set whose files
are missing is skipped with a note. tests/test_extraction_quality.py holds the floors.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from obligations.extraction.model import ReadError  # noqa: E402
from obligations.extraction.pipeline import extract_path, extraction_to_json  # noqa: E402

SHARED = REPO.parent / "shared"
TOOLS = SHARED / "tools"
_SCORE_LINE = re.compile(r"^score: (.*)$", re.MULTILINE)
_COVERAGE_LINE = re.compile(r"^coverage: (\d+)/(\d+) = ", re.MULTILINE)
_CONTRACT_SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx")


@dataclass(frozen=True)
class KeyedSet:
    name: str
    contracts: Callable[[], list[Path]]
    key: Callable[[], Path | str | None]  # a gold .toml path, gold text, or the CUAD labels
    scorer: str  # score_extraction.py or score_cuad.py


def _files(folder: Path, suffixes: Sequence[str] = _CONTRACT_SUFFIXES) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix in suffixes)


def _reference_gold() -> str | None:
    folder = SHARED / "reference" / "gold"
    if not folder.is_dir():
        return None
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.toml")))


BLIND_KEYS = REPO / "tests" / "data" / "cuad_blind" / "keys.toml"


def _blind_contracts() -> list[Path]:
    """The CUAD dev contracts that the blind keys answer for."""
    if not BLIND_KEYS.exists():
        return []
    names = re.findall(r'^doc = "(.+)"$', BLIND_KEYS.read_text(encoding="utf-8"), re.MULTILINE)
    folder = SHARED / "cuad" / "contracts"
    return sorted(path for path in (folder / name for name in set(names)) if path.exists())


WRITTEN = REPO / "tests" / "data" / "written"


def _written_contracts() -> list[Path]:
    """The project's own long contracts that have a blind key beside them (keys_<name>.toml)."""
    return [path for path in _files(WRITTEN) if (WRITTEN / f"keys_{path.stem}.toml").exists()]


def _written_keys() -> str | None:
    keys = sorted(WRITTEN.glob("keys_*.toml"))
    return "\n".join(path.read_text(encoding="utf-8") for path in keys) if keys else None


def _each_written_contract() -> tuple[KeyedSet, ...]:
    """Each written contract on its own ("written/retail_lease"), so that a worse reading of one
    shows even where a better reading of another hides it in the whole set's score."""
    return tuple(
        KeyedSet(
            f"written/{path.stem}",
            lambda path=path: [path],  # type: ignore[misc]
            lambda path=path: WRITTEN / f"keys_{path.stem}.toml",  # type: ignore[misc]
            "score_extraction.py",
        )
        for path in _written_contracts()
    )


SETS: tuple[KeyedSet, ...] = (
    KeyedSet(
        "seeds",
        lambda: _files(SHARED / "seeds", (".txt",)),
        lambda: SHARED / "gold" / "seeds.toml",
        "score_extraction.py",
    ),
    KeyedSet(
        "reference",
        lambda: _files(SHARED / "reference" / "contracts"),
        _reference_gold,
        "score_extraction.py",
    ),
    KeyedSet(
        "unseen",
        lambda: _files(REPO / "tests" / "data" / "unseen"),
        lambda: REPO / "tests" / "data" / "unseen" / "gold.toml",
        "score_extraction.py",
    ),
    KeyedSet("written", _written_contracts, _written_keys, "score_extraction.py"),
    *_each_written_contract(),
    KeyedSet(
        "cuad_blind",
        _blind_contracts,
        lambda: BLIND_KEYS,
        "score_extraction.py",
    ),
    KeyedSet(
        "cuad_dev",
        lambda: _files(SHARED / "cuad" / "contracts", (".txt",)),
        lambda: SHARED / "cuad" / "labels.csv",
        "score_cuad.py",
    ),
)


def _extract_one(path: Path) -> dict[str, Any] | None:
    try:
        return extraction_to_json(extract_path(path))
    except ReadError:
        return None


def extract_all(paths: Sequence[Path], jobs: int = 1) -> list[dict[str, Any]]:
    """The JSON documents of `paths`, as the extract command prints them (unreadable skipped)."""
    if jobs > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            found = list(pool.map(_extract_one, paths, chunksize=4))
    else:
        found = [_extract_one(path) for path in paths]
    return [document for document in found if document is not None]


def _run_tool(tool: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(TOOLS / tool), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _scores(line: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for pair in line.split():
        name, _, value = pair.partition("=")
        try:
            scores[name] = float(value)
        except ValueError:
            continue
    return scores


def score_set(keyed: KeyedSet, documents: list[dict[str, Any]], workdir: Path) -> dict[str, float]:
    """Per-field scores of `documents` against the set's key, plus `accounted`: the share of
    period mentions inside an obligation's or an unused period's quote (.txt and .md only)."""
    stem = keyed.name.replace("/", "_")
    output = workdir / f"{stem}.json"
    output.write_text(json.dumps({"documents": documents}), encoding="utf-8")
    key = keyed.key()
    if isinstance(key, str):
        gold = workdir / f"{stem}.toml"
        gold.write_text(key, encoding="utf-8")
        key = gold
    assert key is not None
    printed = _run_tool(keyed.scorer, str(key), str(output))
    found = _SCORE_LINE.search(printed)
    scores = _scores(found.group(1)) if found else {}
    texts = [str(path) for path in keyed.contracts() if path.suffix in (".txt", ".md")]
    if texts:
        coverage = _COVERAGE_LINE.search(
            _run_tool("coverage.py", "--accounted", str(output), *texts)
        )
        if coverage and int(coverage.group(2)):
            scores["accounted"] = int(coverage.group(1)) / int(coverage.group(2))
    return scores


def measure(names: Sequence[str] | None = None, jobs: int = 1) -> dict[str, dict[str, float]]:
    """Scores of every reachable set (or of `names`), by set name."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for keyed in SETS:
            if names and keyed.name not in names:
                continue
            contracts = keyed.contracts()
            key = keyed.key()
            if not contracts or key is None or (isinstance(key, Path) and not key.exists()):
                continue
            results[keyed.name] = score_set(keyed, extract_all(contracts, jobs), Path(tmp))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"any of {', '.join(s.name for s in SETS)}")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    results = measure(args.sets or None, args.jobs)
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
        return 0
    for keyed in SETS:
        if args.sets and keyed.name not in args.sets:
            continue
        if keyed.name not in results:
            print(f"{keyed.name:10s} skipped: its contracts or key are not reachable")
            continue
        fields = " ".join(f"{name}={value:.3f}" for name, value in results[keyed.name].items())
        print(f"{keyed.name:10s} {fields}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
