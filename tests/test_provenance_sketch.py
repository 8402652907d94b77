"""FracMinHash sketches and the candidate index: tokens as normalize_text sees them, batches equal
single texts, the index's runs and batches give the same answers as one text at a time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance_texts import INDEPENDENT, ORIGIN, digest_of, republication_of, stripped
from storyline.provenance import MinHashCandidateIndex
from storyline.provenance import sketch as sketching
from storyline.provenance.normalize import normalize_text
from storyline.provenance.sketch import Sketches, sketch, sketch_batch

TOKEN_CASES = [
    ("ascii punctuation", "North Korea’s “U.S.-led” talks, Café — 3.5% of_it"),
    ("accents and casing", "ŁÓDŹ Zürich naïve RÉSUMÉ coöperate İstanbul straße"),
    ("non-latin scripts", "Ελληνικά ΟΔΟΣ 中文 字符 测试 عربي ½ ﬁne"),
    ("long words", "internationalization internationalisation counterrevolutionaries " * 3),
    ("words of 8, 9, 16, 17, 24, 25 bytes", "abcdefgh abcdefghi abcdefghijklmnop abcdefghijklmnopq " * 2
     + "abcdefghijklmnopqrstuvwx abcdefghijklmnopqrstuvwxy"),
    ("whitespace only", " \n\t  "),
    ("empty", ""),
]


@pytest.mark.parametrize("name,text", TOKEN_CASES, ids=[c[0] for c in TOKEN_CASES])
def test_sketch_uses_normalize_text_tokens(name: str, text: str) -> None:
    assert sketching.clean_bytes(text).decode().split() == list(normalize_text(text).tokens)
    assert np.array_equal(sketch(text, 1), sketch(" ".join(normalize_text(text).tokens), 1))


@pytest.mark.parametrize(
    "a,b",
    [
        ("abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwy"),  # last byte
        ("abcdefghijklmnopqrstuvwx", "abcdefghijkxmnopqrstuvwx"),  # a middle byte
        ("abcdefgh", "abcdefgha"),  # length
        ("résumé", "resume"),  # folded the same: equal hashes
    ],
)
def test_word_hashes_tell_words_apart(a: str, b: str) -> None:
    ha, _ = sketching._word_hashes(b" " + sketching.clean_bytes(a) + b" " * 8)
    hb, _ = sketching._word_hashes(b" " + sketching.clean_bytes(b) + b" " * 8)
    assert (ha[0] == hb[0]) == (normalize_text(a).tokens == normalize_text(b).tokens)


def test_sketch_batch_equals_single_texts_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [ORIGIN, "", stripped(ORIGIN), "too short", INDEPENDENT, "Café " * 40, digest_of(ORIGIN, "AP")]
    monkeypatch.setattr(sketching, "_CHUNK_BYTES", 700)  # several chunks, texts split between them
    batch = sketch_batch(texts, 4)
    assert len(batch) == len(texts)
    for i, text in enumerate(texts):
        single = sketch(text, 4)
        assert np.array_equal(batch[i], single)
        assert np.all(np.diff(single.astype(np.float64)) > 0) or single.shape[0] < 2  # sorted, distinct
    assert batch[1].shape[0] == 0 and batch[3].shape[0] == 0
    both = Sketches.concat([sketch_batch(texts[:3], 4), sketch_batch(texts[3:], 4)])
    assert np.array_equal(both.hashes, batch.hashes) and np.array_equal(both.bounds, batch.bounds)


def test_sketch_is_a_consistent_sample_of_one_in_scale() -> None:
    text = " ".join(f"w{i}" for i in range(20_000))
    full, eighth = sketch(text, 1), sketch(text, 8)
    assert np.isin(eighth, full).all()
    assert 0.1 < eighth.shape[0] / full.shape[0] < 0.15


def _texts(n: int, seed: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(400)]
    out = []
    for k in range(n):
        body = " ".join(rng.choice(words, size=int(rng.integers(30, 120))).tolist())
        if k and k % 3 == 0:  # a partial copy of an earlier text
            src = out[int(rng.integers(k))][1]
            body = body[: len(body) // 3] + " " + src[len(src) // 4 : 3 * len(src) // 4]
        out.append((f"t{k}", body))
    return out


def test_candidate_index_batches_and_runs_match_single_adds() -> None:
    items = _texts(60, 1)
    one_by_one, batched = MinHashCandidateIndex(scale=2), MinHashCandidateIndex(scale=2)
    for aid, text in items:
        one_by_one.add(aid, text)
    for i in range(0, len(items), 7):  # many runs, merged as they grow
        batched.add_many(items[i : i + 7])
    batched.add_many(items[:5])  # already indexed: skipped
    texts = [t for _, t in items]
    ids: list[str | None] = [aid for aid, _ in items]
    expected = [one_by_one.query_both(t, exclude=aid) for aid, t in items]
    assert batched.query_many(texts, exclude=ids) == expected
    assert one_by_one.query_many(texts, exclude=ids) == expected
    assert sum(len(e) for e in expected) > 20  # the planted copies are found
    again = MinHashCandidateIndex.from_bytes(batched.to_bytes())
    assert again.query_many(texts, exclude=ids) == expected


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=30), st.integers(1, 6))
def test_candidate_index_boilerplate_cut_and_counts(copies: list[int], max_postings: int) -> None:
    """A text shared by more articles than ``max_postings`` is boilerplate; below that every copy
    is found with containment 1."""
    base = " ".join(f"b{i}" for i in range(60))
    index = MinHashCandidateIndex(scale=1, max_postings=max_postings)
    n = len(copies)
    index.add_many([(f"c{i}", base + f" own{i} x{k}") for i, k in enumerate(copies)])
    hits = dict((aid, cq) for aid, cq, _ in index.query_both(base))
    if n <= max_postings:
        assert set(hits) == {f"c{i}" for i in range(n)} and all(c == 1.0 for c in hits.values())
    else:
        assert hits == {}


def test_candidate_index_stock_passages_alone_make_no_candidates() -> None:
    """A passage printed by more articles than ``common_postings`` (a template sentence, a stock
    paragraph) does not make two texts candidates unless one contains much of the other; a
    passage of the same length that only two texts share does, and so does a copy."""
    stock = " ".join(f"stock{i}" for i in range(12))
    shared = " ".join(f"shared{i}" for i in range(12))

    def own(k: int) -> str:
        return " ".join(f"w{k}x{i}" for i in range(90))

    index = MinHashCandidateIndex(scale=1, common_postings=20)
    items = [(f"t{k}", f"{own(k)} {stock}") for k in range(30)]
    items += [("p", f"{own(100)} {shared}"), ("copy", f"{own(0)} {stock} extra words")]
    index.add_many(items)
    hits = {aid for aid, _, _ in index.query_both(f"{own(200)} {stock} {shared}")}
    assert hits == {"p"}  # the rare shared passage, not the 31 stock ones
    copies = {aid for aid, _, _ in index.query_both(f"{own(0)} {stock}", exclude="t0")}
    assert copies == {"copy"}
    again = MinHashCandidateIndex.from_bytes(index.to_bytes())
    assert again.common_postings == 20
    assert {aid for aid, _, _ in again.query_both(f"{own(200)} {stock} {shared}")} == {"p"}


def test_candidate_index_add_sketches_checks_lengths_and_skips_repeats() -> None:
    index = MinHashCandidateIndex()
    sketches = sketch_batch([ORIGIN, republication_of(ORIGIN), ORIGIN], index.scale)
    with pytest.raises(ValueError):
        index.add_sketches(["a"], sketches)
    index.add_sketches(["o", "r", "o"], sketches)
    assert len(index) == 2
    (hits,) = index.query_sketches(Sketches.of([sketch(ORIGIN, index.scale)]), ["o"])
    assert [h[0] for h in hits] == ["r"]


def test_scale_benchmark_slice_finds_planted_copies() -> None:
    """CI gate for benchmarks/provenance_scale.py on a small slice: every planted copy is found,
    and few other candidates come up. Skips when the eval data is absent."""
    import importlib.util
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    folder = Path(os.environ.get("STORYLINE_EVAL", root.parent / "shared" / "eval"))
    if not (folder / "fnc1" / "train_bodies.csv").exists():
        pytest.skip(f"eval data not found in {folder} (set STORYLINE_EVAL)")
    spec = importlib.util.spec_from_file_location("provenance_scale", root / "benchmarks" / "provenance_scale.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    generator = bench.ArticleGenerator(folder, seed=1)
    index = MinHashCandidateIndex()
    found = planted_total = candidates = 0
    for start in range(0, 3000, 1000):
        texts, planted = generator.batch(start, 1000)
        ids = [f"a{k}" for k in range(start, start + 1000)]
        sketches = sketch_batch(texts, index.scale)
        index.add_sketches(ids, sketches)
        for aid, hits in zip(ids, index.query_sketches(sketches, exclude=ids), strict=True):
            candidates += len(hits)
            if aid in planted:
                planted_total += 1
                found += any(h[0] == planted[aid] for h in hits)
    assert planted_total == 300 and found == planted_total
    assert candidates / 3000 < 0.5
