"""BASIL agreement: do our quotes cover BASIL's quoted phrases, and with the right speaker?

    python benchmarks/attribution_basil.py [--limit N]

BASIL ($STORYLINE_EVAL/basil) marks bias phrases in 300 articles, each with ``quote`` (yes/no) and,
for quotes, the ``speaker`` (e.g. ``Michael_Steele``; ``other_*`` for unnamed speakers). Offsets
there are sentence-relative without a sentence index, so each phrase is located by its text.
Reported: quote recall (share of quoted phrases inside one of our quote contents; a phrase's edge
quote marks and punctuation are not counted, as our contents leave them out), speaker
agreement (of those covered and with a named speaker, the share whose actor shares the speaker's
last name) and how many non-quote phrases our quotes cover (an upper bound on disagreement: many
of them are the outlet's own words that BASIL does not mark as quotes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import eval_root  # noqa: E402
from storyline.attribution import extract_quotes  # noqa: E402
from storyline.model import Article  # noqa: E402

PHRASE_EDGE = " \t\n\"“”‘’'.,;:!?—–-"


def load(root: Path, limit: int) -> list[tuple[str, str, list[dict[str, str]]]]:
    out = []
    for ann_path in sorted((root / "annotations").glob("*/*_ann.json"))[: limit or None]:
        art_path = root / "articles" / ann_path.parent.name / ann_path.name.replace("_ann.json", ".json")
        if not art_path.exists():
            continue
        art = json.loads(art_path.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(p) for p in art["body-paragraphs"])
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        out.append((art_path.stem, text, ann["phrase-level-annotations"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    docs = load(eval_root() / "basil", args.limit)
    quoted = covered = named = speaker_ok = plain = plain_covered = 0
    t0 = time.perf_counter()
    for name, text, phrases in docs:
        quotes = extract_quotes(Article(id=name, version="", source=name, raw=text, text=text))
        for p in phrases:
            at = text.find(p["txt"])
            if at < 0:
                continue
            # a phrase's quote marks and the punctuation around them are no part of what was said
            # ('"It was a mistake,"': the words inside); our contents leave them out
            inner = p["txt"].strip(PHRASE_EDGE)
            at += p["txt"].find(inner) if inner else 0
            end = at + len(inner or p["txt"])
            hit = next((q for q in quotes if q.content.start <= at + 1 and end - 1 <= q.content.end), None)
            if p["quote"] == "yes":
                quoted += 1
                covered += hit is not None
                speaker = p.get("speaker", "")
                if hit is not None and speaker and not speaker.startswith("other"):
                    named += 1
                    last = speaker.replace("_", " ").split()[-1].lower()
                    speaker_ok += last in hit.actor.lower() or last in hit.speaker.lower()
            else:
                plain += 1
                plain_covered += hit is not None
    dt = time.perf_counter() - t0
    print(f"BASIL: {len(docs)} articles, {dt:.1f}s ({len(docs) / dt:.1f} articles/s)")
    print(f"quoted phrases covered by a quote: {covered}/{quoted} = {covered / max(1, quoted):.3f}")
    print(f"speaker agreement (named speakers): {speaker_ok}/{named} = {speaker_ok / max(1, named):.3f}")
    print(f"non-quote phrases inside a quote: {plain_covered}/{plain} = {plain_covered / max(1, plain):.3f}")


if __name__ == "__main__":
    main()
