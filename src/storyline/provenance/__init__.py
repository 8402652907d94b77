"""Provenance: where each copy came from.

Tells verbatim republications, digests and rewrites of an origin (in the corpus, or an external
wire credited in the text) from independent reporting, with the aligned passages that prove it and
what each copy dropped, added or changed.

Entry points:

- :class:`MinHashCandidateIndex`: candidate pairs at scale with estimated containment.
- :func:`detect_provenance`: new articles -> :class:`~storyline.model.ProvenanceEdge` list.
- :func:`independent_origins`: collapse copies onto their origins and count what is left.
"""

from storyline.provenance.candidates import MinHashCandidateIndex
from storyline.provenance.detection import detect_provenance
from storyline.provenance.origins import OriginGroup, independent_origins

__all__ = ["MinHashCandidateIndex", "OriginGroup", "detect_provenance", "independent_origins"]
