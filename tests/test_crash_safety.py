"""Crash safety: SIGKILL an ingest at random moments; the database stays whole and a rerun finishes.

After every kill: SQLite's integrity check passes, no half-stored article is visible (every article
row has its version row and its full-text row), and at the end a rerun stores every article exactly
once. The fast variant (3 kills) runs in the default suite; the 20-kill run is marked slow.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.synthetic import write_corpus

REPO = Path(__file__).resolve().parent.parent
TEXT_FILES, JSONL_RECORDS = 1500, 1500
EXPECTED = TEXT_FILES + JSONL_RECORDS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crash-corpus")
    write_corpus(root / "text", TEXT_FILES, seed=5, words=80)
    write_corpus(root / "jsonl", JSONL_RECORDS, seed=6, kind="jsonl", per_file=500, words=80)
    return root


def _ingest(db: Path, corpus: Path, *analysis: str) -> subprocess.Popen[bytes]:
    """``storyline ingest`` of ``corpus``; store-only unless ``analysis`` options are given."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "--db",
            str(db),
            "ingest",
            str(corpus),
            *(analysis or ["--no-analyze"]),
            "--format",
            "json",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # the ingest and its workers, at once, no warning
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def check_consistent(db: Path) -> int:
    """Assert the database is whole and shows only whole articles; return the article count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM article_versions v WHERE v.id = a.id AND v.version = a.version)"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} article rows without their version row"
        indexed = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        assert indexed == articles, f"{indexed} full-text rows for {articles} articles"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        missing = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.rowid)"
        ).fetchone()[0]
        assert missing == 0
        return int(articles)
    finally:
        conn.close()


def _run_kills(corpus: Path, db: Path, kills: int, seed: int, latest: float = 9.0) -> list[int]:
    rng = random.Random(seed)
    counts = []
    for _ in range(kills):
        proc = _ingest(db, corpus)
        time.sleep(rng.uniform(0.5, latest))
        _kill_group(proc)
        counts.append(check_consistent(db) if db.exists() else 0)
    proc = _ingest(db, corpus)
    _out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs.decode()
    assert check_consistent(db) == EXPECTED
    conn = sqlite3.connect(db)
    try:
        ids = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        versions = conn.execute(
            "SELECT count(*), count(DISTINCT id || version) FROM article_versions"
        ).fetchone()
    finally:
        conn.close()
    assert ids == (EXPECTED, EXPECTED)
    assert versions == (EXPECTED, EXPECTED)  # every article stored exactly once
    return counts


def test_crash_safety_survives_three_kills(corpus: Path, tmp_path: Path) -> None:
    counts = _run_kills(corpus, tmp_path / "crash.db", kills=3, seed=7, latest=5.0)
    assert counts == sorted(counts)  # progress is kept across kills, never lost


@pytest.mark.slow
def test_crash_safety_survives_twenty_kills(corpus: Path, tmp_path: Path) -> None:
    counts = _run_kills(corpus, tmp_path / "crash.db", kills=20, seed=2026)
    assert counts == sorted(counts)
    print("articles stored at each kill:", counts)


def _wait_for_queue(db: Path, proc: subprocess.Popen[bytes], low: int, high: int, timeout: float = 180.0) -> None:
    """Until the ingest has between ``low`` and ``high`` articles queued for analysis."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if db.exists():
            with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(db, timeout=1)) as conn:
                if low <= conn.execute("SELECT count(*) FROM analysis_queue").fetchone()[0] <= high:
                    return
        time.sleep(0.05)


def test_crash_safety_kills_during_analysis_leave_nothing_unanalysed(tmp_path: Path) -> None:
    """Killed while the corpus stages run (in rounds of 40), first in the first round, then
    after a round: every rerun finds the articles the killed run stored but did not analyse still
    queued, and the last one leaves every article in a story with nothing queued."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 160, seed=8, words=120)
    db = tmp_path / "analysed.db"
    rng = random.Random(11)
    queued = []
    for low, high in ((1, 160), (1, 120)):  # queued: any; then at least one round done
        proc = _ingest(db, corpus, "--analyze-every", "40")
        _wait_for_queue(db, proc, low, high)  # then kill at a random moment of the analysis
        time.sleep(rng.uniform(0.0, 2.0))
        _kill_group(proc)
        if db.exists():
            check_consistent(db)
            with contextlib.closing(sqlite3.connect(db)) as conn:
                queued.append(conn.execute("SELECT count(*) FROM analysis_queue").fetchone()[0])
    assert queued[-1] <= 120  # the round done before the second kill stays done
    proc = _ingest(db, corpus, "--analyze-every", "40")
    _out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs.decode()
    assert check_consistent(db) == 160
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM analysis_queue").fetchone()[0] == 0
        in_stories = conn.execute("SELECT count(DISTINCT article_id) FROM story_articles").fetchone()[0]
        assert in_stories == 160
        assert conn.execute("SELECT count(*) FROM propositions").fetchone()[0] > 0
    print("articles queued after each kill:", queued)
