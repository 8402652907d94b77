"""The Ray runner: per-article stages as Ray Data batch maps; corpus stages as group-bys of jobs.

``RayRunner`` implements the same ``map(fn, items) -> list`` as the local runner, so the pipeline
does not change: each batch of articles becomes a Ray dataset split into shards (blocks), the
function is applied with ``map_batches`` on the cluster's workers, and the results come back in
input order. ``map_async`` runs that in a background thread, so the driver reads the next batch
and stores the last one while the cluster works (as the local runner's pool does).

The corpus stages hand it their jobs the same way (see :mod:`storyline.analysis`): provenance by
connected component of the candidate pairs, story features in chunks, and the per-story stages
(actors, disputes, timeline) as a group-by whose rows (one per article, keyed by story) are read
from the store by the driver. The driver groups them (``storyline.runner.map_groups``) and ships
one item per story: the rows start in this process, so Ray Data's ``groupby().map_groups`` would
only add a distributed shuffle (11 s for 2,000 rows on 2 cores, against a fraction of a second).
Items and results cross process boundaries pickled (msgspec Structs pickle), so any picklable
function and item type works.

Ray is an optional extra: ``pip install 'storyline[ray]'``. Point it at a cluster with
``address`` (``storyline ingest … --runner ray --ray-address HOST:6379``); without one it starts
a private local Ray with ``workers`` CPUs. See docs/scaling.md.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import ray
import ray.data

T = TypeVar("T")
R = TypeVar("R")

_QUIET_LOGGERS = ("ray", "ray.data", "ray._private", "ray.tune")


class _ApplyToShard:
    """The batch function shipped to workers: unpickle items, apply ``fn``, pickle results."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = np.empty(len(batch["item"]), dtype=object)
        for i, blob in enumerate(batch["item"]):
            out[i] = pickle.dumps(self.fn(pickle.loads(blob)), protocol=pickle.HIGHEST_PROTOCOL)
        return {"index": batch["index"], "result": out}


def _quiet() -> None:
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    if hasattr(ctx, "print_on_execution_start"):
        ctx.print_on_execution_start = False


class RayRunner:
    """Apply a function to items with Ray Data; results follow the input order.

    ``address``: a running cluster (``"auto"``, ``"HOST:PORT"`` or ``"ray://HOST:10001"``); None
    starts a local Ray (stopped again by :meth:`close`). ``workers``: CPUs for a local Ray (default:
    all cores). ``shards_per_worker``: how many pieces each batch is cut into per CPU (more evens
    out slow articles; fewer saves scheduling overhead). ``inline_below``: batches this small run
    in this process, where a distributed round trip costs more than it saves.
    """

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        *,
        shards_per_worker: int = 2,
        inline_below: int = 0,
    ) -> None:
        self.address = address
        self.workers = workers
        self.shards_per_worker = shards_per_worker
        self.inline_below = inline_below
        self._started_ray = False
        self._background: ThreadPoolExecutor | None = None

    def _ensure_ray(self) -> None:
        if ray.is_initialized():
            return
        _quiet()
        kwargs: dict[str, Any] = {
            "address": self.address or None,
            "include_dashboard": False,
            "logging_level": logging.ERROR,
            "log_to_driver": False,
            "configure_logging": True,
        }
        if not self.address:
            kwargs["num_cpus"] = self.workers or os.cpu_count() or 1
            # local workers import storyline from wherever this process does (a checkout or a venv)
            package_root = str(Path(__file__).resolve().parent.parent)
            kwargs["runtime_env"] = {
                "env_vars": {
                    "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
                }
            }
        ray.init(**kwargs)
        self._started_ray = True
        _quiet()

    def _cpus(self) -> int:
        try:
            return max(1, int(ray.cluster_resources().get("CPU", 1)))
        except Exception:  # noqa: BLE001 - resources unknown on some client connections
            return self.workers or 1

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        if len(items) < self.inline_below:
            return [fn(x) for x in items]
        self._ensure_ray()
        shards = min(len(items), self._cpus() * self.shards_per_worker)
        rows = [{"index": i, "item": pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)} for i, x in enumerate(items)]
        ds = ray.data.from_items(rows, override_num_blocks=shards)
        mapped = ds.map_batches(
            _ApplyToShard(fn),
            batch_size=math.ceil(len(items) / shards),
            batch_format="numpy",
            zero_copy_batch=True,
        )
        results: list[R | None] = [None] * len(items)
        for row in mapped.iter_rows():
            results[int(row["index"])] = pickle.loads(row["result"])
        return results  # type: ignore[return-value]

    def map_async(self, fn: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """Start ``map`` in a background thread and return what waits for its results. Calls run
        one after the other, in the order they were started."""
        if not items or len(items) < self.inline_below:
            results = self.map(fn, items)
            return lambda: results
        self._ensure_ray()  # here, not in the background thread
        if self._background is None:
            self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-ray")
        return self._background.submit(self.map, fn, items).result

    def close(self) -> None:
        if self._background is not None:
            self._background.shutdown(cancel_futures=True)
            self._background = None
        if self._started_ray and ray.is_initialized():
            ray.shutdown()
        self._started_ray = False

    def __enter__(self) -> RayRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
