"""Floors under the extraction scores that bench/extraction_quality.py prints: the measured values
less a small margin, so that a change that reads contracts worse fails here. Raise a floor when
the extractor improves; never lower one to make a change pass. Pure: no database."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[1] / "bench" / "extraction_quality.py"
SHARED = Path(__file__).resolve().parents[2] / "shared"
MARGIN = 0.02

# Measured with bench/extraction_quality.py; a test fails below value - MARGIN.
MEASURED: dict[str, dict[str, float]] = {
    "seeds": {
        "f1": 1.0,
        "party": 1.0,
        "relation": 1.0,
        "anchor": 1.0,
        "undated": 1.0,
        "dates": 1.0,
        "facts": 1.0,
        "accounted": 0.977,
    },
    "reference": {
        "f1": 0.979,
        "recall": 0.958,
        "precision": 1.0,
        "party": 0.971,
        "relation": 1.0,
        "anchor": 0.971,
        "undated": 0.941,
        "dates": 1.0,
        "facts": 1.0,
    },
    "unseen": {
        "f1": 1.0,
        "party": 1.0,
        "relation": 1.0,
        "anchor": 0.941,
        "undated": 1.0,
        "dates": 1.0,
        "facts": 1.0,
        "accounted": 1.0,
    },
    # The project's own long contracts (tests/data/written), written for it and keyed blind
    # before the extractor ran on them: an SLA, a US retail lease, US consumer terms, a US
    # distribution agreement as a PDF, a US supply agreement, an English reseller agreement,
    # a US SaaS master subscription agreement, a US motor-carrier transportation agreement, a US
    # franchise agreement, a US on-premises software licence (HTML), a US joint venture (LLC
    # operating) agreement, a US outsourcing master services agreement (Markdown), a US event
    # sponsorship agreement (PDF) and a US master equipment lease. The set grew by the last two
    # at their blind scores, which is why its party, anchor and undated floors stand lower.
    "written": {
        "f1": 0.971,
        "recall": 0.961,
        "precision": 0.982,
        "party": 0.939,
        "relation": 1.0,
        "anchor": 0.907,
        "undated": 0.911,
        "dates": 0.966,
        "facts": 0.953,
    },
    # Each written contract on its own: a worse reading of one fails here even where a better
    # reading of another keeps the whole set above its floor.
    "written/consumer_subscription_terms": {
        "f1": 0.955,
        "recall": 0.913,
        "party": 0.952,
        "anchor": 0.905,
        "undated": 0.737,
        "facts": 1.0,
    },
    "written/distribution_agreement": {
        "f1": 1.0,
        "recall": 1.0,
        "party": 0.893,
        "anchor": 0.958,
        "undated": 0.947,
        "facts": 1.0,
    },
    "written/franchise_agreement": {
        "f1": 0.945,
        "recall": 0.932,
        "party": 0.925,
        "anchor": 0.947,
        "undated": 0.931,
        "facts": 0.8,
    },
    "written/joint_venture_agreement": {
        "f1": 0.975,
        "recall": 0.974,
        "party": 0.947,
        "anchor": 0.943,
        "undated": 0.944,
        "facts": 1.0,
    },
    "written/outsourcing_services_agreement": {
        "f1": 0.98,
        "recall": 0.98,
        "party": 0.96,
        "anchor": 1.0,
        "undated": 0.957,
        "facts": 0.8,
    },
    "written/retail_lease": {
        "f1": 0.962,
        "recall": 0.947,
        "party": 1.0,
        "anchor": 0.903,
        "undated": 0.95,
        "facts": 0.8,
    },
    "written/saas_msa": {
        "f1": 1.0,
        "recall": 1.0,
        "party": 1.0,
        "anchor": 0.846,
        "undated": 1.0,
        "facts": 1.0,
    },
    "written/sla_managed_hosting": {
        "f1": 0.963,
        "recall": 0.962,
        "party": 1.0,
        "anchor": 0.789,
        "undated": 0.846,
        "facts": 1.0,
    },
    "written/software_license_agreement": {
        "f1": 0.947,
        "recall": 0.947,
        "party": 0.944,
        "anchor": 0.971,
        "undated": 0.957,
        "facts": 1.0,
    },
    "written/supply_agreement": {
        "f1": 0.957,
        "recall": 0.917,
        "party": 1.0,
        "anchor": 1.0,
        "undated": 0.789,
        "facts": 1.0,
    },
    "written/transportation_services_agreement": {
        "f1": 0.984,
        "recall": 1.0,
        "party": 0.857,
        "anchor": 0.769,
        "undated": 0.913,
        "facts": 1.0,
    },
    "written/uk_reseller_agreement": {
        "f1": 0.98,
        "recall": 0.962,
        "party": 0.92,
        "anchor": 0.917,
        "undated": 0.923,
        "facts": 1.0,
    },
    "written/sponsorship_agreement": {
        "f1": 0.971,
        "recall": 0.944,
        "party": 0.897,
        "anchor": 0.891,
        "undated": 0.923,
        "facts": 1.0,
    },
    "written/equipment_lease": {
        "f1": 1.0,
        "recall": 1.0,
        "party": 0.826,
        "anchor": 0.818,
        "undated": 0.871,
        "facts": 1.0,
    },
    # Sixteen CUAD dev contracts keyed blind (tests/data/cuad_blind): the honest view of contracts
    # the rules were not written on.
    "cuad_blind": {
        "f1": 0.977,
        "recall": 0.956,
        "precision": 1.0,
        # Of the rules found: a warrant's tenth anniversary and a death benefit still come out
        # with the party carried from the sentence before.
        "party": 0.965,
        "relation": 0.988,
        "anchor": 0.938,
        "undated": 0.914,
        "dates": 0.947,
        "facts": 0.925,
    },
    "cuad_dev": {
        "notice": 0.944,
        "renewal": 0.912,
        "agreed": 0.931,
        "effective": 0.887,
        "law": 1.0,
        "accounted": 0.992,
    },
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    if not (SHARED / "tools" / "score_extraction.py").exists():
        pytest.skip(f"the shared sets and scorers are not at {SHARED}")
    return dict(_bench().measure())


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_scores_hold_their_floors(measured: dict[str, dict[str, float]], name: str) -> None:
    if name not in measured:
        pytest.skip(f"the {name} set is not reachable here")
    scores = measured[name]
    below = {
        field: (scores.get(field), round(value - MARGIN, 3))
        for field, value in MEASURED[name].items()
        if scores.get(field, 0.0) < value - MARGIN
    }
    assert not below, f"{name}: (score, floor) {below}; all scores {scores}"


def test_every_cuad_period_is_accounted_for(measured: dict[str, dict[str, float]]) -> None:
    if "cuad_dev" not in measured:
        pytest.skip("CUAD dev is not reachable here")
    assert measured["cuad_dev"]["accounted"] >= 0.99
