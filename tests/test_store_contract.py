"""One contract, run against every store implementation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.model import (
    Actor,
    AlignedPassage,
    Article,
    Evidence,
    IngestOutcome,
    Position,
    Proposition,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Rejection,
    Relation,
    Span,
    SpeakerType,
    Stage,
    Stance,
    Story,
    StoryChange,
    StoryChangeKind,
    TimelineEvent,
    article_id,
    content_fingerprint,
)
from storyline.store import MemoryStore, SqliteStore, Store


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = SqliteStore(tmp_path / "t.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


def make(text: str, url: str | None = None, **kw: object) -> Article:
    return Article(
        id=article_id(url, text), version=content_fingerprint(text), source="test", raw=text, text=text, url=url, **kw
    )  # type: ignore[arg-type]


def test_store_put_article_reports_ingested_unchanged_updated(store: Store) -> None:
    a = make("The harbour reopened on Monday.", url="https://example.org/a")
    assert store.put_article(a) is IngestOutcome.INGESTED
    assert store.put_article(a) is IngestOutcome.UNCHANGED
    b = make("The harbour reopened on Tuesday.", url="https://example.org/a")
    assert b.id == a.id
    assert store.put_article(b) is IngestOutcome.UPDATED
    assert store.get_article(a.id) == b
    assert [v.text for v in store.article_versions(a.id)] == [a.text, b.text]
    assert store.count_articles() == 1
    # an old version coming back does not replace the current one
    assert store.put_article(a) is IngestOutcome.UNCHANGED


def test_store_put_articles_matches_put_article_one_by_one(store: Store) -> None:
    a = make("The harbour reopened on Monday.", url="https://example.org/a")
    b = make("The harbour reopened on Tuesday.", url="https://example.org/a")
    c = make("Ferry fares rose again.", url="https://example.org/c")
    assert store.put_articles([]) == []
    assert store.put_articles([a, c, a, b]) == [
        IngestOutcome.INGESTED,
        IngestOutcome.INGESTED,
        IngestOutcome.UNCHANGED,
        IngestOutcome.UPDATED,
    ]
    assert store.get_article(a.id) == b
    assert [v.text for v in store.article_versions(a.id)] == [a.text, b.text]
    # a version stored earlier, current or not, is unchanged
    assert store.put_articles([a, c]) == [IngestOutcome.UNCHANGED, IngestOutcome.UNCHANGED]
    assert store.get_article(a.id) == b
    assert store.count_articles() == 2


def test_store_put_records_is_put_articles_of_encoded_articles(store: Store) -> None:
    from datetime import timedelta, timezone

    from storyline.store import article_record

    east = timezone(timedelta(hours=5))
    a = make(
        "The harbour reopened on Monday.",
        url="https://example.org/a",
        title="Harbour",
        published=datetime(2025, 3, 1, 10, tzinfo=east),
        ingested_at=datetime(2025, 3, 2, tzinfo=UTC),
    )
    b = make("The harbour reopened on Tuesday.", url="https://example.org/a")
    c = make("Ferry fares rose again.", updated=datetime(2025, 3, 3))  # naive: taken as UTC
    assert store.put_records([article_record(x) for x in (a, c, a)]) == [
        IngestOutcome.INGESTED,
        IngestOutcome.INGESTED,
        IngestOutcome.UNCHANGED,
    ]
    assert store.put_records([article_record(b)]) == [IngestOutcome.UPDATED]
    assert store.get_article(a.id) == b
    assert store.article_versions(a.id) == [a, b]
    assert store.get_article(c.id) == c
    assert [x.id for x in store.iter_articles(search="harbour")] == [a.id]


def test_store_search_finds_words_in_title_and_text(store: Store) -> None:
    store.put_article(make("Ferry talks collapse in Port Alder.", title="Talks collapse"))
    store.put_article(make("Weather: sunny."))
    assert [a.title for a in store.iter_articles(search="ferry")] == ["Talks collapse"]
    assert list(store.iter_articles(search='"); DROP TABLE articles; --')) == []
    assert list(store.iter_articles(search="")) == [] or True  # empty query is harmless


@pytest.mark.parametrize(
    ("batches", "found", "gone"),
    [
        ([[("a", "Ferry talks collapse."), ("b", "Tariff row deepens.")]], ["ferry", "tariff"], []),
        # a new version in a later batch: its words are found, the old version's are not
        ([[("a", "Ferry talks collapse.")], [("a", "Customs queue grows.")]], ["customs"], ["ferry"]),
        # the first and a second version of one URL in the same batch
        ([[("a", "Ferry talks collapse."), ("a", "Customs queue grows.")]], ["customs"], ["ferry"]),
        # three versions over two batches, beside an article that stays
        (
            [
                [("a", "Ferry talks collapse."), ("b", "Quota fight.")],
                [("a", "Customs queue grows."), ("a", "Harbour shut.")],
            ],
            ["harbour", "quota"],
            ["ferry", "customs"],
        ),
    ],
)
def test_store_search_follows_new_versions(
    store: Store, batches: list[list[tuple[str, str]]], found: list[str], gone: list[str]
) -> None:
    """Searches see the current version of each article (the SQLite store keeps its index itself)."""
    for batch in batches:
        store.put_articles([make(text, url=f"https://example.org/{page}") for page, text in batch])
    for word in found:
        assert len(list(store.iter_articles(search=word))) == 1, word
    for word in gone:
        assert list(store.iter_articles(search=word)) == [], word
    if isinstance(store, SqliteStore):
        store._conn().execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_store_lists_an_outlets_articles_newest_first(store: Store) -> None:
    day = [datetime(2025, 3, d, tzinfo=UTC) for d in (10, 12, 11)]
    bell = [
        make(f"Bell story number {k} about the harbour.", outlet="The Bell", published=d) for k, d in enumerate(day)
    ]
    store.put_articles([*bell, make("Gazette story about the harbour.", outlet="The Gazette", published=day[0])])
    newest = [a.published for a in store.iter_articles(outlet="The Bell", newest_first=True)]
    assert newest == sorted(day, reverse=True)
    assert [a.published for a in store.iter_articles(outlet="The Bell", newest_first=True, limit=2)] == newest[:2]
    assert [a.published for a in store.iter_articles(outlet="The Bell")] == sorted(day)
    assert [a.outlet for a in store.iter_articles(outlet="The Gazette")] == ["The Gazette"]
    assert list(store.iter_articles(outlet="Nobody")) == []


def test_store_rejections_round_trip(store: Store) -> None:
    r = Rejection(source="x.txt", stage=Stage.INGEST, reason="empty", detail="the file is empty")
    store.add_rejection(r)
    assert store.rejections() == [r]


def test_store_finds_an_actor_s_quotes_with_the_people_who_spoke_with_them(store: Store) -> None:
    """A statement two people made together ("Mira Vale and Tomas Hopping said") is each one's: the
    actor filter finds it under either name, not under part of a name nor another group's."""
    a = make("Mira Vale and Tomas Hopping said the deal was dead. Vale-Hopping Lines agreed.")
    store.put_article(a)
    joint = Quote(
        id="q1",
        article_id=a.id,
        speaker="Mira Vale and Tomas Hopping",
        actor="Mira Vale and Tomas Hopping",
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=33, end=50),
        content_text="the deal was dead",
        speaker_type=SpeakerType.GROUP,
    )
    firm = joint.replace(
        id="q2", speaker="Vale and Hopping Lines", actor="Vale and Hopping Lines", speaker_type=SpeakerType.ORGANIZATION
    )
    store.put_quotes(a.id, [joint, firm])
    assert store.quotes(actor="Tomas Hopping") == [joint]
    assert store.quotes(actor="mira vale") == [joint]
    assert store.quotes(actor="Mira Vale and Tomas Hopping") == [joint]
    assert store.quotes(actor="Hopping") == []
    assert store.quotes(actor="Hopping Lines") == []
    assert store.quotes(actor="Vale and Hopping Lines") == [firm]


