"""Statements of a story grouped into propositions.

Distinct statements (a republished quote counts once, weighing as many copies as the story holds)
are linked through candidate pairs that share a salient term (:mod:`storyline.claims.linking`), so
the work grows about linearly with the story. A link's similarity is the best of the TF-IDF (or
encoder) cosine and the content-word overlap, plus bonuses for shared salient entities and numbers;
halved when each statement names an entity the other does not (the same words about another place
or party are another claim); capped below any link when the two share a single content word. Two
contexts add a bonus and join propositions: a speaker's concession right after their assertion
("X said A ... but acknowledged B"), and a statement that cites another's speaker ("it wasn't, as
Trump claimed, ..."), two more join them too: a statement that contradicts another about the same
thing (the maximal claim, "every levy", against "only the surcharges" or "we never asked for the
levy"), and a statement that continues the one before it ("X was also ready to ..."). Propositions
are the average-linkage clusters of the links; the outlets' narration then joins the proposition
it resembles most.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

import msgspec
import numpy as np
from scipy.cluster.hierarchy import DisjointSet

from storyline.attribution.speaker_words import TITLE_WORDS
from storyline.claims.conflicts import (
    NARROWED,
    Scope,
    focus,
    negated_near,
    same_measure,
    scope_near,
)
from storyline.claims.lexicons import NEGATIONS, REPORTING, SCOPE_ALL, SCOPE_ONLY, SCOPE_PARTIAL
from storyline.claims.linking import (
    PairScores,
    TextFeatures,
    candidate_pairs,
    pair_scores,
    sparse_average_linkage,
    text_features,
)
from storyline.claims.propositions import (
    SentenceEncoder,
    Statement,
    TfidfSentenceEncoder,
    concept_tokens,
    time_key,
)
from storyline.claims.stance_features import tokenize
from storyline.model import CueClass

LINK_THRESHOLD = 0.22  # similarity at which two statements can state the same proposition
ENTITY_BONUS = 0.08
NUMBER_BONUS = 0.05
OVERLAP_WEIGHT = 0.8
CONTEXT_BONUS = 0.35
ATTACH_MARGIN = 0.13
OWN_VOICE_LINK = 0.4
CLASH_FACTOR = 0.5
CONSECUTIVE_GAP = 300  # characters between an assertion and the concession that qualifies it
ONE_WORD_MAX = 0.15  # the most a pair sharing one content word scores without context
CONTINUATION_HEAD = 6  # "also" among a statement's first words continues the statement before it
_REPORTING_VERBS = REPORTING | {
    "say",
    "claim",
    "insisted",
    "insists",
    "argued",
    "argues",
    "asserted",
    "suggested",
    "wrote",
    "writes",
    "alleged",
    "alleges",
}


def _mention_word(actor: str) -> str:
    words = [w for w in tokenize(actor) if len(w) > 2]
    return words[-1] if words else ""


def _reported_words(tokens: Sequence[str]) -> frozenset[str]:
    """Words next to a reporting verb ("as Trump claimed", "the president said", "Trump's claim"):
    a speaker's name among them means the statement refers to what that speaker said."""
    near: set[str] = set()
    for k, tok in enumerate(tokens):
        if tok in _REPORTING_VERBS:
            near.update(tokens[max(0, k - 2) : k + 3])
    return frozenset(near)


def cites(statement: Statement, actor: str) -> bool:
    """Whether ``statement`` refers to what ``actor`` said ("it wasn't, as Trump claimed, ...")."""
    word = _mention_word(actor)
    return bool(word) and word in _reported_words(statement.facts.tokens)


def answers_another(statement: Statement) -> bool:
    """Whether ``statement`` sets itself against what someone else said: "as <someone> claimed"
    ("it wasn't, as the mayor claimed, every toll"), not "as I said"."""
    tokens = statement.facts.tokens
    for k, tok in enumerate(tokens):
        if tok != "as":
            continue
        for j in range(k + 2, min(len(tokens), k + 5)):
            if tokens[j] in _REPORTING_VERBS:
                between = tokens[k + 1 : j]
                if between and not {"i", "we"} & set(between):
                    return True
                break
    return False


