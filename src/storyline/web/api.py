"""The JSON API under ``/api/``: the same records as the CLI's JSON output (``storyline.views``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from storyline.errors import NotFoundError
from storyline.views import (
    Record,
    article_record,
    dispute_record,
    edge_record,
    quote_record,
    story_record,
    timeline_record,
)
from storyline.web.pages import Site

Limit = Annotated[int, Query(ge=1, le=10_000, description="At most this many records.")]


def api_router(site: Site) -> APIRouter:
    store = site.store
    r = APIRouter(tags=["storyline"])

    def need_story(story_id: str) -> str:
        if store.get_story(story_id) is None:
            raise NotFoundError(f"no story {story_id!r}")
        return story_id

    @r.get("/stories", summary="Stories by recency and size")
    def stories(limit: Limit = 1000, offset: Annotated[int, Query(ge=0)] = 0) -> list[Record]:
        return site.stories()[offset : offset + limit]

    @r.get("/stories/{story_id}", summary="One story")
    def story(story_id: str) -> Record:
        s = store.get_story(story_id)
        if s is None:
            raise NotFoundError(f"no story {story_id!r}")
        return story_record(s)

    @r.get("/stories/{story_id}/brief", summary="A story's brief, with sentence-level provenance")
    def brief(story_id: str) -> dict[str, object]:
        return site.brief(need_story(story_id))

    @r.get("/articles", summary="Articles, optionally of one story or matching a full-text search")
    def articles(story: str | None = None, search: str | None = None, limit: Limit = 1000) -> list[Record]:
        sid = need_story(story) if story else None
        return [
            article_record(a, story_id=store.story_of(a.id))
            for a in store.iter_articles(story_id=sid, search=search, limit=limit)
        ]

    @r.get("/articles/{article_id}", summary="One article with its cleaned text")
    def article(article_id: str) -> Record:
        a = store.get_article(article_id)
        if a is None:
            raise NotFoundError(f"no article {article_id!r}")
        return article_record(a, story_id=store.story_of(a.id))

    @r.get("/quotes", summary="Who said what, optionally by story, actor or article")
    def quotes(story: str | None = None, actor: str | None = None, article: str | None = None) -> list[Record]:
        sid = need_story(story) if story else None
        return [quote_record(q) for q in store.quotes(story_id=sid, actor=actor, article_id=article)]

    @r.get("/provenance", summary="Provenance edges (republication, digest, rewrite) with passages")
    def provenance(story: str | None = None) -> list[Record]:
        ids = [a.id for a in store.iter_articles(story_id=need_story(story))] if story else None
        return [edge_record(e) for e in store.edges(article_ids=ids)]

    @r.get("/disputes", summary="A story's dispute ledger")
    def disputes(story: str) -> list[Record]:
        return [dispute_record(p) for p in store.propositions(need_story(story))]

    @r.get("/timeline", summary="A story's dated events")
    def timeline(story: str) -> list[Record]:
        return [timeline_record(t) for t in store.timeline(need_story(story))]

    @r.get("/search", summary="Full-text search over articles and quotes")
    def search(q: str, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, list[Record]]:
        return {
            "articles": [
                article_record(a, with_text=False, story_id=store.story_of(a.id))
                for a in store.iter_articles(search=q, limit=limit)
            ],
            "quotes": [quote_record(hit) for hit in store.search_quotes(q, limit=limit)],
        }

    return r
