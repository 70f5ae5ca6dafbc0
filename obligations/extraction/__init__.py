"""The extractor: contracts in, clauses, obligations and contract facts out. Plain Python, no
Django, deterministic.

    from obligations.extraction import extract_path, extract_document, extraction_to_json

The pipeline is imported on first use, so that importing the vocabulary
(`obligations.extraction.model`) does not load the readers and every rule.

`uv sync` compiles the modules with mypyc (see setup.py) into C extensions beside them, which
Python imports in their place. A module changed since is refused here, before any of them loads:
the compiled one would run the old rule.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from obligations.extraction.pipeline import (
        detect_title,
        extract_document,
        extract_path,
        extraction_to_json,
    )

__all__ = [
    "detect_title",
    "extract_document",
    "extract_path",
    "extraction_to_json",
    "is_compiled",
    "stale_extensions",
]


def stale_extensions(package: Path) -> list[str]:
    """The modules under `package` whose source changed after they were compiled."""
    stale = []
    for suffix in EXTENSION_SUFFIXES:
        for extension in package.rglob(f"*{suffix}"):
            source = extension.with_name(extension.name.removesuffix(suffix) + ".py")
            if source.exists() and source.stat().st_mtime > extension.stat().st_mtime:
                stale.append(str(source.relative_to(package)))
    return sorted(stale)


def is_compiled() -> bool:
    """Whether the extractor runs as the C extensions mypyc built (else as plain Python)."""
    from obligations.extraction import pipeline

    return any(str(pipeline.__file__).endswith(suffix) for suffix in EXTENSION_SUFFIXES)


if _stale := stale_extensions(Path(__file__).parent):
    raise ImportError(
        f"The compiled extractor is older than {', '.join(_stale)} in obligations/extraction. "
        "Rebuild it with `uv sync` (`uv run` does it too), or run `CLAUSEWATCH_NATIVE=0 uv sync` "
        "to use the plain Python modules while you change them."
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from obligations.extraction import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
