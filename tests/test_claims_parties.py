"""Who a statement belongs to: speakers that name no one are dropped, names are trimmed, an
outlet-less copy is named by where it came from, copies take their origin's speaker, and speakers
fold into the party they speak for. Invented sentences only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.claims.parties import copy_actors, dated_copies, outlet_label, party_folding, party_name
from storyline.model import Actor, Article, ProvenanceEdge, Relation, SpeakerType


@pytest.mark.parametrize(
    ("actor", "kind", "expected"),
    [
        # names and descriptions a journalist would write
        ("Donald Trump", SpeakerType.PERSON, "Donald Trump"),
        ("senior Trade Ministry official", SpeakerType.ANONYMOUS, "senior Trade Ministry official"),
        ("two people", SpeakerType.GROUP, "two people"),
        ("Bill Hardy", SpeakerType.PERSON, "Bill Hardy"),  # "bill" is a stop word in some lists
        ("The Daily Lantern", SpeakerType.OUTLET, "The Daily Lantern"),
        # trimmed to the name
        ("Mara Quist, who chairs the pilots' guild", SpeakerType.ORGANIZATION, "Mara Quist"),
        ("His deputy, Oren Vale", SpeakerType.UNKNOWN, "Oren Vale"),
        (
            "four envoys from neighbouring states who have read it",
            SpeakerType.GROUP,
            "four envoys from neighbouring states",
        ),
        ("Because Vale", SpeakerType.PERSON, "Vale"),
        ("the leaflet, handed out on the quay", SpeakerType.ORGANIZATION, "the leaflet"),
        # no one: unresolved pronouns, datelines, things, swallowed clauses
        ("", SpeakerType.UNKNOWN, None),
        ("It", SpeakerType.UNKNOWN, None),
        ("They", SpeakerType.GROUP, None),
        ("who", SpeakerType.UNKNOWN, None),
        ("At", SpeakerType.UNKNOWN, None),
        ("Its officials", SpeakerType.GROUP, None),
        ("Lowport, Tarnland (XP", SpeakerType.GROUP, None),
        ("the rhetoric", SpeakerType.UNKNOWN, None),
        ("last winter", SpeakerType.UNKNOWN, None),
        ("Vale's answer", SpeakerType.UNKNOWN, None),
        ("the committee whether the draft had covered the old toll", SpeakerType.UNKNOWN, None),
        ("harbour rules bar clerks from discussing the tolls with anyone on the record", SpeakerType.GROUP, None),
        # a document is its author's voice; alone it names no one
        ("a statement from the pilots' guild", SpeakerType.GROUP, "the pilots' guild"),
        ("the committee's report", SpeakerType.ORGANIZATION, "the committee"),
        ("comments", SpeakerType.GROUP, None),
        ("stories", SpeakerType.GROUP, None),
        # a happening is no one speaking ("a meeting that offered slight hope")
        ("the talks", SpeakerType.GROUP, None),
        ("His campaign-style visit to Detroit", SpeakerType.ORGANIZATION, None),
        ("a face-to-face meeting with House Speaker John Boehner", SpeakerType.ORGANIZATION, None),
        ("the Obama campaign", SpeakerType.ORGANIZATION, "the Obama campaign"),
    ],
)
def test_party_name_trims_or_rejects(actor: str, kind: SpeakerType, expected: str | None) -> None:
    assert party_name(actor, kind) == expected


def _article(**fields: object) -> Article:
    base: dict[str, object] = {"id": "a_1", "version": "v", "source": "/data/in/x.txt", "raw": "t", "text": "t"}
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"outlet": "The Daily Lantern"}, "The Daily Lantern"),
        ({"outlet": "  "}, "unknown outlet (copy from x.txt)"),
        ({"url": "https://www.lantern.example/a/b"}, "unknown outlet (copy from lantern.example)"),
        ({"source": "/data/in/scrape.txt", "normalized_input": True}, "unknown outlet (scrape of scrape.txt)"),
        ({"source": "-"}, "unknown outlet"),
        (
            {"source": "/data/001.txt", "normalized_input": True, "credits": ("AP",)},
            "unknown outlet (AP story, scrape of 001.txt)",
        ),
        ({"source": "-", "credits": ("Reuters",)}, "unknown outlet (Reuters story)"),
        # a source the text cites does not make the copy its story; one with the dateline does
        (
            {
                "source": "/d/003.txt",
                "credits": ("The Washington Post",),
                "text": "The Washington Post first reported it.",
            },
            "unknown outlet (copy from 003.txt)",
        ),
        (
            {
                "source": "/d/001.txt",
                "credits": ("AP",),
                "dateline": "HANOI, Vietnam",
                "text": "HANOI, Vietnam (AP) - x",
            },
            "unknown outlet (AP story, copy from 001.txt)",
        ),
    ],
)
def test_outlet_label_never_shows_an_article_id(fields: dict[str, object], expected: str) -> None:
    label = outlet_label(_article(**fields))
    assert label == expected
    assert "a_1" not in label


def _edge(derived: str, origin: str, relation: Relation = Relation.REPUBLICATION) -> ProvenanceEdge:
    return ProvenanceEdge(derived_id=derived, origin_id=origin, relation=relation, score=0.9, reason="test")


@pytest.mark.parametrize(
    ("items", "edges", "expected"),
    [
        # the scrape read the dateline as the speaker; its origin names her
        (
            [
                ("origin", "she left the talks because they wanted every toll scrapped", "Mara Quist"),
                ("copy", "she left the talks because they wanted every toll scrapped", "Lowport"),
            ],
            [_edge("copy", "origin")],
            {1: "Mara Quist"},
        ),
        # same words, no provenance edge: two outlets may quote two people alike
        (
            [
                ("origin", "she left the talks because they wanted every toll scrapped", "Mara Quist"),
                ("other", "she left the talks because they wanted every toll scrapped", "Lowport"),
            ],
            [],
            {},
        ),
        # a copy's different statement keeps its own speaker
        (
            [
                ("origin", "she left the talks because they wanted every toll scrapped", "Mara Quist"),
                ("copy", "the harbour will reopen on Monday morning after repairs", "Oren Vale"),
            ],
            [_edge("copy", "origin")],
            {},
        ),
        # an independent rewrite is not a copy of the wording
        (
            [
                ("origin", "she left the talks because they wanted every toll scrapped", "Mara Quist"),
                ("copy", "she left the talks because they wanted every toll scrapped", "Lowport"),
            ],
            [_edge("copy", "origin", Relation.REWRITE)],
            {},
        ),
        # a stripped scrape's "We did not ask | for the base levy to go": few content words, but
        # word for word inside one statement of the origin
        (
            [
                ("origin", "We did not ask for the base levy to go. We asked for the surcharges", "Teodor Vask"),
                ("copy", "for the base levy to go", "We"),
            ],
            [_edge("copy", "origin")],
            {1: "Teodor Vask"},
        ),
        # too short a stretch to say whose it is
        (
            [("origin", "We did not ask for the levy", "Teodor Vask"), ("copy", "for the levy", "We")],
            [_edge("copy", "origin")],
            {},
        ),
    ],
)
def test_copy_actors_take_the_origins_speaker(items, edges, expected) -> None:  # type: ignore[no-untyped-def]
    assert copy_actors(items, edges) == expected


def test_dated_copies_take_the_origins_time_only_when_undated() -> None:
    t0 = datetime(2030, 5, 1, 9, tzinfo=UTC)
    t1 = datetime(2030, 5, 2, 9, tzinfo=UTC)
    origin = _article(id="origin", published=t0)
    undated = _article(id="copy")
    dated = _article(id="later", published=t1)
    out = {
        a.id: a.published
        for a in dated_copies([origin, undated, dated], [_edge("copy", "origin"), _edge("later", "origin")])
    }
    assert out == {"origin": t0, "copy": t0, "later": t1}


@pytest.mark.parametrize(
    ("actor", "affiliation", "kind", "party"),
    [
        ("Tarnish officials", "Tarnland", SpeakerType.GROUP, "Tarnland"),  # another actor of the story
        ("senior Trade Ministry official", "Trade Ministry", SpeakerType.ANONYMOUS, "Trade Ministry"),
        ("Kim Yo Jong", "North Korea", SpeakerType.PERSON, "North Korea"),  # a country the gazetteer knows
        ("Western envoy", "Western", SpeakerType.ANONYMOUS, "Western envoy"),  # a word, not a party
        ("The Daily Lantern", "Lantern", SpeakerType.OUTLET, "The Daily Lantern"),
        ("Mara Quist", None, SpeakerType.PERSON, "Mara Quist"),
    ],
)
def test_party_folding_by_affiliation(actor: str, affiliation: str | None, kind: SpeakerType, party: str) -> None:
    actors = [
        Actor(id="x", name=actor, kind=kind, affiliation=affiliation),
        Actor(id="t", name="Tarnland", kind=SpeakerType.ORGANIZATION),
        Actor(id="m", name="Trade Ministry", kind=SpeakerType.ORGANIZATION),
    ]
    folding = party_folding(actors, [actor, "Tarnland", "Trade Ministry"])
    assert folding.get(actor, actor) == party


@pytest.mark.parametrize(
    ("speaker", "actor", "kind", "affiliation"),
    [
        ("Norwegian Foreign Minister Ola Brekke", "Ola Brekke", SpeakerType.PERSON, "Norway"),
        ("Ola Brekke", "Ola Brekke", SpeakerType.PERSON, None),  # no title, no country
        ("Norwegian officials", "Norwegian officials", SpeakerType.GROUP, "Norway"),
        ("A Chilean diplomat", "Chilean diplomat", SpeakerType.ANONYMOUS, "Chile"),
    ],
)
def test_resolve_actors_reads_the_country_of_a_title_or_demonym(
    speaker: str, actor: str, kind: SpeakerType, affiliation: str | None
) -> None:
    """The attribution side of party folding (attribution/actors.py): the country a speaker's
    title or description names becomes its affiliation."""
    from storyline.attribution import resolve_actors
    from storyline.model import Quote, QuoteKind, Span

    text = f"{speaker} said the fleet would stay in port."
    article = Article(id="x", version="v", source="s", raw=text, text=text)
    start = text.index("the fleet")
    quote = Quote(
        id="q",
        article_id="x",
        speaker=speaker,
        actor=actor,
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=start, end=len(text) - 1),
        content_text=text[start:-1],
        speaker_type=kind,
    )
    _, actors = resolve_actors([quote], [article])
    assert [(a.name, a.affiliation) for a in actors] == [(actor, affiliation)]


@pytest.mark.parametrize(
    ("speakers", "expected"),
    [
        (["XP", "Xavier Press"], {"XP": "Xavier Press"}),  # an acronym joins the name it spells
        (["XP", "Xavier Press", "Xenon Partners"], {}),  # two candidates: left alone
        (["XP"], {}),
        (["Xavier Press"], {}),
    ],
)
def test_party_folding_joins_an_acronym_to_its_name(speakers: list[str], expected: dict[str, str]) -> None:
    assert party_folding([], speakers) == expected


@pytest.mark.parametrize(
    ("relation", "origin_id", "label", "expected"),
    [
        (Relation.REPUBLICATION, None, "XP", {"copy": "XP"}),  # a wire copy narrates in the wire's voice
        (Relation.DIGEST, None, "XP", {}),  # a digest frames the story in its own voice
        (Relation.REPUBLICATION, "origin", "XP", {}),  # the origin is in the corpus: its narration is read there
    ],
)
def test_credited_voices(relation: Relation, origin_id: str | None, label: str, expected: dict[str, str]) -> None:
    from storyline.claims.parties import credited_voices

    edge = ProvenanceEdge(
        derived_id="copy", origin_id=origin_id, origin_label=label, relation=relation, score=0.9, reason="test"
    )
    assert credited_voices([edge]) == expected
