"""Builds the extractor's pure core as C extensions with mypyc, next to its sources.

`uv sync` (and so `uv run`) builds this project in place: mypyc turns the typed modules of
`obligations/extraction` into C extensions that Python imports instead of the .py files. The
extractor then reads about 15% faster; the .py files stay the source of truth and what the tests
and mypy read. Without a C compiler, or with CLAUSEWATCH_NATIVE=0, the build keeps the plain
Python modules (and removes extensions an earlier build left), so the tracker runs either way.

Left out: the readers (file formats through third-party libraries, not the hot path) and the
package `__init__` files (they load lazily, and a compiled package `__init__` does not import).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "obligations" / "extraction"


def _native_wanted() -> bool:
    value = os.environ.get("CLAUSEWATCH_NATIVE", "1").strip()
    if value not in ("0", "1"):
        raise SystemExit(
            f"CLAUSEWATCH_NATIVE={value!r}: set it to 1 to compile the extractor (the default) "
            "or to 0 to run it as plain Python."
        )
    return value == "1"


def compiled_sources() -> list[str]:
    """The modules mypyc compiles, as paths relative to the project root."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "readers" not in path.relative_to(PACKAGE).parts
    )


def _remove_extensions() -> None:
    """The extensions an earlier build left beside the sources: without them the .py files are
    imported again."""
    for path in [*PACKAGE.rglob("*.so"), *PACKAGE.rglob("*.pyd"), *ROOT.glob("*__mypyc.*")]:
        path.unlink()


class _OptionalBuildExt(build_ext):
    """A failed C build leaves the plain Python extractor, with a warning, not a failed install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # compiler missing or failing: every form of it is handled alike
            _remove_extensions()
            print(
                f"warning: the extractor was not compiled ({error}); it runs as plain Python, "
                "about 15% slower. Install a C compiler (gcc) and run `uv sync --reinstall-package "
                "clausewatch` to compile it.",
                file=sys.stderr,
            )


def _extensions() -> list[object]:
    _remove_extensions()
    if not _native_wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    return list(mypycify(compiled_sources(), opt_level="3", group_name="obligations_extraction"))


setup(
    packages=[],
    py_modules=[],
    ext_modules=_extensions(),
    cmdclass={"build_ext": _OptionalBuildExt},
)
