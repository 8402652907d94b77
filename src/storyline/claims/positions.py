"""Each statement's stance toward its proposition, with the reason.

The proposition is anchored on its strongest version: the earliest statement that says "all" (a
dispute is about the maximal claim), or, when that is a clipped copy of a quote, the shortest fuller
statement of the maximal claim that holds its words; else the earliest statement that is not a
denial. Then, in order:

1. the reporting verb decides when it takes a side: conceding cues (acknowledged, conceded,
   admitted) -> ``concedes``; denying cues (denied, rejected, disputed) -> ``denies``;
2. scope against the anchor: "all" restated as "a large package" -> ``qualifies``; narrowed to
   "only" / "partial" / "not all" by the actor who asserted it -> ``qualifies``, by anyone else ->
   ``denies``;
3. polarity: another speaker negates what the anchor says (the negated stretch holds two of the
   shared words; not in an embedded question) -> ``denies``; a figure of the anchor's put at
   another value (beyond rounding) -> ``denies`` (``qualifies`` by its author);
4. a trained stance model (optional) that reads another speaker's statement against the anchor
   as "against" with high probability -> ``denies``;
5. otherwise ``asserts``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from storyline.claims.conflicts import (
    NARROWED,
    Scope,
    focus,
    negated_near,
    said_of_other_things,
    same_measure,
    scope_near,
)
from storyline.claims.lexicons import SCOPE_ALL, STOPWORDS
from storyline.claims.propositions import Statement
from storyline.claims.stance_features import stem, tokenize
from storyline.model import CueClass, Stance

CLASSIFIER_DENY_MIN = 0.8
FIGURE_TOLERANCE = 0.15  # figures closer than this (relative) are one figure rounded: "about 400 million"
DEFAULT_REASON = "restates the proposition"  # nothing decided the stance: the default


class StancePredictor(Protocol):
    def predict(self, claim: str, text: str) -> tuple[str, float]: ...


def choose_anchor(statements: Sequence[Statement]) -> Statement:
    """The statement the proposition is phrased from (see module doc)."""
    candidates = [s for s in statements if s.claim.cue_class not in (CueClass.DENYING, CueClass.CONCEDING)]
    candidates = candidates or list(statements)
    # how many statements hold each stem: a stem of s is shared when another statement holds it too
    held = Counter(stem for o in statements for stem in set(o.facts.stems))
    maximal: list[Statement] = []
    for s in candidates:
        shared = frozenset(x for x in set(s.facts.stems) if held[x] > 1 and x not in STOPWORDS and not x[0].isdigit())
        if scope_near(s.facts, shared)[0] is Scope.ALL and not negated_near(s.facts, shared):
            maximal.append(s)
    if maximal:
        # the earliest; but a clipped copy of a quote gives way to the closest fuller version holding it
        first = maximal[0]
        words = _words(first.claim.text)
        fuller = [s for s in maximal[1:] if len(_words(s.claim.text)) > len(words) and words in _words(s.claim.text)]
        return min(fuller, key=lambda s: len(s.claim.text)) if fuller else first
    for s in candidates:
        if not negated_near(s.facts, frozenset(s.facts.stems)):
            return s
    return candidates[0]


def _words(text: str) -> str:
    """The text's words, lowercased, space-joined with a space at each end (for containment)."""
    return " " + " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'"))) + " "


def stance_of(
    statement: Statement,
    anchor: Statement,
    asserted_before: bool,
    classifier: StancePredictor | None = None,
    predicted: tuple[str, float] | None = None,
) -> tuple[Stance, str]:
    """Stance of ``statement`` toward the proposition anchored on ``anchor``, and why.

    ``predicted`` is the classifier's (label, probability) for this pair when it was computed
    beforehand in a batch (:func:`predict_stances`); otherwise ``classifier`` is asked here."""
    ruled = stance_by_rules(statement, anchor, asserted_before)
    if ruled is not None:
        return ruled
    if predicted is None and classifier is not None:
        predicted = classifier.predict(anchor.claim.text, statement.claim.text)
    if predicted is not None:
        label, p = predicted
        # the model reads negation words; it is not asked about a statement that speaks of another
        # subject ("This investigation is not politically motivated" of "The firing was ...")
        if (
            label in ("against", "disagree")
            and p >= CLASSIFIER_DENY_MIN
            and statement.claim.actor != anchor.claim.actor  # it reads negation words, not whose
            and not said_of_other_things(statement.facts, anchor.facts)
        ):
            return Stance.DENIES, f"stance model reads it as {label} ({p:.2f})"
    return Stance.ASSERTS, DEFAULT_REASON


