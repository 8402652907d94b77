"""Attributions read from a dependency parse: the cue, its subject (the source) and its
complement or the clause it interrupts (the content), plus "according to X"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.attribution.cue_model import CueScorer
from storyline.attribution.tokens import SentenceView, lemma, pos, sentence_view

_SUBJECT_DEPS = ("nsubj", "csubj")
_MAX_SOURCE_TOKENS = 20
_TOPIC_PREPS = ("about", "on", "of", "over", "against")
_CUE_PREPS = frozenset({"about", "for", "against", "on", "of", "over", "to", "at", "upon"})


@dataclass
class Candidate:
    """An attribution found in the parse, before speaker resolution (offsets into article text)."""

    cue: tuple[int, int]
    cue_text: str
    cue_lemma: str
    content: tuple[int, int]
    source: SpacySpan | None
    source_offset: int
    confidence: float
    kind_hint: str = ""  # "according" | "colon" | "outlet" | ""


def candidates_from_doc(doc: Doc, base: int, scorer: CueScorer) -> list[Candidate]:
    """Attributions in one parsed sentence; ``base`` is the sentence's offset in the article."""
    out: list[Candidate] = []
    verb_cues: dict[int, int] = {}  # token index of a verb cue -> its candidate's index in ``out``
    v = sentence_view(doc)
    n = len(doc)
    lower, poses = v.lower, v.pos
    for i in range(n):
        low = lower[i]
        p = poses[i]
        if low == "according" and i + 1 < n and lower[i + 1] == "to":
            cand = _according(doc, doc[i], base)
        elif low == "in" and v.dep[i] == "prep" and (document := _source_document(v, i)) >= 0:
            cand = _in_document(doc, doc[i], doc[document], base)
        elif p == "NOUN" and not any(v.dep[c] == "poss" for c in v.children[i]):
            cand = None  # a noun cue needs its possessor as the source ("her claim"): not scored
        elif (p == "VERB" or p == "NOUN") and (prob := scorer.score_at(doc, i)) is not None:
            cand = _verb_cue(doc, doc[i], base, prob)
            if cand is not None:
                h = v.head[i]
                if h in verb_cues and h < i and v.dep[i] in CHAINED_DEPS and i - h <= CHAIN_GAP:
                    # "continued to refute", "went on to say": one cue of two verbs
                    k = verb_cues[h]
                    out[k] = _chained(out[k], cand, doc.text[out[k].cue[0] - base : cand.cue[1] - base])
                    verb_cues[i] = k
                    continue
                verb_cues[i] = len(out)
        else:
            cand = None
        if cand is not None:
            out.append(cand)
    return out


# a cue verb's open complement that is itself a cue continues it ("continued to refute"); not an
# adverbial clause ("said, repeating ...": PolNeAR marks those as two cues more often than one)
CHAINED_DEPS = frozenset({"xcomp"})
CHAIN_GAP = 6  # tokens between the two verbs at most


def _chained(first: Candidate, second: Candidate, cue_text: str) -> Candidate:
    """One cue from a cue verb and the cue verb that carries on from it ("went on to say"): the
    first's source, the second's content (what was said), the cue from the first word to the last."""
    content = second.content if second.content[1] > second.content[0] else first.content
    return Candidate(
        cue=(first.cue[0], max(first.cue[1], second.cue[1])),
        cue_text=cue_text,
        cue_lemma=second.cue_lemma,
        content=content,
        source=first.source if first.source is not None else second.source,
        source_offset=first.source_offset if first.source is not None else second.source_offset,
        confidence=max(first.confidence, second.confidence),
        kind_hint=first.kind_hint,
    )


