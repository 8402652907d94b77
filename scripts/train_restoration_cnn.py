"""Train the dilated-convolution sentence-boundary model shipped in src/storyline/resources/cleaning/.

Training needs torch==2.13.0 (CPU wheel) in a separate venv; the shipped model runs with numpy only
(:mod:`storyline.cleaning.restoration_cnn`). Two steps:

    # 1. with the project venv: the training tokens and labels (same fit/validation split as
    #    scripts/train_restoration.py; never the held-out PolNeAR dev / FNC-1 hold-out bodies)
    PYTHONPATH=src python scripts/dump_restoration_tokens.py /tmp/restoration_tokens.npz
    # 2. with a torch venv (python3.11 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install
    #    torch==2.13.0 numpy):
    /tmp/torchvenv/bin/python scripts/train_restoration_cnn.py /tmp/restoration_tokens.npz

The model: word ids (the most frequent lowercased words of the fit documents; numbers by digit
count; other words hashed by their last three letters into OOV buckets, see
``restoration_cnn.token_ids``), an embedding, three residual 1-D convolutions (kernel 5, dilations
1, 2, 4: each gap sees 14 words either side) and a linear layer to the four labels none / period /
question / comma after each token. Seeded Adam; the boundary threshold is picked on the validation
documents. Weights are written as int8 with per-row scales (.npz, each file under 1 MB).
numpy inference for these files: scripts/restoration_cnn_inference.py (matches torch within int8
rounding: validation F1 0.250 vs 0.251 on a 1-epoch model).

RESULT (2026-11-22), NOT SHIPPED: held-out boundary F1 (benchmarks/clean_restore.py, 421 articles)
    hashed linear model (shipped)                 0.556  (P 0.533 R 0.582)  8.8 CPU ms / 700 words
    this CNN, 3 epochs (batch 16, lr 5e-3)        0.524  (threshold 0.3)
    this CNN, 5 epochs                            0.552  (P 0.523 R 0.585) 11.4 ms
    this CNN, 12 epochs (--epochs 12)             0.569  (P 0.537 R 0.605) 12.2 ms
    CNN 12 ep. + linear, probabilities averaged   0.594  (P 0.546 R 0.652) 19.5 ms (threshold 0.25)
Validation F1 (10% of the training documents): linear 0.518, CNN 12 epochs 0.530, average 0.556.
Training loss was still falling (0.13 at epoch 12, ~25 s an epoch on a quiet 2-core machine) while
validation F1 moved little: a clear step up needs more than a bigger receptive field (more / other
training text, or a pretrained encoder); the line-break boundaries of the gold (headlines, bylines)
are out of reach of any model of the stripped word stream.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

SEED = 13
N_OOV = 256
DILATIONS = (1, 2, 4)
KERNEL = 5


def token_key(word: str) -> str:
    return f"<d{min(len(word), 5)}>" if word.isdigit() else word


def token_ids(words: list[str], index: dict[str, int]) -> np.ndarray:
    """Same mapping as storyline.cleaning.restoration_cnn.token_ids (0 is padding)."""
    n_vocab = len(index)
    out = np.empty(len(words), dtype=np.int64)
    for i, w in enumerate(words):
        k = token_key(w)
        j = index.get(k)
        out[i] = j if j is not None else 1 + n_vocab + zlib.crc32(k[-3:].encode()) % N_OOV
    return out


class Net(nn.Module):
    def __init__(self, n_ids: int, dim: int, channels: int) -> None:
        super().__init__()
        self.emb = nn.Embedding(n_ids, dim, padding_idx=0)
        self.inp = nn.Conv1d(dim, channels, KERNEL, padding=KERNEL // 2)
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, KERNEL, dilation=d, padding=d * (KERNEL // 2)) for d in DILATIONS[1:]
        )
        self.out = nn.Conv1d(channels, 4, 1)
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:  # (b, t) -> (b, 4, t)
        x = self.drop(self.emb(ids)).transpose(1, 2)
        h = torch.relu(self.inp(x))
        for conv in self.convs:
            h = h + torch.relu(conv(self.drop(h)))
        return self.out(h)


def quantize(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one float32 scale per row (per output channel)."""
    w2 = w.reshape(w.shape[0], -1)
    scale = np.abs(w2).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(w2 / scale[:, None]).astype(np.int8).reshape(w.shape), scale.astype(np.float32)


