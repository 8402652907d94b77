"""The per-file stage a runner's workers apply: read one single-article file, then clean (and
attribute) the article, so that reading, decoding and fingerprinting happen beside the cleaning
instead of in the process that stores the results.

Items are either a path (a text or HTML file, see :func:`~storyline.ingest.readers.is_single_article_file`)
or an :class:`~storyline.model.Article` a reader in the main process already made (JSONL records,
feed entries, URLs); both give an :class:`~storyline.stages.ArticleResult`. A file that cannot be
read gives a result without an article whose rejection says why (stage ``ingest``).
"""

from __future__ import annotations

from storyline.ingest.readers import read_single_file
from storyline.ingest.records import IngestOptions
from storyline.model import Article, Rejection
from storyline.stages import ArticleResult, RecordResult, analyze_article

FileItem = Article | str  # an article already read, or the path of a file to read here


def read_and_analyze(item: FileItem, *, options: IngestOptions, with_quotes: bool = True) -> ArticleResult:
    """Read ``item`` when it is a path, then :func:`~storyline.stages.analyze_article` it."""
    if isinstance(item, str):
        read = read_single_file(item, options)
        if isinstance(read, Rejection):
            return ArticleResult(article=None, rejection=read)
        item = read
    return analyze_article(item, with_quotes=with_quotes)


def read_and_record(item: FileItem, *, options: IngestOptions, with_quotes: bool = True) -> RecordResult:
    """:func:`read_and_analyze`, with the article made into the record the store writes (the
    pipeline's per-item function: the encoding happens in the worker, beside the cleaning)."""
    return RecordResult.of(read_and_analyze(item, options=options, with_quotes=with_quotes))
