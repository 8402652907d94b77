"""Per-story corpus stages as a group-by: the same results whatever the runner or row order."""

from __future__ import annotations

import random
from operator import itemgetter
from pathlib import Path

import pytest

from storyline.analysis import analyze_story_group, story_members
from storyline.pipeline import Pipeline
from storyline.runner import InlineRunner, map_groups
from storyline.store import MemoryStore
from storyline.synthetic import write_corpus


class GroupingRunner(InlineRunner):
    """A runner with its own ``map_groups`` that hands each group's rows over in reverse order."""

    def map_groups(self, fn, rows, key):  # type: ignore[no-untyped-def]
        groups: dict[object, list[object]] = {}
        for row in rows:
            groups.setdefault(key(row), []).append(row)
        return [fn(list(reversed(g))) for g in groups.values()]


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([], []),
        ([("a", 1), ("b", 2), ("a", 3)], [[("a", 1), ("a", 3)], [("b", 2)]]),
        ([("z", 1), ("z", 2)], [[("z", 1), ("z", 2)]]),
    ],
)
def test_map_groups_groups_in_first_seen_order(rows: list[tuple[str, int]], expected: list[object]) -> None:
    assert map_groups(InlineRunner(), list, rows, itemgetter(0)) == expected


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    root = tmp_path_factory.mktemp("groups")
    write_corpus(root, 40, seed=21, words=150)
    store = MemoryStore()
    Pipeline(store, InlineRunner(), batch_size=16).ingest([str(root)], analyze=True)
    return store


def test_analyze_story_group_ignores_row_order(analysed: MemoryStore) -> None:
    story = max(analysed.stories(), key=lambda s: len(s.article_ids))
    rows = story_members(analysed, story)
    assert len(rows) == len(story.article_ids) > 1
    shuffled = list(rows)
    random.Random(0).shuffle(shuffled)
    assert analyze_story_group(shuffled) == analyze_story_group(rows)


def test_pipeline_stores_the_same_with_a_grouping_runner(analysed: MemoryStore, tmp_path: Path) -> None:
    write_corpus(tmp_path, 40, seed=21, words=150)
    store = MemoryStore()
    Pipeline(store, GroupingRunner(), batch_size=16).ingest([str(tmp_path)], analyze=True)
    for story in analysed.stories():
        assert store.propositions(story.id) == analysed.propositions(story.id)
        assert store.timeline(story.id) == analysed.timeline(story.id)
        assert store.actors(story.id) == analysed.actors(story.id)
    assert sorted(repr(q) for q in store.quotes()) == sorted(repr(q) for q in analysed.quotes())
