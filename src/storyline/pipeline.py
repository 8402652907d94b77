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
from storyline.ingest.readers import is_single_document_file
from storyline.model import Article, IngestOutcome, Rejection
from storyline.runner import InlineRunner, Runner
from storyline.stages import ArticleResult, FileUnit, Unit, process_unit
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

    def _units(self, sources: Iterable[str], options: IngestOptions) -> Iterator[Unit | Rejection]:
        """Single-document files go to the workers unread; streams (JSONL, WARC, feeds, URLs,
        stdin) are read here and their articles go to the workers."""
        for source in expand_sources(sources):
            if isinstance(source, Rejection):
                yield source
            elif is_single_document_file(source):
                yield FileUnit(path=source, options=options)
            else:
                yield from read_source(source, options)
            self.progress("source", 1)

    def ingest(self, sources: Iterable[str], options: IngestOptions | None = None, *,
               analyze: bool = True) -> IngestReport:
        """Read, clean and store every article in ``sources``; then bring corpus stages up to date."""
        options = options or IngestOptions()
        report = IngestReport()
        seen: set[tuple[str, str]] = set()
        partials: list[Unit | Rejection] = []  # feed summaries go last: a full copy wins

        def full_units() -> Iterator[Unit | Rejection]:
            for unit in self._units(sources, options):
                if isinstance(unit, Article) and unit.partial:
                    partials.append(unit)
                else:
                    yield unit

        units = full_units()
        while batch := list(itertools.islice(units, self.batch_size)):
            self._ingest_batch(batch, report, seen, analyze)
        for start in range(0, len(partials), self.batch_size):
            self._ingest_batch(partials[start : start + self.batch_size], report, seen, analyze)
        if analyze and report.article_ids:
            report.analysis = self.analyze(report.article_ids)
        return report

    def _skip(self, article: Article, seen: set[tuple[str, str]], seen_ids: set[str]) -> bool:
        """True when the article is already stored (same id and version) or was seen this run."""
        key = (article.id, article.version)
        status = self.store.article_status(article.id, article.version)
        if key in seen or status is IngestOutcome.UNCHANGED:
            return True
        # a feed summary never replaces a full article
        return article.partial and (status is IngestOutcome.UPDATED or article.id in seen_ids)

    def _ingest_batch(self, batch: list[Unit | Rejection], report: IngestReport,
                      seen: set[tuple[str, str]], analyze: bool) -> None:
        todo: list[Unit] = []
        rejections = [u for u in batch if isinstance(u, Rejection)]
        seen_ids = {k[0] for k in seen} if any(isinstance(u, Article) and u.partial for u in batch) else set()
        for unit in batch:
            if isinstance(unit, Rejection):
                continue
            if isinstance(unit, Article) and self._skip(unit, seen, seen_ids):
                report.unchanged += 1
                continue
            todo.append(unit)
        fn = partial(process_unit, with_quotes=analyze)
        results = [r for rs in (self.runner.map(fn, todo) if todo else []) for r in rs]
        with self.store.transaction():
            for rejection in rejections:
                report.rejected.append(rejection)
                self.store.add_rejection(rejection)
            for result in results:
                self._store_result(result, report, seen, analyze)
        self.progress("article", len(batch))

    def _store_result(self, result: ArticleResult, report: IngestReport, seen: set[tuple[str, str]],
                      analyze: bool) -> None:
        if result.article is None:
            assert result.rejection is not None
            report.rejected.append(result.rejection)
            self.store.add_rejection(result.rejection)
            return
        article = result.article
        key = (article.id, article.version)
        if key in seen:
            report.unchanged += 1
            return
        seen.add(key)
        if result.rejection is not None:
            report.warnings.append(result.rejection)
            self.store.add_rejection(result.rejection)
        outcome = self.store.put_article(article)
        if outcome is IngestOutcome.INGESTED:
            report.ingested += 1
        elif outcome is IngestOutcome.UPDATED:
            report.updated += 1
        else:
            report.unchanged += 1
            return
        report.article_ids.append(article.id)
        if analyze:
            self.store.put_quotes(article.id, result.quotes)

    def analyze(self, article_ids: list[str]) -> dict[str, int]:
        """Bring the corpus stages (provenance, stories, claims) up to date for new articles."""
        from storyline.analysis import run_corpus_stages

        return run_corpus_stages(self.store, article_ids)
