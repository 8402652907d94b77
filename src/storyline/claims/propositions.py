"""Statements of a story (attributed quotes and the outlets' own key assertions) grouped into
propositions.

A :class:`SentenceEncoder` turns statements into unit vectors; the default,
:class:`TfidfSentenceEncoder`, needs no model: TF-IDF over stemmed words with a few news-verb
concepts merged ("asked for the lifting" ~ "wanted relief"). A model2vec or MiniLM encoder can be
plugged in through the same protocol. Two statements are linked when their similarity, plus a bonus
for shared named entities and numbers, reaches a threshold; propositions are the average-linkage
clusters of the links.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

import msgspec
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.claims.conflicts import StatementFacts, read_facts
from storyline.claims.dates import Granularity, find_dates
from storyline.claims.sentences import sentence_spans
from storyline.claims.stance_features import content_stems, fold, tokenize
from storyline.model import Article, Claim, CueClass, Quote, Span, SpeakerType, stable_id

LINK_THRESHOLD = 0.22  # similarity at which two statements can state the same proposition
ENTITY_BONUS = 0.08
NUMBER_BONUS = 0.05
OVERLAP_WEIGHT = 0.8
CONTEXT_BONUS = 0.35
ATTACH_MARGIN = 0.13
OWN_VOICE_LINK = 0.4


@runtime_checkable
class SentenceEncoder(Protocol):
    """Anything that maps sentences to L2-normalised vectors (rows)."""

    def encode(self, sentences: Sequence[str]) -> np.ndarray: ...


def concept_tokens(text: str) -> list[str]:
    """Content stems with news-verb concepts folded ("demanded" and "asked" -> ``_demand``)."""
    return [fold(s) for s in content_stems(tokenize(text))]


class TfidfSentenceEncoder:
    """TF-IDF (unigrams and bigrams of concept-folded stems) fitted on the sentences it encodes."""

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 1))
        vec = TfidfVectorizer(
            tokenizer=concept_tokens,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            sublinear_tf=True,
        )
        try:
            matrix = vec.fit_transform(sentences)
        except ValueError:  # nothing but stop words
            return np.zeros((len(sentences), 1))
        return matrix.toarray()


class Statement(msgspec.Struct, frozen=True):
    """A claim with what the later stages need to read about it."""

    claim: Claim
    speaker_type: SpeakerType
    outlet: str | None
    said_at: datetime | None
    published: datetime | None
    order: int  # article rank (by publication) * 1e6 + offset: a stable reading order
    facts: StatementFacts


def said_at(article: Article, text: str, span: Span) -> datetime | None:
    """When a statement was made: a date in its sentence ("on Thursday night, ... said"), resolved
    against publication, else the article's publication time."""
    if article.published is None:
        return None
    sentence = next((s for s in sentence_spans(text) if s.start <= span.start < s.end), span)
    for mention in find_dates(sentence.slice(text), article.published.date()):
        if mention.granularity is Granularity.DAY and mention.end_date is None:
            if mention.date >= article.published.date():
                return article.published
            # said that day: count it at the day's end so it never jumps ahead of a timed report
            return datetime.combine(mention.date, datetime.max.time(), tzinfo=article.published.tzinfo)
    return article.published


def statements_from_quotes(articles: Sequence[Article], quotes: Sequence[Quote]) -> list[Statement]:
    by_id = {a.id: a for a in articles}
    rank = {a.id: i for i, a in enumerate(articles)}
    out = []
    for q in quotes:
        article = by_id.get(q.article_id)
        if article is None or not q.content_text.strip():
            continue
        actor = q.actor or (article.outlet if q.speaker_type is SpeakerType.OUTLET else None) or q.speaker
        claim = Claim(
            id=stable_id("c", q.id),
            article_id=q.article_id,
            actor=actor,
            text=q.content_text,
            span=q.content,
            quote_id=q.id,
            cue=q.cue,
            cue_class=q.cue_class,
        )
        when = said_at(article, article.text, q.content) if article.text else article.published
        out.append(
            Statement(
                claim=claim,
                speaker_type=q.speaker_type,
                outlet=article.outlet,
                said_at=when,
                published=article.published,
                order=rank[article.id] * 1_000_000 + q.content.start,
                facts=read_facts(q.content_text, article.published.date() if article.published else None),
            )
        )
    return out


def outlet_sentences(articles: Sequence[Article], quotes: Sequence[Quote]) -> list[Statement]:
    """Sentences in each outlet's own voice (no quote overlaps them): candidate key assertions."""
    rank = {a.id: i for i, a in enumerate(articles)}
    quoted: dict[str, list[Span]] = {}
    for q in quotes:
        quoted.setdefault(q.article_id, []).append(q.content)
        if q.cue_span is not None:
            quoted[q.article_id].append(q.cue_span)
    out = []
    for article in articles:
        if not article.text:
            continue
        actor = article.outlet or article.id
        for span in sentence_spans(article.text):
            if any(span.overlaps(s) for s in quoted.get(article.id, ())):
                continue
            text = span.slice(article.text)
            if len(text.split()) < 6 or text.rstrip().endswith("?"):
                continue
            claim = Claim(
                id=stable_id("c", article.id, str(span.start)),
                article_id=article.id,
                actor=actor,
                text=text,
                span=span,
            )
            out.append(
                Statement(
                    claim=claim,
                    speaker_type=SpeakerType.OUTLET,
                    outlet=article.outlet,
                    said_at=article.published,
                    published=article.published,
                    order=rank[article.id] * 1_000_000 + span.start,
                    facts=read_facts(text, article.published.date() if article.published else None),
                )
            )
    return out


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    if not a or not b:
        return 0.0
    if shared >= 2:  # set cosine: a long sentence does not match every short fragment it contains
        return shared / float(np.sqrt(len(a) * len(b)))
    return 0.5 * shared / max(len(a), len(b))


