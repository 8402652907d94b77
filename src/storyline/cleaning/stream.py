"""Furniture inside one-line, punctuation-stripped text (seed-001 style), and its restoration.

Without lines or punctuation, furniture has to be found in the word stream itself:

* **text before a wire dateline** (``... hanoi vietnam ap president ...``): a dateline with a wire
  credit opens the article, so words before it near the start belong to something else;
* **a posted-date line** (``... share this story posted mar 13 2025 1 52 pm port alder ...``): the
  page's publication stamp, kept as the publication date; the words before it near the start are
  the page's header (a cut headline, sharing prompts);
* **a word cut at either end**: a first or last word the restoration vocabulary has never seen,
  with the partial sentence it belongs to;
* **a sidebar pasted mid-body**: a navigation heading ("top stories", "related", ...) followed
  by sentences that share almost no content words with the rest of the article.

Sentences come from the restoration model; cohesion is the share of a sentence's content words
(spaCy's stop list removed, compared on 4-letter stems) that occur elsewhere in the article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from storyline.cleaning.metadata import parse_written_date
from storyline.cleaning.normalized import normalized_tokens
from storyline.cleaning.restoration import RestorationModel, _model_forms, _render, _Slot, load_model
from storyline.model import Removal

WIRE_CREDITS = {
    "ap": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "cnn": "CNN",
}
DATELINE_WINDOW = 60
# Navigation headings that open a block of links on news pages.
NAV_HEADINGS = (
    ("top", "stories"),
    ("related", "stories"),
    ("related", "articles"),
    ("related", "coverage"),
    ("more", "stories"),
    ("read", "more"),
    ("most", "read"),
    ("most", "popular"),
    ("trending", "now"),
    ("you", "may", "also", "like"),
    ("recommended", "for", "you"),
    ("popular", "stories"),
    ("latest", "news"),
    ("more", "from"),
    ("see", "also"),
    ("also", "read"),
    ("editor", "s", "picks"),
)
SIDEBAR_COHESION = 0.5
SIDEBAR_MAX_SENTENCES = 8
TAIL_SPLIT_P = 0.03


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"s", "t", "u"} | _EVERY_STORY_WORDS


# words nearly every news story uses (reporting verbs, the calendar): sharing one says nothing about
# whether a sentence belongs to the article ("weather service says coldest march night in 40 years")
_REPORTING = ("say", "says", "said", "saying", "tell", "tells", "told")
_CALENDAR = ("year", "years", "month", "months", "week", "weeks", "day", "days", "night", "nights", "time", "times")
_DAYS = ("today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
_EVERY_STORY_WORDS = frozenset((*_REPORTING, *_CALENDAR, *_DAYS, *_MONTHS, "november", "december"))


def _stem(word: str) -> str:
    return word[:4]


@dataclass
class StreamResult:
    text: str
    removed: list[Removal] = field(default_factory=list)
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    published: datetime | None = None


_POSTED = re.compile(r"\b(?:posted|published|first published)(?: on)? ")
_POSTED_DATE_WORDS = 8  # "mar 13 2025 at 1 52 pm et": the words a posted stamp can take
_STAMP_ENDS = frozenset("am pm a m p m et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest".split())  # noqa: SIM905


def _find_posted(norms: list[str]) -> tuple[int, int, datetime] | None:
    """(index of "posted", index after the stamp, the date) of a publication stamp near the start."""
    head = " ".join(norms[:DATELINE_WINDOW])
    for match in _POSTED.finditer(head):
        k = head[: match.start()].count(" ")  # words before "posted"
        after = len(head[: match.end()].split())
        # the longest run of words after "posted" that reads as a date ("mar 13 2025 1 52 pm")
        for n in range(_POSTED_DATE_WORDS, 2, -1):
            words = norms[after : after + n]
            if len(words) < n or not (words[-1].isdigit() or words[-1] in _STAMP_ENDS):
                continue
            date = parse_written_date(" ".join(words))
            if date is not None:
                return k, after + n, date
    return None


def _is_known(word: str, model: RestorationModel) -> bool:
    return word.isdigit() or word in model.casing.vocab or word in model.casing.cap or word in model.casing.forms


def _find_dateline(norms: list[str], model: RestorationModel) -> tuple[int, int] | None:
    """(start of the place name, index of the wire credit) of a dateline near the start."""
    for k in range(1, min(len(norms) - 1, DATELINE_WINDOW)):
        if norms[k] not in WIRE_CREDITS:
            continue
        start = k
        while (
            start > 0
            and k - start < 2
            and (model.casing.case(norms[start - 1])[:1].isupper() or not _is_known(norms[start - 1], model))
        ):
            start -= 1
        if start < k:
            return start, k
    return None


def clean_stream(text: str, model: RestorationModel | None = None) -> StreamResult:
    """Remove stream furniture from stripped text and restore it to cased sentences."""
    model = model or load_model()
    norms = normalized_tokens(text)
    removed: list[Removal] = []
    dateline = None
    credits: tuple[str, ...] = ()
    published = None
    posted = _find_posted(norms)
    if posted is not None:
        k, end, published = posted
        if k > 0:
            removed.append(
                Removal(
                    text=" ".join(norms[:k]),
                    reason="before-date-line",
                    detail="the page header before the publication stamp (a cut headline, sharing prompts)",
                )
            )
        removed.append(Removal(text=" ".join(norms[k:end]), reason="date-line", detail="the publication stamp"))
        norms = norms[end:]
    found = _find_dateline(norms, model)
    if found is not None:
        start, k = found
        if start > 0:
            removed.append(
                Removal(
                    text=" ".join(norms[:start]),
                    reason="before-dateline",
                    detail="words before the wire dateline that opens the article",
                )
            )
        dateline = " ".join(
            model.casing.case(w).capitalize() if model.casing.case(w) == w else model.casing.case(w)
            for w in norms[start:k]
        )
        credits = (WIRE_CREDITS[norms[k]],)
        norms = norms[start:]
    elif norms and posted is None and not _is_known(norms[0], model):
        removed.append(Removal(text=norms[0], reason="cut-fragment", detail="a word cut at the start"))
        norms = norms[1:]
    if not norms:
        return StreamResult("", removed, dateline, credits, published)
    probs, case = model.analyse(norms)
    labels = model.decode(probs, norms)
    # a word cut at the end: drop the partial last sentence, split at its likeliest boundaries so
    # that only the cut piece goes (a bio or a prompt before it is judged on its own later)
    if len(norms) > 1 and not _is_known(norms[-1], model):
        ends = [i + 1 for i, y in enumerate(labels[:-1]) if y in (1, 2)]
        start = ends[-2] if len(ends) > 1 else 0  # the last two sentences
        pb = probs[:, 1] + probs[:, 2]
        last = start
        for i in range(start + 2, len(norms) - 1):
            window = pb[max(start, i - 3) : min(i + 4, len(norms) - 1)]
            if labels[i] in (1, 2) or (pb[i] >= TAIL_SPLIT_P and pb[i] >= window.max() and i - last >= 2):
                labels[i] = 1
                last = i + 1
        a = last
        if a > 0:
            removed.append(
                Removal(text=" ".join(norms[a:]), reason="cut-fragment", detail="the last sentence stops mid-word")
            )
            norms, labels = norms[:a], labels[:a]
    sentences = _sentences(labels)
    sentences, sidebar = _drop_sidebars(norms, sentences)
    removed.extend(sidebar)
    slots: list[_Slot] = []
    for a, b in sentences:
        sent = [_Slot(w) for w in norms[a:b]]
        sent_labels = labels[a:b]
        sent_labels[-1] = labels[b - 1] if labels[b - 1] in (1, 2) else 1
        _model_forms(sent, model, sent_labels, None if case is None else case[a:b])
        slots.extend(sent)
    if dateline is not None and found is not None:
        # render the dateline as "Place (AP) —"
        k = found[1] - found[0]
        if k < len(slots):
            slots[k].form = f"({credits[0]}) \u2014"
            slots[k].label = 0
            for place in slots[:k]:
                place.form = place.norm.capitalize() if place.form == place.norm else place.form
            if k + 1 < len(slots) and slots[k + 1].form:
                nxt = slots[k + 1].form or ""
                slots[k + 1].form = nxt[:1].upper() + nxt[1:]
    return StreamResult(_render(slots), removed, dateline, credits, published)


def _sentences(labels: list[int]) -> list[tuple[int, int]]:
    out = []
    a = 0
    for i, y in enumerate(labels):
        if y in (1, 2):
            out.append((a, i + 1))
            a = i + 1
    if a < len(labels):
        out.append((a, len(labels)))
    return out


def _drop_sidebars(norms: list[str], sentences: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[Removal]]:
    stop = _stop_words()
    cues = []
    for i in range(1, len(norms)):
        for h in NAV_HEADINGS:
            if tuple(norms[i : i + len(h)]) == h:
                cues.append(i)
    if not cues:
        return sentences, []
    # split sentences at each cue so the heading starts its own sentence
    split: list[tuple[int, int]] = []
    for a, b in sentences:
        cuts = [c for c in cues if a < c < b]
        for c in cuts:
            split.append((a, c))
            a = c
        split.append((a, b))
    stems_at = [_stem(w) if w not in stop and len(w) > 2 and not w.isdigit() else None for w in norms]
    removed: list[Removal] = []
    drop: set[int] = set()
    for s_idx, (a, _) in enumerate(split):
        if a not in cues:
            continue
        drop.add(s_idx)
        j = s_idx + 1
        while j < len(split) - 1 and j - s_idx <= SIDEBAR_MAX_SENTENCES:
            a2, b2 = split[j]
            content = [st for st in stems_at[a2:b2] if st]
            outside = {st for k, (x, y) in enumerate(split) if k not in drop and k != j for st in stems_at[x:y] if st}
            share = sum(1 for st in content if st in outside) / len(content) if content else 0.0
            if share >= SIDEBAR_COHESION:
                break
            drop.add(j)
            j += 1
    kept = []
    for k, (a, b) in enumerate(split):
        if k in drop:
            removed.append(
                Removal(
                    text=" ".join(norms[a:b]),
                    reason="sidebar",
                    detail="a navigation heading and lines unrelated to the article",
                )
            )
        else:
            kept.append((a, b))
    if removed:
        merged = " / ".join(r.text for r in removed)
        removed = [
            Removal(
                text=merged,
                reason="sidebar",
                detail="a navigation heading and lines that share no content with the article",
            )
        ]
    return kept, removed
