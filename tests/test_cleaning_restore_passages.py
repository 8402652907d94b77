"""Partial twins: a stripped article takes sentences and casing from the passages a cased article
shares with it (a digest quoting the same wire story), and keeps the model's choices elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.cleaning.normalized import normalized_tokens, strip_like_scrape
from storyline.cleaning.restoration import restore_text, restore_with_twin
from storyline.cleaning.restoration_twin import (
    MIN_PARTIAL_WORDS,
    PASSAGES_VERSION_TAG,
    TWIN_VERSION_TAG,
    aligned_words,
    partial_twin_candidates,
    restore_from_twin,
    restore_passages,
)
from storyline.model import Article, ProvenanceEdge, Relation

SEEDS = Path(os.environ.get("STORYLINE_SEEDS", Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))

WIRE = (
    "The ministry said on Friday that the talks had failed. So the delegation was seeking a lot of relief, "
    "including the lifting of bans on grain and fuel. But it was not looking for the end of the base levy. "
    "Officials in Sorrel said the harbour board would meet again in April to review the schedule of surcharges."
)
DIGEST = (
    'Continental Press explains: "The delegation was seeking a lot of relief, including the lifting of bans on '
    'grain and fuel." The Gazette could not confirm it. Officials in Sorrel said the harbour board would meet '
    "again in April to review the schedule of surcharges, the agency added."
)


def test_partial_twin_gives_its_passages_and_leaves_the_rest_as_it_was() -> None:
    stripped = strip_like_scrape(WIRE)
    before = restore_text(stripped)
    text, taken = restore_passages(before, DIGEST)
    assert taken >= MIN_PARTIAL_WORDS
    assert normalized_tokens(text) == normalized_tokens(stripped)  # the words never change
    # outside the shared passages nothing moves: the text up to the first one is as it was
    head = before[: before.lower().index("the delegation was seeking")]
    assert text.startswith(head)
    assert "relief, including the lifting of bans on grain and fuel" in text  # the twin's comma
    assert "Officials in Sorrel said the harbour board" in text  # the twin's casing
    # the digest opens its quotation at "The"; the wire's sentence starts at "So": no "so The"
    assert "so The delegation" not in text and "So The delegation" not in text


def test_a_full_twin_would_copy_the_quotations_capital() -> None:
    """What partial mode guards against: read as a full twin, the digest's opening capital lands
    in the middle of the wire's sentence."""
    assert 'so "The delegation' in restore_with_twin(strip_like_scrape(WIRE), DIGEST)


def test_partial_runs_must_be_longer_than_chance() -> None:
    assert aligned_words(strip_like_scrape(WIRE), DIGEST, partial=True) >= MIN_PARTIAL_WORDS
    # five shared words in a row are not a passage
    assert aligned_words("the talks had failed again and again", "The talks had failed yesterday.", partial=True) == 0


def _article(aid: str, text: str, stripped: bool) -> Article:
    return Article(id=aid, version="v1", source=aid, raw=text, text=text, normalized_input=stripped)


def test_restore_from_passages_tags_the_version_and_says_why() -> None:
    copy = _article("scrape", strip_like_scrape(WIRE), stripped=True)
    done = restore_from_twin(copy, _article("digest", DIGEST, stripped=False), partial=True)
    assert done is not None
    assert done.article.version == "v1" + PASSAGES_VERSION_TAG + "digest"
    assert "passages it shares with digest" in done.reason
    # too little shared: no restoration at all
    other = _article("other", "Officials in Sorrel declined to comment on the schedule.", stripped=False)
    assert restore_from_twin(copy, other, partial=True) is None


def _edge(derived: str, relation: Relation, origin: str | None, label: str | None, score: float) -> ProvenanceEdge:
    return ProvenanceEdge(
        derived_id=derived, relation=relation, score=score, reason="", origin_id=origin, origin_label=label
    )


def test_partial_twin_candidates_are_the_digest_and_the_copies_of_the_same_outside_story() -> None:
    edges = [
        _edge("digest", Relation.DIGEST, "scrape", None, 0.7),  # a digest quoting a stored scrape
        _edge("a", Relation.REPUBLICATION, None, "CP", 0.9),  # two copies of CP's story, not stored
        _edge("b", Relation.DIGEST, None, "cp", 0.6),
        _edge("c", Relation.REWRITE, None, "CP", 0.8),  # retold in its own words: no passages
        _edge("d", Relation.REPUBLICATION, None, "Reuters", 0.9),
    ]
    found = partial_twin_candidates(edges)
    assert found["scrape"] == ["digest"]
    assert found["a"] == ["b"] and found["b"] == ["a"]
    assert "c" not in found and "d" not in found


