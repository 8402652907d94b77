"""FNC-1 stance (agree / disagree / discuss / unrelated): grouped cross-validation by body.

    python benchmarks/claims_fnc1.py [--folds 5] [--sample N]

Prints the FNC weighted score (raw and % of the best possible, as the official scorer computes
it), macro-F1, per-class F1 and the throughput of the shipped model. Data: $STORYLINE_EVAL/fnc1
(default ../shared/eval next to the repository).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# one OpenMP thread: boosted trees on a small shared machine slow down badly with spinning threads
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.metrics import f1_score  # noqa: E402

from storyline.claims.stance import StanceClassifier  # noqa: E402
from storyline.claims.stance_data import FNC_LABELS, fnc_score, load_fnc1  # noqa: E402
from storyline.claims.stance_training import CONFIGS, cross_validate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--sample", type=int, default=0, help="use only the pairs of N random bodies")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs = load_fnc1()
    if args.sample:
        bodies = sorted({p.group for p in pairs})
        keep = set(random.Random(args.seed).sample(bodies, min(args.sample, len(bodies))))
        pairs = [p for p in pairs if p.group in keep]
    start = time.perf_counter()
    predicted = cross_validate(CONFIGS["fnc1"], pairs, folds=args.folds, seed=args.seed)
    elapsed = time.perf_counter() - start
    gold = [p.label for p in pairs]
    score, best = fnc_score(gold, predicted)
    print(f"FNC-1 {len(pairs)} pairs, {args.folds}-fold CV grouped by body")
    print(f"weighted score {score:.2f} / {best:.2f} = {100 * score / best:.2f}%")
    print(f"macro-F1 {f1_score(gold, predicted, average='macro'):.4f}")
    per_class = f1_score(gold, predicted, average=None, labels=list(FNC_LABELS))
    print("per-class F1 " + ", ".join(f"{lab} {f:.3f}" for lab, f in zip(FNC_LABELS, per_class, strict=True)))
    print(f"cross-validation took {elapsed:.0f}s")
    try:
        clf = StanceClassifier("fnc1")
    except FileNotFoundError:
        return
    sample = pairs[:500]
    start = time.perf_counter()
    clf.predict_many([p.claim for p in sample], [p.text for p in sample])
    print(f"shipped model throughput: {len(sample) / (time.perf_counter() - start):.0f} pairs/s")


if __name__ == "__main__":
    main()
