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
from functools import partial
from typing import TYPE_CHECKING, TypeVar

import msgspec
from scipy.cluster.hierarchy import DisjointSet

from storyline.analysis_outlets import run_outlet_furniture
from storyline.model import Actor, Article, Proposition, ProvenanceEdge, Quote, Story, TimelineEvent
from storyline.runner import InlineRunner, Runner, map_groups
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.cleaning.restoration_twin import TwinRestoration
    from storyline.provenance import MinHashCandidateIndex
    from storyline.stories.features import ArticleFeatures, ArticleFeaturizer

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

PROVENANCE_STATE = "provenance.index"
# ids of the round being analysed whose provenance is stored (written with the edges, cleared when
# the round is done): a rerun after an interruption does not work out their provenance again
PROVENANCE_DONE = "analysis.provenance-done"
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


def map_in_rounds(runner: Runner, fn: Callable[[T], R], items: Sequence[T], per_round: int) -> Iterator[R]:
    """``runner.map(fn, items)``, ``per_round`` items at a time, results in order: what is in
    flight (pickled for the workers) stays bounded on big runs. On a runner that works in the
    background (``map_async``) the next round is started before this one's results are used."""
    start = getattr(runner, "map_async", None)
    rounds = (items[i : i + per_round] for i in range(0, len(items), per_round))
    if start is None:
        for part in rounds:
            yield from runner.map(fn, part)
        return
    pending: Callable[[], list[R]] | None = None
    for part in rounds:
        started = start(fn, part)
        if pending is not None:
            yield from pending()
        pending = started
    if pending is not None:
        yield from pending()


class ProvenanceJob(msgspec.Struct, frozen=True):
    """Whole connected components of the candidate-pair graph: the new articles in them, the
    articles stored earlier that they pair with, their pairs, and the stored edges of those
    earlier articles (to supersede). Components share nothing, so jobs run anywhere."""

    new: tuple[Article, ...]
    earlier: tuple[Article, ...]
    pairs: tuple[tuple[str, str], ...]
    known: tuple[ProvenanceEdge, ...]


ROUND_JOBS = 48  # jobs handed to the runner at a time
PROVENANCE_JOBS = 48  # jobs per run (small events share one), so a pool has pieces to balance
PROVENANCE_JOB_WEIGHT = 2000  # at most this many pairs + articles per job (more jobs on big runs)


def provenance_of_job(job: ProvenanceJob) -> list[ProvenanceEdge]:
    """The provenance edges of one job's components (as :func:`detect_provenance` finds them)."""
    from storyline.provenance.detection import edges_for_pairs

    earlier = {a.id: a for a in job.earlier}

    def known_edges(ids: list[str]) -> list[ProvenanceEdge]:
        wanted = set(ids)
        return [e for e in job.known if e.derived_id in wanted]

    return edges_for_pairs(list(job.new), list(job.pairs), earlier.get, known_edges)


