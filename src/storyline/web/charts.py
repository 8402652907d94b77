"""Geometry for the two inline SVG charts: the timeline and the provenance graph.

Only numbers and our own strings are computed here; the templates write them out (escaped).
"""

from __future__ import annotations

from datetime import date

from storyline.views import Record

WIDTH = 720
ROW = 30
NODE_W = 250
NODE_H = 34
GRAPH_ROW = 46


def _parse_day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def timeline_chart(events: list[Record]) -> Record:
    """Each dated event as a row: a dot placed by its date on a shared axis, then its label."""
    dated = [(d, e) for e in events if (d := _parse_day(e.get("date"))) is not None]
    dated.sort(key=lambda x: x[0])
    left, right = 20, 250
    rows = []
    if dated:
        first, last = dated[0][0], dated[-1][0]
        span = max((last - first).days, 1)
        for i, (d, e) in enumerate(dated):
            end = _parse_day(e.get("end_date"))
            x = left + (right - left) * ((d - first).days / span if last != first else 0.5)
            x2 = left + (right - left) * ((end - first).days / span) if end and last != first else x
            rows.append(
                {
                    "x": round(x, 1),
                    "x2": round(max(x, min(x2, right)), 1),
                    "y": 40 + i * ROW,
                    "date": e.get("date"),
                    "end_date": e.get("end_date"),
                    "when": e.get("when") or e.get("date"),
                    "event": e.get("event"),
                }
            )
        # the ends of the axis read like their events ("2018" for last year, not "2018-01-01")
        axis: dict[str, str | None] = {
            "first": str(dated[0][1].get("when") or first.isoformat()),
            "last": str(dated[-1][1].get("when") or last.isoformat()),
        }
    else:
        axis = {"first": None, "last": None}
    return {
        "width": WIDTH,
        "height": 40 + len(rows) * ROW + 10,
        "left": left,
        "right": right,
        "label_x": right + 20,
        "rows": rows,
        "axis": axis,
    }


def provenance_graph(sources: list[Record]) -> Record:
    """Origins on the left, their copies on the right; one line per edge with its relation."""
    nodes: list[Record] = []
    links: list[Record] = []
    y = 10
    for g in sources:
        origin = g["origin"]
        assert isinstance(origin, dict)
        copies = g["copies"]
        assert isinstance(copies, list)
        rows = max(1, len(copies))
        oy = y + (rows - 1) * GRAPH_ROW / 2
        label = origin.get("label") if origin.get("external") else (origin.get("outlet") or "unknown outlet")
        nodes.append(
            {
                "x": 10,
                "y": oy,
                "label": label,
                "title": origin.get("title") or "",
                "article_id": origin.get("article_id"),
                "external": origin.get("external"),
                "kind": "origin",
            }
        )
        for i, c in enumerate(copies):
            cy = y + i * GRAPH_ROW
            nodes.append(
                {
                    "x": WIDTH - NODE_W - 10,
                    "y": cy,
                    "label": c.get("outlet") or "unknown outlet",
                    "title": c.get("title") or "",
                    "article_id": c["article_id"],
                    "external": False,
                    "kind": "copy",
                }
            )
            links.append(
                {
                    "x1": 10 + NODE_W,
                    "y1": oy + NODE_H / 2,
                    "x2": WIDTH - NODE_W - 10,
                    "y2": cy + NODE_H / 2,
                    "relation": c["relation"],
                    "derived_id": c["article_id"],
                    "via": c["via"],
                    "score": c["score"],
                    "reason": c["reason"],
                    "mx": WIDTH / 2,
                    "my": (oy + cy) / 2 + NODE_H / 2 - 4,
                }
            )
        y += rows * GRAPH_ROW
    return {
        "width": WIDTH,
        "height": max(y, 60),
        "node_w": NODE_W,
        "node_h": NODE_H,
        "nodes": nodes,
        "links": links,
    }