def _narrows(statement: Statement) -> bool:
    """A statement that takes back, narrows or denies ("but acknowledged ... only ...")."""
    if statement.claim.cue_class in (CueClass.CONCEDING, CueClass.DENYING):
        return True
    tokens = statement.facts.tokens
    return bool(tokens and tokens[0] == "but") or any(
        t in SCOPE_ONLY or t in SCOPE_PARTIAL or t in NEGATIONS for t in tokens
    )


# "that was never what his country put on the table", "that's not on my agenda": a demonstrative
# subject that points back; not "this", mostly pointing at what follows or at the moment ("This is a
# fight that will not end", "This is not what a real recovery looks like")
_ANSWER_OPENING = re.compile(
    r"^\W*that(?:['’]s\b|\s+(?:is|was|were|has|had|would|will|could|never|not)\b|\s+(?:isn|wasn)['’]t\b)",
    re.IGNORECASE,
)


def _answer_pairs(statements: Sequence[Statement], nodes: _Nodes) -> set[tuple[int, int]]:
    """Node pairs where a statement whose subject is "that" follows, close by in one article,
    another actor's statement: it answers that one, whatever words they share ("Hollis says ... its
    delegation demanded that Veldora scrap every transit levy ... Vask was quick to say that was
    never what his country put on the table")."""
    return {
        _node_pair(nodes, x, y)
        for x, y in _said_next(statements, same_actor=False)
        if statements[x].claim.actor != statements[y].claim.actor
        and _ANSWER_OPENING.match(statements[y].claim.text)
        and nodes.of[x] != nodes.of[y]
    }


def _said_next(statements: Sequence[Statement], same_actor: bool) -> Iterator[tuple[int, int]]:
    """Index pairs of statements said one after the other in one article (by one actor, with
    ``same_actor``), the second within ``CONSECUTIVE_GAP`` characters of the first."""
    by_article: dict[tuple[str, str], list[int]] = {}
    for k, s in enumerate(statements):
        by_article.setdefault((s.claim.article_id, s.claim.actor if same_actor else ""), []).append(k)
    for idx in by_article.values():
        ordered = sorted(idx, key=lambda k: statements[k].order)
        for x, y in zip(ordered, ordered[1:], strict=False):
            if statements[y].claim.span.start - statements[x].claim.span.end <= CONSECUTIVE_GAP:
                yield x, y


def _node_pair(nodes: _Nodes, x: int, y: int) -> tuple[int, int]:
    a, b = nodes.of[x], nodes.of[y]
    return min(a, b), max(a, b)


def _node_key(statement: Statement, with_actor: bool) -> tuple[str, str]:
    text = " ".join(tokenize(statement.claim.text))
    return (statement.claim.actor if with_actor else "", text)


class _Nodes:
    """Distinct statements (by actor and normalised wording for quotes, by wording for the
    narration): a republished quote is scored once, however many copies the story holds."""

    def __init__(self, statements: Sequence[Statement], with_actor: bool) -> None:
        index: dict[tuple[str, str], int] = {}
        self.of: list[int] = []
        self.first: list[Statement] = []
        for s in statements:
            key = _node_key(s, with_actor)
            if key not in index:
                index[key] = len(self.first)
                self.first.append(s)
            self.of.append(index[key])

    def __len__(self) -> int:
        return len(self.first)


def _base_similarity(scores: PairScores) -> np.ndarray:
    """The best of the encoder's cosine and the content-word overlap, plus bonuses for shared
    entities and numbers; scaled down when each names an entity of its own and they share none
    (the same words about another place or party are another claim)."""
    value = np.maximum(scores.cosine, OVERLAP_WEIGHT * scores.overlap)
    value = value + ENTITY_BONUS * (scores.shared_entities > 0) + NUMBER_BONUS * (scores.shared_numbers > 0)
    return np.where(scores.entity_clash, CLASH_FACTOR * value, value)


def _consecutive_pairs(statements: Sequence[Statement], nodes: _Nodes) -> set[tuple[int, int]]:
    """Node pairs said one after the other by one actor in one article, close together, where the
    second narrows, concedes or denies ("X said A ... but X acknowledged B")."""
    return {
        _node_pair(nodes, x, y)
        for x, y in _said_next(statements, same_actor=True)
        if nodes.of[x] != nodes.of[y] and _narrows(statements[y])
    }


_NARROWING = SCOPE_ONLY | SCOPE_PARTIAL | NEGATIONS


def _may_claim_all(statement: Statement) -> bool:
    tokens = statement.facts.tokens
    return any(t in SCOPE_ALL for t in tokens) or "entirety" in tokens


