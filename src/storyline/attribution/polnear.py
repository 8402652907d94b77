"""Reading PolNeAR (brat standoff) attributions and scoring predicted spans against them.

PolNeAR stores each article as ``text/<name>.txt`` and its annotations as
``attributions/<name>_<annotator>.ann``. A text-bound line reads ``T1<TAB>Cue 386 392<TAB>reads:``;
discontinuous spans list fragments separated by ``;``; an event line ``E1<TAB>Attribution:T4
Source:T3 Content:T2 Cue:T1`` ties the parts of one attribution together. This module only reads
the files given to it; the data set itself is never shipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: each part as a list of ``(start, end)`` fragments."""

    source: tuple[tuple[int, int], ...] = ()
    cue: tuple[tuple[int, int], ...] = ()
    content: tuple[tuple[int, int], ...] = ()


@dataclass
class PolnearDocument:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _fragments(offsets: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions of one ``.ann`` file (text-bound parts joined through their event lines)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        m = _TEXT_BOUND.match(line)
        if m:
            spans[m.group(1)] = (m.group(2).lower(), _fragments(m.group(3)))
            continue
        e = _EVENT.match(line)
        if e:
            args = [tuple(arg.split(":", 1)) for arg in e.group(2).split() if ":" in arg]
            events.append([(role.lower(), ref) for role, ref in args])  # type: ignore[misc]
    out = []
    for args in events:
        parts: dict[str, tuple[tuple[int, int], ...]] = {}
        for role, ref in args:
            if role in ROLES and ref in spans:
                parts[role] = spans[ref][1]
        if parts.get("cue") or parts.get("content"):
            out.append(GoldAttribution(**parts))
    return out


def read_split(root: Path, split: str) -> Iterator[PolnearDocument]:
    """Documents of one split (``train``/``dev``) in a stable order."""
    base = root / split
    for ann_path in sorted((base / "attributions").glob("*.ann")):
        stem = ann_path.stem.rsplit("_", 1)[0]
        txt = base / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        yield PolnearDocument(stem, text, parse_ann(ann_path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- scoring


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and edge punctuation so ``"said,"`` and ``said`` compare equal."""
    strip = " \t\n\r\"'“”‘’.,:;—–-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


@dataclass
class SpanScore:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> int:
    """Greedy one-to-one matching; a pair matches when equal (exact) or overlapping."""
    used: set[int] = set()
    tp = 0
    for ps, pe in pred:
        for i, (gs, ge) in enumerate(gold):
            if i in used:
                continue
            ok = (ps, pe) == (gs, ge) if exact else (ps < ge and gs < pe)
            if ok:
                used.add(i)
                tp += 1
                break
    return tp


def score_spans(
    text: str,
    predicted: Iterable[tuple[int, int]],
    gold: Iterable[tuple[tuple[int, int], ...]],
    score_exact: SpanScore,
    score_overlap: SpanScore,
) -> None:
    """Add one document's spans of one role to the running scores.

    A gold span made of several fragments counts as the range from its first to its last
    fragment; spans are compared after trimming whitespace and edge punctuation.
    """
    g = sorted({_trim(text, min(s for s, _ in f), max(e for _, e in f)) for f in gold if f})
    p = sorted({_trim(text, s, e) for s, e in predicted})
    p = [x for x in p if x[1] > x[0]]
    g = [x for x in g if x[1] > x[0]]
    for score, exact in ((score_exact, True), (score_overlap, False)):
        score.tp += _match(p, g, exact)
        score.n_pred += len(p)
        score.n_gold += len(g)