def _mentions(text: str, actor: str) -> bool:
    words = [w for w in actor.lower().split() if len(w) > 2]
    low = text.lower()
    return bool(words) and words[-1] in low


def similarity_matrix(statements: Sequence[Statement], encoder: SentenceEncoder) -> np.ndarray:
    """Pairwise similarity: the best of the encoder's cosine and the content-word overlap, plus
    bonuses for shared entities and numbers, for one actor's consecutive statements in one article
    ("X said A ... but X acknowledged B") and for a statement that names another's speaker
    ("..., as the president said")."""
    vectors = encoder.encode([s.claim.text for s in statements])
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0)
    words = [frozenset(concept_tokens(s.claim.text)) for s in statements]
    by_article: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(statements):
        if s.claim.quote_id is not None:
            by_article.setdefault((s.claim.article_id, s.claim.actor), []).append(i)
    consecutive: set[tuple[int, int]] = set()
    for idx in by_article.values():
        ordered = sorted(idx, key=lambda k: statements[k].order)
        consecutive.update((min(x, y), max(x, y)) for x, y in zip(ordered, ordered[1:], strict=False))
    for i, a in enumerate(statements):
        for j in range(i + 1, len(statements)):
            b = statements[j]
            value = max(float(sim[i, j]), OVERLAP_WEIGHT * _overlap(words[i], words[j]))
            if a.facts.entities & b.facts.entities:
                value += ENTITY_BONUS
            if {n for n, _ in a.facts.numbers} & {n for n, _ in b.facts.numbers}:
                value += NUMBER_BONUS
            both_quoted = a.claim.quote_id is not None and b.claim.quote_id is not None
            if (
                both_quoted
                and words[i] & words[j]
                and (
                    (i, j) in consecutive
                    or (
                        a.claim.actor != b.claim.actor
                        and (_mentions(a.claim.text, b.claim.actor) or _mentions(b.claim.text, a.claim.actor))
                    )
                )
            ):
                value += CONTEXT_BONUS
            sim[i, j] = sim[j, i] = min(1.0, value)
    return sim


def group_statements(
    quoted: Sequence[Statement],
    own_voice: Sequence[Statement],
    encoder: SentenceEncoder,
    threshold: float = LINK_THRESHOLD,
) -> list[list[Statement]]:
    """Clusters of statements, each one proposition.

    Attributed statements are clustered; an outlet's own-voice sentence then joins the cluster of
    the attributed statement it resembles most, when that resemblance reaches
    ``OWN_VOICE_LINK`` (so the narration does not make propositions of its own; the outlets'
    explicit assessments come from attribution as quotes with speaker type outlet)."""
    statements = list(quoted) + list(own_voice)
    if not quoted:
        return []
    sim = similarity_matrix(statements, encoder)
    n_q = len(quoted)
    sub = sim[:n_q, :n_q]
    labels = _average_linkage(sub, threshold)
    labels = _attach_single_voice(sub, labels, [s.claim.actor for s in quoted], threshold + ATTACH_MARGIN)
    clusters: dict[int, list[Statement]] = {}
    for idx, label in enumerate(labels):
        clusters.setdefault(label, []).append(quoted[idx])
    for i in range(n_q, len(statements)):
        best = int(sim[i, :n_q].argmax())
        if sim[i, best] >= OWN_VOICE_LINK:
            clusters[labels[best]].append(statements[i])
    return [
        sorted(c, key=lambda s: (s.said_at.isoformat() if s.said_at else "", s.order))
        for c in clusters.values()
    ]


def _attach_single_voice(
    sim: np.ndarray, labels: list[int], actors: list[str], threshold: float
) -> list[int]:
    """A cluster of one actor's statements joins the cluster of its strongest link when that link
    is strong (a concession that follows its speaker's assertion resembles only that one)."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    out = list(labels)
    for label, idx in members.items():
        if len({actors[i] for i in idx}) != 1:
            continue
        outside = [j for j in range(len(labels)) if labels[j] != label]
        if not outside:
            continue
        block = sim[np.ix_(idx, outside)]
        best = np.unravel_index(int(block.argmax()), block.shape)
        if block[best] >= threshold:
            target = out[outside[best[1]]]
            for i in idx:
                out[i] = target
    return out


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    n = sim.shape[0]
    if n == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return [int(x) for x in model.fit_predict(1.0 - sim)]


def is_reporting_only(statement: Statement) -> bool:
    """A question put to someone is not a position."""
    return statement.claim.cue_class is CueClass.ASKING
