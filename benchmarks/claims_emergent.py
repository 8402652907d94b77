"""Emergent stance (for / against / observing): grouped cross-validation by claim.

    python benchmarks/claims_emergent.py [--folds 10] [--seed 0] [--holdout] [--previous] [--nested]

Prints accuracy (pooled, and mean ± sd over the folds), macro-F1, per-class F1 and the speed of
the shipped model (CPU ms per pair, batched and one call at a time). ``--holdout`` also trains on
the development 75% of the claims and scores the held-out 25% that no model choice looked at
(see ``stance_training.holdout_split``). ``--previous`` scores the configuration shipped before
the headline cues (C 0.1, no cues) for comparison. ``--nested`` chooses C and the dense-feature
weight inside each outer training fold (an inner grouped 3-fold CV over
``stance_training.NESTED_GRID``) instead of using the shipped values. Data:
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

import msgspec  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from storyline.claims.stance import StanceClassifier  # noqa: E402
from storyline.claims.stance_data import EMERGENT_LABELS, load_emergent  # noqa: E402
from storyline.claims.stance_training import (  # noqa: E402
    CONFIGS,
    NESTED_GRID,
    cross_validate,
    fold_indices,
    holdout_predictions,
    holdout_split,
    nested_cross_validate,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--holdout", action="store_true", help="also score the held-out quarter of claims")
    parser.add_argument("--previous", action="store_true", help="the configuration before headline cues")
    parser.add_argument("--nested", action="store_true", help="choose C / dense weight inside each fold")
    args = parser.parse_args()
    config = CONFIGS["emergent"]
    if args.previous:
        config = msgspec.structs.replace(config, c=0.1, cues=False, dense_weight=1.0)
    pairs = load_emergent()
    start = time.process_time()
    if args.nested:
        predicted, chosen = nested_cross_validate(config, pairs, folds=args.folds, seed=args.seed)
    else:
        predicted = cross_validate(config, pairs, folds=args.folds, seed=args.seed)
    elapsed = time.process_time() - start
    gold = [p.label for p in pairs]
    per_fold = [
        float(np.mean([predicted[i] == gold[i] for i in test]))
        for _, test in fold_indices(pairs, args.folds, args.seed)
    ]
    print(
        f"Emergent {len(pairs)} pairs, {len({p.group for p in pairs})} claims, "
        f"{args.folds}-fold CV grouped by claim{' (previous configuration)' if args.previous else ''}"
    )
    if args.nested:
        print(f"nested: (C, dense weight) chosen per outer fold from {len(NESTED_GRID)} points: {chosen}")
    print(f"accuracy {accuracy_score(gold, predicted):.4f} (pooled)")
    print(f"accuracy per fold {np.mean(per_fold):.4f} ± {np.std(per_fold):.4f}")
    print(f"macro-F1 {f1_score(gold, predicted, average='macro'):.4f}")
    per_class = f1_score(gold, predicted, average=None, labels=list(EMERGENT_LABELS))
    print(
        "per-class F1 "
        + ", ".join(f"{lab} {f:.3f}" for lab, f in zip(EMERGENT_LABELS, per_class, strict=True))
    )
    print(f"cross-validation took {elapsed:.0f}s CPU")
    if args.holdout:
        dev, held = holdout_split(pairs)
        got = holdout_predictions(config, pairs, dev, held, seed=args.seed)
        accuracy = float(np.mean([g == pairs[i].label for g, i in zip(got, held, strict=True)]))
        print(f"held-out quarter ({len(held)} pairs, {len({pairs[i].group for i in held})} claims): {accuracy:.4f}")
    try:
        clf = StanceClassifier("emergent")
    except FileNotFoundError:
        return
    start = time.process_time()
    clf.predict_many([p.claim for p in pairs], [p.text for p in pairs])
    batch_ms = 1000 * (time.process_time() - start) / len(pairs)
    single = pairs[:200]
    start = time.process_time()
    for p in single:
        clf.predict(p.claim, p.text)
    single_ms = 1000 * (time.process_time() - start) / len(single)
    print(
        f"shipped model CPU time: {batch_ms:.2f} ms per pair in one batch ({1000 / batch_ms:.0f} pairs/s), "
        f"{single_ms:.2f} ms per pair one call at a time"
    )


if __name__ == "__main__":
    main()
