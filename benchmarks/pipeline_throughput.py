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

Claims (``build_disputes``) is timed on its own so its share is visible (a separate piece of work
makes it near-linear).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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
        from storyline.stages import quotes_stage

        with store.transaction():
            for a in store.iter_articles():
                store.put_quotes(a.id, quotes_stage(a))
        analysis.run_corpus_stages(store, report.article_ids)
        total = ingested + time.process_time() - corpus_start
    store.close()
    result = dict(spent)
    result["store+read"] = ingested - result.get("clean", 0.0)
    corpus_named = sum(result.get(k, 0.0) for k in ("attribution", "provenance", "stories", "actors", "claims",
                                                    "timeline"))
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


def _tree_cpu() -> float:
    """CPU seconds used so far by this process and every live descendant (pool or Ray workers)."""
    import psutil

    total = 0.0
    me = psutil.Process()
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


def measure(kind: str, workers: int, corpus: Path, db: Path) -> dict[str, float]:
    runner, startup = _runner(kind, workers)
    store = SqliteStore(db)
    try:
        start = time.perf_counter()
        cpu = time.process_time()
        tree = _tree_cpu()
        report = Pipeline(store, runner).ingest([str(corpus)], analyze=True)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
        tree = _tree_cpu() - tree  # before the workers go away with the runner
    finally:
        runner.close()
        store.close()
    stored = report.ingested + report.updated
    return {"stored": stored, "rejected": len(report.rejected), "seconds": elapsed, "parent_cpu": cpu,
            "tree_cpu": tree, "quiet_rate": stored / (tree / workers) if tree else 0.0,
            "rate": stored / elapsed if elapsed else 0.0, "startup": startup,
            "stories": report.analysis.get("stories touched", 0),
            "edges": report.analysis.get("provenance edges", 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--runners", nargs="*", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        warm_up(tmp)
        for n in args.n:
            corpus = tmp / f"corpus{n}"
            t0 = time.perf_counter()
            write_corpus(corpus, n, seed=args.seed, words=args.words)
            events = len({a.story for a in generate_articles(n, args.seed, words=args.words)})
            print(f"n={n:,}: generated {n} articles of {events} events in {time.perf_counter() - t0:.1f} s "
                  "(not timed)", flush=True)
            if not args.no_stages:
                spent, total, _ingest, stored = stage_breakdown(corpus, tmp / f"stages-{n}.db")
                results[("stages", n)] = {"seconds": total}
                print(f"  stages (inline, CPU s; {stored} stored): total {total:.1f} s = {n / total:.1f} articles/s")
                for stage, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
                    rate = n / sec if sec > 0 else float("inf")
                    print(f"    {stage:20s} {sec:8.2f} s  {100 * sec / total:5.1f}%  {rate:9.1f} articles/s")
            for kind in args.runners:
                r = measure(kind, args.workers, corpus, tmp / f"{kind}-{n}.db")
                results[(kind, n)] = r
                print(f"  {kind:5s}: {r['stored']:.0f} stored, {r['rejected']:.0f} rejected, {r['stories']:.0f} "
                      f"stories, {r['edges']:.0f} edges; {r['seconds']:.1f} s wall ({r['parent_cpu']:.1f} s CPU "
                      f"in the parent) = {r['rate']:.1f} articles/s (runner start-up {r['startup']:.1f} s, "
                      "not counted)", flush=True)
                print(f"         {r['tree_cpu']:.1f} CPU s in all its processes = {r['quiet_rate']:.1f} articles/s "
                      f"on {args.workers} quiet cores if all were busy", flush=True)
            if ("local", n) in results and ("ray", n) in results:
                ratio = results[("ray", n)]["rate"] / results[("local", n)]["rate"]
                cpu_ratio = results[("ray", n)]["quiet_rate"] / results[("local", n)]["quiet_rate"]
                print(f"  ray/local throughput ratio {ratio:.2f} (wall), {cpu_ratio:.2f} (by CPU seconds)")
    for kind in ("stages", *args.runners):
        sizes = sorted(n for k, n in results if k == kind)
        if len(sizes) > 1:
            a, b = results[(kind, sizes[0])], results[(kind, sizes[-1])]
            growth = b["seconds"] / a["seconds"]
            per = [f"{n:,}: {1000 * results[(kind, n)]['seconds'] / n:.1f} ms/article" for n in sizes]
            print(f"{kind}: time x{growth:.2f} for x{sizes[-1] / sizes[0]:.1f} articles ({'; '.join(per)})")
    local = [r["rate"] for (k, _n), r in results.items() if k == "local"]
    if local:
        worst = min(local)
        print(f"local target {TARGET_LOCAL} articles/s: {'met' if worst >= TARGET_LOCAL else 'NOT met'} "
              f"(slowest size {worst:.1f})")


if __name__ == "__main__":
    main()