def _may_narrow(statement: Statement) -> bool:
    return any(t in _NARROWING for t in statement.facts.tokens)


def contradicts(a: Statement, b: Statement) -> str:
    """Why ``b`` contradicts ``a`` about the same thing, or "" when it does not: they share at least
    two content stems, and one states the maximal claim ("all", "every", "in their entirety") that
    the other narrows ("only", "partial", "not all") or negates ("we never asked for the levy")."""
    if not ((_may_claim_all(a) and _may_narrow(b)) or (_may_claim_all(b) and _may_narrow(a))):
        return ""  # the words it takes are not there: no need to read the scope
    shared = focus(a.facts, b.facts)
    if len(shared) < 2:
        return ""
    for x, y in ((a, b), (b, a)):
        scope_x, words_x = scope_near(x.facts, shared)
        if scope_x is not Scope.ALL:
            continue
        scope_y, words_y = scope_near(y.facts, shared)
        if scope_y in NARROWED and scope_y is not Scope.MAGNITUDE:
            return f"'{words_y}' ({scope_y.value}) against '{words_x}' (all)"
        negation = negated_near(y.facts, shared)
        if negation:
            return f"'{negation}' denies '{words_x}' (all)"
    return ""


def _weighs_all(a: Statement, b: Statement) -> bool:
    """Whether one says "all" of what the other weighs as a large part of it ("the entire schedule"
    / "the part of the schedule Veldora could least afford to give up"): one thing, restated."""
    shared = focus(a.facts, b.facts)
    scopes = {scope_near(a.facts, shared)[0], scope_near(b.facts, shared)[0]}
    return len(shared) >= 2 and scopes == {Scope.ALL, Scope.MAGNITUDE}


def continuations(statements: Sequence[Statement]) -> dict[str, Statement]:
    """Statements that continue the one said just before them in the same article ("Ri said the
    North was *also* ready to ..."): claim id -> the statement continued."""
    by_article: dict[str, list[Statement]] = {}
    for s in statements:
        by_article.setdefault(s.claim.article_id, []).append(s)
    out: dict[str, Statement] = {}
    for items in by_article.values():
        ordered = sorted(items, key=lambda s: (s.order, s.claim.id))
        for prev, cur in zip(ordered, ordered[1:], strict=False):
            near = 0 <= cur.claim.span.start - prev.claim.span.end <= CONSECUTIVE_GAP
            if near and "also" in cur.facts.tokens[:CONTINUATION_HEAD] and prev.claim.text != cur.claim.text:
                out[cur.claim.id] = prev
    return out


def _continuation_pairs(statements: Sequence[Statement], nodes: _Nodes) -> set[tuple[int, int]]:
    index = {s.claim.id: k for k, s in enumerate(statements)}
    out: set[tuple[int, int]] = set()
    for claim_id, prev in continuations(statements).items():
        a, b = nodes.of[index[prev.claim.id]], nodes.of[index[claim_id]]
        if a != b:
            out.add((min(a, b), max(a, b)))
    return out


class StatementGraph(msgspec.Struct):
    """Scored candidate links between the distinct quoted statements of a story."""

    i: np.ndarray
    j: np.ndarray
    similarity: np.ndarray
    candidates: int  # pairs proposed by shared salient terms (before scoring)
    context: np.ndarray  # the pair is a concession after an assertion, or cites the other's speaker


