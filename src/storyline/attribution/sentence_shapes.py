"""Attributions found by the shape of a sentence rather than by a reporting verb: a label and a
colon ("Pat Caddell: ...", "PENCE: ..."), and the outlet answering its own question ("So who's
telling the truth? In this case, it seems that the North Koreans are")."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.attribution.article_context import ArticleContext
from storyline.attribution.content_spans import EDGE
from storyline.attribution.cues import cue_class
from storyline.attribution.gazetteer import is_organisation_word
from storyline.attribution.sentences import Sentence
from storyline.attribution.speaker_words import ANONYMOUS_NOUNS, GROUP_NOUNS, RECORD_NOUNS
from storyline.attribution.subjects import DOCUMENT_NOUNS
from storyline.attribution.syntax import Candidate
from storyline.attribution.tokens import lemma, pos
from storyline.model import Article, CueClass

# labels an outlet puts before its own notices, not names of people quoted
_EDITORIAL_LABELS = frozenset(
    ["update", "updated", "updates", "correction", "clarification", "editor's note", "editor’s note", "note"]
    + ["breaking", "watch", "read more", "related", "listen", "developing", "background", "disclosure"]
)
_RHETORICAL = re.compile(r"^(?:so\s+|but\s+|and\s+)?(?:who|what|why|how|is|are|was|does|did)\b", re.IGNORECASE)


# a one-word label that names who speaks without being a name ("Poll: ...", "Officials: ...")
_SPEAKING_NOUNS = (
    ANONYMOUS_NOUNS | GROUP_NOUNS | RECORD_NOUNS | DOCUMENT_NOUNS | {"newspaper", "statement", "editorial"}
)


_OPENING_QUOTES = frozenset("\"“‘'")


def _names_a_speaker(text: str, word: str, colon: int) -> bool:
    """Whether a one-word label is someone who speaks: a noun for a speaker or a record, a label
    the text gives more than once (a transcript's "TAPPER:"), or a name the text also writes
    elsewhere, not as a label ("Issa: ..." over a story about Darrell Issa; "PENCE:" with Mike
    Pence named), or one a quotation follows. "BOOM:", "EXCLUSIVE:", "Question:" and
    "Superdelegates:" name no one."""
    low = word.lower()
    if low.rstrip("s") in _SPEAKING_NOUNS or low in _SPEAKING_NOUNS:
        return True
    if text[colon + 1 : colon + 3].lstrip()[:1] in _OPENING_QUOTES:
        return True  # 'Smith: "We will not back down."': a quotation is someone's
    uses = [m for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) if m.start() != colon - len(word)]
    labels = [m for m in uses if text[m.end() : m.end() + 1] == ":"]
    named = [m for m in uses if m not in labels and m.group()[:1].isupper() and not m.group()[1:2].isupper()]
    return bool(labels) or any(not _opens_sentence(text, m.start()) for m in named)


def _opens_sentence(text: str, at: int) -> bool:
    """Whether ``at`` starts a line or a sentence (where any word is capitalised)."""
    before = text[max(0, at - 3) : at].rstrip(" \t\"“‘'")
    return not before or before.endswith(("\n", ".", "!", "?", ":"))


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
        # "Added Gibbs:", "Countered Vask:": a reporting verb before the name is the cue
        verb = words[0] if len(words) > 1 and words[0].lower_.endswith("ed") and _said(words[0]) else None
        if verb is not None:
            head, words = doc[verb.i + 1 : head.end], words[1:]
        if any(pos(t) in ("VERB", "AUX") for t in words):
            continue
        if " ".join(t.lower_ for t in words) in _EDITORIAL_LABELS:
            continue  # "UPDATE: ...", "Editor's note: ...": the outlet's own notice, no one quoted
        if len(words) == 1 and not _names_a_speaker(text, words[0].text, sent.start + colon):
            continue  # "BOOM: ...", "Question: ...", "Superdelegates: ...": a kicker, not a speaker
        body_start = sent.start + colon + 1
        while body_start < sent.end and text[body_start].isspace():
            body_start += 1
        if body_start >= sent.end:
            continue
        out.append(
            Candidate(
                cue=(sent.start + verb.idx, sent.start + verb.idx + len(verb))
                if verb
                else (sent.start + colon, sent.start + colon + 1),
                cue_text=verb.text if verb else ":",
                cue_lemma=lemma(verb) if verb else ":",
                content=(body_start, sent.end),
                source=head,
                source_offset=sent.start + head.start_char,
                confidence=0.6,
                kind_hint="" if verb else "colon",
            )
        )
    return out


def label_person(label: str, ctx: ArticleContext) -> str | None:
    """The person a label is, else None (the tagger reads such labels as acronyms or adjectives):
    a transcript's "JAKE TAPPER:" (two or three capitalised words, no organisation's) is Jake
    Tapper, and its later "TAPPER:" him too; "PENCE:" or "Issa:" over a story naming Mike Pence or
    Rep. Darrell Issa is that person."""
    words = label.split()
    if not words or not all(w.isalpha() for w in words):
        return None
    if 2 <= len(words) <= 3 and label.isupper() and not any(is_organisation_word(w.title()) for w in words):
        return label.title()
    if len(words) > 1:
        return None
    if ctx.names_surname(label):
        full = ctx.full_name(label)
        return full if full.lower() != label.lower() else None
    if label.isupper():  # the surname of a full label given before: "JAKE TAPPER:" ... "TAPPER:"
        full_label = re.search(rf"(?m)^((?:[A-Z]+ ){{1,2}}{label}):", ctx.text)
        if full_label is not None and not any(is_organisation_word(w.title()) for w in full_label.group(1).split()):
            return full_label.group(1).title()
    return None


def rhetorical_candidates(article: Article, sentences: list[Sentence], existing: list[Candidate]) -> list[Candidate]:
    """The outlet answering its own question ("So who's telling the truth? ... it seems ...")."""
    text = article.text
    out: list[Candidate] = []
    for i, sent in enumerate(sentences[:-1]):
        chunk = text[sent.start : sent.end].strip(EDGE)
        if not chunk.endswith("?") or not _RHETORICAL.match(chunk) or len(chunk.split()) > 12:
            continue
        alone = sentences[i + 1].paragraph != sent.paragraph and (
            i == 0 or sentences[i - 1].paragraph != sent.paragraph
        )
        if alone and len(chunk.split()) <= 3:
            continue  # a subheading ("What Ideology?"), not a question the writer answers
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


_NO_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which"})


def introduced_quotations(
    text: str, wanted: list[Sentence], docs: list[Doc], existing: list[Candidate]
) -> list[Candidate]:
    """A clause that introduces a quotation with a colon ('Hollis made her case: "..."', 'Perez
    lobbies for a higher minimum wage: "..."'): the quotation is the words of the clause's subject,
    its verb the cue, when no other cue claims the quotation. Not an impersonal "It was simple:"."""
    out: list[Candidate] = []
    for sent, doc in zip(wanted, docs, strict=True):
        for colon in (t for t in doc if t.text == ":"):
            after = text[sent.start + colon.idx + 1 : sent.start + colon.idx + 4].lstrip()
            if after[:1] not in _OPENING_QUOTES:
                continue
            verb = colon.head if colon.head.i < colon.i else None
            cue_end = verb
            if verb is None:  # the parser hung the colon on the quotation: the clause before it
                verb, cue_end, source = _clause_before_colon(doc, colon.i)
            elif pos(verb) != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
                continue
            elif any(pos(t) == "VERB" for t in doc[verb.i + 1 : colon.i]):
                continue  # "returned to it at the rally, where he suggested ...: '...'": a nearer clause's
            else:
                source = _subject_phrase(verb)
            if verb is None or cue_end is None or source is None:
                continue
            start = sent.start + colon.idx + 1
            while start < sent.end and text[start].isspace():
                start += 1
            if any(c.content[0] <= start < c.content[1] or start <= c.content[0] < sent.end for c in existing):
                continue
            out.append(
                Candidate(
                    cue=(sent.start + verb.idx, sent.start + cue_end.idx + len(cue_end.text)),
                    cue_text=doc[verb.i : cue_end.i + 1].text,
                    # a quotation it introduces makes any verb a verb of saying ("lobbies for ...: '...'")
                    cue_lemma=lemma(cue_end) if _says(lemma(cue_end)) else ":",
                    content=(start, sent.end),
                    source=source,
                    source_offset=sent.start + source.start_char,
                    confidence=0.6,
                )
            )
    return out


def _said(tok: Token) -> bool:
    """Whether a word reports words ("added", "retort"), not a deed, a belief or "be"."""
    return tok.lower_ != "be" and _says(lemma(tok))


def _says(lem: str) -> bool:
    return cue_class(lem) not in (CueClass.OTHER, CueClass.BELIEF)


def _subject_phrase(verb: Token) -> SpacySpan | None:
    """The subject before a verb, whole, unless it names no one ("It was simple:")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ in _NO_SPEAKERS:
        return None
    words = list(subject.subtree)
    return verb.doc[words[0].i : words[-1].i + 1]


def _clause_before_colon(doc: Doc, colon: int) -> tuple[Token | None, Token | None, SpacySpan | None]:
    """The cue's first and last words and the speaker of a clause the parser hung, with its colon, on
    the quotation after it: 'Vask made his case: "..."', 'Biden was quick to retort: "..."' (cue "was
    quick to retort"); (None, None, None) for anything else."""
    if colon < 2:
        return None, None, None
    tops = [t for t in doc[:colon] if not 0 <= t.head.i < colon or t.head.i == t.i]
    verb = tops[0] if len(tops) == 1 else None
    source = _subject_phrase(verb) if verb is not None else None
    if verb is None or source is None or verb.tag_ not in ("VBD", "VBZ"):
        return None, None, None
    if any(pos(t) == "VERB" for t in doc[verb.i + 1 : colon]) and lemma(verb) != "be":
        return None, None, None  # a nearer clause's verb (as in ``introduced_quotations``)
    if lemma(verb) == "be" and not any(_said(t) for t in doc[verb.i : colon]):
        return None, None, None  # "Vask was clear:" says nothing; "was quick to retort:" does
    return verb, (doc[colon - 1] if lemma(verb) == "be" else verb), source


_QUOTATION_END = re.compile(r"[”\"’']?[.!?…]*[”\"’']?(?:\s|$)")


def quotation_after_statement(
    text: str, sentences: list[Sentence], segments: list[tuple[int, int]], found: list[Candidate]
) -> list[Candidate]:
    """'Vask said the toll was unfair. "It is a disgrace to the port."': a quotation that makes up a
    sentence of its own, with no cue, right after a statement in the same paragraph, is that
    statement's speaker's (reporters paraphrase, then quote); not a quotation another attribution
    already holds or one followed by its own ('"...," Hollis said')."""
    out: list[Candidate] = []
    opening = {s[0]: s for s in segments}
    for prev, sent in zip(sentences, sentences[1:], strict=False):
        lead = len(text[sent.start : sent.end]) - len(text[sent.start : sent.end].lstrip(" “\"‘'"))
        seg = opening.get(sent.start + lead)
        if seg is None or lead == 0:
            continue
        if not _QUOTATION_END.match(text, seg[1]):
            continue  # '"...," Hollis said': its own speaker follows
        if sent.paragraph != prev.paragraph and text[seg[1] : seg[1] + 3].strip(" ”\"’'.!?")[:1] not in ("", "\n"):
            continue  # a paragraph of its own, the quotation alone
        if any(c.content[0] < seg[1] and seg[0] < c.content[1] or seg[0] <= c.cue[0] < seg[1] + 3 for c in found):
            continue
        said = [
            c
            for c in found
            if prev.start <= c.cue[0] < prev.end
            and c.source is not None
            and not c.kind_hint
            and c.content[1] > c.content[0]
            # words said, or a deed that announces them ("issued the following statement:"), not any
            # deed ("Sanders voted in support of the act." and then someone else's quotation)
            and (_says(c.cue_lemma) or text[c.content[1] : seg[0]].lstrip(" ")[:1] == ":")
        ]
        if said:
            out.append(replace(said[-1], content=seg, confidence=said[-1].confidence * 0.8))
    return out
