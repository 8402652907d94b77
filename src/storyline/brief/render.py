"""Write a brief as Markdown, JSON, or a standalone HTML page (the web UI's brief, styles inlined)."""

from __future__ import annotations

import json
import re

from storyline.brief.compose import UNIDENTIFIED, brief_data
from storyline.output import Record
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


EVIDENCE_SHOWN = 8  # distinct statements listed per version in Markdown (the JSON has them all)
FRAGMENTS_SHOWN = 3  # short phrases named per actor in Markdown (the JSON has them all)


SPEAKER_WORDS = 8  # a speaker as written longer than this shows its head: "The six-page document, …"


def _as_written(speaker: object) -> str:
    """A speaker as written, for the "speaker not identified" list: a long description shows the
    part before its first comma ("The six-page document, posted on ... with the heading ...")."""
    text = str(speaker or "").strip()
    if not text:
        return "(no speaker)"
    head = text.split(",", 1)[0]
    return f"{head}, …" if len(text.split()) > SPEAKER_WORDS and head != text else text


def _phrase_line(label: str, records: list[Record]) -> list[str]:
    """One line naming the first few of an actor's phrases that are no statement of theirs."""
    if not records:
        return []
    shown = "; ".join(f'{_md_escape(q["cue"])} "{_md_escape(q["content"])}"' for q in records[:FRAGMENTS_SHOWN])
    more = f" and {len(records) - FRAGMENTS_SHOWN} more" if len(records) > FRAGMENTS_SHOWN else ""
    return [f"- {label}: {shown}{more} (see `--format json`)"]


def _evidence_lines(evidence: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """One line per distinct wording, with every copy that carried it (a republished quote is one
    statement carried by several outlets, not several statements)."""
    groups: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for ev in evidence:
        groups.setdefault(" ".join(re.findall(r"\w+", str(ev["text"]).lower())), []).append(ev)
    lines = []
    for copies in list(groups.values())[:EVIDENCE_SHOWN]:
        where = "; ".join(_where(ev) for ev in copies)
        lines.append(f'  - "{_md_escape(copies[0]["text"])}" [{where}]')
    if len(groups) > EVIDENCE_SHOWN:
        lines.append(f"  - and {len(groups) - EVIDENCE_SHOWN} more statements (see `--format json`)")
    return lines


def _day(value: object) -> str:
    return str(value)[:10] if value else "undated"


def _period(first: object, last: object) -> str:
    """The days the story's articles were published, as far as they say (the records keep the
    times)."""
    if not first and not last:
        return "publication dates unknown"
    start, end = (str(v)[:10] if v else None for v in (first, last))
    if start == end or not end:
        return f"{start}"
    return f"{start or '?'} to {end}"


def _origins(n: object) -> str:
    return f"{n} independent origin{'' if n == 1 else 's'}"


def _ledger_lines(entry: dict) -> list[str]:  # type: ignore[type-arg]
    """One disputed proposition: who said it first, every party's positions, later concessions,
    which outlets carried which version, and the typed conflicts."""
    first = entry["first"]
    ev = first["evidence"]
    n = entry["independent_origins"]
    lines = [
        f"### {_md_escape(entry['proposition'])}",
        "",
        f"- First: {_md_escape(first['actor'])} {first['stance']} ({_day(first['said_at'])}): "
        f'"{_md_escape(ev["text"])}" [{_where(ev)}]',
        f"- {_origins(n)} {'carries' if n == 1 else 'carry'} this proposition.",
        "- Parties:",
    ]
    for p in entry["parties"]:
        who = f" ({'; '.join(_md_escape(s) for s in p['speakers'])})" if p["speakers"] else ""
        outlets = ", ".join(_md_escape(o) for o in p["outlets"]) or "no outlet named"
        since = f", from {_day(p['first_said_at'])}" if p["first_said_at"] else ""
        lines.append(
            f"  - **{_md_escape(p['party'])}**{who}: {', then '.join(p['stances'])}{since}; "
            f"carried by {outlets} ({_origins(p['independent_origins'])})"
        )

    if entry["concessions"]:
        lines.append("- Later concessions:")
        for c in entry["concessions"]:
            cue = f"{_md_escape(c['cue'])}, " if c["cue"] else ""  # narration has no reporting verb
            lines.append(
                f"  - {_md_escape(c['actor'])} {c['stance']} ({cue}{_day(c['said_at'])}): "
                f'"{_md_escape(c["evidence"]["text"])}" [{_where(c["evidence"])}]'
            )
    lines.append("- Versions:")
    for v in entry["versions"]:
        outlets = ", ".join(_md_escape(o) for o in v["outlets"]) or "no outlet named"
        lines.append(f"  - {v['stance']}: carried by {outlets} ({_origins(v['independent_origins'])})")
    if entry["conflicts"]:
        lines.append("- Conflicts:")
        for c in entry["conflicts"]:
            reason = str(c["reason"]).removeprefix(f"{c['kind']}: ")  # "scope: scope: ..." read twice
            lines.append(f"  - {c['kind']}: {_md_escape(reason)}")
    lines.append("")
    return lines


def render_markdown(data: dict[str, object]) -> str:
    story = data["story"]
    assert isinstance(story, dict)
    lines = [
        f"# {_md_escape(story['title'])}",
        "",
        f"{story['size']} article{'' if story['size'] == 1 else 's'} from {_origins(data['independent_origins'])}, "
        f"{_period(story['first_published'], story['last_published'])}. Story `{story['id']}`.",
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
                f"({outlets}; {_origins(acc['independent_origins'])})"
            )
            lines += _evidence_lines(acc["evidence"])
        lines.append("")
    if not data["versions"]:
        lines += ["- no propositions found yet", ""]

    lines += ["## Dispute ledger", ""]
    for entry in data.get("ledger") or []:  # type: ignore[attr-defined]
        lines += _ledger_lines(entry)
    if not data.get("ledger"):
        lines.append("- no conflicting accounts found")
        lines.append("")
    lines = lines[:-1] if lines[-1] == "" else lines

    lines += ["", "## Who said what", ""]
    for actor in data["who_said_what"] or []:  # type: ignore[attr-defined]
        role = ", ".join(_md_escape(x) for x in (actor["kind"], actor["role"], actor["affiliation"]) if x)
        lines.append(f"### {_md_escape(actor['actor'])} ({role})")
        lines.append("")
        for q in actor["quotes"]:
            if q.get("before_cue"):  # an agentless passive, in its own order
                lines.append(f'- "{_md_escape(q["content"])}" {_md_escape(q["cue"])} [{_where(q)}]')
                continue
            written = f"{_md_escape(_as_written(q.get('speaker')))} " if actor["actor"] == UNIDENTIFIED else ""
            lines.append(f'- {written}{_md_escape(q["cue"])}: "{_md_escape(q["content"])}" [{_where(q)}]')
        lines += _phrase_line("short phrases, no statement", actor.get("fragments") or [])
        lines += _phrase_line("reported in the outlet's words, not said", actor.get("not_said") or [])
        lines.append("")
    if not data["who_said_what"]:
        lines += ["- no attributed quotes found yet", ""]

    lines += ["## Timeline", ""]
    for t in data["timeline"] or []:  # type: ignore[attr-defined]
        read = f" (“{_md_escape(t['expression'])}”)" if t.get("expression") else ""  # the words it was read from
        lines.append(f"- {t['when']}{read}: {_md_escape(t['event'])}")
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
                change = " -> ".join(f'"{_md_escape(t)}"' for t in (d.get("origin_text"), d.get("derived_text")) if t)
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
