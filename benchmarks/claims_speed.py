"""Speed and grouping quality of ``build_disputes`` on generated stories of growing size.

    python benchmarks/claims_speed.py [--sizes 25,50,100,200] [--seed 0] [--attribution] [--no-model]

Generates one fictional story per size (seeded): a wire report, its republications and digests, and
independent reports; a dozen named actors make claims about a pool of propositions that share
subjects and topic words (so "same actor, same topic" is not enough to be the same claim), each
claim written in several phrasings and with asserting, denying and narrowing versions. The quotes
come from the generator (exact spans), or with ``--attribution`` from
:func:`storyline.attribution.extract_quotes` (slower to prepare; closer to the pipeline).

Prints, per size: articles, statements (quoted + own voice), CPU seconds of ``build_disputes``,
statements/s and ms per article, the number of candidate pairs scored (which should grow about
linearly), and pairwise precision / recall / F1 of the grouping against the generated propositions
(quoted statements only; a statement counts as grouped when it lands in a kept proposition).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.model import (  # noqa: E402
    Article,
    CueClass,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Relation,
    Span,
    SpeakerType,
    Story,
    stable_id,
)

_ONSETS = ["b", "br", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "n", "r", "l", "s", "nd", "rk"]
_OBJECTS = [
    "sanctions",
    "tariffs",
    "quotas",
    "subsidies",
    "inspections",
    "export licences",
    "fishing permits",
    "customs duties",
    "travel bans",
    "asset freezes",
    "import levies",
    "grain reserves",
]
_PREDICATES = [
    ("lifted", "lifting"),
    ("suspended", "suspension"),
    ("cut", "cutting"),
    ("doubled", "doubling"),
    ("scrapped", "scrapping"),
    ("extended", "extension"),
]
_WANT = ["wanted", "demanded", "asked for", "sought", "insisted on having"]
_FILLER_TEXT = (
    "the delegations met again in the afternoon while reporters waited outside the hotel and aides "
    "carried boxes of documents between the two buildings under a light rain that kept falling as "
    "the motorcade left for the airport and observers compared notes on what had been agreed so far"
)
_FILLER = _FILLER_TEXT.split()
_OUTLETS = [
    "Harbour Ledger",
    "Northern Courier",
    "Valley Times",
    "Daily Meridian",
    "Coastal Post",
    "Metro Herald",
    "Evening Star",
    "Plains Gazette",
    "Capital Review",
    "Island Chronicle",
]
_TITLES = ["minister", "spokesperson", "senior official", "negotiator", "ambassador", "analyst"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    ).capitalize()


class _Prop:
    """One proposition: who wants what done to which thing, with its number and year."""

    def __init__(self, rng: random.Random, subjects: list[str], key: int) -> None:
        self.key = key
        self.subject = rng.choice(subjects)
        self.obj = rng.choice(_OBJECTS)
        self.pred, self.noun = rng.choice(_PREDICATES)
        self.number = rng.randrange(3, 60)
        self.year = rng.randrange(2009, 2020)
        self.place = _word(rng, 3)

    def phrase(self, rng: random.Random, stance: str) -> str:
        s, o, p, n, y = self.subject, self.obj, self.pred, self.number, self.year
        w = rng.choice(_WANT)
        if stance == "asserts":
            return rng.choice(
                [
                    f"{s} {w} all {o} on {self.place} {p}",
                    f"{s} {w} every one of the {n} {o} on {self.place} {p} in their entirety",
                    f"the talks failed because {s} {w} the {n} {o} on {self.place} {p} in full",
                    f"{s} made the {self.noun} of all {o} on {self.place} a condition",
                ]
            )
        if stance == "denies":
            return rng.choice(
                [
                    f"{s} never {rng.choice(['asked for', 'wanted'])} all {o} on {self.place} {p}",
                    f"{s} sought only partial {self.noun} of the {o} on {self.place}",
                    f"it was not all of the {o} on {self.place} that {s} wanted {p}",
                ]
            )
        return rng.choice(  # qualifies
            [
                f"the {o} on {self.place} at issue were only the {n} adopted since {y}",
                f"{s} {w} a large package of {o} on {self.place} {p}, those imposed since {y}",
            ]
        )


def generate_story(
    n_articles: int, seed: int = 0, n_props: int | None = None
) -> tuple[Story, list[Article], list[Quote], list[ProvenanceEdge], dict[str, int]]:
    """A story of ``n_articles``: articles, their quotes (exact spans), provenance edges, and the
    generated proposition of each quote (``{quote id: proposition key}``)."""
    rng = random.Random(seed)
    subjects = [_word(rng, 2) for _ in range(4)] + [f"the {_word(rng, 2)} Authority" for _ in range(3)]
    actors = [(f"{_word(rng, 2)} {_word(rng, 3)}", rng.choice(_TITLES)) for _ in range(12)]
    props = [_Prop(rng, subjects, k) for k in range(n_props or 8 + n_articles // 4)]
    holders = {
        p.key: [(a, rng.choice(["asserts", "asserts", "denies", "qualifies"])) for a in rng.sample(actors, 3)]
        for p in props
    }
    t0 = datetime(2024, 5, 2, 8, tzinfo=UTC)
    articles: list[Article] = []
    quotes: list[Quote] = []
    edges: list[ProvenanceEdge] = []
    truth: dict[str, int] = {}
    wire: tuple[str, list[tuple[str, tuple[str, str, int, str] | None]]] | None = None
    for i in range(n_articles):
        aid = f"a{i:05d}"
        published = t0 + timedelta(hours=3 * i)
        kind = "wire" if i % 25 == 0 else rng.choice(["repub", "digest", "own", "own"])
        if kind == "wire" or wire is None:
            kind = "wire"
            outlet = "Wire Service"
            parts = _fresh_parts(rng, props, holders)
            wire = (aid, parts)
        elif kind == "repub":
            outlet, parts = rng.choice(_OUTLETS), list(wire[1])
            edges.append(
                ProvenanceEdge(
                    derived_id=aid, relation=Relation.REPUBLICATION, score=0.9, reason="verbatim", origin_id=wire[0]
                )
            )
        elif kind == "digest":
            outlet = rng.choice(_OUTLETS)
            parts = [("The wire service reports that the talks ended without a deal.", None)]
            parts += [p for p in wire[1] if p[1] is not None][: rng.randint(2, 4)]
            edges.append(
                ProvenanceEdge(
                    derived_id=aid, relation=Relation.DIGEST, score=0.6, reason="credits the wire", origin_id=wire[0]
                )
            )
        else:
            outlet, parts = rng.choice(_OUTLETS), _fresh_parts(rng, props, holders)
        text, spans = "", []
        for sentence, quote in parts:
            if text:
                text += " "
            if quote is not None:
                spans.append((len(text) + sentence.index(quote[0]), quote))
            text += sentence
        articles.append(
            Article(
                id=aid,
                version="1",
                source=f"{aid}.txt",
                raw=text,
                text=text,
                outlet=outlet,
                published=published,
                title="Talks collapse",
            )
        )
        for start, (content, actor, key, cue) in spans:
            q = Quote(
                id=stable_id("q", aid, str(start)),
                article_id=aid,
                speaker=actor,
                actor=actor,
                cue=cue,
                kind=QuoteKind.INDIRECT,
                content=Span(start=start, end=start + len(content)),
                content_text=content,
                cue_class=_CUE_CLASS[cue],
                speaker_type=SpeakerType.PERSON,
            )
            quotes.append(q)
            truth[q.id] = key
    story = Story(id="s_generated", title="Talks collapse", article_ids=tuple(a.id for a in articles))
    return story, articles, quotes, edges, truth


_CUE_CLASS = {
    "said": CueClass.NEUTRAL,
    "told reporters": CueClass.NEUTRAL,
    "insisted": CueClass.EMPHATIC,
    "claimed": CueClass.DOUBTING,
    "acknowledged": CueClass.CONCEDING,
    "denied": CueClass.DENYING,
}


def _fresh_parts(
    rng: random.Random, props: list[_Prop], holders: dict[int, list[tuple[tuple[str, str], str]]]
) -> list[tuple[str, tuple[str, str, int, str] | None]]:
    parts: list[tuple[str, tuple[str, str, int, str] | None]] = []
    for _ in range(rng.randint(8, 14)):
        p = rng.choice(props)
        (name, title), stance = rng.choice(holders[p.key])
        content = p.phrase(rng, stance)
        cue = rng.choice(["said", "said", "told reporters", "insisted", "claimed"])
        if stance == "qualifies" and rng.random() < 0.5:
            cue = "acknowledged"
        sentence = (
            f"{name}, the {title}, {cue} that {content}."
            if rng.random() < 0.6
            else f"{content[0].upper()}{content[1:]}, {name} {cue}."
        )
        parts.append(
            (sentence, (content if sentence.startswith(name) else content[0].upper() + content[1:], name, p.key, cue))
        )
        for _ in range(rng.randint(1, 3)):
            words = rng.sample(_FILLER, rng.randrange(8, 18))
            parts.append((" ".join(words).capitalize() + ".", None))
    return parts


def _pairwise(groups: list[list[int]], labels: list[int]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``groups`` (lists of statement indexes) against ``labels``."""
    same_pred = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    hits = 0
    for g in groups:
        counts = Counter(labels[i] for i in g)
        hits += sum(c * (c - 1) // 2 for c in counts.values())
    same_true = sum(c * (c - 1) // 2 for c in Counter(labels).values())
    p = hits / same_pred if same_pred else 1.0
    r = hits / same_true if same_true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def grouping_quality(propositions, quotes: list[Quote], truth: dict[str, int]) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Pairwise P/R/F1 of the quoted statements the propositions hold (evidence spans -> quotes)."""
    index = {(q.article_id, q.content.start): k for k, q in enumerate(quotes)}
    labels = [truth[q.id] for q in quotes]
    groups = []
    for prop in propositions:
        members = {
            index[(e.article_id, e.span.start)]
            for pos in prop.positions
            for e in pos.evidence
            if (e.article_id, e.span.start) in index
        }
        groups.append(sorted(members))
    return _pairwise(groups, labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--props", type=int, default=None, help="propositions per story (default 8 + n/4)")
    parser.add_argument("--attribution", action="store_true", help="quotes from extract_quotes")
    parser.add_argument("--no-model", action="store_true", help="without the stance model")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = parser.parse_args()

    from storyline.claims import build_disputes
    from storyline.claims.disputes import shipped_stance_model

    shipped_stance_model()  # load once, outside the timings
    sizes = [int(x) for x in args.sizes.split(",")]
    print(
        f"{'articles':>8} {'quotes':>7} {'cpu_s':>7} {'ms/art':>7} {'stmt/s':>8} {'props':>6} "
        f"{'P':>5} {'R':>5} {'F1':>5}"
    )
    for size in sizes:
        story, articles, quotes, edges, truth = generate_story(size, args.seed, args.props)
        if args.attribution:
            from storyline.attribution import extract_quotes

            quotes = [q for a in articles for q in extract_quotes(a)]
        n_statements = len(quotes) + sum(a.text.count(". ") + 1 for a in articles)
        profiler = None
        if args.profile and size == max(sizes):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0 = time.process_time()
        props = build_disputes(story, articles, quotes, edges, use_stance_model=not args.no_model)
        cpu = time.process_time() - t0
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        if args.attribution:
            quality = "  (no truth for extracted quotes)"
        else:
            p, r, f = grouping_quality(props, quotes, truth)
            quality = f" {p:5.2f} {r:5.2f} {f:5.2f}"
        print(
            f"{size:8d} {len(quotes):7d} {cpu:7.2f} {1000 * cpu / size:7.1f} "
            f"{n_statements / max(cpu, 1e-9):8.0f} {len(props):6d}{quality}",
            flush=True,
        )


if __name__ == "__main__":
    main()
