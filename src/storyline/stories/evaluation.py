"""Scoring story clusterings against labelled data sets, and readers for the public sets we use.

The data sets stay outside the repository (``../shared/eval`` by default, or ``$STORYLINE_EVAL``);
these readers turn them into :class:`Article` values plus gold labels, nothing more.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import msgspec

from storyline.model import Article, stable_id


class LabelledArticles(msgspec.Struct, frozen=True):
    """Articles with a gold story label each, and the group they belong to (ECB+ topic)."""

    articles: list[Article]
    labels: list[str]
    groups: list[str]


class ClusterScores(msgspec.Struct, frozen=True):
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    nmi: float
    clusters: int
    gold_clusters: int
    merged_pairs: float  # share of different-event pairs in one group that were put together
    split_pairs: float  # share of same-event pairs that were put apart
    merged_events: int  # predicted clusters mixing two gold events (minority >= 20 % and >= 2 articles)
    split_events: int  # gold events spread over two clusters (minority >= 20 % and >= 2 articles)


def default_eval_dir() -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "eval"


# --------------------------------------------------------------------------- metrics


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin), averaged over items."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labellings differ in length")
    if not gold:
        return 1.0, 1.0, 1.0
    joint = Counter(zip(gold, predicted, strict=True))
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    precision = sum(n * n / pred_size[p] for (_, p), n in joint.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in joint.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_clustering(
    gold: Sequence[str], predicted: Sequence[str], groups: Sequence[str] | None = None
) -> ClusterScores:
    from sklearn.metrics import normalized_mutual_info_score

    precision, recall, f1 = bcubed(gold, predicted)
    groups = groups if groups is not None else ["" for _ in gold]
    same_group: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        same_group[g].append(i)
    merged = cross = split = same = 0
    for members in same_group.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                together = predicted[i] == predicted[j]
                if gold[i] == gold[j]:
                    same += 1
                    split += not together
                else:
                    cross += 1
                    merged += together
    return ClusterScores(
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=f1,
        nmi=float(normalized_mutual_info_score(gold, predicted)),
        clusters=len(set(predicted)),
        gold_clusters=len(set(gold)),
        merged_pairs=merged / cross if cross else 0.0,
        split_pairs=split / same if same else 0.0,
        merged_events=_mixed(predicted, gold),
        split_events=_mixed(gold, predicted),
    )


def _mixed(outer: Sequence[str], inner: Sequence[str]) -> int:
    """Clusters of ``outer`` holding a second ``inner`` label with >= 20 % and >= 2 of its items."""
    parts: dict[str, Counter[str]] = defaultdict(Counter)
    for o, i in zip(outer, inner, strict=True):
        parts[o][i] += 1
    count = 0
    for counter in parts.values():
        sizes = sorted(counter.values(), reverse=True)
        total = sum(sizes)
        if len(sizes) > 1 and sizes[1] >= 2 and sizes[1] >= 0.2 * total:
            count += 1
    return count


def pair_agreement(a: Sequence[str], b: Sequence[str]) -> float:
    """Adjusted Rand index between two partitions of the same items (1.0: identical)."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(a, b))


# --------------------------------------------------------------------------- readers


def _article(source: str, text: str, title: str | None = None, published: datetime | None = None) -> Article:
    return Article(
        id=stable_id("a", source),
        version=stable_id("v", text),
        source=source,
        raw=text,
        text=text,
        title=title,
        published=published,
    )


def read_ecbplus(root: Path, topics: Sequence[int] = range(1, 36)) -> LabelledArticles:
    """ECB+ documents of the given topics; the label is (topic, ``ecb`` | ``ecbplus``).

    ECB+ gives no reliable publication dates, so articles are undated (no time decay applies).
    """
    articles, labels, groups = [], [], []
    pattern = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml\.gz$")
    for topic in topics:
        folder = root / "xml" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            match = pattern.match(path.name)
            if not match:
                continue
            with gzip.open(path, "rb") as handle:
                tree = ElementTree.parse(handle)
            sentences: dict[int, list[str]] = defaultdict(list)
            for token in tree.getroot().iter("token"):
                sentences[int(token.get("sentence", "0"))].append(token.text or "")
            text = "\n".join(_detokenize(sentences[k]) for k in sorted(sentences))
            articles.append(_article(f"ecbplus:{path.name}", text))
            labels.append(f"{topic}:{match.group(3)}")
            groups.append(str(topic))
    return LabelledArticles(articles=articles, labels=labels, groups=groups)


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace("`` ", "\u201c").replace(" ''", "\u201d")


def read_googlenews(root: Path, name: str = "GoogleNews-TS.tsv", limit: int | None = None) -> LabelledArticles:
    """GoogleNews-TS/T/S short texts (label, tab, text); undated."""
    articles, labels = [], []
    with open(root / name, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            label, _, text = line.rstrip("\n").partition("\t")
            articles.append(_article(f"googlenews:{name}:{n}", text))
            labels.append(label)
    return LabelledArticles(articles=articles, labels=labels, groups=["" for _ in labels])


def read_basil(root: Path) -> LabelledArticles:
    """BASIL: 100 events, each covered by three outlets; the label is the triplet id."""
    articles, labels = [], []
    for path in sorted((root / "articles").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = ["\n".join(p) if isinstance(p, list) else str(p) for p in data.get("body-paragraphs", [])]
        published = None
        if data.get("date"):
            try:
                published = datetime.fromisoformat(str(data["date"]))
            except ValueError:
                published = None
        source = f"basil:{path.parent.name}/{path.name}"
        articles.append(_article(source, "\n\n".join(paragraphs), data.get("title"), published))
        labels.append(str(data.get("triplet-uuid") or path.name.rsplit("_", 1)[0]))
    return LabelledArticles(articles=articles, labels=labels, groups=["" for _ in labels])


def entropy(labels: Sequence[str]) -> float:
    counts = Counter(labels)
    total = len(labels)
    return -sum(c / total * math.log(c / total) for c in counts.values())
