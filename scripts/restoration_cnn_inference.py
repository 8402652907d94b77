"""EXPERIMENT, NOT SHIPPED (see scripts/train_restoration_cnn.py for the results): numpy inference
for the weights written by scripts/train_restoration_cnn.py. To try it, copy this module to
src/storyline/cleaning/restoration_cnn.py, the trained files into src/storyline/resources/cleaning/,
and have RestorationModel.probabilities call ``ConvTagger.load().probabilities(norms)``.

A small dilated-convolution tagger of what follows each word: nothing, a sentence end, a
question end or a comma. numpy only at run time.

Trained by ``scripts/train_restoration_cnn.py`` (torch, offline, seeded) on cased news text and
shipped as int8 weights with per-channel scales: word ids (the most frequent lowercased words;
numbers by digit count; other words hashed by their last three letters), an embedding, three
residual 1-D convolutions of width 5 with dilations 1, 2 and 4 (each gap sees 14 words either side)
and a linear read-out. A convolution is one matrix product over the stacked shifted inputs.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

RESOURCE_PACKAGE = "storyline.resources.cleaning"
EMBED_FILES = ("restoration_cnn_embed0.npz", "restoration_cnn_embed1.npz")
LAYERS_FILE = "restoration_cnn_layers.npz"
VOCAB_FILE = "restoration_cnn_vocab.txt"


def token_key(word: str) -> str:
    """Numbers are known by their digit count only ("<d4>" for a year)."""
    return f"<d{min(len(word), 5)}>" if word.isdigit() else word


@functools.lru_cache(maxsize=1)
def _blas_controller():  # type: ignore[no-untyped-def]
    """A threadpoolctl controller (it ships with scikit-learn): the products here are small, and a
    multi-threaded BLAS spends more CPU spinning up its threads than it saves."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@dataclass(frozen=True)
class ConvTagger:
    index: dict[str, int]  # word key -> id (0 is padding)
    embed: np.ndarray  # (ids, dim) float32
    layers: tuple[tuple[np.ndarray, np.ndarray, int], ...]  # (k*in, out) weights, bias, dilation
    n_oov: int
    threshold: float  # the boundary threshold picked on the validation documents

    def token_ids(self, norms: Sequence[str]) -> np.ndarray:
        index, n_vocab, n_oov = self.index, len(self.index), self.n_oov
        out = np.empty(len(norms), dtype=np.int64)
        for i, w in enumerate(norms):
            k = token_key(w)
            j = index.get(k)
            out[i] = j if j is not None else 1 + n_vocab + zlib.crc32(k[-3:].encode()) % n_oov
        return out

    def probabilities(self, norms: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities of none / period / question / comma after each token."""
        if not norms:
            return np.zeros((0, 4), dtype=np.float32)
        with _blas_controller().limit(limits=1, user_api="blas"):
            return self._forward(self.token_ids(norms))

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        n = len(ids)
        h = self.embed[ids]
        last = len(self.layers) - 1
        for i, (w, b, dilation) in enumerate(self.layers):
            k = w.shape[0] // h.shape[1]
            pad = dilation * (k // 2)
            hp = np.pad(h, ((pad, pad), (0, 0)))
            cols = np.concatenate([hp[j * dilation : j * dilation + n] for j in range(k)], axis=1)
            z = cols @ w + b
            if i == last:
                h = z
            elif i == 0:
                h = np.maximum(z, 0.0)
            else:
                h = h + np.maximum(z, 0.0)
        h -= h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

    @classmethod
    def load(cls) -> ConvTagger:
        base = resources.files(RESOURCE_PACKAGE)
        parts = []
        for name in EMBED_FILES:
            with base.joinpath(name).open("rb") as fh:
                data = np.load(fh)
                parts.append(data["weights"].astype(np.float32) * data["scale"][:, None])
        with base.joinpath(LAYERS_FILE).open("rb") as fh:
            data = np.load(fh)
            dilations = data["dilations"].tolist()
            layers = []
            for i, d in enumerate(dilations):
                q = data[f"w{i}"].astype(np.float32) * data[f"s{i}"][:, None, None]  # (out, in, k)
                w = np.ascontiguousarray(q.transpose(2, 1, 0).reshape(-1, q.shape[0]))  # (k*in, out)
                layers.append((w, data[f"b{i}"].astype(np.float32), int(d)))
            threshold = float(data["threshold"][0])
            n_oov = int(data["n_oov"][0])
        vocab = base.joinpath(VOCAB_FILE).read_text(encoding="utf-8").split("\n")
        index = {w: i + 1 for i, w in enumerate(w for w in vocab if w)}
        return cls(index, np.concatenate(parts), tuple(layers), n_oov, threshold)
