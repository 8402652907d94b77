"""Attribution throughput on real news articles (PolNeAR dev texts, ~760 words on average).

    python benchmarks/attribution_speed.py [--n 60] [--processes 1 2]

Times ``extract_quotes`` after a warm-up (model loaded), in one process and in a pool of two
(one per core: the per-article stage is pure, so a runner maps it over processes). On a shared,
busy machine wall-clock numbers understate the speed; the single-process run also reports
articles per CPU-second, which is what one uncontended core delivers.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import eval_root, unique_documents  # noqa: E402
from storyline.attribution import extract_quotes  # noqa: E402
from storyline.model import Article  # noqa: E402


def _run(text: str) -> int:
    return len(extract_quotes(Article(id="a", version="", source="s", raw=text, text=text)))


def _warm(_: int) -> None:
    _run("Warm-up: the minister said the talks would go on.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    texts = [d.text for d in unique_documents(eval_root() / "polnear", "dev")][: args.n]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average")
    for n in args.processes:
        if n == 1:
            _warm(0)
            t0 = time.perf_counter()
            c0 = time.process_time()
            found = sum(_run(t) for t in texts)
            cpu = time.process_time() - c0
            per_word = words * len(texts) / cpu
            print(
                f"  CPU time: {len(texts) / cpu:.1f} articles per CPU-second, "
                f"{per_word:.0f} words per CPU-second (one free core); "
                f"for 700-word articles: {per_word / 700:.1f}/s per core, "
                f"{2 * per_word / 700:.1f}/s on 2 cores"
            )
        else:
            with mp.get_context("fork").Pool(n) as pool:
                pool.map(_warm, range(n))
                t0 = time.perf_counter()
                found = sum(pool.map(_run, texts, chunksize=4))
        dt = time.perf_counter() - t0
        print(f"processes={n}: {len(texts) / dt:.1f} articles/s ({found} quotes, {dt:.1f}s)")


if __name__ == "__main__":
    main()
