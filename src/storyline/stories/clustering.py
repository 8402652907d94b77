"""Incremental clustering of articles into stories with stable ids.

Each new article is compared with the stories that share its rarest words or its names (an
inverted index, so the cost does not grow with the corpus), scored by

    similarity = (1 - w_emb) * cosine(terms, story centroid) + w_emb * cosine(embedding, centroid)
                 + w_ent * share of the article's names already in the story
    score      = similarity * 0.5 ** (days outside the story's time span / half_life_days)

and joins the best story when the score reaches ``join_threshold``; otherwise it starts a story
whose id is ``stable_id("s", <its first article id>)``. When an article is close to two stories that
are close to each other, the two are merged (the older id survives) and the merge is recorded.
Copies found by provenance join their origin's story.

Order: a batch is processed in publication order (undated articles last, then by article id), so
any permutation of one batch gives the same stories, and re-ingesting known articles changes
nothing. Feeding the same articles in several batches in another order can still differ a little
(single-pass clustering); ``benchmarks/stories_eval.py`` measures how much.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import islice, repeat
from operator import mul

import msgspec

from storyline.model import (
    Article,
    Model,
    ProvenanceEdge,
    Relation,
    Story,
    StoryChange,
    StoryChangeKind,
    stable_id,
)
from storyline.stories.features import ArticleFeatures, ArticleFeaturizer, day_number
from storyline.stories.titles import medoid_title

_COPY_RELATIONS = frozenset({Relation.REPUBLICATION, Relation.DIGEST, Relation.REWRITE})
_MAX_TITLES = 12


class StoryAssignment(Model, frozen=True):
    """What one call to :meth:`IncrementalStoryClusterer.assign` changed."""

    stories: tuple[Story, ...] = ()  # every story touched, in full (all its article ids)
    changes: tuple[StoryChange, ...] = ()  # created / joined / merged, each with its reason
    unchanged: tuple[str, ...] = ()  # article ids that were already assigned


class _StoryState(msgspec.Struct):
    id: str
    article_ids: list[str]
    centroid: dict[str, float]  # sum of the members' term vectors
    norm2: float
    embedding: list[float]  # sum of the members' embeddings (empty without an embedder)
    entities: dict[str, int]  # key -> number of members naming it
    names: dict[str, str]  # key -> surface form
    titles: list[str]
    keys: list[str]  # the index keys that point at this story
    first_published: datetime | None = None
    last_published: datetime | None = None
    first_day: float | None = None
    last_day: float | None = None


class _ClustererState(msgspec.Struct):
    version: int
    stories: dict[str, _StoryState]
    article_story: dict[str, str]
    postings: dict[str, list[str]]  # term or "@entity" -> story ids
    redirects: dict[str, str] = {}  # merged-away story id -> the id that absorbed it
    newest_day: float | None = None
    placed: int = 0


class _Match(msgspec.Struct):
    story: _StoryState
    score: float
    cosine: float
    shared: list[str]
    gap_days: float
    decay: float
    entities: bool = True


class IncrementalStoryClusterer:
    """Assigns articles to stories, one batch at a time, keeping story ids stable.

    Parameters are stored as given (learned state lives in ``state_``); see the module docstring
    for the score. ``half_life_days`` sets the time decay: 90 days makes an article a month after
    a story's last article count 0.8 of its similarity, and one a year later 0.06.
    """

    def __init__(
        self,
        *,
        join_threshold: float = 0.25,
        merge_threshold: float = 0.45,
        entity_weight: float = 0.15,
        entity_penalty: float = 0.10,
        min_entities: int = 3,
        embedding_weight: float = 0.0,
        half_life_days: float = 90.0,
        horizon_days: float = 400.0,
        query_terms: int = 12,
        index_terms: int = 12,
        max_candidates: int = 20,
        short_text_terms: int = 40,
        max_centroid_terms: int = 300,
        max_posting: int = 64,
        featurizer: ArticleFeaturizer | None = None,
    ) -> None:
        self.join_threshold = join_threshold
        self.merge_threshold = merge_threshold
        self.entity_weight = entity_weight
        self.entity_penalty = entity_penalty
        self.min_entities = min_entities
        self.embedding_weight = embedding_weight
        self.half_life_days = half_life_days
        self.horizon_days = horizon_days
        self.query_terms = query_terms
        self.index_terms = index_terms
        self.max_candidates = max_candidates
        self.short_text_terms = short_text_terms
        self.max_centroid_terms = max_centroid_terms
        self.max_posting = max_posting
        self.featurizer = featurizer or ArticleFeaturizer()
        self.state_ = _ClustererState(version=1, stories={}, article_story={}, postings={})

    # ------------------------------------------------------------------ public API

    def assign(self, articles: list[Article], edges: Sequence[ProvenanceEdge] = ()) -> StoryAssignment:
        """Assign new articles to stories; articles already assigned are left where they are."""
        known = self.state_.article_story
        seen: set[str] = set()
        fresh = []
        for article in articles:
            if article.id not in known and article.id not in seen:
                seen.add(article.id)
                fresh.append(article)
        features = self.featurizer.featurize(fresh)
        result = self.assign_features(features, edges)
        unchanged = tuple(sorted({a.id for a in articles} - seen))
        return result.replace(unchanged=unchanged)

    def assign_features(
        self, features: Sequence[ArticleFeatures], edges: Sequence[ProvenanceEdge] = ()
    ) -> StoryAssignment:
        """Like :meth:`assign`, for articles already featurized (the fast path)."""
        state = self.state_
        batch = {f.article_id: f for f in features if f.article_id not in state.article_story}
        origin_of = self._copy_origins(edges, batch)
        order = sorted(batch.values(), key=_arrival_key)
        changes: list[StoryChange] = []
        touched: dict[str, None] = {}
        # originals first, then copies (an origin may arrive in the same batch as its copy)
        for feat in order:
            if feat.article_id not in origin_of:
                self._place(feat, changes, touched)
        pending = [f for f in order if f.article_id in origin_of]
        while pending:
            progressed = False
            rest = []
            for feat in pending:
                origin = origin_of[feat.article_id]
                if origin in state.article_story:
                    self._join_copy(feat, origin, changes, touched)
                    progressed = True
                else:
                    rest.append(feat)
            if not progressed:  # origins that never resolve (a cycle): cluster them normally
                for feat in rest:
                    self._place(feat, changes, touched)
                break
            pending = rest
        self._merge_known_copies(edges, changes, touched)
        stories = tuple(self._story(state.stories[sid]) for sid in touched if sid in state.stories)
        return StoryAssignment(stories=stories, changes=tuple(changes))

    def story_of(self, article_id: str) -> str | None:
        return self.state_.article_story.get(article_id)

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following recorded merges."""
        return self.state_.redirects.get(story_id, story_id)

    def stories(self) -> list[Story]:
        """Every current story, oldest first."""
        live = sorted(self.state_.stories.values(), key=_story_key)
        return [self._story(s) for s in live]

    def to_bytes(self) -> bytes:
        return msgspec.msgpack.encode(self.state_)

    @classmethod
    def from_bytes(cls, data: bytes, **params: object) -> IncrementalStoryClusterer:
        clusterer = cls(**params)  # type: ignore[arg-type]
        clusterer.state_ = msgspec.msgpack.decode(data, type=_ClustererState)
        return clusterer

    # ------------------------------------------------------------------ placing one article

    def _place(self, feat: ArticleFeatures, changes: list[StoryChange], touched: dict[str, None]) -> None:
        day = feat.day
        if day is not None and (self.state_.newest_day is None or day > self.state_.newest_day):
            self.state_.newest_day = day
        self.state_.placed += 1
        if self.state_.placed % 2000 == 0:
            self._prune_postings()
        matches = self._matches(feat)
        threshold = self._threshold(feat)
        if not matches or matches[0].score < threshold:
            story = self._create(feat)
            best = matches[0] if matches else None
            why = "created: no earlier story is close"
            if best is not None:
                why += f" (best {_describe(best)}, below {threshold:.2f})"
            changes.append(self._change(story.id, StoryChangeKind.CREATED, why, feat))
            touched[story.id] = None
            return
        best = matches[0]
        self._add(best.story, feat)
        changes.append(
            self._change(best.story.id, StoryChangeKind.JOINED, "joined: " + _describe(best), feat)
        )
        touched[best.story.id] = None
        for other in matches[1:]:
            if other.score < threshold:
                break
            keep = self.state_.stories[self.state_.article_story[feat.article_id]]
            self._maybe_merge(keep, other, feat, changes, touched)

    def _threshold(self, feat: ArticleFeatures) -> float:
        """Short texts share fewer words by chance and by design: their bar is lower."""
        if self.short_text_terms <= 0:
            return self.join_threshold
        return self.join_threshold * math.sqrt(min(1.0, len(feat.terms) / self.short_text_terms))

    def _matches(self, feat: ArticleFeatures) -> list[_Match]:
        state = self.state_
        day = feat.day
        hits: dict[str, int] = {}
        keys = list(islice(feat.terms, self.query_terms)) + ["@" + e for e in islice(feat.entities, 8)]
        for key in keys:
            for sid in state.postings.get(key, ()):
                hits[sid] = hits.get(sid, 0) + 1
        ranked = heapq.nsmallest(self.max_candidates, hits.items(), key=lambda kv: (-kv[1], kv[0]))
        matches = []
        for sid, _ in ranked:
            story = state.stories.get(sid)
            if story is None:
                continue
            match = self._score(feat, day, story)
            if match is not None:
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.story.id))
        return matches

    def _score(self, feat: ArticleFeatures, day: float | None, story: _StoryState) -> _Match | None:
        gap = _gap_days(day, story.first_day, story.last_day)
        if gap > self.horizon_days:
            return None
        decay = 0.5 ** (gap / self.half_life_days)
        dot = _dot(feat.terms, story.centroid)
        cosine = dot / math.sqrt(story.norm2) if story.norm2 > 0 else 0.0
        similarity = cosine
        if self.embedding_weight and feat.embedding and story.embedding:
            emb_dot = sum(a * b for a, b in zip(feat.embedding, story.embedding, strict=True))
            emb_norm = math.sqrt(sum(b * b for b in story.embedding)) or 1.0
            similarity = (1 - self.embedding_weight) * cosine + self.embedding_weight * emb_dot / emb_norm
        shared = [k for k in feat.entities if k in story.entities]
        if feat.entities and story.entities:
            similarity += self.entity_weight * len(shared) / len(feat.entities)
            if not shared and min(len(feat.entities), len(story.entities)) >= self.min_entities:
                similarity -= self.entity_penalty  # both name several people and places, none in common
        shared_names = [story.names.get(k, feat.entities[k]) for k in shared]
        return _Match(
            story=story,
            score=similarity * decay,
            cosine=cosine,
            shared=shared_names,
            gap_days=gap,
            decay=decay,
            entities=bool(feat.entities and story.entities),
        )

    # ------------------------------------------------------------------ story bookkeeping

    def _create(self, feat: ArticleFeatures) -> _StoryState:
        story = _StoryState(
            id=stable_id("s", feat.article_id),
            article_ids=[],
            centroid={},
            norm2=0.0,
            embedding=[],
            entities={},
            names={},
            titles=[],
            keys=[],
        )
        self.state_.stories[story.id] = story
        self._add(story, feat)
        return story

    def _add(self, story: _StoryState, feat: ArticleFeatures, *, in_centroid: bool = True) -> None:
        story.article_ids.append(feat.article_id)
        self.state_.article_story[feat.article_id] = story.id
        if feat.title and len(story.titles) < _MAX_TITLES:
            story.titles.append(feat.title)
        if feat.published is not None:
            day = day_number(feat.published)
            if story.first_day is None or day < story.first_day:
                story.first_day, story.first_published = day, feat.published
            if story.last_day is None or day > story.last_day:
                story.last_day, story.last_published = day, feat.published
        if not in_centroid:
            return
        centroid = story.centroid
        # |c + v|^2 = |c|^2 + 2 c.v + |v|^2, with |v| = 1
        story.norm2 += 2.0 * _dot(feat.terms, centroid) + 1.0
        for term, weight in feat.terms.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        if len(centroid) > 1.5 * self.max_centroid_terms:
            self._trim(story)
        if feat.embedding:
            if story.embedding:
                story.embedding = [a + b for a, b in zip(story.embedding, feat.embedding, strict=True)]
            else:
                story.embedding = list(feat.embedding)
        for key, name in feat.entities.items():
            story.entities[key] = story.entities.get(key, 0) + 1
            story.names.setdefault(key, name)
        for key in list(islice(feat.terms, self.index_terms)) + ["@" + e for e in feat.entities]:
            posting = self.state_.postings.setdefault(key, [])
            if story.id not in posting:
                posting.append(story.id)
                story.keys.append(key)
                if len(posting) > self.max_posting:  # a common key: keep its most recent stories
                    del posting[0]

    def _trim(self, story: _StoryState) -> None:
        """Keep the heaviest terms of a centroid (bounded memory per story)."""
        kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[: self.max_centroid_terms]
        story.centroid = dict(kept)
        story.norm2 = sum(v * v for _, v in kept)

    def _prune_postings(self) -> None:
        """Drop stories that fell behind the time horizon from the index (they keep their ids)."""
        newest = self.state_.newest_day
        if newest is None:
            return
        stories = self.state_.stories
        cutoff = newest - self.horizon_days
        for key, posting in list(self.state_.postings.items()):
            kept = [s for s in posting if s in stories and not _stale(stories[s], cutoff)]
            if kept:
                self.state_.postings[key] = kept
            else:
                del self.state_.postings[key]

    def _join_copy(
        self, feat: ArticleFeatures, origin: str, changes: list[StoryChange], touched: dict[str, None]
    ) -> None:
        story = self.state_.stories[self.state_.article_story[origin]]
        self._add(story, feat, in_centroid=False)
        why = f"joined: a copy (by provenance) of article {origin}, which is in this story"
        changes.append(self._change(story.id, StoryChangeKind.JOINED, why, feat))
        touched[story.id] = None

    def _copy_origins(
        self, edges: Iterable[ProvenanceEdge], batch: dict[str, ArticleFeatures]
    ) -> dict[str, str]:
        known = self.state_.article_story
        origin_of: dict[str, str] = {}
        for edge in sorted(edges, key=lambda e: (e.derived_id, e.origin_id or "", -e.score)):
            if edge.relation not in _COPY_RELATIONS or edge.origin_id is None:
                continue
            if edge.derived_id not in batch or edge.derived_id in origin_of:
                continue
            if edge.origin_id == edge.derived_id:
                continue
            if edge.origin_id in known or edge.origin_id in batch:
                origin_of[edge.derived_id] = edge.origin_id
        return origin_of

    def _merge_known_copies(
        self, edges: Iterable[ProvenanceEdge], changes: list[StoryChange], touched: dict[str, None]
    ) -> None:
        """A copy that was clustered before its origin arrived: bring the two stories together."""
        where = self.state_.article_story
        for edge in edges:
            if edge.relation not in _COPY_RELATIONS or edge.origin_id is None:
                continue
            a, b = where.get(edge.origin_id), where.get(edge.derived_id)
            if a is None or b is None or a == b:
                continue
            keep, gone = sorted((self.state_.stories[a], self.state_.stories[b]), key=_story_key)
            why = f"merged: article {edge.derived_id} is a {edge.relation.value} of {edge.origin_id}"
            self._merge(keep, gone, why, changes, touched)

    def _maybe_merge(
        self,
        keep: _StoryState,
        other: _Match,
        feat: ArticleFeatures,
        changes: list[StoryChange],
        touched: dict[str, None],
    ) -> None:
        gone = other.story
        if gone.id == keep.id or gone.id not in self.state_.stories:
            return
        dot = _dot(keep.centroid, gone.centroid)
        denom = math.sqrt(keep.norm2 * gone.norm2) or 1.0
        cosine = dot / denom
        gap = _span_gap(keep, gone)
        decay = 0.5 ** (gap / self.half_life_days)
        if cosine * decay < self.merge_threshold:
            return
        first, second = sorted((keep, gone), key=_story_key)
        why = (
            f"merged: article {feat.article_id} is close to both stories ({_describe(other)}); "
            f"the stories' centroids have cosine {cosine:.2f}"
            + (f", {gap:.0f} days apart (decay {decay:.2f})" if gap >= 1 else "")
        )
        self._merge(first, second, why, changes, touched)

    def _merge(
        self,
        keep: _StoryState,
        gone: _StoryState,
        why: str,
        changes: list[StoryChange],
        touched: dict[str, None],
    ) -> None:
        for aid in gone.article_ids:
            keep.article_ids.append(aid)
            self.state_.article_story[aid] = keep.id
        for term, weight in gone.centroid.items():
            keep.centroid[term] = keep.centroid.get(term, 0.0) + weight
        keep.norm2 = sum(v * v for v in keep.centroid.values())
        if len(keep.centroid) > 1.5 * self.max_centroid_terms:
            self._trim(keep)
        if gone.embedding:
            keep.embedding = (
                [a + b for a, b in zip(keep.embedding, gone.embedding, strict=True)]
                if keep.embedding
                else list(gone.embedding)
            )
        for key, count in gone.entities.items():
            keep.entities[key] = keep.entities.get(key, 0) + count
            keep.names.setdefault(key, gone.names.get(key, key))
        keep.titles = (keep.titles + gone.titles)[:_MAX_TITLES]
        for day, when in ((gone.first_day, gone.first_published), (gone.last_day, gone.last_published)):
            if day is None:
                continue
            if keep.first_day is None or day < keep.first_day:
                keep.first_day, keep.first_published = day, when
            if keep.last_day is None or day > keep.last_day:
                keep.last_day, keep.last_published = day, when
        postings = self.state_.postings
        for key in gone.keys:
            posting = postings.get(key)
            if posting is None:
                continue
            if gone.id in posting:
                posting.remove(gone.id)
            if keep.id not in posting:
                posting.append(keep.id)
                keep.keys.append(key)
        del self.state_.stories[gone.id]
        redirects = self.state_.redirects
        redirects[gone.id] = keep.id
        for old, new in redirects.items():
            if new == gone.id:
                redirects[old] = keep.id
        touched.pop(gone.id, None)
        touched[keep.id] = None
        changes.append(
            StoryChange(story_id=keep.id, kind=StoryChangeKind.MERGED, reason=why, other_story_id=gone.id)
        )

    def _change(self, sid: str, kind: StoryChangeKind, why: str, feat: ArticleFeatures) -> StoryChange:
        return StoryChange(story_id=sid, kind=kind, reason=why, article_id=feat.article_id, at=feat.published)

    def _story(self, story: _StoryState) -> Story:
        return Story(
            id=story.id,
            title=medoid_title(story.titles),
            article_ids=tuple(story.article_ids),
            first_published=story.first_published,
            last_published=story.last_published,
        )


