"""A made-up story (fictional town, outlets and people) written straight into a store with the model
types, so the brief and the web UI can be tested before the analysis stages land; and a hostile
corpus whose every field carries script payloads, for the safety tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storyline.model import (
    Actor,
    AlignedPassage,
    Article,
    Conflict,
    ConflictKind,
    CueClass,
    Drift,
    DriftKind,
    Evidence,
    Position,
    Proposition,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Relation,
    Removal,
    Span,
    SpeakerType,
    Stance,
    Story,
    TimelineEvent,
    article_id,
    stable_id,
)
from storyline.store import SqliteStore, Store

LEDGER_TEXT = (
    "PORT MERIDIAN — The Harbor Bridge will stay closed to all traffic after inspectors found cracks "
    "in two of its steel supports, city officials said on Tuesday.\n\n"
    'Mayor Ilsa Varga said the bridge would reopen by March 20. "We will have it open by March 20, '
    'and not a day later," Varga said at a news conference.\n\n'
    'A city engineer who asked not to be named disputed that timeline. "There is no way this '
    'reopens before May," the engineer said.\n\n'
    "The bridge carries about 40,000 vehicles a day across the Meridian River."
)
LANTERN_TEXT = (
    "PORT MERIDIAN — The Harbor Bridge will stay closed to all traffic after inspectors found cracks "
    "in two of its steel supports, city officials said on Tuesday.\n\n"
    'Mayor Ilsa Varga said the bridge would reopen by March 20. "We will have it open by March 20, '
    'and not a day later," Varga said at a news conference.\n\n'
    "This story was first published by the Meridian Ledger."
)
DIGEST_TEXT = (
    "In brief: commuters face weeks of detours. According to the Meridian Ledger, Mayor Ilsa Varga "
    "promised the Harbor Bridge would reopen by March 20, while a city engineer said it would not "
    "reopen before May."
)
NORTHERN_TEXT = (
    "Ferry operators in Port Meridian are adding sailings as the closed Harbor Bridge pushes "
    "commuters onto the water.\n\n"
    'Tomas Brandt, a spokesman for the Meridian Transit Authority, said repairs could take "several '
    'weeks, depending on the steel deliveries." He stressed that safety came first.\n\n'
    "Inspectors first reported the cracks on February 27, Brandt said."
)
WIRE_COPY_TEXT = (
    "The Harbor Bridge in Port Meridian was closed on March 3 after inspectors found cracked steel "
    "supports, Coastal Wire reported. Repairs are expected to take weeks."
)
GULL_TEXT = (
    "The Harbor Bridge in Port Meridian was closed on March 3 after inspectors found cracked steel "
    "supports, Coastal Wire reported. Repairs are expected to take weeks. Local shops expect fewer "
    "customers."
)


def span_of(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(start=i, end=i + len(needle))


def _article(url: str, outlet: str, title: str, text: str, day: int, **extra: object) -> Article:
    return Article(
        id=article_id(url, text),
        version=stable_id("v", text),
        source=url,
        raw=text,
        url=url,
        outlet=outlet,
        title=title,
        text=text,
        published=datetime(2031, 3, day, 9, 0, tzinfo=UTC),
        **extra,
    )  # type: ignore[arg-type]


def _quote(
    a: Article,
    speaker: str,
    actor: str,
    cue: str,
    content: str,
    cue_class: CueClass,
    speaker_type: SpeakerType,
    kind: QuoteKind = QuoteKind.DIRECT,
) -> Quote:
    span = span_of(a.text, content)
    return Quote(
        id=stable_id("q", a.id, str(span.start)),
        article_id=a.id,
        speaker=speaker,
        actor=actor,
        cue=cue,
        kind=kind,
        content=span,
        content_text=content,
        cue_class=cue_class,
        speaker_type=speaker_type,
    )


def _evidence(a: Article, text: str) -> Evidence:
    return Evidence(
        article_id=a.id, text=text, span=span_of(a.text, text), outlet=a.outlet, said_at=a.published
    )


@dataclass
class StoryFixture:
    path: Path
    story_id: str
    articles: dict[str, Article] = field(default_factory=dict)  # by short name
    quotes: list[Quote] = field(default_factory=list)


def fill_bridge_story(store: Store) -> tuple[str, dict[str, Article], list[Quote]]:
    """Write the Harbor Bridge story into ``store``; return its id, articles and quotes."""
    arts = {
        "ledger": _article(
            "https://meridian-ledger.example/bridge-closed",
            "Meridian Ledger",
            "Harbor Bridge closed after inspectors find cracks",
            LEDGER_TEXT,
            4,
            byline="By Ada Quill",
            credits=(),
            removed=(
                Removal(
                    text="Sign up for the Ledger Morning newsletter",
                    reason="newsletter-prompt",
                    detail="a subscription prompt",
                ),
            ),
        ),
        "lantern": _article(
            "https://daily-lantern.example/news/harbor-bridge",
            "Daily Lantern",
            "Harbor Bridge closed after inspectors find cracks",
            LANTERN_TEXT,
            4,
            credits=("Meridian Ledger",),
        ),
        "digest": _article(
            "https://valley-digest.example/brief/0305",
            "Valley Digest",
            "Morning brief: bridge detours",
            DIGEST_TEXT,
            5,
        ),
        "northern": _article(
            "https://northern-post.example/ferries-busy",
            "Northern Post",
            "Ferries fill up as bridge stays shut",
            NORTHERN_TEXT,
            5,
        ),
        "harbor": _article(
            "https://harbor-times.example/bridge",
            "Harbor Times",
            "Bridge closed for repairs",
            WIRE_COPY_TEXT,
            3,
            credits=("Coastal Wire",),
        ),
        "gull": _article(
            "https://gull-gazette.example/bridge",
            "Gull Gazette",
            "Cracked supports close Harbor Bridge",
            GULL_TEXT,
            4,
            credits=("Coastal Wire",),
        ),
    }
    for a in arts.values():
        store.put_article(a)
    L, N = arts["ledger"], arts["northern"]
    quotes = [
        _quote(
            L,
            "Varga",
            "Ilsa Varga",
            "said",
            "We will have it open by March 20, and not a day later",
            CueClass.NEUTRAL,
            SpeakerType.PERSON,
        ),
        _quote(
            L,
            "the engineer",
            "a city engineer",
            "disputed",
            "There is no way this reopens before May",
            CueClass.DENYING,
            SpeakerType.ANONYMOUS,
        ),
        _quote(
            arts["lantern"],
            "Varga",
            "Ilsa Varga",
            "said",
            "We will have it open by March 20, and not a day later",
            CueClass.NEUTRAL,
            SpeakerType.PERSON,
        ),
        _quote(
            N,
            "Tomas Brandt",
            "Tomas Brandt",
            "said",
            "several weeks, depending on the steel deliveries.",
            CueClass.NEUTRAL,
            SpeakerType.PERSON,
            QuoteKind.MIXED,
        ),
        _quote(
            N,
            "He",
            "Tomas Brandt",
            "stressed",
            "that safety came first",
            CueClass.EMPHATIC,
            SpeakerType.PERSON,
            QuoteKind.INDIRECT,
        ),
    ]
    for a in arts.values():
        store.put_quotes(a.id, [q for q in quotes if q.article_id == a.id])
    lead = "The Harbor Bridge will stay closed to all traffic after inspectors found cracks"
    varga = '"We will have it open by March 20, and not a day later," Varga said'
    edges = [
        ProvenanceEdge(
            derived_id=arts["lantern"].id,
            origin_id=L.id,
            relation=Relation.REPUBLICATION,
            score=0.93,
            reason="2 of 3 paragraphs verbatim and in order; credits the Meridian Ledger",
            passages=(
                AlignedPassage(derived=span_of(arts["lantern"].text, lead), origin=span_of(L.text, lead)),
                AlignedPassage(derived=span_of(arts["lantern"].text, varga), origin=span_of(L.text, varga)),
            ),
            drift=(
                Drift(
                    kind=DriftKind.DROPPED,
                    origin_text="A city engineer who asked not to be named disputed that timeline.",
                    note="the dissenting engineer was cut",
                ),
            ),
        ),
        ProvenanceEdge(
            derived_id=arts["digest"].id,
            origin_id=L.id,
            relation=Relation.DIGEST,
            score=0.61,
            reason="retells the Ledger's two quotes with a credit and new framing",
            passages=(
                AlignedPassage(
                    derived=span_of(arts["digest"].text, "reopen by March 20"),
                    origin=span_of(L.text, "reopen by March 20"),
                    similarity=0.9,
                ),
            ),
        ),
        ProvenanceEdge(
            derived_id=arts["harbor"].id,
            origin_label="Coastal Wire",
            relation=Relation.REWRITE,
            score=0.55,
            reason="credits Coastal Wire; no wire copy in the corpus",
            passages=(AlignedPassage(derived=span_of(WIRE_COPY_TEXT, "Coastal Wire reported")),),
        ),
        ProvenanceEdge(
            derived_id=arts["gull"].id,
            origin_label="Coastal Wire",
            relation=Relation.REPUBLICATION,
            score=0.9,
            reason="the Coastal Wire text verbatim plus one local sentence",
            passages=(AlignedPassage(derived=span_of(GULL_TEXT, WIRE_COPY_TEXT)),),
        ),
    ]
    store.put_edges(edges)
    ordered = sorted(arts.values(), key=lambda a: (a.published, a.id))  # type: ignore[arg-type, return-value]
    story = Story(
        id=stable_id("s", "harbor-bridge"),
        title="Harbor Bridge closed after inspectors find cracks",
        article_ids=tuple(a.id for a in ordered),
        first_published=ordered[0].published,
        last_published=ordered[-1].published,
    )
    store.put_stories([story])
    store.put_actors(
        story.id,
        [
            Actor(
                id="actor_varga",
                name="Ilsa Varga",
                kind=SpeakerType.PERSON,
                aliases=("Varga", "Mayor Varga"),
                role="mayor",
                affiliation="City of Port Meridian",
            ),
            Actor(
                id="actor_engineer",
                name="a city engineer",
                kind=SpeakerType.ANONYMOUS,
                affiliation="City of Port Meridian",
            ),
            Actor(
                id="actor_brandt",
                name="Tomas Brandt",
                kind=SpeakerType.PERSON,
                role="spokesman",
                affiliation="Meridian Transit Authority",
            ),
        ],
    )
    ev_varga = _evidence(L, "We will have it open by March 20, and not a day later")
    ev_varga2 = _evidence(arts["lantern"], "We will have it open by March 20, and not a day later")
    ev_eng = _evidence(L, "There is no way this reopens before May")
    ev_brandt = _evidence(N, "several weeks, depending on the steel deliveries.")
    store.put_propositions(
        story.id,
        [
            Proposition(
                id=stable_id("p", story.id, "reopen"),
                story_id=story.id,
                text="The Harbor Bridge will reopen by March 20",
                independent_origins=2,
                positions=(
                    Position(
                        actor="Ilsa Varga",
                        stance=Stance.ASSERTS,
                        evidence=(ev_varga, ev_varga2),
                        cue="said",
                        independent_origins=1,
                        outlets=("Meridian Ledger", "Daily Lantern"),
                    ),
                    Position(
                        actor="a city engineer",
                        stance=Stance.DENIES,
                        evidence=(ev_eng,),
                        cue="disputed",
                        independent_origins=1,
                        outlets=("Meridian Ledger",),
                    ),
                    Position(
                        actor="Tomas Brandt",
                        stance=Stance.QUALIFIES,
                        evidence=(ev_brandt,),
                        cue="said",
                        independent_origins=1,
                        outlets=("Northern Post",),
                    ),
                ),
                conflicts=(
                    Conflict(
                        kind=ConflictKind.DATE,
                        a=ev_varga,
                        b=ev_eng,
                        reason="reopening by March 20 against not before May",
                    ),
                ),
            )
        ],
    )
    store.put_timeline(
        story.id,
        [
            TimelineEvent(
                story_id=story.id,
                date="2031-02-27",
                event="Inspectors report cracks in two supports",
                evidence=(_evidence(N, "Inspectors first reported the cracks on February 27"),),
            ),
            TimelineEvent(
                story_id=story.id,
                date="2031-03-03",
                event="Harbor Bridge closed to all traffic",
                evidence=(
                    _evidence(arts["harbor"], "The Harbor Bridge in Port Meridian was closed on March 3"),
                ),
            ),
            TimelineEvent(
                story_id=story.id,
                date="2031-03-20",
                event="Reopening promised by the mayor",
                evidence=(ev_varga,),
            ),
            TimelineEvent(
                story_id=story.id,
                date="2031-05-01",
                end_date="2031-05-31",
                event="Earliest reopening according to a city engineer",
                evidence=(ev_eng,),
            ),
        ],
    )
    return story.id, arts, quotes


def build_bridge_db(path: Path) -> StoryFixture:
    """A SQLite database at ``path`` holding the Harbor Bridge story."""
    store = SqliteStore(path)
    try:
        story_id, arts, quotes = fill_bridge_story(store)
    finally:
        store.close()
    return StoryFixture(path=path, story_id=story_id, articles=arts, quotes=quotes)


# --------------------------------------------------------------------------- hostile input

PAYLOADS = (
    "<script>window.__pwned = 'script';alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "<svg onload=\"window.__pwned='svg'\"><a href=\"javascript:window.__pwned='href'\">click</a>",
    "\"><script>window.__pwned='attr'</script><div x=\"",
    "</textarea></title></style><iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<a href='javascript:alert(1)'>unclosed <b><i>malformed <!-- comment",
    "{{ 7*7 }} {% raw %} ${7*7}",
)
JS_URL = "javascript:window.__pwned='url';alert('url')"


def fill_hostile_story(store: Store) -> tuple[str, list[Article]]:
    """Articles whose title, text, outlet, URL, byline, removals and quotes carry script payloads."""
    arts: list[Article] = []
    for i, payload in enumerate(PAYLOADS):
        text = (
            f"Hostile article {i} opens with a plain sentence about the fictional Cobalt Fair. "
            f'It then carries {payload} inside its text. "{payload} quoted" said the organizer.'
        )
        url = JS_URL if i % 2 == 0 else f'https://hostile.example/{i}?q="><script>window.__pwned=1</script>'
        a = Article(
            id=f"a_hostile{i:02d}",
            version=f"v{i}",
            source=f"hostile-{i}{payload}",
            raw=text,
            url=url,
            outlet=f"Outlet {payload}",
            title=f"Cobalt Fair {i} {payload}",
            text=text,
            byline=payload,
            dek=payload,
            credits=(payload,),
            dateline=payload,
            removed=(Removal(text=payload, reason="sidebar", detail=payload),),
            published=datetime(2031, 6, 1 + i, tzinfo=UTC),
        )
        store.put_article(a)
        content = f"{payload} quoted"
        span = span_of(text, content)
        store.put_quotes(
            a.id,
            [
                Quote(
                    id=f"q_hostile{i}",
                    article_id=a.id,
                    speaker=payload,
                    actor=f"Organizer {payload}",
                    cue=payload,
                    kind=QuoteKind.DIRECT,
                    content=span,
                    content_text=content,
                )
            ],
        )
        arts.append(a)
    story = Story(
        id="s_hostile",
        title=f"Cobalt Fair {PAYLOADS[0]}",
        article_ids=tuple(a.id for a in arts),
        first_published=arts[0].published,
        last_published=arts[-1].published,
    )
    store.put_stories([story])
    ev = Evidence(article_id=arts[0].id, text=PAYLOADS[1], span=Span(start=0, end=10), outlet=PAYLOADS[2])
    store.put_propositions(
        story.id,
        [
            Proposition(
                id="p_hostile",
                story_id=story.id,
                text=PAYLOADS[3],
                positions=(
                    Position(
                        actor=PAYLOADS[4],
                        stance=Stance.ASSERTS,
                        evidence=(ev,),
                        cue=PAYLOADS[5],
                        outlets=(PAYLOADS[0],),
                    ),
                    Position(actor="Organizer", stance=Stance.DENIES, evidence=(ev,)),
                ),
                conflicts=(Conflict(kind=ConflictKind.ENTITY, a=ev, b=ev, reason=PAYLOADS[6]),),
            )
        ],
    )
    store.put_timeline(
        story.id, [TimelineEvent(story_id=story.id, date="2031-06-01", event=PAYLOADS[0], evidence=(ev,))]
    )
    store.put_edges(
        [
            ProvenanceEdge(
                derived_id=arts[1].id,
                origin_id=arts[0].id,
                relation=Relation.REWRITE,
                score=0.5,
                reason=PAYLOADS[1],
                passages=(AlignedPassage(derived=Span(start=0, end=20)),),
            ),
            ProvenanceEdge(
                derived_id=arts[2].id,
                origin_label=PAYLOADS[2],
                relation=Relation.DIGEST,
                score=0.5,
                reason=PAYLOADS[0],
            ),
        ]
    )
    store.put_actors(
        story.id,
        [Actor(id="actor_h", name=f"Organizer {PAYLOADS[0]}", role=PAYLOADS[1], affiliation=PAYLOADS[2])],
    )
    return story.id, arts
