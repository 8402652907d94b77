"""Keeps benchmarks/web_load.py working: a small generated store, one second of load, no errors.
(Speed is measured by the benchmark itself, not asserted here.)"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

from web_server import running_server

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "web_load.py"


def _load_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_web_load_smoke_generated_store_serves_without_errors(tmp_path: Path) -> None:
    bench = _load_module()
    db = tmp_path / "load.db"
    bench.build_store(db, 20)
    with running_server(db) as base:
        port = int(base.rsplit(":", 1)[1])
        paths = [f"/story/s_{i:05d}" for i in range(20)]
        result = asyncio.run(bench._asyncio_load(port, paths, clients=4, seconds=1))
    assert result["requests"] > 0
    assert result["errors"] == 0
