"""Everything a store holds, comparable across runs: the runner-equivalence tests compare these."""

from __future__ import annotations

from storyline.store import Store


def snapshot(store: Store) -> dict[str, object]:
    """Everything a store holds, without the wall-clock times of the run."""

    def clean(doc: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in doc.items() if k not in ("ingested_at", "at")}

    articles = sorted(store.iter_articles(), key=lambda a: a.id)
    stories = sorted(store.stories(), key=lambda s: s.id)
    story_ids = [s.id for s in stories]
    return {
        "articles": [clean(a.to_dict()) for a in articles],
        "versions": {a.id: [clean(v.to_dict()) for v in store.article_versions(a.id)] for a in articles},
        "rejections": sorted((r.source, r.stage.value, r.reason, r.detail) for r in store.rejections()),
        "quotes": sorted(repr(q.to_dict()) for q in store.quotes()),
        "edges": sorted(repr(e.to_dict()) for e in store.edges()),
        "stories": [s.to_dict() for s in stories],
        "story_of": {a.id: store.story_of(a.id) for a in articles},
        "changes": sorted(repr(c.to_dict()) for c in store.story_changes()),
        "actors": sorted(repr(a.to_dict()) for a in store.actors()),
        "propositions": {sid: [repr(p.to_dict()) for p in store.propositions(sid)] for sid in story_ids},
        "timeline": {sid: [repr(t.to_dict()) for t in store.timeline(sid)] for sid in story_ids},
    }
