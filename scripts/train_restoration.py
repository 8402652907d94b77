"""Retrain the normalized-text restoration model shipped in src/storyline/resources/cleaning/.

    PYTHONPATH=src python scripts/train_restoration.py [--eval PATH] [--out FOLDER]

Reads PolNeAR train + FNC-1 training bodies (never the held-out PolNeAR dev / FNC-1 hold-out
bodies), learns the casing/glue tables, fits a seeded SGD logistic regression on hashed features,
picks the boundary threshold on a 10% validation split of the training documents, and writes
``restoration_boundary.npz`` (int8 weights) and ``restoration_casing.json``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import SGDClassifier

from storyline.cleaning.eval_data import eval_root, training_documents
from storyline.cleaning.restoration import (
    CasingTable,
    RestorationModel,
    hash_features,
    load_model,
    token_features,
)
from storyline.cleaning.restoration_data import NONE, PERIOD, QUESTION, CasedToken, cased_tokens

SEED = 13


def build_casing(docs: list[list[CasedToken]]) -> CasingTable:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    pair_glue: dict[str, Counter[str]] = defaultdict(Counter)
    pair_total: Counter[str] = Counter()
    suffix_glue: dict[str, Counter[str]] = defaultdict(Counter)
    suffix_total: Counter[str] = Counter()
    bigram_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for toks in docs:
        for i, t in enumerate(toks):
            total[t.norm] += 1
            if not t.initial:
                forms[t.norm][t.form] += 1
            if i + 1 < len(toks):
                nxt = toks[i + 1]
                key = t.norm + " " + nxt.norm
                if t.label == NONE:
                    pair_total[key] += 1
                    suffix_total[nxt.norm] += 1
                if t.glue is not None:
                    pair_glue[key][t.glue + " " + t.form + " " + nxt.form] += 1
                    suffix_glue[nxt.norm][t.glue] += 1
                if not t.initial and t.glue is None and t.label == NONE and nxt.glue is None:
                    bigram_forms[key][t.form + " " + nxt.form] += 1
    cap: set[str] = set()
    other: dict[str, str] = {}
    for word, counter in forms.items():
        n = sum(counter.values())
        lower = counter.get(word, 0)
        # fold case variants of the same spelling; pick the most frequent form
        best, best_n = counter.most_common(1)[0]
        if best == word or best_n <= lower or best_n * 2 < n:
            continue
        if best == word.capitalize():
            cap.add(word)
        else:
            other[word] = best
    vocab = frozenset(w for w, n in total.items() if n >= 2 and not w.isdigit())
    table = CasingTable(frozenset(cap), other, {}, {}, {}, vocab)

    glue_suffix = {}
    for suffix, counter in suffix_glue.items():
        g, g_n = counter.most_common(1)[0]
        if g == "'" and suffix_total[suffix] >= 20 and g_n >= 0.9 * suffix_total[suffix] and len(suffix) <= 2:
            glue_suffix[suffix] = g
    glue_pairs = {}
    for key, counter in sorted(pair_glue.items(), key=lambda kv: -sum(kv[1].values())):
        by_glue: Counter[str] = Counter()
        for value, c in counter.items():
            by_glue[value.split(" ")[0]] += c
        g, g_n = by_glue.most_common(1)[0]
        suffix = key.split(" ")[1]
        if glue_suffix.get(suffix) == g:
            continue
        if g_n >= 3 and g_n * 2 > pair_total[key]:
            forms = Counter({v: c for v, c in counter.items() if v.split(" ")[0] == g})
            glue_pairs[key] = forms.most_common(1)[0][0].split(" ")
        if len(glue_pairs) >= 6000:
            break
    bigrams = {}
    for key, counter in bigram_forms.items():
        best, best_n = counter.most_common(1)[0]
        n = sum(counter.values())
        a, b = key.split(" ")
        if best_n < 3 or best_n < 0.6 * n:
            continue
        if best != table.case(a) + " " + table.case(b):
            bigrams[key] = best
    dots = Counter(t.norm for toks in docs for t in toks if t.dot)
    abbreviations = frozenset(
        w for w, n in dots.items() if n >= 5 and len(w) <= 4 and w.isalpha() and n >= 0.5 * total[w]
    )
    return CasingTable(frozenset(cap), other, bigrams, glue_pairs, glue_suffix, vocab, abbreviations)


def boundary_f1(gold: list[int], pred: list[int]) -> tuple[float, float, float]:
    g = {i for i, y in enumerate(gold[:-1]) if y in (PERIOD, QUESTION)}
    p = {i for i, y in enumerate(pred[:-1]) if y in (PERIOD, QUESTION)}
    tp = len(g & p)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src" / "storyline" / "resources" / "cleaning",
    )
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=3e-6)
    ap.add_argument("--casing-only", action="store_true", help="rebuild only the casing/glue tables")
    args = ap.parse_args(argv)
    t0 = time.time()
    docs = training_documents(args.eval or eval_root())
    rng = random.Random(SEED)
    rng.shuffle(docs)
    n_val = max(1, len(docs) // 10)
    val_docs, fit_docs = docs[:n_val], docs[n_val:]
    fit_toks = [cased_tokens(text) for _, text in fit_docs]
    val_toks = [cased_tokens(text) for _, text in val_docs]
    print(
        f"{len(fit_docs)} fit / {len(val_docs)} validation documents, "
        f"{sum(map(len, fit_toks))} tokens ({time.time() - t0:.1f}s)",
        file=sys.stderr,
    )
    casing = build_casing(fit_toks)
    if args.casing_only:  # rebuild the tables only, keep the shipped classifier weights
        RestorationModel(load_model().coef, load_model().intercept, casing).save_casing(str(args.out))
        print(f"casing tables written to {args.out}", file=sys.stderr)
        return 0
    print(
        f"casing: {len(casing.cap)} cap, {len(casing.forms)} forms, {len(casing.bigrams)} bigrams, "
        f"{len(casing.glue_pairs)} glue pairs, suffix glue {casing.glue_suffix}",
        file=sys.stderr,
    )

    feats: list[list[str]] = []
    y: list[int] = []
    for toks in fit_toks:
        feats.extend(token_features([t.norm for t in toks], casing))
        y.extend(t.label for t in toks)
    x = hash_features(feats)
    clf = SGDClassifier(
        loss="log_loss", alpha=args.alpha, max_iter=args.epochs, tol=None, random_state=SEED, average=True
    )
    clf.fit(x, np.asarray(y))
    print(f"fitted ({time.time() - t0:.1f}s)", file=sys.stderr)
    model = RestorationModel(
        coef=clf.coef_.astype(np.float32), intercept=clf.intercept_.astype(np.float32), casing=casing
    )
    best = (0.0, 0.5, 0.6)
    for thr in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        m = RestorationModel(model.coef, model.intercept, casing, boundary_threshold=thr)
        gold: list[int] = []
        pred: list[int] = []
        for toks in val_toks:
            gold.extend(t.label for t in toks)
            pred.extend(m.labels([t.norm for t in toks]))
        p, r, f = boundary_f1(gold, pred)
        print(f"threshold {thr:.2f}: boundary P {p:.3f} R {r:.3f} F1 {f:.3f}", file=sys.stderr)
        if f > best[0]:
            best = (f, thr, 0.6)
    final = RestorationModel(
        model.coef, model.intercept, casing, boundary_threshold=best[1], comma_threshold=best[2]
    )
    args.out.mkdir(parents=True, exist_ok=True)
    final.save(str(args.out))
    print(
        f"saved to {args.out} (threshold {best[1]}, validation F1 {best[0]:.3f}, {time.time() - t0:.1f}s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