# "A, not B" with the maximal claim in B: a correction ("had asked to reverse one increase, not to
# scrap tolls as a whole"; "some of the sanctions, not all of them")
_NOT_ALL = re.compile(
    rf",\s+(?:and\s+|but\s+)?not\s+(?:[\w'’-]+\s+){{0,6}}?(?:{'|'.join(sorted(SCOPE_ALL | {'altogether'}))})\b",
    re.IGNORECASE,
)


def _refuses_to_act(content: str) -> bool:
    """ "refused to step down", "declined to comment": what is refused is an act, not the
    proposition; the reporting verb says nothing about whether the content is true."""
    return content.lstrip(" \"'“‘").lower().startswith("to ")


def stance_by_rules(statement: Statement, anchor: Statement, asserted_before: bool) -> tuple[Stance, str] | None:
    """Steps 1-3 of the module doc; None when only the stance model (step 4) can decide. Whether
    it is None does not depend on ``asserted_before``."""
    cue = statement.claim.cue or ""
    cue_class = statement.claim.cue_class
    if cue_class is CueClass.CONCEDING:
        return Stance.CONCEDES, f"the reporting verb '{cue}' concedes"
    if cue_class is CueClass.DENYING and not _refuses_to_act(statement.claim.text):
        return Stance.DENIES, f"the reporting verb '{cue}' denies"
    if statement is anchor:
        return Stance.ASSERTS, "states the proposition"
    shared = focus(anchor.facts, statement.facts)
    anchor_scope, anchor_words = scope_near(anchor.facts, shared)
    scope, words = scope_near(statement.facts, shared)
    if anchor_scope is Scope.ALL and scope in NARROWED:
        if scope is Scope.MAGNITUDE:
            return Stance.QUALIFIES, f"restates '{anchor_words}' as '{words}' (less than all)"
        if asserted_before:
            return Stance.QUALIFIES, f"narrows its own earlier '{anchor_words}' to '{words}'"
        return Stance.DENIES, f"'{words}' ({scope.value}) contradicts '{anchor_words}' (all)"
    if anchor_scope is Scope.ALL and scope is Scope.ALL:
        corrected = _NOT_ALL.search(statement.claim.text)
        if corrected and statement.claim.actor != anchor.claim.actor:
            # "asked to reverse the increase, not to scrap tolls as a whole" against "every toll"
            return Stance.DENIES, f"'{corrected.group().lstrip(', ')}' denies '{anchor_words}'"
        return Stance.ASSERTS, f"says '{words}' like the proposition"
    neg, anchor_neg = negated_near(statement.facts, shared), negated_near(anchor.facts, shared)
    if (
        bool(neg) != bool(anchor_neg)
        and statement.claim.actor != anchor.claim.actor  # one speaker's "not" elaborates, "denied" retracts
        # the negated stretch holds two of the shared words: "I would not trust the president
        # with the budget" negates trusting, not what "the president should insist ..." says
        and negated_near(statement.facts if neg else anchor.facts, shared, least=min(2, len(shared)))
        and not said_of_other_things(statement.facts, anchor.facts)
    ):
        return Stance.DENIES, f"'{neg or anchor_neg}' reverses the polarity of the proposition"
    figure = other_figure(statement, anchor)
    if figure:
        if asserted_before:
            return Stance.QUALIFIES, f"revises its own figure: {figure}"
        return Stance.DENIES, figure
    return None


def other_figure(statement: Statement, anchor: Statement) -> str:
    """Why ``statement`` puts a figure of the anchor's at another value, or "": a number counting
    the same noun whose nearest value in the anchor differs by more than a rounding
    (``FIGURE_TOLERANCE``) and less than another measure would (``same_measure``): "well over
    half a billion veldor" against "412 million veldor"; "about 400 million" is 412 million rounded."""
    for value, nearest, noun in same_measure(statement.facts, anchor.facts):
        if max(value, nearest) / min(value, nearest) > 1 + FIGURE_TOLERANCE:
            return f"puts it at {value:,.0f} {noun}, not {nearest:,.0f}"
    return ""


def _claims_all(statement: Statement) -> bool:
    stems = frozenset(x for x in statement.facts.stems if x not in STOPWORDS)
    return scope_near(statement.facts, stems)[0] is Scope.ALL


def states_proposition(statement: Statement, anchor: Statement) -> bool:
    """Whether ``statement`` states the anchor's claim itself: it is the anchor, or, when the
    anchor makes a maximal claim ("all", "every"), it carries that "all" too. Only someone who
    stated the maximal claim can later narrow it (``qualifies``); anyone else who says "only"
    denies it."""
    if statement.claim.id == anchor.claim.id:
        return True
    if not _claims_all(anchor):
        return True
    return scope_near(statement.facts, focus(anchor.facts, statement.facts))[0] is Scope.ALL


