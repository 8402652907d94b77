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

SEEDS = Path(
    os.environ.get("STORYLINE_SEEDS", Path(__file__).resolve().parents[1].parent / "shared" / "seeds")
)
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
            Article(
                id=prefix, version="1", source=str(path), raw=text, text=text, published=PUBLISHED[prefix]
            )
        )
    story = Story(id="seed", title="seed", article_ids=tuple(a.id for a in articles))
    events = build_timeline(story, articles)
    dates = {(e.date, e.end_date) for e in events}
    assert ("2019-02-27", "2019-02-28") in dates  # the summit
    for day in ("2019-03-19", "2019-03-21", "2019-03-22", "2019-03-26"):
        assert any(d == day for d, _ in dates), day
