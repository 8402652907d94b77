"""The records the CLI's JSON and the web API expose (the same data in both).

Field names follow docs/cli.md; extra fields are allowed and added freely.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from storyline.model import (
    Article,
    Proposition,
    ProvenanceEdge,
    Quote,
    Rejection,
    Story,
    TimelineEvent,
    reports_words,
    said_iso,
)

Record = dict[str, object]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_record(a: Article, *, with_text: bool = True, story_id: str | None = None) -> Record:
    rec: Record = {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "published": _iso(a.published),
        "updated": _iso(a.updated),
        "byline": a.byline,
        "dek": a.dek,
        "dateline": a.dateline,
        "credits": list(a.credits),
        "normalized_input": a.normalized_input,
        "story_id": story_id,
        "rejected": None,
    }
    if with_text:
        rec["text"] = a.text
        # what cleaning took out of the page, and why (furniture, metadata lines, cut fragments)
        rec["removed"] = [{"reason": r.reason, "detail": r.detail, "text": r.text} for r in a.removed]
    return rec


def rejection_record(r: Rejection) -> Record:
    return {
        "id": None,
        "source": r.source,
        "url": r.source if r.source.startswith(("http://", "https://")) else None,
        "outlet": None,
        "title": None,
        "published": None,
        "updated": None,
        "text": None,
        "rejected": f"{r.reason}: {r.detail}" if r.detail else r.reason,
        "stage": r.stage.value,
    }


def story_record(s: Story) -> Record:
    return {
        "id": s.id,
        "title": s.title,
        "article_ids": list(s.article_ids),
        "size": len(s.article_ids),
        "first_published": _iso(s.first_published),
        "last_published": _iso(s.last_published),
    }


def edge_record(e: ProvenanceEdge) -> Record:
    return {
        "derived_id": e.derived_id,
        "origin_id": e.origin_id,
        "origin_label": e.origin_label,
        "relation": e.relation.value,
        "score": round(e.score, 4),
        "passages": [
            {
                "derived": {"start": p.derived.start, "end": p.derived.end},
                "origin": {"start": p.origin.start, "end": p.origin.end} if p.origin else None,
                "similarity": round(p.similarity, 4),
            }
            for p in e.passages
        ],
        "drift": [d.to_dict() for d in e.drift],
        "reason": e.reason,
        "superseded_by": e.superseded_by,
    }


def quote_record(q: Quote) -> Record:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "speaker": q.speaker,
        "actor": q.actor,
        "speaker_type": q.speaker_type.value,
        "cue": q.cue,
        "cue_class": q.cue_class.value,
        "reports_words": reports_words(q),
        "kind": q.kind.value,
        "content": q.content_text,
        "start": q.content.start,
        "end": q.content.end,
        "confidence": round(q.confidence, 3),
    }


def dispute_record(p: Proposition) -> Record:
    return {
        "id": p.id,
        "story_id": p.story_id,
        "proposition": p.text,
        "independent_origins": p.independent_origins,
        "positions": [
            {
                "actor": pos.actor,
                "stance": pos.stance.value,
                "cue": pos.cue,
                "said_at": said_iso(pos.said_at),
                "independent_origins": pos.independent_origins,
                "outlets": list(pos.outlets),
                "evidence": [
                    {
                        "article_id": ev.article_id,
                        "text": ev.text,
                        "start": ev.span.start,
                        "end": ev.span.end,
                        "outlet": ev.outlet,
                    }
                    for ev in pos.evidence
                ],
            }
            for pos in p.positions
        ],
        "conflicts": [
            {
                "kind": c.kind.value,
                "reason": c.reason,
                "a": {"article_id": c.a.article_id, "text": c.a.text},
                "b": {"article_id": c.b.article_id, "text": c.b.text},
            }
            for c in p.conflicts
        ],
    }


def when_label(start: str, end: str | None) -> str:
    """A timeline date as precise as the text was: "2018" for a whole year ("last year"), "2018-04"
    for a whole month ("last April"), "late 2019-02" for a third of one ("at the end of February"),
    "2019-02-27 to 2019-02-28" for a range, else the day. A table that showed "2018-01-01" would
    tell a reader a day the article never gave."""
    if not end:
        return start
    try:
        a, b = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        return f"{start} to {end}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return f"{a.year:04d}"
    last_day = calendar.monthrange(a.year, a.month)[1]
    if a.day == 1 and (b.year, b.month, b.day) == (a.year, a.month, last_day):
        return f"{a.year:04d}-{a.month:02d}"
    # "early March", "mid-January", "at the end of February": a third of a month
    if (a.year, a.month) == (b.year, b.month):
        part = {(1, 10): "early", (11, 20): "mid", (21, last_day): "late"}.get((a.day, b.day))
        if part:
            return f"{part} {a.year:04d}-{a.month:02d}"
    return f"{start} to {end}"


def timeline_record(t: TimelineEvent) -> Record:
    return {
        "date": t.date,
        "end_date": t.end_date,
        "when": when_label(t.date, t.end_date),
        "expression": t.expression,
        "event": t.event,
        "evidence": [{"article_id": ev.article_id, "text": ev.text} for ev in t.evidence],
    }
