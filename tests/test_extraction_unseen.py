"""The extractor on contracts the project wrote itself in styles the seeds and CUAD do not cover
(a UK MSA, a US order form, a DPA, German-law terms in HTML, a licence, an NDA, consumer terms in
Markdown), scored by the shared scorer against hand-made answers in tests/data/unseen/gold.toml.
Pure: no database."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from obligations.extraction.pipeline import extract_path, extraction_to_json

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_extraction.py"


def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unseen_contracts_score_well() -> None:
    scorer = _scorer()
    gold = tomllib.loads((UNSEEN / "gold.toml").read_text(encoding="utf-8"))
    contracts = sorted(p for p in UNSEEN.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert len(contracts) >= 6
    documents = [extraction_to_json(extract_path(str(path))) for path in contracts]
    output = {scorer.doc_key(d["source"]): d for d in json.loads(json.dumps(documents))}
    report, lines = scorer.score(gold, output, False)

    recall = scorer.ratio(report["dated_found"], report["dated_gold"])
    precision = scorer.ratio(report["timed_matched"], report["timed_extracted"])
    f1 = 2 * recall * precision / (recall + precision)
    detail = "\n".join(lines)
    assert f1 >= 0.95, detail
    assert scorer.ratio(report["party_ok"], report["dated_found"]) >= 0.95, detail
    assert scorer.ratio(report["relation_ok"], report["relation_n"]) >= 0.95, detail
    assert scorer.ratio(report["anchor_ok"], report["anchor_n"]) >= 0.80, detail
    assert scorer.ratio(report["undated_found"], report["undated_gold"]) >= 0.85, detail
    assert report["dates_found"] == report["dates_gold"], detail
    assert report["facts_found"] == report["facts_gold"], detail
