"""A story's brief (placeholder until the brief issue lands): the story, its sources and quotes."""

from __future__ import annotations

import html
import json

from storyline.errors import NotFoundError
from storyline.store import Store
from storyline.views import article_record, dispute_record, edge_record, quote_record, story_record, timeline_record


def brief_data(store: Store, story_id: str) -> dict[str, object]:
    story = store.get_story(story_id)
    if story is None:
        raise NotFoundError(f"no story {story_id!r}")
    articles = list(store.iter_articles(story_id=story_id))
    return {
        "story": story_record(story),
        "articles": [article_record(a, with_text=False) for a in articles],
        "provenance": [edge_record(e) for e in store.edges(article_ids=[a.id for a in articles])],
        "quotes": [quote_record(q) for q in store.quotes(story_id=story_id)],
        "disputes": [dispute_record(p) for p in store.propositions(story_id)],
        "timeline": [timeline_record(t) for t in store.timeline(story_id)],
    }


def render_brief(store: Store, story_id: str, fmt: str = "md") -> str:
    data = brief_data(store, story_id)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    story = data["story"]
    assert isinstance(story, dict)
    lines = [f"# {story['title']}", "", f"{story['size']} articles, "
             f"{story['first_published'] or '?'} to {story['last_published'] or '?'}", "", "## Sources", ""]
    for a in data["articles"]:  # type: ignore[attr-defined]
        lines.append(f"- {a['outlet'] or '?'}: {a['title'] or a['id']} ({a['published'] or 'undated'})")
    lines += ["", "## Who said what", ""]
    for q in data["quotes"]:  # type: ignore[attr-defined]
        lines.append(f"- **{q['actor']}** {q['cue']}: {q['content']}")
    text = "\n".join(lines) + "\n"
    if fmt == "html":
        return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(text)}</pre>"
    return text