def maximal_statements(statements: Sequence[Statement], anchor: Statement) -> list[Statement]:
    """The anchor and every other statement that makes the maximal claim ("all", "every", "in
    their entirety") without negating it: what a denial or a narrowing answers."""
    out = [anchor]
    for s in statements:
        if s.claim.id != anchor.claim.id and s.claim.cue_class not in (CueClass.DENYING, CueClass.CONCEDING):
            stems = frozenset(x for x in s.facts.stems if x not in STOPWORDS)
            if _claims_all(s) and not negated_near(s.facts, stems):
                out.append(s)
    return out


def stance_against_maximal(
    statement: Statement, maximal: Sequence[Statement], asserted_before: bool
) -> tuple[Stance, str] | None:
    """A statement the anchor alone did not decide, read against every statement of the maximal
    claim: one that narrows or negates what such a statement says about the same thing denies the
    proposition (or qualifies it, when its actor stated the maximal claim before)."""
    from storyline.claims.grouping import contradicts

    if _claims_all(statement):
        return None
    stems = frozenset(x for x in statement.facts.stems if x not in STOPWORDS)
    scope, words = scope_near(statement.facts, stems)
    for m in maximal:
        if m.claim.actor == statement.claim.actor and not asserted_before:
            continue
        shared = focus(m.facts, statement.facts)
        near, near_words = scope_near(statement.facts, shared) if shared else (Scope.NONE, "")
        if near is Scope.MAGNITUDE and scope_near(m.facts, shared)[0] is Scope.ALL:
            return Stance.QUALIFIES, f"restates '{scope_near(m.facts, shared)[1]}' as '{near_words}' (less than all)"
        # one's own "not" elaborates ("why he couldn't agree to the relief package"); one's own
        # "only" / "not the base levy" narrows
        own = m.claim.actor == statement.claim.actor
        why = ("" if own else contradicts(m, statement)) or _excludes(statement, m)
        if not why and scope in (Scope.ONLY, Scope.PARTIAL):  # "only X", in a proposition about all of it
            why = f"'{words}' ({scope.value}) against '{scope_near(m.facts, stems)[1] or m.claim.text[:40]}' (all)"
        if why:
            if asserted_before:
                return Stance.QUALIFIES, f"narrows its own earlier claim: {why}"
            return Stance.DENIES, f"{why}, as {m.claim.actor} said"
    return None


# "the 2021 surcharges, not the base levy": what follows ", not" is what the statement leaves out
_CONTRAST = re.compile(
    r",\s+(?:but\s+)?not\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|any\s+)?((?:[\w’'-]+\s+){0,2}[\w’'-]+)"
)


def _excludes(statement: Statement, maximal: Statement) -> str:
    """Why ``statement`` leaves out what ``maximal`` says all of ("The proposal concerned the 2021
    surcharges, not the base levy" against "they wanted the whole levy schedule gone"), or ""."""
    for m in _CONTRAST.finditer(statement.claim.text):
        left_out = frozenset(stem(w) for w in tokenize(m.group(1))) - STOPWORDS
        shared = left_out & frozenset(maximal.facts.stems)
        if shared:
            scope, words = scope_near(maximal.facts, shared)
            if scope is Scope.ALL:
                return f"'not {m.group(1)}' leaves out what '{words}' says all of"
    # "the Mariscans had always distinguished between the old levy and the 2021 surcharges": two
    # parts of what "the whole levy schedule" takes as one
    for m in _DISTINCTION.finditer(statement.claim.text):
        parts = [frozenset(stem(w) for w in tokenize(g)) - STOPWORDS for g in m.groups()]
        shared = frozenset().union(*parts) & frozenset(maximal.facts.stems)
        scope, words = scope_near(maximal.facts, shared) if shared else (Scope.NONE, "")
        if scope is Scope.ALL:
            return f"tells '{m.group(1)}' from '{m.group(2)}', which '{words}' takes as one"
    return ""


_DISTINCTION = re.compile(
    r"\b(?:distinguish\w*|differentiat\w*|dr[ae]w\w*\s+a\s+(?:line|distinction))\s+between\s+(?:the\s+)?"
    r"([\w’'-]+(?:\s+[\w’'-]+){0,3}?)\s+and\s+(?:the\s+)?([\w’'-]+(?:\s+[\w’'-]+){0,3})",
    re.IGNORECASE,
)


def predict_stances(
    pairs: Sequence[tuple[str, str]], classifier: StancePredictor
) -> dict[tuple[str, str], tuple[str, float]]:
    """The classifier's (label, probability) for each distinct (claim, text) pair, in one batch
    when the classifier offers ``predict_many`` (the shipped one does)."""
    distinct = list(dict.fromkeys(pairs))
    if not distinct:
        return {}
    many = getattr(classifier, "predict_many", None)
    if many is not None:
        got = many([c for c, _ in distinct], [t for _, t in distinct])
    else:
        got = [classifier.predict(c, t) for c, t in distinct]
    return dict(zip(distinct, got, strict=True))
