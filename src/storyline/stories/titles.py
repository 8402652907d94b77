"""A story's title, drawn from its articles' own headlines (never written by us)."""

from __future__ import annotations

from storyline.model import Article
from storyline.stories.features import content_words

_MAX_WORDS = 16


def medoid_title(titles: list[str]) -> str:
    """The headline that shares the most content words with the other headlines.

    Ties go to the earlier headline, so the result depends only on the list's order, which callers
    keep chronological. Empty and whitespace-only entries are ignored.
    """
    candidates = [" ".join(t.split()) for t in titles if t and t.strip()]
    if not candidates:
        return ""
    if len(candidates) == 1:
        return _shorten(candidates[0])
    bags = [set(content_words(t)) for t in candidates]
    best, best_score = 0, -1.0
    for i, bag in enumerate(bags):
        if not bag:
            continue
        score = sum(len(bag & other) / len(bag | other) for j, other in enumerate(bags) if j != i and other)
        if score > best_score + 1e-12:
            best, best_score = i, score
    return _shorten(candidates[best])


def story_title(articles: list[Article]) -> str:
    """A title for the story these articles make: the most representative headline among them.

    When no article has a headline, their first lines of text stand in. Articles are read in
    publication order (undated last, then by id), so the title does not depend on input order.
    """
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    titles = [a.title for a in ordered if a.title and a.title.strip()]
    if not titles:
        titles = [next((ln for ln in (a.text or a.raw).splitlines() if ln.strip()), "") for a in ordered]
    return medoid_title(titles)


def _shorten(title: str) -> str:
    words = title.split()
    if len(words) <= _MAX_WORDS:
        return title
    return " ".join(words[:_MAX_WORDS]) + " …"
