"""Bad inputs, table-driven: each gives a recorded rejection with a clear reason, and the rest of
the batch goes in."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.ingest import IngestOptions
from storyline.pipeline import Pipeline
from storyline.store import MemoryStore

GOOD = "The ferry service between Port Alder and Wickham resumed on Monday after a week of talks.\n"


def _empty(d: Path) -> None:
    (d / "empty.txt").write_bytes(b"")


def _whitespace(d: Path) -> None:
    (d / "blank.txt").write_bytes(b"  \n\n\t ")


def _binary(d: Path) -> None:
    (d / "photo.txt").write_bytes(bytes(range(256)) * 64)


def _truncated_gzip(d: Path) -> None:
    data = gzip.compress(GOOD.encode() * 200)
    (d / "cut.txt.gz").write_bytes(data[: len(data) // 2])


def _bad_gzip(d: Path) -> None:
    (d / "fake.html.gz").write_bytes(b"this was never gzip")


def _jsonl_one_broken(d: Path) -> None:
    lines = [json.dumps({"url": f"https://example.org/{i}", "title": f"T{i}", "text": GOOD + str(i)}) for i in range(3)]
    lines.insert(1, '{"url": "https://example.org/broken", "text": "unterminated')
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n")


def _json_without_text(d: Path) -> None:
    (d / "meta.json").write_text(json.dumps({"url": "https://example.org/x", "title": "only a title"}))


def _html_without_text(d: Path) -> None:
    (d / "shell.html").write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav>"
                                  "<script>var a = 1;</script></body></html>")


def _huge(d: Path) -> None:
    with open(d / "huge.txt", "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)


def _not_a_feed(d: Path) -> None:
    (d / "news.rss").write_text("this is not XML at all, just words pretending to be a feed")


def _broken_symlink(d: Path) -> None:
    os.symlink(d / "nowhere.txt", d / "dangling.txt")


def _fifo(d: Path) -> None:
    os.mkfifo(d / "pipe.txt")


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty file", _empty, "empty"),
    ("whitespace only", _whitespace, "empty"),
    ("binary file", _binary, "binary"),
    ("truncated gzip", _truncated_gzip, "truncated-gzip"),
    ("not gzip at all", _bad_gzip, "bad-gzip"),
    ("jsonl with one broken line", _jsonl_one_broken, "bad-json"),
    ("json record without text", _json_without_text, "no-text"),
    ("html with no text", _html_without_text, "no-text"),
    ("100 MB file", _huge, "too-large"),
    ("feed that is not XML", _not_a_feed, "not-a-feed"),
    ("broken symlink in a folder", _broken_symlink, "unreadable"),
    ("fifo in a folder", _fifo, "not-a-file"),
]


@pytest.mark.parametrize(("name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_ingest_bad_input_is_rejected_with_reason_and_batch_goes_on(
    tmp_path: Path, name: str, make: Callable[[Path], None], reason: str
) -> None:
    make(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD)
    store = MemoryStore()
    report = Pipeline(store).ingest([str(tmp_path)], IngestOptions(), analyze=False)
    reasons = [r.reason for r in report.rejected]
    assert reason in reasons, (name, report.rejected)
    assert all(r.detail for r in report.rejected)
    assert store.count_articles() >= 1  # the good file went in
    assert any(a.raw == GOOD for a in store.iter_articles())
    assert [r.reason for r in store.rejections()] == reasons  # recorded, not only reported


def test_ingest_jsonl_keeps_the_good_lines(tmp_path: Path) -> None:
    _jsonl_one_broken(tmp_path)
    report = Pipeline(MemoryStore()).ingest([str(tmp_path / "feed.jsonl")], analyze=False)
    assert report.ingested == 3
    assert [r.source.rsplit(":", 1)[1] for r in report.rejected] == ["2"]


def test_ingest_size_cap_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD * 10)
    report = Pipeline(MemoryStore()).ingest([str(tmp_path)], IngestOptions(max_bytes=100), analyze=False)
    assert [r.reason for r in report.rejected] == ["too-large"]


def test_ingest_unreadable_file_when_permissions_apply(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file; the broken-symlink case covers unreadable files")
    p = tmp_path / "locked.txt"
    p.write_text(GOOD)
    p.chmod(0)
    report = Pipeline(MemoryStore()).ingest([str(tmp_path)], analyze=False)
    assert [r.reason for r in report.rejected] == ["unreadable"]


def test_ingest_missing_path_is_rejected(tmp_path: Path) -> None:
    report = Pipeline(MemoryStore()).ingest([str(tmp_path / "nope.txt")], analyze=False)
    assert [r.reason for r in report.rejected] == ["not-found"]


def test_ingest_refuses_loopback_urls_unless_allowed() -> None:
    report = Pipeline(MemoryStore()).ingest(["http://127.0.0.1:9/x"], analyze=False)
    assert [r.reason for r in report.rejected] == ["refused"]
    report = Pipeline(MemoryStore()).ingest(["http://127.0.0.1:9/x"], IngestOptions(allow_private=True, timeout=3),
                                            analyze=False)
    assert [r.reason for r in report.rejected] == ["unreachable"]
