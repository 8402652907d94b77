"""Story clustering quality on ECB+, GoogleNews-TS and BASIL, with a TF-IDF baseline beside it.

    python benchmarks/stories_eval.py [--quick]

Reads ``$STORYLINE_EVAL`` (default ``../shared/eval``). Every number is printed for the tuning part
(where the defaults were chosen), the held-out part, and all of it:

- ECB+ topics 1-35 as one undated stream; tuned on topics 1-17, held out 18-35. Label = (topic, ecb |
  ecbplus), i.e. two events of the same kind per topic. ECB+ has no reliable publication dates, so
  no time decay applies (articles are undated).
- GoogleNews-TS (11,109 short texts, 152 stories), undated, number of stories not given; tuned on
  the even-numbered lines, held out the odd ones.
- BASIL: 300 articles, 100 same-event triplets, dated; not used for tuning (first/second half
  by triplet reported separately).

How the defaults were chosen (issue 5, second round): ``entity_vector_weight`` (0.5 / 0.75 / 1.0)
and ``split_threshold`` (0.14-0.30, ``merge_threshold`` = split + 0.04-0.08) by B-cubed F1 on ECB+
topics 1-17 averaged over the one-batch order and four random one-at-a-time orders; the split and
merge bars scale with text length, checked on the GoogleNews even lines. Topics 18-35, the odd lines
and BASIL were printed beside the tuning scores but not used to choose.

Third round (sweeps of small young stories): ``sweep_max_size`` (0 = off, 1, 2, 3) and the sweep bar
(0.6 / 0.8 / 1.0 times the join bar) were compared on the GoogleNews even lines and ECB+ topics 1-17,
each clustered in three orders (the one-batch order and two other id orders; two for the bar), with BASIL printed
beside them as a guard: size 2 at the join bar was best on both tuning parts (size 3 merges whole
BASIL triplets, a lower bar lowers both). ``sweep_margin`` (0 / 0.05 / 0.10: a small story close to
two stories stays put) was chosen looking at ECB+ 1-17 and 18-35 together, so ECB+ 18-35 is not a
clean hold-out for that one value (0.10 also raised BASIL and left GoogleNews unchanged). Nothing
else changed, and no value differs between data sets.

Fourth round (issue 5, robustness over arrival orders): one batch is one arrival order only, so each
tuning and held-out part is also fed one article at a time in ``--orders`` seeded orders and the mean
± spread printed. Error analysis on ECB+ topics 1-17 showed pieces of two or three articles split off
their event (their mean link to it was low because their articles are loosely worded, while their
centroid was close) and never swept back. Splits now use the cosine between the two sides'
centroids (``split_threshold`` 0.40 / 0.45 / 0.50 / 0.55; sides of two articles
``split_small_threshold`` 0.25-0.45) and a merge needs that cosine ``merge_split_gap`` (0 / 0.04 /
0.08 / 0.12 / 0.16) above the split bar, chosen by the mean over the one-batch order and 20 seeded
one-at-a-time orders of ECB+ topics 1-17 (0.891 -> 0.909), with the GoogleNews even lines
unchanged (no names there, so no splits). Topics 18-35, the odd lines and BASIL were run once, after.

Both failure modes are shown: ``merged`` = share of different-event pairs of one ECB+ topic put in
one story (and clusters mixing two events), ``split`` = share of same-event pairs put apart (and
events spread over two clusters). ``order ARI`` compares one batch with one-article-at-a-time
ingestion in three random orders.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from storyline.stories.clustering import IncrementalStoryClusterer  # noqa: E402
from storyline.stories.evaluation import (  # noqa: E402
    ClusterScores,
    LabelledArticles,
    default_eval_dir,
    pair_agreement,
    read_basil,
    read_ecbplus,
    read_googlenews,
    score_clustering,
)
from storyline.stories.features import ArticleFeatures, ArticleFeaturizer, lead_text  # noqa: E402

BASELINE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def tfidf_features(data: LabelledArticles) -> list[ArticleFeatures]:
    """Plain TF-IDF baseline: corpus idf over the whole stream, no names, no background frequencies."""
    texts = [lead_text(a, 250) for a in data.articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts).transform(texts)
    out = []
    for article, row in zip(data.articles, matrix, strict=True):
        pairs = sorted(zip(row.indices.tolist(), row.data.tolist(), strict=True), key=lambda kv: -kv[1])[:80]
        norm = math.sqrt(sum(v * v for _, v in pairs)) or 1.0
        out.append(
            ArticleFeatures(
                article_id=article.id,
                terms={f"t{i}": v / norm for i, v in pairs},
                entities={},
                published=article.published,
            )
        )
    return out


def cluster(features: Sequence[ArticleFeatures], **params: float) -> list[str]:
    clusterer = IncrementalStoryClusterer(**params)  # type: ignore[arg-type]
    clusterer.assign_features(features)
    return [clusterer.story_of(f.article_id) or "" for f in features]


def scores(data: LabelledArticles, predicted: list[str], idx: Sequence[int]) -> ClusterScores:
    return score_clustering(
        [data.labels[i] for i in idx], [predicted[i] for i in idx], [data.groups[i] for i in idx]
    )


def line(name: str, s: ClusterScores) -> str:
    return (
        f"  {name:<26} B3 F1 {s.bcubed_f1:.3f} (P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f})  "
        f"NMI {s.nmi:.4f}  stories {s.clusters}/{s.gold_clusters}  merged pairs {s.merged_pairs:.3f} "
        f"clusters {s.merged_events}  split pairs {s.split_pairs:.3f} events {s.split_events}"
    )


def evaluate(
    name: str,
    data: LabelledArticles,
    dev: list[int],
    test: list[int],
    *,
    order_runs: int = 3,
    arrival_orders: int = 4,
    baseline_params: dict[str, float] | None = None,
) -> None:
    everything = list(range(len(data.articles)))
    print(f"\n== {name}: {len(everything)} articles, {len(set(data.labels))} gold stories")
    started = time.perf_counter()
    features = ArticleFeaturizer().featurize(data.articles)
    featurized = time.perf_counter()
    # dev and held-out parts are clustered as streams of their own, the whole as one stream
    parts = {"tuning part": dev, "held-out part": test, "all": everything}
    for label, idx in parts.items():
        sub = [features[i] for i in idx]
        predicted_sub = cluster(sub)
        predicted = [""] * len(features)
        for i, p in zip(idx, predicted_sub, strict=True):
            predicted[i] = p
        print(line(f"storyline, {label}", scores(data, predicted, idx)))
    # the same parts fed one article at a time in seeded random orders (a live feed): mean and spread
    for label in ("tuning part", "held-out part"):
        idx = parts[label]
        runs = [
            scores(data, _spread(one_at_a_time(features, idx, seed), idx, len(features)), idx)
            for seed in range(arrival_orders)
        ]
        if runs:
            print(spread_line(f"{label}, {len(runs)} arrival orders", runs))
    assigned = time.perf_counter()
    cluster(features)
    assign_s = time.perf_counter() - assigned
    print(
        f"  speed: featurize {len(features) / (featurized - started):.0f} articles/s, "
        f"assign {len(features) / assign_s:.0f} articles/s"
    )
    # the TF-IDF baseline, its threshold tuned on the dev part
    base = tfidf_features(data)
    best = max(
        BASELINE_THRESHOLDS,
        key=lambda th: (
            scores(
                data,
                _spread(cluster([base[i] for i in dev], **_bp(th, baseline_params)), dev, len(base)),
                dev,
            ).bcubed_f1
        ),
    )
    for label, idx in parts.items():
        predicted = _spread(cluster([base[i] for i in idx], **_bp(best, baseline_params)), idx, len(base))
        print(line(f"tf-idf baseline (th {best}), {label}", scores(data, predicted, idx)))
    # order dependence across batches: one batch versus one article at a time in random orders
    reference = cluster(features)
    for seed in range(order_runs):
        order = everything[:]
        random.Random(seed).shuffle(order)
        clusterer = IncrementalStoryClusterer()
        for i in order:
            clusterer.assign_features([features[i]])
        streamed = [clusterer.story_of(f.article_id) or "" for f in features]
        s = scores(data, streamed, everything)
        print(
            f"  order run {seed}: one at a time, random order: B3 F1 {s.bcubed_f1:.3f} NMI {s.nmi:.3f}, "
            f"ARI to the one-batch partition {pair_agreement(reference, streamed):.3f}"
        )


def one_at_a_time(features: Sequence[ArticleFeatures], idx: Sequence[int], seed: int) -> list[str]:
    """Stories of ``features[idx]`` fed one at a time in the order shuffled by ``seed``."""
    order = list(idx)
    random.Random(seed).shuffle(order)
    clusterer = IncrementalStoryClusterer()
    for i in order:
        clusterer.assign_features([features[i]])
    return [clusterer.story_of(features[i].article_id) or "" for i in idx]


def spread_line(name: str, runs: Sequence[ClusterScores]) -> str:
    def stat(values: list[float]) -> str:
        return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f} [{min(values):.3f}-{max(values):.3f}]"

    return (
        f"  {name:<34} B3 F1 {stat([r.bcubed_f1 for r in runs])}  NMI {stat([r.nmi for r in runs])}  "
        f"merged pairs {statistics.mean(r.merged_pairs for r in runs):.3f}  "
        f"split pairs {statistics.mean(r.split_pairs for r in runs):.3f}"
    )


def _bp(threshold: float, extra: dict[str, float] | None) -> dict[str, float]:
    params = {"join_threshold": threshold, "entity_weight": 0.0, "entity_penalty": 0.0, "short_text_terms": 0}
    params.update(extra or {})
    return params


def _spread(values: list[str], idx: Sequence[int], size: int) -> list[str]:
    out = [""] * size
    for i, v in zip(idx, values, strict=True):
        out[i] = v
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--quick", action="store_true", help="ECB+ and BASIL only, one order run")
    parser.add_argument(
        "--orders", type=int, default=4, help="seeded arrival orders per tuning / held-out part (default 4)"
    )
    args = parser.parse_args()
    root: Path = args.eval_dir
    if not (root / "ecbplus").is_dir():
        parser.error(f"no evaluation data under {root} (set STORYLINE_EVAL or pass --eval-dir)")
    runs = 1 if args.quick else 3

    ecb = read_ecbplus(root / "ecbplus")
    dev = [i for i, g in enumerate(ecb.groups) if int(g) <= 17]
    test = [i for i, g in enumerate(ecb.groups) if int(g) > 17]
    evaluate("ECB+ topics 1-35 (tuned on 1-17)", ecb, dev, test, order_runs=runs, arrival_orders=args.orders)

    basil = read_basil(root / "basil")
    triplets = sorted(set(basil.labels))
    first = set(triplets[: len(triplets) // 2])
    evaluate(
        "BASIL (not tuned on; halves by triplet)",
        basil,
        [i for i, lab in enumerate(basil.labels) if lab in first],
        [i for i, lab in enumerate(basil.labels) if lab not in first],
        order_runs=runs,
        arrival_orders=args.orders,
    )
    if args.quick:
        return
    news = read_googlenews(root / "googlenews_ts")
    evaluate(
        "GoogleNews-TS (tuned on even lines)",
        news,
        list(range(0, len(news.labels), 2)),
        list(range(1, len(news.labels), 2)),
        order_runs=1,
        arrival_orders=args.orders,
    )


if __name__ == "__main__":
    main()