def test_seed_001_takes_the_passages_the_week_quotes(tmp_path: Path) -> None:
    """The defining example: 001 (AP, stripped) and 000 (The Week's digest of AP, cased) both
    credit AP, whose story is not in the corpus. 000 quotes AP verbatim, so those sentences of 001
    come back as AP wrote them."""
    if not SEEDS.is_dir() or len(list(SEEDS.glob("*.txt"))) < 3:
        pytest.skip("seeds absent (set STORYLINE_SEEDS)")
    from storyline.ingest import IngestOptions
    from storyline.pipeline import Pipeline
    from storyline.store import SqliteStore

    store = SqliteStore(tmp_path / "seeds.db")
    Pipeline(store).ingest([str(SEEDS)], IngestOptions())
    scrape = next(a for a in store.iter_articles() if a.source.endswith(".txt") and a.normalized_input)
    versions = store.article_versions(scrape.id)
    store.close()
    assert PASSAGES_VERSION_TAG in scrape.version and TWIN_VERSION_TAG not in scrape.version
    assert normalized_tokens(scrape.text) == normalized_tokens(versions[0].text)
    # The Week quotes AP's "wanted the sanctions lifted in their entirety, and we couldn't do that"
    assert "wanted the sanctions lifted in their entirety, and we couldn't do that" in scrape.text

    # six words in common ("the State Department official said Trump") are not a shared passage:
    # the marks and case ingest's model put around them stay as they were
    def around(text: str) -> str:
        at = text.index("negotiators deemed")
        return text[at - 120 : at]

    assert "State Department official said" in around(scrape.text)
    assert around(scrape.text) == around(versions[0].text)


def test_a_digest_without_the_dateline_keeps_the_models_rendering_of_it() -> None:
    """Seed 001 opens "hanoi vietnam ap president donald trump said"; ingest renders "Hanoi, Vietnam
    (AP) — President ...", and The Week's digest has no dateline to give: re-restoring from it must
    not turn the wire credit back into a word ("Vietnam AP President": a speaker named Vietnam)."""
    copy = _article("scrape", "Port Adria, Marisca (CP) \u2014 " + strip_like_scrape(WIRE), stripped=True)
    done = restore_from_twin(copy, _article("digest", DIGEST, stripped=False), partial=True)
    assert done is not None
    assert done.article.text.startswith("Port Adria, Marisca (CP) \u2014 ")


def test_a_full_twin_gives_its_dateline_with_the_marks() -> None:
    """The demo's scrape came back from Continental Press as "PORT ALDER, Veldora CP Veldoran Prime
    Minister ...": the twin's tokens carry no parentheses, so the credit became a word."""
    wire = "PORT ADRIA, Marisca (CP) \u2014 " + WIRE
    copy = _article("scrape", strip_like_scrape(wire), stripped=True)
    done = restore_from_twin(copy, _article("wire", wire, stripped=False))
    assert done is not None
    assert done.article.text.startswith("PORT ADRIA, Marisca (CP) \u2014 The ministry said")


def test_passages_leave_the_digests_quotation_marks_out() -> None:
    """The digest's quotation marks are its own, around the words it quotes from the wire; a dash
    or a colon between quoted words is the wire's."""
    wire = (
        "The ministry said on Friday that the talks had failed. So the delegation was seeking a lot of relief "
        "\u2014 including the lifting of bans on grain and fuel. It said the harbour board would meet again in "
        "April to review the schedule of surcharges and the levy."
    )
    digest = (
        'Continental Press says the delegation "was seeking a lot of relief \u2014 including the lifting of bans '
        'on grain and fuel." It said the harbour board "would meet again in April," to review the schedule '
        "of surcharges and the levy."
    )
    stripped = strip_like_scrape(wire)
    text, taken = restore_passages(restore_text(stripped), digest)
    assert taken >= MIN_PARTIAL_WORDS
    assert normalized_tokens(text) == normalized_tokens(stripped)
    assert "relief \u2014 including the lifting" in text
    assert '"' not in text


@pytest.mark.parametrize(
    ("word", "gap", "kept"),
    [
        ("are", ',"\n\n', ", "),  # the digest closes its quotation: the comma is the wire's
        ("said", ' "', " "),  # the digest opens one
        ("relief", " \u2014 ", " \u2014 "),
        ("officials", "' ", "' "),  # a plural's possessive apostrophe is a word's, not a quote's
        ("officials", "\u2019 ", "\u2019 "),
        ("Kim", "\u2019 ", " "),
    ],
)
def test_what_a_digest_writes_between_quoted_words(word: str, gap: str, kept: str) -> None:
    from storyline.cleaning.restoration_twin import _quoted_marks

    assert _quoted_marks(word, gap) == kept
