"""What the stories stage reads from an article: weighted terms, named entities, an optional dense
embedding, and the publication time.

The features of one article do not depend on the rest of the corpus: term weights use a fixed
background inverse frequency (``wordfreq``'s English table) instead of corpus document frequencies,
so an article is featurized once, in any process, in any order, and clustering stays independent of
the order in which articles arrive.

Only the lead of an article is read (title, dek and the first ``lead_words`` words of the cleaned
text): site furniture (related-headline lists, newsletter prompts, author bios) sits after the
body far more often than before it, and the lead says what the article is about.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from datetime import UTC, datetime
from functools import lru_cache
from typing import Protocol

import msgspec
import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import Article, Model
from storyline.stories.vectors import HashedSpace

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?\"“”:;\n]\s*$")
# words that carry no topic even though they are not English stop words
_NEWS_STOP = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "according",
        "reported",
        "reports",
        "report",
        "news",
        "year",
        "years",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "time",
        "times",
        "new",
        "just",
        "like",
        "also",
        "would",
        "could",
        "one",
        "two",
        "three",
        "first",
        "last",
        "people",
        "percent",
        "mr",
        "mrs",
        "ms",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "ap",
        "reuters",
        "getty",
        "images",
        "photo",
        "image",
        "caption",
        "click",
        "subscribe",
        "newsletter",
        "sign",
        "read",
        "share",
        "email",
        "copyright",
    ]
)
# day and month names (and month abbreviations): capitalised, but never a name or a topic
CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name[1:], *calendar.month_abbr[1:], "Sept")
)

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _NEWS_STOP
# capitalised words that start sentences or name roles rather than who or where
_ENTITY_STOP = (
    frozenset(
        [
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "for",
            "and",
            "but",
            "or",
            "of",
            "to",
            "as",
            "by",
            "from",
            "with",
            "after",
            "before",
            "when",
            "while",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "he",
            "she",
            "they",
            "we",
            "i",
            "you",
            "his",
            "her",
            "their",
            "our",
            "there",
            "here",
            "what",
            "who",
            "why",
            "how",
            "if",
            "mr",
            "mrs",
            "ms",
            "dr",
            "president",
            "sen",
            "rep",
            "gov",
            "minister",
            "officials",
            "official",
            "police",
            "story",
            "update",
            "updated",
            "sept",
        ]
    )
    | CALENDAR_WORDS
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MAX_IDF = 7.0  # zipf scale: a word seen once per 10^7 words; unknown words get this


class Embedder(Protocol):
    """Turns texts into dense vectors (e.g. ``model2vec.StaticModel``)."""

    def encode(self, sentences: list[str]) -> np.ndarray: ...


class ArticleFeatures(Model, frozen=True):
    """What the clusterer compares: computed once per article, independent of the corpus."""

    article_id: str
    terms: dict[str, float]  # L2-normalised background-idf weights, heaviest first
    entities: dict[str, str]  # normalised key -> surface form as written (who and where)
    published: datetime | None = None
    title: str = ""
    embedding: tuple[float, ...] = ()  # L2-normalised; empty when no embedder is configured
    vector: bytes = b""  # words and names hashed into the featurizer's space (see vectors.py)

    @property
    def day(self) -> float | None:
        return None if self.published is None else day_number(self.published)


def day_number(when: datetime) -> float:
    """Days since the epoch (naive datetimes are taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp() / 86400.0


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return {w: math.log10(f) + 9.0 for w, f in get_frequency_dict("en").items() if f > 0}


@lru_cache(maxsize=1)
def _idf_table() -> dict[str, float]:
    return {w: max(0.5, min(_MAX_IDF, 8.0 - z)) for w, z in _zipf_table().items()}


def background_idf(word: str) -> float:
    """How informative a word is: 8 minus its Zipf frequency in general English, in [0.5, 7]."""
    return _idf_table().get(word, _MAX_IDF)


def content_words(text: str) -> list[str]:
    """Lower-cased words of at least two letters, without stop words and possessive endings."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return [w for w in words if len(w) > 1 and w not in STOP_WORDS]


def lead_text(article: Article, lead_words: int) -> str:
    body = article.text or article.raw
    words = body.split(maxsplit=lead_words)
    lead = " ".join(words[:lead_words])
    heads = " ".join(part for part in (article.title, article.dek) if part)
    return f"{heads}\n{lead}" if heads else lead


def term_weights(title: str, lead: str, max_terms: int, year_weight: float = 0.0) -> dict[str, float]:
    counts = Counter(content_words(lead))
    for word in content_words(title):  # the headline counts twice
        counts[word] += 1
    idf = _idf_table()
    weights = {w: (1.0 + math.log(c)) * idf.get(w, _MAX_IDF) for w, c in counts.items()}
    if year_weight:  # years named in the text tell same-kind events of different years apart
        for year, c in Counter(_YEAR.findall(f"{title} {lead}")).items():
            weights["#" + year] = (1.0 + math.log(c)) * year_weight
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
    norm = math.sqrt(sum(v * v for _, v in ranked)) or 1.0
    return {w: v / norm for w, v in ranked}


_CAP_RUN = re.compile(r"(?<![\w'’.&-])[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*)*")
_UPPER_START = re.compile(r"\b[A-Z]")


def capitalised_entities(text: str, max_entities: int = 40) -> dict[str, str]:
    """Names found by capitalisation: runs of capitalised words not explained by sentence starts.

    Text that was lower-cased (scraped copies) yields nothing rather than noise.
    """
    words = len(text.split())
    if not words or len(_UPPER_START.findall(text)) < 0.03 * words:
        return {}
    zipf = _zipf_table()
    found: dict[str, str] = {}
    for match in _CAP_RUN.finditer(text):
        before = text[max(0, match.start() - 3) : match.start()]
        at_start = match.start() == 0 or bool(_SENTENCE_END.search(before))
        for run in _split_run(match.group().split(" ")):
            names = [w.rstrip(".").replace("’", "'") for w in run]
            names = [w[:-2] if w.endswith("'s") else w for w in names]
            while names and names[0].lower() in _ENTITY_STOP:
                names = names[1:]
                at_start = False
            while names and names[-1].lower() in _ENTITY_STOP:
                names = names[:-1]
            if not names or len(names) > 5:  # longer runs are title-cased headlines, not names
                at_start = False
                continue
            if len(names) == 1:
                word = names[0]
                common = zipf.get(word.lower(), 0.0) >= (4.5 if at_start else 5.5)
                if len(word) < 2 or common or word.lower() in STOP_WORDS:
                    at_start = False
                    continue
            key = " ".join(w.lower() for w in names)
            if key not in found:
                found[key] = " ".join(names)
                if len(found) >= max_entities:
                    return found
            at_start = False
    return found


def _split_run(words: list[str]) -> list[list[str]]:
    """Break a run of capitalised words after a full stop ending a word longer than an initial."""
    runs, current = [], []
    for word in words:
        current.append(word)
        if word.endswith(".") and len(word) > 4:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


class ArticleFeaturizer:
    """Turns articles into :class:`ArticleFeatures` (pure: one article at a time, any process)."""

    def __init__(
        self,
        *,
        lead_words: int = 250,
        max_terms: int = 80,
        entity_chars: int = 1500,
        year_weight: float = 0.0,
        embedder: Embedder | None = None,
        dim: int = 4096,
        entity_vector_weight: float = 0.75,
    ) -> None:
        self.space = HashedSpace(dim=dim, entity_weight=entity_vector_weight)
        self.lead_words = lead_words
        self.max_terms = max_terms
        self.entity_chars = entity_chars
        self.year_weight = year_weight
        self.embedder = embedder

    def featurize(self, articles: list[Article]) -> list[ArticleFeatures]:
        leads = [lead_text(a, self.lead_words) for a in articles]
        vectors: list[tuple[float, ...]] = [()] * len(articles)
        if self.embedder is not None and articles:
            matrix = np.asarray(self.embedder.encode(leads), dtype=np.float32)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix = matrix / np.maximum(norms, 1e-9)
            vectors = [tuple(float(x) for x in row) for row in matrix]
        out = []
        for article, lead, vector in zip(articles, leads, vectors, strict=True):
            title = article.title or ""
            body = lead[len(title) :] if title and lead.startswith(title) else lead
            terms = term_weights(title, body, self.max_terms, self.year_weight)
            entities = _event_names(capitalised_entities(lead[: self.entity_chars]), article)
            out.append(
                ArticleFeatures(
                    article_id=article.id,
                    terms=terms,
                    entities=entities,
                    published=article.published,
                    title=title or _first_words(article.text or article.raw),
                    embedding=vector,
                    vector=self.space.pack(terms, entities),
                )
            )
        return out


def _event_names(entities: dict[str, str], article: Article) -> dict[str, str]:
    """The names of what an article is about: not the outlet that ran it or the wire it credits
    ("SAINCIOR (Stauntaindbrin Newswire) —"), which every story of that wire shares."""
    own = {name.lower() for name in (article.outlet, *article.credits) if name}
    return {k: v for k, v in entities.items() if k not in own} if own else entities


def _first_words(text: str, limit: int = 14) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    words = line.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def features_to_bytes(features: list[ArticleFeatures]) -> bytes:
    return msgspec.msgpack.encode(features)


def features_from_bytes(data: bytes) -> list[ArticleFeatures]:
    return msgspec.msgpack.decode(data, type=list[ArticleFeatures])
