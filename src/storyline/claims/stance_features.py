"""Features for stance between a claim and a text, from structured comparison.

Two kinds:

- :func:`pair_features`: needs nothing learned — word and n-gram overlap, overlap with the best
  matching sentences, refuting / hedging / negation counts (in the whole text and in the sentences
  that match the claim best), questions, numbers.
- :class:`TextSpace`: a TF-IDF vocabulary with a truncated SVD, fitted on training text and shipped
  as arrays; gives TF-IDF and SVD cosines (claim vs text, claim vs best sentence) and, optionally,
  the SVD coordinates of both sides.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.claims.lexicons import HEDGING, NEGATIONS, REFUTING, REPORTING, STOPWORDS

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens; "didn't" becomes "did" + "not"."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("n't", " not"))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper (plural, -ed, -ing, -ly): enough to match "denies" with "deny"."""
    if len(word) <= 4:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def _concept_table() -> dict[str, str]:
    from storyline.claims.lexicons import CONCEPTS

    return {stem(w): c for w, c in CONCEPTS.items()} | dict(CONCEPTS)


_CONCEPTS: dict[str, str] = {}


def fold(stemmed: str) -> str:
    """The concept a stem stands for ("demand", "ask", "want" -> ``_demand``), or the stem."""
    if not _CONCEPTS:
        _CONCEPTS.update(_concept_table())
    return _CONCEPTS.get(stemmed, stemmed)


def content_stems(tokens: Sequence[str]) -> list[str]:
    return [stem(t) for t in tokens if t not in STOPWORDS]


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENT.split(text) if p and p.strip()]
    return parts or [text]


