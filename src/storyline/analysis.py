"""Corpus stages, run after new articles are stored: provenance, stories, actors, claims, timeline.

Provenance and stories are incremental and stateful: each reads the new articles and its own
persisted state from the store, and writes its results back. The order matters: copies found by
provenance join their origin's story; actors are resolved within a story; disputes count
independent origins through the provenance edges.

The per-story stages (actors, disputes, timeline) are a group-by: every article of a touched
story becomes a :class:`StoryMember` row keyed by its story id, and :func:`analyze_story_group`
turns one story's rows into its :class:`StoryAnalysis`. Rows are built in this process from the
store; the groups run on the pipeline's runner (a process pool, or Ray's ``groupby().map_groups``),
so stories are analysed in parallel; results are written back here. Only stories whose membership
changed in this run are analysed again.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import msgspec

from storyline.model import Actor, Article, Proposition, ProvenanceEdge, Quote, Story, TimelineEvent
from storyline.runner import InlineRunner, Runner, map_groups
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.provenance import MinHashCandidateIndex

log = logging.getLogger(__name__)

PROVENANCE_STATE = "provenance.index"
STORIES_STATE = "stories.clusterer"
GROUP_ARTICLES = 2000  # articles per round of story groups sent to the runner (bounds memory)

StageLog = Callable[[str], None]


class StoryMember(msgspec.Struct, frozen=True):
    """One article of a story, as a row of the per-story group-by."""

    story_id: str
    position: int  # the article's place in the story (store order)
    article: Article | None  # None: the placeholder row of a story with no stored article
    quotes: tuple[tuple[int, Quote], ...]  # (place among the story's quotes, quote)
    story: Story | None = None  # carried by the row at position 0 only
    edges: tuple[ProvenanceEdge, ...] = ()  # likewise


class StoryAnalysis(msgspec.Struct, frozen=True):
    story_id: str
    article_ids: tuple[str, ...]
    quotes: tuple[Quote, ...]
    actors: tuple[Actor, ...]
    propositions: tuple[Proposition, ...]
    timeline: tuple[TimelineEvent, ...]


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


def story_members(store: Store, story: Story) -> list[StoryMember]:
    """The rows of one story for the group-by: its articles, quotes and provenance edges."""
    articles = list(store.iter_articles(story_id=story.id))  # raw text is dropped below: not needed
    quotes = store.quotes(story_id=story.id)
    edges = tuple(store.edges(article_ids=[a.id for a in articles]))
    by_article: dict[str, list[tuple[int, Quote]]] = {}
    for k, q in enumerate(quotes):
        by_article.setdefault(q.article_id, []).append((k, q))
    members = [
        StoryMember(
            story.id,
            k,
            a.replace(raw=""),
            tuple(by_article.get(a.id, ())),
            story if k == 0 else None,
            edges if k == 0 else (),
        )
        for k, a in enumerate(articles)
    ]
    if not members:  # a story whose articles are all gone: analysed as empty
        members = [StoryMember(story.id, 0, None, (), story, edges)]
    return members


def analyze_story_group(members: Sequence[StoryMember]) -> StoryAnalysis:
    """Actors, disputes and timeline of one story, from all of its rows (in any order)."""
    from storyline.attribution import resolve_actors
    from storyline.claims import build_disputes, build_timeline

    rows = sorted(members, key=lambda m: m.position)
    head = rows[0]
    assert head.story is not None, "the row at position 0 carries the story"
    story = head.story
    articles = [m.article for m in rows if m.article is not None]
    quotes = [q for _, q in sorted((pq for m in rows for pq in m.quotes), key=lambda pq: pq[0])]
    quotes, actors = resolve_actors(quotes, articles)
    propositions = build_disputes(story, articles, quotes, list(head.edges))
    events = build_timeline(story, articles)
    return StoryAnalysis(
        story.id, tuple(a.id for a in articles), tuple(quotes), tuple(actors), tuple(propositions), tuple(events)
    )


def store_story_analysis(store: Store, result: StoryAnalysis) -> dict[str, int]:
    by_article: dict[str, list[Quote]] = {i: [] for i in result.article_ids}
    for q in result.quotes:
        by_article.setdefault(q.article_id, []).append(q)
    for aid, qs in by_article.items():
        store.put_quotes(aid, qs)
    store.put_actors(result.story_id, result.actors)
    store.put_propositions(result.story_id, result.propositions)
    store.put_timeline(result.story_id, result.timeline)
    return {
        "propositions": len(result.propositions),
        "timeline events": len(result.timeline),
        "actors": len(result.actors),
    }


def run_story_analysis(store: Store, story: Story) -> dict[str, int]:
    """Actors, disputes and timeline of one story, recomputed from its articles and quotes."""
    result = analyze_story_group(story_members(store, story))
    with store.transaction():
        return store_story_analysis(store, result)


def _rounds(store: Store, stories: list[Story]) -> Iterator[list[StoryMember]]:
    """The rows of the stories, a few thousand articles at a time."""
    rows: list[StoryMember] = []
    for story in stories:
        rows.extend(story_members(store, story))
        if len(rows) >= GROUP_ARTICLES:
            yield rows
            rows = []
    if rows:
        yield rows


def run_stories_analysis(store: Store, stories: list[Story], runner: Runner | None = None) -> dict[str, int]:
    """Analyse every story in ``stories`` as a group-by on ``runner``; store the results."""
    summary: dict[str, int] = {}
    runner = runner or InlineRunner()
    for rows in _rounds(store, stories):
        results = map_groups(runner, analyze_story_group, rows, _story_key)
        with store.transaction():
            for result in results:
                for key, n in store_story_analysis(store, result).items():
                    summary[key] = summary.get(key, 0) + n
    return summary


def _story_key(member: StoryMember) -> str:
    return member.story_id


def run_corpus_stages(store: Store, article_ids: list[str], runner: Runner | None = None) -> dict[str, int]:
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
    summary.update(run_stories_analysis(store, stories, runner))
    return summary
