"""Runners apply per-article stages (pure functions of one item) to batches.

:class:`LocalRunner` uses a process pool over both cores; small batches run inline, where a pool's
start-up would cost more than it saves. The Ray runner plugs in behind the same ``map``.

A runner whose workers see this machine's files says so with ``shares_files = True``: the pipeline
then hands it the paths of single-article files, so reading and decoding happen in the workers. A
runner without the attribute (a cluster) gets articles already read.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K", bound=Hashable)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent: a terminal sends SIGINT to the whole process group, and a
    worker dying of it would break the pool in the middle of a batch instead of letting the parent
    finish or roll back the batch and stop cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Runner(Protocol):
    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]: ...
    def close(self) -> None: ...


def map_groups(runner: Runner, fn: Callable[[list[T]], R], rows: Sequence[T], key: Callable[[T], K]) -> list[R]:
    """Group ``rows`` by ``key`` and apply ``fn`` to each group on ``runner``, a corpus stage as a
    group-by. A runner with its own ``map_groups`` (Ray: ``groupby().map_groups``) does the grouping
    where the data is; otherwise the groups are formed here, in first-seen order, and mapped.
    Results follow the groups' first appearance in ``rows``; within a group, rows keep their order
    here but may come in any order from a distributed runner (``fn`` must not depend on it)."""
    own = getattr(runner, "map_groups", None)
    if own is not None:
        return own(fn, rows, key)  # type: ignore[no-any-return]
    groups: dict[K, list[T]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return runner.map(fn, list(groups.values()))


def _start_fork_server() -> None:
    """Start this process's fork server (once) where it can import storyline. Before Python 3.12.8
    and 3.13.1 the fork server does not take this process's ``sys.path`` (CPython gh-117378): a
    storyline found through a path set at run time (pytest's ``pythonpath``) would not be
    preloaded, silently. The documented workaround: put the path in ``PYTHONPATH`` while the
    server starts."""
    import multiprocessing.forkserver

    import storyline

    root = os.path.dirname(os.path.dirname(os.path.abspath(storyline.__file__)))
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([root, saved] if saved else [root])
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved


class InlineRunner:
    """Runs everything in this process (tests, tiny inputs, debugging)."""

    shares_files = True

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [fn(x) for x in items]

    def close(self) -> None:
        pass


class LocalRunner:
    """A process pool over the machine's cores; order of results follows the input."""

    shares_files = True  # the workers are processes of this machine

    def __init__(self, workers: int | None = None, inline_below: int = 16, preload: bool = True) -> None:
        self.workers = workers or max(1, min(os.cpu_count() or 1, 8))
        self.inline_below = inline_below
        self.preload = preload
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context("forkserver")
            # with ``preload``, the fork server loads every stage's models once (storyline.worker_preload)
            # and the workers start with them, instead of each loading them on its first item; the
            # fork server is this process's for good, so the first pool's choice stands
            modules = ["storyline.stages", "storyline.ingest.file_stage"]
            ctx.set_forkserver_preload([*modules, "storyline.worker_preload"] if self.preload else modules)
            _start_fork_server()
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_ignore_interrupts)
        return self._pool

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        # small batches run inline only while the pool is not started (a started one costs nothing)
        if self.workers <= 1 or (len(items) < self.inline_below and self._pool is None):
            return [fn(x) for x in items]
        chunk = max(1, len(items) // (self.workers * 4))
        return list(self._get_pool().map(fn, items, chunksize=chunk))

    def map_async(self, fn: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """Start ``map`` and return what waits for its results, so the caller can read the next
        batch and store the last one while the pool works on this one."""
        if self.workers <= 1 or (len(items) < self.inline_below and self._pool is None):
            results = [fn(x) for x in items]
            return lambda: results
        chunk = max(1, len(items) // (self.workers * 4))
        pending = self._get_pool().map(fn, items, chunksize=chunk)  # submits every chunk now
        return lambda: list(pending)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
