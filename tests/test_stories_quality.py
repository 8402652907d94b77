"""Quality gates for story clustering on a small ECB+ slice and on the seeds (read from disk)."""

from __future__ import annotations

import itertools
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from storyline.model import Article, article_id
from storyline.stories import IncrementalStoryClusterer
from storyline.stories.evaluation import (
    bcubed,
    default_eval_dir,
    read_ecbplus,
    score_clustering,
)

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("STORYLINE_SEEDS", REPO.parent / "shared" / "seeds"))
ECBPLUS = default_eval_dir() / "ecbplus"

# pinned floors, measured on ECB+ topics 18-23 (held out from tuning): B3 F1 0.899 at first, 0.919 after the
# centroid-cosine splits (issue 5, fourth round)
ECB_SLICE = range(18, 24)
ECB_F1_FLOOR = 0.90


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="ECB+ not found (set STORYLINE_EVAL)")
def test_ecbplus_slice_bcubed_f1_above_floor() -> None:
    data = read_ecbplus(ECBPLUS, ECB_SLICE)
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(data.articles)
    predicted = [clusterer.story_of(a.id) or "" for a in data.articles]
    scores = score_clustering(data.labels, predicted, data.groups)
    assert scores.bcubed_f1 >= ECB_F1_FLOOR, scores


def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found in {SEEDS} (set STORYLINE_SEEDS)")
    return found[0]


def _seed_article(prefix: str, published: datetime) -> Article:
    raw = _seed(prefix).read_text(encoding="utf-8")
    return Article(id=article_id(None, raw), version="v1", source=prefix, raw=raw, text=raw, published=published)


def _updated_date(text: str, fallback: datetime) -> datetime:
    match = re.search(r"updated on (\w+ \d{1,2}, \d{4})", text)
    return datetime.strptime(match.group(1), "%B %d, %Y") if match else fallback


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    early = datetime(2019, 3, 1)
    late_raw = _seed("003").read_text(encoding="utf-8")
    return {
        "000": _seed_article("000", early),
        "001": _seed_article("001", early),
        "003": _seed_article("003", _updated_date(late_raw, datetime(2019, 3, 26))),
    }


def test_seeds_are_one_story_although_003_is_weeks_later(seeds: dict[str, Article]) -> None:
    assert (seeds["003"].published - seeds["000"].published).days >= 20
    clusterer = IncrementalStoryClusterer()
    result = clusterer.assign(list(seeds.values()))
    assert len({clusterer.story_of(a.id) for a in seeds.values()}) == 1
    (story,) = result.stories
    assert story.first_published == seeds["000"].published
    assert story.last_published == seeds["003"].published
    assert any("decay" in c.reason for c in result.changes)


@pytest.mark.parametrize("order", list(itertools.permutations(("000", "001", "003"))))
def test_seeds_one_story_when_fed_one_at_a_time_in_any_order(seeds: dict[str, Article], order: tuple[str, ...]) -> None:
    clusterer = IncrementalStoryClusterer()
    for key in order:
        clusterer.assign([seeds[key]])
    assert len({clusterer.story_of(a.id) for a in seeds.values()}) == 1


def test_seed_000_furniture_does_not_drag_it_elsewhere(seeds: dict[str, Article]) -> None:
    """000 ends with unrelated headlines; stories on those topics must not pull it in."""
    raw = seeds["000"].text
    # the furniture: the short lines after the body, each taken as an article of its own
    tail = [ln.strip() for ln in raw.splitlines()[-40:] if len(ln.split()) >= 5]
    decoys = [
        Article(
            id=article_id(None, f"decoy{i}{ln}"),
            version="v",
            source=f"decoy{i}",
            raw=ln,
            text=ln,
            title=ln,
            published=datetime(2019, 3, 1),
        )
        for i, ln in enumerate(tail[-6:])
    ]
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(decoys)
    clusterer.assign([seeds["000"], seeds["001"], seeds["003"]])
    seed_story = clusterer.story_of(seeds["000"].id)
    assert seed_story not in {clusterer.story_of(d.id) for d in decoys}
    assert clusterer.story_of(seeds["001"].id) == seed_story == clusterer.story_of(seeds["003"].id)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected_f1"),
    [
        (["a", "a", "b", "b"], ["x", "x", "y", "y"], 1.0),
        (["a", "a", "b", "b"], ["x", "x", "x", "x"], 2 * 0.5 / 1.5),
        (["a", "a", "b", "b"], ["w", "x", "y", "z"], 2 * 0.5 / 1.5),
    ],
)
def test_bcubed_scores_known_partitions(gold: list[str], predicted: list[str], expected_f1: float) -> None:
    assert bcubed(gold, predicted)[2] == pytest.approx(expected_f1)


def test_bcubed_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        bcubed(["a"], ["x", "y"])
