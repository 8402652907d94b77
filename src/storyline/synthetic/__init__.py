"""Generated, fictional news corpora for benchmarks and scale tests (see :mod:`.corpus`).

Entry points: ``generate_corpus(n, seed, kind)`` (files), ``write_corpus(folder, n, seed, kind)``
and ``generate_articles(n, seed)`` (articles with their ground truth: event, role, origin).
"""

from storyline.synthetic.corpus import (
    GeneratedArticle,
    GeneratedDoc,
    generate_articles,
    generate_corpus,
    write_corpus,
)

__all__ = ["GeneratedArticle", "GeneratedDoc", "generate_articles", "generate_corpus", "write_corpus"]
