"""Story clustering speed and memory on generated articles.

    python benchmarks/stories_speed.py [--articles 100000] [--seed 0]

Generates a seeded stream of articles spread over two years (stories of a few days to weeks, each
with its own topic words and names, mixed with general English), then featurizes and clusters it
from scratch, printing the featurizing and assignment rates, the total wall time, and at each
quarter the resident memory and the size of the persisted clusterer state, so growth can be compared
with the corpus. Also prints B-cubed F1 against the generated stories.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from wordfreq import top_n_list  # noqa: E402

from storyline.model import Article, stable_id  # noqa: E402
from storyline.stories.clustering import IncrementalStoryClusterer  # noqa: E402
from storyline.stories.evaluation import bcubed  # noqa: E402
from storyline.stories.features import ArticleFeaturizer  # noqa: E402

START = datetime(2023, 1, 1)
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "su",
    "to",
    "vi",
    "da",
    "ze",
    "po",
    "li",
    "an",
    "or",
    "el",
    "us",
    "ba",
    "ti",
    "go",
]


def generate(n: int, seed: int) -> tuple[list[Article], list[str]]:
    rng = random.Random(seed)
    vocab = [w for w in top_n_list("en", 40000)[300:] if w.isalpha()]
    general = vocab[:8000]
    stories: list[tuple[str, list[str], list[str], float, float]] = []
    articles, labels = [], []
    while len(articles) < n:
        if not stories or rng.random() < 0.08:
            topic = rng.sample(vocab, 12)
            names = ["".join(rng.choices(SYLLABLES, k=3)).capitalize() for _ in range(4)]
            start = rng.uniform(0, 730)
            stories.append((f"g{len(stories)}", topic, names, start, rng.uniform(1, 30)))
        label, topic, names, start, length = stories[
            min(int(rng.paretovariate(1.2)) - 1, len(stories) - 1) * -1
        ]
        day = start + rng.uniform(0, length)
        title = " ".join(rng.sample(topic, 5)).capitalize() + f" in {names[0]}"
        words = []
        for _ in range(140):
            roll = rng.random()
            if roll < 0.25:
                words.append(rng.choice(topic))
            elif roll < 0.32:
                words.append(rng.choice(names) + " " + rng.choice(names))
            else:
                words.append(rng.choice(general))
        sentences = [" ".join(words[i : i + 14]).capitalize() + "." for i in range(0, len(words), 14)]
        text = " ".join(sentences)
        key = f"speed:{seed}:{len(articles)}"
        articles.append(
            Article(
                id=stable_id("a", key),
                version=stable_id("v", key),
                source=key,
                raw=text,
                text=text,
                title=title,
                published=START + timedelta(days=day),
            )
        )
        labels.append(label)
    return articles, labels


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    articles, labels = generate(args.articles, args.seed)
    articles_order = sorted(range(len(articles)), key=lambda i: (articles[i].published, articles[i].id))
    articles = [articles[i] for i in articles_order]
    labels = [labels[i] for i in articles_order]
    t1 = time.perf_counter()
    print(
        f"generated {len(articles)} articles in {len(set(labels))} stories in {t1 - t0:.1f}s, "
        f"rss {rss_mib():.0f} MiB"
    )

    featurizer = ArticleFeaturizer()
    clusterer = IncrementalStoryClusterer(featurizer=featurizer)
    featurize_s = assign_s = assign_cpu = 0.0
    quarter = max(1, len(articles) // 4)
    for start in range(0, len(articles), args.batch):
        batch = articles[start : start + args.batch]
        a = time.perf_counter()
        features = featurizer.featurize(batch)
        b = time.perf_counter()
        cpu = time.process_time()
        clusterer.assign_features(features)
        assign_cpu += time.process_time() - cpu
        c = time.perf_counter()
        featurize_s += b - a
        assign_s += c - b
        done = start + len(batch)
        if done % quarter < args.batch or done == len(articles):
            state = len(clusterer.to_bytes())
            print(
                f"  {done:>7} articles: featurize {done / featurize_s:.0f}/s, "
                f"assign {done / assign_s:.0f}/s, "
                f"stories {len(clusterer.state_.stories)}, rss {rss_mib():.0f} MiB, "
                f"state {state / 2**20:.1f} MiB ({state / done:.0f} B/article)",
                flush=True,
            )
    total = featurize_s + assign_s
    predicted = [clusterer.story_of(a.id) or "" for a in articles]
    _, _, f1 = bcubed(labels, predicted)
    print(
        f"clustered {len(articles)} articles from scratch in {total:.1f}s "
        f"(featurize {featurize_s:.1f}s, assign {assign_s:.1f}s = "
        f"{len(articles) / assign_s:.0f} articles/s; CPU time {assign_cpu:.1f}s = "
        f"{len(articles) / assign_cpu:.0f} articles/s); "
        f"B3 F1 vs generated stories {f1:.3f}"
    )


if __name__ == "__main__":
    main()
