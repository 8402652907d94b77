"""The Ray runner stores exactly what the inline and local runners store.

A local Ray with two CPUs is started once for the module (skipped when Ray is not installed).
Everything the store returns is compared: articles with their versions, rejections, quotes,
provenance edges, stories and their changes, actors, propositions (disputes) and timelines.
The per-article stages go through Ray Data batch maps (in the background, ``map_async``), and so
do the corpus stages' jobs (provenance components, story features, one item per story). A small
generated corpus runs in the default suite (Ray's start-up is most of its time); the sample
corpus and a bigger generated one are marked slow.
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_snapshot import snapshot
from storyline.model import Stance  # noqa: F401 - keeps the model importable before Ray
from storyline.pipeline import Pipeline
from storyline.runner import InlineRunner, LocalRunner, Runner
from storyline.sample import corpus_path
from storyline.store import MemoryStore
from storyline.synthetic import write_corpus

ray = pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'storyline[ray]')")


@pytest.fixture(scope="module")
def ray_runner() -> Iterator[Runner]:
    from storyline.ray_runner import RayRunner

    runner = RayRunner(workers=2, shards_per_worker=1)
    yield runner
    runner.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    write_corpus(root / "text", 60, seed=11, words=300)
    write_corpus(root / "jsonl", 80, seed=12, kind="jsonl", per_file=50, words=200)
    write_corpus(root / "html", 20, seed=13, kind="html", words=300)
    return root


def _sample_sources() -> list[str]:
    return [
        str(p)
        for p in sorted(corpus_path().iterdir())
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    ]


def _run(runner: Runner, sources: list[str]) -> dict[str, object]:
    store = MemoryStore()
    Pipeline(store, runner, batch_size=64).ingest(sources, analyze=True)
    return snapshot(store)


@pytest.mark.slow
def test_ray_runner_matches_inline_on_the_sample_corpus(ray_runner: Runner) -> None:
    sources = _sample_sources()
    expected = _run(InlineRunner(), sources)
    assert expected["articles"], "the sample corpus gave no articles"
    assert _run(ray_runner, sources) == expected


def test_ray_runner_matches_inline_on_a_small_generated_corpus(ray_runner: Runner, tmp_path: Path) -> None:
    write_corpus(tmp_path / "text", 14, seed=31, words=120)
    write_corpus(tmp_path / "jsonl", 8, seed=32, kind="jsonl", per_file=5, words=100)
    write_corpus(tmp_path / "html", 2, seed=33, kind="html", words=100)
    expected = _run(InlineRunner(), [str(tmp_path)])
    assert len(expected["articles"]) == 24  # type: ignore[arg-type]
    assert len(expected["stories"]) > 2  # type: ignore[arg-type]  # so the group-by has groups
    assert _run(ray_runner, [str(tmp_path)]) == expected


@pytest.mark.slow
def test_ray_runner_matches_local_on_a_generated_corpus(ray_runner: Runner, generated: Path) -> None:
    sources = [str(generated)]
    with LocalRunner(workers=2, inline_below=1) as local:
        expected = _run(local, sources)
    assert len(expected["articles"]) == 160  # type: ignore[arg-type]
    assert _run(ray_runner, sources) == expected


def test_ray_runner_round_trips_structs_in_order(ray_runner: Runner) -> None:
    from storyline.ingest.records import reject

    items = [reject(f"s{i}", "r", f"detail {i}") for i in range(50)]
    # the function travels to the workers by reference (operator is importable there)
    assert ray_runner.map(operator.attrgetter("source"), items) == [f"s{i}" for i in range(50)]
    assert ray_runner.map(operator.itemgetter(0), []) == []
    first = ray_runner.map_async(operator.attrgetter("source"), items)  # type: ignore[attr-defined]
    second = ray_runner.map_async(operator.attrgetter("detail"), items[:20])  # type: ignore[attr-defined]
    assert second() == [f"detail {i}" for i in range(20)]
    assert first() == [f"s{i}" for i in range(50)]


def test_make_runner_explains_how_to_install_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.errors import MissingExtraError
    from storyline.progress import make_runner

    monkeypatch.setitem(sys.modules, "storyline.ray_runner", None)
    with pytest.raises(MissingExtraError) as info:
        make_runner("ray", 2, None)
    assert "pip install" in (info.value.hint or "")
