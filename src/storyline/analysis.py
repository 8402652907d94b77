"""Corpus stages, run after new articles are stored: provenance, stories, actors, claims, timeline.

Each stage is incremental: it reads the new articles and its own persisted state from the store,
and writes its results back. The order matters: copies found by provenance join their origin's
story; actors are resolved within a story; disputes count independent origins through the
provenance edges.
"""

from __future__ import annotations

from collections.abc import Callable

from storyline.model import Article, ProvenanceEdge, Story
from storyline.store import Store

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
    from storyline.provenance import MinHashCandidateIndex, detect_provenance

    state = store.get_state(PROVENANCE_STATE)
    index = MinHashCandidateIndex.from_bytes(state) if state else MinHashCandidateIndex()
    edges = detect_provenance(new, index, store.get_article)
    with store.transaction():
        store.put_edges(edges)
        store.put_state(PROVENANCE_STATE, index.to_bytes())
    return edges


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
    summary: dict[str, int] = {"provenance edges": len(run_provenance(store, new))}
    stories = run_stories(store, new)
    summary["stories touched"] = len(stories)
    for story in stories:
        for key, n in run_story_analysis(store, story).items():
            summary[key] = summary.get(key, 0) + n
    return summary
