"""Deciding whether a word is a reporting cue.

The hand-written lexicon (``cues.CUE_CLASSES``) says which lemmas *can* report speech or thought;
whether a given occurrence does depends on its use ("she called him" vs "she called the race a
toss-up"). A small logistic-regression model trained on PolNeAR train (see
``benchmarks/attribution_train_cues.py``) scores each candidate from its lemma, part of speech,
dependency label, the shape of its children and the parser's own contextual vector of the word
(``doc.tensor``, 96 numbers from spaCy's tok2vec layer, which the parse computes anyway). With the
contextual vector the model also scores verbs and nouns it never saw as cues ("an open
vocabulary"): PolNeAR's annotators mark many rare ones. Its weights ship as JSON under
``storyline/resources/attribution/``; without them the lexicon alone decides.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from storyline.attribution.cues import CUE_CLASSES, CUE_NOUNS
from storyline.attribution.tokens import SentenceView, lemma, pos, sentence_view

MODEL_FILE = "cue_model.json"
THRESHOLD = 0.5
DENSE_WIDTH = 96  # width of the small English model's contextual vectors (tok2vec)


MAKE_FORMS = frozenset(["make", "makes", "made", "making"])
#: what "make" reports with: "made clear that", "made the case for", "made similar comments"
_MADE_SAYING = frozenset(
    [
        "clear",
        "case",
        "call",
        "plea",
        "statement",
        "comment",
        "remark",
        "allegation",
        "charge",
        "commitment",
        "observation",
        "announcement",
        "argument",
        "pitch",
        "mention",
        "apology",
        "joke",
        "claim",
        "promise",
        "pledge",
        "point",
        "accusation",
        "threat",
        "appeal",
        "speech",
        "prediction",
        "suggestion",
        "request",
        "demand",
        "offer",
        "vow",
        "complaint",
        "criticism",
        "assertion",
        "admission",
        "reference",
        "note",
    ]
)


def token_features(tok: Token) -> list[str]:
    """Sparse binary features of a candidate cue token (names are stable: they key the weights)."""
    return view_features(sentence_view(tok.doc), tok.i)


_CHILD_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "ccomp",
        "xcomp",
        "dobj",
        "dative",
        "prep",
        "agent",
        "mark",
        "advcl",
        "parataxis",
        "csubj",
        "attr",
        "acomp",
    }
)


NAME_TAGS = frozenset({"NNP", "NNPS"})  # proper nouns: a name says nothing about its verb
_NAME = "<name>"


def view_features(v: SentenceView, i: int, related: tuple[int, int, int] | None = None) -> list[str]:
    """``token_features`` of token ``i`` read from the sentence's plain attribute lists
    (``related``: its ``related_tokens``, when the caller has them already)."""
    lower, tags, deps_, poses, lemmas, children = v.lower, v.tag, v.dep, v.pos, v.lemma, v.children
    lem = lemmas[i]
    tag = tags[i]
    dep = deps_[i]
    p = poses[i]
    kids = children[i]
    deps = {deps_[c] for c in kids}
    feats = [
        "bias",
        "lemma=" + lem,
        "pos=" + p,
        "tag=" + tag,
        "dep=" + dep,
        f"lemma_pos={lem}|{p}",
        f"lemma_dep={lem}|{dep}",
        "in_lexicon=True" if lem in CUE_CLASSES or lem in CUE_NOUNS else "in_lexicon=False",
    ]
    append = feats.append
    child_deps = deps & _CHILD_DEPS
    if child_deps:
        for d in sorted(child_deps):
            append("child=" + d)
            append(f"lemma_child={lem}|{d}")
    append(f"lemma_tag={lem}|{tag}")
    append("prev=" + (lower[i - 1] if i > 0 else "<s>"))
    if v.quote_parity[i]:
        append("in_quotes")
        append("lemma_in_quotes=" + lem)
    obj = subj = -1
    for c in kids:
        d = deps_[c]
        if d == "prep" and lower[c] != "according":
            # the verb's sense: "added two carriers to its list", "spoke by telephone" are not
            # speech; "according to" is an attribution of its own, not a sense of the verb
            append("prep=" + lower[c])
            append(f"lemma_prep={lem}|{lower[c]}")
        if d == "dobj":
            if obj < 0:
                obj = c
        elif (d == "nsubj" or d == "csubj") and subj < 0:
            subj = c
    # a name is no evidence about the verb: "subj=trump", learnt from PolNeAR's 2016 campaign news,
    # made "as Trump claimed" a cue and "as Hollis claimed" not (nor does the dense part read it)
    if obj >= 0:
        append("dobj=" + (_NAME if tags[obj] in NAME_TAGS else lemmas[obj]))
    if subj >= 0:
        stag = tags[subj]
        append("subj=" + (_NAME if stag in NAME_TAGS else lemmas[subj]))
        append(f"lemma_subj_tag={lem}|{stag}")
        append("subj_pos=" + poses[subj])
        append("subj_tag=" + stag)
    if "ccomp" in deps and any(
        deps_[g] == "mark" and lower[g] == "that" for c in kids if deps_[c] == "ccomp" for g in children[c]
    ):
        append("that_clause")
    if v.has_quote:
        append("sent_has_quote")
    n = len(lower)
    if i + 1 < n:
        append("next=" + (lower[i + 1] if v.punct[i + 1] else poses[i + 1]))
    h = v.head[i]
    # (the root's "head" is itself: the model was trained with these two features read that way)
    hpos = poses[h]
    append("head_pos=" + hpos)
    append(f"head_dep={dep}|{lemmas[h] if hpos in ('VERB', 'NOUN') else hpos}")
    append("suffix=" + lem[-3:])
    shape = deps & _SHAPE_DEPS
    append("children=" + ("|".join(sorted(shape)) if shape else ""))
    append("prev2=" + (lower[i - 2] if i > 1 else "<s>"))
    if i + 1 < n:
        append(f"lemma_next={lem}|{lower[i + 1]}")
    marks = _QUOTE_MARKS
    if not marks.isdisjoint(lower[max(0, i - 3) : i]):
        append("quote_before")
    if not marks.isdisjoint(lower[i + 1 : i + 4]):
        append("quote_after")
    rsubj, _, content = related if related is not None else related_tokens(v, i)
    append("rel_subj=" + (tags[rsubj] if rsubj >= 0 else "none"))
    append(f"lemma_rel_subj={lem}|{poses[rsubj] if rsubj >= 0 else 'none'}")
    cdep = deps_[content] if content >= 0 else "none"
    append("rel_content=" + cdep)
    append(f"lemma_rel_content={lem}|{cdep}")
    return feats


_ZEROS = itertools.repeat(0.0)  # the default of each weight lookup (``map`` over two iterables)
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "‘", "’"})
_SUBJECTS = ("nsubj", "csubj")
_CONTENTS = ("ccomp", "xcomp", "parataxis", "csubjpass", "dobj")


def related_tokens(v: SentenceView, i: int) -> tuple[int, int, int]:
    """Indices of a candidate cue's subject (its speaker), syntactic head and content (the clause
    or object it reports, or the clause it interrupts); -1 where there is none."""
    kids = v.children[i]
    subj = next((c for c in kids if v.dep[c] in _SUBJECTS), -1)
    if subj < 0:
        agent = next((c for c in kids if v.dep[c] in ("agent", "poss")), -1)
        if agent >= 0 and v.dep[agent] == "agent":
            agent = next((g for g in v.children[agent] if v.dep[g] == "pobj"), -1)
        subj = agent
    h = v.head[i]
    if subj < 0 and h != i:
        if v.dep[i] in ("conj", "xcomp", "advcl"):
            subj = next((c for c in v.children[h] if v.dep[c] in _SUBJECTS), -1)
        elif v.dep[i] in ("relcl", "acl"):
            subj = h
    content = next((c for c in kids if v.dep[c] in _CONTENTS), -1)
    if content < 0 and h != i and v.dep[i] in ("parataxis", "ccomp"):
        content = h
    return subj, (h if h != i else -1), content


_SHAPE_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "agent", "poss", "acl", "relcl"})


def dense_features(tok: Token) -> Sequence[float] | None:
    """The parser's contextual vector of the token (``None`` when the pipeline set no tensor)."""
    tensor = tok.doc.tensor
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(tok.doc):
        return None
    return tensor[tok.i]


