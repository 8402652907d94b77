"""Ingest throughput: plain-text files and ~20 KB HTML pages into SQLite, with peak memory.

    python benchmarks/ingest.py --n 100000 --kind text
    python benchmarks/ingest.py --n 20000 --kind html

Generates a corpus of fictional articles (seeded) into a temporary folder, ingests it with the
local runner (cleaning included, later stages off: --no-analyze) and prints articles/s and the
peak RSS measured at checkpoints, so memory growth with corpus size is visible.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.ingest import IngestOptions  # noqa: E402
from storyline.pipeline import Pipeline  # noqa: E402
from storyline.runner import LocalRunner  # noqa: E402
from storyline.store import SqliteStore  # noqa: E402

WORDS = [
    "harbour",
    "minister",
    "talks",
    "levy",
    "strait",
    "delegation",
    "council",
    "ferry",
    "tariff",
    "customs",
    "agreement",
    "draft",
    "negotiators",
    "summit",
    "officials",
    "border",
    "trade",
    "vessel",
    "port",
    "inspection",
    "quota",
    "schedule",
    "surcharge",
    "parliament",
    "spokesman",
    "statement",
    "briefing",
    "record",
    "document",
    "transit",
    "route",
    "cargo",
    "freight",
]
NAMES = ["Mira Vale", "Teodor Vask", "Annika Hollis", "Bram Okafor", "Ines Marr", "Jonas Brill"]
PLACES = ["Port Alder", "Wickham", "Sorrel", "Brenholm", "Kessel", "Eastport"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 24))]
    if rng.random() < 0.3:
        return f'"{" ".join(words).capitalize()}," {rng.choice(NAMES)} said in {rng.choice(PLACES)}.'
    return " ".join(words).capitalize() + "."


def article_text(rng: random.Random, words: int) -> str:
    paras, n = [], 0
    while n < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        paras.append(para)
        n += len(para.split())
    return "\n\n".join(paras)


def html_page(rng: random.Random, i: int) -> str:
    """A news page of about 20 KB: head with metadata, styles and scripts, navigation, a cookie
    banner, the article, related links and a footer."""
    nav = "".join(f"<li class='menu-item'><a href='/section/{k}'>Section {k}</a></li>" for k in range(40))
    related = "".join(f"<li><a href='/r/{i}/{k}'>{sentence(rng)}</a></li>" for k in range(12))
    body = "".join(f"<p>{p}</p>" for p in article_text(rng, 650).split("\n\n"))
    tracking = "".join(f"window.dataLayer.push({{'slot{k}': 'story-{i}-{k}', 'ord': {rng.random():.8f}}});"
                       for k in range(110))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Story {i}</title>"
        f"<link rel='canonical' href='https://news.example/{i}'>"
        f"<meta property='article:published_time' content='2025-03-{1 + i % 28:02d}T10:00:00Z'>"
        f"<style>{'.x{color:red}' * 150}</style><script>{tracking}</script></head>"
        f"<body><nav><ul>{nav}</ul></nav>"
        f"<div class='cookie'>We use cookies. <button>Accept</button></div>"
        f"<article><h1>Story {i}</h1><p class='byline'>By {rng.choice(NAMES)}</p>{body}</article>"
        f"<aside class='related'><h2>Related</h2><ul>{related}</ul></aside>"
        f"<footer>{'<p>Footer links and legal text.</p>' * 20}</footer></body></html>"
    )


def generate(folder: Path, n: int, kind: str, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        if kind == "html":
            data = html_page(rng, i)
            (sub / f"{i}.html").write_text(data)
        else:
            data = article_text(rng, 700)
            (sub / f"{i}.txt").write_text(data)
        total += len(data)
    return total


def cpu_seconds(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def tree_cpu_seconds() -> tuple[float, float, float]:
    """CPU seconds used so far by this process, its children (the pool's fork server, which
    imports the cleaning modules once, and the resource tracker) and their children (the workers)."""
    me = psutil.Process()
    children = workers = 0.0
    for child in me.children():
        with contextlib.suppress(psutil.Error):  # one that just ended
            children += cpu_seconds(child)
            for worker in child.children(recursive=True):
                workers += cpu_seconds(worker)
    return cpu_seconds(me), children, workers


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--kind", choices=["text", "html"], default="text")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--checkpoint", type=int, default=10_000)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="storyline-ingest-"))
    try:
        t0 = time.perf_counter()
        size = generate(tmp / "corpus", args.n, args.kind)
        print(
            f"generated {args.n:,} {args.kind} articles ({size / args.n / 1024:.1f} KB avg) "
            f"in {time.perf_counter() - t0:.1f}s",
            file=sys.stderr,
        )
        main_cpu0, _, _ = tree_cpu_seconds()
        store = SqliteStore(tmp / "bench.db")
        marks: list[str] = []
        done = 0
        start = time.perf_counter()

        def progress(event: str, amount: int) -> None:
            nonlocal done
            if event != "article":
                return
            before = done
            done += amount
            if done // args.checkpoint != before // args.checkpoint:
                elapsed = time.perf_counter() - start
                marks.append(f"  {done:>8,} articles  {done / elapsed:8.1f}/s  peak RSS {rss_mb():7.1f} MB")
                print(marks[-1], file=sys.stderr)

        with LocalRunner(workers=args.workers, preload=False) as runner:  # no analysis: cleaning's models only
            pipeline = Pipeline(store, runner, progress=progress, batch_size=512)
            report = pipeline.ingest([str(tmp / "corpus")], IngestOptions(), analyze=False)
            elapsed = time.perf_counter() - start
            main_cpu, startup_cpu, worker_cpu = tree_cpu_seconds()
        main_cpu -= main_cpu0
        assert report.ingested == args.n, (report.ingested, report.rejection_reasons())
        print(
            f"{args.kind} ingest: {args.n:,} articles in {elapsed:.1f}s = {args.n / elapsed:,.0f} articles/s "
            f"(workers={args.workers}); peak RSS (main process) {rss_mb():.0f} MB"
        )
        total = main_cpu + worker_cpu
        print(
            f"  CPU per article: {1000 * total / args.n:.2f} ms (main process {1000 * main_cpu / args.n:.2f} ms, "
            f"workers {1000 * worker_cpu / args.n:.2f} ms), plus {startup_cpu:.1f} s once for the pool's "
            f"start-up; CPU-bound rate on 2 cores {2 * args.n / total:,.0f} articles/s "
            f"({2 * args.n / (total + startup_cpu):,.0f}/s with the start-up)"
        )
        for m in marks:
            print(m)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    threading.stack_size(0)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
