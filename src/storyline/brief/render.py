"""Write a brief as Markdown, JSON, or a standalone HTML page (the web UI's brief, styles inlined)."""

from __future__ import annotations

import json

from storyline.brief.compose import brief_data
from storyline.store import Store

FORMATS = ("md", "json", "html")


def _md_escape(text: object) -> str:
    """Neutralise Markdown/HTML control characters in untrusted text (one line)."""
    s = " ".join(str(text or "").split())
    for ch in "\\`*_[]<>#|":
        s = s.replace(ch, "\\" + ch)
    return s


def _where(rec: dict) -> str:  # type: ignore[type-arg]
    outlet = rec.get("outlet") or "unknown outlet"
    return f"{_md_escape(outlet)}, {rec['article_id']}:{rec['start']}-{rec['end']}"


def render_markdown(data: dict[str, object]) -> str:
    story = data["story"]
    assert isinstance(story, dict)
    lines = [
        f"# {_md_escape(story['title'])}",
        "",
        f"{story['size']} articles from {data['independent_origins']} independent origins, "
        f"{story['first_published'] or '?'} to {story['last_published'] or '?'}. Story `{story['id']}`.",
        "",
    ]

    lines += ["## What happened", ""]
    for s in data["summary"] or []:  # type: ignore[attr-defined]
        lines.append(f"- {_md_escape(s['text'])} [{_where(s)}]")
    if not data["summary"]:
        lines.append("- (no article text to draw from)")

    lines += ["", "## Versions and who backs each", ""]
    for v in data["versions"] or []:  # type: ignore[attr-defined]
        flag = " (contested)" if v["contested"] else ""
        lines.append(f"### {_md_escape(v['proposition'])}{flag}")
        lines.append("")
        for acc in v["accounts"]:
            outlets = ", ".join(_md_escape(o) for o in acc["outlets"]) or "no outlet named"
            lines.append(
                f"- **{acc['stance']}**: {', '.join(_md_escape(a) for a in acc['actors'])} "
                f"({outlets}; {acc['independent_origins']} independent origins)"
            )
            for ev in acc["evidence"]:
                lines.append(f'  - "{_md_escape(ev["text"])}" [{_where(ev)}]')
        lines.append("")
    if not data["versions"]:
        lines += ["- no propositions found yet", ""]

    lines += ["## Dispute ledger", ""]
    conflicts = [(d, c) for d in data["disputes"] for c in d["conflicts"]]  # type: ignore[attr-defined]
    for d, c in conflicts:
        lines.append(f"- {_md_escape(d['proposition'])}: {c['kind']} conflict: {_md_escape(c['reason'])}")
        lines.append(f'  - "{_md_escape(c["a"]["text"])}" ({c["a"]["article_id"]})')
        lines.append(f'  - "{_md_escape(c["b"]["text"])}" ({c["b"]["article_id"]})')
    if not conflicts:
        lines.append("- no conflicting accounts found")

    lines += ["", "## Who said what", ""]
    for actor in data["who_said_what"] or []:  # type: ignore[attr-defined]
        role = ", ".join(_md_escape(x) for x in (actor["kind"], actor["role"], actor["affiliation"]) if x)
        lines.append(f"### {_md_escape(actor['actor'])} ({role})")
        lines.append("")
        for q in actor["quotes"]:
            lines.append(f'- {_md_escape(q["cue"])}: "{_md_escape(q["content"])}" [{_where(q)}]')
        lines.append("")
    if not data["who_said_what"]:
        lines += ["- no attributed quotes found yet", ""]

    lines += ["## Timeline", ""]
    for t in data["timeline"] or []:  # type: ignore[attr-defined]
        span = f"{t['date']} to {t['end_date']}" if t["end_date"] else t["date"]
        lines.append(f"- {span}: {_md_escape(t['event'])}")
    if not data["timeline"]:
        lines.append("- no dated events found yet")

    lines += ["", "## Sources by independent origin", ""]
    for g in data["sources"] or []:  # type: ignore[attr-defined]
        o = g["origin"]
        if o["external"]:
            lines.append(f"- **{_md_escape(o['label'])}** (credited origin, not in the corpus)")
        else:
            note = "" if o["in_story"] else ", outside this story"
            lines.append(
                f"- **{_md_escape(o['outlet'] or 'unknown outlet')}**: "
                f"{_md_escape(o['title'] or o['article_id'])} ({o['published'] or 'undated'}"
                f"{note}) `{o['article_id']}`"
            )
        for c in g["copies"]:
            lines.append(
                f"  - {c['relation']}: {_md_escape(c['outlet'] or 'unknown outlet')}: "
                f"{_md_escape(c['title'] or c['article_id'])} (score {c['score']}) `{c['article_id']}`"
            )
            for d in c.get("drift", []):
                change = " -> ".join(
                    f'"{_md_escape(t)}"' for t in (d.get("origin_text"), d.get("derived_text")) if t
                )
                lines.append(f"    - {d['kind']}: {_md_escape(d.get('note') or '')} {change}".rstrip())
    return "\n".join(lines).rstrip() + "\n"


def render_brief(store: Store, story_id: str, fmt: str = "md") -> str:
    """The brief of ``story_id`` as ``md``, ``json`` (with sentence-level provenance) or ``html``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown brief format {fmt!r}; use one of {', '.join(FORMATS)}")
    data = brief_data(store, story_id)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "html":
        from storyline.web.pages import render_brief_document

        return render_brief_document(store, story_id, data)
    return render_markdown(data)
