"""Claims and disputes: propositions, positions, typed conflicts, independent origins, timeline.

Public entry points:

- :func:`build_disputes` — propositions of a story with positions, conflicts and origins;
- :func:`dispute_ledger` — the disputed propositions laid out party by party;
- :func:`build_timeline` — dated events of a story with their evidence;
- :class:`StanceClassifier` — shipped stance models (Emergent, FNC-1).
"""

from storyline.claims.disputes import (
    DisputeRecord,
    LedgerEntry,
    build_disputes,
    dispute_ledger,
    dispute_records,
)
from storyline.claims.origins import OriginGroup, independent_origins
from storyline.claims.propositions import SentenceEncoder, TfidfSentenceEncoder
from storyline.claims.stance import StanceClassifier
from storyline.claims.timeline import build_timeline

__all__ = [
    "DisputeRecord",
    "dispute_records",
    "LedgerEntry",
    "OriginGroup",
    "SentenceEncoder",
    "StanceClassifier",
    "TfidfSentenceEncoder",
    "build_disputes",
    "build_timeline",
    "dispute_ledger",
    "independent_origins",
]