def statement_graph(
    quoted: Sequence[Statement],
    nodes: _Nodes,
    features: TextFeatures,
    vectors: np.ndarray | None = None,
) -> StatementGraph:
    """Candidate pairs of quoted nodes and their similarity: the base similarity plus a bonus for
    one actor's consecutive statements in one article when the second narrows the first, and for a
    statement that refers to what another's speaker said ("..., as the president said"), when the
    two share a content word. A pair that shares fewer than two content words besides names and
    titles and has neither context is capped below any link (a short fragment resembles everything
    it shares a word with; two statements naming one person say different things of him)."""
    i, j = candidate_pairs(features.salient, features.salient, same=True)
    n_candidates = int(i.size)
    consecutive = _consecutive_pairs(quoted, nodes)
    continued = _continuation_pairs(quoted, nodes) | _answer_pairs(quoted, nodes)
    if consecutive | continued:
        extra = np.array(sorted(consecutive | continued), dtype=np.int64)
        m = max(len(nodes), 1)
        keys = np.unique(np.concatenate([i * m + j, extra[:, 0] * m + extra[:, 1]]))
        i, j = keys // m, keys % m
    scores = pair_scores(features, features, i, j, None if vectors is None else (vectors, vectors))
    value = _base_similarity(scores)
    reported = [_reported_words(s.facts.tokens) for s in nodes.first]
    mention = [_mention_word(s.claim.actor) for s in nodes.first]
    may_all = [_may_claim_all(s) for s in nodes.first]  # read once per statement, not per pair
    may_narrow = [_may_narrow(s) for s in nodes.first]
    said = [_predicate_words(s) for s in nodes.first]
    context = np.zeros(i.size, dtype=bool)
    carried_on = np.zeros(i.size, dtype=bool)  # "also": the same account, whatever names it adds
    shared_said = np.zeros(i.size, dtype=np.int64)
    cites_best: dict[tuple[int, str], int] = {}  # (citing node, actor cited) -> its best pair
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        shared_said[k] = len(said[a] & said[b])
        if (a, b) in continued:
            carried_on[k] = True
            continue
        if scores.shared_words[k] <= 0:
            continue
        if (a, b) in consecutive:
            context[k] = True
            continue
        sa, sb = nodes.first[a], nodes.first[b]
        if sa.claim.actor != sb.claim.actor:
            for citing, cited in ((a, b), (b, a)):
                if mention[cited] and mention[cited] in reported[citing]:
                    key = (citing, nodes.first[cited].claim.actor)
                    if key not in cites_best or value[k] > value[cites_best[key]]:
                        cites_best[key] = k
            context[k] = (
                scores.shared_words[k] >= 2
                and value[k] >= ONE_WORD_MAX
                and ((may_all[a] and may_narrow[b]) or (may_all[b] and may_narrow[a]))
                and (bool(contradicts(sa, sb)) or _weighs_all(sa, sb))
            ) or _other_figure_for(sa, sb, said[a] & said[b])
    # "..., as the president said" refers to one thing the president said: the statement of his
    # it resembles most (linking all of them makes the citing statement a hub that chains a
    # story's separate quarrels into one proposition)
    context[list(cites_best.values())] = True
    context &= ~scores.entity_clash  # a concession about another place or party is another claim
    context |= carried_on
    value = np.where((shared_said < 2) & ~context, np.minimum(value, ONE_WORD_MAX), value)
    value = np.minimum(1.0, value + CONTEXT_BONUS * context)
    return StatementGraph(i=i, j=j, similarity=value, candidates=n_candidates, context=context)


def _other_figure_for(a: Statement, b: Statement, shared: frozenset[str]) -> bool:
    """Two figures of one measure for the same thing (:func:`~storyline.claims.conflicts.same_measure`)
    in statements that share a content word besides that noun and the numbers ("the surcharges")."""
    return any(
        value != nearest and any(not w[:1].isdigit() and not noun.startswith(w) for w in shared)
        for x, y in ((a, b), (b, a))
        for value, nearest, noun in same_measure(x.facts, y.facts)
    )


@functools.cache
def _title_tokens() -> frozenset[str]:
    return frozenset(t for word in TITLE_WORDS for t in concept_tokens(word))


def _predicate_words(statement: Statement) -> frozenset[str]:
    """The content words of a statement that say something about whom it names: its concept tokens
    less the words of the names and titles in it. Two statements that share only "President Ilario
    Fane" or "the prime minister" are about one person, not one claim."""
    names = {t for name in statement.facts.entities for t in concept_tokens(name)}
    return frozenset(concept_tokens(statement.claim.text)) - names - _title_tokens()


def _text_rows(
    nodes: Sequence[Statement], extra: Sequence[Statement]
) -> tuple[list[list[str]], list[frozenset[str]], list[frozenset[float]]]:
    rows = list(nodes) + list(extra)
    tokens = [concept_tokens(s.claim.text) for s in rows]
    entities = [s.facts.entities for s in rows]
    numbers = [frozenset(n for n, _ in s.facts.numbers) for s in rows]
    return tokens, entities, numbers


