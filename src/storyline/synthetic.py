"""Generated, fictional news corpora for benchmarks and scale tests.

Every name, place and event is invented from syllables and word lists, seeded, so the same
``(n, seed)`` always gives the same bytes. Articles come in stories: each story has a wire report
that some outlets republish (near-verbatim), and independent reports written from the same facts,
with named speakers, direct and indirect quotes, dates and numbers, so that every pipeline stage
has real work to do.

``generate_corpus(n, seed, kind)`` yields :class:`GeneratedDoc` (a relative file name and its bytes):
``kind="text"`` gives one ``.txt`` per article, ``"html"`` one ~20 KB ``.html`` page per article
(boilerplate, navigation and scripts around the body), ``"jsonl"`` JSON-lines files of up to
``per_file`` records. ``write_corpus`` writes them under a folder.
"""

from __future__ import annotations

import calendar
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

_ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "st", "t", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "n", "r", "l", "s", "th", "nd", "rk", "v"]
_TITLES = [
    "minister",
    "spokesperson",
    "director",
    "senior official",
    "analyst",
    "mayor",
    "chair",
    "economist",
    "union leader",
    "port manager",
    "deputy minister",
    "researcher",
]
_ORGS = [
    "Ministry of Trade",
    "Harbour Authority",
    "Farmers' Union",
    "Central Bank",
    "Transit Board",
    "Fisheries Council",
    "Energy Agency",
    "Supreme Court",
    "Workers' Federation",
    "Chamber of Commerce",
]
_TOPICS = [
    "a levy on shipping",
    "a water-rights agreement",
    "a rail strike",
    "a border tariff",
    "a fishing quota",
    "a power-grid outage",
    "a grain export ban",
    "a port closure",
    "a currency peg",
    "a wage settlement",
]
_VERBS = [
    "said",
    "told reporters",
    "insisted",
    "claimed",
    "denied",
    "conceded",
    "added",
    "argued",
    "warned",
    "acknowledged",
]
_OUTLETS = [
    "Harbour Ledger",
    "Northshore Post",
    "Meridian Review",
    "Sorrel Gazette",
    "Eastport Observer",
    "Quarterdeck Digest",
    "Lantern Times",
    "Cobalt Herald",
    "Riverbend Courier",
    "Tidewater News",
]
_WIRES = ["Continental Press", "Allied Wire", "Union News Service"]
_FILLER_TEXT = (
    "the talks continued late into the night as delegations exchanged drafts and "
    "aides briefed journalists waiting outside the hall while markets in the region "
    "watched closely for any sign of a deal that could ease pressure on prices and "
    "restore confidence among traders who had already lost weeks of business to the "
    "dispute"
)
_FILLER = tuple(_FILLER_TEXT.split(" "))


@dataclass(frozen=True)
class GeneratedDoc:
    name: str  # relative path of the file to write
    content: bytes


@dataclass(frozen=True)
class _Event:
    place: str
    country: str
    topic: str
    people: tuple[tuple[str, str, str], ...]  # (name, title, org)
    day: date
    amount: int
    wire: str


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    ).capitalize()


def _event(rng: random.Random) -> _Event:
    people = tuple(
        (f"{_word(rng, 2)} {_word(rng, rng.randint(2, 3))}", rng.choice(_TITLES), rng.choice(_ORGS))
        for _ in range(rng.randint(3, 5))
    )
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    return _Event(
        place=_word(rng, 3),
        country=_word(rng, 2) + "ia",
        topic=rng.choice(_TOPICS),
        people=people,
        day=day,
        amount=rng.randrange(2, 900),
        wire=rng.choice(_WIRES),
    )


