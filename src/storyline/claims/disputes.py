"""Propositions of a story with every party's position, typed conflicts and independent origins;
and the dispute ledger that lays them out.

:func:`build_disputes` is the stage: quotes (from attribution) and the outlets' own key assertions
are grouped into propositions (:mod:`storyline.claims.propositions`), each statement gets a stance
(:mod:`storyline.claims.positions`), statements of one actor with one stance become one
:class:`~storyline.model.Position` carrying all its evidence, conflicts are typed
(:mod:`storyline.claims.conflicts`) and corroboration is counted in independent origins
(:mod:`storyline.claims.origins`), not in outlets.

:func:`dispute_ledger` reads the propositions back as a ledger: who holds which position, who said
it first and when, who later conceded or narrowed, and which outlets carried which version.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime

import msgspec

from storyline.claims.conflicts import StatementFacts, compare
from storyline.claims.grouping import answers_another, cites, continuations, group_statements
from storyline.claims.lexicons import STOPWORDS
from storyline.claims.origins import OriginCounter, count_origins
from storyline.claims.parties import copy_origins, credited_voices, dated_copies, party_folding
from storyline.claims.positions import (
    DEFAULT_REASON,
    StancePredictor,
    choose_anchor,
    maximal_statements,
    predict_stances,
    stance_against_maximal,
    stance_by_rules,
    stance_of,
    states_proposition,
)
from storyline.claims.propositions import (
    SentenceEncoder,
    Statement,
    is_reporting_only,
    outlet_sentences,
    statements_from_quotes,
    time_key,
    with_dates,
)
from storyline.cleaning.metadata import canonical_credit
from storyline.model import (
    Actor,
    Article,
    Conflict,
    ConflictKind,
    Evidence,
    Position,
    Proposition,
    ProvenanceEdge,
    Quote,
    Relation,
    SpeakerType,
    Stance,
    Story,
    stable_id,
)

MAX_CONFLICTS = 24  # per proposition
NARRATION_FOLLOW = 0.2  # content-word Jaccard at which narration retells an attributed statement


@functools.cache
def shipped_stance_model() -> StancePredictor | None:
    """The shipped Emergent stance model, or None when its files are absent."""
    from storyline.claims.stance import StanceClassifier

    try:
        return StanceClassifier("emergent")
    except FileNotFoundError:
        return None


def _evidence(statement: Statement) -> Evidence:
    c = statement.claim
    return Evidence(
        article_id=c.article_id, text=c.text, span=c.span, outlet=statement.outlet, said_at=statement.said_at
    )


def _when(s: Statement) -> str:
    return time_key(s.said_at)


def build_disputes(
    story: Story,
    articles: list[Article],
    quotes: list[Quote],
    edges: list[ProvenanceEdge],
    encoder: SentenceEncoder | None = None,
    classifier: StancePredictor | None = None,
    min_actors: int = 2,
    use_stance_model: bool = True,
    actors: Sequence[Actor] = (),
) -> list[Proposition]:
    """Propositions of ``story`` held by at least ``min_actors`` actors, most contested first.

    ``encoder`` (dense sentence vectors) replaces the built-in sparse TF-IDF cosine; ``classifier``
    (the last resort for a stance, after cues and structured comparison; applied to the whole
    story in one batch) defaults to the shipped Emergent
    :class:`~storyline.claims.stance.StanceClassifier` unless ``use_stance_model`` is False.
    ``actors`` (the story's, from attribution) give the parties speakers belong to: a member of a
    party that asserted a proposition who later says otherwise concedes it."""
    if classifier is None and use_stance_model:
        classifier = shipped_stance_model()
    members = set(story.article_ids)
    chosen = sorted(
        dated_copies([a for a in articles if a.id in members], edges),
        key=lambda a: (time_key(a.published), a.id),
    )
    story_quotes = [q for q in quotes if q.article_id in members]
    quoted = [s for s in statements_from_quotes(chosen, story_quotes, edges) if not is_reporting_only(s)]
    quoted.sort(key=lambda s: (s.order, s.claim.id))  # reading order, whatever order the quotes came in
    # a republished copy's narration is its origin's, already read there
    republished = copy_origins(edges, (Relation.REPUBLICATION,))
    own_voice = [  # dated once they join a cluster
        s for s in outlet_sentences(chosen, story_quotes, dates=False) if s.claim.article_id not in republished
    ]
    credited = credited_voices(edges)  # a republished wire copy narrates in the wire's voice
    # ... under the name the story's actors give that wire ("AP" -> "Associated Press")
    wires = {canonical_credit(a.name): a.name for a in actors or () if a.kind is SpeakerType.OUTLET}
    credited = {k: wires.get(canonical_credit(v), v) for k, v in credited.items()}
    own_voice = [
        msgspec.structs.replace(s, claim=s.claim.replace(actor=credited[s.claim.article_id]))
        if s.claim.article_id in credited
        else s
        for s in own_voice
    ]
    clusters = [with_dates(c) for c in group_statements(quoted, own_voice, encoder)]
    anchors = [choose_anchor(cluster) for cluster in clusters]
    predicted: dict[tuple[str, str], tuple[str, float]] = {}
    if classifier is not None:  # one batch for the whole story
        undecided = [
            (anchor.claim.text, s.claim.text)
            for cluster, anchor in zip(clusters, anchors, strict=True)
            for s in cluster
            if s is not anchor and stance_by_rules(s, anchor, False) is None
        ]
        predicted = predict_stances(undecided, classifier)
    origins = OriginCounter([a.id for a in chosen], edges)
    parties = party_folding(actors, {q.actor for q in story_quotes}) if actors else {}
    propositions = [
        _proposition(story, cluster, anchor, origins, predicted, parties)
        for cluster, anchor in zip(clusters, anchors, strict=True)
    ]
    kept = [p for p in propositions if len({pos.actor for pos in p.positions}) >= min_actors]
    kept.sort(key=lambda p: (-len({pos.stance for pos in p.positions}), -len(p.positions), p.id))
    return kept


def _proposition(
    story: Story,
    cluster: list[Statement],
    anchor: Statement,
    origins: OriginCounter,
    predicted: dict[tuple[str, str], tuple[str, float]],
    parties: dict[str, str] | None = None,
) -> Proposition:
    stances: list[tuple[Statement, Stance, str]] = []
    asserted: set[str] = set()  # actors who stated the proposition itself (not a claim of their own)
    denied: set[str] = set()
    decided: dict[str, tuple[Stance, str]] = {}
    continued = continuations(cluster)
    # copies repeat their origin's statements: each distinct maximal statement is read once, and
    # a statement's reading against them is kept for its repetitions (same actor, words, side)
    distinct: dict[tuple[str, StatementFacts], Statement] = {}
    for m in maximal_statements(cluster, anchor):
        distinct.setdefault((m.claim.actor, m.facts), m)
    maximal = list(distinct.values())  # the first of each, in order
    against_maximal: dict[tuple[str, StatementFacts, bool], tuple[Stance, str] | None] = {}
    actors = {s.claim.actor for s in cluster}
    side = _sides(cluster)  # a spokesperson's statements count with the one they speak for
    for s in cluster:  # in the order things were said
        prev = continued.get(s.claim.id)
        if prev is not None and prev.claim.id in decided and stance_by_rules(s, anchor, False) is None:
            stance = decided[prev.claim.id][0]
            reason = f"continues {prev.claim.actor}'s account ('also'), which {stance.value} it"
        else:
            # narrowing one's own claim qualifies it; narrowing what another said ("it wasn't, as
            # Trump claimed, all of them") answers that other, whatever one said before
            own = side[s.claim.actor] in asserted and not (
                answers_another(s) or any(cites(s, o) for o in actors if o != s.claim.actor)
            )
            stance, reason = stance_of(s, anchor, own, predicted=predicted.get((anchor.claim.text, s.claim.text)))
            if stance is Stance.ASSERTS and s is not anchor and not states_proposition(s, anchor):
                key = (s.claim.actor, s.facts, own)
                if key not in against_maximal:
                    against_maximal[key] = stance_against_maximal(s, maximal, own)
                stance, reason = against_maximal[key] or (stance, reason)
        if stance in (Stance.DENIES, Stance.QUALIFIES) and side[s.claim.actor] not in asserted:
            stance, reason = _conceded_for_party(s, side, asserted, parties or {}) or (stance, reason)
        if stance is Stance.DENIES:
            denied.add(side[s.claim.actor])
        if stance is Stance.ASSERTS and states_proposition(s, anchor):
            asserted.add(side[s.claim.actor])
        decided[s.claim.id] = (stance, reason)
        stances.append((s, stance, reason))
    # what nothing decided, said by a party that denies and never stated the claim: its account
    # (a party: the one a spokesperson speaks for, or the country or body a speaker belongs to)
    team = {a: (parties or {}).get(b, b) for a, b in side.items()}
    denying = {team.get(a, a) for a in denied} - {team.get(a, a) for a in asserted}
    stances = [
        (s, Stance.DENIES, f"said by {s.claim.actor} alongside {_whose(s.claim.actor, team)} denial")
        if reason == DEFAULT_REASON and team[s.claim.actor] in denying
        else (s, stance, reason)
        for s, stance, reason in stances
    ]
    stances = _narration_follows_its_source(stances)

    grouped: dict[tuple[str, Stance], list[tuple[Statement, str]]] = {}
    for s, stance, reason in stances:
        grouped.setdefault((s.claim.actor, stance), []).append((s, reason))
    positions = []
    for (actor, stance), items in grouped.items():
        items.sort(key=lambda it: (_when(it[0]), it[0].order))
        first = items[0][0]
        article_ids = list(dict.fromkeys(s.claim.article_id for s, _ in items))
        positions.append(
            Position(
                actor=actor,
                stance=stance,
                evidence=tuple(_evidence(s) for s, _ in items),
                cue=first.claim.cue,
                said_at=first.said_at,
                independent_origins=origins.count(article_ids),
                outlets=tuple(dict.fromkeys(s.outlet for s, _ in items if s.outlet)),
            )
        )
    # when each position was first taken, then where it stands in the reading order
    first_order = {(a, st): min((_when(s), s.order) for s, _ in items) for (a, st), items in grouped.items()}
    positions.sort(key=lambda p: first_order[(p.actor, p.stance)])
    all_articles = list(dict.fromkeys(s.claim.article_id for s in cluster))
    return Proposition(
        id=stable_id("p", story.id, anchor.claim.id),
        story_id=story.id,
        text=f"{anchor.claim.actor}: {anchor.claim.text}",
        positions=tuple(positions),
        conflicts=tuple(_conflicts(stances)),
        independent_origins=origins.count(all_articles),
    )


def _sides(cluster: list[Statement]) -> dict[str, str]:
    """Actor -> the party whose earlier statements count as theirs: a spokesperson ("Hollis's
    spokesman, Mats Lindahl") speaks for the actor of the cluster whose name ends with the one they
    speak for (so narrowing what that actor asserted qualifies it); everyone else for themselves."""
    out = {s.claim.actor: s.claim.actor for s in cluster}
    for s in cluster:
        if s.speaks_for is None:
            continue
        last = s.speaks_for.split()[-1].lower()
        principals = {a for a in out if a != s.claim.actor and a.lower().split()[-1:] == [last]}
        if len(principals) == 1:
            out[s.claim.actor] = principals.pop()
    return out


def _whose(actor: str, team: dict[str, str]) -> str:
    return "its" if team.get(actor, actor) == actor else f"{team[actor]}'s"


def _conceded_for_party(
    s: Statement, side: dict[str, str], asserted: set[str], parties: dict[str, str]
) -> tuple[Stance, str] | None:
    """A denial or a narrowing by a member of a party another member of which asserted the
    proposition earlier is that party's concession ("Trade Minister Bram Okafor", Veldoran, on
    what Prime Minister Hollis asserted); only where the proposition divides two or more parties
    (in a dispute inside one country, its politicians are not one side)."""
    party = parties.get(side[s.claim.actor])
    if party is None or len({parties[a] for a in side.values() if a in parties}) < 2:
        return None
    earlier = sorted(a for a in asserted if parties.get(a) == party)
    if not earlier:
        return None
    return Stance.CONCEDES, f"says otherwise than {earlier[0]}, of the same side ({party}), who asserted it"


def _content_stems(s: Statement) -> frozenset[str]:
    return frozenset(x for x in s.facts.stems if x not in STOPWORDS and len(x) > 2)


def _narration_follows_its_source(
    stances: list[tuple[Statement, Stance, str]],
) -> list[tuple[Statement, Stance, str]]:
    """An outlet's own narration that nothing decided takes the side of the attributed statement
    it retells: a paper describing the draft that backs one party's account ("it offers, in return,
    the readmission of customs inspectors") sides with that party, not by default with the claim."""
    decided = [
        (s, stance, _content_stems(s))
        for s, stance, reason in stances
        if reason != DEFAULT_REASON and not _is_narration(s)
    ]
    out = []
    for s, stance, reason in stances:
        if reason == DEFAULT_REASON and _is_narration(s) and decided:
            mine = _content_stems(s)
            overlap, source, source_stance = max(
                ((len(mine & theirs) / (len(mine | theirs) or 1), t, st) for t, st, theirs in decided),
                key=lambda x: (x[0], -x[1].order),
            )
            if overlap >= NARRATION_FOLLOW:
                stance = source_stance
                reason = f"retells what {source.claim.actor} said, which {source_stance.value} it"
        out.append((s, stance, reason))
    return out


def _is_narration(s: Statement) -> bool:
    return s.speaker_type is SpeakerType.OUTLET and not s.claim.cue


def _conflicts(stances: list[tuple[Statement, Stance, str]]) -> list[Conflict]:
    """Typed conflicts between statements of different actors that take different sides (and the
    stance itself as a polarity conflict when the texts show no typed difference)."""
    out: list[Conflict] = []
    seen: set[tuple[str, ...]] = set()
    for i, (a, sa, _) in enumerate(stances):
        for b, sb, reason_b in stances[i + 1 :]:
            if a.claim.actor == b.claim.actor or sa == sb:
                continue
            if Stance.ASSERTS not in (sa, sb):
                continue
            key = tuple(sorted((a.claim.actor + "/" + sa.value, b.claim.actor + "/" + sb.value)))
            if key in seen:
                continue
            seen.add(key)
            ea, eb = _evidence(a), _evidence(b)
            typed = compare(ea, a.facts, eb, b.facts)
            if not typed and Stance.DENIES in (sa, sb):
                typed = [
                    Conflict(
                        kind=ConflictKind.POLARITY,
                        a=ea,
                        b=eb,
                        reason=f"{b.claim.actor} {sb.value}: {reason_b}",
                    )
                ]
            out.extend(typed)
            if len(out) >= MAX_CONFLICTS:
                return out
    return out


# --------------------------------------------------------------------------- the ledger


class LedgerParty(msgspec.Struct, frozen=True, kw_only=True):
    actor: str  # the party: a speaker, or the country or body its speakers speak for
    stances: tuple[Stance, ...]  # in the order the party took them
    first_said_at: datetime | None
    outlets: tuple[str, ...]
    independent_origins: int
    speakers: tuple[str, ...] = ()  # who spoke for the party, when more than the party itself


class LedgerVersion(msgspec.Struct, frozen=True, kw_only=True):
    stance: Stance
    actors: tuple[str, ...]
    outlets: tuple[str, ...]  # the outlets that carried this version
    independent_origins: int


class LedgerEntry(msgspec.Struct, frozen=True, kw_only=True):
    proposition_id: str
    proposition: str
    first_actor: str
    first_stance: Stance
    first_said_at: datetime | None
    first_evidence: Evidence
    parties: tuple[LedgerParty, ...]
    concessions: tuple[Position, ...]  # narrowing or conceding after having asserted
    versions: tuple[LedgerVersion, ...]
    conflicts: tuple[Conflict, ...]
    independent_origins: int


def is_disputed(proposition: Proposition) -> bool:
    stances = {p.stance for p in proposition.positions}
    return Stance.ASSERTS in stances and bool(stances - {Stance.ASSERTS}) or bool(proposition.conflicts)


def dispute_ledger(
    propositions: Sequence[Proposition], edges: Sequence[ProvenanceEdge] = (), actors: Sequence[Actor] = ()
) -> list[LedgerEntry]:
    """One ledger entry per disputed proposition. With ``actors`` (the story's, from attribution),
    speakers are folded into the party they speak for: "North Korean officials" and Ri Yong Ho,
    North Korea's foreign minister, are both North Korea."""
    parties_of = party_folding(actors, {p.actor for prop in propositions for p in prop.positions})
    entries = []
    for prop in propositions:
        if not is_disputed(prop) or not prop.positions:
            continue
        ordered = list(prop.positions)  # build_disputes orders them by when they were said
        # who said it first: the statement the proposition is phrased from (the earliest that
        # states the claim itself), not whatever context was said before it
        first, first_evidence = next(
            ((p, e) for p in ordered for e in p.evidence if f"{p.actor}: {e.text}" == prop.text),
            (ordered[0], ordered[0].evidence[0]),
        )
        parties = []
        for party in dict.fromkeys(parties_of.get(p.actor, p.actor) for p in ordered):
            mine = [p for p in ordered if parties_of.get(p.actor, p.actor) == party]
            articles = list(dict.fromkeys(e.article_id for p in mine for e in p.evidence))
            speakers = tuple(dict.fromkeys(p.actor for p in mine))
            parties.append(
                LedgerParty(
                    actor=party,
                    stances=tuple(dict.fromkeys(p.stance for p in mine)),
                    first_said_at=mine[0].said_at,
                    outlets=tuple(dict.fromkeys(o for p in mine for o in p.outlets)),
                    independent_origins=count_origins(articles, edges)
                    if edges
                    else max(p.independent_origins for p in mine),
                    speakers=tuple(x for x in speakers if x != party),
                )
            )
        asserted = {p.actor for p in prop.positions if p.stance is Stance.ASSERTS}
        concessions = tuple(
            p
            for p in ordered
            if p.stance in (Stance.CONCEDES, Stance.QUALIFIES) and (p.actor in asserted or p.stance is Stance.CONCEDES)
        )
        versions = []
        for stance in Stance:
            held = [p for p in prop.positions if p.stance is stance]
            if not held:
                continue
            articles = list(dict.fromkeys(e.article_id for p in held for e in p.evidence))
            versions.append(
                LedgerVersion(
                    stance=stance,
                    actors=tuple(dict.fromkeys(p.actor for p in held)),
                    outlets=tuple(dict.fromkeys(o for p in held for o in p.outlets)),
                    independent_origins=count_origins(articles, edges)
                    if edges
                    else max(p.independent_origins for p in held),
                )
            )
        entries.append(
            LedgerEntry(
                proposition_id=prop.id,
                proposition=prop.text,
                first_actor=first.actor,
                first_stance=first.stance,
                first_said_at=first.said_at,  # when the party first took this stance
                first_evidence=first_evidence,
                parties=tuple(parties),
                concessions=concessions,
                versions=tuple(versions),
                conflicts=prop.conflicts,
                independent_origins=prop.independent_origins,
            )
        )
    return entries


# --------------------------------------------------------------------------- CLI records


class EvidenceRecord(msgspec.Struct, frozen=True):
    article_id: str
    text: str
    start: int
    end: int
    outlet: str | None = None
    said_at: datetime | None = None


class PositionRecord(msgspec.Struct, frozen=True):
    actor: str
    stance: Stance
    evidence: tuple[EvidenceRecord, ...]
    cue: str | None = None
    said_at: datetime | None = None
    independent_origins: int = 0
    outlets: tuple[str, ...] = ()


class DisputeRecord(msgspec.Struct, frozen=True):
    """One line of ``storyline disputes`` (fields per docs/cli.md, plus conflicts)."""

    id: str
    proposition: str
    positions: tuple[PositionRecord, ...]
    independent_origins: int
    conflicts: tuple[Conflict, ...] = ()


def dispute_records(propositions: Sequence[Proposition]) -> list[DisputeRecord]:
    def ev(e: Evidence) -> EvidenceRecord:
        return EvidenceRecord(
            article_id=e.article_id,
            text=e.text,
            start=e.span.start,
            end=e.span.end,
            outlet=e.outlet,
            said_at=e.said_at,
        )

    return [
        DisputeRecord(
            id=p.id,
            proposition=p.text,
            positions=tuple(
                PositionRecord(
                    actor=pos.actor,
                    stance=pos.stance,
                    evidence=tuple(ev(e) for e in pos.evidence),
                    cue=pos.cue,
                    said_at=pos.said_at,
                    independent_origins=pos.independent_origins,
                    outlets=pos.outlets,
                )
                for pos in p.positions
            ),
            independent_origins=p.independent_origins,
            conflicts=p.conflicts,
        )
        for p in propositions
    ]
