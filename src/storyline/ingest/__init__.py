"""Ingest: sources to articles (or rejections with reasons)."""

from storyline.ingest.readers import Item, expand_sources, read_source
from storyline.ingest.records import IngestOptions

__all__ = ["IngestOptions", "Item", "expand_sources", "read_source"]
