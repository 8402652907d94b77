"""Content spans of an attribution: cut around the cue, trimmed, closed at their quotation mark."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from storyline.attribution.complements import RELATIVES
from storyline.attribution.sentences import Sentence
from storyline.attribution.syntax import CUE_PREPS, Candidate
from storyline.cleaning.text_header import dateline_end
from storyline.model import Span

EDGE = " \t\n,;:—–-\"'“”‘’"  # what a content span does not begin or end with


def content_pieces(text: str, cand: Candidate, speaker: Span | None) -> list[tuple[int, int]]:
    """The content, cut in two where the attribution interrupts it ("A," he said, "B.")."""
    c0, c1 = cand.content
    cut0, cut1 = cand.cue
    if speaker is not None:
        cut0, cut1 = min(cut0, speaker.start), max(cut1, speaker.end)
    ranges = [(c0, c1)]
    if c0 < cut0 and cut1 < c1 and text[c0:cut0].strip(EDGE).lower() not in RELATIVES:
        # (not "which he claimed as his average donation": a relative clause is read whole)
        # '"A," she told reporters. "B."': B starts at its quotation mark, not at "reporters."
        resume: int | None = cut1
        for opening in _NEXT_OPENING.finditer(text, cut1, min(c1, cut1 + _ADDRESSEE_CHARS + 2)):
            between = text[cut1 : opening.start()].rstrip()
            if _new_sentence(between):
                # '"A," he said. She stressed: "B."': another sentence introduces B; not his
                resume = None
                break
            if between.endswith((".", ",", ":", ";")) or not between:  # the cue's clause has ended
                resume = opening.end()
                break
        ranges = [(c0, cut0)] if resume is None else [(c0, cut0), (resume, c1)]
    out = []
    ends_clause = False
    for a, b in ranges:
        if ends_clause:
            break  # (what follows the aside is the writer's again)
        a, b = _balanced(text, *trim(text, dateline_end(text, a), b))
        if a == c0 and a >= cut1:
            a = after_time_of_saying(text, a, b)
        if _AS_ASIDE.search(text, a, b) and b <= cut0 and not text[b:cut0].strip():
            # "it was not, as Hollis said, every levy": Hollis said what follows the aside, and the
            # clause before it is the writer's own (often its opposite); but in "Ailes also met
            # with Mr. Trump that day, as The New York Times reported on Tuesday, and he will ..."
            # the aside ends the clause it reports
            ends_clause = bool(_CLAUSE_GOES_ON.match(text, cut1))
            if ends_clause:
                b = _AS_ASIDE.search(text, a, b).start()  # type: ignore[union-attr]
            else:
                a, b = _rest_after(text, cut1)
        if b > a and not _is_stub(text[a:b]) and (a, b) not in out:
            out.append((a, b))
    return out


_AS_ASIDE = re.compile(r",\s+as$")
_CLAUSE_GOES_ON = re.compile(r"[^,.;:\n]{0,40},\s+(?:and|but)\s")
_END_BEFORE_SPACE = re.compile(r"(\S*)[.!?][\"'”’)\]]*\s")
_ABBREVIATION = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|Lt|Col|Rev|U\.S|[A-Z])")


def sentence_ends(gap: str) -> list[re.Match[str]]:
    """Where sentences end in ``gap``: a full stop, question or exclamation mark and a space, not
    after a title or an initial ("said of Mr. Priebus", "John F. Kennedy")."""
    return [m for m in _END_BEFORE_SPACE.finditer(gap) if not _ABBREVIATION.fullmatch(m.group(1).lstrip("(\"“‘'"))]


def _new_sentence(gap: str) -> bool:
    """Whether a sentence ends in ``gap`` and another begins."""
    return any(gap[m.end() :].lstrip()[:1].isalnum() for m in sentence_ends(gap))


_NEXT_OPENING = re.compile(r"[“\"]|''")  # (two apostrophes: the New York Times's mark)
_ADDRESSEE_CHARS = 120  # "told the Gazette on Sunday." between the cue and the quote that follows
_TITLE_WORDS_MAX = 4


def inline_title(text: str, seg: tuple[int, int]) -> bool:
    """A short quoted name inside a clause ('on NBC's "Today" show'): a title, not a statement."""
    inner = text[seg[0] : seg[1]].strip()
    if len(inner.split()) > _TITLE_WORDS_MAX or inner[-1:] in ".,!?;:" or not inner[:1].isupper():
        return False
    return re.match(r"[”\"’']?\s[a-z]", text[seg[1] : seg[1] + 4]) is not None


_SENTENCE_END = re.compile(r"[.?!\n]")
#: A one-word content that says nothing on its own ("intends ... where"): a parse fragment. Not a
#: pronoun ("he said it", "a report, which said", "that is what she said"): that refers to a
#: statement nearby, and the cue stands.
_STUB_WORDS = frozenset(["where", "when", "why", "how", "whether", "as", "and", "but", "or", "if"])


def _rest_after(text: str, at: int) -> tuple[int, int]:
    """The rest of the sentence after ``at``, trimmed."""
    m = _SENTENCE_END.search(text, at)
    return trim(text, at, m.start() if m else len(text))


_CLOSING_MARK = re.compile(r"[.,!?]?[”\"]")


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """A content that opens a quotation ('accused the delegation of “inventing a demand') ends with
    its closing mark, so the quoted words read whole wherever they are shown."""
    inner = text[start:end]
    if inner.count("“") > inner.count("”") or inner.count('"') % 2 == 1:
        m = _CLOSING_MARK.match(text, end)
        if m is not None:
            return start, m.end()
    return start, end


def _is_stub(content: str) -> bool:
    words = content.split()
    return len(words) == 1 and words[0].lower().strip(EDGE + ".?!") in _STUB_WORDS


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE + ".?!":
        start += 1
    while end > start and text[end - 1] in EDGE + ".":
        end -= 1
    # a parenthesis the content opens closes in it ('was weak (very weak)'); one it does not open
    # ('... pleaded not guilty.)') is the aside's, already left out
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        end += 1
    while end > start and text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end):
        end -= 1
        while end > start and text[end - 1] in EDGE + ".":
            end -= 1
    return start, end


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
#: when something was said, written between the cue and what was said ("said Tuesday the
#: comments were ...", "said last week that ...", "told reporters on March 3 the talks ...")
_TIME_OF_SAYING = re.compile(
    rf"(?:on\s+)?(?:{_DAY}(?:\s+(?:morning|afternoon|evening|night))?|{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?"
    r"|yesterday|today|tonight|last\s+(?:week|month|year|night|weekend)"
    rf"|last\s+{_DAY}|earlier\s+(?:today|this\s+(?:week|month|year))|this\s+(?:week|month|morning))"
    r",?\s+(?!(?:was|is|will|would|were|had|has|and|or)\b)(?=\S)"
)


