"""Provenance on hand-written cases: relation, direction, passages, drift, external origins."""

from __future__ import annotations

import pytest

from provenance_texts import (
    INDEPENDENT,
    ORIGIN,
    article,
    digest_of,
    republication_of,
    stripped,
)
from storyline.model import Article, DriftKind, ProvenanceEdge, Relation
from storyline.provenance import MinHashCandidateIndex, detect_provenance, independent_origins
from storyline.provenance.normalize import normalize_text


def run(*batches: list[Article]) -> list[ProvenanceEdge]:
    index = MinHashCandidateIndex()
    store: dict[str, Article] = {}
    edges: list[ProvenanceEdge] = []
    for batch in batches:
        edges += detect_provenance(batch, index, store.get)
        store.update({a.id: a for a in batch})
    return edges


def in_corpus(edges: list[ProvenanceEdge]) -> set[tuple[str, str | None, Relation]]:
    return {(e.derived_id, e.origin_id, e.relation) for e in edges if e.origin_id is not None}


CASES = [
    # (name, origin article, other article, expected (derived, origin, relation) or None)
    (
        "republication",
        article("o", ORIGIN, "Harbour News", 0),
        article("c", republication_of(ORIGIN), "Copy Site", 5),
        ("c", "o", Relation.REPUBLICATION),
    ),
    (
        "stripped copy meets cased original",
        article("o", ORIGIN, "Harbour News", 0),
        article("c", stripped(republication_of(ORIGIN)), "Scraper", None, normalized=True),
        ("c", "o", Relation.REPUBLICATION),
    ),
    (
        "digest with credit",
        article("o", ORIGIN, "Harbour News", 0),
        article("d", digest_of(ORIGIN, "Harbour News"), "Digest Weekly", 30),
        ("d", "o", Relation.DIGEST),
    ),
    (
        "digest without dates: containment decides",
        article("o", ORIGIN, "Harbour News"),
        article("d", digest_of(ORIGIN, "Harbour News"), "Digest Weekly"),
        ("d", "o", Relation.DIGEST),
    ),
    (
        "independent report on the same event",
        article("o", ORIGIN, "Harbour News", 0),
        article("i", INDEPENDENT, "Other Paper", 2),
        None,
    ),
]


@pytest.mark.parametrize("name,origin,other,expected", CASES, ids=[c[0] for c in CASES])
def test_detect_provenance_relation_and_direction(name, origin, other, expected) -> None:
    edges = run([origin, other])
    found = in_corpus(edges)
    if expected is None:
        assert found == set(), [e.reason for e in edges]
    else:
        assert found == {expected}, [e.reason for e in edges]
        edge = next(e for e in edges if e.origin_id == expected[1])
        assert edge.reason and 0.0 < edge.score <= 1.0
        assert edge.passages


@pytest.mark.parametrize("normalized", [False, True])
def test_detect_provenance_passages_point_at_the_same_words(normalized: bool) -> None:
    origin = article("o", ORIGIN, "Harbour News", 0)
    text = republication_of(ORIGIN)
    copy = article("c", stripped(text) if normalized else text, "Copy Site", 3, normalized=normalized)
    (edge,) = [e for e in run([origin, copy]) if e.origin_id == "o"]
    starts = []
    for p in edge.passages:
        assert p.origin is not None
        d_words = normalize_text(p.derived.slice(copy.text)).tokens
        o_words = normalize_text(p.origin.slice(origin.text)).tokens
        assert d_words == o_words  # verbatim passages here
        starts.append(p.origin.start)
    assert starts == sorted(starts) and len(edge.passages) >= 2  # in order; the sidebar splits it


def test_detect_provenance_finds_stored_article_derived_from_new_one() -> None:
    copy = article("c", republication_of(ORIGIN), "Copy Site", 5)
    origin = article("o", ORIGIN, "Harbour News", 0)
    edges = run([copy], [origin])  # the copy was stored first
    assert in_corpus(edges) == {("c", "o", Relation.REPUBLICATION)}


def test_detect_provenance_reports_drift() -> None:
    changed = republication_of(ORIGIN).replace("in only three of the twelve", "in three of the twelve")
    changed = changed.replace("about 14 million dollars", "about 19 million dollars")
    edges = run([article("o", ORIGIN, "Harbour News", 0), article("c", changed, "Copy Site", 5)])
    (edge,) = [e for e in edges if e.origin_id == "o"]
    notes = [d.note for d in edge.drift]
    assert any(n.startswith("qualifier lost: 'only'") for n in notes), notes
    assert any(n == "number changed 14 -> 19" for n in notes), notes
    assert any(d.kind is DriftKind.ADDED and "Bakery" in d.derived_text.title() for d in edge.drift)
    assert any(d.kind is DriftKind.DROPPED and "opening" in d.note for d in edge.drift)


