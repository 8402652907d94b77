"""CI quality gate: PolNeAR dev slice scores must not fall below pinned floors.

Runs the benchmark's own scoring (benchmarks/attribution_polnear.py) on the first articles of the
dev split; skipped when the evaluation data is absent. Floors sit a few points under the scores
measured when they were pinned, so a real regression fails and noise does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import eval_root, evaluate, unique_documents  # noqa: E402

SLICE = 12
FLOORS = {  # role: (exact F1, overlap F1); measured on this slice when pinned: source 0.861/0.876,
    # cue 0.756/0.852, content 0.591/0.851
    "source": (0.83, 0.85),
    "cue": (0.73, 0.83),
    "content": (0.56, 0.82),
}


@pytest.fixture(scope="module")
def scores():
    root = eval_root() / "polnear"
    if not (root / "dev").is_dir():
        pytest.skip("PolNeAR not available")
    return evaluate(unique_documents(root, "dev")[:SLICE])


@pytest.mark.parametrize("role", sorted(FLOORS))
def test_polnear_dev_slice_f1_above_floor(scores, role: str) -> None:
    exact, overlap = scores[role]
    floor_exact, floor_overlap = FLOORS[role]
    assert exact.f1 >= floor_exact, f"{role} exact F1 {exact.f1:.3f} < {floor_exact}"
    assert overlap.f1 >= floor_overlap, f"{role} overlap F1 {overlap.f1:.3f} < {floor_overlap}"
