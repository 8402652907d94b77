"""Attributions found by the shape of a sentence rather than by a reporting verb: a label and a
colon ("Pat Caddell: ...", "PENCE: ..."), and the outlet answering its own question ("So who's
telling the truth? In this case, it seems that the North Koreans are")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.attribution.content_spans import EDGE
from storyline.attribution.sentences import Sentence
from storyline.attribution.syntax import Candidate
from storyline.attribution.tokens import pos
from storyline.model import Article

# labels an outlet puts before its own notices, not names of people quoted
_EDITORIAL_LABELS = frozenset(
    ["update", "updated", "updates", "correction", "clarification", "editor's note", "editor’s note", "note"]
    + ["breaking", "watch", "read more", "related", "listen", "developing", "background", "disclosure"]
)
_RHETORICAL = re.compile(r"^(?:so\s+|but\s+|and\s+)?(?:who|what|why|how|is|are|was|does|did)\b", re.IGNORECASE)


def colon_candidates(text: str, wanted: list[Sentence], docs: list[Doc], existing: list[Candidate]) -> list[Candidate]:
    """``Name: statement`` headlines and a cue ending in a colon followed by the statement."""
    out: list[Candidate] = []
    for sent, doc in zip(wanted, docs, strict=True):
        chunk = text[sent.start : sent.end]
        colon = chunk.find(":")
        if colon <= 0 or colon > 60:
            continue
        if chunk[colon - 1 : colon].isdigit() and chunk[colon + 1 : colon + 2].isdigit():
            continue  # a time or a score ("At 12:40 a.m. on Thursday, ..."), not a label
        lead = len(chunk) - len(chunk.lstrip("\"“'‘ "))
        head = doc.char_span(lead, colon, alignment_mode="contract")
        if head is None or not len(head) or len(head) > 4:
            continue
        if any(c.cue[0] < sent.start + colon for c in existing if sent.start <= c.cue[0] < sent.end):
            continue
        # a name-like label: capitalised words only ("Pat Caddell:", "PENCE:"), no verb, no digits
        words = [t for t in head if not t.is_punct]
        if not words or not all(t.text[:1].isupper() and t.is_alpha for t in words):
            continue
        if any(pos(t) in ("VERB", "AUX") for t in words):
            continue
        if " ".join(t.lower_ for t in words) in _EDITORIAL_LABELS:
            continue  # "UPDATE: ...", "Editor's note: ...": the outlet's own notice, no one quoted
        body_start = sent.start + colon + 1
        while body_start < sent.end and text[body_start].isspace():
            body_start += 1
        if body_start >= sent.end:
            continue
        out.append(
            Candidate(
                cue=(sent.start + colon, sent.start + colon + 1),
                cue_text=":",
                cue_lemma=":",
                content=(body_start, sent.end),
                source=head,
                source_offset=sent.start + head.start_char,
                confidence=0.6,
                kind_hint="colon",
            )
        )
    return out


def rhetorical_candidates(article: Article, sentences: list[Sentence], existing: list[Candidate]) -> list[Candidate]:
    """The outlet answering its own question ("So who's telling the truth? ... it seems ...")."""
    text = article.text
    out: list[Candidate] = []
    for i, sent in enumerate(sentences[:-1]):
        chunk = text[sent.start : sent.end].strip(EDGE)
        if not chunk.endswith("?") or not _RHETORICAL.match(chunk) or len(chunk.split()) > 12:
            continue
        if any(c.content[0] <= sent.start < c.content[1] or sent.start <= c.content[0] < sent.end for c in existing):
            continue  # the question is itself quoted and attributed
        nxt = sentences[i + 1]
        attributed = [c for c in existing if c.source is not None and c.source.text.lower() not in ("it", "this")]
        if any(c.content[0] < nxt.end and nxt.start < c.content[1] for c in attributed if c.cue_lemma != "report"):
            continue
        out.append(
            Candidate(
                cue=(sent.start, sent.end),
                cue_text=text[sent.start : sent.end].strip(),
                cue_lemma="?",
                content=(nxt.start, nxt.end),
                source=None,
                source_offset=sent.start,
                confidence=0.5,
                kind_hint="outlet",
            )
        )
    return out
