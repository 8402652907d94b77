"""A seeded generator of labelled provenance cases, built from real article bodies.

No public labelled set tells republications from digests from independent reports, so the
benchmark and the quality gate build one from cased news bodies (FNC-1, PolNeAR, read from the
eval folder at run time; nothing is copied into the repository):

- **republication** of an in-corpus origin: cut at both ends (mid-word), a "top stories" sidebar
  from other bodies pasted inside, some lowercased and stripped of punctuation (like a scraped
  copy), some with a wire dateline when the origin is a wire story;
- **digest**: a few sentences and quotes of the origin, reordered, with a credit line ("The
  Associated Press reports", "according to …") and the digest's own framing sentences taken from
  bodies that are not in the corpus;
- **external** cases: a republication with a wire dateline and a digest crediting the wire, of an
  origin left *out* of the corpus (the pair shares one external origin);
- **hard negatives**: other real bodies on the same topic (FNC-1 bodies attached to the same claim),
  which must not be linked.

Same seed, same corpus.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scipy.cluster.hierarchy import DisjointSet

from storyline.model import Article, Relation

WIRE_NAMES = {"AP": "The Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse"}
OUTLETS = (
    "Daily Ledger",
    "Morning Courier",
    "Evening Standard Post",
    "City Gazette",
    "Metro Tribune",
    "Northern Herald",
    "Coastal Times",
    "Valley Observer",
)
DATELINE_CITIES = ("WASHINGTON", "NEW YORK", "LONDON", "PARIS", "HANOI, Vietnam", "BEIRUT", "TOKYO")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")
_QUOTE = re.compile(r"[\"“][^\"“”]{15,}[\"”]")
_T0 = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class GoldEdge:
    derived_id: str
    relation: Relation
    origin_id: str | None  # None: external
    origin_label: str | None = None


@dataclass
class SyntheticCorpus:
    articles: list[Article] = field(default_factory=list)
    gold: list[GoldEdge] = field(default_factory=list)
    negative_pairs: list[tuple[str, str]] = field(default_factory=list)  # independent, same topic
    quote_pairs: list[tuple[str, str]] = field(default_factory=list)  # independent, one shared quote
    external_groups: list[tuple[str, ...]] = field(default_factory=list)  # derive from one hidden origin


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def strip_text(text: str) -> str:
    """Lowercase and strip punctuation, as some scrapers do (``North Korea's`` -> ``north korea s``)."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def read_fnc1(eval_dir: Path) -> tuple[dict[str, str], list[set[str]]]:
    """FNC-1 bodies by id, and topics: sets of body ids attached to the same claim."""
    folder = eval_dir / "fnc1"
    with open(folder / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    topics: DisjointSet[str] = DisjointSet()
    with open(folder / "train_stances.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Stance"] != "unrelated":
                headline = "h:" + r["Headline"]
                topics.add(headline)
                topics.add(r["Body ID"])
                topics.merge(headline, r["Body ID"])
    groups: dict[str, set[str]] = {}
    for node in topics:
        if not node.startswith("h:"):
            groups.setdefault(topics[node], set()).add(node)
    return bodies, [g for g in groups.values() if len(g) >= 2]


def read_polnear(eval_dir: Path) -> dict[str, str]:
    texts = {}
    for path in sorted((eval_dir / "polnear").glob("*/text/*.txt")):
        texts["polnear:" + path.stem] = path.read_text(encoding="utf-8")
    return texts


def _article(
    aid: str,
    text: str,
    outlet: str | None,
    published: datetime | None,
    stripped: bool = False,
    credits: tuple[str, ...] = (),
) -> Article:
    return Article(
        id=aid,
        version=aid,
        source=f"synthetic:{aid}",
        raw=text,
        text=text,
        outlet=outlet,
        published=published,
        normalized_input=stripped,
        credits=credits,
    )


class CaseGenerator:
    """Makes derived copies of origin texts; ``filler`` bodies provide sidebars and framing."""

    def __init__(self, rng: random.Random, filler: list[str]) -> None:
        self.rng = rng
        self.filler_sentences = [s for body in filler for s in sentences(body) if 6 <= len(s.split()) <= 40]
        rng.shuffle(self.filler_sentences)

    def take(self, k: int) -> list[str]:
        """``k`` filler sentences never handed out before (copies must not share framing by chance)."""
        if len(self.filler_sentences) < k:
            raise ValueError("not enough filler text for this corpus size")
        out, self.filler_sentences = self.filler_sentences[-k:], self.filler_sentences[:-k]
        return out

    def sidebar(self) -> str:
        heads = []
        for s in self.take(self.rng.randint(2, 4)):
            words = s.rstrip(".").split()
            heads.append(" ".join(words[: self.rng.randint(6, 12)]))
        return "Top stories " + " ".join(heads)

    def republication(self, origin: str, dateline: str | None) -> tuple[str, bool]:
        n = len(origin)
        start = self.rng.randint(0, int(n * 0.15))
        end = n - self.rng.randint(0, int(n * 0.15))
        body = origin[start:end]
        sents = sentences(body)
        if len(sents) >= 4:
            at = self.rng.randint(1, len(sents) - 2)
            sents.insert(at, self.sidebar())
        text = " ".join(sents)
        if dateline:
            text = f"{dateline} — {text}"
        stripped = self.rng.random() < 0.4
        return (strip_text(text) if stripped else text), stripped

    def digest(self, origin: str, credit_name: str) -> str | None:
        sents = [s for s in sentences(origin) if 8 <= len(s.split()) <= 60]
        if len(sents) < 4:
            return None
        quotes = [s for s in sents if _QUOTE.search(s)]
        k = self.rng.randint(2, 4)
        picked = self.rng.sample(quotes, min(len(quotes), self.rng.randint(1, 2))) if quotes else []
        rest = [s for s in sents if s not in picked]
        picked += self.rng.sample(rest, min(len(rest), max(k - len(picked), 1)))
        self.rng.shuffle(picked)
        credit_forms = (
            lambda s: f"{s} {credit_name} reports.",
            lambda s: f"According to {credit_name}, {s[0].lower() + s[1:]}",
            lambda s: f"{s} {credit_name} said in its report.",
        )
        idx = self.rng.randrange(len(picked))
        picked[idx] = self.rng.choice(credit_forms)(picked[idx])
        framing = self.take(self.rng.randint(3, 6))
        out = framing[:2] + picked
        for s in framing[2:]:
            out.insert(self.rng.randint(2, len(out)), s)
        return " ".join(out)


def generate(
    origins: list[tuple[str, str]],
    filler: list[str],
    topics: Iterable[set[str]] = (),
    bodies: dict[str, str] | None = None,
    seed: int = 0,
    n_republications: int = 200,
    n_digests: int = 200,
    n_external: int = 60,
    max_pairs_per_topic: int = 15,
    n_quote_pairs: int = 0,
) -> SyntheticCorpus:
    """A labelled corpus: origins (and hidden origins) with their copies, plus same-topic bodies."""
    rng = random.Random(seed)
    gen = CaseGenerator(rng, filler)
    corpus = SyntheticCorpus()
    pool = [(oid, text) for oid, text in origins if len(text.split()) >= 150 and len(sentences(text)) >= 6]
    rng.shuffle(pool)
    clock = [0]

    def tick(hours: float = 1.0) -> datetime:
        clock[0] += 1
        return _T0 + timedelta(hours=clock[0] * hours)

    def add_origin(oid: str, text: str) -> Article:
        wire = rng.random() < 0.3
        outlet = rng.choice(list(WIRE_NAMES)) if wire else rng.choice(OUTLETS)
        art = _article(f"o:{oid}", text, outlet, tick())
        corpus.articles.append(art)
        return art

    cursor = 0
    for kind, count in (("rep", n_republications), ("dig", n_digests)):
        made = 0
        while made < count and cursor < len(pool):
            oid, text = pool[cursor]
            cursor += 1
            origin = add_origin(oid, text)
            late = origin.published + timedelta(hours=rng.randint(1, 48)) if origin.published else None
            published = late if rng.random() < 0.7 else None  # some copies carry no date
            outlet = rng.choice([o for o in OUTLETS if o != origin.outlet])
            if kind == "rep":
                dateline = None
                if origin.outlet in WIRE_NAMES and rng.random() < 0.5:
                    dateline = f"{rng.choice(DATELINE_CITIES)} ({origin.outlet})"
                copy, stripped = gen.republication(text, dateline)
                aid = f"rep:{oid}"
                corpus.articles.append(_article(aid, copy, outlet, published, stripped))
                corpus.gold.append(GoldEdge(aid, Relation.REPUBLICATION, origin.id, origin.outlet))
            else:
                name = WIRE_NAMES.get(origin.outlet or "", origin.outlet or "")
                digest = gen.digest(text, name)
                if digest is None:
                    continue
                aid = f"dig:{oid}"
                corpus.articles.append(_article(aid, digest, outlet, published))
                corpus.gold.append(GoldEdge(aid, Relation.DIGEST, origin.id, origin.outlet))
            made += 1

    made = 0
    while made < n_external and cursor < len(pool):
        oid, text = pool[cursor]  # this origin stays out of the corpus
        cursor += 1
        label = rng.choice(list(WIRE_NAMES))
        digest = gen.digest(text, WIRE_NAMES[label])
        if digest is None:
            continue
        copy, stripped = gen.republication(text, f"{rng.choice(DATELINE_CITIES)} ({label})")
        rid, did = f"xrep:{oid}", f"xdig:{oid}"
        corpus.articles.append(_article(rid, copy, rng.choice(OUTLETS), tick(), stripped))
        corpus.articles.append(_article(did, digest, rng.choice(OUTLETS), tick()))
        corpus.gold.append(GoldEdge(rid, Relation.REPUBLICATION, None, label))
        corpus.gold.append(GoldEdge(did, Relation.DIGEST, None, label))
        corpus.external_groups.append((rid, did))
        made += 1

    if bodies is not None:
        used = {oid for oid, _ in pool[:cursor]}  # origins, shown or hidden, are never negatives
        added: set[str] = set()
        for group in topics:
            members = sorted(b for b in group if b in bodies and b not in used)
            pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
            rng.shuffle(pairs)
            for a, b in pairs[:max_pairs_per_topic]:
                for x in (a, b):
                    if x not in added:
                        added.add(x)
                        corpus.articles.append(_article(f"neg:{x}", bodies[x], rng.choice(OUTLETS), tick()))
                corpus.negative_pairs.append((f"neg:{a}", f"neg:{b}"))
        # independent reports quoting the same statement: the hard case for digest detection
        spare = [b for group in topics for b in sorted(group) if b in bodies and b not in used and b not in added]
        rng.shuffle(spare)
        quotes = [q for oid, text in pool[cursor:] for q in sentences(text) if _QUOTE.search(q)]
        rng.shuffle(quotes)
        for k in range(min(n_quote_pairs, len(spare) // 2, len(quotes))):
            a, b = spare[2 * k], spare[2 * k + 1]
            ids = []
            for x in (a, b):
                sents = sentences(bodies[x])
                sents.insert(rng.randint(0, len(sents)), quotes[k])
                ids.append(f"quo:{x}")
                corpus.articles.append(_article(ids[-1], " ".join(sents), rng.choice(OUTLETS), tick()))
            corpus.quote_pairs.append((ids[0], ids[1]))
    rng.shuffle(corpus.articles)
    return corpus


def source_copies(texts: dict[str, str], n: int = 8, threshold: float = 0.2) -> set[tuple[str, str]]:
    """Pairs of texts that already copy each other in the source data: at least ``threshold`` of
    one text's word ``n``-grams occur in the other (exact sets, independent of the detector)."""
    grams: dict[str, set[int]] = {}
    postings: dict[int, list[str]] = {}
    for key, text in texts.items():
        words = strip_text(text).split()
        g = {hash(tuple(words[i : i + n])) for i in range(max(len(words) - n + 1, 0))}
        grams[key] = g
        for h in g:
            postings.setdefault(h, []).append(key)
    shared: dict[tuple[str, str], int] = {}
    for keys in postings.values():
        if 1 < len(keys) <= 50:
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    shared[pair] = shared.get(pair, 0) + 1
    return {(a, b) for (a, b), c in shared.items() if c / max(min(len(grams[a]), len(grams[b])), 1) >= threshold}
