"""Resumable ingest: which shards of the input are already stored, kept in the store's state table.

A shard is one local file (identified by its absolute path, size and modification time, so an
edited file is read again). Two marks are kept, each written in the same transaction as the batch
of articles it covers, so a mark never claims more than what is stored:

- ``ingest/done/<file>``: every item of the file is stored; a rerun does not open the file and
  reports its articles as unchanged (and its rejections again, from the mark).
- ``ingest/pos/<file>``: the first N items of a large file (JSONL, WARC, a JSON array) are stored;
  a rerun reads past them without cleaning or storing them again.

URLs and standard input are never marked: they can change between runs at the same name.
Marks made with ``--no-analyze`` do not count for a run that analyses: that run reads the file again
(its stored articles are recognised as unchanged).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]

import msgspec

from storyline.model import Rejection, Stage
from storyline.store import Store

_DONE, _POS = "ingest/done/", "ingest/pos/"
_STORED_ONLY = "stored-only"  # a position mark made by a --no-analyze run
MAX_KEPT_REJECTIONS = 200  # per shard, in the done mark; the count is always exact

# Rejections that may go away without the file changing (permissions): never mark such a shard done.
TRANSIENT_REASONS = frozenset({"unreadable", "not-a-file"})


class ShardDone(msgspec.Struct, frozen=True):
    articles: int
    rejected: int
    rejections: list[tuple[str, str, str, str]]  # (source, stage, reason, detail)
    analyzed: bool = True  # False: stored by a --no-analyze run


def shard_key(source: str) -> str | None:
    """The identity of a local file's current content, or None for what cannot be marked."""
    if source == "-" or source.startswith(("http://", "https://")):
        return None
    try:
        info = os.stat(source)
    except OSError:
        return None
    # json.dumps([path, size, mtime]) written out (it runs once per file of a folder): the same text
    return f"[{encode_basestring_ascii(os.path.abspath(source))}, {info.st_size}, {info.st_mtime_ns}]"


class ShardLedger:
    """Reads and writes the resume marks of one store."""

    def __init__(self, store: Store, *, analyzed: bool = True) -> None:
        self.store = store
        self.analyzed = analyzed

    def done(self, key: str) -> ShardDone | None:
        return self._done_mark(self.store.get_state(_DONE + key))

    def _done_mark(self, data: bytes | None) -> ShardDone | None:
        if data is None:
            return None
        try:
            mark = msgspec.json.decode(data, type=ShardDone)
        except msgspec.DecodeError:
            return None  # an unreadable mark: read the file again (nothing is stored twice)
        return mark if mark.analyzed or not self.analyzed else None

    def position(self, key: str) -> int:
        return self._position_mark(self.store.get_state(_POS + key))

    def _position_mark(self, data: bytes | None) -> int:
        if not data:
            return 0
        count, _, mode = data.decode("ascii", "replace").partition(" ")
        if mode == _STORED_ONLY and self.analyzed:
            return 0
        return int(count) if count.isdigit() else 0

    def lookup(self, keys: Sequence[str]) -> dict[str, tuple[ShardDone | None, int]]:
        """``(done mark, position)`` of each of ``keys``, read in bulk (a folder of many files)."""
        found = self.store.get_states([_DONE + k for k in keys] + [_POS + k for k in keys])
        return {k: (self._done_mark(found.get(_DONE + k)), self._position_mark(found.get(_POS + k))) for k in keys}

    def position_state(self, key: str, items: int) -> tuple[str, bytes]:
        value = str(items) if self.analyzed else f"{items} {_STORED_ONLY}"
        return _POS + key, value.encode()

    def done_state(self, key: str, articles: int, rejections: list[Rejection]) -> tuple[str, bytes]:
        kept = [(r.source, r.stage.value, r.reason, r.detail) for r in rejections[:MAX_KEPT_REJECTIONS]]
        mark = ShardDone(articles=articles, rejected=len(rejections), rejections=kept, analyzed=self.analyzed)
        return _DONE + key, msgspec.json.encode(mark)

    def mark_position(self, key: str, items: int) -> None:
        self.store.put_state(*self.position_state(key, items))

    def mark_done(self, key: str, articles: int, rejections: list[Rejection]) -> None:
        self.store.put_state(*self.done_state(key, articles, rejections))


def rejections_of(mark: ShardDone) -> list[Rejection]:
    """The rejections a done shard recorded, for the report of a rerun (they are stored already)."""
    now = datetime.now(UTC)
    return [
        Rejection(source=s, stage=Stage(stage), reason=reason, detail=detail, at=now)
        for s, stage, reason, detail in mark.rejections
    ]
