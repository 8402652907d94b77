"""Sources named in a phrase rather than as a subject: "according to X" and a poll or document after
"in". The content is the clause the phrase modifies."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.attribution.candidate import Candidate
from storyline.attribution.complements import clause_before_phrase
from storyline.attribution.cues import CUE_CLASSES
from storyline.attribution.tokens import lemma, token_span, token_subtree


def in_document(doc: Doc, tok: Token, pobj: Token, base: int) -> Candidate | None:
    """A poll or document named after "in" as the source of the clause ("In a CBS poll, most voters
    backed ...", "mired in fourth in most surveys")."""
    cand = _phrase_source(doc, tok, tok, pobj, base)
    if cand is None:
        return None
    cand.cue_lemma = "in"
    cand.kind_hint = "according"
    cand.confidence = 0.7
    if tok.head.i < tok.i and (span := token_span(clause_before_phrase(tok))):  # "mired in fourth in most surveys"
        cand.content = (base + span[0], base + span[1])
    return cand


def according(doc: Doc, tok: Token, base: int) -> Candidate | None:
    """ "according to X": X is the source of the clause the phrase modifies."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        nxt = [t for t in doc[to.i + 1 :] if not t.is_punct]
        if not nxt:
            return None
        pobj = nxt[0]
    return _phrase_source(doc, tok, to, pobj, base)


def _set_off(doc: Doc, first: int, last: int) -> bool:
    """Whether tokens ``first``..``last`` are set off by commas or dashes on both sides."""
    marks = (",", "—", "–", "--")
    return first > 0 and last + 1 < len(doc) and doc[first - 1].text in marks and doc[last + 1].text in marks


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _phrase_source(doc: Doc, tok: Token, to: Token, pobj: Token, base: int) -> Candidate | None:
    """A cue phrase ("according to", "in") naming its source (``pobj``): the content is the clause
    it modifies, without the phrase (the larger side of the sentence)."""
    src = token_subtree(pobj)
    phrase = {tok.i, to.i, *(t.i for t in src)}
    # content: the clause the phrase modifies, without the phrase; the larger side of the sentence
    left = [t for t in doc if t.i < min(phrase)]
    right = [t for t in doc if t.i > max(phrase)]
    content = right if len(right) >= len(left) else left
    finite = [side for side in (left, right) if any(t.tag_ in _FINITE for t in side)]
    if len(finite) == 1:  # "Trump is lagging ..., according to the average - despite winning ...": the clause
        content = finite[0]
    both_sides = all(sum(not t.is_punct for t in side) >= 2 for side in (left, right))
    if both_sides and _set_off(doc, min(phrase), max(phrase)):
        # an aside in the middle ("The tweet, according to officials, had preempted ..."): the
        # clause runs on both sides of it ("... in 2013, according to the CBO, and the top 10
        # percent paid ..." too); but not into a coordinated clause with its own speaker ("... 412
        # million in 2024, according to the authority, and the official claimed ..."): that one
        # is the official's
        after = next((t for t in right if not t.is_punct), None)
        own_speaker = (
            after is not None
            and after.dep_ == "cc"
            and any(
                t.tag_.startswith("VB") and lemma(t) in CUE_CLASSES and any(c.dep_ == "nsubj" for c in t.children)
                for t in right
            )
        )
        if not own_speaker:
            # inside a clause another speaker reports ("The Post reported that the tweet, according
            # to officials, had preempted ..."): the aside covers that clause, not the report of it
            reporter = next(
                (
                    t
                    for t in reversed(left)
                    if t.tag_.startswith("VB")
                    and lemma(t) in CUE_CLASSES
                    and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)
                ),
                None,
            )
            if reporter is not None:
                left = [t for t in left if t.i > reporter.i and not (t.i == reporter.i + 1 and t.lower_ == "that")]
        # (a report's subject and verb alone before it: "Politico reported, according to sources
        # ..., Clinton tried ...": the clause after it, not the phrase itself)
        content = left if own_speaker else (left + right if any(not t.is_punct for t in left) else right)
    cspan = token_span(content)
    sspan = token_span(src)
    if cspan is None or sspan is None:
        return None
    return Candidate(
        cue=(base + tok.idx, base + to.idx + len(to.text)),
        cue_text=doc[tok.i : to.i + 1].text,
        cue_lemma="according to",
        content=(base + cspan[0], base + cspan[1]),
        source=doc[min(t.i for t in src) : max(t.i for t in src) + 1],
        source_offset=base + sspan[0],
        confidence=0.9,
        kind_hint="according",
    )
