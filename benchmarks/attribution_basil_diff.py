"""Before/after check of speaker resolution on BASIL's real news: which quotes changed actor.

    python benchmarks/attribution_basil_diff.py dump before.json     # on the old code
    python benchmarks/attribution_basil_diff.py dump after.json      # on the new code
    python benchmarks/attribution_basil_diff.py compare before.json after.json

BASIL's speaker labels are often groups ("Democratic_lawmakers") where we name the lawmaker, so the
agreement score of ``attribution_basil.py`` moves little when resolution improves or regresses. This
lists every quote whose actor (or whose existence) changed, with the text before it, so each change
can be read and judged. It is a reading aid, not a score: nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import track

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_basil import load  # noqa: E402
from attribution_polnear import eval_root  # noqa: E402
from storyline.attribution import extract_quotes  # noqa: E402
from storyline.model import Article  # noqa: E402

_CONTEXT_CHARS = 300


def dump(path: Path, limit: int) -> None:
    articles = load(eval_root() / "basil", limit)
    out: dict[str, list[list[object]]] = {}
    for name, text, _ in track(articles, description="BASIL articles", console=Console(stderr=True)):
        quotes = extract_quotes(Article(id=name, version="", source=name, raw=text, text=text))
        out[name] = [
            [
                q.content.start,
                q.content.end,
                q.cue,
                q.speaker,
                q.actor,
                text[max(0, q.content.start - 150) : q.content.end],
            ]
            for q in quotes
        ]
    path.write_text(json.dumps(out))
    print(f"{sum(map(len, out.values()))} quotes in {len(out)} articles -> {path}")


def compare(before: Path, after: Path) -> None:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    changed = 0
    for name in sorted(set(a) | set(b)):
        old = {(q[0], q[1], q[2]): q for q in a.get(name, [])}
        new = {(q[0], q[1], q[2]): q for q in b.get(name, [])}
        for key in sorted(set(old) | set(new)):
            x, y = old.get(key), new.get(key)
            if x and y and x[4] == y[4]:
                continue
            changed += 1
            was = f"{x[3]} -> {x[4]}" if x else "-"
            now = f"{y[3]} -> {y[4]}" if y else "-"
            context = str((x or y)[5])[-_CONTEXT_CHARS:].replace("\n", " | ")  # type: ignore[index]
            print(f"{name} cue[{key[2]}] before[{was}] after[{now}]\n    {context}")
    print(f"{changed} quotes changed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="write every BASIL quote's span, cue, speaker and actor")
    d.add_argument("out", type=Path)
    d.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    c = sub.add_parser("compare", help="list the quotes whose actor changed between two dumps")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.limit)
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
