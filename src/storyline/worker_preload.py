"""Models and tables loaded once, before a process pool forks its workers.

:class:`~storyline.runner.LocalRunner` starts its workers from a fork server. Each worker used to
load spaCy's pipelines, the restoration tagger, the cue and stance models, the story featurizer's
tables and scikit-learn on its first article: about 5 s of CPU per worker, which on a run of a few
hundred articles is a tenth of all the work. The fork server imports this module before it forks
anything, and importing it runs :func:`warm_up`: every stage once on a few generated articles, so
whatever the stages load lazily is loaded there, once, and every worker starts with it (the pages
are shared copy-on-write).

``multiprocessing`` preloads modules by name only, hence the work at import time; nothing else
imports this module. A failure here is logged and leaves the workers to load lazily as before.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

#: A generated corpus small enough to cost little beyond the loading (a wire story, copies of it,
#: one stripped and restored from its twin, and other events: every stage has something to do).
WARM_ARTICLES, WARM_SEED, WARM_WORDS = 6, 0, 200


def warm_up() -> None:
    """Run ingest and every corpus stage, in memory, on a few generated articles."""
    from storyline.ingest import IngestOptions
    from storyline.ingest.readers import read_bytes
    from storyline.pipeline import Pipeline
    from storyline.runner import InlineRunner
    from storyline.store import MemoryStore
    from storyline.synthetic import generate_corpus

    options = IngestOptions()
    items = [
        item
        for doc in generate_corpus(WARM_ARTICLES, seed=WARM_SEED, kind="text", words=WARM_WORDS)
        for item in read_bytes(doc.content, doc.name, "text", options)
    ]
    Pipeline(MemoryStore(), InlineRunner()).ingest_items(items)


try:
    warm_up()
except Exception:  # the workers then load what they need themselves
    log.warning("preloading the pipeline's models failed", exc_info=True)
