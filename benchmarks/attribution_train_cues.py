"""Retrain the cue model shipped in src/storyline/resources/attribution/cue_model.json.

    python benchmarks/attribution_train_cues.py [--limit N]

Trains on PolNeAR *train* only ($STORYLINE_EVAL/polnear/train): every verb or noun whose lemma is
in the cue lexicon, or is annotated as a cue at least ``MIN_COUNT`` times in train, becomes an
example; its label says whether it lies inside an annotated cue span. A logistic regression over
the sparse features of ``storyline.attribution.cue_model.token_features`` is fitted (seeded,
deterministic) and its non-zero weights written as JSON with the words it learned as cues.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from attribution_polnear import eval_root, unique_documents  # noqa: E402
from storyline.attribution.cue_model import MODEL_FILE, token_features  # noqa: E402
from storyline.attribution.cues import CUE_CLASSES, CUE_NOUNS  # noqa: E402
from storyline.attribution.parsing import load_pipeline  # noqa: E402
from storyline.attribution.sentences import split_sentences  # noqa: E402
from storyline.attribution.tokens import lemma, pos  # noqa: E402

MIN_COUNT = 2  # train holdout span-level F1: 1 >= 2 > 3; 2 keeps the model file small
MIN_WEIGHT = 0.1
THRESHOLD = 0.3  # best span-level F1 on the last 50 train articles, model fitted on the first 80% of train
SEED = 13
OUT = ROOT / "src" / "storyline" / "resources" / "attribution" / MODEL_FILE


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--cache", type=Path, default=None, help="keep the parsed features here (JSON lines)")
    args = ap.parse_args()
    if args.cache is not None and args.cache.exists():
        rows = [tuple(json.loads(line)) for line in args.cache.read_text(encoding="utf-8").splitlines()]
        fit(rows, args.C)  # type: ignore[arg-type]
        return
    docs = unique_documents(eval_root() / "polnear", "train")
    if args.limit:
        docs = docs[: args.limit]
    nlp = load_pipeline()
    t0 = time.perf_counter()
    rows: list[tuple[str, list[str], bool]] = []
    for doc in docs:
        cue_chars = bytearray(len(doc.text))
        for a in doc.attributions:
            for s, e in a.cue:
                cue_chars[s:e] = b"\x01" * (e - s)
        sentences = split_sentences(doc.text)
        for sent, parsed in zip(
            sentences, nlp.pipe(doc.text[s.start : s.end] for s in sentences), strict=True
        ):
            for tok in parsed:
                if pos(tok) not in ("VERB", "NOUN"):
                    continue
                label = bool(cue_chars[sent.start + tok.idx])
                rows.append((lemma(tok), token_features(tok), label))
    print(
        f"parsed {len(docs)} articles in {time.perf_counter() - t0:.0f}s; {len(rows)} tokens", file=sys.stderr
    )
    if args.cache is not None:
        args.cache.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    fit(rows, args.C)


def fit(rows: list[tuple[str, list[str], bool]], c: float) -> None:
    positives = collections.Counter(lem for lem, _, y in rows if y)
    vocab = {lem for lem, c in positives.items() if c >= MIN_COUNT} | set(CUE_CLASSES) | set(CUE_NOUNS)
    data = [(f, y) for lem, f, y in rows if lem in vocab]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in data])
    y = [int(label) for _, label in data]
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, y)
    weights = {name: round(float(w), 3) for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    weights = {k: v for k, v in weights.items() if abs(v) >= MIN_WEIGHT}  # keeps the file small
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    for lem in vocab:  # every learned cue word keeps a lemma entry so the scorer considers it
        weights.setdefault(f"lemma={lem}", 0.0)
    learned = sorted(lem for lem in vocab if lem not in CUE_CLASSES and lem not in CUE_NOUNS)
    OUT.write_text(
        json.dumps(
            {"threshold": THRESHOLD, "seed": SEED, "C": c, "learned_cues": learned, "weights": weights},
            sort_keys=True,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(
        f"{len(data)} examples, {sum(y)} cue tokens, {len(weights)} weights, {len(learned)} learned cue words"
    )
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
