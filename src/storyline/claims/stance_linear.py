"""A logistic-regression stance model over words and structured-comparison features, as arrays.

Design matrix: binary stemmed unigrams and bigrams of the text, the text's words that the claim
does not contain (the "delta": "reportedly", "hoax", "denies"), question/colon marks, and the
standardised dense features (:func:`~storyline.claims.stance.featurize`, plus the headline cue
classes of :mod:`storyline.claims.stance_cues` when the model was trained with them), scaled by
``dense_weight``. Works best on short texts (headlines toward claims, Emergent).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from storyline.claims.stance_cues import cue_matrix
from storyline.claims.stance_features import stem, tokenize


def _stems(text: str) -> list[str]:
    return [stem(w) for w in tokenize(text)]


def _delta(claim: str, text: str) -> str:
    known = set(_stems(claim))
    return " ".join(w for w in _stems(text) if w not in known)


def _marks(texts: Sequence[str]) -> sp.csr_matrix:
    return sp.csr_matrix(np.array([[t.strip().endswith("?"), "?" in t, ":" in t] for t in texts], dtype=np.float64))


def _bow(vocabulary: Sequence[str], ngrams: tuple[int, int], tokenizer) -> CountVectorizer:  # type: ignore[no-untyped-def]
    return CountVectorizer(
        vocabulary={w: i for i, w in enumerate(vocabulary)},
        tokenizer=tokenizer,
        token_pattern=None,
        lowercase=False,
        ngram_range=ngrams,
        binary=True,
    )


class LinearStanceModel:
    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.words = [str(w) for w in arrays["words"]]
        self.delta_words = [str(w) for w in arrays["delta_words"]]
        self.mean = arrays["mean"].astype(np.float64)
        self.scale = arrays["scale"].astype(np.float64)
        self.coef = arrays["coef"].astype(np.float64)
        self.intercept = arrays["intercept"].astype(np.float64)
        self.classes = [str(c) for c in arrays["classes"]]
        # models saved before the cue features had neither array: no cues, weight 1
        self.cues = bool(arrays["cues"]) if "cues" in arrays else False
        self.dense_weight = float(arrays["dense_weight"]) if "dense_weight" in arrays else 1.0
        self._words = _bow(self.words, (1, 2), _stems)
        self._delta = _bow(self.delta_words, (1, 1), str.split)

    @classmethod
    def fit(
        cls,
        claims: Sequence[str],
        texts: Sequence[str],
        dense: np.ndarray,
        labels: Sequence[str],
        c: float,
        seed: int,
        cues: bool = False,
        dense_weight: float = 1.0,
    ) -> LinearStanceModel:
        words = CountVectorizer(
            tokenizer=_stems, token_pattern=None, lowercase=False, ngram_range=(1, 2), min_df=2, binary=True
        )
        words.fit(texts)
        delta = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, min_df=2, binary=True)
        delta.fit([_delta(a, b) for a, b in zip(claims, texts, strict=True)])
        full = np.hstack([dense, cue_matrix(list(texts))]) if cues else dense
        mean = full.mean(axis=0)
        scale = full.std(axis=0)
        scale[scale == 0] = 1.0
        draft = cls(
            {
                "words": np.array(words.get_feature_names_out()),
                "delta_words": np.array(delta.get_feature_names_out()),
                "mean": mean,
                "scale": scale,
                "coef": np.zeros((1, 1)),
                "intercept": np.zeros(1),
                "classes": np.array([""]),
                "cues": np.array(cues),
                "dense_weight": np.array(dense_weight),
            }
        )
        design = draft.design(claims, texts, dense)
        model = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit(design, list(labels))
        coef = model.coef_
        intercept = model.intercept_
        if coef.shape[0] == 1:  # binary: sklearn keeps one row
            coef = np.vstack([-coef, coef]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        draft.coef, draft.intercept, draft.classes = coef, intercept, [str(c) for c in model.classes_]
        return draft

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            "kind": np.array("linear"),
            "words": np.array(self.words),
            "delta_words": np.array(self.delta_words),
            "mean": self.mean.astype(np.float32),
            "scale": self.scale.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "classes": np.array(self.classes),
            "cues": np.array(self.cues),
            "dense_weight": np.array(self.dense_weight, dtype=np.float32),
        }

    def design(self, claims: Sequence[str], texts: Sequence[str], dense: np.ndarray) -> sp.csr_matrix:
        """The model's input: ``dense`` is :func:`~storyline.claims.stance.featurize`'s output (the
        cue features, when the model uses them, are added here)."""
        deltas = [_delta(a, b) for a, b in zip(claims, texts, strict=True)]
        if self.cues:
            dense = np.hstack([dense, cue_matrix(list(texts))])
        standard = sp.csr_matrix(self.dense_weight * (dense - self.mean) / self.scale)
        return sp.hstack([self._words.transform(texts), standard, self._delta.transform(deltas), _marks(texts)]).tocsr()

    def predict_proba(self, claims: Sequence[str], texts: Sequence[str], dense: np.ndarray) -> np.ndarray:
        raw = np.asarray(self.design(claims, texts, dense) @ self.coef.T) + self.intercept
        raw -= raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)
