"""The seeds through the current pipeline, then the story page, as an integration test.

Reads the seed articles from ``$STORYLINE_SEEDS`` (default ``../shared/seeds``); never copies them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.brief import brief_data
from storyline.ingest import IngestOptions
from storyline.model import Story, stable_id
from storyline.pipeline import Pipeline
from storyline.store import SqliteStore
from storyline.web import create_app

REPO = Path(__file__).resolve().parent.parent


def _seeds() -> Path:
    path = Path(os.environ.get("STORYLINE_SEEDS") or REPO.parent / "shared" / "seeds")
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path} (set STORYLINE_SEEDS)")
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    seeds = _seeds()
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = SqliteStore(db)
    report = Pipeline(store).ingest([str(seeds)], IngestOptions())
    assert report.ingested >= 3
    made_by_pipeline = bool(store.stories())
    if not made_by_pipeline:  # no stories stage yet: the seeds are one event, so make it one story
        arts = list(store.iter_articles())
        store.put_stories(
            [
                Story(
                    id=stable_id("s", "seeds"),
                    title=arts[0].title or "Seeds",
                    article_ids=tuple(a.id for a in arts),
                )
            ]
        )
    store.close()
    return db, made_by_pipeline


def test_seeds_story_page_shows_every_article(seeded: tuple[Path, bool]) -> None:
    db, _ = seeded
    store = SqliteStore(db, readonly=True)
    story = max(store.stories(), key=lambda s: len(s.article_ids))
    client = TestClient(create_app(db))
    page = client.get(f"/story/{story.id}")
    assert page.status_code == 200
    for aid in story.article_ids:
        assert f"/article/{aid}" in page.text
        assert client.get(f"/article/{aid}").status_code == 200
    assert client.get(f"/api/stories/{story.id}/brief").json()["story"]["size"] == len(story.article_ids)
    store.close()


def test_seeds_sanctions_dispute_on_story_page(seeded: tuple[Path, bool]) -> None:
    db, made_by_pipeline = seeded
    assert made_by_pipeline, "the stories stage has not landed"
    store = SqliteStore(db, readonly=True)
    story = max(store.stories(), key=lambda s: len(s.article_ids))
    data = brief_data(store, story.id)
    store.close()
    assert data["independent_origins"] == 2
    actors = " | ".join(pos["actor"] for d in data["disputes"] for pos in d["positions"])  # type: ignore[index, union-attr]
    assert "Trump" in actors
    assert "North Korea" in actors
    assert "State Department official" in actors
    assert "AP" in actors or "Associated Press" in actors
    assert any("sanction" in str(d["proposition"]).lower() for d in data["disputes"])  # type: ignore[union-attr]
    page = TestClient(create_app(db)).get(f"/story/{story.id}").text
    for needle in ("Trump", "North Korea", "State Department official", "sanctions"):
        assert needle in page