def after_time_of_saying(text: str, start: int, end: int) -> int:
    """Where the content begins once a time of saying at its start is left out ("said Tuesday
    Ginsburg's comments were ..."; not "said Tuesday was the deadline", where the day is what
    was said about, nor "Tuesday's vote", nor a quotation)."""
    m = _TIME_OF_SAYING.match(text, start, end)
    if m is None or end - m.end() < 12:
        return start
    return m.end()


def source_range(c: Candidate) -> tuple[int, int]:
    if c.source is None:
        return (0, 0)
    return (c.source_offset, c.source_offset + len(c.source.text))


def relative_source(c: Candidate) -> bool:
    """Whether the source is a relative pronoun: its clause inside another cue's source is a
    statement of its own ("Jon Berger, who said he knows the family, took issue with ...")."""
    return c.source is not None and c.source.text.strip().lower() in ("who", "which", "that")


# ", but", "; and", "while": a coordinated clause, not part of what the first speaker said
# (a comma alone opens an aside: "which, diplomats say, is more than ...")
# what comes between a statement and the speaker's participle after it: ", adding", '," adding'
_PARTICIPLE_LEAD = re.compile(r"(?:,[”\"’']?\s|,?[”\"’']?\swhile\s)\Z")  # ", adding", ", while noting"
_COORDINATION_END = re.compile(
    r"(?:;\s*(?:but|and|while|whereas|yet)?|,?\s+(?:but|and|while|whereas|yet))\s*$", re.IGNORECASE
)


