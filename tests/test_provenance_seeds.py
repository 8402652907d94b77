"""The seed articles: 001 republishes AP's wire story, 000 digests it, 003 is independent.

The seeds are raw files; the real cleaner is another stage's. This test uses a STAND-IN for it:
``text`` is the raw file as is, and only the flag for the lowercased, punctuation-stripped seed is
set, so provenance is tested on the hardest input (junk and all)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.model import Article, Relation
from storyline.provenance import MinHashCandidateIndex, detect_provenance, independent_origins

SEEDS = Path(
    os.environ.get("STORYLINE_SEEDS", Path(__file__).resolve().parents[1].parent / "shared" / "seeds")
)


def _stand_in_clean(path: Path) -> Article:
    """Stand-in for the cleaning stage: text = raw; a stripped text is flagged as such."""
    raw = path.read_text(encoding="utf-8")
    stripped = not any(c in raw[:2000] for c in ".,;:") and raw[:2000] == raw[:2000].lower()
    return Article(
        id=path.name[:3], version=path.name, source=str(path), raw=raw, text=raw, normalized_input=stripped
    )


@pytest.fixture(scope="module")
def seed_edges():
    files = {p.name[:3]: p for p in SEEDS.glob("*.txt")} if SEEDS.is_dir() else {}
    if not {"000", "001", "003"} <= set(files):
        pytest.skip(f"seeds not found in {SEEDS} (set STORYLINE_SEEDS)")
    articles = [_stand_in_clean(files[k]) for k in ("000", "001", "003")]
    by_id = {a.id: a for a in articles}
    edges = detect_provenance(articles, MinHashCandidateIndex(), by_id.get)
    return articles, edges


@pytest.mark.parametrize(
    "article_id,relation",
    [("001", Relation.REPUBLICATION), ("000", Relation.DIGEST)],
)
def test_seeds_derive_from_external_ap(seed_edges, article_id: str, relation: Relation) -> None:
    _, edges = seed_edges
    mine = [e for e in edges if e.derived_id == article_id]
    assert [(e.origin_id, e.origin_label, e.relation) for e in mine] == [(None, "AP", relation)]
    assert "AP" in mine[0].reason and mine[0].passages  # the passages shared with the other copy


def test_seeds_copies_share_quotes_and_name_each_other(seed_edges) -> None:
    articles, edges = seed_edges
    digest = next(e for e in edges if e.derived_id == "000")
    assert "001" in digest.reason
    text = next(a for a in articles if a.id == "000").text
    shared = " ".join(p.derived.slice(text) for p in digest.passages)
    assert "wanted the sanctions lifted in their entirety" in shared


def test_seeds_have_two_independent_origins(seed_edges) -> None:
    _, edges = seed_edges
    assert not any(e.derived_id == "003" or e.origin_id == "003" for e in edges)
    groups = independent_origins(["000", "001", "003"], edges)
    assert [(g.origin, g.members) for g in groups] == [("external:AP", ("000", "001")), ("003", ("003",))]
