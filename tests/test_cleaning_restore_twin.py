"""Twin restoration: a stripped copy takes sentences and casing from its cased twin in the corpus."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.analysis import run_corpus_stages
from storyline.cleaning.normalized import normalized_tokens, strip_like_scrape
from storyline.cleaning.restoration import restore_with_twin
from storyline.cleaning.restoration_tagger import LstmTagger
from storyline.cleaning.restoration_twin import TWIN_VERSION_TAG, SpanMap, restore_from_twin
from storyline.model import Article, Span
from storyline.stages import analyze_article
from storyline.store import Store
from storyline.store.memory import MemoryStore
from storyline.store.sqlite import SqliteStore
from storyline.synthetic import generate_corpus


def _wire_text(k: int = 0) -> str:
    docs = list(generate_corpus(3, seed=1, kind="text"))
    return docs[k].content.decode()


def _ingest(store: Store, aid: str, raw: str, hour: int) -> None:
    result = analyze_article(
        Article(id=aid, version="v-" + aid, source=aid, raw=raw, published=datetime(2025, 3, 10, hour, tzinfo=UTC))
    )
    assert result.article is not None
    store.put_article(result.article)
    store.put_quotes(aid, result.quotes)


def _sentences(text: str) -> int:
    return sum(text.count(m) for m in (". ", "? ", "! "))


@pytest.mark.parametrize(("twin_first", "sqlite"), [(True, False), (False, False), (True, True)])
def test_run_corpus_stages_restores_stripped_copy_from_twin(twin_first: bool, sqlite: bool, tmp_path: Path) -> None:
    cased = _wire_text()
    stripped = strip_like_scrape(cased.split("\n\n", 2)[2])
    store: Store = SqliteStore(tmp_path / "s.db") if sqlite else MemoryStore()
    order = [("orig", cased), ("copy", stripped)] if twin_first else [("copy", stripped), ("orig", cased)]
    for hour, (aid, raw) in enumerate(order, start=9):
        _ingest(store, aid, raw, hour)
        run_corpus_stages(store, [aid])
    copy, orig = store.get_article("copy"), store.get_article("orig")
    assert copy is not None and orig is not None
    assert copy.normalized_input and copy.raw == stripped  # the scrape is kept alongside
    assert copy.version.endswith(TWIN_VERSION_TAG + "orig")
    first = store.article_versions("copy")[0]
    assert normalized_tokens(copy.text) == normalized_tokens(first.text)  # same words, new marks
    assert _sentences(copy.text) >= 0.9 * _sentences(orig.text)
    edges = [e for e in store.edges() if e.derived_id == "copy" and e.origin_id == "orig"]
    assert edges and edges[0].passages
    for p in edges[0].passages:  # spans were moved onto the new text
        assert p.origin is not None
        a = normalized_tokens(copy.text[p.derived.start : p.derived.end])
        b = normalized_tokens(orig.text[p.origin.start : p.origin.end])
        assert a[:5] == b[:5] and a[-5:] == b[-5:]
    assert all(copy.text[q.content.start : q.content.end] == q.content_text for q in store.quotes(article_id="copy"))


def test_run_corpus_stages_leaves_unrelated_stripped_article_alone() -> None:
    store = MemoryStore()
    _ingest(store, "orig", _wire_text(0), 9)
    _ingest(store, "other", strip_like_scrape(_wire_text(2).split("\n\n", 2)[2]), 10)
    before = store.get_article("other")
    run_corpus_stages(store, ["orig", "other"])
    after = store.get_article("other")
    assert before is not None and after is not None
    assert TWIN_VERSION_TAG not in after.version and after.text == before.text


@pytest.mark.parametrize(
    ("stripped", "cased", "expected"),
    [
        (
            "the minister said on monday that talks would resume the union disagreed",
            "The minister said on Monday that talks would resume. The union disagreed.",
            "The minister said on Monday that talks would resume. The union disagreed.",
        ),
        # a sidebar only the copy has keeps the model's restoration; the shared text is the twin's
        (
            "read more top stories today the minister said on monday that talks would resume",
            "The minister said on Monday that talks would resume.",
            "The minister said on Monday that talks would resume.",
        ),
    ],
)
def test_restore_with_twin_takes_marks_from_twin(stripped: str, cased: str, expected: str) -> None:
    out = restore_with_twin(stripped, cased)
    assert out.endswith(expected)
    assert normalized_tokens(out) == normalized_tokens(stripped)


@pytest.mark.parametrize(
    ("stripped", "cased", "asked"),
    [
        (
            "the minister said on monday that talks would resume",
            "The minister said on Monday that talks would resume.",
            None,
        ),  # every word aligns: the tagger is not run at all
        (
            "read more the minister said on monday that talks would resume",
            "The minister said on Monday that talks would resume.",
            [0, 1],
        ),  # only the sidebar's words are the model's to decide
    ],
)
def test_restore_with_twin_runs_tagger_only_near_unaligned_words(
    stripped: str, cased: str, asked: list[int] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[int] | None] = []
    predict = LstmTagger.predict

    def spy(self: LstmTagger, norms: list[str], near: list[int] | None = None) -> object:
        calls.append(None if near is None else list(near))
        return predict(self, norms, near)

    monkeypatch.setattr(LstmTagger, "predict", spy)
    restore_with_twin(stripped, cased)
    assert calls == ([] if asked is None else [asked])


def test_restore_from_twin_needs_an_aligned_majority() -> None:
    stripped = strip_like_scrape(_wire_text(0))
    copy = Article(id="c", version="v", source="c", raw=stripped, text=stripped, normalized_input=True)
    unrelated = Article(id="u", version="v", source="u", raw="", text=_wire_text(2))
    assert restore_from_twin(copy, unrelated) is None
    not_stripped = copy.replace(normalized_input=False)
    assert restore_from_twin(not_stripped, Article(id="t", version="v", source="t", raw="", text=_wire_text(0))) is None


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (Span(start=0, end=3), "The"),
        (Span(start=4, end=12), "minister"),
        (Span(start=0, end=12), "The minister"),
        (Span(start=13, end=24), "said on Monday"),
        (Span(start=0, end=0), ""),
    ],
)
def test_span_map_moves_spans_onto_restored_text(span: Span, expected: str) -> None:
    old = "the minister said on monday"
    new = "The minister said on Monday."
    m = SpanMap(old, new)
    got = m.span(span)
    assert new[got.start : got.end] == expected


def test_span_map_rejects_different_words() -> None:
    with pytest.raises(ValueError):
        SpanMap("one two three", "One two.")


@pytest.mark.parametrize(
    ("cased", "expected"),
    [
        pytest.param(
            "About 41,000 ships crossed the strait last year, officials said.", "41,000 ships", id="thousands"
        ),
        pytest.param("Ships came in 2021, 2022 and 2023, officials said.", "2021, 2022 and", id="a-list-of-years"),
    ],
)
def test_restore_with_twin_keeps_number_punctuation(cased: str, expected: str) -> None:
    assert expected in restore_with_twin(strip_like_scrape(cased), cased)


def test_restore_from_twin_reads_the_dateline_and_credit_the_restored_text_shows() -> None:
    """'port alder veldora cp' names no wire the stripped-text reader knows; restored from its
    twin the copy reads 'PORT ALDER, Veldora (CP) —', a dateline with a wire credit."""
    cased = (
        "PORT ALDER, Veldora (CP) \u2014 Veldoran Prime Minister Annika Hollis says she walked out of two days "
        "of talks with neighbouring Marisca because its delegation demanded that Veldora scrap every transit "
        "levy it charges ships crossing the Corran Strait. Marisca's foreign minister called reporters to a "
        "hotel ballroom after midnight to say that was never what his country put on the table. The record of "
        "the talks backs the narrower Mariscan account, the wire said."
    )
    stripped = strip_like_scrape(cased)
    copy = Article(id="c", version="v", source="c", raw=stripped, text=stripped, normalized_input=True)
    twin = Article(id="t", version="v", source="t", raw=cased, text=cased, credits=("CP",))
    done = restore_from_twin(copy, twin)
    assert done is not None
    assert done.article.text.startswith("PORT ALDER, Veldora (CP) \u2014")
    assert done.article.dateline == "PORT ALDER, Veldora" and done.article.credits == ("CP",)
    kept = restore_from_twin(copy.replace(dateline="Port Alder", credits=("Wire",)), twin)
    assert kept is not None and (kept.article.dateline, kept.article.credits) == ("Port Alder", ("Wire",))


def test_a_full_twin_gives_back_everything_it_writes_between_words() -> None:
    """Quotation marks, a colon, a time, a dash and paragraph breaks are the original's own: a
    republication restored from it reads as it does, so its quotes are quotes again."""
    cased = (
        'PORT ALDER, Veldora (CP) \u2014 Hollis told a news conference at 4:30 p.m. that the levy question '
        'had sunk the deal.\n\n"They wanted the whole levy schedule gone, every line of it," Hollis said. '
        '"So we stood up."\n\nThat is not what the record shows: the draft (tabled on March 11) lists '
        "the nine surcharges \u2014 and leaves the rest untouched."
    )
    assert restore_with_twin(strip_like_scrape(cased), cased) == cased
    # a sidebar only the copy has: the run after it opens with the twin's quotation mark, and the
    # run before it closes with the twin's
    stripped = strip_like_scrape(cased).replace("hollis said so we", "hollis said top stories today so we")
    out = restore_with_twin(stripped, cased)
    assert normalized_tokens(out) == normalized_tokens(stripped)
    assert 'every line of it," Hollis said' in out and out.count("\u2014") == 2
