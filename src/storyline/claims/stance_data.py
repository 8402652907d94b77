"""Readers for the stance evaluation sets (Emergent, FNC-1) and the FNC-1 score.

The data are read from disk (``STORYLINE_EVAL``, default ``../shared/eval`` next to the repository);
nothing of them is shipped.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import msgspec

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
EMERGENT_LABELS = ("for", "against", "observing")


class StancePair(msgspec.Struct, frozen=True):
    claim: str
    text: str
    label: str
    group: str  # what cross-validation groups by (claim id for Emergent, body id for FNC-1)


def eval_root() -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def load_emergent(root: Path | None = None) -> list[StancePair]:
    path = (root or eval_root()) / "emergent" / "emergent-dev.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            StancePair(
                claim=row["claimHeadline"],
                text=row["articleHeadline"],
                label=row["articleHeadlineStance"],
                group=row["claimId"],
            )
            for row in csv.DictReader(fh)
        ]


def load_fnc1(root: Path | None = None) -> list[StancePair]:
    base = (root or eval_root()) / "fnc1"
    with (base / "train_bodies.csv").open(newline="", encoding="utf-8") as fh:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with (base / "train_stances.csv").open(newline="", encoding="utf-8") as fh:
        return [
            StancePair(claim=row["Headline"], text=bodies[row["Body ID"]], label=row["Stance"], group=row["Body ID"])
            for row in csv.DictReader(fh)
        ]


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """The official FNC-1 weighted score and the best possible score for ``gold``.

    +0.25 for a right related/unrelated call, +0.75 more for the right label on a related pair.
    """
    related = {"agree", "disagree", "discuss"}
    score = 0.0
    best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g in related and p in related:
            score += 0.25
    return score, best