def _ngrams(seq: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def _count(tokens: Sequence[str], lexicon: frozenset[str]) -> int:
    return sum(1 for t in tokens if t in lexicon)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


@functools.lru_cache(maxsize=4096)
def _profile(
    text: str,
) -> tuple[
    list[str],
    list[str],
    list[str],
    list[list[str]],
    list[frozenset[str]],
    set[tuple[str, ...]],
    set[tuple[str, ...]],
]:
    t_tok = tokenize(text)
    sentences = split_sentences(text)[:60]
    sent_tok = [tokenize(s) for s in sentences]
    sent_st = [frozenset(content_stems(tk)) for tk in sent_tok]
    t_st = content_stems(t_tok)
    return t_tok, t_st, sentences, sent_tok, sent_st, _ngrams(t_st, 2), _ngrams(t_st, 3)


PAIR_FEATURE_NAMES: tuple[str, ...] = (
    "log_claim_len",
    "log_text_len",
    "overlap",
    "jaccard",
    "bigram_overlap",
    "trigram_overlap",
    "overlap_first50",
    "overlap_first_sentence",
    "overlap_best_sentence",
    "overlap_second_sentence",
    "claim_refuting",
    "text_refuting_rate",
    "text_refuting_any",
    "best_refuting",
    "first_refuting",
    "claim_hedging",
    "text_hedging_rate",
    "best_hedging",
    "first_hedging",
    "claim_negation",
    "text_negation_rate",
    "best_negation",
    "first_negation",
    "negation_parity_differs",
    "text_reporting_rate",
    "first_reporting",
    "text_question",
    "first_question",
    "text_quotes",
    "claim_numbers",
    "numbers_found",
    "numbers_extra",
    "n_sentences",
)


def pair_features(claim: str, text: str) -> np.ndarray:
    """Structured-comparison features of ``text`` against ``claim`` (see PAIR_FEATURE_NAMES)."""
    c_tok = tokenize(claim)
    c_st = content_stems(c_tok)
    t_tok, t_st, sentences, sent_tok, sent_st, t_bi, t_tri = _profile(text)
    c_set, t_set = set(c_st), set(t_st)
    n_c = max(len(c_set), 1)
    overlap = len(c_set & t_set) / n_c
    jaccard = len(c_set & t_set) / max(len(c_set | t_set), 1)
    c_bi, c_tri = _ngrams(c_st, 2), _ngrams(c_st, 3)
    bi = len(c_bi & t_bi) / max(len(c_bi), 1)
    tri = len(c_tri & t_tri) / max(len(c_tri), 1)
    first50 = len(c_set & set(t_st[:50])) / n_c

    sent_ov = [len(c_set & st) / n_c for st in sent_st]
    order = sorted(range(len(sentences)), key=lambda i: -sent_ov[i])
    best = order[0]
    best2 = [tok for i in order[:2] for tok in sent_tok[i]]
    first = sent_tok[0]
    n_t = max(len(t_tok), 1)
    c_neg, t_neg = _count(c_tok, NEGATIONS), _count(t_tok, NEGATIONS)
    best_neg = _count(sent_tok[best], NEGATIONS)
    c_num = _numbers(claim)
    t_num = _numbers(text)
    return np.array(
        [
            math.log1p(len(c_tok)),
            math.log1p(len(t_tok)),
            overlap,
            jaccard,
            bi,
            tri,
            first50,
            sent_ov[0],
            sent_ov[best],
            sent_ov[order[1]] if len(order) > 1 else 0.0,
            _count(c_tok, REFUTING),
            100.0 * _count(t_tok, REFUTING) / n_t,
            float(_count(t_tok, REFUTING) > 0),
            _count(best2, REFUTING),
            _count(first, REFUTING),
            _count(c_tok, HEDGING),
            100.0 * _count(t_tok, HEDGING) / n_t,
            _count(best2, HEDGING),
            _count(first, HEDGING),
            c_neg,
            100.0 * t_neg / n_t,
            best_neg,
            _count(first, NEGATIONS),
            float((c_neg % 2) != (best_neg % 2)),
            100.0 * _count(t_tok, REPORTING) / n_t,
            _count(first, REPORTING),
            float("?" in text),
            float("?" in sentences[0]),
            float(text.count('"') + text.count("\u201c") > 0),
            float(len(c_num)),
            len(c_num & t_num) / len(c_num) if c_num else 1.0,
            float(len(t_num - c_num) > 0),
            math.log1p(len(sentences)),
        ],
        dtype=np.float64,
    )


class TextSpace:
    """TF-IDF vocabulary plus truncated-SVD components, shipped as arrays."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, components: np.ndarray) -> None:
        self.vocabulary = list(vocabulary)
        self.components = np.asarray(components, dtype=np.float32)  # (k, V)
        self._vectorizer = TfidfVectorizer(
            vocabulary={w: i for i, w in enumerate(self.vocabulary)},
            tokenizer=_stem_tokens,
            token_pattern=None,
            lowercase=False,
            sublinear_tf=True,
        )
        self._vectorizer.idf_ = np.asarray(idf, dtype=np.float64)

    @classmethod
    def fit(cls, texts: Sequence[str], max_features: int, n_components: int, seed: int) -> TextSpace:
        from sklearn.decomposition import TruncatedSVD

        vec = TfidfVectorizer(
            tokenizer=_stem_tokens,
            token_pattern=None,
            lowercase=False,
            sublinear_tf=True,
            max_features=max_features,
            min_df=2,
        )
        matrix = vec.fit_transform(texts)
        svd = TruncatedSVD(n_components=n_components, random_state=seed).fit(matrix)
        vocab = [w for w, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
        return cls(vocab, vec.idf_, svd.components_)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            "vocabulary": np.array(self.vocabulary),
            "idf": self._vectorizer.idf_.astype(np.float32),
            "components": self.components.astype(np.float16),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TextSpace:
        return cls([str(w) for w in arrays["vocabulary"]], arrays["idf"], arrays["components"])

    def tfidf(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self._vectorizer.transform(texts)  # rows are L2-normalised

    def svd(self, tfidf: sp.csr_matrix) -> np.ndarray:
        dense = np.asarray(tfidf @ self.components.T, dtype=np.float64)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return dense / np.maximum(norms, 1e-9)

    def features(self, claims: Sequence[str], texts: Sequence[str], with_vectors: bool) -> np.ndarray:
        """TF-IDF cosine, SVD cosine, best-sentence TF-IDF cosine (and SVD coordinates)."""
        unique = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        u_texts = list(unique)
        u_sent = [split_sentences(t)[:60] for t in u_texts]
        sentences = [s for ss in u_sent for s in ss]
        # one transform for claims, texts and sentences: sklearn's per-call checks dominate small batches
        stacked = self.tfidf([*claims, *u_texts, *sentences])
        n_c, n_u = len(claims), len(u_texts)
        c_tfidf, u_tfidf, sent_matrix = stacked[:n_c], stacked[n_c : n_c + n_u], stacked[n_c + n_u :]
        offsets = np.cumsum([0] + [len(ss) for ss in u_sent])
        idx = np.array([unique[t] for t in texts])
        t_tfidf = u_tfidf[idx]
        cos = np.asarray(c_tfidf.multiply(t_tfidf).sum(axis=1)).ravel()
        c_svd, u_svd = self.svd(c_tfidf), self.svd(u_tfidf)
        t_svd = u_svd[idx]
        svd_cos = (c_svd * t_svd).sum(axis=1)
        best = np.zeros(len(claims))
        for row, u in enumerate(idx):
            block = sent_matrix[offsets[u] : offsets[u + 1]]
            sims = (block @ c_tfidf[row].T).toarray().ravel()
            best[row] = sims.max() if sims.size else 0.0
        cols = [cos[:, None], svd_cos[:, None], best[:, None]]
        if with_vectors:
            cols += [c_svd, t_svd]
        return np.hstack(cols)


def _stem_tokens(text: str) -> list[str]:
    return content_stems(tokenize(text))
