"""Restore sentences and casing in text that was lowercased and stripped of punctuation.

No punctuation-restoration model can be downloaded here, so Storyline ships its own small one,
trained on cased news text by ``scripts/train_restoration.py`` (seeded, reproducible):

* a token classifier (logistic regression over hashed features of the surrounding words) that
  predicts, after each token, a sentence end, a question end, a comma or nothing;
* a truecasing table learned from the same text: each word's most frequent mid-sentence form
  (``trump`` -> ``Trump``, ``u`` -> ``U``), with a bigram table for words whose case depends on
  their neighbour (``white house`` -> ``White House``); a word never seen in the training text
  is capitalized (in news, unseen words are mostly names);
* glue learned from words the scrape split apart: ``korea s`` -> ``Korea's``,
  ``couldn t`` -> ``couldn't``, ``u s`` -> ``U.S.``.

When a cased twin of the text is available (the origin of a republication),
:func:`restore_with_twin` takes casing, glue and punctuation from the twin wherever the words
align and falls back to the model elsewhere.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal, overload

import msgspec
import numpy as np
from sklearn.feature_extraction import FeatureHasher

from storyline.cleaning.normalized import normalized_tokens
from storyline.cleaning.restoration_data import COMMA, NONE, PERIOD, QUESTION, cased_tokens

N_FEATURES = 2**17
RESOURCE_PACKAGE = "storyline.resources.cleaning"
BOUNDARY_FILE = "restoration_boundary.npz"
CASING_FILE = "restoration_casing.json"


# --------------------------------------------------------------------------- features


def _word_class(word: str, casing: CasingTable) -> str:
    if word.isdigit():
        return "d"
    if word in casing.cap or word in casing.forms:
        return "C"
    if word in casing.vocab:
        return "l"
    return "u"


def token_features(norms: Sequence[str], casing: CasingTable) -> list[list[str]]:
    """Hashed-feature strings describing the gap after each token."""
    n = len(norms)
    classes = [_word_class(w, casing) for w in norms]

    def w(j: int) -> str:
        return norms[j] if 0 <= j < n else ("<s>" if j < 0 else "</s>")

    def c(j: int) -> str:
        return classes[j] if 0 <= j < n else ("S" if j < 0 else "E")

    feats = []
    for i in range(n):
        w0, w1, wm1, w2 = w(i), w(i + 1), w(i - 1), w(i + 2)
        feats.append(
            [
                "bias",
                "w0=" + w0,
                "w1=" + w1,
                "w-1=" + wm1,
                "w2=" + w2,
                "w-2=" + w(i - 2),
                "w3=" + w(i + 3),
                "b01=" + w0 + "|" + w1,
                "b-10=" + wm1 + "|" + w0,
                "b12=" + w1 + "|" + w2,
                "t-101=" + wm1 + "|" + w0 + "|" + w1,
                "c=" + c(i - 1) + c(i) + c(i + 1) + c(i + 2),
                "c1w0=" + c(i + 1) + "|" + w0,
                "c0w1=" + c(i) + "|" + w1,
                "s0=" + w0[-3:],
                "p1=" + w1[:3],
            ]
        )
    return feats


@functools.lru_cache(maxsize=1)
def _hasher() -> FeatureHasher:
    return FeatureHasher(n_features=N_FEATURES, input_type="string")


def hash_features(feats: list[list[str]]):  # type: ignore[no-untyped-def]
    return _hasher().transform(feats)


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class CasingTable:
    cap: frozenset[str]  # words whose usual form is Capitalized
    forms: dict[str, str]  # words with another usual form ("USA", "McCain")
    bigrams: dict[str, str]  # "white house" -> "White House"
    glue_pairs: dict[str, list[str]]  # "u s" -> [".", "U", "S"]: glue and the two cased forms
    glue_suffix: dict[str, str]  # "s" -> "'" (Korea's), "t" -> "'" (couldn't)
    vocab: frozenset[str]  # words seen in training (for cut-word detection)
    abbreviations: frozenset[str] = frozenset()  # words written with a period: "mrs" -> "Mrs."

    def case(self, word: str) -> str:
        """The word's usual cased form; a word never seen in the training news is taken for a name."""
        form = self.forms.get(word)
        if form is not None:
            return form
        if word in self.cap or (len(word) > 2 and word not in self.vocab and not word.isdigit()):
            return word.capitalize()
        return word

    def to_json(self) -> dict[str, object]:
        return {
            "cap": sorted(self.cap),
            "forms": dict(sorted(self.forms.items())),
            "bigrams": dict(sorted(self.bigrams.items())),
            "glue_pairs": dict(sorted(self.glue_pairs.items())),
            "glue_suffix": dict(sorted(self.glue_suffix.items())),
            "vocab": sorted(self.vocab),
            "abbreviations": sorted(self.abbreviations),
        }

    @classmethod
    def from_json(cls, raw: bytes | str) -> CasingTable:
        data = msgspec.json.decode(raw, type=_CasingFile)
        return cls(
            cap=frozenset(data.cap),
            forms=data.forms,
            bigrams=data.bigrams,
            glue_pairs=data.glue_pairs,
            glue_suffix=data.glue_suffix,
            vocab=frozenset(data.vocab),
            abbreviations=frozenset(data.abbreviations),
        )


