"""Corrections to parsed attributions that the parse alone gets wrong: a seeming has no speaker
("X appeared divided"); a statement announced with a colon is the quotation after it; for "X has
angered Y" and "X drew criticism from Y", Y is the source and X what Y spoke about; of one
sentence's attributions, those that state what their speaker said (``own_statements``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.attribution.complements import EXPERIENCER_VERBS
from storyline.attribution.cues import surface_forms
from storyline.attribution.speaker_words import ANONYMOUS_NOUNS, RECORD_NOUNS
from storyline.attribution.syntax import Candidate
from storyline.attribution.tokens import lemma

_ANNOUNCING = re.compile(r"(?:[\w'’-]+\s+){0,5}?[\w'’-]+:\s*(?=[\"“])")


def after_announcing_colon(text: str, cand: Candidate, cue_starts: Sequence[int] = ()) -> Candidate:
    """ "released the following statement: "..."", "called them on it: "..."": what was said is
    the quotation after the colon, not the words that announce it; but 'Trump said he responded:
    "..."' reports a reply, which is what he said (another cue lies in the words before the colon)."""
    start, end = cand.content
    m = _ANNOUNCING.match(text, start, end)
    if m is None or m.end() >= end or any(start <= k < m.end() for k in cue_starts):
        return cand
    return replace(cand, content=(m.end(), end))


def the_following(text: str, cand: Candidate) -> bool:
    """ "the following statement": an adjective, not a cue."""
    return cand.cue_text.lower() == "following" and text[max(0, cand.cue[0] - 4) : cand.cue[0]].lower() == "the "


#: "X seems / appears ready", "X is expected to sign", "X is widely seen as", "X was asked": the
#: subject is what the writer judges or whom a question was put to, not who speaks (PolNeAR train:
#: 270 seem / appear / expected cues with no source, 49 with one; "widely", "known", "seen" 37 to 1)
_EVIDENTIAL = re.compile(
    r"(?:^|\s)(?:seem|seems|seemed|appear|appears|appeared"
    r"|(?:is|are|was|were|been|be) (?:\w+ ){0,2}(?:expected|known|seen|asked))$"
)


def evidential(text: str, c: Candidate) -> Candidate:
    """A seeming or an expectation speaks in the writer's voice: no source ("John Oliver appeared
    to lose his temper" is not something Oliver said). "It seems that ..." keeps its "it", the
    outlet's own assessment."""
    if c.source is None or not _EVIDENTIAL.search(c.cue_text.lower()) or c.source.text.strip().lower() == "it":
        return c
    if c.source_offset > c.cue[0]:  # "was asked by the opposition": the agent asked
        return c
    if text[max(0, c.content[0] - 1) : c.content[0] + 1].strip(" ")[:1] in "\"“'‘":
        return c  # "Santorum appeared on Face the Nation: '...'": a quotation has its speaker
    return replace(c, source=None)


_FORMS = frozenset(f for verb in EXPERIENCER_VERBS for f in surface_forms(verb))


_CLAUSE_OPENERS = frozenset(["that", "whether", "if", "how", "why", "what", "when"])


def _last_cue_word(c: Candidate) -> str:
    words = c.cue_text.lower().split()
    return words[-1] if words else ""


def _holder_as_source(c: Candidate, start: int, end: int) -> Candidate:
    """The candidate with ``start``..``end`` (a noun phrase after the cue) as its source and its
    subject as its content; unchanged when the stretch is no span of the parse."""
    source = c.source
    if source is None or not c.source_offset < c.cue[0] < start:
        return c
    base = c.source_offset - source.start_char
    holder = source.doc.char_span(start - base, end - base, alignment_mode="contract")
    if holder is None or not len(holder):
        return c
    subject = (c.source_offset, c.source_offset + len(source.text))
    return replace(c, source=holder, source_offset=base + holder.start_char, content=subject)


def experiencer_source(c: Candidate) -> Candidate:
    """For "X has angered Y", Y holds the attitude (the source) and X is what it is about (the
    content): the parse gave the subject as the source and the object as the content."""
    if c.source is None or _last_cue_word(c) not in _FORMS:
        return c
    base = c.source_offset - c.source.start_char
    span = c.source.doc.char_span(c.content[0] - base, c.content[1] - base, alignment_mode="contract")
    if span is None or not len(span) or not span.root.tag_.startswith(("NN", "PRP")):
        return c
    if span[0].lower_ in _CLAUSE_OPENERS:  # "experts, who worry that the vendetta signals ...": a clause
        return c
    if span.root.dep_ == "pobj":  # "worries so much about corrupted cellphones": what it worries about
        return c
    root = span.root
    cut = min([t.i for t in root.rights if t.dep_ in ("prep", "relcl", "acl", "ccomp", "punct")] + [span.end])
    holder = span.doc[span.start : cut]
    return _holder_as_source(c, base + holder.start_char, base + holder.end_char)


