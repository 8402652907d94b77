"""Incremental clustering of articles into stories with stable ids.

Each article becomes one unit vector (its weighted words and names, hashed by the featurizer; see
:mod:`storyline.stories.vectors`). A new article is compared with the stories that share its rarest
words or its names (an inverted index, so the cost does not grow with the corpus), all candidates in
one matrix product, scored by

    similarity = cosine(article, story centroid)
                 + entity_weight * share of the article's names already in the story
                 - entity_penalty  (when both name several people and places, none in common)
    score      = similarity * decay(days outside the story's time span)

``decay`` is 1 within ``grace_days`` of the story's span (a story keeps growing for weeks) and then
halves every ``half_life_days`` (a similar event a year later is another story). The article joins
the best story when the score reaches ``join_threshold``; otherwise it starts a story whose id is
``stable_id("s", <its first article id>)``.

Stories are revised only through recorded changes, each with its reason:

- merge: an article that reaches the bar of two stories brings them together when the two are
  close as wholes (mean similarity over pairs of their articles at least ``merge_threshold`` and
  cosine between their centroids at least ``split_threshold + merge_split_gap``, both decayed by
  the gap between their spans); the older id survives and the other redirects to it.
- split: after a story grows, its articles are divided in two (spherical 2-means, each side at
  least ``split_min_part`` articles); when the two groups are far apart (cosine between their
  centroids below ``split_threshold``, or ``split_small_threshold`` when a side has at most
  ``split_small_part`` articles; lower than the merge bar so a merge is not undone by the next
  article) and each side has a name of its own, the smaller group becomes a story of its own and
  the larger keeps the id.

Copies found by provenance join their origin's story (and follow it through splits).

Order: a batch is processed in publication order (undated articles last, then by article id), so
any permutation of one batch gives the same stories, and re-ingesting known articles changes
nothing. Feeding articles one at a time in other orders can still differ a little (single-pass
clustering, corrected by merges and splits); ``benchmarks/stories_eval.py`` measures how much.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from itertools import islice

import msgspec
import numpy as np

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
from storyline.stories.features import ArticleFeatures, ArticleFeaturizer
from storyline.stories.revisions import StoryRevisions
from storyline.stories.story_state import (
    ClustererState,
    Member,
    StoryState,
    describe_names,
    gap_days,
    stale,
    story_key,
)
from storyline.stories.vectors import add_into, centroid_of, dense

_COPY_RELATIONS = frozenset({Relation.REPUBLICATION, Relation.DIGEST, Relation.REWRITE})


class StoryAssignment(Model, frozen=True):
    """What one call to :meth:`IncrementalStoryClusterer.assign` changed."""

    # every story touched, in full (all its article ids); a story merged away appears with no articles
    stories: tuple[Story, ...] = ()
    changes: tuple[StoryChange, ...] = ()  # created / joined / merged / split, each with its reason
    unchanged: tuple[str, ...] = ()  # article ids that were already assigned


class Match(msgspec.Struct):
    story: StoryState
    score: float
    cosine: float
    shared: list[str]  # keys of the names the article and the story have in common
    gap_days: float
    decay: float
    entities: bool = True


class IncrementalStoryClusterer(StoryRevisions):
    """Assigns articles to stories, one batch at a time, keeping story ids stable.

    Parameters are stored as given (learned state lives in ``state_``); see the module docstring
    for the score. Defaults were chosen on the tuning parts named in ``benchmarks/stories_eval.py``.
    """

    def __init__(
        self,
        *,
        join_threshold: float = 0.25,
        merge_threshold: float = 0.30,
        split_threshold: float = 0.50,
        merge_split_gap: float = 0.08,
        entity_weight: float = 0.15,
        entity_penalty: float = 0.10,
        entity_min_share: float = 0.10,
        min_entities: int = 3,
        grace_days: float = 21.0,
        half_life_days: float = 60.0,
        horizon_days: float = 400.0,
        query_terms: int = 12,
        index_terms: int = 12,
        max_candidates: int = 20,
        short_text_terms: int = 40,
        max_posting: int = 64,
        split_min_size: int = 4,
        split_min_part: int = 2,
        split_small_part: int = 2,
        split_small_threshold: float = 0.30,
        split_max_size: int = 200,
        split_needs_names: bool = True,
        sweep_max_size: int = 2,
        sweep_every: int = 256,
        sweep_window: int = 4096,
        sweep_margin: float = 0.10,
        featurizer: ArticleFeaturizer | None = None,
    ) -> None:
        self.join_threshold = join_threshold
        self.merge_threshold = merge_threshold
        self.split_threshold = split_threshold
        self.merge_split_gap = merge_split_gap
        self.entity_weight = entity_weight
        self.entity_penalty = entity_penalty
        self.entity_min_share = entity_min_share
        self.min_entities = min_entities
        self.grace_days = grace_days
        self.half_life_days = half_life_days
        self.horizon_days = horizon_days
        self.query_terms = query_terms
        self.index_terms = index_terms
        self.max_candidates = max_candidates
        self.short_text_terms = short_text_terms
        self.max_posting = max_posting
        self.split_min_size = split_min_size
        self.split_min_part = split_min_part
        self.split_small_part = split_small_part
        self.split_small_threshold = split_small_threshold
        self.split_max_size = split_max_size
        self.split_needs_names = split_needs_names
        self.sweep_max_size = sweep_max_size
        self.sweep_every = sweep_every
        self.sweep_window = sweep_window
        self.sweep_margin = sweep_margin
        self.featurizer = featurizer or ArticleFeaturizer()
        self.space = self.featurizer.space  # article vectors come from the featurizer's space
        self.state_ = ClustererState(version=2, stories={}, article_story={}, postings={})
        self._centroids: dict[str, np.ndarray] = {}  # story id -> sum of member vectors (not persisted)
        self._norm2: dict[str, float] = {}
        self._words_norm2: dict[str, float] = {}
        self._size: dict[str, int] = {}  # members in the centroid

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
        gone: dict[str, None] = {}
        batch_start = state.placed
        # originals first, then copies (an origin may arrive in the same batch as its copy)
        for feat in order:
            if feat.article_id not in origin_of:
                self._place(feat, changes, touched)
                if self.sweep_max_size and state.placed % self.sweep_every == 0:
                    self._sweep(0, changes, touched)
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
        if self.sweep_max_size and state.placed > batch_start + 1:  # one article was just matched: skip
            self._sweep(batch_start, changes, touched)  # the small stories this batch created
        for change in changes:
            if change.kind is StoryChangeKind.MERGED and change.other_story_id not in state.stories:
                gone[change.other_story_id or ""] = None
        stories = [state.stories[sid].to_story() for sid in touched if sid in state.stories]
        stories += [Story(id=sid, title="", article_ids=()) for sid in gone if sid not in state.stories]
        return StoryAssignment(stories=tuple(stories), changes=tuple(changes))

    def story_of(self, article_id: str) -> str | None:
        return self.state_.article_story.get(article_id)

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following recorded merges."""
        return self.state_.redirects.get(story_id, story_id)

    def stories(self) -> list[Story]:
        """Every current story, oldest first."""
        live = sorted(self.state_.stories.values(), key=story_key)
        return [s.to_story() for s in live]

    def to_bytes(self) -> bytes:
        return msgspec.msgpack.encode(self.state_)

    @classmethod
    def from_bytes(cls, data: bytes, **params: object) -> IncrementalStoryClusterer:
        clusterer = cls(**params)  # type: ignore[arg-type]
        clusterer.state_ = msgspec.msgpack.decode(data, type=ClustererState)
        for story in clusterer.state_.stories.values():
            clusterer._refresh(story)
        return clusterer

    # ------------------------------------------------------------------ placing one article

    def _place(self, feat: ArticleFeatures, changes: list[StoryChange], touched: dict[str, None]) -> None:
        state = self.state_
        day = feat.day
        if day is not None and (state.newest_day is None or day > state.newest_day):
            state.newest_day = day
        state.placed += 1
        if state.placed % 5000 == 0:
            self._prune_postings()
        member = self._member(feat)
        vector = dense(member.vector, self.space.dim)
        matches = self._matches(feat, vector)
        threshold = self._threshold(feat)
        if not matches or matches[0].score < threshold:
            story = self._create(member, feat)
            best = matches[0] if matches else None
            why = "created: no earlier story is close"
            if best is not None:
                why += f" (best {_describe(best)}, below {threshold:.2f})"
            changes.append(self._change(story.id, StoryChangeKind.CREATED, why, feat))
            touched[story.id] = None
            return
        best = matches[0]
        self._add(best.story, member, feat)
        changes.append(self._change(best.story.id, StoryChangeKind.JOINED, "joined: " + _describe(best), feat))
        touched[best.story.id] = None
        self._maybe_split(best.story, feat, changes, touched)
        for other in matches[1:]:
            if other.score < threshold:
                break
            sid = state.article_story[feat.article_id]
            self._maybe_merge(state.stories[sid], other, feat, changes, touched)

    def _member(self, feat: ArticleFeatures, copy_of: str | None = None) -> Member:
        keys = list(feat.entities)
        return Member(
            id=feat.article_id,
            vector=b"" if copy_of else (feat.vector or self.space.pack(feat.terms, feat.entities)),
            entities=keys,
            names=[feat.entities[k] for k in keys],
            title=feat.title,
            day=feat.day,
            published=feat.published,
            copy_of=copy_of,
        )

    def _threshold(self, feat: ArticleFeatures) -> float:
        """Short texts share fewer words by chance and by design: their bar is lower."""
        if self.short_text_terms <= 0:
            return self.join_threshold
        return self.join_threshold * min(1.0, len(feat.terms) / self.short_text_terms) ** 0.5

    def decay(self, gap: float) -> float:
        return 0.5 ** (max(0.0, gap - self.grace_days) / self.half_life_days)

    def _candidates(self, feat: ArticleFeatures) -> list[StoryState]:
        state = self.state_
        hits: dict[str, int] = {}
        keys = list(islice(feat.terms, self.query_terms)) + ["@" + e for e in islice(feat.entities, 8)]
        for key in keys:
            for sid in state.postings.get(key, ()):
                hits[sid] = hits.get(sid, 0) + 1
        ranked = heapq.nsmallest(self.max_candidates, hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [state.stories[sid] for sid, _ in ranked if sid in state.stories]

    def _matches(self, feat: ArticleFeatures, vector: np.ndarray) -> list[Match]:
        day = feat.day
        candidates = []
        gaps = []
        for story in self._candidates(feat):
            gap = gap_days(day, story.first_day, story.last_day)
            if gap <= self.horizon_days and self._size[story.id]:
                candidates.append(story)
                gaps.append(gap)
        if not candidates:
            return []
        ids = [s.id for s in candidates]
        centroids = [self._centroids[sid] for sid in ids]
        dots = np.fromiter((c @ vector for c in centroids), dtype=np.float64, count=len(ids))
        cosines = (dots / np.sqrt(self._stacked(self._norm2, ids))).tolist()
        if self.space.entity_weight and any(not (feat.entities and s.entities) for s in candidates):
            # one side has no names (lower-cased copies): compare the word parts alone
            words = self.space.dim - self.space.name_cols
            article_words = float(np.linalg.norm(vector[:words])) or 1.0
            part = vector[:words]
            word_dots = np.fromiter((c[:words] @ part for c in centroids), dtype=np.float64, count=len(ids))
            word_cosines = (word_dots / np.sqrt(self._stacked(self._words_norm2, ids)) / article_words).tolist()
            for i, story in enumerate(candidates):
                if not (feat.entities and story.entities):
                    cosines[i] = word_cosines[i]
        entities = feat.entities
        matches = []
        for story, gap, cosine in zip(candidates, gaps, cosines, strict=True):
            decay = self.decay(gap)
            similarity = cosine
            story_entities = story.entities
            # a name the story holds counts when a share of its articles name it: a story grown
            # big has met many names in passing (a wire credited once, a place in one dateline),
            # and sharing one of those says nothing about the event
            least = max(1, int(self.entity_min_share * self._size[story.id]))
            shared = [k for k in entities if story_entities.get(k, 0) >= least]
            if entities and story_entities:
                similarity += self.entity_weight * len(shared) / len(entities)
                if not shared and min(len(entities), len(story_entities)) >= self.min_entities:
                    similarity -= self.entity_penalty  # both name several people and places, none in common
            matches.append(
                Match(
                    story=story,
                    score=similarity * decay,
                    cosine=cosine,
                    shared=shared,
                    gap_days=gap,
                    decay=decay,
                    entities=bool(entities and story_entities),
                )
            )
        matches.sort(key=lambda m: (-m.score, m.story.id))
        return matches

    # ------------------------------------------------------------------ story bookkeeping

    def _create(self, member: Member, feat: ArticleFeatures, story_id: str | None = None) -> StoryState:
        story = StoryState(
            id=story_id or stable_id("s", feat.article_id), members=[], entities={}, names={}, titles=[], keys=[]
        )
        self.state_.stories[story.id] = story
        if self.sweep_max_size:
            self.state_.young[story.id] = self.state_.placed
        self._centroids[story.id] = np.zeros(self.space.dim, dtype=np.float32)
        self._norm2[story.id] = 0.0
        self._words_norm2[story.id] = 0.0
        self._size[story.id] = 0
        self._add(story, member, feat)
        return story

    def _add(self, story: StoryState, member: Member, feat: ArticleFeatures | None) -> None:
        story.add(member)
        self.state_.article_story[member.id] = story.id
        if not member.vector:
            return
        centroid = self._centroids[story.id]
        add_into(centroid, member.vector)
        self._norms(story.id, centroid)
        self._size[story.id] += 1
        if feat is not None:
            keys = list(islice(feat.terms, self.index_terms)) + ["@" + e for e in feat.entities]
            self._post(story, keys)

    def _post(self, story: StoryState, keys: Iterable[str]) -> None:
        postings = self.state_.postings
        for key in keys:
            posting = postings.setdefault(key, [])
            if story.id not in posting:
                posting.append(story.id)
                story.keys.append(key)
                if len(posting) > self.max_posting:  # a common key: keep its most recent stories
                    del posting[0]

    def _refresh(self, story: StoryState) -> None:
        """Rebuild a story's centroid from its members (after loading, a merge or a split)."""
        centroid = centroid_of([m.vector for m in story.members], self.space.dim)
        self._centroids[story.id] = centroid
        self._norms(story.id, centroid)
        self._size[story.id] = sum(1 for m in story.members if m.vector)

    @staticmethod
    def _stacked(norm2: dict[str, float], ids: list[str]) -> np.ndarray:
        return np.maximum(np.fromiter((norm2[sid] for sid in ids), dtype=np.float64, count=len(ids)), 1e-12)

    def _norms(self, story_id: str, centroid: np.ndarray) -> None:
        self._norm2[story_id] = float(centroid @ centroid)
        words = centroid[: self.space.dim - self.space.name_cols]
        self._words_norm2[story_id] = float(words @ words)

    def _forget(self, story_id: str) -> None:
        self._centroids.pop(story_id, None)
        self._norm2.pop(story_id, None)
        self._words_norm2.pop(story_id, None)
        self._size.pop(story_id, None)

    def _prune_postings(self) -> None:
        """Drop stories that fell behind the time horizon from the index (they keep their ids)."""
        newest = self.state_.newest_day
        if newest is None:
            return
        stories = self.state_.stories
        cutoff = newest - self.horizon_days
        for key, posting in list(self.state_.postings.items()):
            kept = [s for s in posting if s in stories and not stale(stories[s], cutoff)]
            if kept:
                self.state_.postings[key] = kept
            else:
                del self.state_.postings[key]

    def _join_copy(
        self, feat: ArticleFeatures, origin: str, changes: list[StoryChange], touched: dict[str, None]
    ) -> None:
        story = self.state_.stories[self.state_.article_story[origin]]
        self._add(story, self._member(feat, copy_of=origin), None)
        why = f"joined: a copy (by provenance) of article {origin}, which is in this story"
        changes.append(self._change(story.id, StoryChangeKind.JOINED, why, feat))
        touched[story.id] = None

    def _copy_origins(self, edges: Iterable[ProvenanceEdge], batch: dict[str, ArticleFeatures]) -> dict[str, str]:
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
            keep, gone = sorted((self.state_.stories[a], self.state_.stories[b]), key=story_key)
            why = f"merged: article {edge.derived_id} is a {edge.relation.value} of {edge.origin_id}"
            self._merge(keep, gone, why, changes, touched)

    def _change(self, sid: str, kind: StoryChangeKind, why: str, feat: ArticleFeatures) -> StoryChange:
        return StoryChange(story_id=sid, kind=kind, reason=why, article_id=feat.article_id, at=feat.published)


def _arrival_key(feat: ArticleFeatures) -> tuple[bool, float, str]:
    day = feat.day
    return (day is None, day or 0.0, feat.article_id)


def _describe(match: Match) -> str:
    parts = [f"cosine {match.cosine:.2f} to story centroid (score {match.score:.2f})"]
    if match.shared:
        names = [match.story.names.get(k, k) for k in match.shared]
        parts.append(f"shares entities {describe_names(names)}")
    else:
        parts.append("no shared entities" if match.entities else "no entities to compare")
    if match.gap_days >= 1.5:
        parts.append(f"{match.gap_days:.0f} days from the story's articles (decay {match.decay:.2f})")
    return ", ".join(parts)
