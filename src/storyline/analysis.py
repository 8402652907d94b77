"""Corpus stages, run after new articles are stored: provenance, stories, actors, claims.

Each stage is incremental: it reads the new articles, its own persisted state, and writes its
results to the store. Stages that are not installed are skipped.
"""

from __future__ import annotations

from storyline.store import Store


def run_corpus_stages(store: Store, article_ids: list[str]) -> dict[str, int]:
    return {}
