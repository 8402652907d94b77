"""A gradient-boosted tree ensemble stored as numpy arrays (no pickle).

:func:`export_hist_gradient_boosting` flattens a fitted scikit-learn
``HistGradientBoostingClassifier`` (numeric features only) into arrays; :class:`TreeEnsemble`
predicts from them with the same rules (``x <= threshold`` goes left; NaN follows
``missing_go_to_left``) so the shipped file reproduces the trained model.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def export_hist_gradient_boosting(model: Any) -> dict[str, np.ndarray]:
    """Arrays describing a fitted ``HistGradientBoostingClassifier``."""
    trees = [tree for iteration in model._predictors for tree in iteration]  # noqa: SLF001
    per_iter = len(model._predictors[0])  # noqa: SLF001
    offsets = np.cumsum([0] + [len(t.nodes) for t in trees])
    nodes = np.concatenate([t.nodes for t in trees])
    if nodes["is_categorical"].any():
        raise ValueError("categorical splits are not supported by TreeEnsemble")
    return {
        "feature": nodes["feature_idx"].astype(np.int16),
        "threshold": nodes["num_threshold"].astype(np.float64),
        "left": nodes["left"].astype(np.int32),
        "right": nodes["right"].astype(np.int32),
        "value": nodes["value"].astype(np.float32),
        "is_leaf": nodes["is_leaf"].astype(bool),
        "missing_left": nodes["missing_go_to_left"].astype(bool),
        "tree_offsets": offsets.astype(np.int64),
        "tree_class": (np.arange(len(trees)) % per_iter).astype(np.int16),
        "baseline": np.asarray(model._baseline_prediction, dtype=np.float64).ravel(),  # noqa: SLF001
        "classes": np.asarray([str(c) for c in model.classes_]),
    }


class TreeEnsemble:
    """Predicts class probabilities from exported arrays."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.feature = arrays["feature"].astype(np.int64)
        self.threshold = arrays["threshold"].astype(np.float64)
        self.left = arrays["left"].astype(np.int64)
        self.right = arrays["right"].astype(np.int64)
        self.value = arrays["value"].astype(np.float64)
        self.is_leaf = arrays["is_leaf"].astype(bool)
        self.missing_left = arrays["missing_left"].astype(bool)
        self.offsets = arrays["tree_offsets"].astype(np.int64)
        self.tree_class = arrays["tree_class"].astype(np.int64)
        self.baseline = arrays["baseline"].astype(np.float64)
        self.classes = [str(c) for c in arrays["classes"]]

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        n_out = len(self.baseline)
        scores = np.tile(self.baseline, (n, 1))
        rows = np.arange(n)
        for t in range(len(self.offsets) - 1):
            base = self.offsets[t]
            node = np.full(n, base)
            active = ~self.is_leaf[node]
            while active.any():
                cur = node[active]
                val = x[rows[active], self.feature[cur]]
                go_left = np.where(np.isnan(val), self.missing_left[cur], val <= self.threshold[cur])
                node[active] = base + np.where(go_left, self.left[cur], self.right[cur])
                active = ~self.is_leaf[node]
            scores[:, self.tree_class[t] if n_out > 1 else 0] += self.value[node]
        return scores

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw_scores(x)
        if raw.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.column_stack([1.0 - p, p])
        raw = raw - raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)
