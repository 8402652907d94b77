"""Generated, fictional news corpora for benchmarks and scale tests.

Articles come in events (stories) of very different sizes: most events are covered once or
twice, a few by dozens of articles (a long tail, capped at 60). Per event there are one to three
wire originals; republications of them (credited and trimmed, some scraped: lowercased, stripped
of punctuation, cut mid-word at both ends, with a "top stories" sidebar pasted inside); digests
that credit the wire ("Continental Press reports") and lift a few of its sentences; and
independent reports in their own words, some of them follow-ups weeks later. Quotes come from
each event's own actors with reporting verbs; dates are weekdays, "last Tuesday" or calendar
dates. Outlets add their furniture: subscription prompts, newsletter sign-ups, author bios,
related headlines, repeated photo captions, "This story was updated on" lines.

Same ``(n, seed, words)``, same bytes. Events are emitted in windows of 64, each window's articles
in publication order, so a folder read in name order arrives roughly as a live feed would.
"""

from __future__ import annotations

import json
import random
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path

from storyline.synthetic.events import Event, Writer, make_event, month_day
from storyline.synthetic.vocabulary import (
    DESKS,
    DIGEST_MASTHEADS,
    MASTHEADS,
    WIRE_SUFFIXES,
    invented_word,
    person_name,
    pick,
)

MAX_STORY = 60
WINDOW = 64  # events per emission window
_STRIP = re.compile(r"[^\w\s]+")
_T0 = date(2023, 1, 2)


@dataclass(frozen=True)
class GeneratedDoc:
    name: str  # relative path of the file to write
    content: bytes


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    digest: bool
    subscribe: str
    newsletter: str


@dataclass
class GeneratedArticle:
    """One article with its ground truth: the event (``story``), its ``role`` and its origin."""

    index: int
    story: int
    role: str  # wire | republication | scraped-republication | digest | independent
    outlet: str
    url: str
    published: datetime
    title: str | None
    byline: str | None
    paragraphs: list[str]
    origin: int | None = None  # index of the article it copies or digests
    sentences: list[list[str]] = field(default_factory=list, repr=False)

    def as_text(self) -> str:
        if self.title is None:  # a scraped copy: just the text
            return self.paragraphs[0] + "\n"
        head = (
            f"{self.title}\n\n{self.byline}\n{self.published.isoformat()}\n\n"
            if self.byline
            else (f"{self.title}\n\n{self.published.isoformat()}\n\n")
        )
        return head + "\n\n".join(self.paragraphs) + "\n"


def _outlets(rng: random.Random) -> tuple[list[Outlet], list[Outlet], list[str]]:
    news, digests = [], []
    for k in range(48):
        name = f"{invented_word(rng, 2)} {pick(rng, MASTHEADS)}"
        if k % 5 == 0:
            name = "The " + name
        news.append(_outlet(rng, name, digest=False))
    for _ in range(8):
        digests.append(_outlet(rng, f"The {invented_word(rng, 2)} {pick(rng, DIGEST_MASTHEADS)}", digest=True))
    wires = [f"{invented_word(rng, rng.randint(2, 3))} {pick(rng, WIRE_SUFFIXES)}" for _ in range(6)]
    return news, digests, wires


def _outlet(rng: random.Random, name: str, *, digest: bool) -> Outlet:
    short = name.removeprefix("The ")
    subscribe = pick(
        rng,
        (
            f"Subscribe to {short} for unlimited access. Cancel anytime.",
            f"Already a subscriber? Log in. Not yet? Get {rng.randrange(3, 12)} weeks of {short} free.",
            f"You have {rng.randrange(1, 5)} free articles left this month. Subscribe now.",
        ),
    )
    newsletter = pick(
        rng,
        (
            f"Sign up for the {short} daily newsletter and get the top stories in your inbox.",
            f"Get the {pick(rng, ('morning', 'evening', 'weekend'))} briefing from {short}. Sign up here.",
            "Enter your email to receive our newsletter. You can unsubscribe at any time.",
        ),
    )
    domain = re.sub(r"[^a-z]", "", short.lower()) + ".example"
    return Outlet(name, domain, digest, subscribe, newsletter)


