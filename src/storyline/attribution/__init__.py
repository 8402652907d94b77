"""Attribution: who said what, with which reporting verb, resolved to actors across articles.

Public entry points:

- ``extract_quotes(article) -> list[Quote]``: per article, pure.
- ``resolve_actors(quotes, articles) -> (quotes, actors)``: within a story, across articles.
- ``CUE_CLASSES``: reporting-verb lemma -> ``CueClass``.
"""

from storyline.attribution.actors import resolve_actors
from storyline.attribution.cues import CUE_CLASSES, cue_class
from storyline.attribution.quotes import extract_quotes

__all__ = ["CUE_CLASSES", "cue_class", "extract_quotes", "resolve_actors"]
