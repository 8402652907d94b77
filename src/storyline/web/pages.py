"""What each page shows, built from the store, and rendered through the Jinja templates.

``Site`` is the read side of the web app: one per app, shared by the worker threads (the store
keeps one SQLite connection per thread). Rendered story pages and briefs are cached, keyed by a
change counter of the database files, so a page is rebuilt only after the store changed.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from storyline.brief.compose import brief_data
from storyline.errors import NotFoundError
from storyline.model import Article, Quote
from storyline.store import Store
from storyline.views import Record, article_record, edge_record, quote_record, story_record
from storyline.web.charts import provenance_graph, timeline_chart
from storyline.web.highlight import Mark, highlight
from storyline.web.templating import environment, stylesheet

T = TypeVar("T")
PAGE_SIZE = 50


class ChangeCounter:
    """A cheap key that changes whenever the database is written: size and mtime of the file and
    its WAL. (SQLite's ``data_version`` is per connection, and our connections are per thread.)"""

    def __init__(self, db_path: str | Path) -> None:
        self.paths = [str(db_path), f"{db_path}-wal"]

    def __call__(self) -> tuple[int, ...]:
        key: list[int] = []
        for p in self.paths:
            try:
                st = os.stat(p)
            except OSError:
                key += [0, 0]
            else:
                key += [st.st_mtime_ns, st.st_size]
        return tuple(key)


class LruCache:
    """A small thread-safe LRU map; entries carry the change key they were built under."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._data: OrderedDict[object, tuple[tuple[int, ...], object]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[object, threading.Lock] = {}

    def peek(self, key: object, version: tuple[int, ...]) -> object | None:
        """The cached value if it was built under ``version``, else None (never builds)."""
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == version:
                self._data.move_to_end(key)
                return hit[1]
        return None

    def get_or_build(self, key: object, version: tuple[int, ...], build: Callable[[], T]) -> T:
        """The cached value, or build it; concurrent misses of one key wait for a single build."""
        hit = self.peek(key, version)
        if hit is not None:
            return hit  # type: ignore[return-value]
        with self._lock:
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            hit = self.peek(key, version)
            if hit is not None:
                return hit  # type: ignore[return-value]
            value = build()
            with self._lock:
                self._data[key] = (version, value)
                self._data.move_to_end(key)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
                self._building.pop(key, None)
        return value


def _quote_marks(quotes: list[Quote]) -> list[Mark]:
    return [
        Mark(
            start=q.content.start,
            end=q.content.end,
            css="quote",
            title=f"{q.actor} ({q.cue}, {q.kind.value})",
        )
        for q in quotes
    ]


class Site:
    def __init__(self, store: Store, db_path: str | Path | None = None) -> None:
        self.store = store
        self.env = environment()
        self.version = ChangeCounter(db_path) if db_path else (lambda: (0,))
        self.cache = LruCache(1024)  # rendered pages
        self.data_cache = LruCache(256)  # briefs and the story list

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def cached(self, key: object, build: Callable[[], T]) -> T:
        return self.cache.get_or_build(key, self.version(), build)

    def cached_story_page(self, story_id: str) -> bytes | None:
        """The rendered story page if it is cached and current (cheap: no store access)."""
        hit = self.cache.peek(("story-page", story_id), self.version())
        return hit if isinstance(hit, bytes) else None

    # -- data ----------------------------------------------------------------------------
    def brief(self, story_id: str) -> dict[str, object]:
        return self.data_cache.get_or_build(
            ("brief", story_id), self.version(), lambda: brief_data(self.store, story_id)
        )

    def stories(self) -> list[Record]:
        return self.data_cache.get_or_build(
            ("stories",), self.version(), lambda: [story_record(s) for s in self.store.stories()]
        )

    # -- pages -----------------------------------------------------------------------------
    def home_page(self, page: int = 1, sort: str = "recent") -> str:
        stories = self.stories()
        if sort == "size":
            stories = sorted(stories, key=lambda s: (-int(s["size"]), str(s["id"])))  # type: ignore[call-overload]
        pages = max(1, -(-len(stories) // PAGE_SIZE))
        page = min(max(page, 1), pages)
        shown = stories[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return self.render(
            "home.html",
            stories=shown,
            total=len(stories),
            page=page,
            pages=pages,
            sort=sort,
            articles=self.store.count_articles(),
            query="",
        )

    def search_page(self, query: str) -> str:
        articles = list(self.store.iter_articles(search=query, limit=50)) if query.strip() else []
        quotes = self.store.search_quotes(query, limit=50) if query.strip() else []
        words = [w.lower() for w in query.split() if w.strip()]
        hits = []
        for a in articles:
            snippet, start, more = _snippet(a.text, words)
            hits.append(
                {
                    "article": article_record(a, with_text=False, story_id=self.store.story_of(a.id)),
                    "snippet": highlight(snippet, _word_marks(snippet, words)),
                    "start": start,
                    "more": more,
                }
            )
        return self.render("search.html", query=query, hits=hits, quotes=[quote_record(q) for q in quotes])

    def story_page(self, story_id: str) -> bytes:
        """The story page as UTF-8 HTML (cached until the store changes)."""

        def build() -> bytes:
            data = self.brief(story_id)
            return self.render(
                "story.html",
                b=data,
                query="",
                timeline=timeline_chart(data["timeline"]),  # type: ignore[arg-type]
                graph=provenance_graph(data["sources"]),  # type: ignore[arg-type]
                outlets=_outlets(data),
                standalone=False,
            ).encode("utf-8")

        return self.cached(("story-page", story_id), build)

    def article_page(
        self, article_id: str, origin: str | None = None, start: int | None = None, end: int | None = None
    ) -> str:
        a = self.store.get_article(article_id)
        if a is None:
            raise NotFoundError(f"no article {article_id!r}")
        quotes = self.store.quotes(article_id=article_id)
        edges = [e for e in self.store.edges(article_ids=[article_id]) if e.superseded_by is None]
        incoming = [e for e in edges if e.derived_id == article_id]
        outgoing = [e for e in edges if e.origin_id == article_id and e.derived_id != article_id]
        marks = _quote_marks(quotes)
        focus_given = False
        for e in incoming:
            key = e.origin_id or f"external:{e.origin_label or 'unknown'}"
            focused = origin is not None and origin == key
            for i, p in enumerate(e.passages):
                css = "aligned focus" if focused else "aligned"
                anchor = "aligned" if focused and i == 0 else None
                focus_given |= focused
                marks.append(
                    Mark(
                        start=p.derived.start,
                        end=p.derived.end,
                        css=css,
                        anchor=anchor,
                        title=f"{e.relation.value} of {e.origin_label or e.origin_id} (similarity {p.similarity:.2f})",
                    )
                )
        if start is not None and end is not None and 0 <= start < end <= len(a.text):
            marks.append(Mark(start=start, end=end, css="focus", anchor="span", title="cited passage"))
        names = self._titles({e.origin_id for e in incoming if e.origin_id} | {e.derived_id for e in outgoing})
        return self.render(
            "article.html",
            a=article_record(a, story_id=self.store.story_of(a.id)),
            article=a,
            query="",
            body=highlight(a.text, marks),
            quotes=[quote_record(q) for q in quotes],
            incoming=[edge_record(e) for e in incoming],
            outgoing=[edge_record(e) for e in outgoing],
            names=names,
            removed=[r.to_dict() for r in a.removed],
            focus=origin if focus_given else None,
            versions=len(self.store.article_versions(a.id)),
        )

    def actor_page(self, name: str) -> str:
        quotes = self.store.quotes(actor=name)
        actors = [x for x in self.store.actors() if x.name == name or name in x.aliases]
        if not quotes and not actors:
            raise NotFoundError(f"no actor {name!r}")
        groups: dict[str | None, list[Record]] = {}
        arts: dict[str, Article | None] = {}
        for q in quotes:
            if q.article_id not in arts:
                arts[q.article_id] = self.store.get_article(q.article_id)
            art = arts[q.article_id]
            rec = {
                **quote_record(q),
                "outlet": art.outlet if art else None,
                "title": art.title if art else None,
                "published": art.published.isoformat() if art and art.published else None,
            }
            groups.setdefault(self.store.story_of(q.article_id), []).append(rec)
        stories = []
        for sid, recs in groups.items():
            story = self.store.get_story(sid) if sid else None
            stories.append({"id": sid, "title": story.title if story else "Not in a story", "quotes": recs})
        cues: dict[str, int] = {}
        for q in quotes:
            cues[q.cue] = cues.get(q.cue, 0) + 1
        return self.render(
            "actor.html",
            name=name,
            actor=actors[0] if actors else None,
            stories=stories,
            cues=sorted(cues.items(), key=lambda kv: -kv[1]),
            total=len(quotes),
            query="",
        )

    def brief_document(self, data: dict[str, object]) -> str:
        return self.render(
            "brief_document.html",
            b=data,
            css=stylesheet(),
            outlets=_outlets(data),
            timeline=timeline_chart(data["timeline"]),  # type: ignore[arg-type]
            graph=provenance_graph(data["sources"]),  # type: ignore[arg-type]
            standalone=True,
        )

    def _titles(self, ids: set[str]) -> dict[str, str]:
        out = {}
        for i in ids:
            a = self.store.get_article(i)
            out[i] = f"{a.outlet or 'unknown outlet'}: {a.title or i}" if a else i
        return out


def _outlets(data: dict[str, object]) -> dict[str, str]:
    arts = cast(list[Record], data.get("articles") or [])
    return {str(a["id"]): str(a.get("outlet") or "unknown outlet") for a in arts}


def _snippet(text: str, words: list[str], size: int = 240) -> tuple[str, int, bool]:
    """About ``size`` characters of ``text`` around the first query word; its start; whether more follows."""
    low = text.lower()
    pos = min((p for w in words if (p := low.find(w)) >= 0), default=0)
    start = max(0, pos - size // 3)
    return text[start : start + size], start, start + size < len(text)


def _word_marks(text: str, words: list[str]) -> list[Mark]:
    low = text.lower()
    marks = []
    for w in words:
        i = low.find(w)
        while i >= 0 and w:
            marks.append(Mark(start=i, end=i + len(w), css="hit"))
            i = low.find(w, i + len(w))
    return marks


def render_brief_document(store: Store, story_id: str, data: dict[str, object] | None = None) -> str:
    """A standalone HTML page of the brief (styles inlined; no links back to a server needed)."""
    return Site(store).brief_document(data if data is not None else brief_data(store, story_id))
