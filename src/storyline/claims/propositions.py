"""Statements of a story: attributed quotes and the outlets' own key assertions, with what the
later stages read about them (when said, facts for comparison).

A :class:`SentenceEncoder` turns statements into unit vectors; the default,
:class:`TfidfSentenceEncoder`, needs no model: TF-IDF over stemmed words with a few news-verb
concepts merged ("asked for the lifting" ~ "wanted relief"). A model2vec or MiniLM encoder can be
plugged in through the same protocol. Grouping statements into propositions lives in
:mod:`storyline.claims.grouping`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Protocol, runtime_checkable

import msgspec
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.attribution.cues import surface_forms
from storyline.attribution.speaker_words import speaks_for
from storyline.claims.conflicts import StatementFacts, read_facts
from storyline.claims.dates import Granularity, find_dates
from storyline.claims.lexicons import STOPWORDS
from storyline.claims.parties import copy_actors, outlet_label, party_name
from storyline.claims.sentences import sentence_spans
from storyline.claims.stance_features import content_stems, fold, tokenize
from storyline.model import (
    Article,
    Claim,
    CueClass,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Span,
    SpeakerType,
    reports_words,
    stable_id,
)


@runtime_checkable
class SentenceEncoder(Protocol):
    """Anything that maps sentences to L2-normalised vectors (rows)."""

    def encode(self, sentences: Sequence[str]) -> np.ndarray: ...


# words that scale a number ("412 million", "31 percent") join it: "3 million" and "412 million"
# share no term, two copies of "412 million veldor" share a rare one
_MAGNITUDES = frozenset(
    {"hundr", "hundred", "thousand", "million", "billion", "trillion", "percent", "per", "cent", "pct"}
)


def concept_tokens(text: str) -> list[str]:
    """Content stems with news-verb concepts folded ("demanded" and "asked" -> ``_demand``); a
    magnitude word is a token only with the number before it ("412 million": "412", "412million")."""
    out: list[str] = []
    for s in content_stems(tokenize(text)):
        if s in _MAGNITUDES and out and out[-1].isdigit():
            out.append(out[-1] + s)  # "412", "412million"
        elif s == "cent" and out and out[-1].endswith("per") and out[-1][:1].isdigit():
            out[-1] += s  # "20per" -> "20percent"
        else:
            out.append(fold(s))
    return out


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
    speaks_for: str | None = None  # whom a spokesperson speaks for, as written ("Hollis's spokesman": Hollis)


@functools.lru_cache(maxsize=512)
def _sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of an article text, split once for quotes and narration alike."""
    return tuple(sentence_spans(text))


def time_key(when: datetime | None) -> str:
    """A sort key for when something was said: UTC ISO text (offsets compared correctly), undated
    last."""
    if when is None:
        return "~"
    return (when.astimezone(UTC) if when.tzinfo else when).isoformat()


def _timed(published: datetime) -> datetime:
    """A publication date without a time counts at the day's end: it never jumps ahead of a timed
    report of the same day."""
    if published.time() == datetime.min.time():
        return datetime.combine(published.date(), datetime.max.time(), tzinfo=published.tzinfo)
    return published


def said_at(
    article: Article,
    text: str,
    span: Span,
    sentences: Sequence[Span] | None = None,
    others: Sequence[Span] = (),
) -> datetime | None:
    """When a statement was made: a date in its sentence outside what was said ("on Thursday
    night, ... said"; ``others``: the article's other statements), resolved against publication,
    else the article's publication time. ``sentences`` (the text's sentence spans) saves splitting
    the text again for every statement."""
    if article.published is None:
        return None
    spans = sentence_spans(text) if sentences is None else sentences
    k = bisect.bisect_right([s.start for s in spans], span.start) - 1
    sentence = spans[k] if k >= 0 and span.start < spans[k].end else span
    for mention in find_dates(_frame(text, sentence, span, others), article.published.date()):
        if mention.granularity is Granularity.DAY and mention.end_date is None:
            if mention.date >= article.published.date():
                return _timed(article.published)
            # said that day: count it at the day's end so it never jumps ahead of a timed report
            return datetime.combine(mention.date, datetime.max.time(), tzinfo=article.published.tzinfo)
    return _timed(article.published)