_DREW = re.compile(
    r"(?:[\w'’-]+\s+){0,2}(?:criticism|praise|fire|condemnation|rebukes?|ire|scorn|applause|complaints?|protests?)"
    r"\s+from\s+(?P<holder>.+)$",
    re.IGNORECASE,
)


def drew_from(text: str, c: Candidate) -> Candidate:
    """ "The statement drew sharp criticism from both sides": those it came from are the source and
    the subject what they spoke about (the parse gave the subject as the source)."""
    if c.source is None or _last_cue_word(c) not in ("draw", "draws", "drew", "drawn"):
        return c
    m = _DREW.match(text, c.content[0], c.content[1])
    return c if m is None else _holder_as_source(c, m.start("holder"), m.end("holder"))


_ASKED = re.compile(r"(?:when |after being )?asked(?: about| on| for)?$", re.IGNORECASE)
_ASKED_OF = re.compile(r"(?:^|\b(?:when|if|once|after being|before being)\s+)$", re.IGNORECASE)


def own_statements(text: str, found: list[Candidate]) -> list[Candidate]:
    """The attributions of one sentence that state what their speaker said.

    * "Asked whether Marisca would return, she said ...": what she was asked is the reporter's
      question, not her statement (the participle has no speaker of its own);
    * '"No," he replied, according to the committee's transcript': the transcript is where the
      reply is recorded; the reply stays his (so the quote that follows goes on with it)."""
    out = []
    spoken = [
        c
        for c in found
        if c.kind_hint != "according" and c.source is not None and not c.cue_text.lower().startswith("to ")
    ]
    for c in found:
        if c.cue_lemma == "ask" and _ASKED.match(c.cue_text):  # "Asked", "When asked about", ...
            sentence_head = text[max(0, c.cue[0] - 20) : c.cue[0]].rsplit("\n", 1)[-1]
            sentence_head = re.split(r"[.!?][\"”’]?\s", sentence_head)[-1]
            asker = text[max(0, c.source_offset - 3) : c.source_offset] == "by " if c.source is not None else False
            # ("Christie said when asked whether ...": the cue holds its "when")
            # a sentence's own first word ("Asked specifically what ..., the voters were evenly
            # divided") needs no other speaker; not '"How big is that wall?" asked the boy'
            opening = _ASKED_OF.search(sentence_head.lstrip(' “"')) and (
                c.cue_text.startswith("Asked") or any(o is not c for o in spoken)
            )
            if opening and not asker:
                # the question stays, asked by no one named ("by a reporter" is), up to the one asked
                start = c.content[0] if c.content[1] > c.content[0] else c.cue[1]
                end = c.source_offset if start < c.source_offset else c.content[1]
                start += len(text[start:end]) - len(text[start:end].lstrip())
                c = replace(c, source=None, content=(start, max(start, len(text[:end].rstrip(" ,;—–-")))))
        if (
            c.kind_hint == "according"
            and _names_a_record(c)
            and any(o.cue[1] <= c.cue[0] and c.content[0] <= o.cue[0] < c.content[1] for o in spoken)
        ):
            continue
        out.append(c)
    return out


#: Where words are kept, not who reports them: "according to the committee's transcript".
def _names_a_record(c: Candidate) -> bool:
    """Whether an "according to" names the record that holds a spoken clause's words ('"No," he
    replied, according to the transcript'); an outlet or an organizer is a source of its own."""
    return c.source is not None and not _names_a_speaker(c) and lemma(c.source.root) in RECORD_NOUNS


def _names_a_speaker(c: Candidate) -> bool:
    """Whether an "according to" names someone who spoke ("according to a senior official who
    briefed the media"), not the record that holds the words ("according to the transcript"):
    that person is the source of the clause, and the story's current speaker after it."""
    if c.source is None:
        return False
    root = c.source.root
    return lemma(root) in ANONYMOUS_NOUNS or any(e.label_ == "PERSON" for e in c.source.ents)
