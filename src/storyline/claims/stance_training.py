"""Training and grouped cross-validation of the stance models (used by benchmarks/claims_*.py).

Everything that is fitted — the TF-IDF/SVD text space and the boosted trees — is fitted on the
training folds only; folds are grouped (by claim for Emergent, by body for FNC-1) so a test claim or
body is never seen in training.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import msgspec
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from storyline.claims.stance import StanceModelMeta, featurize
from storyline.claims.stance_data import StancePair
from storyline.claims.stance_features import PAIR_FEATURE_NAMES, TextSpace, pair_features
from storyline.claims.trees import export_hist_gradient_boosting


class TaskConfig(msgspec.Struct, frozen=True):
    task: str
    max_features: int
    n_components: int
    with_vectors: bool
    max_iter: int
    learning_rate: float
    max_leaf_nodes: int
    l2: float = 0.0
    class_weight: str | None = None


CONFIGS = {
    "fnc1": TaskConfig(
        task="fnc1", max_features=5000, n_components=50, with_vectors=False, max_iter=300, learning_rate=0.1, max_leaf_nodes=15
    ),
    "emergent": TaskConfig(
        task="emergent", max_features=3000, n_components=30, with_vectors=True, max_iter=200, learning_rate=0.05,
        max_leaf_nodes=15, l2=1.0,
    ),
}


def _texts_to_fit(pairs: Sequence[StancePair]) -> list[str]:
    return list(dict.fromkeys([p.claim for p in pairs] + [p.text for p in pairs]))


def _classifier(config: TaskConfig, seed: int) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=config.max_iter,
        learning_rate=config.learning_rate,
        max_leaf_nodes=config.max_leaf_nodes,
        l2_regularization=config.l2,
        class_weight=config.class_weight,
        early_stopping=False,
        random_state=seed,
    )


def fit(config: TaskConfig, pairs: Sequence[StancePair], seed: int = 0) -> tuple[StanceModelMeta, TextSpace, dict[str, np.ndarray]]:
    """Fit the text space and the trees on ``pairs``; returns what :func:`save_stance_model` writes."""
    space = TextSpace.fit(_texts_to_fit(pairs), config.max_features, config.n_components, seed)
    x = featurize(space, [p.claim for p in pairs], [p.text for p in pairs], config.with_vectors)
    model = _classifier(config, seed).fit(x, [p.label for p in pairs])
    meta = StanceModelMeta(
        task=config.task,
        labels=tuple(str(c) for c in model.classes_),
        with_vectors=config.with_vectors,
        n_features=x.shape[1],
        trained_on=f"{len(pairs)} pairs, {datetime.now(timezone.utc).date().isoformat()}",
        seed=seed,
        params={
            "max_features": config.max_features, "n_components": config.n_components, "max_iter": config.max_iter,
            "learning_rate": config.learning_rate, "max_leaf_nodes": config.max_leaf_nodes, "l2": config.l2,
        },
    )
    return meta, space, export_hist_gradient_boosting(model)


def cross_validate(
    config: TaskConfig, pairs: Sequence[StancePair], folds: int = 5, seed: int = 0
) -> list[str]:
    """Out-of-fold predicted labels with folds grouped by ``StancePair.group``."""
    claims = [p.claim for p in pairs]
    texts = [p.text for p in pairs]
    labels = np.array([p.label for p in pairs])
    groups = np.array([p.group for p in pairs])
    base = np.vstack([pair_features(c, t) for c, t in zip(claims, texts, strict=True)])
    predicted = np.empty(len(pairs), dtype=object)
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(base, labels, groups):
        space = TextSpace.fit(_texts_to_fit([pairs[i] for i in train]), config.max_features, config.n_components, seed)
        x = np.hstack([base, space.features(claims, texts, with_vectors=config.with_vectors)])
        model = _classifier(config, seed).fit(x[train], labels[train])
        predicted[test] = model.predict(x[test])
    return [str(p) for p in predicted]


def feature_names(config: TaskConfig) -> list[str]:
    names = list(PAIR_FEATURE_NAMES) + ["tfidf_cos", "svd_cos", "best_sentence_tfidf_cos"]
    if config.with_vectors:
        names += [f"claim_svd_{i}" for i in range(config.n_components)]
        names += [f"text_svd_{i}" for i in range(config.n_components)]
    return names
