"""PolNeAR attribution benchmark: precision, recall and F1 of source, cue and content spans.

    python benchmarks/attribution_polnear.py [--split dev] [--limit N]

Reads $STORYLINE_EVAL/polnear (default ../shared/eval relative to the repo root). Each predicted
attribution is one cue span with its source span and content span; quotes split around their
cue are joined back into one content range (PolNeAR stores them as one discontinuous span).
"Exact" compares trimmed spans for equality, "overlap" counts any overlap (one-to-one matching).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.attribution.polnear import ROLES, PolnearDocument, SpanScore, read_split, score_spans  # noqa: E402
from storyline.attribution.quotes import extract_quotes  # noqa: E402
from storyline.model import Article  # noqa: E402


def eval_root() -> Path:
    """$STORYLINE_EVAL, else ../shared/eval next to the repository (or next to its worktree folder)."""
    if "STORYLINE_EVAL" in os.environ:
        return Path(os.environ["STORYLINE_EVAL"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return ROOT.parent / "shared" / "eval"


def unique_documents(root: Path, split: str) -> list[PolnearDocument]:
    """One annotation per article (the first annotator's, in name order)."""
    seen: set[str] = set()
    out = []
    for doc in read_split(root, split):
        if doc.name not in seen:
            seen.add(doc.name)
            out.append(doc)
    return out


class CachedPipeline:
    """The attribution pipeline with a disk cache of parsed sentences (for repeated experiments on
    the same texts; the parse depends only on the sentence text and the parser). The cache is
    keyed by the text as given (``parse`` may read it otherwise: no-break spaces), in an index kept
    beside it with a fingerprint of the spaCy model and of ``storyline.attribution.parsing``; a cache
    made by another parser is dropped, since its parses would be served whatever the code now does."""

    def __init__(self, path: Path) -> None:
        from spacy.tokens import DocBin

        from storyline.attribution.parsing import load_pipeline

        self.nlp = load_pipeline()
        self.tok2vec = self.nlp.get_pipe("tok2vec")
        self.path = path
        self.index_path = path.with_name(path.name + ".json")  # the parser's fingerprint, the texts in order
        self.key = _parser_fingerprint(self.nlp)
        self.docs: dict[str, object] = {}
        self.dirty = False
        index = json.loads(self.index_path.read_text(encoding="utf-8")) if self.index_path.exists() else {}
        if path.exists() and index.get("parser") == self.key:
            bin_ = DocBin().from_bytes(path.read_bytes())
            self.docs = dict(zip(index["texts"], bin_.get_docs(self.nlp.vocab), strict=True))
        elif path.exists():
            print(f"parse cache {path} was made by another parser: parsing again", file=sys.stderr)
            self.dirty = True

    def pipe(self, texts):  # type: ignore[no-untyped-def]
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self.docs]
        from storyline.attribution.parsing import parse

        for t, d in zip(todo, parse(self.nlp, todo), strict=True):
            self.docs[t] = d
            self.dirty = True
        out = [self.docs[t] for t in texts]
        for d in out:  # the cache keeps the parse, not the contextual vectors: recompute those
            if d.tensor is None or len(d.tensor.shape) != 2 or d.tensor.shape[0] != len(d):
                self.tok2vec(d)
        return out

    def save(self) -> None:
        from spacy.tokens import DocBin

        if self.dirty:
            bin_ = DocBin(attrs=list(_CACHED_ATTRS), docs=self.docs.values())
            self.path.write_bytes(bin_.to_bytes())
            index = {"parser": self.key, "texts": list(self.docs)}
            self.index_path.write_text(json.dumps(index), encoding="utf-8")
            self.dirty = False


# what a cached parse keeps: the parse, and the norms the tokenizer's special cases set ("gonna" is
# "gon" + "na" read as "going to"), which the contextual vectors recomputed from it read
_CACHED_ATTRS = ("TAG", "HEAD", "DEP", "SENT_START", "NORM")


def _parser_fingerprint(nlp) -> str:  # type: ignore[no-untyped-def]
    """What a cached parse depends on besides the text: spaCy's and the model's versions and the
    source of storyline.attribution.parsing (tokenizer rules, lexical attributes, text read as)."""
    import hashlib
    import inspect

    import spacy

    import storyline.attribution.parsing as parsing

    meta = f"{spacy.__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}|{_CACHED_ATTRS}|"
    return hashlib.sha256((meta + inspect.getsource(parsing)).encode("utf-8")).hexdigest()


def use_parse_cache(path: Path) -> CachedPipeline:
    """Route attribution's parses through a disk cache (experiments only)."""
    import storyline.attribution.quotes as quotes_module

    cached = CachedPipeline(path)
    quotes_module.load_pipeline = lambda: cached  # type: ignore[assignment,return-value]
    return cached


def use_cue_model(path: Path) -> None:
    """Score cues with the model file at ``path`` instead of the shipped one (experiments only)."""
    import json

    import storyline.attribution.cue_model as cue_model_module
    import storyline.attribution.quotes as quotes_module

    scorer = cue_model_module.scorer_from_json(json.loads(path.read_text(encoding="utf-8")))
    cue_model_module.load_cue_scorer = lambda: scorer  # type: ignore[assignment]
    quotes_module.load_cue_scorer = lambda: scorer  # type: ignore[assignment]


def train_validation_split(docs: list[PolnearDocument]) -> tuple[list[PolnearDocument], list[PolnearDocument]]:
    """PolNeAR train cut in two for choices made without dev: every fifth article (name order)
    is validation, the rest is for fitting."""
    return [d for i, d in enumerate(docs) if i % 5], [d for i, d in enumerate(docs) if not i % 5]


def predicted_entries(doc: PolnearDocument) -> list[dict[str, tuple[int, int]]]:
    """One entry per predicted cue span: its cue, source and content ranges."""
    article = Article(id=doc.name, version="", source=doc.name, raw=doc.text, text=doc.text)
    by_cue: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    for q in extract_quotes(article):
        if q.cue_span is None:
            continue
        key = (q.cue_span.start, q.cue_span.end)
        entry = by_cue.setdefault(key, {"cue": key})
        c = entry.get("content")
        entry["content"] = (
            (q.content.start, q.content.end) if c is None else (min(c[0], q.content.start), max(c[1], q.content.end))
        )
        if q.speaker_span is not None:
            entry["source"] = (q.speaker_span.start, q.speaker_span.end)
    return list(by_cue.values())


def predicted_spans(doc: PolnearDocument) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for entry in predicted_entries(doc):
        for role in ROLES:
            if role in entry:
                out[role].append(entry[role])
    return out


def evaluate(docs: list[PolnearDocument]) -> dict[str, tuple[SpanScore, SpanScore]]:
    scores = {role: (SpanScore(), SpanScore()) for role in ROLES}
    for doc in docs:
        pred = predicted_spans(doc)
        for role in ROLES:
            gold = [getattr(a, role) for a in doc.attributions if getattr(a, role)]
            score_spans(doc.text, pred[role], gold, *scores[role])
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    root = eval_root() / "polnear"
    docs = unique_documents(root, args.split)
    if args.limit:
        docs = docs[: args.limit]
    t0 = time.perf_counter()
    scores = evaluate(docs)
    dt = time.perf_counter() - t0
    print(f"PolNeAR {args.split}: {len(docs)} articles, {dt:.1f}s ({len(docs) / dt:.1f} articles/s)")
    print(f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}")
    for role in ROLES:
        for label, s in zip(("exact", "overlap"), scores[role], strict=True):
            print(f"{role:8} {label:8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")


if __name__ == "__main__":
    main()
