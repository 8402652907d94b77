"""Furniture learned from repetition across an outlet's articles (the corpus stage in
``storyline.analysis_outlets``): a line an outlet prints on articles about different things goes,
in every one of them, earlier articles included; a paragraph it reuses across one story stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analysis_outlets import OUTLET_VERSION_TAG, DeletionMap, OutletJob, clean_outlet_job, tagged_version
from storyline.cleaning.furniture import words_of
from storyline.cleaning.profile import recurring_furniture
from storyline.model import Article, Span
from storyline.pipeline import Pipeline
from storyline.runner import InlineRunner, LocalRunner
from storyline.store import SqliteStore

# a closing line no rule on one text removes: a full sentence, no call to action, no "you"
FOOTER = (
    "Reporting for this article was supported by the Coastal Journalism Fund, which has no say over what we publish."
)
BACKGROUND = (
    "The talks in Port Alder collapsed on March 12 after Prime Minister Annika Hollis walked out, "
    "saying the Mariscan delegation had demanded the end of every strait levy."
)
TOPICS = [
    (
        "Ferry workers in Tamsby end strike",
        "Ferry workers in Tamsby ended a nine-day strike on Monday after the Lindqvist Shipping Company "
        "agreed to raise night-shift pay. Union organiser Petra Holm said the deal would be put to a vote "
        "of members in Tamsby and Orrby on Friday.",
    ),
    (
        "Orchard growers count frost damage",
        "Apple growers in the Vessel Valley said on Tuesday that a late frost had destroyed about a third "
        "of the blossom. Farmer Ingrid Sauer said insurers in Greywick had already sent assessors.",
    ),
    (
        "Library reopens after flood repairs",
        "The central library in Kestrel Bay reopened on Wednesday, eight months after floodwater filled "
        "its basement archive. Librarian Omar Fenwick said volunteers from Saltmarsh had dried 4,000 maps.",
    ),
    (
        "Rail line to the coast delayed again",
        "The new rail line from Dunmore to the coast will open a year late, the Northern Rail Authority "
        "said on Thursday. Engineer Clara Voss blamed soft ground near Heathfield for the delay.",
    ),
]
STORY = [
    (
        f"Hollis defends walkout {n}",
        f"Prime Minister Annika Hollis on day {n} defended her decision in Port Alder, and Marisca's "
        f"Foreign Minister Teodor Vask again rejected her account of what the Mariscans asked for.",
    )
    for n in (1, 2, 3)
]


def _article(headline: str, body: str, extra: str = "") -> str:
    more = f"\n\n{extra}" if extra else ""
    return f"THE HARBOUR BELL \u2014 News\n\n{headline}\n\n{body}{more}\n\n{FOOTER}\n"


def _keys(*lines: str) -> set[str]:
    return {" ".join(words_of(line)) for line in lines}


def test_a_line_repeated_across_topics_is_furniture_a_reused_story_paragraph_is_not() -> None:
    texts = [_article(h, b) for h, b in TOPICS] + [_article(h, b, BACKGROUND) for h, b in STORY]
    found = recurring_furniture(texts)
    assert _keys(FOOTER) <= found
    assert not _keys(BACKGROUND) & found  # in three articles, all about the Port Alder walkout
    # two articles are not enough to call a line furniture; copies of one article count once
    assert not recurring_furniture(texts[:2])
    assert not recurring_furniture([texts[0]] * 5)


def test_dropped_lines_keep_everything_else_and_spans_follow() -> None:
    text = f"First paragraph here.\n\n{FOOTER}\n\nSecond paragraph, said Petra Holm.\n\n{FOOTER}"
    article = Article(id="a", version="v", source="s", raw=text, text=text)
    done = clean_outlet_job(OutletJob(article, frozenset(_keys(FOOTER))))
    assert done is not None
    new, removed = done.article.text, done.article.removed
    assert new == "First paragraph here.\n\nSecond paragraph, said Petra Holm."
    assert [r.reason for r in removed] == ["outlet-furniture", "outlet-furniture"]
    assert [r.text for r in removed] == [FOOTER, FOOTER]
    spans = DeletionMap(done.cuts)
    at = text.index("Petra Holm")
    moved = spans.span(Span(start=at, end=at + len("Petra Holm")))
    assert new[moved.start : moved.end] == "Petra Holm"
    first = spans.span(Span(start=0, end=5))
    assert new[first.start : first.end] == "First"
    gone = spans.span(Span(start=text.index(FOOTER), end=text.index(FOOTER) + 10))
    assert gone.start == gone.end  # a span inside a removed line is empty


def test_outlet_tag_replaces_an_earlier_one_and_stays_before_restoration_tags() -> None:
    one = tagged_version("abc", frozenset({"x y z"}))
    assert one.startswith("abc" + OUTLET_VERSION_TAG)
    two = tagged_version(one, frozenset({"x y z", "u v w"}))
    assert two.count(OUTLET_VERSION_TAG) == 1 and two != one
    twin = tagged_version("abc+twin:a_1", frozenset({"x y z"}))
    assert twin.startswith("abc" + OUTLET_VERSION_TAG) and twin.endswith("+twin:a_1")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "bell"
    root.mkdir()
    for k, (h, b) in enumerate(TOPICS):
        (root / f"topic{k}.txt").write_text(_article(h, b), encoding="utf-8")
    for k, (h, b) in enumerate(STORY):
        (root / f"story{k}.txt").write_text(_article(h, b, BACKGROUND), encoding="utf-8")
    return root


@pytest.mark.parametrize("runner_kind", ["inline", "pool"])
def test_ingest_removes_an_outlets_repeated_line_from_every_article_earlier_ones_too(
    corpus: Path, tmp_path: Path, runner_kind: str
) -> None:
    store = SqliteStore(tmp_path / "s.db")
    runner = InlineRunner() if runner_kind == "inline" else LocalRunner(workers=2, inline_below=0, preload=False)
    try:
        pipe = Pipeline(store, runner, batch_size=2)
        first = sorted(corpus.iterdir())[:2]  # two articles: not yet enough to learn from
        report = pipe.ingest([str(p) for p in first])
        assert report.ingested == 2 and "cleaned of outlet furniture" not in report.analysis
        assert all(FOOTER in a.text for a in store.iter_articles())
        report = pipe.ingest([str(corpus)])
        assert report.ingested == len(TOPICS) + len(STORY) - 2
        assert report.analysis["cleaned of outlet furniture"] == len(TOPICS) + len(STORY)
        articles = list(store.iter_articles())
        assert len(articles) == len(TOPICS) + len(STORY)
        for a in articles:
            assert a.outlet == "The Harbour Bell"
            assert FOOTER not in a.text
            assert any(r.reason == "outlet-furniture" and r.text == FOOTER for r in a.removed)
            assert OUTLET_VERSION_TAG in a.version
            assert all(FOOTER not in q.content_text for q in store.quotes() if q.article_id == a.id)
            if "Port Alder" in a.text:
                assert BACKGROUND in a.text  # the story's own paragraph stays
            # the text before is kept among the versions
            assert any(FOOTER in v.text for v in store.article_versions(a.id))
        # reading the same files again changes nothing
        again = pipe.ingest([str(corpus)])
        assert again.ingested == again.updated == 0 and again.unchanged == len(articles)
        assert "cleaned of outlet furniture" not in again.analysis
    finally:
        runner.close()


SLOGAN = "the harbour bell is read by sailors and shipowners in every port of the north"


def test_a_run_an_outlets_stripped_scrapes_repeat_goes_from_each(tmp_path: Path) -> None:
    """Scrapes stripped of case and punctuation have no lines: a run of words the outlet's scrapes
    about different things repeat (a slogan pasted into the text) is its furniture there."""
    import json

    from storyline.cleaning.normalized import strip_like_scrape

    root = tmp_path / "scrapes"
    root.mkdir()
    for k, (headline, body) in enumerate(TOPICS):
        half = len(body) // 2
        cut = body.index(". ", half) + 2 if ". " in body[half:] else half
        text = strip_like_scrape(f"{body[:cut]} {SLOGAN} {body[cut:]}")
        record = {"url": f"https://bell.example/{k}", "title": headline, "outlet": "The Harbour Bell", "text": text}
        (root / f"s{k}.json").write_text(json.dumps(record), encoding="utf-8")
    store = SqliteStore(tmp_path / "s.db")
    report = Pipeline(store, InlineRunner(), batch_size=2).ingest([str(root)])
    assert report.ingested == len(TOPICS)
    assert report.analysis["cleaned of outlet furniture"] == len(TOPICS)
    for a in store.iter_articles():
        assert a.normalized_input
        assert "sailors and shipowners" not in a.text.lower()
        assert any(r.reason == "outlet-furniture" and "sailors" in r.text.lower() for r in a.removed)
        assert all(q.content_text == a.text[q.content.start : q.content.end] for q in store.quotes(article_id=a.id))
        assert (
            "lindqvist" in a.text.lower()
            or "vessel" in a.text.lower()
            or "kestrel" in a.text.lower()
            or "dunmore" in a.text.lower()
        )
