"""Dump the restoration training tokens and labels (same fit/validation split as
scripts/train_restoration.py) to a .npz, so the torch-only training venv needs no storyline deps.

    PYTHONPATH=src python scripts/dump_restoration_tokens.py OUT.npz [--eval PATH]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from storyline.cleaning.eval_data import eval_root, extra_training_documents, training_documents
from storyline.cleaning.restoration_data import cased_tokens

SEED = 13  # the split of scripts/train_restoration.py


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--eval", type=Path, default=None)
    args = ap.parse_args(argv)
    root = args.eval or eval_root()
    docs = training_documents(root) + extra_training_documents(root)
    rng = random.Random(SEED)
    rng.shuffle(docs)
    n_val = max(1, len(docs) // 10)
    words: list[str] = []
    labels: list[int] = []
    caps: list[int] = []
    doc_start: list[int] = []
    for _, text in docs:
        doc_start.append(len(words))
        for t in cased_tokens(text):
            words.append(t.norm)
            labels.append(t.label)
            caps.append(2 if t.form.isupper() and len(t.form) > 1 else 1 if t.form[:1].isupper() else 0)
    np.savez_compressed(
        args.out,
        words=np.array(words),
        labels=np.array(labels, dtype=np.int8),
        caps=np.array(caps, dtype=np.int8),
        doc_start=np.array(doc_start + [len(words)], dtype=np.int64),
        n_val=np.array([n_val]),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
