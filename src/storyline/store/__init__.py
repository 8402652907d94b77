"""Storage behind a narrow interface: :class:`Store`, with SQLite (default) and memory backends."""

from __future__ import annotations

import os
from pathlib import Path

from storyline.store.base import Store
from storyline.store.memory import MemoryStore
from storyline.store.records import ArticleRecord, article_record
from storyline.store.sqlite import SqliteStore

DEFAULT_DB = "storyline.db"


def default_db_path() -> str:
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


def open_store(path: str | Path | None = None, *, readonly: bool = False) -> Store:
    """Open the store at ``path`` (default ``$STORYLINE_DB`` or ``./storyline.db``)."""
    return SqliteStore(path or default_db_path(), readonly=readonly)


__all__ = ["Store", "ArticleRecord", "article_record", "SqliteStore", "MemoryStore", "open_store", "default_db_path"]