def test_store_finds_an_actor_s_quotes_by_the_names_a_user_would_type(store: Store) -> None:
    """'Hollis', 'Prime Minister Hollis', 'Ms. Hollis', 'the prime minister' are Annika Hollis (the
    story's actor, with her role and aliases): the filter matched only the speaker as written, so
    her quotes written 'she' or 'Prime Minister Annika Hollis' were left out of 'Hollis'."""
    a = make("Prime Minister Annika Hollis said the levy stays. She said talks would go on. Hollis left.")
    store.put_article(a)
    base = Quote(
        id="q1",
        article_id=a.id,
        speaker="Prime Minister Annika Hollis",
        actor="Annika Hollis",
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=34, end=48),
        content_text="the levy stays",
        speaker_type=SpeakerType.PERSON,
    )
    she = base.replace(id="q2", speaker="She", content=Span(start=59, end=77), content_text="talks would go on")
    other = base.replace(id="q3", speaker="Ines Marlow", actor="Ines Marlow", content_text="no")
    store.put_quotes(a.id, [base, she, other])
    hollis = Actor(id="x1", name="Annika Hollis", aliases=("Hollis",), role="prime minister")
    store.put_actors("s1", [hollis, Actor(id="x2", name="Ines Marlow", role="pilot")])
    for query in ("Hollis", "Prime Minister Hollis", "Ms. Hollis", "the prime minister", "annika hollis"):
        assert [q.id for q in store.quotes(actor=query)] == ["q1", "q2"], query
    assert [q.id for q in store.quotes(actor="the pilot")] == ["q3"]
    assert store.quotes(actor="Annika") == [] and store.quotes(actor="Minister") == []