def _story_size(rng: random.Random) -> int:
    return min(MAX_STORY, int(rng.paretovariate(1.25)))


def _scrape(text: str, sidebar: list[str], rng: random.Random) -> str:
    """Lowercase, strip punctuation, paste a sidebar inside and cut mid-word at both ends."""
    flat = _STRIP.sub(" ", text.lower())
    words = flat.split()
    cut = rng.randrange(len(words) // 3, max(len(words) // 3 + 1, 2 * len(words) // 3))
    side = _STRIP.sub(" ", ("top stories " + " ".join(sidebar)).lower()).split()
    words = words[:cut] + side + words[cut:]
    out = " ".join(words)
    start = rng.randrange(5, 40)
    end = len(out) - rng.randrange(5, 40)
    return out[start:end] if end > start + 40 else out


class _Generator:
    def __init__(self, seed: int, words: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.words = words
        self.news, self.digests, self.wires = _outlets(random.Random(seed ^ 0x0071E7))
        self.headlines: deque[str] = deque(maxlen=40)  # recent headlines, for sidebars and related links
        self.story = 0

    # -------------------------------------------------------------- furniture
    def _related(self, k: int) -> list[str]:
        pool = list(self.headlines)
        return self.rng.sample(pool, min(k, len(pool)))

    def _furnish(
        self, paras: list[str], outlet: Outlet, published: datetime, byline: str | None, ev: Event
    ) -> list[str]:
        rng = self.rng
        out = list(paras)
        if rng.random() < 0.35:  # a photo caption, repeated as sites do
            a = pick(rng, ev.actors)
            caption = f"{a.name} speaks to reporters in {ev.place}. ({pick(rng, self.wires)} Photo)"
            out[0:0] = [caption, caption]
        if rng.random() < 0.2:
            later = published + timedelta(days=rng.randint(1, 5))
            out.insert(0, f"This story was updated on {month_day(later.date(), year=True)}.")
        if outlet.digest or rng.random() < 0.4:
            out.insert(0 if outlet.digest else min(2, len(out)), outlet.subscribe)
        if len(out) > 4 and rng.random() < 0.3:
            out.insert(len(out) // 2, "Advertisement")
        if byline and rng.random() < 0.5:
            desk = pick(rng, DESKS)
            out.append(f"{byline.removeprefix('By ')} covers {desk} for {outlet.name.removeprefix('The ')}.")
        if rng.random() < 0.6:
            out.append(outlet.newsletter)
        related = self._related(rng.randint(3, 6))
        if related and (outlet.digest or rng.random() < 0.5):
            out.append(pick(rng, ("Related", "More from " + outlet.name, "Most read")))
            out.extend(related)
        return out

    # -------------------------------------------------------------- articles of one event
    def _event_articles(self, ev: Event, size: int) -> list[GeneratedArticle]:
        rng = self.rng
        n_wires = 1 if size <= 5 else 2 if size <= 20 else 3
        out: list[GeneratedArticle] = []
        if size == 1 and rng.random() < 0.5:
            return [self._independent(ev)]
        wires = [self._wire(ev, k) for k in range(min(n_wires, size))]
        out.extend(wires)
        for _ in range(size - len(wires)):
            r = rng.random()
            origin = wires[min(int(rng.expovariate(1.5)), len(wires) - 1)]
            if r < 0.35:
                out.append(self._republication(ev, origin))
            elif r < 0.5:
                out.append(self._digest(ev, origin))
            else:
                out.append(self._independent(ev))
        return out

    def _article(
        self,
        ev: Event,
        role: str,
        outlet: str,
        domain: str,
        published: datetime,
        title: str | None,
        byline: str | None,
        paragraphs: list[str],
        sentences: list[list[str]] | None = None,
        origin: GeneratedArticle | None = None,
    ) -> GeneratedArticle:
        slug = re.sub(r"[^a-z0-9]+", "-", (title or ev.place).lower()).strip("-")[:60]
        return GeneratedArticle(
            index=-1,
            story=ev.number,
            role=role,
            outlet=outlet,
            url=f"https://{domain}/{self.seed}/{ev.number}/{self.rng.randrange(10**9):09d}/{slug}",
            published=published,
            title=title,
            byline=byline,
            paragraphs=paragraphs,
            origin=id(origin) if origin else None,
            sentences=sentences or [],
        )

    def _time(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randrange(5, 23), self.rng.randrange(60)))

    def _wire(self, ev: Event, k: int) -> GeneratedArticle:
        rng = self.rng
        wire = pick(rng, self.wires)
        day = ev.day + timedelta(days=k * rng.randint(0, 3))
        writer = Writer(ev, random.Random(rng.random()), day)
        sentences = writer.paragraphs(self.words, first=writer.lead(f"{ev.place.upper()} ({wire}) — "))
        title = ev.headline(rng)
        self.headlines.append(title)
        return self._article(
            ev,
            "wire",
            wire,
            re.sub(r"[^a-z]", "", wire.lower()) + ".example",
            self._time(day),
            title,
            f"By {person_name(rng)}",
            [" ".join(p) for p in sentences],
            sentences,
        )

    def _republication(self, ev: Event, origin: GeneratedArticle) -> GeneratedArticle:
        rng = self.rng
        outlet = pick(rng, self.news)
        published = origin.published + timedelta(hours=rng.randrange(1, 30))
        keep = origin.paragraphs[: max(2, len(origin.paragraphs) - rng.randrange(4))]
        if rng.random() < 0.3:
            text = _scrape(" ".join(keep), self._related(rng.randint(2, 4)), rng)
            return self._article(
                ev, "scraped-republication", outlet.name, outlet.domain, published, None, None, [text], origin=origin
            )
        credit = pick(
            rng,
            (
                f"This story was reported by {origin.outlet}.",
                f"Copyright {published.year} {origin.outlet}. All rights reserved.",
                f"({origin.outlet})",
            ),
        )
        paras = self._furnish([*keep, credit], outlet, published, origin.byline, ev)
        return self._article(
            ev,
            "republication",
            outlet.name,
            outlet.domain,
            published,
            origin.title,
            origin.byline,
            paras,
            origin=origin,
        )

    def _digest(self, ev: Event, origin: GeneratedArticle) -> GeneratedArticle:
        rng = self.rng
        outlet = pick(rng, self.digests)
        published = origin.published + timedelta(hours=rng.randrange(2, 60))
        writer = Writer(ev, random.Random(rng.random()), published.date())
        lifted = [s for p in origin.sentences[1:] for s in p]
        picked = rng.sample(lifted, min(len(lifted), rng.randint(3, 6)))
        credit = pick(
            rng, (f"{origin.outlet} reports.", f"according to {origin.outlet}.", f"as {origin.outlet} reported.")
        )
        lead = writer.lead()
        if credit[0].islower():
            lead = lead[:-1] + ", " + credit
            paras = [lead]
        else:
            paras = [lead + " " + credit]
        paras += [" ".join(picked[i : i + 2]) for i in range(0, len(picked), 2)]
        paras.append(" ".join(writer.sentence() for _ in range(rng.randint(1, 3))))
        paras.append(f"Read more at {origin.outlet}.")
        title = f"{ev.headline(rng)}: {pick(rng, ('what we know', 'the short version', 'in brief'))}"
        self.headlines.append(title)
        byline = f"By {person_name(rng)}" if rng.random() < 0.5 else None
        return self._article(
            ev,
            "digest",
            outlet.name,
            outlet.domain,
            published,
            title,
            byline,
            self._furnish(paras, outlet, published, byline, ev),
            origin=origin,
        )

    def _independent(self, ev: Event) -> GeneratedArticle:
        rng = self.rng
        outlet = pick(rng, self.news)
        day = ev.day + timedelta(days=min(42, int(rng.expovariate(1 / 4))))
        writer = Writer(ev, random.Random(rng.random()), day)
        paras = [" ".join(p) for p in writer.paragraphs(self.words, first=writer.lead())]
        title = ev.headline(random.Random(rng.random()))
        self.headlines.append(title)
        byline = f"By {person_name(rng)}"
        return self._article(
            ev,
            "independent",
            outlet.name,
            outlet.domain,
            self._time(day),
            title,
            byline,
            self._furnish(paras, outlet, self._time(day), byline, ev),
        )

    # -------------------------------------------------------------- the corpus
    def articles(self, n: int) -> Iterator[GeneratedArticle]:
        rng = self.rng
        index = 0
        start = _T0
        while index < n:
            window: list[GeneratedArticle] = []
            for _ in range(WINDOW):
                ev = make_event(rng, self.story, start + timedelta(days=rng.randrange(7)))
                self.story += 1
                window.extend(self._event_articles(ev, _story_size(rng)))
                if index + len(window) >= n:
                    break
            start += timedelta(days=7)
            window.sort(key=lambda a: a.published)
            ids = {id(a): index + k for k, a in enumerate(window)}
            for a in window:
                if index >= n:
                    return
                a.index = index
                a.origin = ids.get(a.origin) if a.origin is not None else None
                index += 1
                yield a


def generate_articles(n: int, seed: int = 0, *, words: int = 700) -> Iterator[GeneratedArticle]:
    """The ``n`` articles of a generated corpus, with their ground truth (event, role, origin)."""
    return _Generator(seed, words).articles(n)


def _as_html(a: GeneratedArticle, rng: random.Random, target_bytes: int = 20_000) -> str:
    title = escape(a.title or "")
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(40))
    body = "".join(f"<p>{escape(p)}</p>\n" for p in a.paragraphs)
    byline = f'<p class="byline">{escape(a.byline)}</p>' if a.byline else ""
    related = "".join(f'<li><a href="/related/{rng.randrange(10**6)}">More news</a></li>' for _ in range(25))
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}'
        f' | {escape(a.outlet)}</title><link rel="canonical" href="{a.url}">'
        f'<meta property="article:published_time" content="{a.published.isoformat()}">'
        "<style>body{font-family:serif} .nav li{display:inline}</style></head><body>"
        f'<header><ul class="nav">{nav}</ul></header><main><article><h1>{title}</h1>{byline}{body}</article>'
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
    """Yield the files of an ``n``-article fictional corpus: ``kind="text"`` one ``.txt`` per
    article, ``"html"`` one ~20 KB page per article, ``"jsonl"`` files of up to ``per_file``
    records. Files are named in publication order (see the module docstring)."""
    if kind not in ("text", "html", "jsonl"):
        raise ValueError(f"unknown corpus kind {kind!r}: use text, html or jsonl")
    rng = random.Random(seed ^ 0x5EED)
    lines: list[str] = []
    shard = 0
    for a in generate_articles(n, seed, words=words):
        stem = f"{a.index // 1000:04d}/a{a.index:07d}"
        if kind == "text":
            yield GeneratedDoc(stem + ".txt", a.as_text().encode("utf-8"))
        elif kind == "html":
            yield GeneratedDoc(stem + ".html", _as_html(a, rng).encode("utf-8"))
        else:
            record: dict[str, str] = {"url": a.url, "outlet": a.outlet, "published": a.published.isoformat()}
            if a.title:
                record["title"] = a.title
            if a.byline:
                record["byline"] = a.byline
            record["text"] = "\n\n".join(a.paragraphs)
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