class CueScorer:
    """Probability that a token is a reporting cue (``weights_`` learned; lexicon fallback)."""

    def __init__(
        self,
        weights: dict[str, float] | None = None,
        threshold: float = THRESHOLD,
        learned_cues: tuple[str, ...] = (),
        dense: Sequence[float] = (),
        open_vocabulary: bool = False,
        noun_threshold: float | None = None,
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        # a noun cue ("her claim that") stands at its own threshold (nouns are more often not cues)
        self.noun_threshold = threshold if noun_threshold is None else noun_threshold
        self.learned_cues = learned_cues
        # one row per dense block: the token's own vector, then (optionally) subject, head, content
        self.dense = np.asarray(dense, dtype=np.float32).reshape(-1, DENSE_WIDTH) if len(dense) else np.zeros((0, 0))
        self.open_vocabulary = open_vocabulary and bool(self.dense.size)

    def probability(self, tok: Token) -> float:
        """The model's cue probability of any token (0 for other parts of speech)."""
        if self.weights is None:
            return 0.9 if lemma(tok) in CUE_CLASSES and pos(tok) == "VERB" else 0.0
        if pos(tok) not in ("VERB", "NOUN"):
            return 0.0
        return self._probability(tok.doc, sentence_view(tok.doc), tok.i)

    def _probability(self, doc: Doc, v: SentenceView, i: int) -> float:
        weights: dict[str, float] = self.weights if self.weights is not None else {}
        related = related_tokens(v, i)
        z = float(sum(map(weights.get, view_features(v, i, related), _ZEROS)))
        if self.dense.size:
            blocks = self._dense_scores(doc)
            z += blocks[i][0]
            if len(blocks[i]) > 1:
                for k, j in enumerate(related, start=1):
                    # a named subject's vector is left out: the training news' names (Trump,
                    # Clinton) had made "as Trump claimed" a cue and "as Okafor claimed" not
                    if j >= 0 and not (k == 1 and v.tag[j] in NAME_TAGS):
                        z += blocks[j][k]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def _dense_scores(self, doc: Doc) -> Sequence[Sequence[float]]:
        """Each token's contextual vector times each dense weight block (the token's own; and, when
        the model has them, as a subject, a head and a content), one product per sentence."""
        key = ("cue_dense", id(self))
        user_data: dict[Any, Any] = doc.user_data
        found = user_data.get(key)
        if found is None:
            tensor = doc.tensor
            width = self.dense.shape[1]
            # tuples (kept with a memoized parse): the garbage collector stops walking them
            if tensor is None or tuple(tensor.shape) != (len(doc), width):
                found = ((0.0,) * self.dense.shape[0],) * len(doc)
            else:
                found = tuple(map(tuple, (np.asarray(tensor, dtype=np.float32) @ self.dense.T).tolist()))
            user_data[key] = found
        return found  # type: ignore[return-value]

    def is_cue(self, tok: Token) -> bool:
        return self.score(tok) is not None

    def score(self, tok: Token) -> float | None:
        """The cue probability when the token is a cue, else None (one feature pass)."""
        return self.score_at(tok.doc, tok.i)

    def score_at(self, doc: Doc, i: int) -> float | None:
        """``score`` of token ``i`` of a parsed sentence."""
        v = sentence_view(doc)
        lem = v.lemma[i]
        if self.weights is None:
            return 0.9 if lem in CUE_CLASSES and v.pos[i] == "VERB" else None
        p_ = v.pos[i]
        if p_ not in ("VERB", "NOUN") or lem == "be":
            # "be" reports nothing ('"...," Democrats were doubtful' read as a cue at 0.86; PolNeAR
            # train marks it 6 times in all, the train-validation fifth had 16 such false cues)
            return None
        if (
            v.lower[i] in MAKE_FORMS
            and not any(v.lemma[c] in _MADE_SAYING for c in v.children[i])
            and v.lower[i + 1 : i + 2] != ("clear",)  # ("made clear Monday they ...": "clear" hung on "Monday")
        ):
            return None  # "made a strong play", "made it more difficult": a deed, not words
        if p_ == "NOUN" and not any(v.dep[c] == "poss" for c in v.children[i]):
            return None  # a noun cue needs its possessor as the source ("her claim that")
        if not self.open_vocabulary and f"lemma={lem}" not in self.weights and lem not in CUE_CLASSES:
            return None
        p = self._probability(doc, v, i)
        return p if p >= (self.noun_threshold if p_ == "NOUN" else self.threshold) else None


@lru_cache(maxsize=1)
def load_cue_scorer() -> CueScorer:
    """The shipped cue model, or the lexicon-only scorer when no model file is present."""
    path = resources.files("storyline.resources.attribution").joinpath(MODEL_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return CueScorer(None)
    return scorer_from_json(data)


def scorer_from_json(data: dict[str, object]) -> CueScorer:
    """A scorer from the model file's content (weights, thresholds, learned cue words, dense part)."""
    return CueScorer(
        data["weights"],  # type: ignore[arg-type]
        float(data.get("threshold", THRESHOLD)),  # type: ignore[arg-type]
        tuple(data.get("learned_cues", ())),  # type: ignore[arg-type]
        tuple(data.get("dense", ())),  # type: ignore[arg-type]
        bool(data.get("open_vocabulary", False)),
        data.get("noun_threshold"),  # type: ignore[arg-type]
    )
