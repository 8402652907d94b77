"""Build a story's brief as records, from what the analysis stages stored.

The brief is assembled only from stored results: articles, provenance edges, quotes, actors,
propositions and timeline events. Nothing here invents text: every sentence shown is a span of an
article's cleaned text, and carries ``article_id``, ``start`` and ``end`` so it can be audited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from rapidfuzz import fuzz

from storyline.claims.disputes import dispute_ledger
from storyline.claims.origins import count_origins
from storyline.claims.parties import copy_actors, outlet_label, party_name
from storyline.claims.propositions import join_split_contents, weighable
from storyline.claims.sentences import sentence_spans
from storyline.cleaning.text_header import dateline_end
from storyline.errors import NotFoundError
from storyline.model import (
    Actor,
    Article,
    Conflict,
    ConflictKind,
    Evidence,
    Proposition,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Span,
    reports_words,
    said_iso,
)
from storyline.store import Store
from storyline.views import (
    Record,
    article_record,
    dispute_record,
    edge_record,
    quote_record,
    story_record,
    timeline_record,
)

SUMMARY_SENTENCES = 4  # at most this many sentences in "what happened"
_MIN_SENTENCE = 30  # shorter leads (a dateline, a caption) are skipped
_NEAR_DUPLICATE = 85  # token-set similarity above which two summary sentences say the same thing


def _conflict_key(c: Conflict) -> tuple[str, ...]:
    """What makes two conflicts the same for a reader: their reason, or for numbers the two
    figures in either order ("500,000,000 vs 412,000,000" is "412,000,000 vs 500,000,000")."""
    if c.kind is ConflictKind.NUMBER:
        return (c.kind.value, *sorted(_FIGURE.findall(c.reason)))
    return (c.kind.value, c.reason)


_FIGURE = re.compile(r"\d[\d,.]*")


def _evidence_record(ev: Evidence) -> Record:
    return {
        "article_id": ev.article_id,
        "text": ev.text,
        "start": ev.span.start,
        "end": ev.span.end,
        "outlet": ev.outlet,
        "said_at": said_iso(ev.said_at),
    }


# --------------------------------------------------------------------------- sources


def _best_edges(edges: Iterable[ProvenanceEdge], members: set[str]) -> dict[str, ProvenanceEdge]:
    """The strongest edge into each derived article of the story."""
    best: dict[str, ProvenanceEdge] = {}
    for e in edges:
        if e.derived_id in members and e.origin_id != e.derived_id:
            cur = best.get(e.derived_id)
            if cur is None or e.score > cur.score:
                best[e.derived_id] = e
    return best


def _origin_key(edge: ProvenanceEdge) -> str:
    return edge.origin_id or f"external:{edge.origin_label or 'unknown'}"


def _root_of(article_id: str, best: dict[str, ProvenanceEdge]) -> str:
    """Follow the strongest edges back to the independent origin (guarding against cycles)."""
    seen = {article_id}
    key = article_id
    while key in best:
        nxt = _origin_key(best[key])
        if nxt in seen:
            break
        seen.add(nxt)
        key = nxt
    return key


def _article_brief(a: Article | None, article_id: str) -> Record:
    if a is None:
        return {"article_id": article_id, "outlet": None, "title": None, "url": None, "published": None}
    return {
        "article_id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
    }


def group_sources(store: Store, articles: dict[str, Article], edges: list[ProvenanceEdge]) -> list[Record]:
    """The story's sources grouped by independent origin, copies under their origin, most central
    origin first. An external origin (a credited wire not in the corpus) is a group by its label."""
    best = _best_edges(edges, set(articles))
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in articles:
        root = _root_of(aid, best)
        if root != aid:
            groups[root].append(aid)
        else:
            groups.setdefault(root, [])
    out: list[Record] = []
    for key, copies in groups.items():
        if key.startswith("external:"):
            origin: Record = {
                "article_id": None,
                "label": key.removeprefix("external:"),
                "external": True,
                "in_story": False,
            }
        else:
            art = articles.get(key) or store.get_article(key)
            origin = {
                **_article_brief(art, key),
                "label": None,
                "external": False,
                "in_story": key in articles,
            }
        copy_recs = []
        for cid in sorted(copies, key=lambda c: (str(articles[c].published or ""), c)):
            e = best[cid]
            copy_recs.append(
                {
                    **_article_brief(articles[cid], cid),
                    "relation": e.relation.value,
                    "via": _origin_key(e),
                    "score": round(e.score, 4),
                    "reason": e.reason,
                    "passages": len(e.passages),
                    "drift": [d.to_dict() for d in e.drift],
                }
            )
        out.append({"key": key, "origin": origin, "copies": copy_recs, "size": 1 + len(copy_recs)})
    out.sort(key=_group_rank)
    return out


def _group_rank(group: Record) -> tuple[int, str, str]:
    """Most copies first, then the earliest origin, then the key (a stable order)."""
    origin = cast(Record, group["origin"])
    return (-cast(int, group["size"]), str(origin.get("published") or "~"), str(group["key"]))


# --------------------------------------------------------------------------- summary


def _lead_sentences(a: Article, limit: int, window: int = 4000) -> list[Span]:
    """The first ``limit`` sentences long enough to say something (only the article's opening is
    split: a sentence cut by the window's edge is dropped)."""
    spans = sentence_spans(a.text[:window])
    if len(a.text) > window and spans:
        spans.pop()
    return [s for s in spans if len(s) >= _MIN_SENTENCE][:limit]


def _without_dateline(art: Article, span: Span) -> Span:
    """The sentence without the dateline that opens it ("PORT ALDER, Veldora (CP) — ", "Hanoi,
    Vietnam (AP) — " where cleaning read "Hanoi Vietnam"): the brief names where each line comes
    from, and what happened reads as a sentence."""
    if not art.dateline:
        return span
    start = dateline_end(art.text, span.start, art.dateline)
    return Span(start=start, end=span.end) if span.start < start < span.end else span


def summarize(articles: dict[str, Article], sources: list[Record], quotes: list[Quote]) -> list[Record]:
    """What happened: the lead sentences of the independent origins, most central first (an
    external origin speaks through its strongest copy); near-duplicates dropped; a restored scrape
    gives only its lead when an article with its own punctuation can say more."""
    quoted: defaultdict[str, int] = defaultdict(int)
    for q in quotes:
        quoted[q.article_id] += 1
    candidates: list[tuple[Article, str, int]] = []  # article, why, rank
    for rank, group in enumerate(sources):
        origin = group["origin"]
        assert isinstance(origin, dict)
        aid = origin.get("article_id")
        if isinstance(aid, str) and aid in articles:
            candidates.append((articles[aid], "lead of an independent origin", rank))
        else:
            copies = group["copies"]
            assert isinstance(copies, list)
            if copies:
                top = max(copies, key=lambda c: (c["score"], quoted[c["article_id"]]))
                label = origin.get("label") or "an origin outside the corpus"
                candidates.append((articles[top["article_id"]], f"lead of the best copy of {label}", rank))
    out: list[Record] = []
    taken: list[str] = []
    per_article = 1
    # past its lead, a scrape whose sentences were restored by a model speaks only when no article
    # kept its own punctuation (its later boundaries are the ones most often wrong)
    cased = any(not art.normalized_input for art, _, _ in candidates)
    while len(out) < SUMMARY_SENTENCES and candidates and per_article <= SUMMARY_SENTENCES:
        before = len(out)
        for art, why, rank in candidates:
            if per_article > 1 and cased and art.normalized_input:
                continue
            leads = _lead_sentences(art, per_article)
            if len(leads) < per_article:
                continue
            span = _without_dateline(art, leads[per_article - 1])
            text = span.slice(art.text)
            if any(fuzz.token_set_ratio(text, t) >= _NEAR_DUPLICATE for t in taken):
                continue
            taken.append(text)
            out.append(
                {
                    "text": text,
                    "article_id": art.id,
                    "start": span.start,
                    "end": span.end,
                    "outlet": art.outlet,
                    "origin_rank": rank,
                    "reason": why if per_article == 1 else f"sentence {per_article} of the {why}",
                }
            )
            if len(out) >= SUMMARY_SENTENCES:
                break
        if len(out) == before and per_article > 1:
            break
        per_article += 1
    return out


# --------------------------------------------------------------------------- claims


def versions_of(propositions: list[Proposition], edges: list[ProvenanceEdge]) -> list[Record]:
    """For each proposition, its versions (one per stance) and who backs each; a version's
    independent origins are counted over all its evidence (a republication adds none)."""
    out: list[Record] = []
    for p in propositions:
        by_stance: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
        for pos in p.positions:
            by_stance[pos.stance.value].append(pos)
        accounts = []
        for stance, positions in by_stance.items():
            outlets = sorted({o for pos in positions for o in pos.outlets})
            accounts.append(
                {
                    "stance": stance,
                    "actors": [pos.actor for pos in positions],
                    "outlets": outlets,
                    "independent_origins": count_origins(
                        list(dict.fromkeys(ev.article_id for pos in positions for ev in pos.evidence)), edges
                    ),
                    "evidence": [_evidence_record(ev) for pos in positions for ev in pos.evidence],
                }
            )
        accounts.sort(key=lambda a: (-len(a["evidence"]), a["stance"]))  # type: ignore[arg-type]
        out.append(
            {
                "proposition_id": p.id,
                "proposition": p.text,
                "contested": len(accounts) > 1,
                "independent_origins": p.independent_origins,
                "accounts": accounts,
            }
        )
    return out


UNIDENTIFIED = "speaker not identified"


def who_said_what(
    store: Store,
    story_id: str,
    quotes: list[Quote],
    articles: dict[str, Article],
    edges: Iterable[ProvenanceEdge] = (),
) -> list[Record]:
    """Quotes by actor, most quoted first. A quote in a republished copy goes to the speaker its
    origin names for the same words (a scrape that lost its punctuation reads a dateline as a
    name). A speaker string that names no one (an unresolved pronoun, a dateline, a clause
    attribution swallowed; see :func:`~storyline.claims.parties.party_name`) is not shown as an
    actor: its quotes are listed last, under "speaker not identified", with the speaker as written.

    A reported phrase that is no statement (a short object such as "called: reporters" or a clause
    cut off; see :func:`~storyline.claims.propositions.weighable`) goes under ``fragments``, apart
    from the actor's ``quotes``; a direct quote is a statement however short ("No," he replied). A
    state of mind or a deed told in the outlet's words ("wanted ...", "has imposed ...") goes under
    ``not_said`` (see :func:`~storyline.model.reports_words`). ``before_cue`` marks a quote with no
    speaker whose content comes before its cue (an agentless passive), to be read in that order.
    A content the cue interrupts is one quote ("More what Pyongyang was seeking, he said, was the
    lifting ..."; see :func:`~storyline.claims.propositions.join_split_contents`)."""
    actors = {a.name: a for a in store.actors(story_id)}
    quotes = join_split_contents(quotes, articles)
    fixed = copy_actors([(q.article_id, q.content_text, q.actor) for q in quotes], list(edges))
    by_actor: dict[str, list[Quote]] = defaultdict(list)
    for k, q in enumerate(quotes):
        by_actor[party_name(fixed.get(k, q.actor), q.speaker_type) or UNIDENTIFIED].append(q)
    out: list[Record] = []
    for name, qs in by_actor.items():
        actor = actors.get(name) or actors.get(qs[0].actor)
        records = [
            (
                {
                    **quote_record(q),
                    "outlet": outlet_label(a) if (a := articles.get(q.article_id)) else None,
                    "before_cue": _agentless(q),
                },
                q,
            )
            for q in qs
        ]
        out.append(
            {
                "actor": name,
                "kind": "unknown" if name == UNIDENTIFIED else actor.kind.value if actor else qs[0].speaker_type.value,
                "role": actor.role if actor and name != UNIDENTIFIED else None,
                "affiliation": actor.affiliation if actor and name != UNIDENTIFIED else None,
                "quotes": [r for r, q in records if reports_words(q) and _is_statement(q)],
                "fragments": [r for r, q in records if reports_words(q) and not _is_statement(q)],
                "not_said": [r for r, q in records if not reports_words(q)],
            }
        )
    out.sort(
        key=lambda r: (
            r["actor"] == UNIDENTIFIED,
            not r["quotes"],
            -len(r["quotes"]),  # type: ignore[arg-type]
            str(r["actor"]).lower(),
        )
    )
    return out


def _agentless(q: Quote) -> bool:
    """Whether ``q`` has no speaker and what it reports comes before the cue: an agentless passive
    ("The base tonnage levy is not mentioned"), read in its own order, not as "(no speaker) is not
    mentioned: the base tonnage levy"."""
    return not q.speaker.strip() and q.cue_span is not None and q.content.end <= q.cue_span.start


def _is_statement(q: Quote) -> bool:
    return q.kind is QuoteKind.DIRECT or weighable(q.content_text)


LEDGER_CONFLICTS = 3  # typed conflicts shown per disputed proposition (the JSON keeps them all)
_CONFLICT_ORDER = {"scope": 0, "number": 1, "date": 2, "polarity": 3, "entity": 4}


def ledger_records(propositions: list[Proposition], edges: list[ProvenanceEdge], actors: list[Actor]) -> list[Record]:
    """The dispute ledger: per disputed proposition, who said it first and when, every party's
    positions in the order taken (speakers folded into the party they speak for), the later
    concessions, which outlets carried which version with its independent origins, and the
    strongest typed conflicts (distinct reasons, scope and numbers before polarity)."""
    out: list[Record] = []
    for entry in dispute_ledger(propositions, edges, actors):
        conflicts: list[Record] = []
        seen: set[tuple[str, ...]] = set()
        for c in sorted(entry.conflicts, key=lambda c: _CONFLICT_ORDER.get(c.kind.value, 9)):
            key = _conflict_key(c)
            if key in seen or len(conflicts) >= LEDGER_CONFLICTS:
                continue
            seen.add(key)
            conflicts.append(
                {"kind": c.kind.value, "reason": c.reason, "a": _evidence_record(c.a), "b": _evidence_record(c.b)}
            )
        out.append(
            {
                "proposition_id": entry.proposition_id,
                "proposition": entry.proposition,
                "first": {
                    "actor": entry.first_actor,
                    "stance": entry.first_stance.value,
                    "said_at": said_iso(entry.first_said_at),
                    "evidence": _evidence_record(entry.first_evidence),
                },
                "parties": [
                    {
                        "party": p.actor,
                        "speakers": list(p.speakers),
                        "stances": [s.value for s in p.stances],
                        "first_said_at": said_iso(p.first_said_at),
                        "outlets": list(p.outlets),
                        "independent_origins": p.independent_origins,
                    }
                    for p in entry.parties
                ],
                "concessions": [
                    {
                        "actor": c.actor,
                        "stance": c.stance.value,
                        "cue": c.cue,
                        "said_at": said_iso(c.said_at),
                        "evidence": _evidence_record(c.evidence[0]),
                    }
                    for c in entry.concessions
                ],
                "versions": [
                    {
                        "stance": v.stance.value,
                        "actors": list(v.actors),
                        "outlets": list(v.outlets),
                        "independent_origins": v.independent_origins,
                    }
                    for v in entry.versions
                ],
                "conflicts": conflicts,
                "independent_origins": entry.independent_origins,
            }
        )
    return out


def _dispute_with_offsets(p: Proposition) -> Record:
    """``dispute_record`` plus the offsets of each conflict's two sides (sentence-level provenance)."""
    rec = dispute_record(p)
    for out, conflict in zip(cast(list[Record], rec["conflicts"]), p.conflicts, strict=True):
        for side, ev in (("a", conflict.a), ("b", conflict.b)):
            cast(Record, out[side]).update(_evidence_record(ev))
    return rec


# --------------------------------------------------------------------------- the brief


def brief_data(store: Store, story_id: str) -> dict[str, object]:
    """The brief of one story as JSON-ready records (see the module docstring)."""
    story = store.get_story(story_id)
    if story is None:
        raise NotFoundError(f"no story {story_id!r}")
    articles = {a.id: a for a in store.iter_articles(story_id=story_id)}
    for aid in story.article_ids:  # a story may list an article the join does not return yet
        if aid not in articles and (a := store.get_article(aid)) is not None:
            articles[aid] = a
    edges = [e for e in store.edges(article_ids=list(articles)) if e.superseded_by is None]  # current edges only
    quotes = store.quotes(story_id=story_id)
    propositions = store.propositions(story_id)
    sources = group_sources(store, articles, edges)
    timeline = []
    for t in store.timeline(story_id):
        rec = timeline_record(t)
        rec["evidence"] = [_evidence_record(ev) for ev in t.evidence]
        timeline.append(rec)
    return {
        "story": story_record(story),
        "summary": summarize(articles, sources, quotes),
        "versions": versions_of(propositions, edges),
        "disputes": [_dispute_with_offsets(p) for p in propositions],
        "ledger": ledger_records(propositions, edges, store.actors(story_id)),
        "who_said_what": who_said_what(store, story_id, quotes, articles, edges),
        "timeline": timeline,
        "independent_origins": len(sources),
        "sources": sources,
        "provenance": [edge_record(e) for e in edges],
        "articles": [article_record(a, with_text=False, story_id=story_id) for a in articles.values()],
    }
