"""Trained stance classifiers: is a text for, against, or only reporting a claim?

Two shipped models (``src/storyline/resources/claims/``), both trained by
``benchmarks/claims_train.py`` (seeded):

- ``emergent``: a headline toward a claim — ``for`` / ``against`` / ``observing`` (Emergent).
- ``fnc1``: an article body toward a headline — ``agree`` / ``disagree`` / ``discuss`` /
  ``unrelated`` (FNC-1).

Each model is a :class:`~storyline.claims.stance_features.TextSpace` (TF-IDF + SVD arrays) and
either a gradient-boosted tree ensemble (:mod:`storyline.claims.trees`, FNC-1) or a logistic
regression over words, the same features and headline cue classes
(:mod:`storyline.claims.stance_linear`, Emergent), read from ``.npz`` files with
``allow_pickle=False``; a ``.json`` file records the layout and training.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import msgspec
import numpy as np

from storyline.claims.stance_features import TextSpace, pair_features
from storyline.claims.stance_linear import LinearStanceModel
from storyline.claims.trees import TreeEnsemble

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "claims"
TASKS = ("emergent", "fnc1")


class StanceModelMeta(msgspec.Struct, frozen=True):
    task: str
    kind: str  # "trees" (boosted trees over dense features) or "linear" (words + dense features)
    labels: tuple[str, ...]
    with_vectors: bool
    n_features: int
    trained_on: str = ""
    seed: int = 0
    params: dict[str, float] = {}


def featurize(space: TextSpace, claims: Sequence[str], texts: Sequence[str], with_vectors: bool) -> np.ndarray:
    """The full feature matrix a stance model reads: structured comparison + text space."""
    pair = np.vstack([pair_features(c, t) for c, t in zip(claims, texts, strict=True)])
    return np.hstack([pair, space.features(claims, texts, with_vectors=with_vectors)])


class StanceClassifier:
    """Stance of a text toward a claim, from a shipped model.

    >>> clf = StanceClassifier()                       # doctest: +SKIP
    >>> clf.predict("X was arrested", "Police deny reports that X was arrested")  # doctest: +SKIP
    ('against', 0.9...)
    """

    def __init__(self, task: str = "emergent", resources: Path | None = None) -> None:
        if task not in TASKS:
            raise ValueError(f"unknown stance task {task!r}; choose one of {', '.join(TASKS)}")
        base = resources or RESOURCES
        meta_path = base / f"{task}_meta.json"
        if not meta_path.exists():
            raise FileNotFoundError(
                f"stance model {meta_path} is missing; run `python benchmarks/claims_train.py` to build it"
            )
        self.meta = msgspec.json.decode(meta_path.read_bytes(), type=StanceModelMeta)
        with np.load(base / f"{task}_space.npz", allow_pickle=False) as arrays:
            self.space = TextSpace.from_arrays(dict(arrays))
        with np.load(base / f"{task}_model.npz", allow_pickle=False) as arrays:
            self.model: TreeEnsemble | LinearStanceModel = (
                LinearStanceModel(dict(arrays)) if self.meta.kind == "linear" else TreeEnsemble(dict(arrays))
            )
        self.labels = tuple(self.model.classes)

    @property
    def task(self) -> str:
        return self.meta.task

    def predict_proba(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, columns in the order of :attr:`labels`."""
        if not claims:
            return np.zeros((0, len(self.labels)))
        x = featurize(self.space, claims, texts, self.meta.with_vectors)
        if isinstance(self.model, LinearStanceModel):
            return self.model.predict_proba(claims, texts, x)
        return self.model.predict_proba(x)

    def predict(self, claim: str, text: str) -> tuple[str, float]:
        """The most likely stance label of ``text`` toward ``claim`` and its probability."""
        proba = self.predict_proba([claim], [text])[0]
        best = int(proba.argmax())
        return self.labels[best], float(proba[best])

    def predict_many(self, claims: Sequence[str], texts: Sequence[str]) -> list[tuple[str, float]]:
        proba = self.predict_proba(claims, texts)
        return [(self.labels[int(p.argmax())], float(p.max())) for p in proba]


def save_stance_model(
    base: Path, meta: StanceModelMeta, space: TextSpace, model_arrays: dict[str, np.ndarray]
) -> list[Path]:
    """Write the three files of one stance model; returns their paths."""
    base.mkdir(parents=True, exist_ok=True)
    paths = [
        base / f"{meta.task}_space.npz",
        base / f"{meta.task}_model.npz",
        base / f"{meta.task}_meta.json",
    ]
    np.savez_compressed(paths[0], **space.to_arrays())  # type: ignore[arg-type]
    np.savez_compressed(paths[1], **model_arrays)  # type: ignore[arg-type]
    paths[2].write_text(json.dumps(msgspec.to_builtins(meta), indent=2) + "\n", encoding="utf-8")
    return paths
