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

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Token

from storyline.attribution.cues import CUE_CLASSES, CUE_NOUNS
from storyline.attribution.tokens import lemma, pos

MODEL_FILE = "cue_model.json"
THRESHOLD = 0.5


def token_features(tok: Token) -> list[str]:
    """Sparse binary features of a candidate cue token (names are stable: they key the weights)."""
    lem = lemma(tok)
    deps = {c.dep_ for c in tok.children}
    feats = [
        "bias",
        f"lemma={lem}",
        f"pos={pos(tok)}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"lemma_pos={lem}|{pos(tok)}",
        f"lemma_dep={lem}|{tok.dep_}",
        f"in_lexicon={lem in CUE_CLASSES or lem in CUE_NOUNS}",
    ]
    for d in sorted(
        deps
        & {
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
    ):
        feats.append(f"child={d}")
        feats.append(f"lemma_child={lem}|{d}")
    feats.append(f"lemma_tag={lem}|{tok.tag_}")
    doc = tok.doc
    feats.append(f"prev={doc[tok.i - 1].lower_ if tok.i > 0 else '<s>'}")
    if _inside_quotes(tok):
        feats.append("in_quotes")
        feats.append(f"lemma_in_quotes={lem}")
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None:
        feats.append(f"dobj={lemma(obj)}")
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is not None:
        feats.append(f"subj={lemma(subj)}")
        feats.append(f"lemma_subj_tag={lem}|{subj.tag_}")
        feats.append(f"subj_pos={pos(subj)}")
        feats.append(f"subj_tag={subj.tag_}")
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in _ccomps(tok)):
        feats.append("that_clause")
    if _has_quote_token(tok.doc):
        feats.append("sent_has_quote")
    if tok.i + 1 < len(tok.doc):
        feats.append(
            f"next={tok.doc[tok.i + 1].lower_ if tok.doc[tok.i + 1].is_punct else pos(tok.doc[tok.i + 1])}"
        )
    feats.append(f"head_pos={pos(tok.head) if tok.head is not tok else 'root'}")
    if tok.head is not tok:
        feats.append(f"head_dep={tok.dep_}|{lemma(tok.head) if pos(tok.head) in ('VERB', 'NOUN') else pos(tok.head)}")
    feats.append(f"suffix={lem[-3:]}")
    feats.append(f"children={'|'.join(sorted(deps & _SHAPE_DEPS))}")
    return feats


_SHAPE_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "agent", "poss", "acl", "relcl"})


def dense_features(tok: Token) -> Sequence[float] | None:
    """The parser's contextual vector of the token (``None`` when the pipeline set no tensor)."""
    tensor = tok.doc.tensor
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(tok.doc):
        return None
    return tensor[tok.i]


def _has_quote_token(doc: Doc) -> bool:
    """A token that is a quotation mark in the sentence (cached per parsed sentence)."""
    found = doc.user_data.get("has_quote_token")
    if found is None:
        found = any(t.text in ('"', "“", "”") for t in doc)
        doc.user_data["has_quote_token"] = found
    return bool(found)


def _inside_quotes(tok: Token) -> bool:
    """An odd number of quotation marks before the token in its sentence."""
    marks = sum(1 for t in tok.doc[: tok.i] if t.text in ('"', "“", "”", "''", "``"))
    return marks % 2 == 1


def _ccomps(tok: Token) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "ccomp":
            out.extend(c.children)
    return out


class CueScorer:
    """Probability that a token is a reporting cue (``weights_`` learned; lexicon fallback)."""

    def __init__(
        self,
        weights: dict[str, float] | None = None,
        threshold: float = THRESHOLD,
        learned_cues: tuple[str, ...] = (),
        dense: Sequence[float] = (),
        open_vocabulary: bool = False,
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.learned_cues = learned_cues
        self.dense = np.asarray(dense, dtype=np.float32)
        self.open_vocabulary = open_vocabulary and bool(self.dense.size)

    def probability(self, tok: Token) -> float:
        lem = lemma(tok)
        if self.weights is None:
            return 0.9 if lem in CUE_CLASSES and pos(tok) == "VERB" else 0.0
        if pos(tok) not in ("VERB", "NOUN"):
            return 0.0
        z = sum(self.weights.get(f, 0.0) for f in token_features(tok))
        if self.dense.size:
            vec = dense_features(tok)
            if vec is not None and len(vec) == self.dense.size:
                z += float(np.dot(self.dense, vec))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_cue(self, tok: Token) -> bool:
        return self.score(tok) is not None

    def score(self, tok: Token) -> float | None:
        """The cue probability when the token is a cue, else None (one feature pass)."""
        lem = lemma(tok)
        if self.weights is None:
            return 0.9 if lem in CUE_CLASSES and pos(tok) == "VERB" else None
        if f"lemma={lem}" not in self.weights and lem not in CUE_CLASSES:
            if not self.open_vocabulary:
                return None
            if pos(tok) == "NOUN" and not any(c.dep_ == "poss" for c in tok.children):
                return None  # a noun cue needs its possessor as the source ("her claim that")
        p = self.probability(tok)
        return p if p >= self.threshold else None


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
    """A scorer from the model file's content (weights, threshold, learned cue words, dense part)."""
    return CueScorer(
        data["weights"],  # type: ignore[arg-type]
        float(data.get("threshold", THRESHOLD)),  # type: ignore[arg-type]
        tuple(data.get("learned_cues", ())),  # type: ignore[arg-type]
        tuple(data.get("dense", ())),  # type: ignore[arg-type]
        bool(data.get("open_vocabulary", False)),
    )