def test_store_stage_results_are_replaced_per_unit(store: Store) -> None:
    a = make("Minister Vale said the deal was dead.")
    store.put_article(a)
    q = Quote(
        id="q1",
        article_id=a.id,
        speaker="Vale",
        actor="Mira Vale",
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=18, end=36),
        content_text="the deal was dead",
    )
    store.put_quotes(a.id, [q])
    store.put_quotes(a.id, [q, q.replace(cue="stressed")])  # a repeated id keeps the first
    assert store.quotes(article_id=a.id) == [q]
    assert store.quotes(actor="mira vale") == [q]
    assert store.search_quotes("deal") == [q]
    story = Story(id="s1", title="Deal", article_ids=(a.id,), first_published=datetime(2024, 1, 1, tzinfo=UTC))
    store.put_stories([story], [StoryChange(story_id="s1", kind=StoryChangeKind.CREATED, reason="new")])
    assert store.stories() == [story]
    assert store.story_of(a.id) == "s1"
    assert store.quotes(story_id="s1") == [q]
    assert [x.id for x in store.iter_articles(story_id="s1")] == [a.id]
    assert len(store.story_changes("s1")) == 1
    edge = ProvenanceEdge(
        derived_id=a.id,
        relation=Relation.REPUBLICATION,
        score=0.9,
        reason="r",
        origin_label="CP",
        passages=(AlignedPassage(derived=Span(start=0, end=5)),),
    )
    store.put_edges([edge, edge])
    assert store.edges() == [edge]
    assert store.edges(article_ids=[a.id]) == [edge]
    ev = Evidence(article_id=a.id, text="the deal was dead", span=Span(start=18, end=36))
    prop = Proposition(
        id="p1",
        story_id="s1",
        text="the deal is dead",
        positions=(Position(actor="Mira Vale", stance=Stance.ASSERTS, evidence=(ev,)),),
    )
    store.put_propositions("s1", [prop])
    store.put_propositions("s1", [prop])
    assert store.propositions("s1") == [prop]
    t = TimelineEvent(story_id="s1", date="2024-01-01", event="talks collapse", evidence=(ev,))
    store.put_timeline("s1", [t])
    assert store.timeline("s1") == [t]
    actor = Actor(id="x", name="Mira Vale", aliases=("Vale",))
    store.put_actors("s1", [actor])
    assert store.actors("s1") == [actor]
    store.put_state("k", b"\x00\x01")
    assert store.get_state("k") == b"\x00\x01"
    assert store.get_state("missing") is None


def test_store_states_in_bulk(store: Store) -> None:
    names = [f"mark/{i}" for i in range(900)]  # more than one lookup chunk
    store.put_states((n, n.encode()) for n in names[::2])
    store.put_states([("mark/0", b"again")])
    found = store.get_states([*names, "missing"])
    assert set(found) == set(names[::2])
    assert found["mark/0"] == b"again" and found["mark/2"] == b"mark/2"
    assert store.get_state("mark/4") == b"mark/4"
    assert store.get_states([]) == {}


def test_store_analysis_queue_keeps_stored_order_and_forgets_finished_ids(store: Store) -> None:
    assert store.pending_analysis() == [] and store.count_pending_analysis() == 0
    store.queue_analysis(["c", "a", "b"])
    store.queue_analysis(["a", "d"])  # queued again: keeps its first place
    assert store.pending_analysis() == ["c", "a", "b", "d"]
    assert store.pending_analysis(limit=2) == ["c", "a"]
    assert store.count_pending_analysis() == 4
    store.finish_analysis(["a", "d", "never-queued"])
    assert store.pending_analysis() == ["c", "b"]
    store.queue_analysis(["a"])  # finished, then stored again (a new version): at the end
    assert store.pending_analysis() == ["c", "b", "a"]


def test_sqlite_analysis_queue_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    first = SqliteStore(db)
    with first.transaction():
        first.queue_analysis(["x", "y"])
    first.close()
    again = SqliteStore(db)
    assert again.pending_analysis() == ["x", "y"]
    again.close()


def test_store_moving_an_article_between_stories(store: Store) -> None:
    a, b = make("one"), make("two")
    store.put_article(a)
    store.put_article(b)
    store.put_stories([Story(id="s1", title="t", article_ids=(a.id, b.id))])
    store.put_stories([Story(id="s1", title="t", article_ids=(a.id,)), Story(id="s2", title="u", article_ids=(b.id,))])
    assert store.story_of(b.id) == "s2"
    store.put_stories([Story(id="s2", title="u", article_ids=())])
    assert store.get_story("s2") is None


def test_sqlite_store_is_a_wal_file_with_fts(tmp_path: Path) -> None:
    s = SqliteStore(tmp_path / "db.sqlite")
    conn = s._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert s.integrity_check() == "ok"
    s.close()
    s2 = SqliteStore(tmp_path / "db.sqlite")  # reopening migrates nothing and keeps data
    assert s2.count_articles() == 0


def test_sqlite_store_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    from storyline.errors import StoreError

    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        SqliteStore(bad)
