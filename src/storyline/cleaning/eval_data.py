"""Cased news text from ``../shared/eval`` for training and evaluating restoration.

Splits are fixed: PolNeAR train + FNC-1 bodies listed in ``training_ids.txt`` train the model;
PolNeAR dev + FNC-1 bodies in ``hold_out_ids.txt`` are held out and only ever evaluated on.
Nothing here is shipped; it reads the data sets from disk (``STORYLINE_EVAL`` overrides the path).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

csv.field_size_limit(10**8)


def eval_root(repo_root: Path | None = None) -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    if env:
        return Path(env)
    root = repo_root or Path(__file__).resolve().parents[3]
    return (root / ".." / "shared" / "eval").resolve()


def _fnc_bodies(root: Path, ids_file: str) -> list[tuple[str, str]]:
    ids = {line.strip() for line in (root / "fnc1" / ids_file).read_text().split() if line.strip()}
    out = []
    with open(root / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["Body ID"] in ids:
                out.append((f"fnc1:{row['Body ID']}", row["articleBody"]))
    return out


def _polnear(root: Path, split: str) -> list[tuple[str, str]]:
    folder = root / "polnear" / split / "text"
    return [(f"polnear:{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def training_documents(root: Path | None = None) -> list[tuple[str, str]]:
    root = root or eval_root()
    return _polnear(root, "train") + _fnc_bodies(root, "training_ids.txt")


def heldout_documents(root: Path | None = None) -> list[tuple[str, str]]:
    root = root or eval_root()
    return _polnear(root, "dev") + _fnc_bodies(root, "hold_out_ids.txt")