def _frame(text: str, sentence: Span, said: Span, others: Sequence[Span] = ()) -> str:
    """The sentence without what was said in it (this statement and ``others``), cut at a colon or
    semicolon after this one: where the time of saying can be ("On Thursday night, a senior
    official said ...", "..., he said on Friday"); not "the talks would resume on Friday", nor
    "..., noting that the draft tabled on March 11 ...", nor "... shows: the draft tabled on March 11"."""
    chars = list(text[sentence.start : sentence.end])
    for other in (said, *others):
        for i in range(max(other.start, sentence.start), min(other.end, sentence.end)):
            chars[i - sentence.start] = " "
    frame = "".join(chars)
    after = max(0, said.end - sentence.start)
    cut = re.search(r"[:;]", frame[after:])
    return frame[: after + cut.start()] if cut else frame


# a cue that ends on one of these names what was talked about, not what was said (attribution
# takes the object of such a preposition as the content: syntax._TOPIC_PREPS; "on" and "of" are
# left out here, as "went on" and "accused of" report more than a topic)
_TOPIC_PREPOSITIONS = frozenset({"about", "over"})


def names_a_topic(quote: Quote) -> bool:
    """Whether ``quote`` reports what someone talked about rather than what they said ("tweeted
    about: her opposition to the restaurant", "now argue about: the same nine lines of the
    schedule"): no position on a proposition. A direct quotation is what was said, whatever cue."""
    words = quote.cue.lower().split()
    return quote.kind is not QuoteKind.DIRECT and bool(words) and words[-1] in _TOPIC_PREPOSITIONS


def statements_from_quotes(
    articles: Sequence[Article], quotes: Sequence[Quote], edges: Sequence[ProvenanceEdge] = ()
) -> list[Statement]:
    """The attributed statements of ``articles``, each under the party that made it.

    A statement in a republished copy takes the speaker its origin gives the same words (``edges``:
    the provenance of the copies); a speaker that names no one (an unresolved pronoun, a dateline,
    a swallowed clause; see :func:`~storyline.claims.parties.party_name`) drops the statement, and
    so does a topic (:func:`names_a_topic`)."""
    by_id = {a.id: a for a in articles}
    rank = {a.id: i for i, a in enumerate(articles)}
    usable = [
        q
        for q in quotes
        if q.article_id in by_id and q.content_text.strip() and reports_words(q) and not names_a_topic(q)
    ]
    usable = _nested_left_out(join_split_contents(usable, by_id))
    raw = [
        (q.actor or (by_id[q.article_id].outlet if q.speaker_type is SpeakerType.OUTLET else None) or q.speaker)
        for q in usable
    ]
    fixed = copy_actors([(q.article_id, q.content_text, a) for q, a in zip(usable, raw, strict=True)], edges)
    sentences: dict[str, Sequence[Span]] = {}
    facts: dict[tuple[str, date | None], StatementFacts] = {}
    # whom each actor speaks for, from any of their introductions ("Hollis's spokesman, Mats
    # Lindahl, said ..."; "he told reporters" later is the same spokesman)
    principal: dict[str, str] = {}
    for k, q in enumerate(usable):
        name = party_name(fixed.get(k, raw[k]), q.speaker_type)
        if name is not None and (who := speaks_for(q.speaker)) is not None:
            principal.setdefault(name, who)
    contents: dict[str, list[Span]] = {}
    for q in usable:
        contents.setdefault(q.article_id, []).append(q.content)
    out = []
    for k, q in enumerate(usable):
        article = by_id[q.article_id]
        actor = party_name(fixed.get(k, raw[k]), q.speaker_type)
        if actor is None or not weighable(q.content_text):
            continue
        if article.id not in sentences:
            sentences[article.id] = _sentences(article.text) if article.text else []
        day = article.published.date() if article.published else None
        if (q.content_text, day) not in facts:
            facts[(q.content_text, day)] = read_facts(q.content_text, day)
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
        when = (
            said_at(article, article.text, q.content, sentences[article.id], contents[article.id])
            if article.text
            else article.published and _timed(article.published)
        )
        out.append(
            Statement(
                claim=claim,
                speaker_type=q.speaker_type,
                outlet=outlet_label(article),
                said_at=when,
                published=article.published,
                order=rank[article.id] * 1_000_000 + q.content.start,
                facts=facts[(q.content_text, day)],
                speaks_for=principal.get(actor),
            )
        )
    return out


