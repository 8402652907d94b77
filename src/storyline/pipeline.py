"""The pipeline: sources -> articles (per-article stages on a runner) -> store -> corpus stages.

Work goes in batches; each batch is stored in one transaction, so an interrupted run leaves only
whole articles behind and a rerun skips what is already stored (same id and version = unchanged).

The corpus stages (provenance, stories, claims) run in rounds: the store queues every article it
stores for analysis in the same transaction, and once ``analyze_every`` articles are queued (and at
the end of the run) they are analysed and taken off the queue. So a long run's memory stays bounded
by a round, its stories appear while it goes on, and a run that is killed leaves its unanalysed
articles queued: the next run (or ``storyline ingest`` of nothing new) analyses them first.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import msgspec

from storyline.ingest import IngestOptions, expand_sources, read_source
from storyline.ingest.file_stage import FileItem, read_and_record
from storyline.ingest.readers import is_single_article_file
from storyline.model import Article, IngestOutcome, Rejection
from storyline.resume import TRANSIENT_REASONS, ShardDone, ShardLedger, rejections_of, shard_key
from storyline.runner import InlineRunner, Runner
from storyline.stages import RecordResult
from storyline.store import Store

ProgressCallback = Callable[[str, int], None]  # (event, amount): "source", "article", "analysis"
ANALYZE_EVERY = 5000  # stored articles per round of the corpus stages
# per round; story counts are per story
_ADDED_UP = ("cleaned of outlet furniture", "provenance edges", "restored from a cased twin")


class IngestReport(msgspec.Struct, kw_only=True):
    ingested: int = 0
    unchanged: int = 0
    updated: int = 0
    rejected: list[Rejection] = msgspec.field(default_factory=list)
    warnings: list[Rejection] = msgspec.field(default_factory=list)
    # ingested or updated, kept for the later stages: a store-only run (analyze=False) keeps none,
    # so its memory does not grow with the corpus
    article_ids: list[str] = msgspec.field(default_factory=list)
    analysis: dict[str, int] = msgspec.field(default_factory=dict)

    @property
    def total_read(self) -> int:
        return self.ingested + self.unchanged + self.updated

    def rejection_reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejected)


def _noop(event: str, amount: int) -> None:
    pass


class _Entry(NamedTuple):
    item: Article | Rejection | str  # a str: the path of a single-article file, read by a worker
    key: str | None  # the shard (file) it came from, when that can be marked
    position: int  # its place in the shard


_REJECTED, _UNCHANGED, _TODO = "rejected", "unchanged", "todo"  # what a batch does with an entry
_AHEAD = 2  # batches a background runner has in hand while the oldest is stored
# batches whose articles may not be stored yet when a batch is started: itself and those in hand
_RECENT_BATCHES = _AHEAD + 1
_LOOKUP_CHUNK = 512  # files whose resume marks are read in one query


class _Pending(NamedTuple):
    """A batch handed to the runner, waiting to be stored."""

    batch: list[_Entry | _End]
    entries: list[_Entry]
    verdicts: list[str]  # one per entry
    results: Callable[[], list[RecordResult]]  # waits for the runner's results (those of the todo entries)


class _End(NamedTuple):
    key: str
    ok: bool  # False: a transient failure (permissions); do not mark the shard done


@dataclass
class _Run:
    """What one ingest run knows about its shards, to write their resume marks."""

    ledger: ShardLedger
    options: IngestOptions = field(default_factory=IngestOptions)
    # (id, version) of the articles handed to the runner in the last batches, so a copy read again
    # while the first is still being cleaned is not cleaned twice; older ones are in the store
    recent: deque[set[tuple[str, str]]] = field(default_factory=lambda: deque(maxlen=_RECENT_BATCHES))
    deferred: set[str] = field(default_factory=set)  # shards with feed summaries kept for the end
    held_ends: list[_End] = field(default_factory=list)
    articles: Counter[str] = field(default_factory=Counter)
    rejections: dict[str, list[Rejection]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    # what the corpus stages found: run-wide counts (_ADDED_UP), and each analysed story's counts
    # as its last analysis left them (a story analysed in two rounds counts once)
    analysis_totals: dict[str, int] = field(default_factory=dict)
    story_counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def analysis_summary(self) -> dict[str, int]:
        summary = dict(self.analysis_totals)
        if self.story_counts:
            summary["stories touched"] = len(self.story_counts)
            for counts in self.story_counts.values():
                for key, n in counts.items():
                    summary[key] = summary.get(key, 0) + n
        return summary

    def seen(self, key: tuple[str, str]) -> bool:
        return any(key in batch for batch in self.recent)

    def note_article(self, key: str | None) -> None:
        if key:
            self.articles[key] += 1

    def note_rejection(self, key: str | None, rejection: Rejection) -> None:
        if key:
            self.rejections.setdefault(key, []).append(rejection)
            if rejection.reason in TRANSIENT_REASONS:
                self.failed.add(key)  # may go away without the file changing: never mark it done

    def finish(self, key: str) -> tuple[str, bytes] | None:
        """The done mark of ``key`` (None when it must not be marked); forgets the shard."""
        articles, rejections = self.articles.pop(key, 0), self.rejections.pop(key, [])
        if key in self.failed:
            self.failed.discard(key)
            return None
        return self.ledger.done_state(key, articles, rejections)

    def mark(self, batch: list[_Entry | _End]) -> None:
        """Write the marks this batch earns (called inside the batch's transaction)."""
        ended = {e.key for e in batch if isinstance(e, _End)}
        last: dict[str, int] = {}
        for e in batch:
            if isinstance(e, _Entry) and e.key and e.key not in ended and e.key not in self.deferred:
                last[e.key] = max(last.get(e.key, -1), e.position)
        states = [self.ledger.position_state(key, index + 1) for key, index in last.items()]
        for end in (e for e in batch if isinstance(e, _End)):
            if not end.ok:
                self.failed.add(end.key)
            if end.key in self.deferred:
                self.held_ends.append(end)
            elif (state := self.finish(end.key)) is not None:
                states.append(state)
        if states:
            self.ledger.store.put_states(states)


class Pipeline:
    def __init__(
        self,
        store: Store,
        runner: Runner | None = None,
        *,
        batch_size: int = 256,
        progress: ProgressCallback | None = None,
        analyze_every: int = ANALYZE_EVERY,
    ) -> None:
        """``analyze_every``: run the corpus stages each time this many stored articles await them
        (0: only at the end of a run)."""
        self.store = store
        self.runner = runner or InlineRunner()
        self.batch_size = batch_size
        self.analyze_every = analyze_every
        self.progress = progress or _noop
        # single-article files go to the runner as paths when its workers can open them
        self._workers_read = bool(getattr(self.runner, "shares_files", False))

    def _entries(
        self, sources: Iterable[str], options: IngestOptions, ledger: ShardLedger, report: IngestReport
    ) -> Iterator[_Entry | _End]:
        """Every item of every source, tagged with its shard; shards already stored are skipped.
        A single-article file is handed on as its path (a worker reads it); other sources are
        read here, item by item."""
        expanded = expand_sources(sources)
        while chunk := list(itertools.islice(expanded, _LOOKUP_CHUNK)):
            keys = [shard_key(s) if isinstance(s, str) else None for s in chunk]
            marks = ledger.lookup([k for k in keys if k])
            for source, key in zip(chunk, keys, strict=True):
                if isinstance(source, Rejection):
                    yield _Entry(source, None, 0)
                else:
                    yield from self._source_entries(source, key, marks.get(key) if key else None, options, report)
                self.progress("source", 1)

    def _source_entries(
        self,
        source: str,
        key: str | None,
        mark: tuple[ShardDone | None, int] | None,
        options: IngestOptions,
        report: IngestReport,
    ) -> Iterator[_Entry | _End]:
        done, skip = mark or (None, 0)
        if done is not None:  # stored by an earlier run: do not read it again
            report.unchanged += done.articles
            report.rejected.extend(rejections_of(done))
            return
        if key and not skip and self._workers_read and is_single_article_file(source):
            yield _Entry(source, key, 0)
            yield _End(key, True)  # a transient read failure is noted when the worker's result is stored
            return
        ok = True
        for count, item in enumerate(read_source(source, options)):
            if isinstance(item, Rejection) and item.reason in TRANSIENT_REASONS:
                ok = False
            if count < skip:  # stored by an interrupted earlier run
                if isinstance(item, Rejection):
                    report.rejected.append(item)
                else:
                    report.unchanged += 1
            else:
                yield _Entry(item, key, count)
        if key:
            yield _End(key, ok)

    def ingest(
        self, sources: Iterable[str], options: IngestOptions | None = None, *, analyze: bool = True
    ) -> IngestReport:
        """Read, clean and store every article in ``sources``; then bring corpus stages up to date.

        Finished files are marked in the store in the same transaction as their last batch, so an
        interrupted run, started again, goes on where it stopped (see :mod:`storyline.resume`).
        """
        options = options or IngestOptions()
        report = IngestReport()
        ledger = ShardLedger(self.store, analyzed=analyze)
        return self._run(self._entries(sources, options, ledger, report), report, ledger, analyze, options)

    def ingest_items(self, items: Iterable[Article | Rejection], *, analyze: bool = True) -> IngestReport:
        """Store what a reader already produced (e.g. a polled feed); same rules as :meth:`ingest`."""
        report = IngestReport()
        entries = (_Entry(item, None, i) for i, item in enumerate(items))
        return self._run(entries, report, ShardLedger(self.store, analyzed=analyze), analyze)

    def _run(
        self,
        source_entries: Iterable[_Entry | _End],
        report: IngestReport,
        ledger: ShardLedger,
        analyze: bool,
        options: IngestOptions | None = None,
    ) -> IngestReport:
        run = _Run(ledger=ledger, options=options or IngestOptions())
        partials: list[_Entry] = []  # feed summaries go last: a full copy wins

        def full_entries() -> Iterator[_Entry | _End]:
            for entry in source_entries:
                if isinstance(entry, _Entry) and isinstance(entry.item, Article) and entry.item.partial:
                    partials.append(entry)
                    if entry.key:
                        run.deferred.add(entry.key)
                else:
                    yield entry

        def batches() -> Iterator[list[_Entry | _End]]:
            entries = full_entries()
            while batch := list(itertools.islice(entries, self.batch_size)):
                yield batch
            for start in range(0, len(partials), self.batch_size):
                yield list(partials[start : start + self.batch_size])

        # A runner that can work in the background (``map_async``) has up to ``_AHEAD`` batches in
        # hand while this process reads the next and stores the oldest, so its workers still have
        # a batch to clean while a slow batch is stored; any other runner's batch is stored as soon
        # as it is done (an interruption keeps every finished batch).
        ahead = _AHEAD if hasattr(self.runner, "map_async") else 0
        pending: deque[_Pending] = deque()
        for batch in batches():
            if pending and any(isinstance(e, _Entry) and isinstance(e.item, Article) and e.item.partial for e in batch):
                # feed summaries are judged against what is stored: a full article a worker is still
                # reading (its id is known only once read) must be stored before a summary of it is
                # let in, or the summary would replace it
                while pending:
                    self._store_batch(pending.popleft(), report, run, analyze)
            pending.append(self._start_batch(batch, run, analyze))
            while len(pending) > ahead:
                self._store_batch(pending.popleft(), report, run, analyze)
            if analyze and self.analyze_every and self.store.count_pending_analysis() >= self.analyze_every:
                self._analyze_queued(report, run, whole_rounds=True)
        while pending:
            self._store_batch(pending.popleft(), report, run, analyze)
        if run.held_ends:
            with self.store.transaction():
                states = [run.finish(end.key) for end in run.held_ends]
                self.store.put_states([state for state in states if state is not None])
        if analyze:
            self._analyze_queued(report, run)
        return report

    def _analyze_queued(self, report: IngestReport, run: _Run, *, whole_rounds: bool = False) -> None:
        """Run the corpus stages over the queued articles, a round of ``analyze_every`` at a time
        in the order they were stored (those an interrupted run left come first); with
        ``whole_rounds``, only while a whole round is queued. ``report.analysis`` gets the counts
        of the whole run: a story analysed again in a later round counts once, as it ended up."""
        from storyline.analysis import run_corpus_stages

        while ids := self.store.pending_analysis(limit=self.analyze_every or None):
            if whole_rounds and len(ids) < self.analyze_every:
                break
            summary = run_corpus_stages(self.store, ids, self.runner, per_story=run.story_counts)  # dequeues them
            for key in _ADDED_UP:
                if summary.get(key):
                    run.analysis_totals[key] = run.analysis_totals.get(key, 0) + summary[key]
            report.analysis = run.analysis_summary()
            self.progress("analysis", len(ids))

    def _start_batch(self, batch: list[_Entry | _End], run: _Run, analyze: bool) -> _Pending:
        """Decide what in ``batch`` needs cleaning and hand that to the runner (nothing is reported
        or stored yet: :meth:`_store_batch` does that, in input order)."""
        entries = [e for e in batch if isinstance(e, _Entry)]
        verdicts: list[str] = []
        todo: list[FileItem] = []
        started: set[tuple[str, str]] = set()
        run.recent.append(started)
        partial_batch = any(isinstance(e.item, Article) and e.item.partial for e in entries)
        for entry in entries:
            item = entry.item
            if isinstance(item, str):  # a file a worker reads: the store tells new from stored later
                todo.append(item)
                verdicts.append(_TODO)
                continue
            if isinstance(item, Rejection):
                verdicts.append(_REJECTED)
                continue
            key = (item.id, item.version)
            if run.seen(key):
                verdicts.append(_UNCHANGED)
                continue
            status = self.store.article_status(item.id, item.version)
            if status is IngestOutcome.UNCHANGED:
                verdicts.append(_UNCHANGED)
                continue
            # a feed summary never replaces a full article (nor one an earlier summary stored)
            if item.partial and (status is IngestOutcome.UPDATED or (partial_batch and self._seen_id(run, item.id))):
                verdicts.append(_UNCHANGED)
                continue
            started.add(key)
            todo.append(item)
            verdicts.append(_TODO)
        fn = partial(read_and_record, options=run.options, with_quotes=analyze)
        start = getattr(self.runner, "map_async", None)
        if not todo:
            results: Callable[[], list[RecordResult]] = list
        elif start is not None:
            results = start(fn, todo)
        else:
            results = partial(self.runner.map, fn, todo)  # runs when the batch is stored
        return _Pending(batch, entries, verdicts, results)

    @staticmethod
    def _seen_id(run: _Run, article_id: str) -> bool:
        return any(seen_id == article_id for batch in run.recent for seen_id, _version in batch)

    def _store_batch(self, pending: _Pending, report: IngestReport, run: _Run, analyze: bool) -> None:
        """Store one batch's results and resume marks in one transaction, and report them."""
        batch, entries = pending.batch, pending.entries
        todo_keys: list[str | None] = []
        for entry, verdict in zip(entries, pending.verdicts, strict=True):
            if verdict is _REJECTED:
                assert isinstance(entry.item, Rejection)
                report.rejected.append(entry.item)
                run.note_rejection(entry.key, entry.item)
            elif verdict is _UNCHANGED:
                report.unchanged += 1
                run.note_article(entry.key)
            else:
                todo_keys.append(entry.key)
        results = pending.results()
        with self.store.transaction():
            for rejection in (e.item for e in entries if isinstance(e.item, Rejection)):
                self.store.add_rejection(rejection)
            stored = [r.record for r in results if r.record is not None]
            outcomes = iter(self.store.put_records(stored))
            queued: list[str] = []
            for result, shard in zip(results, todo_keys, strict=True):
                if result.record is None:
                    assert result.rejection is not None
                    report.rejected.append(result.rejection)
                    run.note_rejection(shard, result.rejection)
                    self.store.add_rejection(result.rejection)
                    continue
                run.note_article(shard)
                if result.rejection is not None:
                    report.warnings.append(result.rejection)
                    self.store.add_rejection(result.rejection)
                outcome = next(outcomes)
                if outcome is IngestOutcome.INGESTED:
                    report.ingested += 1
                elif outcome is IngestOutcome.UPDATED:
                    report.updated += 1
                else:
                    report.unchanged += 1
                    continue
                if analyze:
                    report.article_ids.append(result.record.id)
                    queued.append(result.record.id)
                    self.store.put_quotes(result.record.id, result.quotes)
            if queued:
                self.store.queue_analysis(queued)
            run.mark(batch)
        self.progress("article", len(entries))

    def analyze(self, article_ids: list[str]) -> dict[str, int]:
        """Bring the corpus stages (provenance, stories, claims) up to date for new articles; the
        per-story stages run as a group-by on this pipeline's runner."""
        from storyline.analysis import run_corpus_stages

        return run_corpus_stages(self.store, article_ids, self.runner)
