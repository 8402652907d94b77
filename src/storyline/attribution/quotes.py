"""Quote extraction: who said what in one article, from cues, sentence structure and quote marks.

``extract_quotes(article)`` is a pure per-article function. It splits the cleaned text into
sentences, parses only those that can hold an attribution (see ``sentences``), reads cue, source
and content from the parse (see ``syntax``), attaches quoted passages (including ones split around
the cue or running over paragraphs), adds colon attribution ("Trump: ...", "he said:" followed by
the statement) and the outlet's own answers to its rhetorical questions, and resolves speakers
(see ``speakers``).
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import replace

from storyline.attribution.actor_kinds import place_mentions
from storyline.attribution.article_context import ArticleContext
from storyline.attribution.content_spans import (
    EDGE,
    colon_follow,
    content_pieces,
    cut_at_next_speaker,
    inline_title,
    own_clause_after_participle,
    relative_source,
    rest_of_sentence,
    sentence_ends,
    source_range,
)
from storyline.attribution.cue_model import load_cue_scorer
from storyline.attribution.cues import cue_class, deed_or_speech
from storyline.attribution.genders import family_genders, person_genders
from storyline.attribution.name_words import GEOGRAPHIC_LAST_WORDS
from storyline.attribution.parse_forms import parse_as_written
from storyline.attribution.parsing import load_pipeline
from storyline.attribution.quotemarks import quoted_segments
from storyline.attribution.refine import (
    after_announcing_colon,
    drew_from,
    evidential,
    experiencer_source,
    own_statements,
    the_following,
)
from storyline.attribution.sentence_shapes import (
    colon_candidates,
    introduced_quotations,
    label_person,
    quotation_after_statement,
    rhetorical_candidates,
)
from storyline.attribution.sentences import Sentence, may_hold_attribution, split_sentences
from storyline.attribution.speaker_words import roles_from_text
from storyline.attribution.speakers import (
    ResolvedSpeaker,
    classify_speaker,
    person_names,
)
from storyline.attribution.syntax import Candidate, candidates_from_doc
from storyline.attribution.tokens import lemma
from storyline.cleaning.text_header import dateline_end
from storyline.model import Article, CueClass, Quote, QuoteKind, Span, SpeakerType, stable_id

NEST = 0.9  # a cue inside another attribution's content stands on its own above this confidence
_OPENING_CUE_CHARS = 15  # a cue this close to the start of a weaker cue's content takes its place
_OUTLET_ALIASES = {
    "associated press": ("ap", "the associated press", "associated press", "the ap"),
    "reuters": ("reuters",),
    "afp": ("afp", "agence france-presse"),
}


# "it wasn't, as Trump claimed, all the sanctions": a speaker cited in passing does not take over
# the story's current speaker (the "he said" that follows is still the official's)
_CITED = re.compile(r"\bas\s+$", re.IGNORECASE)


def extract_quotes(article: Article) -> list[Quote]:
    """Attributed statements of one article, in text order (pure; parses only what it must)."""
    with _collector_paused():
        return _extract_quotes(article)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while one article is read.

    Reading an article makes and drops tens of thousands of small containers (token lists, parse
    views, candidates); each few hundred of them start a collection that walks every young object,
    and every tenth one the older generation too (the loaded pipeline, the parse memo): about a
    twentieth of attribution's time. Almost all of them are freed by reference counting, so the
    collector finds next to nothing. It runs as usual after the article (at the next allocation);
    when it was already off (another thread reading an article, or the caller's choice) it is
    left as it was."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract_quotes(article: Article) -> list[Quote]:
    text = article.text
    if not text.strip():
        return []
    sentences = split_sentences(text)
    # a dateline is no part of the first sentence's grammar ("WASHINGTON — President Trump, facing
    # a backlash, shifted course ... and offered Democrats a deal": parsed with it, Trump was no subject)
    wanted = [replace(s, start=dateline_end(text, s.start)) for s in sentences if may_hold_attribution(text, s)]
    nlp = load_pipeline()
    scorer = load_cue_scorer()
    persons = person_names(text)
    docs = parse_as_written(nlp, text, [(s.start, s.end) for s in wanted], [name for _, name in persons])
    segments = quoted_segments(text)
    ctx = ArticleContext(
        outlet_names=_outlet_names(article),
        roles=roles_from_text(text),
        persons=persons,
        genders=family_genders(text, persons) | person_genders(text, (name for _, name in persons)),
        quoted=sorted(segments),
        places=place_mentions(text),
        sentence_starts=[s.start for s in sentences],
        text=text,
    )
    candidates: list[Candidate] = []
    for sent, doc in zip(wanted, docs, strict=True):
        candidates.extend(own_statements(text, candidates_from_doc(doc, sent.start, scorer)))
    candidates = _attach_quote_marks(text, candidates, segments, sentences)
    cue_starts = [c.cue[0] for c in candidates]
    candidates = [colon_follow(text, c, sentences, cue_starts) for c in candidates]
    candidates = [rest_of_sentence(text, c, sentences) for c in candidates]
    candidates = [_run_to_quote_end(text, c, segments) for c in candidates]
    candidates = [c for c in candidates if not the_following(text, c)]
    cue_starts = [c.cue[0] for c in candidates]
    candidates = [after_announcing_colon(text, c, cue_starts) for c in candidates]
    labelled = colon_candidates(text, wanted, docs, candidates)
    introduced = introduced_quotations(text, wanted, docs, [*candidates, *labelled])
    # 'Pat Caddell: "We lost. We will win."': the quotation runs on past its first sentence
    candidates.extend(_run_to_quote_end(text, c, segments) for c in [*labelled, *introduced])
    candidates.extend(rhetorical_candidates(article, sentences, candidates))
    candidates = [c for c in candidates if c.content[1] > c.content[0] and not _a_place(c)]
    if not segments:
        candidates = [_join_cut_fragment(text, c, sentences, candidates) for c in candidates]
    candidates = cut_at_next_speaker(text, candidates)  # first: the second is then not "inside" it
    candidates = _drop_overlaps(candidates)
    candidates = [drew_from(text, experiencer_source(evidential(text, c))) for c in candidates]
    candidates.extend(quotation_after_statement(text, sentences, segments, candidates))
    return _to_quotes(article, candidates, segments, ctx)


_BETWEEN_QUOTE_AND_SPEAKER = " \t\"”’'‘,;—–-"


def _a_place(c: Candidate) -> bool:
    """Whether the source is a named place, which says nothing ("The Corran Strait, 11 kilometres
    wide, saw about 41,000 transits"; "the Lisk River carries ...")."""
    root = c.source.root if c.source is not None else None
    return root is not None and root.text[:1].isupper() and root.lower_ in GEOGRAPHIC_LAST_WORDS


def _clean_name(name: str) -> str:
    name = name.strip(EDGE)
    for suffix in ("’s", "'s", " s"):
        name = name.removesuffix(suffix)
    return name


def _outlet_names(article: Article) -> frozenset[str]:
    names: set[str] = set()
    for raw in (article.outlet, *article.credits):
        if not raw:
            continue
        low = raw.lower().strip()
        names |= {low, low.removeprefix("the ")}
        for key, aliases in _OUTLET_ALIASES.items():
            if low in aliases or low == key:
                names |= set(aliases)
    return frozenset(names)


# --------------------------------------------------------------------------- quotation marks


def _sentence_index(sentences: list[Sentence], offset: int) -> int:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end or offset < s.start:
            return i
    return len(sentences) - 1


def _attach_quote_marks(
    text: str, candidates: list[Candidate], segments: list[tuple[int, int]], sentences: list[Sentence]
) -> list[Candidate]:
    """Give cues the quoted passage next to them: ``"...," he said`` / ``he said: "..."``,
    quotes split around the cue (``"A," he said, "B."``) and quotes running over paragraphs."""
    out: list[Candidate] = []
    # a cue word inside someone's quote is part of what they said ('had been "written at staff level"')
    candidates = [c for c in candidates if not any(s <= c.cue[1] - 1 < e for s, e in segments)]
    # a quote followed by its own attribution ('"...," she said') is not the continuation of an
    # earlier one ('"A," he said, "B." Later, she said, ...': B is still his)
    claimed = {seg for c in candidates for seg in segments if _quote_before(text, seg, c)}
    # each cue with where its own speaker starts (None: no speaker of its own)
    cue_starts = sorted((c.cue[0], c.source_offset if c.source is not None else None) for c in candidates)
    # '"...," Ms. Conway added, referring to herself, ...': the quotation is the verb's before it;
    # and '"A," Trump said, referring to Cruz. "B."': B goes on with what he said
    tagged = {c.cue[0] for c in candidates if _participle_after_tag(text, c, segments, cue_starts)}
    for cand in candidates:
        cs, ce = cand.cue
        before = [] if cs in tagged else [seg for seg in segments if _quote_before(text, seg, cand)]
        after = [
            seg
            for seg in segments
            if seg[0] >= ce
            and seg not in claimed
            and _gap_is_attribution(text, ce, seg[0], after=True, continuing=bool(before))
            # '"A," she said, adding that "B"': B belongs to the cue next to it
            # ... unless that cue's whole attribution lies between, inside this one's clause ('Cruz
            # said about the article alleging that he had affairs. "B."': B is still Cruz's)
            and not any(
                ce <= s < seg[0] and (src is None or src < ce) and not (s in tagged and sentence_ends(text[s : seg[0]]))
                for s, src in cue_starts
            )
            and not (cs in tagged and sentence_ends(text[ce : seg[0]]))
            and not inline_title(text, seg)
            # not a quotation after one another cue claims ('according to X. "A," she said. "B."')
            and not any(ce <= other[0] < seg[0] and other in claimed for other in segments)
        ]
        c0, c1 = cand.content
        if before and own_clause_after_participle(text, cand, segments):
            # '"...," Clark said, noting he would support ...': the participle's own clause, not the
            # quotation the verb before it claims (nor the next one)
            out.append(cand)
            continue
        pieces = []
        if before:
            pieces.append(before[-1])
        if after and (not before or text[after[0][0] - 2 : after[0][0]].strip() not in ("",)):
            pieces.append(after[0])
        if pieces:
            start = min(p[0] for p in pieces)
            end = max(p[1] for p in pieces)
            c0, c1 = cand.content
            # 'By lifting the ban, she said, Trump was "encouraging ..."': a content the quotation
            # goes on from
            touching = c0 < c1 <= start and not text[c1:start].strip(_BETWEEN_QUOTE_AND_SPEAKER + "“")
            if c1 > c0 and (not (c0 >= end or c1 <= start) or touching):
                start, end = min(start, c0), max(end, c1)
            # 'After all, he said, "you are going to ..."': the quote right after the cue is what he
            # said, not the words the parse hung before it
            adjoining = bool(after) and not text[ce : after[0][0]].strip(_BETWEEN_QUOTE_AND_SPEAKER + "“")
            if c1 <= c0 or (c0 < end and start < c1) or (adjoining and c1 <= cs) or touching:
                cand = replace(cand, content=(start, end), confidence=max(cand.confidence, 0.9))
        out.append(cand)
    return out


def _participle_after_tag(
    text: str, cand: Candidate, segments: list[tuple[int, int]], cue_starts: list[tuple[int, int | None]]
) -> bool:
    """Whether ``cand`` is a participle after a quotation's speaker tag ('"...," Trump said,
    referring to Cruz'), which says no quotation around it."""
    if not cand.cue_text.split()[0].endswith("ing"):
        return False
    before = [seg for seg in segments if _quote_before(text, seg, cand)]
    return bool(before) and any(before[-1][1] <= k < cand.cue[0] for k, _ in cue_starts)


def _quote_before(text: str, seg: tuple[int, int], cand: Candidate) -> bool:
    """Whether the quoted passage ``seg`` is the one ``cand`` attributes from after it: '"A," she
    said' (only punctuation between the quote and its speaker); not '"every line" of the schedule
    gone, he said' nor '"... refuse it." Asked whether ..., she said'."""
    cs = cand.cue[0]
    if text[max(seg[0], seg[1] - 4) : seg[1]].rstrip(" \"”’'").endswith("."):  # (its end only: a hot path)
        return False  # '... showing "the courage of his convictions." Cruz said "thanks."': a full stop
    # '"...," Xavier Becerra, who has sued the administration multiple times, said': the speaker
    # right after the quotation claims it however long the aside between speaker and cue
    speaker_next = (
        cand.source is not None
        and seg[1] <= cand.source_offset < cs
        and not text[seg[1] : cand.source_offset].strip(_BETWEEN_QUOTE_AND_SPEAKER)
        and not sentence_ends(text[cand.source_offset : cs])
    )
    if seg[1] > cs or not (speaker_next or _gap_is_attribution(text, seg[1], cs)):
        return False
    if cand.source is not None and cand.source_offset <= seg[0]:
        # a title in the speaker's description, or in an aside between speaker and cue ('The
        # document, posted with the heading “...”, asks')
        return False
    lead = min(cs, cand.source_offset) if cand.source is not None else cs
    return seg[1] > lead or not text[seg[1] : lead].strip(_BETWEEN_QUOTE_AND_SPEAKER)


def _gap_is_attribution(text: str, a: int, b: int, after: bool = False, continuing: bool = False) -> bool:
    """Only the attribution itself (source, cue, a few words) lies between quote and cue;
    ``continuing``: the cue has a quote before it, which one after its sentence can go on."""
    gap = text[a:b]
    if "\n" in gap and not after:
        return False
    if after:
        if (
            continuing
            and len(gap) <= _AFTER_SENTENCE_CHARS
            and gap.rstrip(" \t\n\"“'‘").endswith(".")
            and ("\n" not in gap or not gap[gap.find("\n") :].strip(" \t\n\"“'‘"))
        ):
            # '"A," Clinton said on Thursday in New York. "B."': B goes on with A; so does a
            # paragraph that opens with a quotation ('"A," he went on to say.\n"B."'): a new
            # speaker would be named with it
            return True
        if len(gap) > 40:
            return False
        ends = sentence_ends(gap)
        if ends and len(gap[ends[-1].end() :].split()) >= 2:
            return False  # '... a claim Romney rejected. Biden was quick to retort: "..."': another's
        return "\n" not in gap or gap.rstrip(" \t\n\"“'‘").endswith(":")
    return len(gap) <= 80 and not sentence_ends(gap)


def _mostly_inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    a, b = inner
    if b <= a:
        return True
    ov = max(0, min(b, outer[1]) - max(a, outer[0]))
    return ov / (b - a) >= 0.5


_QUOTE_RUN_CHARS = 1500


def _run_to_quote_end(text: str, cand: Candidate, segments: list[tuple[int, int]]) -> Candidate:
    """A content that stops inside a quotation its speaker opened goes on to the closing mark
    ("that 'ethanol people' 'do a fantastic job. And it's so important.'": the parse stops at the
    sentence end, the quote does not); a question or exclamation mark ending it is kept."""
    c0, c1 = cand.content
    if c1 <= c0:
        return cand
    for s, e in segments:
        if c0 <= s < c1 < e and e - c1 <= _QUOTE_RUN_CHARS and not (s <= cand.cue[0] < e):
            c1 = e
            break
    if c1 < len(text) and text[c1] in "?!":
        c1 += 1
    return cand if c1 == cand.content[1] else replace(cand, content=(c0, c1))


_FRAGMENT_WORDS = 4
_AFTER_SENTENCE_CHARS = 160


def _join_cut_fragment(text: str, cand: Candidate, sentences: list[Sentence], all_: list[Candidate]) -> Candidate:
    """In text without quotation marks (a stripped copy whose punctuation was restored), a content
    that opens its sentence takes in a very short sentence right before it that holds no
    attribution of its own: restoration often cuts one sentence in two ("Basically they wanted.
    The sanctions lifted ..., he said")."""
    i = _sentence_index(sentences, cand.content[0])
    sent = sentences[i]
    if i == 0 or cand.content[0] > sent.start + 1 or cand.cue[0] < cand.content[1]:
        return cand
    prev = sentences[i - 1]
    if prev.paragraph != sent.paragraph or len(text[prev.start : prev.end].split()) > _FRAGMENT_WORDS:
        return cand
    if any(prev.start <= c.cue[0] < prev.end or prev.start <= c.content[0] < prev.end for c in all_):
        return cand
    return replace(cand, content=(prev.start, cand.content[1]))


def _inside(pos: tuple[int, int], span: tuple[int, int]) -> bool:
    return span[0] <= pos[0] and pos[1] <= span[1] and span[1] > span[0]


def _plain_report(c: Candidate) -> bool:
    """A finite "X says/tells/reports ..." with a subject of its own and words: a report that stands
    inside another's content whatever the cue model scored it ("which they say left a vacuum")."""
    return (
        c.cue_lemma in ("say", "tell", "report")
        and not c.cue_text.lower().startswith("to ")
        and not c.cue_text.lower().split()[0].endswith("ing")
        and c.source is not None
        and c.source.text.lower() not in ("who", "that", "which")
        and c.content != (0, 0)
    )


def _drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Each passage is attributed once: a cue inside another attribution's source or content
    ("an official who briefed reporters", a cue word inside a quote) is not an attribution of its
    own; of two cues with the same content keep the more confident."""
    nested = set()
    sources = [source_range(c) for c in candidates]
    for i, a in enumerate(candidates):
        for j, b in enumerate(candidates):
            if i == j or b.content[0] > a.cue[1] + 2000 or b.content[1] < a.cue[0] - 2000:
                continue
            in_content = _inside(a.cue, b.content) and not _inside(b.cue, a.content)
            if (in_content and a.confidence < NEST and not _plain_report(a)) or (
                _inside(a.cue, sources[j]) and not relative_source(a)
            ):
                nested.add(i)
                break
    # "under questioning he acknowledged that ...": a weak cue whose content opens with a surer
    # cue is that cue's circumstance, not a statement of its own (but "Politico reported, according
    # to sources in the meetings, Clinton tried ...": a report of what the sources say)
    for i, b in enumerate(candidates):
        if b.kind_hint != "according" and any(
            j != i
            and a.kind_hint != "according"
            and a.confidence >= NEST > b.confidence
            and 0 <= a.cue[0] - b.content[0] <= _OPENING_CUE_CHARS
            for j, a in enumerate(candidates)
        ):
            nested.add(i)
    candidates = [c for i, c in enumerate(candidates) if i not in nested]
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.confidence, c.cue[0])):
        if any(
            k.cue == cand.cue
            or (
                k.content[0] <= cand.cue[0] < k.content[1]
                and cand.content[0] >= k.content[0]
                and cand.content[1] <= k.content[1]
                and k.confidence > cand.confidence
                and cand.confidence < NEST
            )
            for k in kept
        ):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: c.content[0])


# --------------------------------------------------------------------------- quotes


def _kind(text: str, content: tuple[int, int], segments: list[tuple[int, int]]) -> QuoteKind:
    a, b = content
    quoted = sum(max(0, min(b, e) - max(a, s)) for s, e in segments)
    span = len(text[a:b].strip(EDGE)) or 1
    if quoted >= 0.8 * span:
        return QuoteKind.DIRECT
    if quoted > 0:
        return QuoteKind.MIXED
    return QuoteKind.INDIRECT


# "it seems that ...", "it appeared ...": the forms, as the lemma table leaves these verbs as written
_IMPERSONAL_CUES = frozenset(
    [
        "seem",
        "seems",
        "seemed",
        "appear",
        "appears",
        "appeared",
        "look",
        "looks",
        "looked",
        "sound",
        "sounds",
        "sounded",
        "emerged",
        "transpired",
    ]
)


def _own_voice(article: Article) -> str:
    """Who speaks when the article speaks for itself: its outlet, else the wire it credits."""
    return article.outlet or (article.credits[0] if article.credits else "the outlet")


def _to_quotes(
    article: Article, candidates: list[Candidate], segments: list[tuple[int, int]], ctx: ArticleContext
) -> list[Quote]:
    text = article.text
    quotes: list[Quote] = []
    for cand in sorted(candidates, key=lambda c: c.cue[0]):
        ctx.said.append(cand.content)  # a country named in its own words is not its "it"
        if cand.kind_hint == "outlet":
            name = _own_voice(article)
            resolved = ResolvedSpeaker(name, name, SpeakerType.OUTLET)
            speaker_span = None
        elif cand.source is None:  # a cue whose speaker the parse does not give
            resolved = ResolvedSpeaker("", "", SpeakerType.UNKNOWN)
            speaker_span = None
        else:
            s0 = cand.source_offset
            speaker_span = Span(start=s0, end=s0 + len(cand.source.text.rstrip()))
            cue_word = cand.cue_text.lower().rsplit(None, 1)[-1] if cand.cue_text.strip() else ""
            if cand.source.text.strip().lower() == "it" and cue_word in _IMPERSONAL_CUES:
                # "it seems that the North Koreans are": no one's words, the outlet's own assessment
                resolved = ResolvedSpeaker("it", _own_voice(article), SpeakerType.OUTLET)
            elif cand.kind_hint == "colon" and (person := label_person(cand.source.text, ctx)):
                resolved = ResolvedSpeaker(cand.source.text, person, SpeakerType.PERSON)
            else:
                resolved = classify_speaker(cand.source, cand.source_offset, ctx)
        if speaker_span is None or not _CITED.search(text, max(0, speaker_span.start - 8), speaker_span.start):
            ctx.speakers.append((cand.cue[0], resolved.actor, resolved.speaker_type))
        if speaker_span is not None:
            ctx.said.append((speaker_span.start, speaker_span.end))
        if resolved.speaker_type is SpeakerType.PERSON and resolved.actor.lower() not in {
            "he",
            "she",
            "him",
            "her",
        }:
            ctx.persons.append((cand.cue[0], resolved.actor))
            ctx.persons.sort()
        elif resolved.speaker_type is SpeakerType.ANONYMOUS and cand.source is not None:
            ctx.unnamed.append((cand.cue[0], lemma(cand.source.root), resolved.actor, resolved.affiliation))
            ctx.unnamed.sort(key=lambda u: u[0])  # (an affiliation may be None: by offset only)
        elif resolved.speaker_type in (SpeakerType.GROUP, SpeakerType.ORGANIZATION):
            ctx.groups.append((cand.cue[0], resolved.actor))
            ctx.groups.sort()
        cls = (
            CueClass.SOURCE
            if cand.kind_hint == "according"
            else (CueClass.EXPLAINING if cand.kind_hint == "outlet" else cue_class(cand.cue_lemma))
        )
        for start, end in content_pieces(text, cand, speaker_span):
            kind = _kind(text, (start, end), segments)
            if cls is CueClass.OTHER and kind is QuoteKind.DIRECT and ":" in text[cand.cue[1] : start]:
                cls = CueClass.NEUTRAL  # 'Marlow pushes for a lower toll: "..."': a quotation is said
            quotes.append(
                Quote(
                    id=stable_id("q", article.id, str(start), str(end)),
                    article_id=article.id,
                    speaker=resolved.speaker,
                    actor=resolved.actor,
                    cue=cand.cue_text,
                    kind=kind,
                    content=Span(start=start, end=end),
                    content_text=text[start:end],
                    cue_class=deed_or_speech(cls, text[start:end], cand.cue_lemma),
                    speaker_type=resolved.speaker_type,
                    speaker_span=speaker_span,
                    cue_span=Span(start=cand.cue[0], end=cand.cue[1]),
                    confidence=cand.confidence if cand.source is not None or cand.kind_hint else cand.confidence * 0.6,
                )
            )
    return sorted(_one_per_passage(quotes), key=lambda q: (q.content.start, q.content.end))


def _cue_gap(q: Quote) -> int:
    """Characters between a quote's cue and its content (0: the cue is inside or touches it)."""
    if q.cue_span is None:
        return 0
    return max(0, q.content.start - q.cue_span.end, q.cue_span.start - q.content.end)


def _one_per_passage(quotes: list[Quote]) -> list[Quote]:
    """One attribution per content passage (a quote's id is its article and span): when two cues
    claim the same passage (a split quote's continuation that another speaker introduces:
    '"...," A said. B stressed: "..."'), the cue nearer the passage keeps it, then the surer one."""
    best: dict[str, Quote] = {}
    for q in quotes:
        kept = best.get(q.id)
        if kept is None or (_cue_gap(q), -q.confidence) < (_cue_gap(kept), -kept.confidence):
            best[q.id] = q
    return list(best.values())
