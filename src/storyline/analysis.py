"""Corpus stages, run after new articles are stored: provenance, stories, actors, claims, timeline.

Each stage is incremental: it reads the new articles and its own persisted state from the store,
and writes its results back. The order matters: copies found by provenance join their origin's
story; actors are resolved within a story; disputes count independent origins through the
provenance edges.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from storyline.model import Article, ProvenanceEdge, Story
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.provenance import MinHashCandidateIndex

log = logging.getLogger(__name__)

PROVENANCE_STATE = "provenance.index"
STORIES_STATE = "stories.clusterer"

StageLog = Callable[[str], None]


def _articles(store: Store, ids: list[str]) -> list[Article]:
    out = []
    for i in dict.fromkeys(ids):
        a = store.get_article(i)
        if a is not None:
            out.append(a)
    return out


def run_provenance(store: Store, new: list[Article]) -> list[ProvenanceEdge]:
    from storyline.provenance import detect_provenance

    index = _candidate_index(store, new)
    edges = detect_provenance(new, index, store.get_article, lambda ids: store.edges(article_ids=ids))
    with store.transaction():
        store.put_edges(edges)
        store.put_state(PROVENANCE_STATE, index.to_bytes())
    return edges


def _candidate_index(store: Store, new: list[Article]) -> MinHashCandidateIndex:
    """The stored candidate index; rebuilt from the stored articles when it was saved by an older
    version of Storyline (its sketches would not match new ones)."""
    from storyline.provenance import MinHashCandidateIndex

    state = store.get_state(PROVENANCE_STATE)
    if state:
        try:
            return MinHashCandidateIndex.from_bytes(state)
        except (ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
            log.warning("rebuilding the provenance index from the stored articles: %s", exc)
    index = MinHashCandidateIndex()
    if state:
        skip = {a.id for a in new}
        batch: list[tuple[str, str]] = []
        for article in store.iter_articles():
            if article.id not in skip and article.text:
                batch.append((article.id, article.text))
            if len(batch) >= 2000:
                index.add_many(batch)
                batch = []
        if batch:
            index.add_many(batch)
    return index


def run_twin_restoration(store: Store, edges: list[ProvenanceEdge]) -> dict[str, Article]:
    """Re-restore stripped copies whose cased twin provenance just found (by id: the new versions).

    The copy's text changes case and punctuation only, so stored edges are remapped onto it
    and its quotes are extracted again from the better sentences; the scrape stays in ``raw``.
    """
    from storyline.attribution import extract_quotes
    from storyline.cleaning.restoration_twin import SpanMap, remap_edge, twin_restorations

    done = twin_restorations(edges, store.get_article)
    out: dict[str, Article] = {}
    for r in done:
        aid = r.article.id
        spans = SpanMap(r.old_text, r.article.text)
        remapped = [remap_edge(e, aid, spans) for e in store.edges(article_ids=[aid])]
        quotes = extract_quotes(r.article)
        with store.transaction():
            store.put_article(r.article)
            store.put_edges(remapped)
            store.put_quotes(aid, quotes)
        out[aid] = r.article
    return out


def run_stories(store: Store, new: list[Article]) -> list[Story]:
    from storyline.stories import IncrementalStoryClusterer

    state = store.get_state(STORIES_STATE)
    clusterer = IncrementalStoryClusterer.from_bytes(state) if state else IncrementalStoryClusterer()
    edges = store.edges(article_ids=[a.id for a in new])
    assignment = clusterer.assign(new, edges)
    with store.transaction():
        store.put_stories(assignment.stories, assignment.changes)
        store.put_state(STORIES_STATE, clusterer.to_bytes())
    # a story merged away comes back with no articles (the store deletes it): nothing to analyse
    return [s for s in assignment.stories if s.article_ids]


def run_story_analysis(store: Store, story: Story) -> dict[str, int]:
    """Actors, disputes and timeline of one story, recomputed from its articles and quotes."""
    from storyline.attribution import resolve_actors
    from storyline.claims import build_disputes, build_timeline

    articles = list(store.iter_articles(story_id=story.id))
    ids = [a.id for a in articles]
    quotes, actors = resolve_actors(store.quotes(story_id=story.id), articles)
    edges = store.edges(article_ids=ids)
    propositions = build_disputes(story, articles, quotes, edges)
    events = build_timeline(story, articles)
    with store.transaction():
        by_article: dict[str, list] = {i: [] for i in ids}  # type: ignore[type-arg]
        for q in quotes:
            by_article.setdefault(q.article_id, []).append(q)
        for aid, qs in by_article.items():
            store.put_quotes(aid, qs)
        store.put_actors(story.id, actors)
        store.put_propositions(story.id, propositions)
        store.put_timeline(story.id, events)
    return {"propositions": len(propositions), "timeline events": len(events), "actors": len(actors)}


def run_corpus_stages(store: Store, article_ids: list[str]) -> dict[str, int]:
    new = _articles(store, article_ids)
    if not new:
        return {}
    edges = run_provenance(store, new)
    summary: dict[str, int] = {"provenance edges": len(edges)}
    restored = run_twin_restoration(store, edges)
    if restored:
        summary["restored from a cased twin"] = len(restored)
        new = [restored.get(a.id, a) for a in new]
    stories = run_stories(store, new)
    summary["stories touched"] = len(stories)
    for story in stories:
        for key, n in run_story_analysis(store, story).items():
            summary[key] = summary.get(key, 0) + n
    return summary