class GroupingWork(msgspec.Struct, frozen=True):
    """How much work grouping a story took: it should grow about linearly with the statements."""

    statements: int  # quoted statements
    distinct: int  # distinct quoted statements (actor and wording)
    candidate_pairs: int  # quoted pairs proposed by shared salient terms
    scored_pairs: int  # quoted pairs scored (candidates plus one actor's consecutive statements)
    own_voice: int  # narration sentences
    own_voice_pairs: int  # (narration, quoted) pairs scored


class _Linked(msgspec.Struct):
    q_nodes: _Nodes
    o_nodes: _Nodes
    quoted_f: TextFeatures
    own_f: TextFeatures
    graph: StatementGraph
    vectors: np.ndarray | None


def _link(quoted: Sequence[Statement], own_voice: Sequence[Statement], encoder: SentenceEncoder | None) -> _Linked:
    q_nodes = _Nodes(quoted, with_actor=True)
    o_nodes = _Nodes(own_voice, with_actor=False)
    tokens, entities, numbers = _text_rows(q_nodes.first, o_nodes.first)
    features = text_features(tokens, entities, numbers)
    m = len(q_nodes)
    quoted_f = _rows(features, 0, m)
    own_f = _rows(features, m, features.tfidf.shape[0])
    vectors = None
    if encoder is not None and not isinstance(encoder, TfidfSentenceEncoder):
        vectors = np.asarray(encoder.encode([s.claim.text for s in q_nodes.first + o_nodes.first]))
    graph = statement_graph(quoted, q_nodes, quoted_f, None if vectors is None else vectors[:m])
    return _Linked(q_nodes=q_nodes, o_nodes=o_nodes, quoted_f=quoted_f, own_f=own_f, graph=graph, vectors=vectors)


def _own_voice_pairs(linked: _Linked) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(narration row, quoted row, similarity) of the candidate pairs between the two."""
    m = len(linked.q_nodes)
    oi, qj = candidate_pairs(linked.own_f.salient, linked.quoted_f.salient, same=False)
    vectors = linked.vectors
    own_vectors = None if vectors is None else (vectors[m:], vectors[:m])
    scores = pair_scores(linked.own_f, linked.quoted_f, oi, qj, own_vectors)
    value = _base_similarity(scores)
    return oi, qj, np.where(scores.shared_words < 2, np.minimum(value, ONE_WORD_MAX), value)


def grouping_work(
    quoted: Sequence[Statement], own_voice: Sequence[Statement], encoder: SentenceEncoder | None = None
) -> GroupingWork:
    """The counts of :func:`group_statements`'s work on these statements (for scale tests)."""
    linked = _link(quoted, own_voice, encoder)
    own_pairs = _own_voice_pairs(linked)[0].size if len(linked.o_nodes) and quoted else 0
    return GroupingWork(
        statements=len(quoted),
        distinct=len(linked.q_nodes),
        candidate_pairs=linked.graph.candidates,
        scored_pairs=int(linked.graph.i.size),
        own_voice=len(own_voice),
        own_voice_pairs=int(own_pairs),
    )


def group_statements(
    quoted: Sequence[Statement],
    own_voice: Sequence[Statement],
    encoder: SentenceEncoder | None = None,
    threshold: float = LINK_THRESHOLD,
) -> list[list[Statement]]:
    """Clusters of statements, each one proposition.

    Distinct attributed statements are linked through candidate pairs (see
    :mod:`storyline.claims.linking`) and clustered by average linkage (each distinct statement
    weighs as many copies as the story carries); an outlet's own-voice sentence then joins the
    cluster of the attributed statement it resembles most, when that resemblance reaches
    ``OWN_VOICE_LINK`` (so the narration does not make propositions of its own; the outlets'
    explicit assessments come from attribution as quotes with speaker type outlet).
    ``encoder`` (dense sentence vectors) replaces the TF-IDF cosine when given; the default
    :class:`TfidfSentenceEncoder` is the built-in sparse TF-IDF."""
    if not quoted:
        return []
    linked = _link(quoted, own_voice, encoder)
    q_nodes, graph, m = linked.q_nodes, linked.graph, len(linked.q_nodes)
    copies = np.bincount(np.array(q_nodes.of, dtype=np.int64), minlength=m)
    labels = sparse_average_linkage(m, graph.i, graph.j, graph.similarity, threshold, copies.tolist())
    labels = _attach_single_voice(graph, labels, [s.claim.actor for s in q_nodes.first], threshold + ATTACH_MARGIN)
    labels = _attach_pairs(graph, labels, threshold)
    labels = _join_by_context(graph, labels, threshold + ATTACH_MARGIN)
    clusters: dict[int, list[Statement]] = {}
    for k, s in enumerate(quoted):
        clusters.setdefault(labels[q_nodes.of[k]], []).append(s)
    if len(linked.o_nodes):
        oi, qj, value = _own_voice_pairs(linked)
        best: dict[int, tuple[float, int]] = {}
        for o, q, v in zip(oi.tolist(), qj.tolist(), value.tolist(), strict=True):
            if v >= OWN_VOICE_LINK and (o not in best or v > best[o][0]):
                best[o] = (v, q)
        for k, s in enumerate(own_voice):
            hit = best.get(linked.o_nodes.of[k])
            if hit is not None:
                clusters[labels[hit[1]]].append(s)
    return [sorted(c, key=lambda s: (time_key(s.said_at), s.order)) for c in clusters.values()]


