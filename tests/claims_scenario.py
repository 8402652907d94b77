"""A hand-made story in the shape the earlier stages produce (our own sentences, not seed text):
a wire report, a digest of it, a republication, and an independent analysis of a summit that
collapsed over sanctions."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.model import (
    Article,
    CueClass,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Relation,
    Span,
    SpeakerType,
    Story,
    stable_id,
)

WIRE = "a_wire"
DIGEST = "a_digest"
REPUB = "a_repub"
ANALYSIS = "a_analysis"

WIRE_TEXT = (
    "The president said the talks ended because the other side wanted every sanction lifted. "
    "The delegation of the North called a news conference at night to reject that account. "
    "Its foreign minister said the North had sought only partial relief from sanctions "
    "in return for closing its main reactor site. "
    "On Thursday night, a senior official at the ministry repeated that the North asked "
    "for the lifting of all sanctions. "
    "But the official acknowledged that the sanctions at issue were only the ones adopted by the council since 2016. "
    "It was a big request, the wire concluded, but it was not all of the sanctions, as the president said."
)
DIGEST_TEXT = (
    "The wire service reports that the accounts of the collapse differ. "
    "The president said the talks ended because the other side wanted every sanction lifted. "
    "Its foreign minister said the North had sought only partial relief from sanctions "
    "in return for closing its main reactor site."
)
ANALYSIS_TEXT = (
    "Last Thursday the finance ministry listed two shipping firms. "
    "The reason the summit failed was plain: the North wanted a large package of relief from sanctions."
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part))


def _quote(
    article_id: str,
    text: str,
    part: str,
    actor: str,
    cue: str,
    cue_class: CueClass,
    speaker_type: SpeakerType,
) -> Quote:
    return Quote(
        id=stable_id("q", article_id, part),
        article_id=article_id,
        speaker=actor,
        actor=actor,
        cue=cue,
        kind=QuoteKind.INDIRECT,
        content=_span(text, part),
        content_text=part,
        cue_class=cue_class,
        speaker_type=speaker_type,
    )


def articles() -> list[Article]:
    t0 = datetime(2019, 2, 28, 22, tzinfo=UTC)
    return [
        Article(
            id=WIRE,
            version="1",
            source="wire.txt",
            raw=WIRE_TEXT,
            text=WIRE_TEXT,
            outlet="Wire",
            published=t0,
        ),
        Article(
            id=REPUB,
            version="1",
            source="repub.txt",
            raw=WIRE_TEXT,
            text=WIRE_TEXT,
            outlet="Reposter",
            published=datetime(2019, 3, 1, 3, tzinfo=UTC),
        ),
        Article(
            id=DIGEST,
            version="1",
            source="digest.txt",
            raw=DIGEST_TEXT,
            text=DIGEST_TEXT,
            outlet="Digest",
            published=datetime(2019, 3, 1, 12, tzinfo=UTC),
        ),
        Article(
            id=ANALYSIS,
            version="1",
            source="analysis.txt",
            raw=ANALYSIS_TEXT,
            text=ANALYSIS_TEXT,
            outlet="Monthly",
            published=datetime(2019, 3, 26, 9, tzinfo=UTC),
        ),
    ]


def quotes() -> list[Quote]:
    out = []
    for aid, text in ((WIRE, WIRE_TEXT), (REPUB, WIRE_TEXT)):
        out += [
            _quote(
                aid,
                text,
                "the talks ended because the other side wanted every sanction lifted",
                "President",
                "said",
                CueClass.NEUTRAL,
                SpeakerType.PERSON,
            ),
            _quote(
                aid,
                text,
                "the North had sought only partial relief from sanctions in return for closing its main reactor site",
                "Foreign Minister",
                "said",
                CueClass.NEUTRAL,
                SpeakerType.PERSON,
            ),
            _quote(
                aid,
                text,
                "the North asked for the lifting of all sanctions",
                "Ministry official",
                "repeated",
                CueClass.CONFIRMING,
                SpeakerType.ANONYMOUS,
            ),
            _quote(
                aid,
                text,
                "the sanctions at issue were only the ones adopted by the council since 2016",
                "Ministry official",
                "acknowledged",
                CueClass.CONCEDING,
                SpeakerType.ANONYMOUS,
            ),
            _quote(
                aid,
                text,
                "it was not all of the sanctions, as the president said",
                "Wire",
                "concluded",
                CueClass.NEUTRAL,
                SpeakerType.OUTLET,
            ),
        ]
    out += [
        _quote(
            DIGEST,
            DIGEST_TEXT,
            "the talks ended because the other side wanted every sanction lifted",
            "President",
            "said",
            CueClass.NEUTRAL,
            SpeakerType.PERSON,
        ),
        _quote(
            DIGEST,
            DIGEST_TEXT,
            "the North had sought only partial relief from sanctions in return for closing its main reactor site",
            "Foreign Minister",
            "said",
            CueClass.NEUTRAL,
            SpeakerType.PERSON,
        ),
    ]
    return out


def edges() -> list[ProvenanceEdge]:
    return [
        ProvenanceEdge(
            derived_id=REPUB,
            relation=Relation.REPUBLICATION,
            score=0.9,
            reason="verbatim",
            origin_id=None,
            origin_label="Wire",
        ),
        ProvenanceEdge(
            derived_id=WIRE,
            relation=Relation.REPUBLICATION,
            score=1.0,
            reason="wire copy",
            origin_id=None,
            origin_label="Wire",
        ),
        ProvenanceEdge(
            derived_id=DIGEST,
            relation=Relation.DIGEST,
            score=0.6,
            reason="credits the wire",
            origin_id=None,
            origin_label="wire",
        ),
    ]


def story() -> Story:
    return Story(id="s_summit", title="Summit collapse", article_ids=(WIRE, REPUB, DIGEST, ANALYSIS))


def quote_in(
    article: Article,
    content: str,
    actor: str,
    kind: SpeakerType = SpeakerType.PERSON,
    cue: str = "said",
    cue_class: CueClass = CueClass.NEUTRAL,
) -> Quote:
    """An indirect quote of ``content``, which ``article``'s text holds, said by ``actor``."""
    start = article.text.index(content)
    return Quote(
        id=stable_id("q", article.id, content),
        article_id=article.id,
        speaker=actor,
        actor=actor,
        cue=cue,
        kind=QuoteKind.INDIRECT,
        content=Span(start=start, end=start + len(content)),
        content_text=content,
        cue_class=cue_class,
        speaker_type=kind,
    )