class _CasingFile(msgspec.Struct):
    """The on-disk layout of ``restoration_casing.json``."""

    cap: list[str]
    forms: dict[str, str]
    bigrams: dict[str, str]
    glue_pairs: dict[str, list[str]]
    glue_suffix: dict[str, str]
    vocab: list[str]
    abbreviations: list[str] = []


@dataclass(frozen=True)
class RestorationModel:
    """Boundary/comma classifier weights plus the casing and glue tables."""

    coef: np.ndarray  # (4, N_FEATURES) float32
    intercept: np.ndarray  # (4,)
    casing: CasingTable
    boundary_threshold: float = 0.5
    comma_threshold: float = 0.6
    min_sentence_tokens: int = 3

    def probabilities(self, norms: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities of none / period / question / comma after each token."""
        if not norms:
            return np.zeros((0, 4), dtype=np.float32)
        x = hash_features(token_features(norms, self.casing))
        scores = np.asarray(x @ self.coef.T) + self.intercept
        p = 1.0 / (1.0 + np.exp(-scores))  # one-vs-rest, renormalised like sklearn
        return p / p.sum(axis=1, keepdims=True)

    def labels(self, norms: Sequence[str]) -> list[int]:
        """Decode the label after each token: greedy, with a minimum sentence length."""
        return self.decode(self.probabilities(norms))

    def decode(self, p: np.ndarray) -> list[int]:
        out: list[int] = []
        since = 0
        for i, row in enumerate(p):
            since += 1
            pb = float(row[PERIOD] + row[QUESTION])
            if i == len(p) - 1:
                out.append(QUESTION if row[QUESTION] > row[PERIOD] else PERIOD)
            elif pb > self.boundary_threshold and (since >= self.min_sentence_tokens or pb > 0.9):
                out.append(QUESTION if row[QUESTION] > row[PERIOD] else PERIOD)
                since = 0
            elif row[COMMA] > self.comma_threshold:
                out.append(COMMA)
            else:
                out.append(NONE)
        return out

    def save(self, folder: str) -> None:
        """Write the weights (int8, per-class scale) and tables into ``folder``."""
        import os

        scale = np.abs(self.coef).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        q = np.round(self.coef / scale[:, None]).astype(np.int8)
        np.savez_compressed(
            os.path.join(folder, BOUNDARY_FILE),
            coef=q,
            scale=scale.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            thresholds=np.array([self.boundary_threshold, self.comma_threshold], dtype=np.float32),
        )
        self.save_casing(folder)

    def save_casing(self, folder: str) -> None:
        import os

        with open(os.path.join(folder, CASING_FILE), "w", encoding="utf-8") as fh:
            json.dump(self.casing.to_json(), fh, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=1)
def load_model() -> RestorationModel:
    """The shipped restoration model (loaded once per process)."""
    base = resources.files(RESOURCE_PACKAGE)
    with base.joinpath(BOUNDARY_FILE).open("rb") as fh:
        data = np.load(fh)
        coef = data["coef"].astype(np.float32) * data["scale"][:, None]
        intercept = data["intercept"].astype(np.float32)
        thresholds = data["thresholds"]
    casing = CasingTable.from_json(base.joinpath(CASING_FILE).read_bytes())
    return RestorationModel(
        coef=coef,
        intercept=intercept,
        casing=casing,
        boundary_threshold=float(thresholds[0]),
        comma_threshold=float(thresholds[1]),
    )


# --------------------------------------------------------------------------- rendering


@dataclass(slots=True)
class _Slot:
    norm: str
    form: str | None = None  # cased form (None: decide from the model tables)
    glue: str | None = None  # joined to the next token by this mark
    label: int = NONE
    fixed: bool = False  # taken from a cased twin
    dot: bool = False  # an abbreviation written with a period ("Mrs.")


def _model_forms(slots: list[_Slot], model: RestorationModel, predict: list[int]) -> None:
    casing = model.casing
    n = len(slots)
    for i, s in enumerate(slots):
        if s.fixed:
            continue
        s.label = predict[i]
        s.dot = s.norm in casing.abbreviations
        if i + 1 < n and not slots[i + 1].fixed:
            nxt = slots[i + 1].norm
            pair = casing.glue_pairs.get(s.norm + " " + nxt)
            glue = None
            if pair is not None:
                glue = pair[0]
                if s.form is None:
                    s.form = pair[1]
                slots[i + 1].form = pair[2]
            elif not s.norm.isdigit():
                glue = casing.glue_suffix.get(nxt)
            elif len(s.norm) <= 3 and len(nxt) == 3 and nxt.isdigit():
                glue = ","  # thousands: "100 000" was "100,000"
            if glue is not None:
                s.glue = glue
                s.label = NONE
    i = 0
    while i < n:
        s = slots[i]
        if s.fixed or s.form is not None:
            i += 1
            continue
        if i + 1 < n and not slots[i + 1].fixed and s.label == NONE and s.glue is None:
            cased_pair = casing.bigrams.get(s.norm + " " + slots[i + 1].norm)
            if cased_pair is not None:
                a, _, b = cased_pair.partition(" ")
                s.form, slots[i + 1].form = a, b
                i += 2
                continue
        s.form = casing.case(s.norm)
        i += 1


def _render(slots: list[_Slot]) -> str:
    parts: list[str] = []
    initial = True
    n = len(slots)
    for i, s in enumerate(slots):
        form = s.form or s.norm
        if initial and form[:1].islower():
            form = form[:1].upper() + form[1:]
        parts.append(form)
        initial = False
        if s.glue is not None and i + 1 < n:
            parts.append(s.glue)
            continue
        # an initialism such as U.S. keeps its final dot
        abbrev = s.dot or (i > 0 and slots[i - 1].glue == "." and len(s.norm) == 1 and s.norm.isalpha())
        if s.label in (PERIOD, QUESTION) or i == n - 1:
            mark = "?" if s.label == QUESTION else "."
            if not (abbrev and mark == "."):
                parts.append(mark)
            elif abbrev:
                parts.append(".")
            initial = True
        elif s.label == COMMA:
            parts.append(("." if abbrev else "") + ",")
        elif abbrev:
            parts.append(".")
        if i + 1 < n:
            parts.append(" ")
    return "".join(parts)


def restore_tokens(norms: Sequence[str], model: RestorationModel | None = None) -> str:
    model = model or load_model()
    slots = [_Slot(w) for w in norms]
    _model_forms(slots, model, model.labels(norms))
    return _render(slots)


def restore_text(text: str) -> str:
    """Sentence boundaries, casing and common punctuation for lowercased, punctuation-stripped text."""
    norms = normalized_tokens(text)
    if not norms:
        return ""
    return restore_tokens(norms)


#: Aligned runs shorter than this many words are chance matches ("of the"), not shared text.
MIN_TWIN_BLOCK = 4


@overload
def restore_with_twin(stripped: str, cased: str) -> str: ...
@overload
def restore_with_twin(stripped: str, cased: str, *, return_aligned: Literal[True]) -> tuple[str, int]: ...


def restore_with_twin(stripped: str, cased: str, *, return_aligned: bool = False) -> str | tuple[str, int]:
    """Restore ``stripped`` taking boundaries, casing and glue from its cased twin where they align.

    The word sequences are aligned (difflib on normalized tokens); tokens in aligned runs of at
    least :data:`MIN_TWIN_BLOCK` words copy the twin's cased form, in-word glue and the mark that
    followed them; unaligned stretches (text only the stripped copy has, e.g. a pasted sidebar) are
    restored by the model. With ``return_aligned`` the number of aligned words comes back too.
    """
    model = load_model()
    norms = normalized_tokens(stripped)
    if not norms:
        return ("", 0) if return_aligned else ""
    twin = cased_tokens(cased)
    slots = [_Slot(w) for w in norms]
    matcher = difflib.SequenceMatcher(None, norms, [t.norm for t in twin], autojunk=False)
    aligned = 0
    for a, b, size in matcher.get_matching_blocks():
        if size < MIN_TWIN_BLOCK:
            continue
        aligned += size
        for k in range(size):
            t = twin[b + k]
            s = slots[a + k]
            s.form, s.fixed, s.dot = t.form, True, t.dot
            last = k == size - 1
            s.glue = t.glue if not last else None
            s.label = t.label if not (last and t.glue is not None) else NONE
    _model_forms(slots, model, model.labels(norms))
    text = _render(slots)
    return (text, aligned) if return_aligned else text