def _rows(features: TextFeatures, start: int, end: int) -> TextFeatures:
    return TextFeatures(
        tfidf=features.tfidf[start:end],
        words=features.words[start:end],
        sizes=features.sizes[start:end],
        entities=features.entities[start:end],
        named=features.named[start:end],
        numbers=features.numbers[start:end],
        salient=features.salient[start:end],
    )


def _join_by_context(graph: StatementGraph, labels: list[int], threshold: float) -> list[int]:
    """Clusters joined by a strong context link are one proposition: a speaker's concession belongs
    with what that speaker asserted, and "it wasn't, as Trump claimed, ..." with Trump's claim."""
    joined = DisjointSet(labels)
    for k in np.flatnonzero(graph.context & (graph.similarity >= threshold)).tolist():
        joined.merge(labels[int(graph.i[k])], labels[int(graph.j[k])])
    smallest = {label: min(subset) for subset in joined.subsets() for label in subset}
    return [smallest[label] for label in labels]


def _members(labels: list[int]) -> dict[int, list[int]]:
    """Each cluster label's statements (indices), in order."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    return members


def _attach_pairs(graph: StatementGraph, labels: list[int], threshold: float) -> list[int]:
    """A cluster of two statements joins another cluster that both are linked to, when their
    strongest links into it average ``threshold`` or more: average linkage keeps such a pair out of
    a large cluster however well each of its members fits there (a minister's late concession and
    a diplomat's account that only found each other, both answering the main claim)."""
    members = _members(labels)
    pairs = {i for idx in members.values() if len(idx) == 2 for i in idx}
    best: dict[int, dict[int, float]] = {i: {} for i in pairs}  # statement -> other cluster -> strongest link
    for a, b, s in zip(graph.i.tolist(), graph.j.tolist(), graph.similarity.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            if x in pairs and labels[x] != labels[y] and len(members[labels[y]]) > 2:
                row = best[x]
                row[labels[y]] = max(row.get(labels[y], 0.0), s)
    out = list(labels)
    for idx in members.values():
        if len(idx) != 2:
            continue
        first, second = best[idx[0]], best[idx[1]]
        scored = [((first[t] + second[t]) / 2, -t) for t in first.keys() & second.keys()]
        if scored and max(scored)[0] >= threshold:
            target = -max(scored)[1]
            for i in idx:
                out[i] = target
    return out


def _attach_single_voice(graph: StatementGraph, labels: list[int], actors: list[str], threshold: float) -> list[int]:
    """A cluster of one actor's statements joins the cluster of its strongest link when that link
    is strong (a concession that follows its speaker's assertion resembles only that one)."""
    members = _members(labels)
    edges: dict[int, list[tuple[int, float]]] = {}
    for a, b, s in zip(graph.i.tolist(), graph.j.tolist(), graph.similarity.tolist(), strict=True):
        edges.setdefault(a, []).append((b, s))
        edges.setdefault(b, []).append((a, s))
    out = list(labels)
    for label, idx in members.items():
        if len({actors[i] for i in idx}) != 1 or len(idx) == len(labels):
            continue
        best: tuple[float, int] | None = None
        for i in idx:
            for other, s in edges.get(i, ()):
                if labels[other] != label and (best is None or (s, -other) > (best[0], -best[1])):
                    best = (s, other)
        if best is not None and best[0] >= threshold:
            target = out[best[1]]
            for i in idx:
                out[i] = target
    return out
