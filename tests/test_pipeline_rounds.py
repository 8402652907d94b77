"""The corpus stages run in rounds, from a queue the store keeps.

Every stored article is queued for analysis in the transaction that stores it; the pipeline runs
the corpus stages each time ``analyze_every`` articles are queued and at the end of the run. A run
killed before (or while) its articles are analysed leaves them queued, and the next run analyses
them even though every file it reads is already stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline.analysis as analysis
from pipeline_snapshot import snapshot
from storyline.pipeline import Pipeline
from storyline.runner import InlineRunner
from storyline.store import MemoryStore, SqliteStore, Store
from storyline.synthetic import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("rounds")
    write_corpus(root / "text", 60, seed=11, words=300)
    return str(root / "text")


def _partition(store: Store) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in store.stories())


def _ingest(store: Store, corpus: str, every: int) -> dict[str, int]:
    return Pipeline(store, InlineRunner(), batch_size=8, analyze_every=every).ingest([corpus]).analysis


@pytest.fixture(scope="module")
def one_round(corpus: str) -> tuple[MemoryStore, dict[str, int]]:
    store = MemoryStore()
    return store, _ingest(store, corpus, 0)


def test_pipeline_rounds_find_the_stories_one_round_finds(
    corpus: str, one_round: tuple[MemoryStore, dict[str, int]]
) -> None:
    whole, whole_summary = one_round
    rounds = MemoryStore()
    summary = _ingest(rounds, corpus, 16)  # four rounds of 16 articles (the last one short)
    assert _partition(rounds) == _partition(whole)
    assert len(rounds.stories()) > 5
    assert rounds.count_pending_analysis() == whole.count_pending_analysis() == 0
    # a story analysed again in a later round counts once in the summary, as it ended up
    assert summary["stories touched"] == whole_summary["stories touched"] == len(whole.stories())
    for key in ("propositions", "timeline events", "actors"):
        assert summary[key] == whole_summary[key] > 0
        assert summary[key] == sum(len(getter(s.id)) for s in rounds.stories() for getter in [_getter(rounds, key)])


def _getter(store: Store, key: str):  # type: ignore[no-untyped-def]
    return {"propositions": store.propositions, "timeline events": store.timeline, "actors": store.actors}[key]


class _Killed(Exception):
    pass


@pytest.mark.parametrize("stage", ["run_provenance", "run_stories", "run_stories_analysis"])
def test_pipeline_rerun_analyses_what_an_interrupted_run_stored(
    stage: str,
    corpus: str,
    one_round: tuple[MemoryStore, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Killed inside a corpus stage: the articles are stored and queued; rerunning the same
    ingest (every file unchanged now) analyses them, and the store ends as an uninterrupted
    run leaves it."""
    store = SqliteStore(tmp_path / "killed.db")

    def killed(*args: object, **kwargs: object) -> None:
        raise _Killed(stage)

    with monkeypatch.context() as m:
        m.setattr(analysis, stage, killed)
        with pytest.raises(_Killed):
            Pipeline(store, InlineRunner(), batch_size=8, analyze_every=0).ingest([corpus])
    assert store.count_articles() == 60
    assert store.count_pending_analysis() == 60
    assert not any(store.propositions(s.id) for s in store.stories())

    report = Pipeline(store, InlineRunner(), batch_size=8, analyze_every=0).ingest([corpus])
    assert report.unchanged == 60 and report.ingested == 0
    assert store.count_pending_analysis() == 0
    whole, _ = one_round
    got, want = snapshot(store), snapshot(whole)
    for key in ("articles", "quotes", "edges", "stories", "story_of", "actors", "propositions", "timeline"):
        assert got[key] == want[key], key
    store.close()


def test_pipeline_store_only_run_queues_nothing(corpus: str) -> None:
    store = MemoryStore()
    Pipeline(store, InlineRunner(), batch_size=8).ingest([corpus], analyze=False)
    assert store.count_articles() == 60 and store.count_pending_analysis() == 0
