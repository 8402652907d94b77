"""Ingest with Rich progress bars on stderr (sources read, articles processed)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.errors import MissingExtraError, UsageError
from storyline.ingest import IngestOptions, expand_sources
from storyline.model import Rejection
from storyline.pipeline import ANALYZE_EVERY, IngestReport, Pipeline
from storyline.runner import LocalRunner, Runner
from storyline.store import Store


def make_runner(kind: str, workers: int | None, ray_address: str | None, *, preload: bool = True) -> Runner:
    """The runner a command asked for; ``preload``: load every stage's models in the local pool's
    fork server (worth it when the corpus stages run; an ingest with ``--no-analyze`` needs only
    what cleaning loads, which its workers load themselves)."""
    if kind == "local":
        return LocalRunner(workers=workers, preload=preload)
    if kind == "ray":
        try:
            from storyline.ray_runner import RayRunner
        except ImportError as exc:
            raise MissingExtraError(
                "the Ray runner needs Ray, which is not installed",
                hint="Install it with: pip install 'storyline[ray]'",
            ) from exc
        return RayRunner(address=ray_address, workers=workers)
    raise UsageError(f"unknown runner {kind!r}", hint="Use --runner local or --runner ray.")


def ingest_with_progress(
    store: Store,
    sources: Sequence[str],
    options: IngestOptions,
    *,
    analyze: bool,
    workers: int | None = None,
    runner: str = "local",
    ray_address: str | None = None,
    analyze_every: int = ANALYZE_EVERY,
    console: Console | None = None,
) -> IngestReport:
    console = console or Console(stderr=True)
    expanded = list(expand_sources(sources))
    paths = [s for s in expanded if isinstance(s, str)]
    early = [s for s in expanded if isinstance(s, Rejection)]
    run = make_runner(runner, workers, ray_address, preload=analyze)
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal and len(paths) < 2,
    )
    with progress, run_closing(run):
        sources_task = progress.add_task("sources", total=len(paths))
        articles_task = progress.add_task("articles", total=None)
        tasks = {"source": sources_task, "article": articles_task}

        def on_progress(event: str, amount: int) -> None:
            if event not in tasks:  # "analysis": articles through the corpus stages, in rounds
                tasks[event] = progress.add_task("analysed", total=None)
            progress.advance(tasks[event], amount)

        pipeline = Pipeline(store, run, progress=on_progress, analyze_every=analyze_every)
        report = pipeline.ingest(paths, options, analyze=analyze)
    for r in early:
        store.add_rejection(r)
    report.rejected[:0] = early
    return report


class run_closing:  # noqa: N801 - used as a context manager
    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    def __enter__(self) -> Runner:
        return self.runner

    def __exit__(self, *exc: object) -> None:
        self.runner.close()
