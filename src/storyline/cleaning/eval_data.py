"""Cased news text from ``../shared/eval`` for training and evaluating restoration.

Splits are fixed: PolNeAR train + FNC-1 bodies listed in ``training_ids.txt`` train the model;
PolNeAR dev + FNC-1 bodies in ``hold_out_ids.txt`` are held out and only ever evaluated on.
Nothing here is shipped; it reads the data sets from disk (``STORYLINE_EVAL`` overrides the path).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

csv.field_size_limit(10**8)


def eval_root(repo_root: Path | None = None) -> Path:
    env = os.environ.get("STORYLINE_EVAL")
    if env:
        return Path(env)
    root = repo_root or Path(__file__).resolve().parents[3]
    return (root / ".." / "shared" / "eval").resolve()


def _fnc_bodies(root: Path, ids_file: str) -> list[tuple[str, str]]:
    ids = {line.strip() for line in (root / "fnc1" / ids_file).read_text().split() if line.strip()}
    out = []
    with open(root / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["Body ID"] in ids:
                out.append((f"fnc1:{row['Body ID']}", row["articleBody"]))
    return out


def _polnear(root: Path, split: str) -> list[tuple[str, str]]:
    folder = root / "polnear" / split / "text"
    return [(f"polnear:{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def training_documents(root: Path | None = None) -> list[tuple[str, str]]:
    root = root or eval_root()
    return _polnear(root, "train") + _fnc_bodies(root, "training_ids.txt")


def heldout_documents(root: Path | None = None) -> list[tuple[str, str]]:
    root = root or eval_root()
    return _polnear(root, "dev") + _fnc_bodies(root, "hold_out_ids.txt")


def _basil(root: Path) -> list[tuple[str, str]]:
    import json

    out = []
    for p in sorted((root / "basil" / "articles").glob("*/*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        paragraphs = data.get("body-paragraphs") or "[]"
        if isinstance(paragraphs, str):
            paragraphs = json.loads(paragraphs)
        text = "\n".join(" ".join(par) for par in paragraphs if par)
        if text.strip():
            out.append((f"basil:{p.stem}", text))
    return out


def _ecb_text(xml: str) -> str:
    """Rebuild running text from ECB+ token XML: one sentence per line, spaces before marks removed."""
    import html
    import re

    sentences: dict[int, list[str]] = {}
    for m in re.finditer(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>', xml):
        sentences.setdefault(int(m.group(1)), []).append(html.unescape(m.group(2)))
    lines = []
    for k in sorted(sentences):
        line = " ".join(sentences[k])
        line = re.sub(r" ([,.;:?!%)]|'s|n't|'re|'ve|'ll|'d|'m)(?=\s|$)", r"\1", line)
        line = re.sub(r"(``|'') ?", '"', line).replace("( ", "(")
        lines.append(line)
    return "\n".join(lines)


def _ecbplus(root: Path) -> list[tuple[str, str]]:
    import gzip

    out = []
    for p in sorted((root / "ecbplus" / "xml").glob("*/*.xml.gz")):
        text = _ecb_text(gzip.decompress(p.read_bytes()).decode("utf-8"))
        if text.strip():
            out.append((f"ecbplus:{p.name.removesuffix('.xml.gz')}", text))
    return out


def _aeb(root: Path) -> list[tuple[str, str]]:
    import json

    data = json.loads((root / "scrapinghub_aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return [(f"aeb:{k}", v["articleBody"]) for k, v in sorted(data.items()) if v.get("articleBody")]


def extra_training_documents(root: Path | None = None) -> list[tuple[str, str]]:
    """More cased news for restoration training, disjoint from the held-out PolNeAR dev / FNC-1 bodies:
    BASIL articles, ECB+ documents (rebuilt from tokens) and the AEB ground-truth bodies."""
    root = root or eval_root()
    out: list[tuple[str, str]] = []
    for loader, folder in ((_basil, "basil"), (_ecbplus, "ecbplus"), (_aeb, "scrapinghub_aeb")):
        if (root / folder).is_dir():
            out.extend(loader(root))
    return out