def test_detect_provenance_external_wire_origin_counted_once() -> None:
    wire_copy = article("w", "PORT ALDER (AP) — " + republication_of(ORIGIN), "Web Site", 1)
    digest = article("d", digest_of(ORIGIN, "The Associated Press"), "Digest Weekly", 9)
    other = article("i", INDEPENDENT, "Other Paper", 2)
    edges = run([wire_copy, digest, other])
    by_derived = {e.derived_id: e for e in edges}
    assert in_corpus(edges) == set()
    assert (by_derived["w"].origin_label, by_derived["w"].relation) == ("AP", Relation.REPUBLICATION)
    assert (by_derived["d"].origin_label, by_derived["d"].relation) == ("AP", Relation.DIGEST)
    assert "also derive" in by_derived["d"].reason and "w" in by_derived["d"].reason
    groups = independent_origins(["w", "d", "i"], edges)
    assert len(groups) == 2
    assert groups[0].origin == "external:AP" and groups[0].members == ("d", "w")


@pytest.mark.parametrize(
    "text",
    [
        "According to Reuters, the bridge will close. " + INDEPENDENT,  # one passing mention
        "AP Photo/Jane Doe. " + INDEPENDENT,  # a photo credit
    ],
)
def test_detect_provenance_no_external_edge_for_passing_mentions(text: str) -> None:
    assert run([article("x", text, "Paper", 0)]) == []


@pytest.mark.parametrize(
    "text,credits,dateline,expected",
    [
        # the cleaner moved "(AP)" out of the body into the metadata: wire copy
        (republication_of(ORIGIN), ("AP",), None, Relation.REPUBLICATION),
        (republication_of(ORIGIN), (), "PORT ALDER (AP)", Relation.REPUBLICATION),
        # the credit is still in the text as an attribution next to quotes: a digest
        (
            digest_of(ORIGIN, "The Associated Press") + ' "We will not pay for it," Pell told the Associated Press.',
            ("AP",),
            None,
            Relation.DIGEST,
        ),
    ],
)
def test_detect_provenance_uses_cleaner_credits(text, credits, dateline, expected) -> None:
    art = article("x", text, "Web Site", 0, credits=credits).replace(dateline=dateline)
    (edge,) = run([art])
    assert (edge.origin_id, edge.origin_label, edge.relation) == (None, "AP", expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "A few days later, the Harbour Courier reported that the explanation was meant to mislead.",
        "The Harbour Courier first reported the delay, which officials later confirmed.",
    ],
)
def test_detect_provenance_recorded_credit_the_text_still_names_is_not_wire_copy(sentence: str) -> None:
    """The cleaner records every credit it sees; one the text still names ("X reported that") is a
    passing mention, not a removed dateline, so it makes no external republication."""
    art = article("x", INDEPENDENT + " " + sentence, "Web Site", 0, credits=("Harbour Courier",))
    assert [e for e in run([art]) if e.relation is Relation.REPUBLICATION] == []


def _stored(*batches: list[Article], with_known_edges: bool) -> dict[tuple[str, str], ProvenanceEdge]:
    """Run batches through detect_provenance into an upserting edge store keyed like the real ones."""
    index = MinHashCandidateIndex()
    articles: dict[str, Article] = {}
    store: dict[tuple[str, str], ProvenanceEdge] = {}

    def known(ids: list[str]) -> list[ProvenanceEdge]:
        return [e for e in store.values() if e.derived_id in ids or e.origin_id in ids]

    for batch in batches:
        found = detect_provenance(batch, index, articles.get, known if with_known_edges else None)
        store.update({(e.derived_id, e.origin_id or f"external:{e.origin_label}"): e for e in found})
        articles.update({a.id: a for a in batch})
    return store


WIRE_COPY = "PORT ALDER (AP) — " + republication_of(ORIGIN)


@pytest.mark.parametrize("with_known_edges", [True, False])
@pytest.mark.parametrize(
    "origin_outlet,why",
    [("The Associated Press", "AP's story is now in the corpus"), ("Harbour News", "now in the corpus, is where")],
)
def test_detect_provenance_supersedes_external_edge_when_origin_arrives(with_known_edges, origin_outlet, why) -> None:
    copy = article("w", WIRE_COPY, "Web Site", 5)
    origin = article("o", ORIGIN, origin_outlet, 0)
    store = _stored([copy], [origin], with_known_edges=with_known_edges)
    old = store[("w", "external:AP")]
    assert old.superseded_by == "o" and old.score == 0.0
    assert old.reason.startswith("superseded by the edge to o") and why in old.reason
    assert "wire copy" in old.reason  # what the edge was is kept
    assert store[("w", "o")].relation is Relation.REPUBLICATION and store[("w", "o")].superseded_by is None
    groups = independent_origins(["w", "o"], list(store.values()))
    assert [(g.origin, g.members) for g in groups] == [("o", ("o", "w"))]