_NON_FINITE_CUE = re.compile(r"^(?:to\s+\w+|(?!according\b)\w+ing)\b", re.IGNORECASE)


def _nested_left_out(quotes: list[Quote]) -> list[Quote]:
    """Without the intentions nested inside another speaker's words: in "a senior official said
    Sorrel was ready to discuss 'a phased suspension'", the official's statement holds the words;
    Sorrel's "to discuss" (cue and content inside it) would show them a second time as a statement
    of its own. A nested speech act stays ("Marisca answered: Vask told reporters that ...")."""
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article_id, []).append(q)

    def nested(q: Quote) -> bool:
        cue = q.cue_span
        if cue is None or not _NON_FINITE_CUE.match(q.cue):
            return False
        return any(
            o is not q
            and o.content.start <= cue.start
            and cue.end <= o.content.end
            and o.content.start <= q.content.start
            and q.content.end <= o.content.end
            for o in by_article[q.article_id]
        )

    return [q for q in quotes if not nested(q)]


_JOINS_CLAUSES = re.compile(r"\W*(?:and|but|or|while|whereas|although|though|because|so)\b", re.IGNORECASE)
_GAP_PUNCTUATION = frozenset(" \t\n,;:-\u2014\u2013\"\u201c\u201d'\u2018\u2019")


def join_split_contents(quotes: Sequence[Quote], by_id: dict[str, Article]) -> list[Quote]:
    """One statement for a content the cue interrupts ("More what Pyongyang was seeking, he said,
    was the lifting of sanctions ..."): attribution gives its two sides as two quotes of one
    speaker and cue; apart, the first side ("More what Pyongyang was seeking") is a fragment."""
    groups: dict[tuple[str, int, int], list[int]] = {}
    for k, q in enumerate(quotes):
        if q.cue_span is not None:
            groups.setdefault((q.article_id, q.cue_span.start, q.cue_span.end), []).append(k)
    joined: dict[int, Quote] = {}
    dropped: set[int] = set()
    for (article_id, cue_start, cue_end), idx in groups.items():
        if len(idx) != 2:
            continue
        first, second = sorted((quotes[k] for k in idx), key=lambda q: q.content.start)
        if not (first.content.end <= cue_start and cue_end <= second.content.start) or first.speaker != second.speaker:
            continue
        text = by_id[article_id].text
        # between the two sides: only the cue, the speaker and punctuation
        parts = [p for p in (first.cue_span, first.speaker_span) if p is not None]
        gap = (
            ch
            for at, ch in enumerate(text[first.content.end : second.content.start], first.content.end)
            if not any(p.start <= at < p.end for p in parts)
        )
        if any(ch not in _GAP_PUNCTUATION for ch in gap) or _JOINS_CLAUSES.match(second.content_text):
            continue  # "A, according to X, and the official claimed B": two clauses, two statements
        span = Span(start=first.content.start, end=second.content.end)
        k_first = next(k for k in idx if quotes[k] is first)
        joined[k_first] = msgspec.structs.replace(first, content=span, content_text=span.slice(text))
        dropped.update(k for k in idx if k != k_first)
    return [joined.get(k, q) for k, q in enumerate(quotes) if k not in dropped]


def outlet_sentences(articles: Sequence[Article], quotes: Sequence[Quote], dates: bool = True) -> list[Statement]:
    """Sentences in each outlet's own voice: candidate key assertions. Where a quote takes part of
    a sentence ("The cause was simple: X wanted Y, and Z would not agree to <quote>"), the longest
    stretch the quotes leave is the outlet's. Without ``dates`` their facts carry no resolved dates
    (cheaper; see :func:`with_dates`)."""
    rank = {a.id: i for i, a in enumerate(articles)}
    quoted: dict[str, list[Span]] = {}
    for q in quotes:
        if _outlets_own(q):
            continue
        quoted.setdefault(q.article_id, []).append(q.content)
        for extra in (q.cue_span, q.speaker_span):
            if extra is not None:
                quoted[q.article_id].append(extra)
    facts: dict[tuple[str, date | None], StatementFacts] = {}
    out = []
    for article in articles:
        if not article.text:
            continue
        actor = outlet_label(article)
        day = article.published.date() if article.published else None
        # the quoted spans that can touch each sentence, swept along the text (sentences come in
        # order): comparing every sentence with every quote of the article was a tenth of claims
        waiting = sorted(quoted.get(article.id, ()), key=lambda c: c.start)
        nxt = 0
        near: list[Span] = []
        for sentence in _sentences(article.text):
            while nxt < len(waiting) and waiting[nxt].start < sentence.end:
                near.append(waiting[nxt])
                nxt += 1
            near = [c for c in near if c.end > sentence.start]
            span = _uncovered(article.text, sentence, near)
            if span is None:
                continue
            text = span.slice(article.text)
            if (
                len(text.split()) < 6
                or _lead_in(article.text, span, near)
                or text.rstrip().endswith("?")
                or _quote_fragment(text)
                or _asks(text)
                or not _says_something(text)
                or _elided(text)
                or _dangling(text)  # "vetoed the bill last week of", the rest a quote
            ):
                continue
            if (text, day) not in facts:
                facts[(text, day)] = read_facts(text, day if dates else None)
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
                    outlet=actor,
                    said_at=article.published and _timed(article.published),
                    published=article.published,
                    order=rank[article.id] * 1_000_000 + span.start,
                    facts=facts[(text, day)],
                )
            )
    return out


