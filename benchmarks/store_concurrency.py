"""Readers against a writing ingest (SQLite WAL): no "database is locked", no failed reads.

An ingest subprocess writes generated articles into a database (restarted with fresh corpora until
the time is up) while this process reads it the way the web server does: counts, listings,
full-text searches and single articles, through a second store. It prints the reads done, their
latency, and every failure.

    python benchmarks/store_concurrency.py [--seconds 60] [--analyze]

The web server (``storyline.web.create_app``) is used instead of the raw store when it exists.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from storyline.store import SqliteStore  # noqa: E402
from storyline.synthetic import write_corpus  # noqa: E402


@dataclass
class ReadStats:
    reads: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    writer_runs: int = 0
    articles_seen: int = 0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _start_writer(db: Path, corpus: Path, analyze: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-m", "storyline", "--db", str(db), "ingest", str(corpus), "--format", "json"]
    if not analyze:
        cmd.append("--no-analyze")
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _read_once(store: SqliteStore, stats: ReadStats) -> None:
    start = time.perf_counter()
    try:
        stats.articles_seen = store.count_articles()
        listed = list(store.iter_articles(limit=20))
        list(store.iter_articles(search="talks agreement", limit=10))
        if listed:
            assert store.get_article(listed[-1].id) is not None
        store.stories()
        store.rejections()
    except Exception as exc:  # noqa: BLE001 - every failure is what we measure
        stats.failures.append(f"{type(exc).__name__}: {exc}")
    else:
        stats.reads += 1
    stats.latencies.append(time.perf_counter() - start)


def run(
    seconds: float, workdir: Path, *, analyze: bool = False, batch: int = 1500, seed: int = 0
) -> ReadStats:
    """Write for ``seconds`` while reading; return what the reader saw. Reading goes on past
    ``seconds`` (up to two minutes more) until the writer's first commit is seen, so that a slow
    start on a loaded machine still tests reads against a writing ingest."""
    db = workdir / "concurrency.db"
    SqliteStore(db).close()  # create the schema before anyone reads
    reader = SqliteStore(db, readonly=True)
    stats = ReadStats()
    deadline = time.monotonic() + seconds
    writer: subprocess.Popen[bytes] | None = None
    try:
        hard_deadline = deadline + 120
        while time.monotonic() < deadline or (stats.articles_seen == 0 and time.monotonic() < hard_deadline):
            if writer is None or writer.poll() is not None:
                if writer is not None and writer.returncode != 0:
                    stats.failures.append(
                        f"writer failed ({writer.returncode}): " + writer.stderr.read().decode()[-500:]
                    )  # type: ignore[union-attr]
                corpus = workdir / f"corpus{stats.writer_runs}"
                write_corpus(corpus, batch, seed=seed + stats.writer_runs, words=120)
                writer = _start_writer(db, corpus, analyze)
                stats.writer_runs += 1
            _read_once(reader, stats)
            time.sleep(0.005)
    finally:
        if writer is not None:
            interrupted = writer.poll() is None
            if interrupted:  # time is up: interrupt it like a user would (Ctrl-C)
                writer.send_signal(signal.SIGINT)
            writer.wait(timeout=600)
            err = writer.stderr.read().decode()[-500:]  # type: ignore[union-attr]
            # interrupted by us: not a failure, also when the signal came while Python was still
            # starting up (before the CLI's handler exists, it ends in a bare KeyboardInterrupt)
            ours = interrupted and err.rstrip().endswith("KeyboardInterrupt")
            if writer.returncode not in (0, 130, -signal.SIGINT) and not ours:
                stats.failures.append(f"writer failed ({writer.returncode}): " + err)
        reader.close()
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--analyze", action="store_true", help="run every stage in the writer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stats = run(args.seconds, Path(tmp), analyze=args.analyze)
    print(
        f"{args.seconds:.0f} s: {stats.reads} reads ({stats.reads / args.seconds:.1f}/s), "
        f"{len(stats.failures)} failed; latency p50 {stats.percentile(0.5) * 1000:.1f} ms, "
        f"p99 {stats.percentile(0.99) * 1000:.1f} ms, max {max(stats.latencies, default=0) * 1000:.1f} ms; "
        f"{stats.writer_runs} ingest run(s), {stats.articles_seen} articles at the end"
    )
    for failure in stats.failures[:20]:
        print("  failure:", failure)
    sys.exit(1 if stats.failures else 0)


if __name__ == "__main__":
    main()
