"""The seed articles' timeline (read from ../shared/seeds; skipped when absent).

Publication dates are given here as metadata (the cleaning stage reads them in the pipeline); the
text is read from disk and never copied into the repository."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.claims import build_timeline
from storyline.model import Article, Story

SEEDS = Path(os.environ.get("STORYLINE_SEEDS", Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))
PUBLISHED = {
    "000": datetime(2019, 3, 1, 12, tzinfo=UTC),
    "001": datetime(2019, 2, 28, 18, tzinfo=UTC),
    "003": datetime(2019, 3, 26, 11, tzinfo=UTC),
}


def test_seed_timeline_has_the_key_dates() -> None:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 3:
        pytest.skip("seeds absent (set STORYLINE_SEEDS)")
    articles = []
    for path in files:
        prefix = path.name[:3]
        if prefix not in PUBLISHED:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(
            Article(id=prefix, version="1", source=str(path), raw=text, text=text, published=PUBLISHED[prefix])
        )
    story = Story(id="seed", title="seed", article_ids=tuple(a.id for a in articles))
    events = build_timeline(story, articles)
    dates = {(e.date, e.end_date) for e in events}
    assert ("2019-02-27", "2019-02-28") in dates  # the summit
    for day in ("2019-03-19", "2019-03-21", "2019-03-22", "2019-03-26"):
        assert any(d == day for d, _ in dates), day


def test_seed_sanctions_dispute_is_one_proposition(tmp_path) -> None:
    """The seeds through the pipeline: the "all sanctions" claim gathers Trump's assertion, North
    Korea's denial (its officials, its delegation, Ri Yong Ho), the State Department official's
    assertion and concession, AP's rejection and the analysis's "large package" restatement, with
    two independent origins."""
    if not SEEDS.is_dir() or len(list(SEEDS.glob("*.txt"))) < 3:
        pytest.skip("seeds absent (set STORYLINE_SEEDS)")
    from storyline.attribution import resolve_actors
    from storyline.claims import build_disputes, dispute_ledger
    from storyline.ingest import IngestOptions
    from storyline.model import Stance
    from storyline.pipeline import Pipeline
    from storyline.store import SqliteStore

    store = SqliteStore(tmp_path / "seeds.db")
    Pipeline(store).ingest([str(SEEDS)], IngestOptions())
    story = max(store.stories(), key=lambda s: len(s.article_ids))
    articles = list(store.iter_articles(story_id=story.id))
    quotes, actors = resolve_actors(store.quotes(story_id=story.id), articles)
    edges = store.edges(article_ids=[a.id for a in articles])
    store.close()
    props = build_disputes(story, articles, quotes, edges, actors=actors)
    # one wire, one name: "AP explains" (000), "The Associated Press reports" (000) and the AP
    # copy's narration (001) are one voice
    voices = {pos.actor for p in props for pos in p.positions}
    assert "Associated Press" in voices and "AP" not in voices, voices
    prop = next(p for p in props if any("Trump" in pos.actor for pos in p.positions))
    held = {(pos.actor, pos.stance) for pos in prop.positions}
    assert "all sanctions" in prop.text or "entirety" in prop.text, prop.text
    assert any("Trump" in a and s is Stance.ASSERTS for a, s in held)
    assert any("State Department" in a and s is Stance.ASSERTS for a, s in held)
    assert any("State Department" in a and s in (Stance.CONCEDES, Stance.QUALIFIES) for a, s in held)
    assert any(a in ("AP", "Associated Press") and s is Stance.DENIES for a, s in held)
    large = [e.text for pos in prop.positions if pos.stance is Stance.QUALIFIES for e in pos.evidence]
    assert any("large package" in t for t in large), large
    assert prop.independent_origins == 2
    # North Korea's denial sits in this proposition, its foreign minister's statement included
    assert ("Ri Yong Ho", Stance.DENIES) in held
    entry = dispute_ledger([prop], edges, actors)[0]
    north = next(p for p in entry.parties if p.actor == "North Korea")
    assert north.stances[0] is Stance.DENIES  # the first thing North Korea said about it
    # Ri Yong Ho's country is not written beside his title in the scrape ("foreign minister ri yong
    # ho said"), so the ledger lists him as his own party; his denial is asserted above
    # no internal article id stands for an outlet or a speaker
    assert not any(pos.actor.startswith("a_") for pos in prop.positions)
    assert not any(o.startswith("a_") for pos in prop.positions for o in pos.outlets)
