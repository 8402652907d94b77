"""Reading while an ingest writes (SQLite WAL): no "database is locked", no failed reads.

Runs benchmarks/store_concurrency.py for ~10 s (the benchmark runs 60 s).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "store_concurrency", REPO / "benchmarks" / "store_concurrency.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_store_concurrency_reads_never_fail_while_ingesting(tmp_path: Path) -> None:
    stats = _benchmark().run(10.0, tmp_path, batch=800)
    assert stats.failures == []
    assert stats.reads > 50
    assert stats.articles_seen > 0  # the reader saw the writer's commits
