"""Corpus stages on a runner give what they give in one process.

Provenance is split into connected components of the candidate pairs (one job per few
components), twin restoration and story features run as jobs too: the edges, stories and
everything stored must not change with the runner or the split.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline_snapshot import snapshot
from storyline.analysis import PROVENANCE_STATE, _candidate_index, provenance_jobs, run_provenance
from storyline.model import Article, ProvenanceEdge
from storyline.pipeline import Pipeline
from storyline.provenance import detect_provenance
from storyline.provenance.alignment import _runs
from storyline.runner import InlineRunner, LocalRunner
from storyline.store import MemoryStore, Store
from storyline.synthetic import write_corpus


def _serial_provenance(store: Store, new: list[Article]) -> list[ProvenanceEdge]:
    """Provenance as one call in one process (what ``run_provenance`` did before the split)."""
    index = _candidate_index(store, new)
    edges = detect_provenance(new, index, store.get_article, lambda ids: store.edges(article_ids=ids))
    with store.transaction():
        store.put_edges(edges)
        store.put_state(PROVENANCE_STATE, index.to_bytes())
    return edges


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("split")
    write_corpus(root, 90, seed=41, words=200)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    random.Random(5).shuffle(files)
    return files


def _ingest(store: Store, files: list[Path]) -> list[Article]:
    before = {a.id for a in store.iter_articles()}
    Pipeline(store, InlineRunner()).ingest([str(p) for p in files], analyze=False)
    return sorted((a for a in store.iter_articles() if a.id not in before), key=lambda a: a.id)


@pytest.mark.parametrize("split", [0.0, 0.5, 0.8])  # 0.0: all at once; else part first, rest later
def test_run_provenance_matches_one_serial_call(corpus: list[Path], split: float) -> None:
    first, rest = corpus[: int(len(corpus) * split)], corpus[int(len(corpus) * split) :]
    serial, jobs = MemoryStore(), MemoryStore()
    for files in (first, rest):
        if not files:
            continue
        expected = _serial_provenance(serial, _ingest(serial, files))
        got = run_provenance(jobs, _ingest(jobs, files), InlineRunner())
        assert got == expected
    assert any(e.origin_id for e in got), "the corpus gave no in-corpus edges"


def test_provenance_jobs_keep_components_whole(corpus: list[Path]) -> None:
    store = MemoryStore()
    new = _ingest(store, corpus)
    ids = sorted(a.id for a in new)
    rng = random.Random(3)
    pairs = sorted({(min(x, y), max(x, y)) for x, y in (rng.sample(ids, 2) for _ in range(60))})
    jobs = provenance_jobs(store, new, pairs)
    where = {a.id: k for k, job in enumerate(jobs) for a in job.new}
    assert sorted(where) == ids  # every new article in exactly one job
    assert sum(len(job.new) for job in jobs) == len(ids)
    for k, job in enumerate(jobs):
        for x, y in job.pairs:
            assert where[x] == where[y] == k  # a pair never straddles two jobs
    assert sorted(p for job in jobs for p in job.pairs) == pairs
    assert len(jobs) > 1


@pytest.mark.parametrize(
    "derived, origin, min_run, expected",
    [
        ("a b c d e f g h", "x a b c d e f g h y", 6, [(0, 1, 8)]),
        ("a b c d e f g h", "a b c d e f g", 6, [(0, 0, 7)]),
        ("a b c d e", "a b c d e", 6, []),  # shorter than a run
        ("p q r s t u v w", "a b c d e f g h", 6, []),  # nothing shared
        (" ".join(f"w{i}" for i in range(40)), " ".join(f"w{i}" for i in range(40)), 6, [(0, 0, 40)]),  # blocks
        ("a b c d e f z a b c d e f", "a b c d e f", 6, [(0, 0, 6), (7, 0, 6)]),  # pasted twice
    ],
)
def test_runs_finds_the_exact_runs(derived: str, origin: str, min_run: int, expected: list[object]) -> None:
    assert _runs(tuple(derived.split()), tuple(origin.split()), min_run) == expected


def test_local_runner_stores_what_inline_stores(corpus: list[Path]) -> None:
    sources = [str(p) for p in corpus[:60]]
    expected_store = MemoryStore()
    report = Pipeline(expected_store, InlineRunner(), batch_size=32).ingest(sources, analyze=True)
    assert report.analysis.get("restored from a cased twin"), "no stripped copy to restore in the corpus"
    store = MemoryStore()
    with LocalRunner(workers=2, inline_below=1) as runner:
        Pipeline(store, runner, batch_size=32).ingest(sources, analyze=True)
    assert snapshot(store) == snapshot(expected_store)


def test_local_runner_workers_start_with_models_loaded() -> None:
    """The fork server loads every stage's models once (storyline.worker_preload): a worker's
    lazily loaded models are there before it has done any work."""
    import multiprocessing.forkserver

    from storyline.attribution.parsing import load_pipeline
    from storyline.cleaning.furniture import _tagger
    from storyline.cleaning.restoration import load_model

    # the fork server is one per process and keeps the preload it started with: an earlier test's
    # runner without preload (an ingest without analysis) may have started it, so start afresh
    multiprocessing.forkserver._forkserver._stop()  # type: ignore[attr-defined]
    loaders = [load_pipeline, load_model, _tagger]
    with LocalRunner(workers=2, inline_below=1) as runner:
        assert runner.map(_cached, loaders) == [1, 1, 1]


def _cached(loader: Callable[[], object]) -> int:
    """How many results a cached loader holds in this (worker) process."""
    return loader.cache_info().currsize  # type: ignore[attr-defined, no-any-return]
