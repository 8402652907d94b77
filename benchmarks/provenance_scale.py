"""Candidate generation at scale: index and query N generated articles; articles/s and peak RSS.

    python benchmarks/provenance_scale.py [--n 1000000] [--batch 20000] [--workers 2]

Articles are generated (seeded) from the word frequencies of the FNC-1 bodies in $STORYLINE_EVAL
(default ../shared/eval): 250-550 words each, and one in ten is a copy (a contiguous 40-100% slice
of an earlier article, with new words around it) so queries do find candidates. Generation is not
timed. Timed: sketching (tokenize, hash, sample; spread over ``--workers`` processes), adding each
batch to the index, and querying every article of the batch against everything indexed so far.
Also reports the recall of the planted copies among the candidates, the main process's CPU time
(with ``--workers 1`` that is all the work: articles per CPU-second, undisturbed by other jobs on a
shared machine) and the load average.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.provenance.candidates import MinHashCandidateIndex, sample_many  # noqa: E402


def vocabulary(eval_dir: Path, size: int = 50_000) -> tuple[np.ndarray, np.ndarray]:
    counts: Counter[str] = Counter()
    with open(eval_dir / "fnc1" / "train_bodies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts.update(re.findall(r"[A-Za-z']+|[.,]", row["articleBody"]))
    words, freq = zip(*counts.most_common(size), strict=True)
    p = np.asarray(freq, dtype=np.float64)
    return np.asarray(words, dtype=object), p / p.sum()


def generate_batch(
    rng: np.random.Generator,
    words: np.ndarray,
    p: np.ndarray,
    start: int,
    n: int,
    history: list[tuple[int, str]],
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    lengths = rng.integers(250, 550, size=n)
    tokens = rng.choice(len(words), size=int(lengths.sum()), p=p)
    out, planted, pos = [], {}, 0
    for k in range(n):
        ids = tokens[pos : pos + lengths[k]]
        pos += lengths[k]
        text = " ".join(words[ids].tolist())
        if history and k % 10 == 9:
            src_id, src = history[int(rng.integers(len(history)))]
            a = int(rng.integers(0, len(src) // 3))
            b = a + int(len(src) * rng.uniform(0.4, 0.66))
            text = text[: len(text) // 4] + " " + src[a:b] + " " + text[-len(text) // 4 :]
            planted[f"a{start + k}"] = src_id
        out.append((f"a{start + k}", text))
    history.extend(out[:: max(1, n // 200)])
    del history[:-2000]
    return out, planted


def _sketch(texts: list[str], scale: int) -> list[np.ndarray]:
    return sample_many(texts, scale)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    eval_dir = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))
    words, p = vocabulary(eval_dir)
    rng = np.random.default_rng(args.seed)
    index = MinHashCandidateIndex()
    history: list[tuple[int, str]] = []
    pool = ProcessPoolExecutor(args.workers) if args.workers > 1 else None
    timed = cpu = 0.0
    found = planted_total = candidates = 0
    done = 0
    while done < args.n:
        n = min(args.batch, args.n - done)
        batch, planted = generate_batch(rng, words, p, done, n, history)
        t0, c0 = time.perf_counter(), time.process_time()
        texts = [t for _, t in batch]
        if pool is not None:
            chunk = (len(texts) + args.workers - 1) // args.workers
            parts = pool.map(
                _sketch,
                [texts[i : i + chunk] for i in range(0, len(texts), chunk)],
                [index.scale] * args.workers,
            )
            sketches = [s for part in parts for s in part]
        else:
            sketches = _sketch(texts, index.scale)
        index.add_sketches([(aid, s) for (aid, _), s in zip(batch, sketches, strict=True)])
        ids = [aid for aid, _ in batch]
        for aid, hits in zip(ids, index.query_sketches(sketches, exclude=ids), strict=True):
            candidates += len(hits)
            if aid in planted:
                planted_total += 1
                found += any(h[0] == planted[aid] for h in hits)
        timed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += n
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{done:>9,d} articles  {done / timed:8.0f} articles/s  "
            f"(main-process CPU {done / cpu:6.0f}/s)  peak RSS {rss:7.0f} MB  "
            f"planted copies found {found}/{planted_total}  candidates/article {candidates / done:.2f}",
            file=sys.stderr,
            flush=True,
        )
    if pool is not None:
        pool.shutdown()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = children.ru_utime + children.ru_stime  # the sketching workers (all their life)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"articles={done} workers={args.workers} seconds={timed:.1f} articles/s={done / timed:.0f} "
        f"main_process_cpu_seconds={cpu:.1f} worker_cpu_seconds={child_cpu:.1f} "
        f"articles_per_cpu_second={done / (cpu + child_cpu):.0f} load_average={os.getloadavg()[0]:.1f} "
        f"peak_rss_mb={rss:.0f} planted_recall={found / max(planted_total, 1):.4f} "
        f"candidates_per_article={candidates / done:.2f}"
    )


if __name__ == "__main__":
    main()
