"""The compiled extractor: a module changed after its build is refused, and where a C compiler
is at hand the build is the one that runs."""

from __future__ import annotations

import os
import shutil
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from obligations.extraction import is_compiled, stale_extensions

SUFFIX = EXTENSION_SUFFIXES[0]


def _write(path: Path, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_module_changed_after_its_build_is_stale(tmp_path: Path) -> None:
    _write(tmp_path / f"dates{SUFFIX}", 1_000)
    _write(tmp_path / "dates.py", 2_000)
    _write(tmp_path / "facts" / f"term{SUFFIX}", 1_000)
    _write(tmp_path / "facts" / "term.py", 3_000)
    assert stale_extensions(tmp_path) == ["dates.py", "facts/term.py"]


def test_modules_built_after_their_last_change_are_not_stale(tmp_path: Path) -> None:
    _write(tmp_path / "dates.py", 1_000)
    _write(tmp_path / f"dates{SUFFIX}", 2_000)
    _write(tmp_path / "readers" / "pdf.py", 5_000)  # not compiled: no extension beside it
    _write(tmp_path / f"obligations_extraction__mypyc{SUFFIX}", 500)  # the shared library
    assert stale_extensions(tmp_path) == []


@pytest.mark.skipif(
    os.environ.get("CLAUSEWATCH_NATIVE", "1") == "0" or shutil.which("cc") is None,
    reason="built as plain Python: CLAUSEWATCH_NATIVE=0, or no C compiler",
)
def test_with_a_c_compiler_the_extractor_runs_compiled() -> None:
    assert is_compiled(), (
        "the extractor runs as plain Python: `uv sync` built no extensions (its output gives the"
        " compiler's error), or it was built with CLAUSEWATCH_NATIVE=0 (set it for the tests too)"
    )
