"""Emergent stance (for / against / observing): grouped cross-validation by claim.

    python benchmarks/claims_emergent.py [--folds 10]

Prints accuracy, macro-F1, per-class F1 and the throughput of the shipped model. Data:
$STORYLINE_EVAL/emergent/emergent-dev.csv (default ../shared/eval next to the repository).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# one OpenMP thread: boosted trees on a small shared machine slow down badly with spinning threads
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from storyline.claims.stance import StanceClassifier  # noqa: E402
from storyline.claims.stance_data import EMERGENT_LABELS, load_emergent  # noqa: E402
from storyline.claims.stance_training import CONFIGS, cross_validate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs = load_emergent()
    start = time.perf_counter()
    predicted = cross_validate(CONFIGS["emergent"], pairs, folds=args.folds, seed=args.seed)
    elapsed = time.perf_counter() - start
    gold = [p.label for p in pairs]
    print(
        f"Emergent {len(pairs)} pairs, {len({p.group for p in pairs})} claims, "
        f"{args.folds}-fold CV grouped by claim"
    )
    print(f"accuracy {accuracy_score(gold, predicted):.4f}")
    print(f"macro-F1 {f1_score(gold, predicted, average='macro'):.4f}")
    per_class = f1_score(gold, predicted, average=None, labels=list(EMERGENT_LABELS))
    print(
        "per-class F1 "
        + ", ".join(f"{lab} {f:.3f}" for lab, f in zip(EMERGENT_LABELS, per_class, strict=True))
    )
    print(f"cross-validation took {elapsed:.0f}s")
    try:
        clf = StanceClassifier("emergent")
    except FileNotFoundError:
        return
    start = time.perf_counter()
    clf.predict_many([p.claim for p in pairs], [p.text for p in pairs])
    print(f"shipped model throughput: {len(pairs) / (time.perf_counter() - start):.0f} pairs/s")


if __name__ == "__main__":
    main()
