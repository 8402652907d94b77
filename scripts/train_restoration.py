"""Retrain the normalized-text restoration model shipped in src/storyline/resources/cleaning/.

    PYTHONPATH=src python scripts/train_restoration.py [--eval PATH] [--out FOLDER]

Reads PolNeAR train + FNC-1 training bodies + BASIL, ECB+ and the AEB ground-truth bodies (never
the held-out PolNeAR dev / FNC-1 hold-out bodies), learns the casing/glue tables, fits a seeded
three-way (nothing / sentence end / comma) softmax over the hashed features of
``storyline.cleaning.restoration_features`` with AdaGrad, picks the thresholds on a 10% validation
split of the training documents, and writes ``restoration_boundary.npz`` and
``restoration_comma.npz`` (int8 weights) and ``restoration_casing.json``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from storyline.cleaning.eval_data import eval_root, extra_training_documents, training_documents
from storyline.cleaning.restoration import CasingTable, RestorationModel, load_model, word_class
from storyline.cleaning.restoration_data import COMMA, NONE, PERIOD, QUESTION, CasedToken, cased_tokens
from storyline.cleaning.restoration_features import WordRecords, feature_indices

SEED = 13


def _phrase_spans(toks: list[CasedToken], i: int, n: int) -> bool:
    """Tokens ``i .. i+n-1`` are one stretch of running text: mid-sentence, no mark, no glue."""
    run = toks[i : i + n]
    return (
        len(run) == n
        and not run[0].initial
        and all(t.glue is None for t in run)
        and all(t.label == NONE for t in run[:-1])
    )


def _long_phrase_forms(docs: list[list[CasedToken]]) -> dict[str, Counter[str]]:
    """Cased forms of the 3- and 4-word stretches that are capitalized at least once ("New York
    Times", "Clean Power Plan"), counted over all their occurrences."""
    candidates: set[str] = set()
    for toks in docs:
        for i in range(len(toks)):
            for n in (3, 4):
                if _phrase_spans(toks, i, n) and sum(t.form[:1].isupper() for t in toks[i : i + n]) >= 2:
                    candidates.add(" ".join(t.norm for t in toks[i : i + n]))
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for toks in docs:
        for i in range(len(toks)):
            for n in (3, 4):
                if not _phrase_spans(toks, i, n):
                    continue
                key = " ".join(t.norm for t in toks[i : i + n])
                if key in candidates:
                    out[key][" ".join(t.form for t in toks[i : i + n])] += 1
    return out


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
    phrase_forms = _long_phrase_forms(docs)
    phrase_forms.update(bigram_forms)
    phrases = {}
    for key, counter in phrase_forms.items():
        best, best_n = counter.most_common(1)[0]
        n = sum(counter.values())
        words = key.split(" ")
        if best_n < 3 or best_n < 0.6 * n:
            continue
        forms_ = best.split(" ")
        if len(words) > 2 and not (forms_[0][:1].isupper() and forms_[-1][:1].isupper()):
            continue  # "the New York Times": the name inside is a phrase of its own
        if best != " ".join(table.case(w) for w in words):
            phrases[key] = best
    firsts: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for toks in docs:
        first = None
        for t in toks:
            if t.initial:
                first = t.norm
            if t.label in (PERIOD, QUESTION) and first is not None:
                firsts[first] += 1
                asked[first] += t.label == QUESTION
    question_starters = frozenset(w for w, n in firsts.items() if n >= 10 and asked[w] >= 0.5 * n)
    dots = Counter(t.norm for toks in docs for t in toks if t.dot)
    abbreviations = frozenset(
        w for w, n in dots.items() if n >= 5 and len(w) <= 4 and w.isalpha() and n >= 0.5 * total[w]
    )
    return CasingTable(
        frozenset(cap), other, phrases, glue_pairs, glue_suffix, vocab, abbreviations, question_starters
    )


def design(docs: list[list[CasedToken]], casing: CasingTable, n_bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Feature indices (n, templates) and targets (0 nothing, 1 sentence end, 2 comma) of all tokens."""
    records = WordRecords(lambda w: word_class(w, casing))
    idx = np.concatenate([feature_indices(records.arrays([t.norm for t in toks]), n_bits) for toks in docs])
    target = {NONE: 0, PERIOD: 1, QUESTION: 1, COMMA: 2}
    y = np.array([target[t.label] for toks in docs for t in toks], dtype=np.int64)
    return idx.astype(np.int32), y


def fit_softmax(
    x: np.ndarray, y: np.ndarray, n_bits: int, epochs: int, lr: float, seed: int, batch: int = 256
) -> tuple[np.ndarray, np.ndarray]:
    """Three-way softmax over summed hashed-feature weights, AdaGrad, seeded; returns the (end,
    comma) weights relative to "nothing" and their biases."""
    classes = 3
    w = np.zeros((1 << n_bits, classes), np.float32)
    g2 = np.full((1 << n_bits, classes), 1e-2, np.float32)
    b = np.zeros(classes, np.float32)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for s in range(0, len(y), batch):
            rows = order[s : s + batch]
            xb = x[rows]
            z = w[xb].sum(axis=1) + b
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y[rows]] -= 1.0  # d log-loss / d score
            u, inv = np.unique(xb.ravel(), return_inverse=True)
            grad = np.zeros((len(u), classes), np.float32)
            np.add.at(grad, inv, np.repeat(p, xb.shape[1], axis=0).astype(np.float32))
            g2[u] += grad * grad
            w[u] -= lr * grad / np.sqrt(g2[u])
            b -= 0.01 * p.mean(axis=0).astype(np.float32)
    return (w[:, 1:] - w[:, :1]).copy(), (b[1:] - b[0]).copy()


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
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--bits", type=int, default=19, help="log2 of the hashed feature table size")
    ap.add_argument("--casing-only", action="store_true", help="rebuild only the casing/glue tables")
    args = ap.parse_args(argv)
    t0 = time.time()
    root = args.eval or eval_root()
    docs = training_documents(root) + extra_training_documents(root)
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
        RestorationModel(load_model().weights, load_model().bias, casing).save_casing(str(args.out))
        print(f"casing tables written to {args.out}", file=sys.stderr)
        return 0
    print(
        f"casing: {len(casing.cap)} cap, {len(casing.forms)} forms, {len(casing.phrases)} phrases, "
        f"{len(casing.glue_pairs)} glue pairs, suffix glue {casing.glue_suffix}",
        file=sys.stderr,
    )

    x, y = design(fit_toks, casing, args.bits)
    print(f"features {x.shape} ({time.time() - t0:.1f}s)", file=sys.stderr)
    weights, bias = fit_softmax(x, y, args.bits, args.epochs, args.lr, SEED)
    print(f"fitted ({time.time() - t0:.1f}s)", file=sys.stderr)
    model = RestorationModel(weights, bias, casing, n_bits=args.bits)
    best = (0.0, 0.5, 0.5)
    for thr in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        m = RestorationModel(weights, bias, casing, n_bits=args.bits, boundary_threshold=thr)
        gold: list[int] = []
        pred: list[int] = []
        for toks in val_toks:
            gold.extend(t.label for t in toks)
            pred.extend(m.labels([t.norm for t in toks]))
        p, r, f = boundary_f1(gold, pred)
        print(f"threshold {thr:.2f}: boundary P {p:.3f} R {r:.3f} F1 {f:.3f}", file=sys.stderr)
        if f > best[0]:
            best = (f, thr, 0.5)
    final = RestorationModel(
        model.weights, model.bias, casing, n_bits=args.bits, boundary_threshold=best[1], comma_threshold=best[2]
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
