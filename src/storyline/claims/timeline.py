"""The story timeline: dated events, merged across articles, each with its evidence.

Every date expression of every article (see :mod:`storyline.claims.dates`) is resolved against
that article's publication date; the sentence around it is the event. Mentions of the same date
(or range) whose sentences share enough content words are merged into one event that keeps the
evidence of each article. An article's update time, when it differs from its publication date, is
an event of its own ("<outlet> updated its story"). An event is worded as a cased copy wrote it
when there is one, not as a copy restored from punctuation-stripped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import msgspec

from storyline.claims.dates import DateMention, find_dates
from storyline.claims.sentences import sentence_spans
from storyline.claims.stance_features import content_stems, tokenize
from storyline.model import Article, Evidence, Span, Story, TimelineEvent

MERGE_OVERLAP = 0.25  # share of the smaller sentence's content words two mentions must share
MAX_EVENT_CHARS = 240


class _Mention(msgspec.Struct, frozen=True):
    article: Article
    mention: DateMention
    sentence: Span
    order: int


def _reference_date(article: Article, story: Story) -> date | None:
    when = article.published or article.updated or story.first_published
    return when.date() if when else None


def _event_text(text: str, sentence: Span) -> str:
    body = " ".join(sentence.slice(text).split())
    if len(body) <= MAX_EVENT_CHARS:
        return body
    return body[: MAX_EVENT_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"


def _capitalised(text: str) -> str:
    """An event named by a phrase ("the second summit in Hanoi ...") reads as a heading."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(tokenize(text)))


# an aside: between a pair of dashes (em, en, or a spaced hyphen pair) or in parentheses
_ASIDE = re.compile(r"\((?:[^()]){1,300}\)|(?:\u2014|\u2013|\s--?\s)[^\u2014\u2013]{1,300}?(?:\u2014|\u2013|\s--?\s)")


def _in_aside(text: str, sentence: Span, mention: DateMention) -> bool:
    """Whether ``mention`` lies in an aside of its sentence ("came back on Monday — one of the
    achievements of Moon's outreach last year —"): background, not when the sentence happened."""
    body = sentence.slice(text)
    return any(
        sentence.start + m.start() < mention.start and mention.end <= sentence.start + m.end()
        for m in _ASIDE.finditer(body)
    )


def _article_mentions(article: Article, story: Story, order: int) -> list[_Mention]:
    ref = _reference_date(article, story)
    if ref is None or not article.text:
        return []
    spans = sentence_spans(article.text)
    found: list[_Mention] = []
    seen_sentences: set[tuple[str, date]] = set()
    located = [
        (m, next((s for s in spans if s.start <= m.start < s.end), Span(start=m.start, end=m.end)))
        for m in find_dates(article.text, ref)
        if m.rule != "named-day"  # "the Sept. 11 attacks" name a day, not when the sentence happened
    ]
    # a date in an aside dates the sentence only when nothing outside the aside does
    in_aside = [_in_aside(article.text, s, m) for m, s in located]
    dated_outside = {s for (_, s), aside in zip(located, in_aside, strict=True) if not aside}
    per_sentence: dict[Span, int] = {}
    for (_, sentence), aside in zip(located, in_aside, strict=True):
        if not (aside and sentence in dated_outside):
            per_sentence[sentence] = per_sentence.get(sentence, 0) + 1
    for (mention, sentence), aside in zip(located, in_aside, strict=True):
        if aside and sentence in dated_outside:
            continue
        if per_sentence[sentence] > 1:
            # "Last Thursday, for the first time since the summit in Hanoi at the end of February,
            # the Treasury announced ...": the earlier event is the phrase the date ends
            others = [m.start for m, s in located if s == sentence and m is not mention]
            sentence = _anchor_event(article.text, sentence, mention, others) or sentence
        key = (" ".join(sentence.slice(article.text).split()).lower(), mention.date)
        if key in seen_sentences:  # a repeated caption, say
            continue
        seen_sentences.add(key)
        found.append(_Mention(article=article, mention=mention, sentence=sentence, order=order))
    return found