def cut_at_next_speaker(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A content ends where a coordinated clause with a speaker and a cue of its own begins: "The
    North Koreans asked for the lifting of all sanctions, but he acknowledged the demand was
    narrower" is two statements; the parser's subtree ran the first over the second. A clause
    that follows without a coordinator ("said that Kim told him ...") is reported speech inside
    the content and stays. A content does not end on a dangling ", and". Run before overlapping
    attributions are settled: the second statement is then not dropped as "inside" the first."""
    # the other speakers, by where their source starts (most candidates have none in range)
    speakers = sorted(
        (source_range(b)[0], i, b) for i, b in enumerate(candidates) if b.source is not None and not relative_source(b)
    )
    starts = [s for s, _, _ in speakers]
    participles = [
        b
        for b in candidates
        if b.source is not None
        and b.cue_text.endswith("ing")
        and _PARTICIPLE_LEAD.search(text, max(0, b.cue[0] - 10), b.cue[0])
    ]
    out = []
    for a in candidates:
        start, end = a.content
        cut = end
        for src0, _, b in speakers[bisect_right(starts, start) : bisect_left(starts, end)]:
            if b is a or not (a.cue[1] <= start and src0 < cut and src0 < b.cue[0] < end):
                continue
            before = text[start:src0]
            m = _COORDINATION_END.search(before)
            if m and before[: m.start()].strip():
                cut = start + len(before[: m.start()].rstrip())
            elif (
                a.cue_text.split()[0].endswith("ing")
                and before.rstrip().endswith(",")
                and before.rstrip(" ,").strip()
                and text[b.cue[1] : b.cue[1] + 1] != ","  # not an aside: "the deal, Hollis said, was"
            ):
                # "responding to a question about Libya, Biden responded: ...": a participle's
                # phrase ends where the clause it opens begins
                cut = start + len(before.rstrip(" ,"))
        # "told Newsmax that Romney had a crazy policy, adding that ...": the speaker's participle
        # begins a statement of its own
        for b in participles:
            if b is not a and a.cue[1] <= start < b.cue[0] < cut and source_range(b) == source_range(a):
                lead = _PARTICIPLE_LEAD.search(text, max(0, b.cue[0] - 10), b.cue[0])
                cut = b.cue[0] - (len(lead.group()) if lead else 2)
        # an aside set off by dashes ends at its closing dash ("Donald Trump - who previously said
        # he would ... - said at a rally that ...": the relative clause's words stop at " - ")
        if relative_source(a) and a.source is not None:
            opening = text[max(0, a.source_offset - 3) : a.source_offset]
            dash = next((d for d in _ASIDE_DASHES if opening.rstrip().endswith(d.strip())), None)
            if dash is not None and (close := text.find(dash, start, cut)) > start:
                cut = close
        # the parser's subtree can end on the coordinator of a clause it left out ("..., and")
        dangling = _DANGLING_COORDINATOR.search(text, start, cut)
        if dangling and text[start : dangling.start()].strip():
            cut = dangling.start()
        out.append(a if cut == end else replace(a, content=(start, cut)))
    return out


_ASIDE_DASHES = (" -- ", " — ", " – ", " - ")
_DANGLING_COORDINATOR = re.compile(r"[,;]?\s+(?:and|but|or|while)[,;]?\s*$", re.IGNORECASE)


def colon_follow(text: str, cand: Candidate, sentences: list[Sentence], cues: Sequence[int] = ()) -> Candidate:
    """ "He said:" with the statement in the next sentence or paragraph (no quotation marks); also
    "Libby Schaaf also spoke out against Trump:" and a paragraph after it (the colon ends the
    paragraph: what the cue's phrase named announces the statement), unless another cue (``cues``:
    where each starts) lies in that paragraph: it is another's statement ("Breitbart News reported:"
    then a paragraph with its own "as York pointed out")."""
    c0, c1 = cand.content
    if c1 > c0:
        tail = text[c1 : c1 + 4]
        # a phrase (not a clause: "As Breitbart News reported, the White House was refusing to
        # call it terrorism:" announces another's words with a clause of its own)
        phrase = len(text[c0:c1].split()) <= 6
        if not (phrase and c0 > cand.cue[1] and tail.lstrip(" \"”’'").startswith(":\n")):
            return cand
    else:
        rest = text[cand.cue[1] : cand.cue[1] + 3].lstrip(" ")
        if not rest.startswith(":"):
            return cand
    nxt = next((s for s in sentences if s.start > cand.cue[1]), None)
    if nxt is None:
        return cand
    end = nxt.end
    if "\n" in text[cand.cue[1] : nxt.start]:  # "saying:" then a paragraph of its own: all of it
        end = max(s.end for s in sentences if s.paragraph == nxt.paragraph)
    if c1 > c0 and any(nxt.start <= k < end for k in cues):
        return cand
    return replace(cand, content=(nxt.start, end), confidence=cand.confidence * 0.9)


_ONLY_A_PLACE = re.compile(r"\s*(?:from|in|at)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*[.!]?\s*\Z")


def rest_of_sentence(text: str, cand: Candidate, sentences: list[Sentence]) -> Candidate:
    """A cue the parse gave no complement: what follows it in the sentence, else what precedes
    its source ("Trump tweeted in the early hours that ..."), with lower confidence."""
    if cand.content[1] > cand.content[0] or cand.addressed:
        return cand
    sent = next((s for s in sentences if s.start <= cand.cue[0] < s.end), None)
    if sent is None:
        return cand
    s0 = cand.source_offset if cand.source is not None else cand.cue[0]
    s1 = s0 + len(cand.source.text) if cand.source is not None else cand.cue[1]
    after_start = max(cand.cue[1], s1 if s0 >= cand.cue[1] else cand.cue[1])
    after = text[after_start : sent.end]
    if _ONLY_A_PLACE.match(after):  # "Tomasz Wren reported from Port Alder.": where, not what
        return cand
    if len(after.split()) >= 2:
        return replace(cand, content=(after_start, sent.end), confidence=cand.confidence * 0.6)
    before_end = min(cand.cue[0], s0)
    # not across a semicolon or a colon: "47% say the troops should go; 37% disagree" ("disagree"
    # had taken the other clause, and its speaker's statement was dropped under it)
    before_start = max(sent.start, *(text.rfind(m, sent.start, before_end) + 1 for m in ";:"))
    if len(text[before_start:before_end].split()) >= 3:
        return replace(cand, content=(before_start, before_end), confidence=cand.confidence * 0.6)
    return cand


def own_clause_after_participle(text: str, cand: Candidate, segments: list[tuple[int, int]]) -> bool:
    """', noting he would support ...', ', pointing out that 98 senators ...': a participle after a
    comma whose own words (a clause of five words or more, or one opened by 'that') follow it, outside
    any quotation."""
    (cs, ce), (c0, c1) = cand.cue, cand.content
    if not cand.cue_text.split()[0].endswith("ing") or text[max(0, cs - 2) : cs].strip() != "," or not ce <= c0 < c1:
        return False
    words = text[c0:c1].split()
    # (or the object of the cue's preposition: "referring to herself, Mr. Bannon, ...")
    clause = words[0].lower() == "that" or len(words) >= 5 or cand.cue_text.split()[-1] in CUE_PREPS
    return clause and not any(s < c1 and c0 < e for s, e in segments)
