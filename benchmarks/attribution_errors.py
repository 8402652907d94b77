"""Error analysis of attribution on a validation split carved out of PolNeAR *train*.

    python benchmarks/attribution_errors.py [--limit N] [--show K]

Design choices are made on this split, never on dev: ``train_validation_split`` keeps every fifth
train article (in name order) for validation. Prints the benchmark's scores on the validation
articles, then the largest error classes: missed and spurious cues by word, and, for attributions
whose cue was found, how the predicted source and content differ from the annotation (missing,
too long, too short, shifted). The shipped models should be fitted on the other four fifths when
this is used to choose (``attribution_train_cues.py --holdout``).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import (  # noqa: E402
    eval_root,
    evaluate,
    predicted_entries,
    train_validation_split,
    unique_documents,
    use_cue_model,
    use_parse_cache,
)
from storyline.attribution.polnear import ROLES, PolnearDocument, _trim  # noqa: E402


def _gold_range(text: str, frags: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    return _trim(text, min(s for s, _ in frags), max(e for _, e in frags))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _boundary(text: str, pred: tuple[int, int] | None, gold: tuple[int, int] | None) -> str:
    if gold is None:
        return "spurious" if pred is not None else "both-none"
    if pred is None:
        return "missing"
    p = _trim(text, *pred)
    if p == gold:
        return "exact"
    if not _overlaps(p, gold):
        return "disjoint"
    if p[0] <= gold[0] and p[1] >= gold[1]:
        return "too-long"
    if p[0] >= gold[0] and p[1] <= gold[1]:
        return "too-short"
    return "shifted"


def _miss_reason(doc: PolnearDocument, gcue: tuple[int, int]) -> str:
    """Where a missed cue was lost, read from its best-scoring verb or noun: the sentence prefilter,
    no verb or noun in it ("in", "for"), a gate before scoring ("be"; a noun without a possessor),
    a probability under the threshold, or a candidate dropped later in the pipeline."""
    import storyline.attribution.quotes as quotes_module
    from storyline.attribution.sentences import may_hold_attribution, split_sentences
    from storyline.attribution.tokens import sentence_view

    if gcue[1] <= gcue[0]:
        return "colon/punct"
    text = doc.text
    sent = next((s for s in split_sentences(text) if s.start <= gcue[0] < s.end), None)
    if sent is None:
        return "no-sentence"
    parsed = next(iter(quotes_module.load_pipeline().pipe([text[sent.start : sent.end]])))
    scorer = quotes_module.load_cue_scorer()
    v = sentence_view(parsed)
    toks = [t.i for t in parsed if gcue[0] <= sent.start + t.idx < gcue[1]]
    if any(v.lower[i] == "according" for i in toks):
        return "according-dropped"
    best: tuple[float, str] | None = None
    for i in toks:
        if v.pos[i] not in ("VERB", "NOUN"):
            continue
        p = scorer.probability(parsed[i])
        if v.lemma[i] == "be":
            gate = "be"
        elif v.pos[i] == "NOUN" and not any(v.dep[c] == "poss" for c in v.children[i]):
            gate = "noun-without-possessor"
        else:
            gate = "scored-low" if scorer.score_at(parsed, i) is None else "scored"
        if best is None or p > best[0]:
            best = (p, gate)
    if best is None:
        return "not-verb-noun"
    if best[1] != "scored":
        return best[1]
    return "dropped-later" if may_hold_attribution(text, sent) else "prefilter"


def analyse(docs: list[PolnearDocument], show: int) -> None:
    missed: collections.Counter[str] = collections.Counter()
    spurious: collections.Counter[str] = collections.Counter()
    boundaries = {"source": collections.Counter(), "content": collections.Counter()}
    examples: dict[str, list[str]] = collections.defaultdict(list)
    reasons: collections.Counter[str] = collections.Counter()
    for doc in docs:
        text = doc.text
        entries = predicted_entries(doc)
        used: set[int] = set()
        for g in doc.attributions:
            if not g.cue:
                continue
            gcue = _gold_range(text, g.cue)
            match = next(
                (i for i, e in enumerate(entries) if i not in used and _overlaps(_trim(text, *e["cue"]), gcue)),
                None,
            )
            sent = text[max(0, gcue[0] - 120) : gcue[1] + 120].replace("\n", " ")
            if match is None:
                key = text[gcue[0] : gcue[1]].lower()
                missed[key] += 1
                reasons[_miss_reason(doc, gcue)] += 1
                examples[f"miss:{key}"].append(sent)
                continue
            used.add(match)
            e = entries[match]
            for role in ("source", "content"):
                gold = _gold_range(text, getattr(g, role)) if getattr(g, role) else None
                kind = _boundary(text, e.get(role), gold)
                boundaries[role][kind] += 1
                if kind not in ("exact", "both-none") and len(examples[f"{role}:{kind}"]) < 400:
                    p = e.get(role)
                    examples[f"{role}:{kind}"].append(
                        f"GOLD[{text[gold[0] : gold[1]] if gold else ''}]\n      PRED[{text[p[0] : p[1]] if p else ''}]"
                    )
        for i, e in enumerate(entries):
            if i not in used:
                key = text[e["cue"][0] : e["cue"][1]].lower()
                spurious[key] += 1
                c = e["cue"]
                examples[f"spur:{key}"].append(text[max(0, c[0] - 120) : c[1] + 120].replace("\n", " "))
    print(f"\nmissed cues: {sum(missed.values())}")
    for k, n in missed.most_common(40):
        print(f"  {n:4d} {k!r}")
    print(f"  why: {dict(reasons.most_common())}")
    print(f"\nspurious cues: {sum(spurious.values())}")
    for k, n in spurious.most_common(40):
        print(f"  {n:4d} {k!r}")
    for role, counts in boundaries.items():
        print(f"\n{role} on found cues: {dict(counts.most_common())}")
    if show:
        for key, exs in sorted(examples.items(), key=lambda kv: -len(kv[1])):
            if key.startswith(("source:", "content:")):
                print(f"\n== {key} ({len(exs)})")
                for x in exs[:show]:
                    print("   ", x[:600])
        for key, _n in [*missed.most_common(8), *spurious.most_common(8)]:
            for prefix in ("miss:", "spur:"):
                exs = examples.get(prefix + key, [])
                if exs:
                    print(f"\n== {prefix}{key} ({len(exs)})")
                    for x in exs[:show]:
                        print("   ", x)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--cue-model", type=Path, default=None, help="a cue model fitted without validation")
    ap.add_argument("--parse-cache", type=Path, default=None, help="a DocBin of parsed sentences")
    args = ap.parse_args()
    if args.cue_model is not None:
        use_cue_model(args.cue_model)
    cache = use_parse_cache(args.parse_cache) if args.parse_cache is not None else None
    _, val = train_validation_split(unique_documents(eval_root() / "polnear", "train"))
    if args.limit:
        val = val[: args.limit]
    scores = evaluate(val)
    if cache is not None:
        cache.save()
    print(f"PolNeAR train-validation: {len(val)} articles")
    for role in ROLES:
        for label, s in zip(("exact", "overlap"), scores[role], strict=True):
            print(f"{role:8} {label:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    analyse(val, args.show)


if __name__ == "__main__":
    main()
