"""The bundled sample corpus is present, varied, documented, and carries the mess it promises."""

from __future__ import annotations

import json

import pytest

from storyline.sample import corpus_path

ARTICLE_FILES = {
    "harbour_ledger_2025-03-13.html",
    "continental_press_wire_2025-03-13.json",
    "northshore_post_scrape.txt",
    "quarterdeck_digest.txt",
    "meridian_review_2025-03-18.json",
    "sorrel_gazette_2025-03-24.txt",
    "eastport_observer_2023-09-07.jsonl",
}


def _corpus_files() -> list[str]:
    return sorted(p.name for p in corpus_path().iterdir() if p.is_file() and not p.name.startswith("."))


def test_corpus_path_exists_and_is_a_folder() -> None:
    assert corpus_path().is_dir()


def test_corpus_has_enough_files_in_enough_formats() -> None:
    names = _corpus_files()
    suffixes = {name.rsplit(".", 1)[-1] for name in names if name != "README.md"}
    assert len(names) >= 8
    assert len(suffixes) >= 4, suffixes
    assert set(names) >= ARTICLE_FILES


def test_corpus_readme_lists_each_file() -> None:
    readme = (corpus_path() / "README.md").read_text(encoding="utf-8")
    names = [p.name for p in corpus_path().iterdir() if p.is_file() and p.name != "README.md"]
    missing = [name for name in names if f"`{name}`" not in readme]
    assert not missing


@pytest.mark.parametrize(
    ("name", "decodes_as_utf8"),
    [
        ("sorrel_gazette_2025-03-24.txt", False),  # Windows-1252 bytes on purpose
        ("quarterdeck_digest.txt", True),  # valid UTF-8, but mojibake inside
        ("continental_press_wire_2025-03-13.json", True),
    ],
)
def test_corpus_file_encoding_is_as_documented(name: str, decodes_as_utf8: bool) -> None:
    raw = (corpus_path() / name).read_bytes()
    try:
        raw.decode("utf-8")
        is_utf8 = True
    except UnicodeDecodeError:
        is_utf8 = False
    assert is_utf8 is decodes_as_utf8


def test_corpus_cp1252_file_reads_cleanly_as_cp1252() -> None:
    text = (corpus_path() / "sorrel_gazette_2025-03-24.txt").read_bytes().decode("cp1252")
    assert "Renée Castellan" in text and "“" in text


def test_corpus_mojibake_is_repairable() -> None:
    ftfy = pytest.importorskip("ftfy")
    text = (corpus_path() / "quarterdeck_digest.txt").read_text(encoding="utf-8")
    assert "â€™" in text
    repaired = ftfy.fix_text(text, uncurl_quotes=False)
    assert "â€" not in repaired and "Marisca’s" in repaired


@pytest.mark.parametrize(
    ("name", "parses"),
    [
        ("continental_press_wire_2025-03-13.json", True),
        ("meridian_review_2025-03-18.json", True),
        ("broken.json", False),  # the deliberately truncated export
    ],
)
def test_corpus_json_files_parse_as_documented(name: str, parses: bool) -> None:
    raw = (corpus_path() / name).read_text(encoding="utf-8")
    try:
        json.loads(raw)
        ok = True
    except json.JSONDecodeError:
        ok = False
    assert ok is parses


def test_corpus_jsonl_records_carry_url_title_and_date() -> None:
    lines = (corpus_path() / "eastport_observer_2023-09-07.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert records and all(r["url"] and r["title"] and r["published"] for r in records)


def test_corpus_feed_links_point_at_corpus_articles() -> None:
    feedparser = pytest.importorskip("feedparser")
    feed = feedparser.parse(str(corpus_path() / "feed.xml"))
    assert not feed.bozo
    links = {entry.link for entry in feed.entries}
    review = json.loads((corpus_path() / "meridian_review_2025-03-18.json").read_text(encoding="utf-8"))
    html = (corpus_path() / "harbour_ledger_2025-03-13.html").read_text(encoding="utf-8")
    assert len(feed.entries) == 2
    assert review["url"] in links
    assert all(link in html or link == review["url"] for link in links)
