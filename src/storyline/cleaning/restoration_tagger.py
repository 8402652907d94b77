"""A bidirectional LSTM that reads stripped text and tags what follows each word and how it is cased.

numpy only at run time. Trained offline with torch by ``scripts/train_restoration_tagger.py``
(seeded) on the cased news of ``../shared/eval`` (never the held-out PolNeAR dev / FNC-1 hold-out
bodies) and shipped as ``restoration_tagger.npz`` plus ``restoration_pieces.txt``:

* every word is split into WordPiece sub-words (the uncased vocabulary of all-MiniLM-L6-v2, greedy
  longest match, as BERT does) and represented by the mean of their vectors; the vectors start as
  the model2vec distillation of that MiniLM (pretrained lexical knowledge: a name never seen in the
  training news still lands near other names) and are fine-tuned; plus a small embedding of the
  word's shape (digits, number of pieces);
* two bidirectional LSTM layers over the word vectors;
* two read-outs per word: what follows it (nothing / sentence end / question end / comma) and
  its case (lower / Capitalized / UPPER).

Long texts are read in overlapping windows (all windows at once, as one batch), and the
prediction for each word comes from the window where it sits furthest from the edges.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Protocol

import numpy as np

RESOURCE_PACKAGE = "storyline.resources.cleaning"
TAGGER_FILE = "restoration_tagger.npz"
PIECES_FILE = "restoration_pieces.txt"

#: Window length, and the words kept from the middle of each window (the rest is context).
WINDOW = 128
KEEP = 112
#: Words on each side of a word whose prediction is asked for (``near``) that are read from the
#: same windows as the full text reads them, so decoding sees the neighbours the full text gives.
NEAR_CONTEXT = 16
MAX_PIECES = 8  # pieces per word that count (longer words are rare and keep their first pieces)
N_SHAPES = 12

# case classes
CASE_LOWER, CASE_CAP, CASE_UPPER = 0, 1, 2


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")


class WordPieces:
    """Greedy longest-match WordPiece splitting over a fixed vocabulary (``##`` marks a continuation)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.index = {p: i for i, p in enumerate(vocab)}
        self.unk = self.index["[UNK]"]
        self._cache: dict[str, tuple[int, ...]] = {}

    def pieces(self, word: str) -> tuple[int, ...]:
        got = self._cache.get(word)
        if got is not None:
            return got
        text = _strip_accents(word.lower())
        out: list[int] = []
        start = 0
        index = self.index
        while start < len(text):
            end = len(text)
            found = -1
            while end > start:
                key = text[start:end] if start == 0 else "##" + text[start:end]
                j = index.get(key)
                if j is not None:
                    found = j
                    break
                end -= 1
            if found < 0:
                out = [self.unk]
                break
            out.append(found)
            start = end
        got = tuple(out[:MAX_PIECES]) or (self.unk,)
        if len(self._cache) < 200_000:
            self._cache[word] = got
        return got


def shape_id(word: str, n_pieces: int) -> int:
    """Digits by length (1, 2, 4, other), then words by their number of pieces (1 .. 4+) and length."""
    if word.isdigit():
        return {1: 0, 2: 1, 4: 2}.get(len(word), 3)
    if len(word) == 1:
        return 4
    return 5 + min(n_pieces, 4) - 1 + (3 if len(word) > 12 else 0)


def window_starts(n: int) -> tuple[list[int], int]:
    """Where the windows over ``n`` words start, and their width (one window for a short text)."""
    if n <= WINDOW:
        return [0], n
    ctx = (WINDOW - KEEP) // 2
    starts = [*range(-ctx, n - KEEP - ctx, KEEP), n - WINDOW]
    return sorted({min(max(s, 0), n - WINDOW) for s in starts}), WINDOW


def window_pick(n: int, starts: list[int], width: int) -> tuple[np.ndarray, np.ndarray]:
    """For each word, the window where it sits furthest from an edge, and its position there."""
    pos = np.arange(n)
    st = np.array(starts)
    rel = pos[:, None] - st[None, :]
    margin = np.minimum(rel, width - 1 - rel)
    margin[(rel < 0) | (rel >= width)] = -1
    best = margin.argmax(axis=1)
    return best, pos - st[best]


def windows_to_read(n: int, near: Sequence[int] | None) -> tuple[list[int], int, np.ndarray, np.ndarray, list[int]]:
    """The windows over ``n`` words (starts, width), each word's window and position there
    (:func:`window_pick`), and which windows to run: all, or with ``near`` (word positions) those
    that the words within :data:`NEAR_CONTEXT` of them are read from."""
    starts, width = window_starts(n)
    which, offset = window_pick(n, starts, width)
    if near is None:
        return starts, width, which, offset, list(range(len(starts)))
    wanted = np.zeros(n, dtype=bool)
    for i in near:
        wanted[max(0, i - NEAR_CONTEXT) : i + NEAR_CONTEXT + 1] = True
    return starts, width, which, offset, sorted(set(which[wanted].tolist()))


class _ReadsOut(Protocol):
    @property
    def punct(self) -> tuple[np.ndarray, np.ndarray]: ...

    @property
    def case(self) -> tuple[np.ndarray, np.ndarray]: ...

    def hidden(self, norms: Sequence[str], near: Sequence[int] | None = None) -> np.ndarray: ...


def read_out(tagger: _ReadsOut, norms: Sequence[str], near: Sequence[int] | None) -> tuple[np.ndarray, np.ndarray]:
    """A tagger's ``predict``: its hidden states (BLAS held to one thread) through its two read-outs,
    mark and case probabilities."""
    if not norms:
        return np.zeros((0, 4), np.float32), np.zeros((0, 3), np.float32)
    with _blas_controller().limit(limits=1, user_api="blas"):
        h = tagger.hidden(norms, near)
        return _softmax(h @ tagger.punct[0] + tagger.punct[1]), _softmax(h @ tagger.case[0] + tagger.case[1])


def pad_rows(rows: Sequence[Sequence[int]], owners: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Piece-id rows padded with 0 into one (b, t) array, and their word positions padded with -1."""
    t = max(len(r) for r in rows)
    ids_arr = np.zeros((len(rows), t), np.int64)
    own_arr = np.full((len(rows), t), -1, np.int64)
    for i, (r, o) in enumerate(zip(rows, owners, strict=True)):
        ids_arr[i, : len(r)] = r
        own_arr[i, : len(o)] = o
    return ids_arr, own_arr


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


@dataclass(frozen=True)
class LstmTagger:
    pieces: WordPieces
    piece_vectors: np.ndarray  # (n_pieces, dim) float32
    shape_vectors: np.ndarray  # (N_SHAPES, shape_dim) float32
    # per layer: input weights (din, 2 * 4h) for both directions, biases (2, 4h), recurrent (2, h, 4h)
    layers: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]
    punct: tuple[np.ndarray, np.ndarray]  # (2h, 4), (4,)
    case: tuple[np.ndarray, np.ndarray]  # (2h, 3), (3,)
    threshold: float
    _word_cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def word_vectors(self, norms: Sequence[str]) -> np.ndarray:
        """(n, dim + shape_dim): mean piece vector and shape vector of each word."""
        cache = self._word_cache
        rows = []
        for w in norms:
            v = cache.get(w)
            if v is None:
                ids = self.pieces.pieces(w)
                v = np.concatenate(
                    (self.piece_vectors[list(ids)].mean(axis=0), self.shape_vectors[shape_id(w, len(ids))])
                )
                if len(cache) < 100_000:
                    cache[w] = v
            rows.append(v)
        return np.stack(rows).astype(np.float32, copy=False)

    def _lstm(self, x: np.ndarray, w_in: np.ndarray, bias: np.ndarray, w_rec: np.ndarray) -> np.ndarray:
        """Both directions of one layer over (b, t, din) -> (b, t, 2h); the two run side by side.

        The gates are stored as i, f, o, g with the sigmoid gates' weights halved (see
        :func:`_gate_order`), so one ``tanh`` over all four gates does the work of three sigmoids
        and a tanh: sigmoid(z) = (tanh(z / 2) + 1) / 2."""
        b, t, _ = x.shape
        h_dim = w_rec.shape[1]
        g = (x.reshape(b * t, -1) @ w_in).reshape(b, t, 2, 4 * h_dim) + bias
        g = g.transpose(1, 2, 0, 3).copy()  # (t, 2, b, 4h)
        g[:, 1] = g[::-1, 1]  # the backward direction reads the text from its end
        h = np.zeros((2, b, h_dim), np.float32)
        c = np.zeros((2, b, h_dim), np.float32)
        z = np.empty((2, b, 4 * h_dim), np.float32)
        out = np.empty((t, 2, b, h_dim), np.float32)
        three = 3 * h_dim
        sig = z[..., :three]
        for s in range(t):
            np.matmul(h, w_rec, out=z)
            z += g[s]
            np.tanh(z, out=z)
            sig *= 0.5
            sig += 0.5
            c *= z[..., h_dim : 2 * h_dim]
            c += z[..., :h_dim] * z[..., three:]
            h = out[s]
            np.multiply(z[..., 2 * h_dim : three], np.tanh(c), out=h)
        return np.concatenate((out[:, 0], out[::-1, 1]), axis=2).transpose(1, 0, 2)  # (b, t, 2h)

    def hidden(self, norms: Sequence[str], near: Sequence[int] | None = None) -> np.ndarray:
        """(n, 2h) top-layer states, read in overlapping windows. With ``near`` (word positions),
        only the windows that the states of those words and of :data:`NEAR_CONTEXT` words on each
        side are read from are run; the rows of other words are NaN."""
        n = len(norms)
        starts, width, which, offset, runs = windows_to_read(n, near)
        if not runs:
            return np.full((n, 2 * self.layers[-1][2].shape[1]), np.nan, dtype=np.float32)
        x = self.word_vectors(norms)
        batch = np.stack([x[starts[w] : starts[w] + width] for w in runs])
        for w_in, bias, w_rec in self.layers:
            batch = self._lstm(batch, w_in, bias, w_rec)
        if near is None:
            return batch[which, offset]
        out = np.full((n, batch.shape[2]), np.nan, dtype=np.float32)
        slot = {w: r for r, w in enumerate(runs)}
        read = np.isin(which, runs)
        out[read] = batch[[slot[w] for w in which[read].tolist()], offset[read]]
        return out

    def predict(self, norms: Sequence[str], near: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(n, 4) probabilities of none / period / question / comma after each word and (n, 3)
        probabilities of lower / Capitalized / UPPER case of each word. With ``near``, only the
        windows around those words are read (see :meth:`hidden`): other rows are NaN."""
        return read_out(self, norms, near)

    @classmethod
    def load(cls) -> LstmTagger:
        base = resources.files(RESOURCE_PACKAGE)
        vocab = base.joinpath(PIECES_FILE).read_text(encoding="utf-8").split("\n")
        with base.joinpath(TAGGER_FILE).open("rb") as fh:
            data = dict(np.load(fh))
        return cls.from_arrays(data, vocab)

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], vocab: Sequence[str]) -> LstmTagger:
        """Build from the arrays scripts/train_restoration_tagger.py writes and the piece vocabulary."""
        f32 = {k: v.astype(np.float32) for k, v in data.items()}
        piece_vectors = f32["piece_q"] * f32["piece_scale"][:, None]
        layers = []
        for k in range(int(data["n_layers"][0])):
            layers.append(
                (_gate_order(f32[f"w_in{k}"], 2), _gate_order(f32[f"bias{k}"], 1), _gate_order(f32[f"w_rec{k}"], 1))
            )
        return cls(
            pieces=WordPieces([p for p in vocab if p]),
            piece_vectors=piece_vectors,
            shape_vectors=f32["shape"],
            layers=tuple(layers),
            punct=(f32["punct_w"], f32["punct_b"]),
            case=(f32["case_w"], f32["case_b"]),
            threshold=float(data["threshold"][0]),
        )


def _gate_order(w: np.ndarray, directions: int) -> np.ndarray:
    """torch's LSTM gate blocks i, f, g, o (last axis, per direction) -> i, f, o, g with the three
    sigmoid gates halved (the run-time step takes one tanh of everything)."""
    blocks = w.reshape(*w.shape[:-1], directions, 4, -1)
    i, f, g, o = (blocks[..., k, :] for k in range(4))
    return np.stack((0.5 * i, 0.5 * f, 0.5 * o, g), axis=-2).reshape(w.shape).astype(np.float32)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


@functools.lru_cache(maxsize=1)
def _blas_controller():  # type: ignore[no-untyped-def]
    """A threadpoolctl controller (it ships with scikit-learn): the products here are small, and a
    multi-threaded BLAS spends more CPU spinning up its threads than it saves."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@functools.lru_cache(maxsize=1)
def load_tagger() -> LstmTagger | None:
    """The shipped tagger, or None when its files are absent (the hashed linear model then acts alone)."""
    base = resources.files(RESOURCE_PACKAGE)
    if not base.joinpath(TAGGER_FILE).is_file():
        return None
    return LstmTagger.load()
