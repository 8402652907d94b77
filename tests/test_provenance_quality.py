"""CI quality gate: the provenance benchmark on a small generated slice, with pinned floors.

Floors sit a little under what the slice scores (see benchmarks/provenance_eval.py for the full
run), so a regression fails the build. Skips when the eval data is absent."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))

FLOORS = {
    "in-corpus republication precision": 0.97,
    "in-corpus republication recall": 0.97,
    "in-corpus digest precision": 0.88,
    "in-corpus digest recall": 0.88,
    "external republication recall": 0.85,
    "external digest recall": 0.8,
}
CEILINGS = {
    "same-topic pairs linked as copies": 0.02,
    "same-topic pairs sharing a quote linked as copies": 0.05,
}


@pytest.fixture(scope="module")
def results() -> dict[str, float]:
    if not (EVAL / "fnc1" / "train_bodies.csv").exists():
        pytest.skip(f"eval data not found in {EVAL} (set STORYLINE_EVAL)")
    spec = importlib.util.spec_from_file_location(
        "provenance_eval", ROOT / "benchmarks" / "provenance_eval.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    corpus = bench.build_corpus("test", seed=3, size=40, folder=EVAL)
    return bench.evaluate(corpus)


@pytest.mark.parametrize("metric,floor", sorted(FLOORS.items()))
def test_provenance_quality_floor(results, metric: str, floor: float) -> None:
    assert results[metric] >= floor, f"{metric} = {results[metric]:.3f} < {floor}"


@pytest.mark.parametrize("metric,ceiling", sorted(CEILINGS.items()))
def test_provenance_quality_ceiling(results, metric: str, ceiling: float) -> None:
    assert results[metric] <= ceiling, f"{metric} = {results[metric]:.3f} > {ceiling}"
