"""The benchmarks' parse cache (benchmarks/attribution_polnear.py ``CachedPipeline``) gives back what
a fresh parse gives, and drops a cache another parser made: a stale parse served from it made
experiments disagree with the code they measured."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_polnear import CachedPipeline  # noqa: E402

TEXTS = [
    "The Texan\u2019s words crystallized thinking in the GOP\u2014We\u2019re not gonna take it!",  # "gonna": norms
    "Trump\u00a0cast the vote, Ms. Hollis said.",  # a no-break space, read as a plain one
]


def test_a_cached_parse_is_the_fresh_parse(tmp_path: Path) -> None:
    path = tmp_path / "parse.docbin"
    first = CachedPipeline(path)
    fresh = first.pipe(TEXTS)
    first.save()
    again = CachedPipeline(path)
    cached = again.pipe(TEXTS)
    assert not again.dirty  # served from the cache, keyed by the text as given
    for a, b in zip(fresh, cached, strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.norm_) for t in a] == [(t.tag_, t.dep_, t.head.i, t.norm_) for t in b]
        assert np.allclose(a.tensor, b.tensor)


def test_a_cache_another_parser_made_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "parse.docbin"
    first = CachedPipeline(path)
    first.pipe(TEXTS)
    first.save()
    index = path.with_name(path.name + ".json")
    stale = json.loads(index.read_text(encoding="utf-8"))
    index.write_text(json.dumps({**stale, "parser": "another"}), encoding="utf-8")
    again = CachedPipeline(path)
    assert again.docs == {}
    again.pipe(TEXTS[:1])
    again.save()
    assert json.loads(index.read_text(encoding="utf-8"))["parser"] == first.key
