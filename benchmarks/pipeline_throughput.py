"""Throughput of the whole pipeline, stage by stage, per runner, and how it grows with N.

Generates N fictional articles (``storyline.synthetic``: events of 1-60 articles, wire copies,
digests, independent reports) as text files, then:

1. **stages**: ingests them in this process (inline runner) with every stage wrapped in a clock,
   and prints CPU seconds and articles/s per stage: clean (read + clean), attribution (quotes),
   store (writes), provenance, stories, actors, claims (disputes), timeline, and the rest of the
   corpus stages (reads and writes of story results). CPU time, so a loaded machine does not skew
   it. Models and word lists are loaded once on a warm-up corpus before timing.
2. **runners**: ingests them again into a fresh SQLite store per runner (local process pool, Ray)
   and prints wall-clock articles/s through every stage, the CPU seconds all of the run's
   processes used (and the rate that gives on quiet cores, a bound that holds when the machine is
   shared), the Ray/local ratio, and the growth of the time from the smallest to the largest N.

    python benchmarks/pipeline_throughput.py --n 1000 3000 [--runners local ray] [--workers 2]
    nice python benchmarks/pipeline_throughput.py --n 1000 10000 --runners local   # growth 1k -> 10k
    nice python benchmarks/pipeline_throughput.py --n 10000 100000 --runners local --tmp /big/disk  # slow

For each runner the run is also split into its two phases, per-article (read, clean, attribute,
store) and corpus (provenance, stories, claims; the pipeline runs them every 5,000 stored articles,
and the corpus phase adds its rounds up), with the CPU seconds of the parent and of all
processes in each, and the peak memory (RSS) of all processes together. The growth lines compare
consecutive sizes by wall time and by CPU seconds (the figure to trust on a shared machine).
The per-stage breakdown runs in one process, so it is skipped above ``--stages-max`` articles.

Claims (``build_disputes``) is timed on its own so its share is visible (a separate piece of work
makes it near-linear).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import storyline.analysis as analysis  # noqa: E402
import storyline.attribution as attribution  # noqa: E402
import storyline.claims as claims  # noqa: E402
import storyline.stages as stages  # noqa: E402
from storyline.pipeline import Pipeline  # noqa: E402
from storyline.runner import InlineRunner, LocalRunner, Runner  # noqa: E402
from storyline.store import MemoryStore, SqliteStore  # noqa: E402
from storyline.synthetic import generate_articles, write_corpus  # noqa: E402

TARGET_LOCAL = 12.0  # articles/s through every stage on a 2-core machine (a million a day)
# (module, attribute, stage name): what the stage clock wraps
CLOCKED = (
    (stages, "clean_stage", "clean"),
    (stages, "quotes_stage", "attribution"),
    (analysis, "run_provenance", "provenance"),
    (analysis, "run_twin_restoration", "twin restoration"),
    (analysis, "run_stories", "stories"),
    (attribution, "resolve_actors", "actors"),
    (claims, "build_disputes", "claims"),
    (claims, "build_timeline", "timeline"),
)


@contextmanager
def stage_clock() -> Iterator[dict[str, float]]:
    """Wrap each stage function so its CPU seconds add up in the yielded dict."""
    spent: dict[str, float] = defaultdict(float)
    saved = []
    for module, name, stage in CLOCKED:
        fn = getattr(module, name)
        saved.append((module, name, fn))

        def timed(*args: Any, _fn: Callable[..., Any] = fn, _stage: str = stage, **kw: Any) -> Any:
            start = time.process_time()
            try:
                return _fn(*args, **kw)
            finally:
                spent[_stage] += time.process_time() - start

        setattr(module, name, timed)
    try:
        yield spent
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


def warm_up(tmp: Path) -> None:
    """Load models and word lists (one-time costs) before anything is timed."""
    write_corpus(tmp / "warm", 40, seed=99, words=300)
    Pipeline(MemoryStore()).ingest([str(tmp / "warm")], analyze=True)


def stage_breakdown(corpus: Path, db: Path) -> tuple[dict[str, float], float, float, int]:
    store = SqliteStore(db)
    pipeline = Pipeline(store, InlineRunner())
    with stage_clock() as spent:
        start = time.process_time()
        report = pipeline.ingest([str(corpus)], analyze=False)  # per-article stages and the store
        ingested = time.process_time() - start
        corpus_start = time.process_time()
        pipeline.store.close()
        store = SqliteStore(db)
        # analysis as ingest(analyze=True) runs it, with attribution (quotes) done per article first
        # (a store-only ingest keeps no list of ids: they are read back, by date)
        from storyline.stages import quotes_stage

        ids = [a.id for a in store.iter_articles()]  # a fresh store: every article is this run's
        with store.transaction():
            for aid in ids:
                a = store.get_article(aid)
                if a is not None:
                    store.put_quotes(a.id, quotes_stage(a))
        analysis.run_corpus_stages(store, ids)
        total = ingested + time.process_time() - corpus_start
    store.close()
    result = dict(spent)
    result["store+read"] = ingested - result.get("clean", 0.0)
    corpus_named = sum(result.get(k, 0.0) for k in ("attribution", "provenance", "twin restoration", "stories",
                                                    "actors", "claims", "timeline"))
    result["corpus reads/writes"] = total - ingested - corpus_named
    return result, total, ingested, report.ingested


def _runner(kind: str, workers: int) -> tuple[Runner, float]:
    start = time.perf_counter()
    if kind == "local":
        runner: Runner = LocalRunner(workers=workers)
    else:
        from storyline.ray_runner import RayRunner

        runner = RayRunner(workers=workers)
    runner.map(len, ["warm", "up"] * 32)  # start the pool (or Ray) before timing
    return runner, time.perf_counter() - start


class ProcessMonitor:
    """Samples this process and its descendants (pool or Ray workers) twice a second: ``cpu()``
    is the CPU seconds they used so far, counting workers that have exited since (their last
    sample), and ``peak`` the largest RSS of all of them together, in bytes."""

    def __init__(self) -> None:
        import psutil

        self.peak = 0
        self._me = psutil.Process()
        self._cpu: dict[tuple[int, float], float] = {}  # (pid, start time) -> CPU seconds
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        import psutil

        rss = 0
        with self._lock:
            for proc in [self._me, *self._me.children(recursive=True)]:
                try:
                    with proc.oneshot():
                        t = proc.cpu_times()
                        self._cpu[(proc.pid, proc.create_time())] = t.user + t.system
                        rss += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, rss)

    def cpu(self) -> float:
        self.sample()
        with self._lock:
            return sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def __enter__(self) -> ProcessMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def phase_clock(monitor: ProcessMonitor) -> Iterator[dict[str, float]]:
    """Clocks (wall, parent CPU, all-process CPU) spent in the corpus stages, added up over the
    pipeline's rounds of analysis (``rounds``: how many); the rest of the run is the article phase
    (the workers go on cleaning the batches in hand during a round, a small overlap)."""
    spent: dict[str, float] = {"wall": 0.0, "cpu": 0.0, "tree": 0.0, "rounds": 0}
    run = analysis.run_corpus_stages

    def timed(*args: Any, **kwargs: Any) -> dict[str, int]:
        wall, cpu, tree = time.perf_counter(), time.process_time(), monitor.cpu()
        try:
            return run(*args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.process_time() - cpu
            spent["tree"] += monitor.cpu() - tree
            spent["rounds"] += 1

    analysis.run_corpus_stages = timed  # type: ignore[assignment]
    try:
        yield spent
    finally:
        analysis.run_corpus_stages = run  # type: ignore[assignment]


def measure(kind: str, workers: int, corpus: Path, db: Path) -> dict[str, float]:
    runner, startup = _runner(kind, workers)
    store = SqliteStore(db)
    try:
        with ProcessMonitor() as memory, phase_clock(memory) as in_corpus:
            start = time.perf_counter()
            cpu = time.process_time()
            tree = memory.cpu()
            report = Pipeline(store, runner).ingest([str(corpus)], analyze=True)
            elapsed = time.perf_counter() - start
            cpu_end = time.process_time()
            tree_end = memory.cpu()  # before the workers go away with the runner
    finally:
        runner.close()
        store.close()
    stored = report.ingested + report.updated
    tree_cpu = tree_end - tree
    return {"stored": stored, "rejected": len(report.rejected), "seconds": elapsed, "parent_cpu": cpu_end - cpu,
            "tree_cpu": tree_cpu, "quiet_rate": stored / (tree_cpu / workers) if tree_cpu else 0.0,
            "rate": stored / elapsed if elapsed else 0.0, "startup": startup,
            "stories": report.analysis.get("stories touched", 0),
            "edges": report.analysis.get("provenance edges", 0),
            "article_wall": elapsed - in_corpus["wall"], "article_cpu": cpu_end - cpu - in_corpus["cpu"],
            "article_tree": tree_cpu - in_corpus["tree"], "corpus_wall": in_corpus["wall"],
            "corpus_cpu": in_corpus["cpu"], "corpus_tree": in_corpus["tree"], "rounds": in_corpus["rounds"],
            "peak_rss": memory.peak}


def growth(results: dict[tuple[str, int], dict[str, float]], kinds: list[str]) -> None:
    """How time grows between consecutive sizes, by wall clock and by CPU seconds."""
    for kind in kinds:
        sizes = sorted(n for k, n in results if k == kind)
        if len(sizes) < 2:
            continue
        per = [f"{n:,}: {1000 * results[(kind, n)]['seconds'] / n:.1f} ms/article" for n in sizes]
        print(f"{kind}: {'; '.join(per)}")
        for a_n, b_n in zip(sizes, sizes[1:], strict=False):
            a, b = results[(kind, a_n)], results[(kind, b_n)]
            line = f"  {a_n:,} -> {b_n:,} articles (x{b_n / a_n:.1f}): wall time x{b['seconds'] / a['seconds']:.2f}"
            if "tree_cpu" in a:
                line += f", CPU s x{b['tree_cpu'] / a['tree_cpu']:.2f}"
                for phase in ("article", "corpus"):
                    if a[f"{phase}_tree"] > 0:
                        line += f" ({phase} phase x{b[f'{phase}_tree'] / a[f'{phase}_tree']:.2f})"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--runners", nargs="*", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    parser.add_argument("--stages-max", type=int, default=3000, help="no per-stage breakdown above this many")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the corpora and stores (100k: ~3 GB)")
    args = parser.parse_args()
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp_name:
        tmp = Path(tmp_name)
        warm_up(tmp)
        for n in args.n:
            corpus = tmp / f"corpus{n}"
            t0 = time.perf_counter()
            write_corpus(corpus, n, seed=args.seed, words=args.words)
            events = len({a.story for a in generate_articles(n, args.seed, words=args.words)})
            print(f"n={n:,}: generated {n} articles of {events} events in {time.perf_counter() - t0:.1f} s "
                  "(not timed)", flush=True)
            if not args.no_stages and n <= args.stages_max:
                spent, total, _ingest, stored = stage_breakdown(corpus, tmp / f"stages-{n}.db")
                results[("stages", n)] = {"seconds": total}
                print(f"  stages (inline, CPU s; {stored} stored): total {total:.1f} s = {n / total:.1f} articles/s")
                for stage, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
                    rate = n / sec if sec > 0 else float("inf")
                    print(f"    {stage:20s} {sec:8.2f} s  {100 * sec / total:5.1f}%  {rate:9.1f} articles/s")
            for kind in args.runners:
                db = tmp / f"{kind}-{n}.db"
                r = measure(kind, args.workers, corpus, db)
                for leftover in tmp.glob(f"{db.name}*"):
                    leftover.unlink()
                results[(kind, n)] = r
                print(f"  {kind:5s}: {r['stored']:.0f} stored, {r['rejected']:.0f} rejected, {r['stories']:.0f} "
                      f"stories, {r['edges']:.0f} edges; {r['seconds']:.1f} s wall ({r['parent_cpu']:.1f} s CPU "
                      f"in the parent) = {r['rate']:.1f} articles/s (runner start-up {r['startup']:.1f} s, "
                      "not counted)", flush=True)
                print(f"         {r['tree_cpu']:.1f} CPU s in all its processes = {r['quiet_rate']:.1f} articles/s "
                      f"on {args.workers} quiet cores if all were busy; peak memory {r['peak_rss'] / 2**30:.2f} GiB",
                      flush=True)
                for phase in ("article", "corpus"):
                    wall, cpu, all_cpu = (r[f"{phase}_{x}"] for x in ("wall", "cpu", "tree"))
                    rounds = f" ({r['rounds']:.0f} rounds)" if phase == "corpus" else ""
                    print(f"         {phase:7s} phase: {wall:7.1f} s wall, {cpu:7.1f} CPU s in the parent, "
                          f"{all_cpu:7.1f} CPU s in all{rounds}", flush=True)
            if ("local", n) in results and ("ray", n) in results:
                ratio = results[("ray", n)]["rate"] / results[("local", n)]["rate"]
                cpu_ratio = results[("ray", n)]["quiet_rate"] / results[("local", n)]["quiet_rate"]
                print(f"  ray/local throughput ratio {ratio:.2f} (wall), {cpu_ratio:.2f} (by CPU seconds)")
            shutil.rmtree(corpus, ignore_errors=True)
    growth(results, ["stages", *args.runners])
    local = [r["rate"] for (k, _n), r in results.items() if k == "local"]
    if local:
        worst = min(local)
        print(f"local target {TARGET_LOCAL} articles/s: {'met' if worst >= TARGET_LOCAL else 'NOT met'} "
              f"(slowest size {worst:.1f})")


if __name__ == "__main__":
    main()
