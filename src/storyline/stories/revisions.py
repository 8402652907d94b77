"""Revising stories after the fact: merges and splits, each recorded with its reason.

A mixin of :class:`~storyline.stories.clustering.IncrementalStoryClusterer`. Decisions use two
measures of how close two groups of articles are, both from the groups' vector sums (one dot product)
and decayed by the days between the groups' time spans: the mean similarity over pairs of articles
taken one from each side (``link``), and the cosine between the two centroids (``centroid cosine``,
which discounts how loosely each group holds together):

- merge when the link reaches ``merge_threshold`` and the centroid cosine reaches
  ``split_threshold + merge_split_gap`` (two stories that one article bridges);
- sweep: a story of at most ``sweep_max_size`` articles is looked at again while young (at the end
  of the batch that created it and every ``sweep_every`` articles placed, for ``sweep_window``
  articles): when its centroid now scores at least the join bar against another story (stories it
  could not join grew since) and no third story above the bar comes within ``sweep_margin`` of that
  score, the two merge. A single pass leaves such strays behind whenever an article arrives before
  the articles that make its story recognisable;
- split when the best division of a story in two (spherical 2-means, each side at least
  ``split_min_part`` articles) has a centroid cosine below ``split_threshold`` (below
  ``split_small_threshold`` when a side has at most ``split_small_part`` articles); since a merge needs
  ``merge_split_gap`` more, no merge is undone by the next article. The larger side keeps the story id
  (on a tie, the side holding the first article); the other side becomes a story whose id comes from
  its first article.

Why the centroid cosine for splits (issue 5, fourth round): the mean link of a small group is low
whenever its articles are loosely worded, so two-article groups were split off events they belong to
and then stayed apart (split-off stories are not swept). The centroid cosine asks whether the two
groups are about different things, however tight each is; a two-article side is a noisy centroid,
so it must be further away.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from storyline.model import StoryChange, StoryChangeKind, stable_id
from storyline.stories.story_state import (
    ClustererState,
    Member,
    StoryState,
    describe_names,
    members_span_gap,
    rebuilt,
    span_gap,
)
from storyline.stories.vectors import HashedSpace, centroid_cosine, dense, mean_link, two_means

if TYPE_CHECKING:
    from storyline.stories.clustering import Match
    from storyline.stories.features import ArticleFeatures


class StoryRevisions:
    state_: ClustererState
    space: HashedSpace
    merge_threshold: float
    split_threshold: float
    merge_split_gap: float
    split_min_size: int
    split_min_part: int
    split_small_part: int
    split_small_threshold: float
    split_max_size: int
    split_needs_names: bool
    short_text_terms: int
    join_threshold: float
    sweep_max_size: int
    sweep_every: int
    sweep_window: int
    sweep_margin: float
    _centroids: dict[str, np.ndarray]
    _norm2: dict[str, float]
    _size: dict[str, int]

    def decay(self, gap: float) -> float:
        raise NotImplementedError

    def _refresh(self, story: StoryState) -> None:
        raise NotImplementedError

    def _forget(self, story_id: str) -> None:
        raise NotImplementedError

    def _post(self, story: StoryState, keys: list[str]) -> None:
        raise NotImplementedError

    def _matches(self, feat: ArticleFeatures, vector: np.ndarray) -> list[Match]:
        raise NotImplementedError

    def _shortness(self, members: list[Member]) -> float:
        """Short texts share fewer words by chance and by design: the bars scale like the join bar."""
        if self.short_text_terms <= 0:
            return 1.0
        voting = [len(m.vector) // 4 for m in members if m.vector]
        if not voting:
            return 1.0
        return min(1.0, sum(voting) / len(voting) / self.short_text_terms)

    # ------------------------------------------------------------------ merges

    def _maybe_merge(
        self,
        keep: StoryState,
        other: Match,
        feat: ArticleFeatures,
        changes: list[StoryChange],
        touched: dict[str, None],
    ) -> None:
        gone = other.story
        if gone.id == keep.id or gone.id not in self.state_.stories:
            return
        link = mean_link(self._centroids[keep.id], self._size[keep.id], self._centroids[gone.id], self._size[gone.id])
        gap = span_gap(keep, gone)
        decay = self.decay(gap)
        bar = self.merge_threshold * self._shortness(keep.members + gone.members)
        if link * decay < bar:
            return
        cosine = centroid_cosine(self._centroids[keep.id], self._centroids[gone.id])
        cosine_bar = (self.split_threshold + self.merge_split_gap) * self._shortness(keep.members + gone.members)
        if cosine * decay < cosine_bar:
            return
        first, second = sorted((keep, gone), key=_older)
        why = (
            f"merged: article {feat.article_id} is close to both stories; the two stories' articles have "
            f"mean similarity {link:.2f} across them (at least {bar:.2f}) and centroid cosine {cosine:.2f} "
            f"(at least {cosine_bar:.2f})" + (f", {gap:.0f} days apart (decay {decay:.2f})" if gap >= 1 else "")
        )
        self._merge(first, second, why, changes, touched)

    def _merge(
        self,
        keep: StoryState,
        gone: StoryState,
        why: str,
        changes: list[StoryChange],
        touched: dict[str, None],
    ) -> None:
        state = self.state_
        for member in gone.members:
            keep.add(member)
            state.article_story[member.id] = keep.id
        self._refresh(keep)
        postings = state.postings
        for key in gone.keys:
            posting = postings.get(key)
            if posting is None:
                continue
            if gone.id in posting:
                posting.remove(gone.id)
            if keep.id not in posting:
                posting.append(keep.id)
                keep.keys.append(key)
        del state.stories[gone.id]
        self._forget(gone.id)
        redirects = state.redirects
        redirects[gone.id] = keep.id
        for old, new in redirects.items():
            if new == gone.id:
                redirects[old] = keep.id
        touched.pop(gone.id, None)
        touched[keep.id] = None
        changes.append(StoryChange(story_id=keep.id, kind=StoryChangeKind.MERGED, reason=why, other_story_id=gone.id))

    # ------------------------------------------------------------------ sweeps of small young stories

    def _sweep(self, since: int, changes: list[StoryChange], touched: dict[str, None]) -> None:
        """Look again at the small stories created after ``since`` articles were placed; forget old ones."""
        state = self.state_
        young = state.young
        for sid, created in list(young.items()):
            if sid not in young:  # merged away by an earlier story of this sweep
                continue
            story = state.stories.get(sid)
            size = self._size.get(sid, 0)
            if story is None or size > self.sweep_max_size or state.placed - created > self.sweep_window:
                del young[sid]
                continue
            if created >= since and size:
                self._rejoin(story, changes, touched)

    def _rejoin(self, story: StoryState, changes: list[StoryChange], touched: dict[str, None]) -> None:
        from storyline.stories.features import ArticleFeatures

        centroid = self._centroids[story.id]
        norm = float(np.sqrt(self._norm2[story.id]))
        if norm == 0.0:
            return
        probe = ArticleFeatures(
            article_id=story.id,
            terms={k: 1.0 for k in story.keys if not k.startswith("@")},
            entities={k: story.names.get(k, k) for k in story.entities},
            published=story.last_published,
        )
        matches = [m for m in self._matches(probe, centroid / norm) if m.story.id != story.id]
        if not matches:
            return
        best = matches[0]
        # the bar of the longer texts of the two (a stray headline does not join a story of long articles
        # on a shared name alone, whichever came first)
        shortness = max(self._shortness(story.members), self._shortness(best.story.members[:50]))
        bar = self.join_threshold * shortness**0.5
        if best.score < bar:
            return
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        if runner_up >= bar and best.score - runner_up < self.sweep_margin:
            return  # close to two stories: no clear place
        first, second = sorted((story, best.story), key=_older)
        names = [best.story.names.get(k, k) for k in best.shared]
        why = (
            f"merged: the {len(story.members)}-article story {story.id}, started before this one took shape, "
            f"now fits story {best.story.id}: cosine {best.cosine:.2f} between their centroids "
            f"(score {best.score:.2f}, at least {bar:.2f})"
            + (f", shares entities {describe_names(names)}" if names else "")
            + (f", {best.gap_days:.0f} days apart (decay {best.decay:.2f})" if best.gap_days >= 1.5 else "")
        )
        self.state_.young.pop(second.id, None)
        self._merge(first, second, why, changes, touched)

    # ------------------------------------------------------------------ splits

    def _due_for_split_check(self, story: StoryState) -> bool:
        size = self._size[story.id]
        if size < self.split_min_size or size > self.split_max_size or size == story.checked_at:
            return False
        # every time while small, then each time the story grows by an eighth
        return size <= 12 or size >= story.checked_at + max(1, story.checked_at // 8)

    def _maybe_split(
        self, story: StoryState, feat: ArticleFeatures, changes: list[StoryChange], touched: dict[str, None]
    ) -> None:
        if not self._due_for_split_check(story):
            return
        story.checked_at = self._size[story.id]
        voting = [m for m in story.members if m.vector]
        matrix = np.stack([dense(m.vector, self.space.dim) for m in voting])
        labels = two_means(matrix)
        sizes = (int((labels == 0).sum()), int((labels == 1).sum()))
        if min(sizes) < self.split_min_part:
            return
        sums = (matrix[labels == 0].sum(axis=0), matrix[labels == 1].sum(axis=0))
        link = centroid_cosine(sums[0], sums[1])
        sides = (
            [m for m, lab in zip(voting, labels, strict=True) if lab == 0],
            [m for m, lab in zip(voting, labels, strict=True) if lab == 1],
        )
        gap = members_span_gap(sides[0], sides[1])
        decay = self.decay(gap)
        # a side of very few articles is a noisy centroid: it must be further away
        threshold = self.split_small_threshold if min(sizes) <= self.split_small_part else self.split_threshold
        bar = threshold * self._shortness(voting)
        if link * decay >= bar:
            return
        if self.split_needs_names and not (_own_name(sides[0], sides[1]) and _own_name(sides[1], sides[0])):
            return  # two events of one kind differ in who or where; loose wording alone is no reason

        keep_side = 0 if sizes[0] >= sizes[1] else 1  # side 0 holds the first member
        self._split(story, sides[keep_side], sides[1 - keep_side], (link, gap, decay, bar), feat, changes, touched)

    def _split(
        self,
        story: StoryState,
        kept: list[Member],
        moved: list[Member],
        measures: tuple[float, float, float, float],
        feat: ArticleFeatures,
        changes: list[StoryChange],
        touched: dict[str, None],
    ) -> None:
        state = self.state_
        link, gap, decay, bar = measures
        moved_ids = {m.id for m in moved}
        # copies follow their origin; members keep their order of arrival
        for member in story.members:
            if not member.vector and member.copy_of in moved_ids:
                moved_ids.add(member.id)
        kept_all = [m for m in story.members if m.id not in moved_ids]
        moved_all = [m for m in story.members if m.id in moved_ids]
        new_id = stable_id("s", moved_all[0].id)
        if new_id in state.stories:
            new_id = stable_id("s", f"{moved_all[0].id}:split:{story.id}")
        state.redirects.pop(new_id, None)  # a story merged away earlier comes back under its own id
        keys = list(story.keys)
        old = rebuilt(story.id, kept_all, keys)
        old.checked_at = sum(1 for m in kept_all if m.vector)
        new = rebuilt(new_id, moved_all, [])
        new.checked_at = sum(1 for m in moved_all if m.vector)
        state.stories[story.id] = old
        state.stories[new_id] = new
        for member in moved_all:
            state.article_story[member.id] = new_id
        self._refresh(old)
        self._refresh(new)
        self._post(new, keys)
        touched[story.id] = None
        touched[new_id] = None
        why = (
            f"split: after article {feat.article_id}, the story's articles fall into two groups "
            f"({len(kept)} and {len(moved)}) whose centroids have cosine {link:.2f}"
            + (f", {gap:.0f} days apart (decay {decay:.2f})" if gap >= 1 else "")
            + f" (below {bar:.2f}); "
            + _distinguishing(kept, moved)
            + "; the larger group keeps the story id"
        )
        changes.append(
            StoryChange(
                story_id=story.id,
                kind=StoryChangeKind.SPLIT,
                reason=why,
                article_id=feat.article_id,
                other_story_id=new_id,
                at=feat.published,
            )
        )


def _own_name(side: list[Member], other: list[Member]) -> bool:
    """Whether some name is in at least half of ``side`` (and two articles) and in at most a fifth of ``other``."""
    here: Counter[str] = Counter(k for m in side for k in set(m.entities))
    there: Counter[str] = Counter(k for m in other for k in set(m.entities))
    need = max(2, len(side) / 2)
    return any(n >= need and there[k] <= len(other) / 5 for k, n in here.items())


def _older(story: StoryState) -> tuple[bool, float, str]:
    return (story.first_day is None, story.first_day or 0.0, story.id)


def _distinguishing(a: list[Member], b: list[Member]) -> str:
    """The names most typical of each side, to say what tells the two groups apart."""

    def names(side: list[Member], other: list[Member]) -> list[str]:
        counts: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for m in side:
            for key, name in zip(m.entities, m.names, strict=True):
                counts[key] += 1
                surface.setdefault(key, name)
        elsewhere = {k for m in other for k in m.entities}
        ranked = sorted((k for k in counts if k not in elsewhere), key=lambda k: (-counts[k], k))
        return [surface[k] for k in ranked]

    first, second = names(a, b), names(b, a)
    if not first and not second:
        return "no names tell them apart"
    return (
        f"names only in the first: {describe_names(first, 3) or 'none'}; "
        f"only in the second: {describe_names(second, 3) or 'none'}"
    )