# a phrase naming an earlier event a sentence dates itself by: "since the summit ... at the end of
# February", "after the vote on March 3"
_ANCHOR = re.compile(r"\b(?:since|after|before|following|until|ahead of)\s+(?=(?:the|a|an|his|her|their|its)\b)", re.I)
_ANCHOR_CHARS = 160


def _anchor_event(text: str, sentence: Span, mention: DateMention, others: list[int]) -> Span | None:
    """The phrase from "since"/"after"/... to the date that ends it, when the date dates an event
    the sentence names in passing (no other date of the sentence in between), else None."""
    start = max(sentence.start, mention.start - _ANCHOR_CHARS)
    found = list(_ANCHOR.finditer(text, start, mention.start))
    if not found or any(found[-1].end() <= at < mention.start for at in others):
        return None
    return Span(start=found[-1].end(), end=mention.end)


def _update_event(article: Article, story: Story) -> TimelineEvent | None:
    # an update on the day of publication is no event; one whose publication date is unknown is
    # (the text says "This story was updated on March 26, 2019": the story changed that day)
    if not article.updated or (article.published and article.updated.date() == article.published.date()):
        return None
    who = article.outlet or "the outlet"
    text = f"{who} updated its story"
    return TimelineEvent(
        story_id=story.id,
        date=article.updated.date().isoformat(),
        event=text,
        evidence=(
            Evidence(
                article_id=article.id,
                text=text,
                span=Span(start=0, end=0),
                outlet=article.outlet,
                said_at=article.updated,
            ),
        ),
    )


def build_timeline(story: Story, articles: list[Article]) -> list[TimelineEvent]:
    """Dated events of ``story`` from its ``articles`` (others are ignored), oldest first."""
    members = set(story.article_ids)
    chosen = sorted(
        (a for a in articles if a.id in members),
        key=lambda a: (a.published.isoformat() if a.published else "", a.id),
    )
    mentions: list[_Mention] = []
    for order, article in enumerate(chosen):
        mentions.extend(_article_mentions(article, story, order))

    groups: list[list[_Mention]] = []
    group_stems: list[frozenset[str]] = []
    for m in mentions:
        stems = _stems(m.sentence.slice(m.article.text))
        for i, group in enumerate(groups):
            head = group[0].mention
            if (head.date, head.end_date) != (m.mention.date, m.mention.end_date):
                continue
            shared = len(stems & group_stems[i]) / max(min(len(stems), len(group_stems[i])), 1)
            if shared >= MERGE_OVERLAP:
                group.append(m)
                group_stems[i] = group_stems[i] | stems
                break
        else:
            groups.append([m])
            group_stems.append(stems)

    events: list[TimelineEvent] = []
    for group in groups:
        first = min(group, key=lambda m: (m.order, m.mention.start))
        # the label is read from a copy as its outlet wrote it: a restored scrape ("41, 000") only
        # when no cased copy says it
        # when it is not, from a sentence short enough to show whole
        label = min(
            group,
            key=lambda m: (
                m.article.normalized_input,
                m.sentence.end - m.sentence.start > MAX_EVENT_CHARS,
                m.order,
                m.mention.start,
            ),
        )
        evidence = tuple(
            Evidence(
                article_id=m.article.id,
                text=_event_text(m.article.text, m.sentence),
                span=m.sentence,
                outlet=m.article.outlet,
                said_at=m.article.published,
            )
            for m in sorted(group, key=lambda m: (m.order, m.mention.start))
        )
        end = first.mention.end_date
        events.append(
            TimelineEvent(
                story_id=story.id,
                date=first.mention.date.isoformat(),
                event=_capitalised(_event_text(label.article.text, label.sentence)),
                evidence=evidence,
                end_date=end.isoformat() if end and end != first.mention.date else None,
                # which of the sentence's dates this event is ("in a radio interview on Friday and in
                # a speech ... on Saturday" gives two events of one sentence)
                expression=label.article.text[label.mention.start : label.mention.end],
            )
        )
    for article in chosen:
        update = _update_event(article, story)
        if update is not None:
            events.append(update)
    events.sort(key=lambda e: (e.date, e.end_date or e.date, e.event))
    return events


def resolve_dates(text: str, reference: date) -> Sequence[DateMention]:
    """The date expressions of ``text`` resolved against ``reference`` (re-exported for callers)."""
    return find_dates(text, reference)
