"""Generate a fictional news corpus for benchmarks (``python benchmarks/corpus_gen.py OUT N``).

The generator lives in ``storyline.synthetic`` so tests can use it too; this script re-exports
``generate_corpus(n, seed, kind="text"|"html"|"jsonl")`` and ``write_corpus`` for benchmark scripts.
Events vary in size (1-60 articles, long tail); see ``storyline.synthetic.corpus`` for what is in them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.synthetic import GeneratedDoc, generate_corpus, write_corpus  # noqa: E402

__all__ = ["GeneratedDoc", "generate_corpus", "write_corpus"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", help="folder to write into")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kind", choices=["text", "html", "jsonl"], default="text")
    parser.add_argument("--words", type=int, default=700)
    args = parser.parse_args()
    start = time.perf_counter()
    paths = write_corpus(args.out, args.n, args.seed, args.kind, words=args.words)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {args.n} articles in {len(paths)} files, {size / 1e6:.1f} MB, "
        f"in {time.perf_counter() - start:.1f} s to {args.out}"
    )


if __name__ == "__main__":
    main()