def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    doc = tokens[0].doc
    while left <= right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _subtree(tok: Token, exclude: Token | None = None) -> list[Token]:
    if exclude is None:
        return list(tok.subtree)
    skip = {t.i for t in exclude.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def _cue_tokens(tok: Token) -> list[Token]:
    """The cue word with its auxiliaries, negation, particles and adjacent adverbs ("has also said")."""
    parts = [tok]
    for child in tok.children:
        if (
            child.dep_ in ("aux", "auxpass", "neg", "prt")
            and abs(child.i - tok.i) <= 3
            or child.dep_ == "advmod"
            and child.i == tok.i - 1
        ):
            parts.append(child)
    if lemma(tok) == "point" and any(c.lower_ == "out" for c in tok.children):
        pass
    left = min(t.i for t in parts)
    right = max(t.i for t in parts)
    return list(tok.doc[left : right + 1])


def _subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    for child in tok.children:
        if child.dep_ == "agent":  # "was told by X"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    head = tok.head
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:  # "... by tweeting that"
        return _subject(head.head)
    if tok.dep_ in ("conj", "xcomp", "advcl") and head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children):
            return None
        for child in head.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if head.dep_ in ("conj",) and head.head.i != head.i:
            return _subject(head.head)
    if tok.dep_ in ("relcl", "acl") and pos(head) in ("PROPN", "NOUN", "PRON"):
        return head
    return None


def _source_tokens(subj: Token, tok: Token) -> list[Token]:
    """The subject phrase; when the cue is a relative clause of it, without that clause."""
    if tok.dep_ in ("relcl", "acl") and tok.head.i == subj.i:
        return [t for t in subj.subtree if t.i not in {x.i for x in tok.subtree} and t.i <= tok.i]
    tokens = list(subj.subtree)
    # a clause set off by a comma is not part of the source ("Clinton, who was speaking to ...,")
    skip: set[int] = set()
    for t in tokens:
        if t.dep_ in ("relcl", "acl", "advcl") and t.head.i >= subj.i and t.i > subj.i:
            sub = list(t.subtree)
            if sub[0].i > 0 and t.doc[sub[0].i - 1].text in (",", "—", "–", "("):
                skip |= {x.i for x in sub}
                skip.add(sub[0].i - 1)
    tokens = [t for t in tokens if t.i not in skip]
    # an introductory phrase or a dateline the parser hung on the subject ("Even earlier this month,
    # Choe ...", "CLEVELAND, July 19 (UPI) — Former Attorney General ...")
    breaks = [t.i for t in tokens if t.text in (",", "—", "–", "--") and t.i < subj.i]
    if breaks:
        tokens = [t for t in tokens if t.i > breaks[-1]]
    if len(tokens) > _MAX_SOURCE_TOKENS:  # keep the noun phrase itself, not a clause hung on it
        right = max([subj.i, *(t.i for t in tokens if t.dep_ in ("compound", "flat") and t.head.i == subj.i)])
        tokens = [t for t in tokens if subj.i - _MAX_SOURCE_TOKENS <= t.i <= right]
    return tokens


def _colon_between(doc: Doc, a: int, b: int) -> bool:
    return any(t.text == ":" for t in doc[min(a, b) + 1 : max(a, b)])


