"""Candidate generation at scale: index and query N generated articles; articles/s, CPU, peak RSS.

    python benchmarks/provenance_scale.py [--n 1000000] [--batch 20000] [--workers 2] [--seed 0]
                                          [--corpus-dir /tmp]

Articles are generated from the word frequencies of the FNC-1 bodies in $STORYLINE_EVAL (default
../shared/eval): 250-550 words each, every word drawn by hashing (seed, article, position), so any
article can be regenerated on its own. One in ten is a copy: a 40-66% slice of an earlier article
(anywhere in the index so far) with new words around it, so queries do find candidates. The corpus
is generated once (in parallel, timed apart) into a text file under ``--corpus-dir`` that later
runs reuse; the timed part reads it batch by batch.

Pipeline: ``--workers`` processes read and sketch batches (tokenize, hash, sample); the main
process adds each batch to the index and queries every article of the batch against everything
indexed so far, while the workers prepare the next batches. ``--workers 0`` does it all in one
process (then wall time is CPU time, undisturbed by the workers).

Reported: articles/s over wall-clock time, CPU-seconds per 1,000 articles for each stage (read,
sketch, add, query; CPU time is what to compare on a shared machine), the load average, peak RSS
of the main process and of the largest worker (and main + workers x largest), and the recall of the
planted copies.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.provenance.candidates import MinHashCandidateIndex, sample_many  # noqa: E402
from storyline.provenance.sketch import Sketches  # noqa: E402

_TABLE_BITS = 20  # word sampling: a 2**20-entry table of word ids laid out by frequency
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_WEYL = np.uint64(0x9E3779B97F4A7C15)


def _mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(30))
    h = h * _M1
    h = h ^ (h >> np.uint64(27))
    h = h * _M2
    return h ^ (h >> np.uint64(31))


class ArticleGenerator:
    """Seeded, random-access generator of word-salad articles with planted partial copies."""

    def __init__(self, eval_dir: Path, seed: int, vocabulary_size: int = 50_000) -> None:
        counts: Counter[str] = Counter()
        with open(eval_dir / "fnc1" / "train_bodies.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                counts.update(re.findall(r"[A-Za-z']+|[.,]", row["articleBody"]))
        words, freq = zip(*counts.most_common(vocabulary_size), strict=True)
        p = np.asarray(freq, dtype=np.float64)
        cdf = np.cumsum(p / p.sum())
        cells = (np.arange(1 << _TABLE_BITS) + 0.5) / (1 << _TABLE_BITS)
        self.table = np.minimum(np.searchsorted(cdf, cells), len(words) - 1)
        self.words = np.asarray(words, dtype=object)
        self.seed = np.uint64(seed)

    def _u64(self, keys: np.ndarray, salt: int) -> np.ndarray:
        return _mix(keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + self.seed + np.uint64(salt))

    def _plain(self, ks: np.ndarray) -> list[str]:
        lengths = (250 + self._u64(ks, 1) % np.uint64(300)).astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)))
        # word i of article k: a Weyl sequence from a per-article start, one multiply-xorshift
        x = np.repeat(self._u64(ks, 2) - np.uint64(starts[:-1]) * _WEYL, lengths)
        x += np.arange(int(starts[-1]), dtype=np.uint64) * _WEYL
        x ^= x >> np.uint64(29)
        x *= _M1
        draw = (x >> np.uint64(64 - _TABLE_BITS)).astype(np.int64)
        tokens = self.words[self.table[draw]].tolist()
        return [" ".join(tokens[a:b]) for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)]

    def batch(self, start: int, n: int) -> tuple[list[str], dict[str, str]]:
        """Texts of articles ``start .. start + n - 1`` and the planted copies (copy id -> source id)."""
        ks = np.arange(start, start + n, dtype=np.int64)
        texts = self._plain(ks)
        copies = [k for k in ks.tolist() if k % 10 == 9]
        if not copies:
            return texts, {}
        r = self._u64(np.asarray(copies), 3)
        sources = (r % np.asarray(copies, dtype=np.uint64)).astype(np.int64)
        sources -= sources % 10 == 9  # copy plain articles only (a copy's own text differs from plain)
        source_texts = self._plain(sources)
        cuts = (self._u64(np.asarray(copies), 4) >> np.uint64(11)).astype(np.float64) / 2.0**53
        planted = {}
        for k, j, src, u in zip(copies, sources.tolist(), source_texts, cuts.tolist(), strict=True):
            own = texts[k - start]
            a = int(len(src) / 3 * u)
            b = a + int(len(src) * (0.4 + 0.26 * u))
            texts[k - start] = own[: len(own) // 4] + " " + src[a:b] + " " + own[-len(own) // 4 :]
            planted[f"a{k}"] = f"a{j}"
        return texts, planted


_GENERATOR: ArticleGenerator | None = None


def _init_generator(eval_dir: Path, seed: int) -> None:
    global _GENERATOR
    _GENERATOR = ArticleGenerator(eval_dir, seed)


def _generate(start: int, n: int) -> tuple[bytes, dict[str, str], float]:
    assert _GENERATOR is not None
    c0 = time.process_time()
    texts, planted = _GENERATOR.batch(start, n)
    return "\n".join(texts).encode("ascii"), planted, time.process_time() - c0


def generate_corpus(path: Path, eval_dir: Path, n: int, batch: int, seed: int, workers: int) -> float:
    """Write ``n`` generated articles to ``path`` (one per line) with their line offsets and the
    planted copies next to it; returns the generation CPU seconds."""
    starts = list(range(0, n, batch))
    sizes = [min(batch, n - s) for s in starts]
    offsets = [0]
    copies: list[tuple[int, int]] = []
    cpu = 0.0
    tmp = path.with_suffix(".tmp")
    pool = ProcessPoolExecutor(max(workers, 1), initializer=_init_generator, initargs=(eval_dir, seed))
    with pool, open(tmp, "wb") as f:
        for blob, planted, c in pool.map(_generate, starts, sizes):
            cpu += c
            f.write(blob + b"\n")
            ends = np.flatnonzero(np.frombuffer(blob + b"\n", dtype=np.uint8) == 10) + 1 + offsets[-1]
            offsets.extend(ends.tolist())
            copies.extend((int(k[1:]), int(j[1:])) for k, j in planted.items())
    np.savez(path.with_suffix(".npz"), offsets=np.asarray(offsets, dtype=np.int64), copies=np.asarray(copies))
    tmp.rename(path)
    return cpu


def _read(path: Path, lo: int, hi: int) -> list[str]:
    with open(path, "rb") as f:
        f.seek(lo)
        raw = f.read(hi - lo - 1)
    return raw.decode("ascii").split("\n")


def prepare(path: Path, lo: int, hi: int, scale: int) -> tuple[Sketches, float, float]:
    """Read the articles in bytes ``lo .. hi`` of the corpus and sketch them: sketches, reading
    and sketching CPU seconds."""
    c0 = time.process_time()
    texts = _read(path, lo, hi)
    c1 = time.process_time()
    sketches = sample_many(texts, scale)
    return sketches, c1 - c0, time.process_time() - c1


class _Done(Future):  # type: ignore[type-arg]
    def __init__(self, value: object) -> None:
        super().__init__()
        self.set_result(value)


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="articles to index and query")
    ap.add_argument("--batch", type=int, default=20_000, help="articles per batch")
    ap.add_argument("--workers", type=int, default=2, help="reading+sketching processes (0: all in one)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--corpus-dir", type=Path, default=Path(tempfile.gettempdir()), help="where the generated corpus is kept"
    )
    args = ap.parse_args()
    eval_dir = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))
    path = args.corpus_dir / f"storyline_provenance_scale_{args.seed}_{args.n}.txt"
    if not path.exists():
        t0 = time.perf_counter()
        gen_cpu = generate_corpus(path, eval_dir, args.n, args.batch, args.seed, args.workers)
        print(
            f"generated {args.n:,d} articles into {path} in {time.perf_counter() - t0:.1f} s "
            f"({1000 * gen_cpu / args.n:.3f} CPU s/1k articles; not part of the timings below)",
            file=sys.stderr,
        )
    with np.load(path.with_suffix(".npz")) as z:
        offsets, copies = z["offsets"], z["copies"]
    planted = dict(copies.tolist()) if copies.shape[0] else {}
    index = MinHashCandidateIndex()
    pool = ProcessPoolExecutor(args.workers) if args.workers > 0 else None
    starts = list(range(0, args.n, args.batch))
    pending: list[Future] = []  # type: ignore[type-arg]
    cpu = dict.fromkeys(("read", "sketch", "add", "query"), 0.0)
    found = planted_total = candidates = done = 0
    t_start = time.perf_counter()
    for i, start in enumerate(starts):
        while len(pending) < (args.workers + 1 if pool else 1) and i + len(pending) < len(starts):
            s = starts[i + len(pending)]
            job = (path, int(offsets[s]), int(offsets[min(s + args.batch, args.n)]), index.scale)
            pending.append(pool.submit(prepare, *job) if pool else _Done(prepare(*job)))
        sketches, read_cpu, sketch_cpu = pending.pop(0).result()
        cpu["read"] += read_cpu
        cpu["sketch"] += sketch_cpu
        ids = [f"a{k}" for k in range(start, start + len(sketches))]
        c0 = time.process_time()
        index.add_sketches(ids, sketches)
        c1 = time.process_time()
        hits = index.query_sketches(sketches, exclude=ids)
        cpu["add"] += c1 - c0
        cpu["query"] += time.process_time() - c1
        for k, found_here in enumerate(hits, start):
            candidates += len(found_here)
            source = planted.get(k)
            if source is not None:
                planted_total += 1
                found += any(h[0] == f"a{source}" for h in found_here)
        done += len(sketches)
        wall = time.perf_counter() - t_start
        print(
            f"{done:>9,d} articles  {done / wall:7.0f} articles/s  CPU s/1k: "
            + " ".join(f"{k} {1000 * v / done:.3f}" for k, v in cpu.items())
            + f"  peak RSS main {_peak_rss_mb(resource.RUSAGE_SELF):5.0f} MB  "
            f"planted found {found}/{planted_total}  load {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
            flush=True,
        )
    wall = time.perf_counter() - t_start
    if pool is not None:
        pool.shutdown()
    main_rss = _peak_rss_mb(resource.RUSAGE_SELF)
    worker_rss = _peak_rss_mb(resource.RUSAGE_CHILDREN) if pool is not None else 0.0
    total_cpu = sum(cpu.values())
    print(
        f"articles={done} workers={args.workers} wall_seconds={wall:.1f} articles/s={done / wall:.0f} "
        + "cpu_s_per_1k: "
        + " ".join(f"{k}={1000 * v / done:.3f}" for k, v in cpu.items())
        + f" total={1000 * total_cpu / done:.3f} articles_per_cpu_second={done / max(total_cpu, 1e-9):.0f} "
        f"load_average={os.getloadavg()[0]:.1f} peak_rss_mb: main={main_rss:.0f} largest_worker={worker_rss:.0f} "
        f"all={main_rss + args.workers * worker_rss:.0f} planted_recall={found / max(planted_total, 1):.4f} "
        f"candidates_per_article={candidates / max(done, 1):.2f}"
    )


if __name__ == "__main__":
    main()
