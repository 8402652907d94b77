"""In-memory store for tests: the same contract as SQLite, held in dicts."""

from __future__ import annotations

import itertools
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from storyline.model import (
    Actor,
    Article,
    IngestOutcome,
    Proposition,
    ProvenanceEdge,
    Quote,
    Rejection,
    Story,
    StoryChange,
    TimelineEvent,
    answers_to,
    quote_of,
)
from storyline.store.records import ArticleRecord

_WORD = re.compile(r"\w+")


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _matches(query: str, *fields: str | None) -> bool:
    wanted = _words(query)
    have: set[str] = set()
    for f in fields:
        have |= _words(f)
    return bool(wanted) and wanted <= have


class MemoryStore:
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._versions: dict[str, list[Article]] = defaultdict(list)
        self._rejections: list[Rejection] = []
        self._quotes: dict[str, list[Quote]] = {}
        self._edges: dict[tuple[str, str], ProvenanceEdge] = {}
        self._stories: dict[str, Story] = {}
        self._story_of: dict[str, str] = {}
        self._changes: list[StoryChange] = []
        self._actors: dict[str, list[Actor]] = {}
        self._props: dict[str, list[Proposition]] = {}
        self._timeline: dict[str, list[TimelineEvent]] = {}
        self._state: dict[str, bytes] = {}
        self._queue: dict[str, None] = {}  # articles awaiting the corpus stages, in stored order
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            yield

    def close(self) -> None:
        pass

    # -- articles
    def article_status(self, article_id: str, version: str) -> IngestOutcome:
        current = self._articles.get(article_id)
        if current is None:
            return IngestOutcome.INGESTED
        if current.version == version or any(v.version == version for v in self._versions[article_id]):
            return IngestOutcome.UNCHANGED
        return IngestOutcome.UPDATED

    def put_article(self, article: Article) -> IngestOutcome:
        status = self.article_status(article.id, article.version)
        if status is not IngestOutcome.UNCHANGED:
            self._articles[article.id] = article
            self._versions[article.id].append(article)
        return status

    def put_articles(self, articles: Sequence[Article]) -> list[IngestOutcome]:
        return [self.put_article(a) for a in articles]

    def put_records(self, records: Sequence[ArticleRecord]) -> list[IngestOutcome]:
        return self.put_articles([r.article() for r in records])

    def get_article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def article_versions(self, article_id: str) -> list[Article]:
        return list(self._versions.get(article_id, []))

    def iter_articles(
        self,
        *,
        story_id: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        outlet: str | None = None,
        newest_first: bool = False,
    ) -> Iterator[Article]:
        items = sorted(
            self._articles.values(),
            key=lambda a: (a.published.isoformat() if a.published else "", a.id),
            reverse=newest_first,
        )
        n = 0
        for a in items:
            if story_id and self._story_of.get(a.id) != story_id:
                continue
            if outlet is not None and a.outlet != outlet:
                continue
            if search is not None and not _matches(search, a.title, a.text):
                continue
            if limit is not None and n >= limit:
                return
            n += 1
            yield a

    def count_articles(self) -> int:
        return len(self._articles)

    # -- rejections
    def add_rejection(self, rejection: Rejection) -> None:
        self._rejections.append(rejection)

    def rejections(self) -> list[Rejection]:
        return list(self._rejections)

    # -- quotes
    def put_quotes(self, article_id: str, quotes: Iterable[Quote]) -> None:
        unique: dict[str, Quote] = {}
        for q in quotes:  # a repeated id keeps the first (as SQLite's INSERT OR IGNORE does)
            unique.setdefault(q.id, q)
        self._quotes[article_id] = list(unique.values())

    def quotes(
        self, *, story_id: str | None = None, actor: str | None = None, article_id: str | None = None
    ) -> list[Quote]:
        out = []
        names = {a.name.lower() for a in self.actors(story_id) if answers_to(a, actor)} if actor else set()
        for aid in sorted(self._quotes):
            if article_id and aid != article_id:
                continue
            if story_id and self._story_of.get(aid) != story_id:
                continue
            for q in self._quotes[aid]:
                if actor and not (quote_of(q, actor) or q.actor.lower() in names):
                    continue
                out.append(q)
        return out

    def search_quotes(self, query: str, limit: int = 50) -> list[Quote]:
        hits = [q for qs in self._quotes.values() for q in qs if _matches(query, q.speaker, q.actor, q.content_text)]
        return hits[:limit]

    # -- provenance
    def put_edges(self, edges: Iterable[ProvenanceEdge]) -> None:
        for e in edges:
            self._edges[(e.derived_id, e.origin_id or f"external:{e.origin_label or '?'}")] = e

    def edges(self, *, article_ids: Iterable[str] | None = None) -> list[ProvenanceEdge]:
        ordered = [self._edges[k] for k in sorted(self._edges)]
        if article_ids is None:
            return ordered
        ids = set(article_ids)
        return [e for e in ordered if e.derived_id in ids or (e.origin_id in ids)]

    # -- stories
    def put_stories(self, stories: Iterable[Story], changes: Iterable[StoryChange] = ()) -> None:
        for s in stories:
            for aid, sid in list(self._story_of.items()):
                if sid == s.id:
                    del self._story_of[aid]
            if s.article_ids:
                self._stories[s.id] = s
                for aid in s.article_ids:
                    self._story_of[aid] = s.id
            else:
                self._stories.pop(s.id, None)
        self._changes.extend(changes)

    def stories(self) -> list[Story]:
        def key(s: Story) -> tuple[str, int, str]:
            return (s.last_published.isoformat() if s.last_published else "", len(s.article_ids), s.id)

        by_recency = sorted(self._stories.values(), key=lambda s: s.id)
        by_recency.sort(key=lambda s: (key(s)[0], key(s)[1]), reverse=True)
        return by_recency

    def get_story(self, story_id: str) -> Story | None:
        return self._stories.get(story_id)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def story_changes(self, story_id: str | None = None) -> list[StoryChange]:
        return [c for c in self._changes if story_id is None or c.story_id == story_id]

    # -- actors, propositions, timeline
    def put_actors(self, story_id: str, actors: Iterable[Actor]) -> None:
        self._actors[story_id] = list(actors)

    def actors(self, story_id: str | None = None) -> list[Actor]:
        if story_id is not None:
            return list(self._actors.get(story_id, []))
        return [a for k in self._actors for a in self._actors[k]]

    def put_propositions(self, story_id: str, propositions: Iterable[Proposition]) -> None:
        self._props[story_id] = list(propositions)

    def propositions(self, story_id: str) -> list[Proposition]:
        return list(self._props.get(story_id, []))

    def put_timeline(self, story_id: str, events: Iterable[TimelineEvent]) -> None:
        self._timeline[story_id] = list(events)

    def timeline(self, story_id: str) -> list[TimelineEvent]:
        return list(self._timeline.get(story_id, []))

    # -- state
    def queue_analysis(self, article_ids: Iterable[str]) -> None:
        for aid in article_ids:
            self._queue.setdefault(aid, None)

    def pending_analysis(self, limit: int | None = None) -> list[str]:
        ids = iter(self._queue)
        return list(ids if limit is None else itertools.islice(ids, limit))

    def count_pending_analysis(self) -> int:
        return len(self._queue)

    def finish_analysis(self, article_ids: Iterable[str]) -> None:
        for aid in article_ids:
            self._queue.pop(aid, None)

    def put_state(self, name: str, data: bytes) -> None:
        self._state[name] = bytes(data)

    def get_state(self, name: str) -> bytes | None:
        return self._state.get(name)

    def put_states(self, items: Iterable[tuple[str, bytes]]) -> None:
        for name, data in items:
            self._state[name] = bytes(data)

    def get_states(self, names: Sequence[str]) -> dict[str, bytes]:
        return {name: self._state[name] for name in names if name in self._state}
