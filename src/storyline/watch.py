"""Watching live sources: poll feeds, pages and files, ingest what is new, keep stories current.

Each poll of a URL is a conditional GET (the ETag and Last-Modified of the last answer are kept in
the store's state), so an unchanged feed costs one ``304``. New items go through
:meth:`Pipeline.ingest_items`, which stores them in transactional batches and brings the corpus
stages (stories, provenance, claims) up to date. A source that fails (network down, a 5xx) is
retried with exponential backoff, capped; the others go on. :meth:`Watcher.stop` (wired to SIGINT
and SIGTERM by :func:`stop_on_signals`) ends the loop after the source being ingested is stored, or
rolls its open batch back: nothing half-stored is left.
"""

from __future__ import annotations

import json
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from storyline.errors import FetchRefused, UsageError
from storyline.ingest import IngestOptions
from storyline.ingest.fetch import FetchFailed, fetch
from storyline.ingest.readers import Item, is_url, read_fetched
from storyline.model import Rejection, article_id
from storyline.pipeline import IngestReport, Pipeline

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", re.IGNORECASE)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}

LogCallback = Callable[[str], None]


def parse_duration(text: str) -> float:
    """``"30s"``, ``"10m"``, ``"1h"``, ``"1h30m"``, ``"250ms"`` or a plain number of seconds."""
    value = text.strip().lower()
    try:
        seconds = float(value)
    except ValueError:
        parts = _DURATION.findall(value)
        if not parts or _DURATION.sub("", value).strip():
            raise UsageError(
                f"cannot read the duration {text!r}", hint="Write it like 30s, 10m, 1h or 1h30m."
            ) from None
        seconds = sum(float(n) * _UNIT[u.lower()] for n, u in parts)
    if seconds <= 0:
        raise UsageError(f"the duration {text!r} must be positive", hint="For example --every 10m.")
    return seconds


@dataclass
class SourceState:
    """What the watcher knows about one source between polls."""

    source: str
    due: float = 0.0  # monotonic time of the next poll
    failures: int = 0  # consecutive failed polls
    polls: int = 0
    new: int = 0  # articles ingested or updated from it, over the whole watch
    last_error: str | None = None
    disabled: str | None = None  # a reason it will not be polled again (refused by policy)


@dataclass
class WatchReport:
    polls: int = 0
    not_modified: int = 0
    errors: int = 0
    total: IngestReport = field(default_factory=IngestReport)
    sources: list[SourceState] = field(default_factory=list)


def _merge(into: IngestReport, part: IngestReport) -> None:
    into.ingested += part.ingested
    into.unchanged += part.unchanged
    into.updated += part.updated
    into.rejected.extend(part.rejected)
    into.warnings.extend(part.warnings)
    into.article_ids.extend(part.article_ids)
    for k, v in part.analysis.items():
        into.analysis[k] = into.analysis.get(k, 0) + v


class Watcher:
    """Poll ``sources`` every ``every`` seconds until stopped or ``max_polls`` rounds are done.

    A failing source is retried after ``retry_base * 2**(failures-1)`` seconds, at most
    ``backoff_cap`` (default: the interval, at most 30 minutes).
    """

    def __init__(
        self,
        pipeline: Pipeline,
        sources: Sequence[str],
        every: float,
        *,
        options: IngestOptions | None = None,
        analyze: bool = True,
        max_polls: int | None = None,
        retry_base: float = 5.0,
        backoff_cap: float | None = None,
        log: LogCallback | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if every <= 0:
            raise UsageError("the polling interval must be positive")
        self.pipeline = pipeline
        self.store = pipeline.store
        self.every = every
        self.options = options or IngestOptions()
        self.analyze = analyze
        self.max_polls = max_polls
        self.retry_base = retry_base
        self.backoff_cap = backoff_cap if backoff_cap is not None else min(every, 1800.0)
        self.log = log or (lambda _msg: None)
        self.clock = clock
        self.states = [SourceState(s) for s in dict.fromkeys(sources)]
        self._stop = threading.Event()

    # -- control ------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # -- loop -----------------------------------------------------------------------------
    def run(self) -> WatchReport:
        report = WatchReport(sources=self.states)
        while not self.stopping:
            active = [s for s in self.states if not s.disabled]
            if not active:
                self.log("no source can be polled; stopping")
                break
            wait = min(s.due for s in active) - self.clock()
            if wait > 0 and self._stop.wait(wait):
                break
            now = self.clock()
            for state in (s for s in active if s.due <= now):
                if self.stopping:
                    break
                self._poll(state, report)
            report.polls += 1
            if self.max_polls is not None and report.polls >= self.max_polls:
                break
        return report

    def _poll(self, state: SourceState, report: WatchReport) -> None:
        state.polls += 1
        try:
            part = self._poll_source(state.source, report)
        except FetchFailed as exc:
            state.failures += 1
            state.last_error = f"{exc.reason}: {exc.detail}"
            report.errors += 1
            delay = min(self.retry_base * 2 ** (state.failures - 1), self.backoff_cap)
            state.due = self.clock() + delay
            self.log(f"{state.source}: {exc.detail}; retrying in {delay:g}s")
            return
        except FetchRefused as exc:
            state.disabled = str(exc.args[0])
            report.total.rejected.append(_refusal(state.source, state.disabled))
            self.log(f"{state.source}: {state.disabled} (use --allow-private to permit it); not polled again")
            return
        state.failures = 0
        state.last_error = None
        state.due = self.clock() + self.every
        if part is None:
            return
        _merge(report.total, part)
        state.new += part.ingested + part.updated
        if part.ingested or part.updated or part.rejected:
            self.log(
                f"{state.source}: {part.ingested} new, {part.updated} updated, {part.unchanged} unchanged, "
                f"{len(part.rejected)} rejected"
            )

    def _poll_source(self, source: str, report: WatchReport) -> IngestReport | None:
        if not is_url(source):  # a file or folder: finished files are skipped by their resume marks
            return self.pipeline.ingest([source], self.options, analyze=self.analyze)
        key = "watch/http/" + source
        validators = _load_validators(self.store.get_state(key))
        got = fetch(source, self.options, etag=validators.get("etag"), last_modified=validators.get("last_modified"))
        if got.not_modified:
            report.not_modified += 1
            return None
        items = read_fetched(got, source, self.options, known_link=self._known)
        part = self.pipeline.ingest_items(_until_stopped(items, self._stop), analyze=self.analyze)
        if not self.stopping:  # remember the validators only once everything they cover is stored
            self.store.put_state(key, json.dumps({"etag": got.etag, "last_modified": got.last_modified}).encode())
        return part

    def _known(self, url: str) -> bool:
        return self.store.get_article(article_id(url, "")) is not None


def _until_stopped(items: Iterator[Item], stop: threading.Event) -> Iterator[Item]:
    for item in items:
        if stop.is_set():
            return  # the items read so far are stored; the rest come with the next watch
        yield item


def _load_validators(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def _refusal(source: str, detail: str) -> Rejection:
    from storyline.ingest.records import reject

    return reject(source, "refused", detail + " (use --allow-private to permit it)")


@contextmanager
def stop_on_signals(watcher: Watcher, log: LogCallback | None = None) -> Iterator[None]:
    """SIGINT and SIGTERM stop ``watcher`` cleanly; a second SIGINT interrupts at once (the open
    batch is rolled back). Only the main thread can install handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        if watcher.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        if log:
            log("stopping after the current source is stored (Ctrl-C again to stop at once)")
        watcher.stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