def _fmt_day(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


def _sentence(rng: random.Random, ev: _Event) -> str:
    name, title, org = rng.choice(ev.people)
    verb = rng.choice(_VERBS)
    n = ev.amount + rng.randrange(-2, 3)
    d = _fmt_day(ev.day + timedelta(days=rng.randrange(-3, 4)))
    k = rng.randrange(7)
    if k == 0:
        return f'"We will not accept {ev.topic} that costs {n} million in lost trade," {name} {verb}.'
    if k == 1:
        return f"{name}, the {title} of the {org}, {verb} that the talks in {ev.place} would resume on {d}."
    if k == 2:
        return (
            f'"The figure of {n} million is simply wrong," {verb} {name}, who leads the '
            f'{org} delegation, adding that the numbers had been "inflated for effect".'
        )
    if k == 3:
        return f"According to the {org}, {ev.topic} in {ev.country} affected {n} companies by {d}."
    if k == 4:
        return f"On {d}, officials in {ev.place} met for {rng.randrange(2, 12)} hours without an agreement."
    if k == 5:
        return f"{name} {verb} the {org} had asked for all restrictions to be lifted, not only some of them."
    words = rng.sample(_FILLER, rng.randrange(12, 22))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, ev: _Event, words: int) -> list[str]:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(_sentence(rng, ev) for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        count += len(para.split())
    return paragraphs


def _articles(n: int, seed: int, words: int) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    i = 0
    story = 0
    while i < n:
        ev = _event(rng)
        wire_rng = random.Random(rng.random())
        wire = _body(wire_rng, ev, words)
        headline = f"{ev.country} talks on {ev.topic} stall in {ev.place}"
        for j in range(rng.randint(3, 9)):
            if i >= n:
                return
            outlet = rng.choice(_OUTLETS)
            if j == 0:
                paras, outlet = [f"{ev.place.upper()} ({ev.wire}) -- " + wire[0], *wire[1:]], ev.wire
            elif rng.random() < 0.4:  # a republication of the wire, trimmed and credited
                keep = wire[: max(2, len(wire) - rng.randrange(3))]
                paras = [*keep, f"This story was reported by {ev.wire}."]
            else:
                paras = _body(random.Random(rng.random()), ev, words)
            published = ev.day + timedelta(days=rng.randrange(0, 3))
            yield {
                "id": i,
                "story": story,
                "title": headline if j < 3 else f"{headline}: what we know",
                "outlet": outlet,
                "url": f"https://{outlet.lower().replace(' ', '')}.example/{seed}/{story}/{i}",
                "published": published.isoformat() + "T09:00:00+00:00",
                "byline": f"By {_word(rng, 2)} {_word(rng, 3)}",
                "paragraphs": paras,
            }
            i += 1
        story += 1


def _as_text(a: dict[str, object]) -> str:
    paras = a["paragraphs"]
    assert isinstance(paras, list)
    return f"{a['title']}\n\n{a['byline']}\n{a['published']}\n\n" + "\n\n".join(paras) + "\n"


def _as_html(a: dict[str, object], rng: random.Random, target_bytes: int = 20_000) -> str:
    paras = a["paragraphs"]
    assert isinstance(paras, list)
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(40))
    related = "".join(
        f'<li><a href="/related/{rng.randrange(10**6)}">{escape(_word(rng, 3))} '
        f"{escape(_word(rng, 2))} story</a></li>"
        for _ in range(25)
    )
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paras)
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(str(a["title"]))}'
        f' | {escape(str(a["outlet"]))}</title><link rel="canonical" href="{a["url"]}">'
        f'<meta property="article:published_time" content="{a["published"]}">'
        "<style>body{font-family:serif} .nav li{display:inline}</style></head><body>"
        f'<header><ul class="nav">{nav}</ul></header><main><article><h1>{escape(str(a["title"]))}</h1>'
        f'<p class="byline">{escape(str(a["byline"]))}</p>{body}</article>'
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        "<footer><p>Subscribe to our newsletter for the day's top stories.</p></footer>"
    )
    pad = target_bytes - len(page) - 40
    if pad > 0:
        page += "<script>var tracking='" + "x" * pad + "';</script>"
    return page + "</body></html>\n"


def generate_corpus(
    n: int, seed: int = 0, kind: str = "text", *, words: int = 700, per_file: int = 1000
) -> Iterator[GeneratedDoc]:
    """Yield the files of an ``n``-article fictional corpus (see the module docstring)."""
    if kind not in ("text", "html", "jsonl"):
        raise ValueError(f"unknown corpus kind {kind!r}: use text, html or jsonl")
    rng = random.Random(seed ^ 0x5EED)
    lines: list[str] = []
    shard = 0
    for a in _articles(n, seed, words):
        stem = f"s{a['story']:06d}/a{a['id']:07d}"
        if kind == "text":
            yield GeneratedDoc(stem + ".txt", _as_text(a).encode("utf-8"))
        elif kind == "html":
            yield GeneratedDoc(stem + ".html", _as_html(a, rng).encode("utf-8"))
        else:
            paras = a["paragraphs"]
            assert isinstance(paras, list)
            record = {
                "url": a["url"],
                "title": a["title"],
                "outlet": a["outlet"],
                "published": a["published"],
                "byline": a["byline"],
                "text": "\n\n".join(paras),
            }
            lines.append(json.dumps(record, ensure_ascii=False))
            if len(lines) >= per_file:
                yield GeneratedDoc(f"part{shard:05d}.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
                lines, shard = [], shard + 1
    if lines:
        yield GeneratedDoc(f"part{shard:05d}.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))


def write_corpus(folder: str | Path, n: int, seed: int = 0, kind: str = "text", **kw: int) -> list[Path]:
    """Write ``generate_corpus(n, seed, kind)`` under ``folder``; return the paths written."""
    root = Path(folder)
    paths = []
    for doc in generate_corpus(n, seed, kind, **kw):
        path = root / doc.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.content)
        paths.append(path)
    return paths