_EDGE = " \t\n,;:.\"'\u201c\u201d\u2018\u2019\u2014\u2013-"
#: A question put to someone, told in the outlet's words ("Asked whether Hollis would correct her
#: statement that ..."): what it repeats is what is asked about, not what the outlet asserts.
_ASKED = re.compile(r"^\W*(?:when\s+|after\s+being\s+)?asked\s+(?:whether|if|about|why|how|what)\b", re.IGNORECASE)


def _asks(text: str) -> bool:
    return _ASKED.match(text) is not None


_ATTITUDES = frozenset(form for verb in ("fear", "worry") for form in surface_forms(verb))


def _outlets_own(quote: Quote) -> bool:
    """An attitude the outlet reports in its own words, no quotation marks: the sentence stays the
    outlet's assertion, not a statement by the subject."""
    return not reports_words(quote) or (quote.kind is QuoteKind.INDIRECT and quote.cue.lower() in _ATTITUDES)


_DANGLING = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "for", "with", "that", "are", "is", "was", "were", "be", "as"]
)

# a shorter content ("all the sanctions", from "as X claimed, all the sanctions") is a fragment of
# an outlet's sentence, read there as the outlet answering X, not a proposition of its own
MIN_STATEMENT_WORDS = 4

# "that" closes a clause as an object ("we couldn't do that", "no one could sign that"); it is cut
# off mid-clause only after a word that takes a clause ("said that", "the fact that", "is that")
_THAT_CLAUSE_HEADS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tell",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "argued",
        "argues",
        "claimed",
        "claims",
        "insisted",
        "noted",
        "added",
        "stated",
        "warned",
        "suggested",
        "know",
        "knew",
        "means",
        "meant",
        "hope",
        "hoped",
        "clear",
        "sure",
        "fact",
        "so",
        "such",
        "is",
        "was",
        "are",
        "were",
        "be",
    ]
)


def weighable(text: str) -> bool:
    """Whether a quote's content is a statement a ledger can weigh: at least
    :data:`MIN_STATEMENT_WORDS` words and not cut off mid-clause. "called: reporters", "struck: a more
    conciliatory note" and "said: every line of it, and" are not."""
    words = tokenize(text)
    return not _dangling(text) and len(words) >= MIN_STATEMENT_WORDS and _says_something(text) and not only_asks(text)


