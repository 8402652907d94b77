"""What the clusterer keeps about each story and each member, and how a story is rebuilt from them.

Everything here is persisted (msgspec); dense centroids are not: they are sums of the members'
packed vectors and are rebuilt exactly on load (see :mod:`storyline.stories.vectors`).
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from storyline.model import Story
from storyline.stories.titles import medoid_title

MAX_TITLES = 12


class Member(msgspec.Struct, array_like=True):
    id: str
    vector: bytes  # packed unit vector; empty for a copy placed by provenance (not in the centroid)
    entities: list[str]  # normalised name keys
    names: list[str]  # surface forms, parallel to ``entities``
    title: str
    day: float | None
    published: datetime | None
    copy_of: str | None = None


class StoryState(msgspec.Struct):
    id: str
    members: list[Member]
    entities: dict[str, int]  # key -> number of members naming it
    names: dict[str, str]  # key -> surface form
    titles: list[str]
    keys: list[str]  # the index keys that point at this story
    first_published: datetime | None = None
    last_published: datetime | None = None
    first_day: float | None = None
    last_day: float | None = None
    checked_at: int = 0  # member count at the last split check

    @property
    def article_ids(self) -> list[str]:
        return [m.id for m in self.members]

    def add(self, member: Member) -> None:
        self.members.append(member)
        if member.title and len(self.titles) < MAX_TITLES:
            self.titles.append(member.title)
        if member.day is not None:
            if self.first_day is None or member.day < self.first_day:
                self.first_day, self.first_published = member.day, member.published
            if self.last_day is None or member.day > self.last_day:
                self.last_day, self.last_published = member.day, member.published
        if member.vector:
            for key, name in zip(member.entities, member.names, strict=True):
                self.entities[key] = self.entities.get(key, 0) + 1
                self.names.setdefault(key, name)

    def to_story(self) -> Story:
        return Story(
            id=self.id,
            title=medoid_title(self.titles),
            article_ids=tuple(self.article_ids),
            first_published=self.first_published,
            last_published=self.last_published,
        )


class ClustererState(msgspec.Struct):
    version: int
    stories: dict[str, StoryState]
    article_story: dict[str, str]
    postings: dict[str, list[str]]  # term or "@entity" -> story ids
    redirects: dict[str, str] = {}  # merged-away story id -> the id that absorbed it
    newest_day: float | None = None
    placed: int = 0
    young: dict[str, int] = {}  # small story id -> articles placed when it was created (re-examined)


def rebuilt(story_id: str, members: list[Member], keys: list[str]) -> StoryState:
    """A story made afresh from members (in their order), e.g. one side of a split."""
    story = StoryState(id=story_id, members=[], entities={}, names={}, titles=[], keys=list(keys))
    for member in members:
        story.add(member)
    return story


def story_key(story: StoryState) -> tuple[bool, float, str]:
    """Oldest first; undated stories last."""
    return (story.first_day is None, story.first_day or 0.0, story.id)


def stale(story: StoryState, cutoff: float) -> bool:
    return story.last_day is not None and story.last_day < cutoff


def gap_days(day: float | None, first: float | None, last: float | None) -> float:
    """Days from ``day`` to the span [first, last] (0 inside it or when undated)."""
    if day is None or first is None or last is None:
        return 0.0
    if day < first:
        return first - day
    if day > last:
        return day - last
    return 0.0


def span_gap(a: StoryState, b: StoryState) -> float:
    if a.first_day is None or b.first_day is None or a.last_day is None or b.last_day is None:
        return 0.0
    return max(0.0, b.first_day - a.last_day, a.first_day - b.last_day)


def members_span_gap(a: list[Member], b: list[Member]) -> float:
    days_a = [m.day for m in a if m.day is not None]
    days_b = [m.day for m in b if m.day is not None]
    if not days_a or not days_b:
        return 0.0
    return max(0.0, min(days_b) - max(days_a), min(days_a) - max(days_b))


def describe_names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
