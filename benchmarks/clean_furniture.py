"""Furniture removal on held-out articles with furniture we generate ourselves.

    PYTHONPATH=src python benchmarks/clean_furniture.py [--limit N] [--seed S]

Held-out bodies (PolNeAR dev + FNC-1 hold-out; their first line, the headline, is dropped) get site
furniture inserted from templates written for this benchmark (never seen by the cleaner's rules):
sign-up and follow prompts, an author bio, a list of other articles' headlines with separators, a
photo caption printed twice (once with a credit), and a word cut at the start. Reported:

* body-word recall: share of the body's words (multiset) still in the cleaned text;
* body-word precision: share of the cleaned text's words that belong to the body;
* furniture removed: share of the inserted furniture's words that are gone;
* throughput (articles/s).

Honest limits: the templates are ours, so this measures the rules on furniture shaped like
the furniture we know; real sites vary more.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.cleaning import clean_text  # noqa: E402
from storyline.cleaning.eval_data import eval_root, heldout_documents  # noqa: E402
from storyline.cleaning.normalized import normalized_tokens  # noqa: E402

OUTLETS = ["the Daily Ledger", "Metro Wire", "The Courier", "Northside News", "Harbor Times"]
NAMES = ["Dana Whitfield", "Omar Reyes", "Lena Park", "Tomasz Nowak", "Grace Mbeki", "Hugo Laurent"]
ROLES = ["senior correspondent", "staff writer", "politics editor", "contributing reporter"]
PROMPTS = [
    "Sign up for {o}'s morning briefing and get the day's top stories in your inbox.",
    "Subscribe to {o}",
    "Follow us on Facebook and Twitter for more updates.",
    "Get unlimited access to {o} for just $1 a week. Subscribe now.",
    "Download our app to get breaking news alerts on your phone.",
    "Never miss a story: join our free newsletter.",
]
BIOS = [
    "{n} is a {r} at {o}. She has covered politics and courts since 2009.",
    "{n} is a {r} for {o}, where he writes about energy and climate.",
    "{n} has worked as a {r} at {o} since 2015. Before that, he reported from Nairobi and Cairo.",
]
CAPTIONS = ["{n} speaks to supporters in {c} on Monday.", "Protesters gather outside the courthouse in {c}."]
CITIES = ["Denver", "Lyon", "Osaka", "Porto Alegre", "Leeds"]


def with_furniture(body: list[str], headlines: list[str], rng: random.Random) -> tuple[str, list[str]]:
    o, n, r, c = rng.choice(OUTLETS), rng.choice(NAMES), rng.choice(ROLES), rng.choice(CITIES)
    furniture: list[str] = []
    paras = list(body)
    caption = rng.choice(CAPTIONS).format(n=n, c=c)
    credit = f"{caption} Photo: {rng.choice(NAMES)}/{o}"
    top = [caption, credit]
    cut = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3)) + "tion of the plan went ahead."
    top.insert(0, cut)
    furniture.extend(top)
    for _ in range(2):
        k = rng.randint(1, max(1, len(paras) - 1))
        p = rng.choice(PROMPTS).format(o=o)
        paras.insert(k, p)
        furniture.append(p)
    bio = rng.choice(BIOS).format(n=n, r=r, o=o)
    tail = [bio]
    for h in rng.sample(headlines, k=min(5, len(headlines))):
        tail.extend(["-", h])
    furniture.extend(tail)
    return "\n".join(top + paras + tail), furniture


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    docs = heldout_documents(args.eval or eval_root())
    if args.limit:
        docs = docs[: args.limit]
    rng = random.Random(args.seed)
    headlines = [
        t.splitlines()[0].strip() for _, t in docs if t.strip() and len(t.splitlines()[0].split()) <= 14
    ]
    body_total = body_kept = kept_total = furn_total = furn_kept = 0
    elapsed = 0.0
    clean_text("warm up. " * 40)
    for _, text in docs:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = lines[1:] if len(lines) > 1 else lines
        raw, furniture = with_furniture(body, headlines, rng)
        t0 = time.perf_counter()
        out = clean_text(raw).text
        elapsed += time.perf_counter() - t0
        kept = Counter(normalized_tokens(out))
        b = Counter(normalized_tokens("\n".join(body)))
        f = Counter(normalized_tokens("\n".join(furniture))) - b
        body_total += sum(b.values())
        body_kept += sum((b & kept).values())
        kept_total += sum(kept.values())
        furn_total += sum(f.values())
        furn_kept += sum((f & (kept - b)).values())
    print(f"articles: {len(docs)}")
    print(f"body_word_recall: {body_kept / body_total:.3f}")
    print(f"body_word_precision: {body_kept / kept_total:.3f}")
    print(f"furniture_removed: {1 - furn_kept / furn_total:.3f}")
    print(f"articles_per_s: {len(docs) / elapsed:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
