"""The extractor: contracts in, clauses, obligations and contract facts out. Plain Python, no
Django, deterministic.

    from obligations.extraction import extract_path, extract_document, extraction_to_json

The pipeline is imported on first use, so that importing the vocabulary
(`obligations.extraction.model`) does not load the readers and every rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from obligations.extraction.pipeline import (
        detect_title,
        extract_document,
        extract_path,
        extraction_to_json,
    )

__all__ = ["detect_title", "extract_document", "extract_path", "extraction_to_json"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from obligations.extraction import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
