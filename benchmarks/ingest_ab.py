"""Same-run A/B of plain-text ingest between two source trees, and a check that both build the same store.

    git worktree add --detach /tmp/wt-main main
    python benchmarks/ingest_ab.py --old /tmp/wt-main/src --new src --n 20000 --rounds 2

Generates one corpus (benchmarks/ingest.py's generator), then ingests it with the old and the new
code in turn (each in a fresh process, ``--rounds`` times, alternating), printing the CPU time per
article of the storing process and of the workers, and articles/s. On a shared, noisy machine the
CPU per article of each process, compared within one run, is the number to trust; ``--together``
runs the two at the same time, so a change in the other jobs' load between them does not show as
a difference (the CPU per article of each stays comparable; articles/s does not). Then it compares
the two stores of the last round: the same article rows, documents (``ingested_at`` aside), resume
marks, rejections and full-text search results (ids and ranks of many queries), and runs FTS5's
integrity check on both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import generate  # noqa: E402

_CHILD = r"""
import contextlib, os, sys, time
import psutil
from storyline.ingest import IngestOptions
from storyline.pipeline import Pipeline
from storyline.runner import LocalRunner
from storyline.store import SqliteStore


def cpu(p):
    t = p.cpu_times()
    return t.user + t.system


def main():
    corpus, db = sys.argv[1], sys.argv[2]
    me = psutil.Process()
    c0, w0 = cpu(me), time.perf_counter()
    store = SqliteStore(db)
    with LocalRunner(workers=2, preload=False) as runner:
        report = Pipeline(store, runner, batch_size=512).ingest([corpus], IngestOptions(), analyze=False)
        wall = time.perf_counter() - w0
        workers = 0.0
        for child in me.children():
            with contextlib.suppress(psutil.Error):
                workers += sum(cpu(w) for w in child.children(recursive=True))
    store.close()
    print(report.ingested, wall, cpu(me) - c0, workers)


if __name__ == "__main__":
    main()
"""


def start(src: str, corpus: Path, db: Path, script: Path) -> subprocess.Popen[str]:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": src, "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(script), str(corpus), str(db)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)


def result(proc: subprocess.Popen[str]) -> tuple[int, float, float, float]:
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"an ingest run failed (exit status {proc.returncode})")
    n, wall, main_cpu, workers = out.split()
    return int(n), float(wall), float(main_cpu), float(workers)


def run_once(src: str, corpus: Path, db: Path, script: Path) -> tuple[int, float, float, float]:
    return result(start(src, corpus, db, script))


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    return conn.execute(sql, params).fetchall()


def _docs(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    out = []
    for seq, aid, version, doc in _rows(conn, "SELECT seq, id, version, doc FROM article_versions ORDER BY seq"):
        fields = json.loads(doc)
        fields.pop("ingested_at", None)
        out.append((seq, aid, version, fields))
    return out


def compare_stores(old_db: Path, new_db: Path) -> list[str]:
    """What differs between the two stores (empty: the same contents and search results)."""
    old, new = sqlite3.connect(old_db), sqlite3.connect(new_db)
    diffs: list[str] = []
    tables = {
        "articles": "SELECT rowid, id, version, source, url, outlet, title, published, updated, text"
        " FROM articles ORDER BY rowid",
        "rejections": "SELECT source, stage, reason FROM rejections ORDER BY seq",
        "state": "SELECT name, data FROM state ORDER BY name",
        "quotes": "SELECT id, article_id, actor, speaker, content_text FROM quotes ORDER BY seq",
    }
    for name, sql in tables.items():
        if _rows(old, sql) != _rows(new, sql):
            diffs.append(name)
    if _docs(old) != _docs(new):
        diffs.append("article documents")
    for conn in (old, new):
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            diffs.append(f"FTS integrity ({exc})")
    texts = _rows(old, "SELECT text FROM articles ORDER BY rowid LIMIT 200")
    words = sorted({w.strip('.,"') for (t,) in texts for w in str(t).split()} - {""})
    rng = random.Random(1)
    queries = words + [" ".join(rng.sample(words, k)) for k in (2, 3) for _ in range(60)] if words else []
    search = (
        "SELECT a.id, round(f.rank, 9) FROM articles a JOIN articles_fts f ON f.rowid = a.rowid"
        " WHERE articles_fts MATCH ? ORDER BY f.rank, a.id LIMIT 50"
    )
    count = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    for q in queries:
        match = " ".join('"' + w.replace('"', '""') + '"' for w in q.split())
        if _rows(old, search, (match,)) != _rows(new, search, (match,)) or _rows(old, count, (match,)) != _rows(
            new, count, (match,)
        ):
            diffs.append(f"search {q!r}")
            break
    return diffs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True, help="the src folder of the baseline")
    ap.add_argument("--new", required=True, help="the src folder to compare")
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--corpus", help="a corpus folder to reuse (default: generate --n articles)")
    ap.add_argument(
        "--together",
        action="store_true",
        help="run old and new at the same time in each round, so both see the same load from other jobs"
        " (articles/s then counts the two runs sharing the cores)",
    )
    args = ap.parse_args()
    if args.corpus and not Path(args.corpus).is_dir():
        ap.error(f"--corpus {args.corpus}: no such folder")
    tmp = Path(tempfile.mkdtemp(prefix="storyline-ingest-ab-"))
    try:
        corpus = Path(args.corpus) if args.corpus else tmp / "corpus"
        if not args.corpus:
            generate(corpus, args.n, "text")
        script = tmp / "child.py"
        script.write_text(_CHILD)
        totals = {"old": [0.0, 0.0, 0.0], "new": [0.0, 0.0, 0.0]}
        for r in range(args.rounds):
            runs = [(label, os.path.abspath(src)) for label, src in (("old", args.old), ("new", args.new))]
            if args.together:  # both at once: the same background load on both
                procs = [(label, start(src, corpus, tmp / f"{label}.db", script)) for label, src in runs]
                done = [(label, result(proc)) for label, proc in procs]
            else:
                done = [(label, run_once(src, corpus, tmp / f"{label}.db", script)) for label, src in runs]
            for label, (n, wall, main_cpu, workers) in done:
                for k, value in enumerate((n, main_cpu, workers)):
                    totals[label][k] += value
                print(
                    f"round {r + 1} {label}: {n:,} articles, {n / wall:,.0f}/s; CPU per article: storing process "
                    f"{1000 * main_cpu / n:.3f} ms, workers {1000 * workers / n:.3f} ms, "
                    f"total {1000 * (main_cpu + workers) / n:.3f} ms",
                    flush=True,
                )
        (n_old, main_old, work_old), (n_new, main_new, work_new) = totals["old"], totals["new"]
        print(
            f"new/old CPU per article over all rounds: storing process {main_new / n_new / (main_old / n_old):.3f}, "
            f"workers {work_new / n_new / (work_old / n_old):.3f}, "
            f"total {(main_new + work_new) / n_new / ((main_old + work_old) / n_old):.3f}"
        )
        diffs = compare_stores(tmp / "old.db", tmp / "new.db")
        print("stores: the same contents and search results" if not diffs else f"stores differ: {', '.join(diffs)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
