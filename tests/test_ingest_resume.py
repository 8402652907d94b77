"""Resumable ingest: finished files and finished chunks of big files are not redone."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from storyline.pipeline import Pipeline
from storyline.store import SqliteStore
from storyline.synthetic import write_corpus

T = TypeVar("T")
R = TypeVar("R")


class CountingRunner:
    """Runs inline, counts the articles it analyses, and can fail after a number of batches."""

    def __init__(self, fail_after_batches: int | None = None) -> None:
        self.analyzed = 0
        self.batches = 0
        self.fail_after = fail_after_batches

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-run
        self.batches += 1
        self.analyzed += len(items)
        return [fn(x) for x in items]

    def close(self) -> None:
        pass


def _ids(store: SqliteStore) -> list[str]:
    return sorted(a.id for a in store.iter_articles())


def test_resume_skips_finished_files(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 30, seed=1)
    (tmp_path / "in" / "bad.json").write_text("{not json")
    store = SqliteStore(tmp_path / "db.sqlite")
    first = Pipeline(store, CountingRunner(), batch_size=8).ingest([str(tmp_path / "in")], analyze=False)
    assert first.ingested == 30 and len(first.rejected) == 1

    runner = CountingRunner()
    again = Pipeline(store, runner, batch_size=8).ingest([str(tmp_path / "in")], analyze=False)
    assert runner.analyzed == 0
    assert again.unchanged == 30 and again.ingested == 0
    assert [r.reason for r in again.rejected] == ["bad-json"]  # reported again, stored once
    assert len(store.rejections()) == 1


def test_resume_rereads_an_edited_file(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 10, seed=2)
    store = SqliteStore(tmp_path / "db.sqlite")
    Pipeline(store, CountingRunner()).ingest([str(tmp_path / "in")], analyze=False)
    paths[0].write_text(paths[0].read_text() + "\nA late correction was added to this report today.\n")
    os.utime(paths[0], ns=(paths[0].stat().st_atime_ns, paths[0].stat().st_mtime_ns + 10**9))
    runner = CountingRunner()
    report = Pipeline(store, runner).ingest([str(tmp_path / "in")], analyze=False)
    assert runner.analyzed == 1
    assert report.ingested + report.updated == 1 and report.unchanged == 9


@pytest.mark.parametrize("batch_size, fail_after", [(16, 1), (16, 3), (7, 2), (50, 1)])
def test_resume_continues_a_big_jsonl_after_interruption(
    tmp_path: Path, batch_size: int, fail_after: int
) -> None:
    write_corpus(tmp_path / "in", 120, seed=3, kind="jsonl", per_file=100, words=60)
    store = SqliteStore(tmp_path / "db.sqlite")
    with pytest.raises(KeyboardInterrupt):
        Pipeline(store, CountingRunner(fail_after), batch_size=batch_size).ingest(
            [str(tmp_path / "in")], analyze=False
        )
    stored_before = store.count_articles()
    assert stored_before == min(120, batch_size * fail_after)

    runner = CountingRunner()
    report = Pipeline(store, runner, batch_size=batch_size).ingest([str(tmp_path / "in")], analyze=False)
    assert runner.analyzed == 120 - stored_before  # finished chunks are not analysed again
    assert report.ingested == 120 - stored_before and report.unchanged == stored_before
    assert store.count_articles() == 120
    assert len(_ids(store)) == len(set(_ids(store)))


def test_resume_never_marks_stdin_or_urls(tmp_path: Path) -> None:
    from storyline.resume import shard_key

    assert shard_key("-") is None
    assert shard_key("https://example.org/feed.xml") is None
    assert shard_key(str(tmp_path / "missing.txt")) is None
    f = tmp_path / "a.txt"
    f.write_text("x")
    assert json.loads(shard_key(str(f)) or "[]")[0] == str(f.resolve())


def test_resume_marks_of_a_no_analyze_run_do_not_skip_analysis(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 12, seed=4, words=60)
    store = SqliteStore(tmp_path / "db.sqlite")
    Pipeline(store, CountingRunner()).ingest([str(tmp_path / "in")], analyze=False)
    again = CountingRunner()
    Pipeline(store, again).ingest([str(tmp_path / "in")], analyze=False)
    assert again.analyzed == 0
    analyzing = Pipeline(store, CountingRunner())
    report = analyzing.ingest([str(tmp_path / "in")], analyze=True)
    assert report.unchanged == 12  # read again, recognised as stored
    then = CountingRunner()
    Pipeline(store, then).ingest([str(tmp_path / "in")], analyze=True)
    assert then.analyzed == 0


@pytest.mark.parametrize("name", ["a.txt", 'quote " and \\ slash.txt', "tab\there.txt", "été 日本.txt"])
def test_resume_shard_key_is_the_json_of_path_size_and_mtime(tmp_path: Path, name: str) -> None:
    from storyline.resume import shard_key

    f = tmp_path / name
    f.write_text("x")
    info = f.stat()
    assert shard_key(str(f)) == json.dumps([str(f.resolve()), info.st_size, info.st_mtime_ns])  # marks stay valid
