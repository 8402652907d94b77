"""The pipeline: sources -> articles (per-article stages on a runner) -> store -> corpus stages.

Work goes in batches; each batch is stored in one transaction, so an interrupted run leaves only
whole articles behind and a rerun skips what is already stored (same id and version = unchanged).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial

import msgspec

from storyline.ingest import IngestOptions, expand_sources, read_source
from storyline.model import Article, IngestOutcome, Rejection
from storyline.runner import InlineRunner, Runner
from storyline.stages import ArticleResult, analyze_article
from storyline.store import Store

ProgressCallback = Callable[[str, int], None]  # (event, amount): "source", "article"


class IngestReport(msgspec.Struct, kw_only=True):
    ingested: int = 0
    unchanged: int = 0
    updated: int = 0
    rejected: list[Rejection] = msgspec.field(default_factory=list)
    warnings: list[Rejection] = msgspec.field(default_factory=list)
    article_ids: list[str] = msgspec.field(default_factory=list)  # ingested or updated
    analysis: dict[str, int] = msgspec.field(default_factory=dict)

    @property
    def total_read(self) -> int:
        return self.ingested + self.unchanged + self.updated

    def rejection_reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejected)


def _noop(event: str, amount: int) -> None:
    pass


class Pipeline:
    def __init__(self, store: Store, runner: Runner | None = None, *, batch_size: int = 256,
                 progress: ProgressCallback | None = None) -> None:
        self.store = store
        self.runner = runner or InlineRunner()
        self.batch_size = batch_size
        self.progress = progress or _noop

    def _items(self, sources: Iterable[str], options: IngestOptions) -> Iterator[Article | Rejection]:
        for source in expand_sources(sources):
            if isinstance(source, Rejection):
                yield source
            else:
                yield from read_source(source, options)
            self.progress("source", 1)

    def ingest(self, sources: Iterable[str], options: IngestOptions | None = None, *,
               analyze: bool = True) -> IngestReport:
        """Read, clean and store every article in ``sources``; then bring corpus stages up to date."""
        options = options or IngestOptions()
        report = IngestReport()
        seen: set[tuple[str, str]] = set()
        partials: list[Article | Rejection] = []  # feed summaries go last: a full copy wins

        def full_items() -> Iterator[Article | Rejection]:
            for item in self._items(sources, options):
                if isinstance(item, Article) and item.partial:
                    partials.append(item)
                else:
                    yield item

        items = full_items()
        while batch := list(itertools.islice(items, self.batch_size)):
            self._ingest_batch(batch, report, seen, analyze)
        for start in range(0, len(partials), self.batch_size):
            self._ingest_batch(partials[start : start + self.batch_size], report, seen, analyze)
        if analyze and report.article_ids:
            report.analysis = self.analyze(report.article_ids)
        return report

    def _ingest_batch(self, batch: list[Article | Rejection], report: IngestReport,
                      seen: set[tuple[str, str]], analyze: bool) -> None:
        todo: list[Article] = []
        seen_ids = {k[0] for k in seen} if any(isinstance(i, Article) and i.partial for i in batch) else set()
        for item in batch:
            if isinstance(item, Rejection):
                report.rejected.append(item)
                continue
            key = (item.id, item.version)
            status = self.store.article_status(item.id, item.version)
            if key in seen or status is IngestOutcome.UNCHANGED:
                report.unchanged += 1
                continue
            if item.partial and (status is IngestOutcome.UPDATED or item.id in seen_ids):
                report.unchanged += 1  # a feed summary never replaces a full article
                continue
            seen.add(key)
            todo.append(item)
        fn = partial(analyze_article, with_quotes=analyze)
        results: list[ArticleResult] = self.runner.map(fn, todo) if todo else []
        with self.store.transaction():
            for rejection in (r for r in batch if isinstance(r, Rejection)):
                self.store.add_rejection(rejection)
            for result in results:
                if result.article is None:
                    assert result.rejection is not None
                    report.rejected.append(result.rejection)
                    self.store.add_rejection(result.rejection)
                    continue
                if result.rejection is not None:
                    report.warnings.append(result.rejection)
                    self.store.add_rejection(result.rejection)
                outcome = self.store.put_article(result.article)
                if outcome is IngestOutcome.INGESTED:
                    report.ingested += 1
                elif outcome is IngestOutcome.UPDATED:
                    report.updated += 1
                else:
                    report.unchanged += 1
                    continue
                report.article_ids.append(result.article.id)
                if analyze:
                    self.store.put_quotes(result.article.id, result.quotes)
        self.progress("article", len(batch))

    def analyze(self, article_ids: list[str]) -> dict[str, int]:
        """Bring the corpus stages (provenance, stories, claims) up to date for new articles."""
        from storyline.analysis import run_corpus_stages

        return run_corpus_stages(self.store, article_ids)