@pytest.mark.parametrize(
    "batches",
    [
        # the origin arrives first: the copy never gets an external edge to supersede
        lambda: ([article("o", ORIGIN, "Harbour News", 0)], [article("w", WIRE_COPY, "Web Site", 5)]),
        # an independent report arrives later: the external edge stands
        lambda: ([article("w", WIRE_COPY, "Web Site", 5)], [article("i", INDEPENDENT, "Other Paper", 2)]),
    ],
    ids=["origin first", "unrelated later"],
)
def test_detect_provenance_keeps_edges_nothing_supersedes(batches) -> None:
    store = _stored(*batches(), with_known_edges=True)
    assert all(e.superseded_by is None for e in store.values())
    assert all(e.score > 0 for e in store.values())


@pytest.mark.parametrize("saved", ["older-format", "corrupt"])
def test_run_provenance_rebuilds_an_unreadable_index(saved: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.provenance.candidates as candidates
    from storyline.analysis import PROVENANCE_STATE, run_provenance
    from storyline.store.memory import MemoryStore

    store = MemoryStore()
    origin = article("o", ORIGIN, "Harbour News", 0)
    store.put_article(origin)
    run_provenance(store, [origin])
    # an index this version cannot read: written by an older version, or damaged
    with monkeypatch.context() as patch:
        patch.setattr(candidates, "_FORMAT", "older")
        older = MinHashCandidateIndex().to_bytes()
    store.put_state(PROVENANCE_STATE, older if saved == "older-format" else older[: len(older) // 2])
    copy = article("c", republication_of(ORIGIN), "Copy Site", 5)
    store.put_article(copy)
    edges = run_provenance(store, [copy])
    assert ("c", "o", Relation.REPUBLICATION) in in_corpus(edges)
    assert MinHashCandidateIndex.from_bytes(store.get_state(PROVENANCE_STATE) or b"")  # saved in the new format


def _copies() -> list[Article]:
    """An origin, four copies of it (two scraped) and a digest, published in that order."""
    text = republication_of(ORIGIN)
    return [
        article("o", ORIGIN, "Harbour News", 0),
        article("c1", text, "Copy Site", 2),
        article("c2", text.replace("Top stories", "More news"), "Second Copy", 3),
        article("c3", stripped(text), "Scraper", None, normalized=True),
        article("c4", stripped(text)[5:], "Other Scraper", None, normalized=True),
        article("d", digest_of(ORIGIN, "Harbour News"), "Digest Weekly", 30),
    ]


@pytest.mark.parametrize(
    "batching",
    [
        lambda arts: [arts],  # all at once
        lambda arts: [[a] for a in arts],  # one by one, origin first
        lambda arts: [arts[1:], arts[:1]],  # the copies before their origin
        lambda arts: [[a] for a in reversed(arts)],  # one by one, newest first
    ],
    ids=["one batch", "one by one", "origin last", "reversed"],
)
def test_detect_provenance_copies_get_one_edge_each_and_one_origin(batching) -> None:
    arts = _copies()
    store = _stored(*batching(arts), with_known_edges=True)
    live = [e for e in store.values() if e.superseded_by is None and e.origin_id is not None]
    per_copy: dict[str, int] = {}
    for e in live:
        per_copy[e.derived_id] = per_copy.get(e.derived_id, 0) + 1
    assert set(per_copy) == {"c1", "c2", "c3", "c4", "d"}, [e.reason for e in live]
    assert all(n == 1 for n in per_copy.values()), per_copy  # siblings are not linked pairwise
    groups = independent_origins([a.id for a in arts] + ["i"], live)
    assert [(g.origin, len(g.members)) for g in groups][0] == ("o", 6)


def test_detect_provenance_copies_point_at_the_origin_when_it_comes_first() -> None:
    edges = run(_copies())
    assert {(e.derived_id, e.origin_id) for e in edges if e.origin_id} == {
        (c, "o") for c in ("c1", "c2", "c3", "c4", "d")
    }


@pytest.mark.parametrize(
    "a,b,related",
    [
        (article("o", ORIGIN), article("c", republication_of(ORIGIN)), True),
        (article("o", ORIGIN), article("c", stripped(republication_of(ORIGIN)), normalized=True), True),
        (article("o", ORIGIN), article("d", digest_of(ORIGIN, "Harbour News")), True),
        (article("o", ORIGIN), article("i", INDEPENDENT), False),
        (article("o", ORIGIN), article("s", "A short note on the weather."), False),
        (article("o", ORIGIN), article("e", ""), False),
    ],
    ids=["republication", "scraped", "digest", "independent", "unrelated", "empty"],
)
def test_could_relate_is_a_bound_on_alignment(a: Article, b: Article, related: bool) -> None:
    from storyline.provenance.detection import could_relate
    from storyline.provenance.relation import ArticleView, classify_pair

    va, vb = ArticleView.of(a), ArticleView.of(b)
    assert could_relate(va, vb) is related and could_relate(vb, va) is related
    if not related:  # nothing it rejects could have been related
        assert classify_pair(va, vb) is None