def decode_f1(p: np.ndarray, gold: np.ndarray, starts: np.ndarray, thr: float) -> float:
    """Boundary F1 of the greedy decode (min sentence length 3) over the validation documents."""
    tp = fp = fn = 0
    pb = p[:, 1] + p[:, 2]
    for a, b in zip(starts[:-1], starts[1:], strict=True):
        since = 0
        for i in range(a, b - 1):  # the end of the text is not counted
            since += 1
            pred = pb[i] > thr and (since >= 3 or pb[i] > 0.9)
            if pred:
                since = 0
            g = gold[i] in (1, 2)
            tp += pred and g
            fp += pred and not g
            fn += g and not pred
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data", type=Path)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "src" / "storyline" / "resources" / "cleaning"
    )
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--channels", type=int, default=96)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seq", type=int, default=200)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-3)
    args = ap.parse_args(argv)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    t0 = time.time()
    data = np.load(args.data)
    words = data["words"].tolist()
    labels = data["labels"].astype(np.int64)
    starts = data["doc_start"]
    n_val = int(data["n_val"][0])
    split = int(starts[n_val])
    counts = Counter(token_key(w) for w in words[split:])
    vocab = [w for w, c in counts.most_common(args.vocab) if c >= 2]
    index = {w: i + 1 for i, w in enumerate(vocab)}
    ids = token_ids(words, index)
    n_ids = 1 + len(vocab) + N_OOV
    # the fit stream: documents separated by one padding id
    fit_ids, fit_y = [], []
    for a, b in zip(starts[n_val:-1], starts[n_val + 1 :], strict=True):
        fit_ids.append(np.append(ids[a:b], 0))
        fit_y.append(np.append(labels[a:b], -100))
    x_fit = np.concatenate(fit_ids)
    y_fit = np.concatenate(fit_y)
    print(f"{len(vocab)} words, {len(x_fit)} fit tokens, {split} validation ({time.time() - t0:.0f}s)", file=sys.stderr)
    net = Net(n_ids, args.dim, args.channels)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    n_win = len(x_fit) // args.seq
    steps = args.epochs * (n_win // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    step = 0
    for epoch in range(args.epochs):
        net.train()
        offset = int(rng.integers(args.seq))
        order = rng.permutation(n_win - 1)
        total = 0.0
        for s in range(0, len(order) - args.batch + 1, args.batch):
            rows = offset + order[s : s + args.batch, None] * args.seq + np.arange(args.seq)[None, :]
            xb = torch.from_numpy(x_fit[rows])
            yb = torch.from_numpy(y_fit[rows])
            loss = loss_fn(net(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
        mean = total / max(1, len(order) // args.batch)
        print(f"epoch {epoch}: loss {mean:.4f} ({time.time() - t0:.0f}s)", file=sys.stderr)
    net.eval()
    probs = []
    with torch.no_grad():
        for a, b in zip(starts[:n_val], starts[1 : n_val + 1], strict=True):
            probs.append(torch.softmax(net(torch.from_numpy(ids[a:b])[None]), dim=1)[0].T.numpy())
    p = np.concatenate(probs)
    best = (0.0, 0.5)
    for thr in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        f = decode_f1(p, labels[:split], starts[: n_val + 1], thr)
        print(f"threshold {thr:.2f}: validation boundary F1 {f:.3f}", file=sys.stderr)
        best = max(best, (f, thr))
    save(net, vocab, best[1], args.out)
    print(f"saved to {args.out} (threshold {best[1]}, F1 {best[0]:.3f}, {time.time() - t0:.0f}s)", file=sys.stderr)
    return 0


def save(net: Net, vocab: list[str], threshold: float, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    emb_q, emb_s = quantize(sd["emb.weight"])
    half = (len(emb_q) + 1) // 2
    for part, sl in enumerate((slice(0, half), slice(half, None))):
        np.savez_compressed(out / f"restoration_cnn_embed{part}.npz", weights=emb_q[sl], scale=emb_s[sl])
    layers: dict[str, np.ndarray] = {}
    names = ["inp"] + [f"convs.{i}" for i in range(len(DILATIONS) - 1)] + ["out"]
    for i, name in enumerate(names):
        q, s = quantize(sd[f"{name}.weight"])  # (out, in, k)
        layers[f"w{i}"], layers[f"s{i}"], layers[f"b{i}"] = q, s, sd[f"{name}.bias"].astype(np.float32)
    np.savez_compressed(
        out / "restoration_cnn_layers.npz",
        dilations=np.array((1,) + DILATIONS[1:] + (1,), dtype=np.int64),
        threshold=np.array([threshold], dtype=np.float32),
        n_oov=np.array([N_OOV], dtype=np.int64),
        **layers,
    )
    (out / "restoration_cnn_vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
