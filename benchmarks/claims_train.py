"""Retrain the shipped stance models (seeded) into src/storyline/resources/claims/.

    python benchmarks/claims_train.py [--task emergent|fnc1|all] [--seed 0]

Trains on all of Emergent dev / FNC-1 train from $STORYLINE_EVAL (default ../shared/eval), checks
that the exported arrays reproduce scikit-learn's predictions, and prints the file sizes.
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

import numpy as np  # noqa: E402

from storyline.claims.stance import RESOURCES, StanceClassifier, save_stance_model  # noqa: E402
from storyline.claims.stance_data import load_emergent, load_fnc1  # noqa: E402
from storyline.claims.stance_training import CONFIGS, fit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=["emergent", "fnc1", "all"], default="all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESOURCES)
    args = parser.parse_args()
    tasks = ["emergent", "fnc1"] if args.task == "all" else [args.task]
    for task in tasks:
        pairs = load_emergent() if task == "emergent" else load_fnc1()
        start = time.perf_counter()
        meta, space, arrays = fit(CONFIGS[task], pairs, seed=args.seed)
        paths = save_stance_model(args.out, meta, space, arrays)
        clf = StanceClassifier(task, resources=args.out)
        sample = pairs[:300]
        got = [label for label, _ in clf.predict_many([p.claim for p in sample], [p.text for p in sample])]
        train_acc = float(np.mean([g == p.label for g, p in zip(got, sample, strict=True)]))
        print(
            f"{task}: trained on {len(pairs)} pairs in {time.perf_counter() - start:.0f}s; "
            f"reload check accuracy on 300 training pairs {train_acc:.3f}"
        )
        for path in paths:
            print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
