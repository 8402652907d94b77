"""Throughput of the whole pipeline (read, clean, attribute, store, corpus stages) per runner.

Generates N fictional ~700-word articles (names, quotes, dates; benchmarks/corpus_gen.py) as text
files, then ingests them into a fresh SQLite database with every stage on, once per runner, and
prints articles/s for each, the Ray/local ratio, and how the time grows with N.

    python benchmarks/pipeline_throughput.py --n 1000 10000 [--runners local ray] [--workers 2]

Corpus generation is not timed. Ray's start-up is timed separately from the ingest. Which stages
ran is printed (stages not yet installed are skipped by the pipeline).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.pipeline import Pipeline  # noqa: E402
from storyline.runner import LocalRunner, Runner  # noqa: E402
from storyline.store import SqliteStore  # noqa: E402
from storyline.synthetic import write_corpus  # noqa: E402

TARGET_LOCAL = 12.0  # articles/s through every stage on a 2-core machine (a million a day)
STAGE_MODULES = (
    "storyline.cleaning",
    "storyline.attribution",
    "storyline.provenance",
    "storyline.stories",
    "storyline.claims",
    "storyline.timeline",
)


def _runner(kind: str, workers: int) -> tuple[Runner, float]:
    start = time.perf_counter()
    if kind == "local":
        runner: Runner = LocalRunner(workers=workers)
        runner.map(len, ["warm", "up"] * 32)  # start the pool (and its preload) before timing
    else:
        from storyline.ray_runner import RayRunner

        runner = RayRunner(workers=workers)
        runner.map(len, ["warm", "up"] * 32)
    return runner, time.perf_counter() - start


def measure(n: int, kind: str, workers: int, workdir: Path, corpus: Path) -> dict[str, float]:
    runner, startup = _runner(kind, workers)
    db = workdir / f"{kind}-{n}.db"
    store = SqliteStore(db)
    try:
        start = time.perf_counter()
        report = Pipeline(store, runner).ingest([str(corpus)], analyze=True)
        elapsed = time.perf_counter() - start
    finally:
        runner.close()
        store.close()
    stored = report.ingested + report.updated
    return {
        "n": n,
        "stored": stored,
        "rejected": len(report.rejected),
        "seconds": elapsed,
        "rate": stored / elapsed if elapsed else 0.0,
        "startup": startup,
        **{f"analysis.{k}": v for k, v in report.analysis.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runners", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    present = [m for m in STAGE_MODULES if importlib.util.find_spec(m) is not None]
    print("stages present:", ", ".join(m.rsplit(".", 1)[1] for m in present))
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            corpus = Path(tmp) / f"corpus{n}"
            t0 = time.perf_counter()
            write_corpus(corpus, n, seed=args.seed, words=args.words)
            print(f"generated {n} articles in {time.perf_counter() - t0:.0f} s (not timed below)", flush=True)
            for kind in args.runners:
                r = measure(n, kind, args.workers, Path(tmp), corpus)
                results[(kind, n)] = r
                print(
                    f"{kind:5s} n={n:>7,}: {r['stored']:.0f} stored, {r['rejected']:.0f} rejected, "
                    f"{r['seconds']:.1f} s, {r['rate']:.1f} articles/s "
                    f"(runner start-up {r['startup']:.1f} s)",
                    flush=True,
                )
            if all((k, n) in results for k in ("local", "ray")):
                ratio = results[("ray", n)]["rate"] / results[("local", n)]["rate"]
                print(f"      n={n:>7,}: ray/local throughput ratio {ratio:.2f}")
    for kind in args.runners:
        sizes = sorted(n for k, n in results if k == kind)
        if len(sizes) > 1:
            a, b = results[(kind, sizes[0])], results[(kind, sizes[-1])]
            growth = b["seconds"] / a["seconds"]
            print(
                f"{kind}: time grows x{growth:.1f} for x{sizes[-1] / sizes[0]:.0f} articles "
                f"({'about linear' if growth < 1.5 * sizes[-1] / sizes[0] else 'faster than linear'})"
            )
    best_local = max((r["rate"] for (k, _n), r in results.items() if k == "local"), default=0.0)
    if "local" in args.runners:
        print(
            f"local target {TARGET_LOCAL} articles/s: {'met' if best_local >= TARGET_LOCAL else 'NOT met'} "
            f"({best_local:.1f})"
        )


if __name__ == "__main__":
    main()
