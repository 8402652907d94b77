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

A run longer than one sitting (100k on Ray: hours) can be kept: with ``--keep`` the corpora,
stores and a ledger per runner and size stay in ``--tmp``; the ledger takes a checkpoint of the
clocks every few seconds. Run the same command again after the process was killed and each
unfinished measurement resumes (the ingest goes on where it stopped: finished shards are not redone,
nothing is stored twice) and adds its segment to the earlier ones; finished ones are printed from
their ledgers. The clock of a killed segment after its last checkpoint is lost (its work is kept),
so the report says how many segments a figure was measured in.

    python benchmarks/pipeline_throughput.py --n 100000 --runners ray --no-stages --tmp /big/disk --keep

Claims (``build_disputes``) is timed on its own so its share is visible (a separate piece of work
makes it near-linear).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
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

CHECKPOINT_EVERY = 10.0  # seconds between checkpoints of a kept run's clocks
TARGET_LOCAL = 12.0  # articles/s through every stage on a 2-core machine (a million a day)
# (module, attribute, stage name): what the stage clock wraps
CLOCKED = (
    (stages, "clean_stage", "clean"),
    (stages, "quotes_stage", "attribution"),
    (analysis, "run_outlet_furniture", "outlet furniture"),
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
    corpus_named = sum(result.get(k, 0.0) for k in ("attribution", "outlet furniture", "provenance", "twin restoration",
                                                    "stories", "actors", "claims", "timeline"))
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
    (the workers go on cleaning the batches in hand during a round, a small overlap). While a round
    runs, ``open_*`` hold its start, so a checkpoint can count it."""
    spent: dict[str, float] = {"wall": 0.0, "cpu": 0.0, "tree": 0.0, "rounds": 0}
    run = analysis.run_corpus_stages

    def timed(*args: Any, **kwargs: Any) -> dict[str, int]:
        wall, cpu, tree = time.perf_counter(), time.process_time(), monitor.cpu()
        spent.update(open_wall=wall, open_cpu=cpu, open_tree=tree)
        try:
            return run(*args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.process_time() - cpu
            spent["tree"] += monitor.cpu() - tree
            spent["rounds"] += 1
            for key in ("open_wall", "open_cpu", "open_tree"):
                spent.pop(key, None)

    analysis.run_corpus_stages = timed  # type: ignore[assignment]
    try:
        yield spent
    finally:
        analysis.run_corpus_stages = run  # type: ignore[assignment]


def _code_version() -> str:
    """The commit the benchmark runs (with a mark when the tree has changes), to refuse resuming
    a kept measurement with other code."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


class Ledger:
    """The segments of one kept measurement (one runner, one size) in a JSON file beside its store:
    each segment's clocks, rewritten at every checkpoint and at the end; ``result`` once done."""

    _ADDED = ("seconds", "parent_cpu", "tree_cpu", "startup", "article_wall", "article_cpu", "article_tree",
              "corpus_wall", "corpus_cpu", "corpus_tree", "rounds")

    def __init__(self, path: Path, code: str) -> None:
        self.path = path
        self.data: dict[str, Any] = {"code": code, "segments": [], "result": None}
        if path.exists():
            self.data = json.loads(path.read_text())
            if self.data.get("code") != code:
                raise SystemExit(f"{path} was measured with code {self.data.get('code')}, this is {code}: "
                                 "resume with that code, or delete the ledger and its store to start again")
        self.earlier: list[dict[str, float]] = list(self.data["segments"])

    @property
    def result(self) -> dict[str, float] | None:
        return self.data.get("result")

    def write(self, segment: dict[str, float], result: dict[str, float] | None = None) -> None:
        self.data["segments"] = [*self.earlier, segment]
        self.data["result"] = result
        part = self.path.with_suffix(".part")
        part.write_text(json.dumps(self.data, indent=1))
        os.replace(part, self.path)  # a kill mid-write leaves the last checkpoint whole

    def total(self, segment: dict[str, float]) -> dict[str, float]:
        """All segments added up (peak memory: the largest)."""
        segments = [*self.earlier, segment]
        total = {key: sum(s.get(key, 0.0) for s in segments) for key in self._ADDED}
        total["peak_rss"] = max(s.get("peak_rss", 0.0) for s in segments)
        total["segments"] = len(segments)
        return total


def measure(kind: str, workers: int, corpus: Path, db: Path, ledger: Ledger | None = None) -> dict[str, float]:
    runner, startup = _runner(kind, workers)
    store = SqliteStore(db)
    stop = threading.Event()
    try:
        with ProcessMonitor() as memory, phase_clock(memory) as in_corpus:
            start = time.perf_counter()
            cpu = time.process_time()
            tree = memory.cpu()

            def clocks() -> dict[str, float]:
                now_wall, now_cpu, now_tree = time.perf_counter(), time.process_time(), memory.cpu()
                c_wall, c_cpu, c_tree = in_corpus["wall"], in_corpus["cpu"], in_corpus["tree"]
                if "open_wall" in in_corpus:  # a round is under way
                    c_wall += now_wall - in_corpus["open_wall"]
                    c_cpu += now_cpu - in_corpus["open_cpu"]
                    c_tree += now_tree - in_corpus["open_tree"]
                wall, parent, all_cpu = now_wall - start, now_cpu - cpu, now_tree - tree
                return {"seconds": wall, "parent_cpu": parent, "tree_cpu": all_cpu, "startup": startup,
                        "article_wall": wall - c_wall, "article_cpu": parent - c_cpu, "article_tree": all_cpu - c_tree,
                        "corpus_wall": c_wall, "corpus_cpu": c_cpu, "corpus_tree": c_tree,
                        "rounds": in_corpus["rounds"], "peak_rss": memory.peak}

            def checkpoints() -> None:
                while ledger is not None and not stop.wait(CHECKPOINT_EVERY):
                    ledger.write(clocks())

            keeper = threading.Thread(target=checkpoints, daemon=True)
            keeper.start()
            report = Pipeline(store, runner).ingest([str(corpus)], analyze=True)
            stop.set()
            keeper.join()
            segment = clocks()  # before the workers go away with the runner
        segment["stored"] = report.ingested + report.updated
        # counted in the store, so a resumed measurement counts what every segment stored
        counts = {"stored": store.count_articles(), "rejected": len(store.rejections()),
                  "stories": len(store.stories()), "edges": len(store.edges())}
    finally:
        stop.set()
        runner.close()
        store.close()
    r = ledger.total(segment) if ledger is not None else {**segment, "segments": 1}
    r.update(counts)
    r["quiet_rate"] = r["stored"] / (r["tree_cpu"] / workers) if r["tree_cpu"] else 0.0
    r["rate"] = r["stored"] / r["seconds"] if r["seconds"] else 0.0
    if ledger is not None:
        ledger.write(segment, result=r)
    return r


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
    parser.add_argument("--keep", action="store_true",
                        help="keep corpora, stores and ledgers in --tmp; resume what an earlier run left unfinished")
    args = parser.parse_args()
    if args.keep and args.tmp is None:
        parser.error("--keep needs --tmp (the folder that outlives the run)")
    results: dict[tuple[str, int], dict[str, float]] = {}
    code = _code_version()
    workdir: AbstractContextManager[str]
    if args.keep:
        args.tmp.mkdir(parents=True, exist_ok=True)
        workdir = nullcontext(str(args.tmp))
    else:
        workdir = tempfile.TemporaryDirectory(dir=args.tmp)
    with workdir as tmp_name:
        tmp = Path(tmp_name)
        warm_up(tmp)
        for n in args.n:
            corpus = tmp / f"corpus{n}"
            written = tmp / f"corpus{n}.complete"  # a kept corpus is reused only when whole
            ledgers = {kind: Ledger(tmp / f"{kind}-{n}.json", code) if args.keep else None for kind in args.runners}
            t0 = time.perf_counter()
            measured = all(ledger is not None and ledger.result is not None for ledger in ledgers.values())
            if not (args.keep and (written.exists() or (measured and args.no_stages))):
                shutil.rmtree(corpus, ignore_errors=True)
                write_corpus(corpus, n, seed=args.seed, words=args.words)
                written.touch()
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
                ledger = ledgers[kind]
                if ledger is not None and ledger.result is not None:
                    r = ledger.result
                    print(f"  {kind}: measured earlier ({ledger.path})")
                else:
                    if ledger is not None and ledger.earlier:
                        print(f"  {kind}: resuming after {len(ledger.earlier)} segment(s) ({ledger.path})", flush=True)
                    r = measure(kind, args.workers, corpus, db, ledger)
                for leftover in tmp.glob(f"{db.name}*"):
                    leftover.unlink()
                results[(kind, n)] = r
                print(f"  {kind:5s}: {r['stored']:.0f} stored, {r['rejected']:.0f} rejected, {r['stories']:.0f} "
                      f"stories, {r['edges']:.0f} edges; {r['seconds']:.1f} s wall ({r['parent_cpu']:.1f} s CPU "
                      f"in the parent) = {r['rate']:.1f} articles/s (runner start-up {r['startup']:.1f} s, "
                      "not counted)", flush=True)
                if r.get("segments", 1) > 1:
                    print(f"         measured in {r['segments']:.0f} segments (resumed after kills; up to "
                          f"{CHECKPOINT_EVERY:.0f} s of each killed segment's clock lost, its work kept)")
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
            written.unlink(missing_ok=True)
    growth(results, ["stages", *args.runners])
    local = [r["rate"] for (k, _n), r in results.items() if k == "local"]
    if local:
        worst = min(local)
        print(f"local target {TARGET_LOCAL} articles/s: {'met' if worst >= TARGET_LOCAL else 'NOT met'} "
              f"(slowest size {worst:.1f})")


if __name__ == "__main__":
    main()