def _dot(sparse: dict[str, float], other: dict[str, float]) -> float:
    return sum(map(mul, sparse.values(), map(other.get, sparse, repeat(0.0))))


def _arrival_key(feat: ArticleFeatures) -> tuple[bool, float, str]:
    day = feat.day
    return (day is None, day or 0.0, feat.article_id)


def _story_key(story: _StoryState) -> tuple[bool, float, str]:
    return (story.first_day is None, story.first_day or 0.0, story.id)


def _stale(story: _StoryState, cutoff: float) -> bool:
    return story.last_day is not None and story.last_day < cutoff


def _gap_days(day: float | None, first: float | None, last: float | None) -> float:
    if day is None or first is None or last is None:
        return 0.0
    if day < first:
        return first - day
    if day > last:
        return day - last
    return 0.0


def _span_gap(a: _StoryState, b: _StoryState) -> float:
    if a.first_day is None or b.first_day is None or a.last_day is None or b.last_day is None:
        return 0.0
    return max(0.0, b.first_day - a.last_day, a.first_day - b.last_day)


def _describe(match: _Match) -> str:
    parts = [f"cosine {match.cosine:.2f} to story centroid (score {match.score:.2f})"]
    if match.shared:
        names = ", ".join(match.shared[:5]) + (
            f" and {len(match.shared) - 5} more" if len(match.shared) > 5 else ""
        )
        parts.append(f"shares entities {names}")
    else:
        parts.append("no shared entities" if match.entities else "no entities to compare")
    if match.gap_days >= 1.5:
        parts.append(f"{match.gap_days:.0f} days from the story's articles (decay {match.decay:.2f})")
    return ", ".join(parts)
