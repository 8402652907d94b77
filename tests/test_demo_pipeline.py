"""The whole pipeline on the bundled sample corpus: the results its README promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Relation
from storyline.pipeline import Pipeline
from storyline.provenance import independent_origins
from storyline.runner import LocalRunner
from storyline.sample import corpus_path
from storyline.store import SqliteStore


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    store = SqliteStore(db)
    files = sorted(
        str(p) for p in corpus_path().iterdir() if p.is_file() and p.suffix != ".md" and not p.name.startswith(".")
    )
    runner = LocalRunner(preload=False)  # as `storyline demo` runs it: batches overlap (too few files for a pool)
    try:
        report = Pipeline(store, runner).ingest(files)
    finally:
        runner.close()
    assert report.ingested == 7
    assert [r.reason for r in report.rejected] == ["bad-json"]
    # the feed's two items are teasers of articles in the corpus: neither replaces its full text
    assert (report.unchanged, report.updated) == (2, 0)
    return store


def test_demo_full_pages_are_not_replaced_by_feed_teasers(demo_store: SqliteStore) -> None:
    sources = _by_source(demo_store)
    assert "feed.xml" not in sources
    page = demo_store.get_article(sources["harbour_ledger_2025-03-13.html"])
    assert page is not None and page.outlet == "The Harbour Ledger" and len(page.text) > 2000


def _by_source(store: SqliteStore) -> dict[str, str]:
    """File name -> article id (sources look like 'path', 'path#url' or 'path:line')."""
    out = {}
    for a in store.iter_articles():
        path = a.source.split("#")[0]
        head, _, line = path.rpartition(":")
        out[Path(head if line.isdigit() else path).name] = a.id
    return out


def test_demo_one_story_and_a_separate_distractor(demo_store: SqliteStore) -> None:
    ids = _by_source(demo_store)
    stories = {s.id: set(s.article_ids) for s in demo_store.stories()}
    distractor = demo_store.story_of(ids["eastport_observer_2023-09-07.jsonl"])
    main = demo_store.story_of(ids["continental_press_wire_2025-03-13.json"])
    assert distractor != main and stories[distractor] == {ids["eastport_observer_2023-09-07.jsonl"]}
    assert stories[main] == {v for k, v in ids.items() if not k.startswith("eastport")}


def test_demo_provenance_republication_digest_and_four_origins(demo_store: SqliteStore) -> None:
    ids = _by_source(demo_store)
    wire = ids["continental_press_wire_2025-03-13.json"]
    edges = {(e.derived_id, e.origin_id): e.relation for e in demo_store.edges()}
    assert edges == {
        (ids["northshore_post_scrape.txt"], wire): Relation.REPUBLICATION,
        (ids["quarterdeck_digest.txt"], wire): Relation.DIGEST,
    }
    main = demo_store.story_of(wire)
    story = demo_store.get_story(main)
    assert story is not None
    groups = independent_origins(story.article_ids, demo_store.edges())
    assert len(groups) == 4


def test_demo_stages_fill_the_store(demo_store: SqliteStore) -> None:
    ids = _by_source(demo_store)
    main = demo_store.story_of(ids["continental_press_wire_2025-03-13.json"])
    assert main is not None
    actors = {q.actor for q in demo_store.quotes(story_id=main)}
    assert any("Hollis" in a for a in actors) and any("Vask" in a for a in actors)
    assert demo_store.propositions(main)
    dates = {t.date for t in demo_store.timeline(main)}
    assert {"2025-03-11", "2025-03-12"} <= dates


def test_demo_ledger_has_the_readme_parties_concession_and_quantity_conflict(demo_store: SqliteStore) -> None:
    """The corpus README's dispute: Veldora's people are one side (Hollis asserts, Okafor and the
    Trade Ministry official concede, Lindahl qualifies), Marisca denies, Okoro qualifies, and the yield of the
    surcharges is a quantity conflict (412 million vs 'well over half a billion' veldor)."""
    from storyline.claims import dispute_ledger
    from storyline.model import ConflictKind, Stance

    ids = _by_source(demo_store)
    main = demo_store.story_of(ids["continental_press_wire_2025-03-13.json"])
    assert main is not None
    props = demo_store.propositions(main)
    stances = {(p.actor, p.stance) for prop in props for p in prop.positions}
    assert {("Annika Hollis", Stance.ASSERTS), ("Bram Okafor", Stance.CONCEDES)} <= stances
    assert ("Mats Lindahl", Stance.QUALIFIES) in stances
    assert ("Linnea Okoro", Stance.QUALIFIES) in stances  # "the part Veldora could least afford to give up"
    assert ("Western envoy", Stance.DENIES) in stances  # "always distinguished between the old levy and ..."
    ledger = dispute_ledger(props, demo_store.edges(), demo_store.actors(main))
    veldora = [p for entry in ledger for p in entry.parties if p.actor == "Veldora" and "Bram Okafor" in p.speakers]
    assert len(veldora) == 1 and "Annika Hollis" in veldora[0].speakers
    assert veldora[0].stances[:2] == (Stance.ASSERTS, Stance.CONCEDES)
    numbers = [c.reason for prop in props for c in prop.conflicts if c.kind is ConflictKind.NUMBER]
    assert any("412,000,000" in r and "500,000,000" in r for r in numbers)