# a question stripped of its mark ("so who's telling the truth", from text without punctuation):
# a question word, then a verb that asks ("who's", "what did", "why are"), and nothing after a
# short clause
_BARE_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|then)\s+)?(?:who|what|why|how|where|when|which)(?:['’](?:s|re)\b|\s+"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b)",
    re.IGNORECASE,
)


def only_asks(text: str) -> bool:
    """Whether a quote's content is only a question ("So who's telling the truth?"): it asks, it
    does not assert, so no party holds a position by it. A question that lost its mark counts when
    it is one short clause with no closing punctuation."""
    body = text.strip().rstrip("\"'”’) ")
    if not body:
        return False
    if body.endswith("?"):
        return len(re.findall(r"[.!?](?:\s|$)", body)) == 1
    return body[-1] not in ".!;:" and len(tokenize(body)) <= 8 and _BARE_QUESTION.match(body) is not None


def _says_something(text: str) -> bool:
    """A list of names ("John Ashcroft, Kit Bond and Jim Talent") states nothing: a statement has a
    word in lower case that is not a function word."""
    return any(w.islower() and w not in STOPWORDS for w in re.findall(r"[A-Za-z][a-z'’-]*", text))


def _dangling(text: str) -> bool:
    """A quote cut off mid-clause ("it seems that the officials are", "we asked for X, and") says
    nothing a ledger can weigh."""
    words = tokenize(text)
    if not words or words[-1] not in _DANGLING or text.rstrip().endswith((".", "!", "?")):
        return False
    return words[-1] != "that" or len(words) < 2 or words[-2] in _THAT_CLAUSE_HEADS


# the words a sentence ends on when its verb phrase is left out ("There are signs that both
# governments want to.", "Hollis did not."): what it says is in the sentence before
_ELLIPSIS_ENDS = frozenset(
    ["to", "will", "would", "could", "can", "should", "might", "must", "shall", "may", "did", "does", "do", "not"]
)


def _elided(text: str) -> bool:
    """A sentence whose verb phrase is elided says nothing that can be compared word for word."""
    words = re.findall(r"[A-Za-z']+", text)
    return bool(words) and words[-1] in _ELLIPSIS_ENDS


def _quote_fragment(text: str) -> bool:
    """A stretch with unbalanced quotation marks is a piece of someone's quotation that attribution
    missed ('To our ports, that is the whole schedule.”'), not the outlet's own voice."""
    opening, closing = text.count("\u201c"), text.count("\u201d")
    return opening != closing or text.count('"') % 2 == 1


#: Prepositions that open the circumstances of an attribution ("At a press conference in Pyongyang,
#: she emphasized that ...").
_LEAD_IN_PREPS = frozenset(["at", "in", "on", "during", "after", "before", "from", "speaking", "asked", "later"])


def _lead_in(text: str, stretch: Span, covered: Sequence[Span]) -> bool:
    """A stretch that opens with a preposition and runs up to the speaker or cue of an attribution
    is where and when it was said, not something the outlet asserts."""
    first = re.match(r"[A-Za-z]+", text[stretch.start : stretch.end])
    if first is None or first.group(0).lower() not in _LEAD_IN_PREPS:
        return False
    pos = stretch.end
    while pos < len(text) and text[pos] in _EDGE:
        pos += 1
    return any(c.start <= pos < c.end for c in covered)


def _uncovered(text: str, sentence: Span, covered: Sequence[Span]) -> Span | None:
    """The longest stretch of ``sentence`` no span in ``covered`` touches, trimmed of edge
    punctuation; the whole sentence when nothing touches it."""
    cuts = sorted((max(c.start, sentence.start), min(c.end, sentence.end)) for c in covered if c.overlaps(sentence))
    if not cuts:
        return sentence
    pieces, pos = [], sentence.start
    for start, end in cuts:
        if start > pos:
            pieces.append((pos, start))
        pos = max(pos, end)
    if pos < sentence.end:
        pieces.append((pos, sentence.end))
    if not pieces:
        return None
    start, end = max(pieces, key=lambda p: (p[1] - p[0], -p[0]))
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    # the conjunction that joined the quoted rest: "The increase doubled the fee, and [carriers say ...]"
    joined = _TRAILING_CONJUNCTION.search(text, start, end)
    if joined is not None:
        end = joined.start()
    return Span(start=start, end=end) if end > start else None


_TRAILING_CONJUNCTION = re.compile(r"[\s,;]+(?:and|but|or|while|as)$|,\s*with$")


def with_dates(statements: Sequence[Statement]) -> list[Statement]:
    """The statements with the dates in their text resolved (for narration read without them)."""
    out = []
    for s in statements:
        if s.claim.quote_id is None and s.published is not None and not s.facts.dates:
            facts = read_facts(s.claim.text, s.published.date())
            if facts.dates:
                s = msgspec.structs.replace(s, facts=facts)
        out.append(s)
    return out


_INDIRECT_QUESTION = re.compile(r"^\W*(?:whether|if)\b", re.IGNORECASE)


def is_reporting_only(statement: Statement) -> bool:
    """A question put to someone is not a position, nor is what was left open ("did not say whether
    he would ...")."""
    return statement.claim.cue_class is CueClass.ASKING or _INDIRECT_QUESTION.match(statement.claim.text) is not None
