"""Every quote attribution finds, one JSON line each, to check that a change leaves output identical.

    python benchmarks/attribution_dump.py OUT.jsonl [--train 80]
    diff before.jsonl after.jsonl

Covers PolNeAR dev (all), the first ``--train`` PolNeAR train articles, the seeds (each article's
quotes, then the story's quotes and actors after ``resolve_actors``) and the bundled sample corpus
(read and cleaned as ``storyline ingest`` does). Each line holds the set, the article, the content
span, speaker, actor, cue, kind, cue class, speaker type, cue and speaker spans and confidence.
Reads $STORYLINE_EVAL (default ../shared/eval) and $STORYLINE_SEEDS (default ../shared/seeds).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import eval_root, read_split, unique_documents  # noqa: E402
from storyline.attribution import extract_quotes, resolve_actors  # noqa: E402
from storyline.ingest.readers import read_source  # noqa: E402
from storyline.ingest.records import IngestOptions  # noqa: E402
from storyline.model import Article, Quote  # noqa: E402
from storyline.sample import corpus_path  # noqa: E402
from storyline.stages import clean_stage  # noqa: E402


def _row(q: Quote) -> list[object]:
    return [
        q.content.start,
        q.content.end,
        q.speaker,
        q.actor,
        q.cue,
        q.kind.value,
        q.cue_class.value,
        q.speaker_type.value,
        q.cue_span and [q.cue_span.start, q.cue_span.end],
        q.speaker_span and [q.speaker_span.start, q.speaker_span.end],
        round(q.confidence, 6),
    ]


def _seeds_dir() -> Path:
    if "STORYLINE_SEEDS" in os.environ:
        return Path(os.environ["STORYLINE_SEEDS"])
    return ROOT.parent / "shared" / "seeds"


def _article(name: str, text: str, **kw: object) -> Article:
    return Article(id=name, version="", source=name, raw=text, text=text, **kw)  # type: ignore[arg-type]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--train", type=int, default=80)
    args = ap.parse_args()
    root = eval_root() / "polnear"
    lines: list[list[object]] = []
    for d in unique_documents(root, "dev"):
        lines += [["dev", d.name, *_row(q)] for q in extract_quotes(_article(d.name, d.text))]
    seen: set[str] = set()
    for d in read_split(root, "train"):
        if d.name in seen:
            continue
        seen.add(d.name)
        if len(seen) > args.train:
            break
        lines += [["train", d.name, *_row(q)] for q in extract_quotes(_article(d.name, d.text))]
    seeds = [
        _article(p.stem, p.read_text(encoding="utf-8"), outlet="X", credits=("AP",))
        for p in sorted(_seeds_dir().glob("*.txt"))
    ]
    story: list[Quote] = []
    for a in seeds:
        quotes = extract_quotes(a)
        story += quotes
        lines += [["seed", a.id, *_row(q)] for q in quotes]
    resolved, actors = resolve_actors(story, seeds)
    lines += [["seed-resolved", q.article_id, *_row(q)] for q in resolved]
    lines += [["actor", a.name, a.kind.value, sorted(a.aliases)] for a in actors]
    for path in sorted(corpus_path().iterdir()):
        for item in read_source(str(path), IngestOptions()):
            cleaned = clean_stage(item) if isinstance(item, Article) else None
            if isinstance(cleaned, Article):
                lines += [["sample", path.name, cleaned.id, *_row(q)] for q in extract_quotes(cleaned)]
    Path(args.out).write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    print(f"{len(lines)} lines -> {args.out}")


if __name__ == "__main__":
    main()