def provenance_jobs(store: Store, new: list[Article], pairs: list[tuple[str, str]]) -> list[ProvenanceJob]:
    """Split the candidate pairs into connected components (a union-find over article ids) and pack
    whole components, in order of their first new article, into about ``PROVENANCE_JOBS`` jobs
    (on big runs, jobs of about ``PROVENANCE_JOB_WEIGHT`` pairs and articles)."""
    components = DisjointSet([a.id for a in new])
    for x, y in pairs:
        components.add(x)
        components.add(y)
        components.merge(x, y)
    new_by_id = {a.id: a for a in new}
    earlier_ids = sorted({i for pair in pairs for i in pair if i not in new_by_id})
    earlier = {i: a for i in earlier_ids if (a := store.get_article(i)) is not None}
    known: dict[str, list[ProvenanceEdge]] = {}
    if earlier:
        for e in store.edges(article_ids=list(earlier)):
            if e.derived_id in earlier:
                known.setdefault(e.derived_id, []).append(e)
    members: dict[str, list[str]] = {}
    for a in new:
        members.setdefault(components[a.id], []).append(a.id)
    for i in earlier_ids:
        members.setdefault(components[i], []).append(i)
    pairs_of: dict[str, list[tuple[str, str]]] = {}
    for pair in pairs:
        pairs_of.setdefault(components[pair[0]], []).append(pair)
    jobs: list[ProvenanceJob] = []
    batch: list[str] = []
    weight = 0
    per_job = min(PROVENANCE_JOB_WEIGHT, max(1, (len(new) + len(earlier_ids) + len(pairs)) // PROVENANCE_JOBS))

    def flush() -> None:
        ids = [i for r in batch for i in members[r]]
        jobs.append(
            ProvenanceJob(
                new=tuple(new_by_id[i] for i in ids if i in new_by_id),
                earlier=tuple(earlier[i] for i in ids if i in earlier),
                pairs=tuple(p for r in batch for p in pairs_of.get(r, ())),
                known=tuple(e for i in ids for e in known.get(i, ())),
            )
        )

    for r in members:
        batch.append(r)
        weight += len(members[r]) + len(pairs_of.get(r, ()))
        if weight >= per_job:
            flush()
            batch, weight = [], 0
    if batch:
        flush()
    return jobs


def run_provenance(
    store: Store, new: list[Article], runner: Runner | None = None, done: tuple[str, bytes] | None = None
) -> list[ProvenanceEdge]:
    """Index the new articles (here: the index is one sequential state), then align and classify
    the candidate pairs component by component on ``runner``; store the edges and the index (and
    ``done``, a state to write with them)."""
    from storyline.provenance.detection import candidate_pairs

    index = _candidate_index(store, new)
    pairs = candidate_pairs(new, index)
    jobs = provenance_jobs(store, new, pairs)
    found = map_in_rounds(runner or InlineRunner(), provenance_of_job, jobs, ROUND_JOBS)
    edges = sorted(
        (e for job_edges in found for e in job_edges),
        key=lambda e: (e.derived_id, e.origin_id or "", e.origin_label or ""),
    )
    with store.transaction():
        store.put_edges(edges)
        store.put_state(PROVENANCE_STATE, index.to_bytes())
        if done is not None:
            store.put_state(*done)
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


class TwinJob(msgspec.Struct, frozen=True):
    copy: Article  # a stripped article
    twin: Article  # the cased article it republishes (or, partial, shares passages with)
    reason: str  # the provenance edge's reason
    partial: bool = False  # the twin shares passages only: a digest quoting it, a sibling copy


def restore_twin(job: TwinJob) -> tuple[TwinRestoration, tuple[Quote, ...]] | None:
    """The copy re-restored from its twin, and its quotes extracted again from the new text."""
    from storyline.attribution import extract_quotes
    from storyline.cleaning.restoration_twin import restore_from_twin

    done = restore_from_twin(job.copy, job.twin, job.reason, partial=job.partial)
    if done is None:
        return None
    return done, tuple(extract_quotes(done.article))


def run_twin_restoration(store: Store, edges: list[ProvenanceEdge], runner: Runner | None = None) -> dict[str, Article]:
    """Re-restore stripped copies whose cased twin provenance just found (by id: the new versions).

    The copy's text changes case and punctuation only, so stored edges are remapped onto it
    and its quotes are extracted again from the better sentences; the scrape stays in ``raw``.
    Restoring and re-extracting run on ``runner``; the edges are remapped here, one copy after the
    other (two copies of one twin can share an edge: each remaps its own side of it).
    """
    from storyline.cleaning.restoration_twin import (
        SpanMap,
        partial_twin_candidates,
        remap_edge,
        restored_from,
        twin_edges,
    )

    jobs: list[TwinJob] = []
    full: set[str] = set()
    for e in twin_edges(edges):
        copy = store.get_article(e.derived_id)
        if copy is None or not copy.normalized_input or e.origin_id is None:
            continue
        full.add(copy.id)
        twin = store.get_article(e.origin_id)
        if twin is None or restored_from(copy, twin):
            continue
        jobs.append(TwinJob(copy, twin, e.reason))
    for copy_id, others in partial_twin_candidates(edges).items():
        job = _partial_twin_job(store, copy_id, others, full)
        if job is not None:
            jobs.append(job)
    out: dict[str, Article] = {}
    for found in (runner or InlineRunner()).map(restore_twin, jobs):
        if found is None:
            continue
        r, quotes = found
        aid = r.article.id
        spans = SpanMap(r.old_text, r.article.text)
        remapped = [remap_edge(e, aid, spans) for e in store.edges(article_ids=[aid])]
        with store.transaction():
            store.put_article(r.article)
            store.put_edges(remapped)
            store.put_quotes(aid, quotes)
        out[aid] = r.article
    return out


PARTIAL_TWIN_TRIES = 3  # cased articles sharing passages with a stripped one, compared by alignment


def _partial_twin_job(store: Store, copy_id: str, others: list[str], full: set[str]) -> TwinJob | None:
    """A stripped article with no full twin, and the cased article that shares the most words with
    it among the first few that may (see ``partial_twin_candidates``); None when there is none."""
    from storyline.cleaning.restoration_twin import MIN_PARTIAL_WORDS, has_full_twin, restored_from, shared_words

    if copy_id in full:
        return None
    copy = store.get_article(copy_id)
    if copy is None or not copy.normalized_input or has_full_twin(copy):
        return None
    best: tuple[int, Article] | None = None
    for other_id in others[:PARTIAL_TWIN_TRIES]:
        other = store.get_article(other_id)
        if other is None or other.normalized_input:
            continue
        n = shared_words(copy.text, other.text)
        if n >= MIN_PARTIAL_WORDS and (best is None or n > best[0]):
            best = (n, other)
    if best is None or restored_from(copy, best[1]):
        return None
    reason = f"shares {best[0]} words of passages with {best[1].id}"
    return TwinJob(copy, best[1], reason, partial=True)


FEATURE_CHUNK = 100  # articles per featurizing task


def run_stories(store: Store, new: list[Article], runner: Runner | None = None) -> list[Story]:
    """Assign the new articles to stories. Their features (one article at a time) are computed on
    ``runner``; the clustering itself is one sequential state and runs here."""
    from storyline.stories import IncrementalStoryClusterer

    state = store.get_state(STORIES_STATE)
    clusterer = IncrementalStoryClusterer.from_bytes(state) if state else IncrementalStoryClusterer()
    edges = store.edges(article_ids=[a.id for a in new])
    known = clusterer.state_.article_story
    fresh: dict[str, Article] = {}  # as ``assign`` takes them: first copy of each unassigned article
    for a in new:
        if a.id not in known:
            fresh.setdefault(a.id, a)
    todo = list(fresh.values())
    chunks = [todo[i : i + FEATURE_CHUNK] for i in range(0, len(todo), FEATURE_CHUNK)]
    featurized = map_in_rounds(runner or InlineRunner(), partial(_featurize, clusterer.featurizer), chunks, ROUND_JOBS)
    assignment = clusterer.assign_features([f for chunk in featurized for f in chunk], edges)
    with store.transaction():
        store.put_stories(assignment.stories, assignment.changes)
        store.put_state(STORIES_STATE, clusterer.to_bytes())
    # a story merged away comes back with no articles (the store deletes it): nothing to analyse
    return [s for s in assignment.stories if s.article_ids]


def _featurize(featurizer: ArticleFeaturizer, articles: list[Article]) -> list[ArticleFeatures]:
    return featurizer.featurize(articles)


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
    propositions = build_disputes(story, articles, quotes, list(head.edges), actors=actors)
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


def run_stories_analysis(
    store: Store,
    stories: list[Story],
    runner: Runner | None = None,
    per_story: dict[str, dict[str, int]] | None = None,
) -> dict[str, int]:
    """Analyse every story in ``stories`` as a group-by on ``runner``; store the results.

    On a runner that works in the background (``map_async``), the next round's rows are read and
    the last round's results stored while the workers analyse this round (rounds touch disjoint
    stories, so the order of reads and writes does not matter). ``per_story``, when given, gets
    each story's counts (replacing what an earlier analysis of it left there)."""
    summary: dict[str, int] = {}
    runner = runner or InlineRunner()
    pending: Callable[[], list[StoryAnalysis]] | None = None
    for rows in _rounds(store, stories):
        started = _start_groups(runner, rows)
        if pending is not None:
            _store_round(store, pending(), summary, per_story)
        pending = started
    if pending is not None:
        _store_round(store, pending(), summary, per_story)
    return summary


def _start_groups(runner: Runner, rows: list[StoryMember]) -> Callable[[], list[StoryAnalysis]]:
    start = getattr(runner, "map_async", None)
    if start is None or hasattr(runner, "map_groups"):
        results = map_groups(runner, analyze_story_group, rows, _story_key)
        return lambda: results
    groups: dict[str, list[StoryMember]] = {}
    for row in rows:
        groups.setdefault(row.story_id, []).append(row)
    return start(analyze_story_group, list(groups.values()))  # type: ignore[no-any-return]


def _store_round(
    store: Store, results: list[StoryAnalysis], summary: dict[str, int], per_story: dict[str, dict[str, int]] | None
) -> None:
    with store.transaction():
        for result in results:
            counts = store_story_analysis(store, result)
            if per_story is not None:
                per_story[result.story_id] = counts
            for key, n in counts.items():
                summary[key] = summary.get(key, 0) + n


def _story_key(member: StoryMember) -> str:
    return member.story_id


def run_corpus_stages(
    store: Store,
    article_ids: list[str],
    runner: Runner | None = None,
    per_story: dict[str, dict[str, int]] | None = None,
) -> dict[str, int]:
    """Provenance, stories and the per-story stages for ``article_ids`` (stored articles); at the
    end they are taken off the store's analysis queue.

    Safe to run again for the same articles after an interruption (the pipeline's queue keeps
    them): provenance already stored for them is not worked out again (a copy restored from its
    twin would not come out the same), restoration and story assignment skip what they did, and
    the stories the articles are in are analysed again even when their membership does not
    change. ``per_story``: see :func:`run_stories_analysis`."""
    new = _articles(store, article_ids)
    summary: dict[str, int] = {}
    earlier: list[Article] = []  # stored before this round, cleaned again now
    if new:
        cleaned = run_outlet_furniture(store, new, runner)
        if cleaned:
            summary["cleaned of outlet furniture"] = len(cleaned)
            new = [cleaned.get(a.id, a) for a in new]
            earlier = [a for aid, a in cleaned.items() if aid not in set(article_ids)]
        done = set(_provenance_done(store))
        todo = [a for a in new if a.id not in done]
        if todo:
            marker = (PROVENANCE_DONE, msgspec.json.encode(sorted(done | {a.id for a in todo})))
            summary["provenance edges"] = len(run_provenance(store, todo, runner, marker))
        # from the store: an interrupted run may have stored edges but restored only some copies
        restored = run_twin_restoration(store, store.edges(article_ids=[a.id for a in new]), runner)
        if restored:
            summary["restored from a cased twin"] = len(restored)
            new = [restored.get(a.id, a) for a in new]
        stories = run_stories(store, new, runner)
        stories += _stories_not_touched(store, new + earlier, stories)
        summary["stories touched"] = len(stories)
        summary.update(run_stories_analysis(store, stories, runner, per_story))
    with store.transaction():
        store.finish_analysis(article_ids)
        store.put_state(PROVENANCE_DONE, b"[]")
    return summary


def _provenance_done(store: Store) -> list[str]:
    data = store.get_state(PROVENANCE_DONE)
    if not data:
        return []
    try:
        return msgspec.json.decode(data, type=list[str])
    except msgspec.DecodeError:
        return []  # unreadable: work provenance out again (it replaces what it stored)


def _stories_not_touched(store: Store, articles: list[Article], touched: list[Story]) -> list[Story]:
    """The stories of ``articles`` missing from ``touched``: those of articles an earlier,
    interrupted run assigned but never analysed (on a normal run: none)."""
    seen = {s.id for s in touched}
    missing: dict[str, None] = {}
    for a in articles:
        sid = store.story_of(a.id)
        if sid is not None and sid not in seen:
            missing[sid] = None
    return [s for sid in missing if (s := store.get_story(sid)) is not None]