def _verb_cue(doc: Doc, tok: Token, base: int, prob: float) -> Candidate | None:
    content: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("ccomp", "csubjpass") and not (child.i < tok.i and _colon_between(doc, child.i, tok.i)):
            # a clause before a colon is not what the cue after it reports ("X was simple: Y wanted Z")
            content = _subtree(child)
            break
    if not content:
        for child in tok.children:
            if child.dep_ == "xcomp" or (child.dep_ == "dobj" and pos(tok) != "NOUN"):
                content = _subtree(child)
                break
    if not content:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS:
                content = [t for t in child.subtree if t is not child]
                break
    interrupts = tok.dep_ in ("parataxis", "ccomp") or (
        tok.dep_ == "advcl" and any(c.lower_ == "as" for c in tok.children)
    )
    if not content and interrupts and tok.head.i != tok.i and not _colon_between(doc, tok.head.i, tok.i):
        # "The deal is dead, he said" / "it wasn't, as Trump claimed, all the sanctions"; not
        # "The cause was simple: X wanted ...", where the clause after the colon explains the first
        content = _subtree(tok.head, exclude=tok)
    subj = _subject(tok)
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    passive_subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if agent is not None and passive_subject is not None and not content:
        # "Clinton has been endorsed by dozens of papers": the agent speaks about the subject
        content = _subtree(passive_subject)
    if pos(tok) == "NOUN":
        # "his claim that ...", "in a statement": a possessor or an "of"/"by" phrase is the source
        subj = next((c for c in tok.children if c.dep_ == "poss"), None)
        content = next((_subtree(c) for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")), content)
        if subj is None:
            return None
    cspan = _span_of(content)
    if cspan is None:
        # "..., he said." with the quote in an earlier sentence: content found from quote marks later
        cspan = (0, 0)
    if subj is not None and subj.lower_ in ("who", "what", "which") and tok.dep_ not in ("relcl", "acl"):
        return None  # "who is telling the truth?": a question, not an attribution
    src_tokens = _source_tokens(subj, tok) if subj is not None else []
    if src_tokens and cspan != (0, 0):
        s_ids = {t.i for t in src_tokens}
        if s_ids & {t.i for t in content}:
            src_tokens = [t for t in src_tokens if t.i not in {x.i for x in content}]
    sspan = _span_of(src_tokens)
    cue_toks = _cue_tokens(tok)
    nxt = doc[cue_toks[-1].i + 1] if cue_toks[-1].i + 1 < len(doc) else None
    governs_content = nxt is not None and bool(content) and {t.i for t in content} <= {t.i for t in nxt.subtree}
    if (
        nxt is not None
        and nxt.head.i == tok.i
        and nxt.tag_ in ("IN", "RP")
        and nxt.lower_ in _CUE_PREPS
        and (cspan == (0, 0) or governs_content)
    ):
        # "called for", "spoke about", "railed against": the preposition belongs to the cue (not
        # "said on Friday that ...": there it opens a circumstance, and the content comes later)
        cue_toks = [*cue_toks, nxt]
        if cspan != (0, 0) and content:
            cspan = _span_of([t for t in content if t.i != nxt.i]) or cspan
    cue_start, cue_end = cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text)
    source = doc[min(t.i for t in src_tokens) : max(t.i for t in src_tokens) + 1] if src_tokens else None
    conf = 0.5 + 0.5 * prob
    if subj is None:
        conf *= 0.7
    return Candidate(
        cue=(base + cue_start, base + cue_end),
        cue_text=doc[cue_toks[0].i : cue_toks[-1].i + 1].text,
        cue_lemma=lemma(tok),
        content=(base + cspan[0], base + cspan[1]) if cspan != (0, 0) else (0, 0),
        source=source,
        source_offset=base + (sspan[0] if sspan else cue_start),
        confidence=round(conf, 3),
    )


# "In a CBS News poll, Clinton led ...": the poll (or survey, report, ...) is the source, "in" the cue
_DOCUMENT_NOUNS = frozenset({"poll", "survey", "report", "study", "analysis"})


def _source_document(v: SentenceView, i: int) -> int:
    """Index of the poll / survey / report that an "in" phrase before its clause names as a
    source, else -1; not when the phrase hangs on a noun ("a lead in the poll") or follows its
    verb ("slid in the polls", "said in a report", where the verb is the cue)."""
    h = v.head[i]
    if h <= i or v.pos[h] not in ("VERB", "AUX"):
        return -1  # only a phrase put before its clause ("In a CBS poll, ...", not "slid in the polls")
    return next((c for c in v.children[i] if v.dep[c] == "pobj" and v.lemma[c] in _DOCUMENT_NOUNS), -1)


def _in_document(doc: Doc, tok: Token, pobj: Token, base: int) -> Candidate | None:
    cand = _phrase_source(doc, tok, tok, pobj, base)
    if cand is None:
        return None
    cand.cue_lemma = "in"
    cand.kind_hint = "according"
    cand.confidence = 0.7
    return cand


def _according(doc: Doc, tok: Token, base: int) -> Candidate | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        nxt = [t for t in doc[to.i + 1 :] if not t.is_punct]
        if not nxt:
            return None
        pobj = nxt[0]
    return _phrase_source(doc, tok, to, pobj, base)


def _phrase_source(doc: Doc, tok: Token, to: Token, pobj: Token, base: int) -> Candidate | None:
    """A cue phrase ("according to", "in") naming its source (``pobj``): the content is the clause
    it modifies, without the phrase (the larger side of the sentence)."""
    src = _subtree(pobj)
    phrase = {tok.i, to.i, *(t.i for t in src)}
    # content: the clause the phrase modifies, without the phrase; the larger side of the sentence
    left = [t for t in doc if t.i < min(phrase)]
    right = [t for t in doc if t.i > max(phrase)]
    content = right if len(right) >= len(left) else left
    cspan = _span_of(content)
    sspan = _span_of(src)
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
