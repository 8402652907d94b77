"""Single-article files read in the workers: the same outcomes as reading them in the main process,
and the same resume marks (done files are not read again; a transient failure is not marked done)."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from storyline.ingest import file_stage
from storyline.model import Rejection, Stage
from storyline.pipeline import IngestReport, Pipeline
from storyline.store import SqliteStore
from storyline.synthetic import write_corpus

T = TypeVar("T")
R = TypeVar("R")

PAGE = ("<html><head><title>Harbour levy talks</title></head><body><article><p>"
        + "The harbour council met the ferry operators on Tuesday to discuss the levy. " * 8
        + "</p></article></body></html>")


class CountingRunner:
    """Runs inline and counts the items it is handed; ``shares_files`` as given."""

    def __init__(self, shares_files: bool) -> None:
        self.shares_files = shares_files
        self.items: list[object] = []

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        self.items.extend(items)
        return [fn(x) for x in items]

    def close(self) -> None:
        pass


def _folder(root: Path) -> Path:
    folder = root / "in"
    write_corpus(folder / "text", 12, seed=11, words=60)
    (folder / "page.html").write_text(PAGE)
    (folder / "page.htm.gz").write_bytes(gzip.compress(PAGE.replace("Tuesday", "Monday").encode()))
    (folder / "copy.txt").write_text((next((folder / "text").rglob("*.txt"))).read_text())  # same content
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cut.txt.gz").write_bytes(gzip.compress(b"some words here " * 50)[:-12])
    (folder / "short.html").write_text("<html><body><p>Too short.</p></body></html>")
    return folder


def _summary(report: IngestReport) -> tuple[int, int, int, list[tuple[str, str]]]:
    reasons = sorted((Path(r.source.split("#")[0]).name, r.reason) for r in report.rejected)
    return report.ingested, report.unchanged, report.updated, reasons


@pytest.mark.parametrize("analyze", [False, True])
def test_file_stage_gives_the_outcomes_of_reading_in_the_main_process(tmp_path: Path, analyze: bool) -> None:
    folder = _folder(tmp_path)
    reports, stores = [], []
    for shares in (False, True):
        store = SqliteStore(tmp_path / f"db-{shares}.sqlite")
        runner = CountingRunner(shares_files=shares)
        reports.append(Pipeline(store, runner, batch_size=5).ingest([str(folder)], analyze=analyze))
        assert any(isinstance(x, str) for x in runner.items) is shares  # paths only to a sharing runner
        stores.append(store)
    assert _summary(reports[0]) == _summary(reports[1])
    assert reports[1].ingested == 14 and reports[1].unchanged == 1
    assert {r for _, r in _summary(reports[1])[3]} == {"empty", "binary", "truncated-gzip", "no-text"}
    old, new = ({(a.id, a.version, a.text) for a in s.iter_articles()} for s in stores)
    assert old == new
    assert sorted(r.reason for r in stores[0].rejections()) == sorted(r.reason for r in stores[1].rejections())


def test_file_stage_rerun_reads_nothing_and_reports_the_same(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    store = SqliteStore(tmp_path / "db.sqlite")
    first = Pipeline(store, CountingRunner(shares_files=True), batch_size=4).ingest([str(folder)], analyze=False)
    runner = CountingRunner(shares_files=True)
    again = Pipeline(store, runner, batch_size=4).ingest([str(folder)], analyze=False)
    assert runner.items == []
    assert again.unchanged == first.ingested + first.unchanged and again.ingested == 0
    assert sorted(r.reason for r in again.rejected) == sorted(r.reason for r in first.rejected)
    assert len(store.rejections()) == len(first.rejected)  # reported again, stored once


def test_file_stage_transient_failure_is_not_marked_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_corpus(tmp_path / "in", 6, seed=12, words=60)
    flaky = str(paths[2])
    real = file_stage.read_single_file

    def read(source: str, options: object) -> object:
        if source == flaky:
            return Rejection(source=source, stage=Stage.INGEST, reason="unreadable", detail="denied")
        return real(source, options)  # type: ignore[arg-type]

    monkeypatch.setattr(file_stage, "read_single_file", read)
    store = SqliteStore(tmp_path / "db.sqlite")
    first = Pipeline(store, CountingRunner(shares_files=True)).ingest([str(tmp_path / "in")], analyze=False)
    assert first.ingested == 5 and [r.reason for r in first.rejected] == ["unreadable"]
    monkeypatch.setattr(file_stage, "read_single_file", real)
    runner = CountingRunner(shares_files=True)
    again = Pipeline(store, runner).ingest([str(tmp_path / "in")], analyze=False)
    assert runner.items == [flaky]  # only the file that failed is read again
    assert again.ingested == 1 and again.unchanged == 5 and not again.rejected


@pytest.mark.parametrize(
    "content, size, cap, expected",
    [
        (b"abc", 3, 10, b"abc"),  # as stat said
        (b"abcdef", 3, 10, b"abcdef"),  # grew since stat: read on
        (b"abcdefghijkl", 3, 10, None),  # grew past the cap
        (b"abc", None, 10, b"abc"),  # no size known (gzip)
        (b"abcdefghijk", None, 10, None),
    ],
)
def test_read_capped_reads_what_is_there_up_to_the_cap(
    content: bytes, size: int | None, cap: int, expected: bytes | None
) -> None:
    import io

    from storyline.ingest.readers import _read_capped, _TooLarge

    if expected is None:
        with pytest.raises(_TooLarge):
            _read_capped(io.BytesIO(content), cap, size)
    else:
        assert _read_capped(io.BytesIO(content), cap, size) == expected


@pytest.mark.parametrize(
    "chunks, n, expected",
    [
        ([b"abc"], 4, b"abc"),  # the whole file, asked for one byte more
        ([b"abc", b"def"], 10, b"abcdef"),  # short reads are read on, to the end
        ([b"abc", b"def"], 4, b"abcd"),  # no more than asked
        ([], 3, b""),  # an empty file
    ],
)
def test_raw_file_reads_like_a_buffered_file(chunks: list[bytes], n: int, expected: bytes) -> None:
    import os
    import threading

    from storyline.ingest.readers import _RawFile

    read_end, write_end = os.pipe()  # a pipe gives short reads, as a slow file system may

    def feed() -> None:
        for chunk in chunks:
            os.write(write_end, chunk)
        os.close(write_end)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert _RawFile(read_end).read(n) == expected
    finally:
        writer.join()
        os.close(read_end)
