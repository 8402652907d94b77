"""The brief: sentences drawn from the articles with their offsets, sources grouped by origin."""

from __future__ import annotations

import json
import re

import pytest

from storyline.brief import brief_data, render_brief, sentence_spans
from storyline.errors import NotFoundError
from storyline.model import QuoteKind
from storyline.store import MemoryStore
from web_fixtures import fill_bridge_story, fill_hostile_story


@pytest.fixture()
def bridge():  # type: ignore[no-untyped-def]
    store = MemoryStore()
    story_id, arts, _ = fill_bridge_story(store)
    return store, story_id, arts


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two is here. Three!", ["One.", "Two is here.", "Three!"]),
        (
            'Mr. Smith went to Washington. He said "Yes." Then left.',
            ["Mr. Smith went to Washington.", 'He said "Yes."', "Then left."],
        ),
        (
            "  Leading space.\n\nNew paragraph without stop\n\nThird.",
            ["Leading space.", "New paragraph without stop", "Third."],
        ),
        ("It costs 3.5 million. Next.", ["It costs 3.5 million.", "Next."]),
        # a middle initial is no sentence end; a capital letter after a lower-case word can be
        (
            "Donald J. Trump stirred. George H.W. Bush spoke. They chose plan B. Then it rained.",
            ["Donald J. Trump stirred.", "George H.W. Bush spoke.", "They chose plan B.", "Then it rained."],
        ),
        (
            "Two senators did not vote: Sens. Tim Kaine and Bernie Sanders.",
            ["Two senators did not vote: Sens. Tim Kaine and Bernie Sanders."],
        ),
        ("", []),
        ("no boundary at all", ["no boundary at all"]),
    ],
)
def test_sentence_spans_split_and_trim(text: str, sentences: list[str]) -> None:
    assert [s.slice(text) for s in sentence_spans(text)] == sentences


def test_brief_summary_sentences_carry_exact_offsets(bridge) -> None:  # type: ignore[no-untyped-def]
    store, story_id, arts = bridge
    data = brief_data(store, story_id)
    by_id = {a.id: a for a in arts.values()}
    assert 1 <= len(data["summary"]) <= 4
    for s in data["summary"]:
        assert by_id[s["article_id"]].text[s["start"] : s["end"]] == s["text"]
    # the republication never speaks for its origin: leads come from origins (or an external origin's copy)
    assert arts["lantern"].id not in {s["article_id"] for s in data["summary"]}
    for ev in (e for v in data["versions"] for acc in v["accounts"] for e in acc["evidence"]):
        assert by_id[ev["article_id"]].text[ev["start"] : ev["end"]] == ev["text"]


def test_brief_groups_sources_by_independent_origin(bridge) -> None:  # type: ignore[no-untyped-def]
    store, story_id, arts = bridge
    data = brief_data(store, story_id)
    groups = {g["key"]: sorted(c["article_id"] for c in g["copies"]) for g in data["sources"]}
    assert groups == {
        arts["ledger"].id: sorted([arts["lantern"].id, arts["digest"].id]),
        "external:Coastal Wire": sorted([arts["harbor"].id, arts["gull"].id]),
        arts["northern"].id: [],
    }
    assert data["independent_origins"] == 3
    assert data["versions"][0]["contested"] is True
    assert [a["actor"] for a in data["who_said_what"]][0] in {"Ilsa Varga", "Tomas Brandt"}


def test_brief_chains_copies_to_their_root_and_survives_cycles() -> None:
    from storyline.model import ProvenanceEdge, Relation

    store = MemoryStore()
    story_id, arts, _ = fill_bridge_story(store)
    store.put_edges(
        [
            ProvenanceEdge(
                derived_id=arts["northern"].id,
                origin_id=arts["digest"].id,
                relation=Relation.REWRITE,
                score=0.4,
                reason="test chain",
            )
        ]
    )
    data = brief_data(store, story_id)
    ledger = next(g for g in data["sources"] if g["key"] == arts["ledger"].id)
    assert arts["northern"].id in {c["article_id"] for c in ledger["copies"]}
    store.put_edges(
        [
            ProvenanceEdge(
                derived_id=arts["ledger"].id,
                origin_id=arts["northern"].id,
                relation=Relation.REWRITE,
                score=0.3,
                reason="test cycle",
            )
        ]
    )
    assert brief_data(store, story_id)["sources"]  # terminates


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_render_brief_formats(bridge, fmt: str) -> None:  # type: ignore[no-untyped-def]
    store, story_id, _ = bridge
    out = render_brief(store, story_id, fmt)
    if fmt == "json":
        assert json.loads(out)["story"]["id"] == story_id
    elif fmt == "md":
        assert out.startswith("# Harbor Bridge closed") and "## Sources by independent origin" in out
    else:
        assert out.startswith("<!doctype html>") and "<script" not in out


def test_render_brief_escapes_hostile_text() -> None:
    store = MemoryStore()
    story_id, _ = fill_hostile_story(store)
    assert "<script" not in render_brief(store, story_id, "html").lower()
    assert "<script>" not in render_brief(store, story_id, "md")


@pytest.mark.parametrize(
    ("story_id", "fmt", "error"),
    [
        ("s_missing", "md", NotFoundError),
        ("s_missing", "json", NotFoundError),
        ("any", "pdf", ValueError),
    ],
)
def test_render_brief_rejects_bad_arguments(story_id: str, fmt: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        render_brief(MemoryStore(), story_id, fmt)


def test_brief_json_every_sentence_points_into_its_article(bridge) -> None:  # type: ignore[no-untyped-def]
    store, story_id, arts = bridge
    data = json.loads(render_brief(store, story_id, "json"))
    texts = {a.id: a.text for a in arts.values()}
    found = 0

    def walk(node: object) -> None:
        nonlocal found
        if isinstance(node, dict):
            quoted = node.get("text", node.get("content"))
            if "article_id" in node and isinstance(quoted, str):
                assert texts[node["article_id"]][node["start"] : node["end"]] == quoted, node
                found += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k not in ("articles", "provenance", "sources")})
    assert found >= 15  # summary, versions, disputes and conflicts, quotes, timeline evidence


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_cli_brief_prints_each_format(tmp_path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from storyline.cli import app
    from web_fixtures import build_bridge_db

    fx = build_bridge_db(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["--db", str(fx.path), "brief", "--story", fx.story_id, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Harbor Bridge" in result.output
    if fmt == "json":
        assert json.loads(result.output)["story"]["id"] == fx.story_id


def test_brief_ledger_is_laid_out_by_party_and_escaped() -> None:
    """The Markdown ledger shows the parties and their stances; every piece of article text in it
    is escaped (the JSON carries it raw, the HTML page escapes it)."""
    from web_fixtures import PAYLOADS

    store = MemoryStore()
    story_id, _ = fill_hostile_story(store)
    data = brief_data(store, story_id)
    (entry,) = data["ledger"]
    assert [p["stances"] for p in entry["parties"]] == [["asserts"], ["denies"]]
    md = render_brief(store, story_id, "md")
    ledger = md.split("## Dispute ledger", 1)[1].split("## Who said what", 1)[0]
    assert "**Organizer**: denies" in ledger
    assert not re.search(r"(?<!\\)[<>`]", ledger)  # every tag character escaped
    assert "\\<img" in ledger  # the payload is shown, neutralised
    html = render_brief(store, story_id, "html").lower()
    assert all(raw not in html for raw in ("<script", "<img", "<svg onload", "<iframe")) and PAYLOADS
    # the HTML page lays out the same ledger: a party table with each party's stances in order
    table = html.split('<table class="parties">', 1)[1].split("</table>", 1)[0]
    assert "<strong>organizer</strong>" in table and 'stance-denies">denies' in table


@pytest.mark.parametrize(
    ("texts", "lines"),
    [
        (["the quay reopens", "The quay reopens!", "the quay closes"], 2),  # one line per wording
        ([f"statement {i} about the quay" for i in range(12)], 9),  # eight shown, then a count
        ([], 0),
    ],
)
def test_brief_evidence_one_line_per_wording(texts: list[str], lines: int) -> None:
    from storyline.brief.render import _evidence_lines

    evidence = [
        {"text": t, "article_id": f"a_{i}", "start": 0, "end": len(t), "outlet": f"Outlet {i}"}
        for i, t in enumerate(texts)
    ]
    out = _evidence_lines(evidence)
    assert len(out) == lines
    if texts[:2] == ["the quay reopens", "The quay reopens!"]:
        assert "Outlet 0" in out[0] and "Outlet 1" in out[0]


def test_who_said_what_lists_no_stray_actor() -> None:
    """A speaker that names no one ("It", a dateline, a swallowed clause) is not shown as an actor;
    its quote is kept, last, under "speaker not identified", with the speaker as written."""
    from storyline.brief.compose import UNIDENTIFIED, who_said_what
    from storyline.model import Article, Quote, QuoteKind, Span, SpeakerType

    text = "Mara Quist said the quay reopens. It said the quay reopens. Lowport, Tarnland (XP said so."
    article = Article(id="a_w", version="v", source="/in/w.txt", raw=text, text=text)

    def quote(actor: str, kind: SpeakerType, start: int) -> Quote:
        return Quote(
            id=f"q{start}",
            article_id="a_w",
            speaker=actor,
            actor=actor,
            cue="said",
            kind=QuoteKind.INDIRECT,
            content=Span(start=start, end=start + 16),
            content_text=text[start : start + 16],
            speaker_type=kind,
        )

    quotes = [
        quote("Mara Quist", SpeakerType.PERSON, 16),
        quote("It", SpeakerType.UNKNOWN, 42),
        quote("Lowport, Tarnland (XP", SpeakerType.GROUP, 60),
    ]
    out = who_said_what(MemoryStore(), "s", quotes, {"a_w": article})
    assert [r["actor"] for r in out] == ["Mara Quist", UNIDENTIFIED]
    assert len(out[1]["quotes"]) + len(out[1]["fragments"]) == 2  # 3-word contents: fragments
    assert (out[0]["quotes"] + out[0]["fragments"])[0]["outlet"] == "unknown outlet (copy from w.txt)"


@pytest.mark.parametrize(
    ("content", "kind", "statement"),
    [
        ("the quay reopens on Monday", QuoteKind.INDIRECT, True),
        ("reporters", QuoteKind.INDIRECT, False),  # "called: reporters" is no statement
        ("a more conciliatory note", QuoteKind.INDIRECT, True),  # four words: kept (the floor claims uses)
        ("we asked for the surcharges and", QuoteKind.INDIRECT, False),  # cut off mid-clause
        ("No", QuoteKind.DIRECT, True),  # a direct quote is a statement however short
    ],
)
def test_who_said_what_sets_fragments_apart(content: str, kind: QuoteKind, statement: bool) -> None:
    from storyline.brief.compose import who_said_what
    from storyline.model import Article, Quote, Span, SpeakerType

    text = f"Mara Quist said {content}."
    article = Article(id="a_f", version="v", source="/in/f.txt", raw=text, text=text, outlet="Quay Post")
    quote = Quote(
        id="q1",
        article_id="a_f",
        speaker="Mara Quist",
        actor="Mara Quist",
        cue="said",
        kind=kind,
        content=Span(start=16, end=16 + len(content)),
        content_text=content,
        speaker_type=SpeakerType.PERSON,
    )
    (row,) = who_said_what(MemoryStore(), "s", [quote], {"a_f": article})
    assert [q["content"] for q in row["quotes"]] == ([content] if statement else [])
    assert [q["content"] for q in row["fragments"]] == ([] if statement else [content])


def test_versions_count_origins_over_all_their_backers() -> None:
    from storyline.brief.compose import versions_of
    from storyline.model import Evidence, Position, Proposition, ProvenanceEdge, Relation, Span, Stance

    def pos(actor: str, *articles: str) -> Position:
        return Position(
            actor=actor,
            stance=Stance.DENIES,
            evidence=tuple(Evidence(article_id=a, text="x", span=Span(start=0, end=1)) for a in articles),
        )

    prop = Proposition(
        id="p", story_id="s", text="t", positions=(pos("Vask", "wire", "copy"), pos("Okafor", "gazette"))
    )
    copy = ProvenanceEdge(
        derived_id="copy", origin_id="wire", relation=Relation.REPUBLICATION, score=0.9, reason="copy"
    )
    (version,) = versions_of([prop], [copy])
    # two backers in three articles: the wire and its copy are one origin, the gazette another
    assert version["accounts"][0]["independent_origins"] == 2


def test_markdown_counts_one_independent_origin_in_the_singular() -> None:
    from storyline.brief.render import _origins

    assert _origins(1) == "1 independent origin"
    assert _origins(4) == "4 independent origins"


def test_markdown_says_when_no_publication_date_is_known() -> None:
    from storyline.brief.render import _period

    assert _period(None, None) == "publication dates unknown"
    assert _period("2025-03-13", "2025-03-13") == "2025-03-13"
    assert _period("2025-03-13", "2025-03-24") == "2025-03-13 to 2025-03-24"
    # the Markdown brief gives days; times stay in the records
    assert _period("2025-03-13T00:00:00+00:00", "2025-03-24T00:00:00+00:00") == "2025-03-13 to 2025-03-24"
    assert _period("2025-03-13T07:30:00+01:00", "2025-03-13T11:05:00+00:00") == "2025-03-13"


def test_a_number_conflict_read_either_way_is_shown_once() -> None:
    """'412,000,000 vs 500,000,000' and '500,000,000 vs 412,000,000' are one conflict to a reader;
    another figure is another."""
    from storyline.brief.compose import _conflict_key
    from storyline.model import Conflict, ConflictKind, Evidence, Span

    ev = Evidence(article_id="a", text="t", span=Span(start=0, end=1))

    def number(reason: str) -> Conflict:
        return Conflict(kind=ConflictKind.NUMBER, a=ev, b=ev, reason=reason)

    keys = {
        _conflict_key(number(r))
        for r in ("number: 412,000,000 vs 500,000,000 veldor", "number: 500,000,000 vs 412,000,000 veldor")
    }
    assert len(keys) == 1
    assert _conflict_key(number("number: 400,000,000 vs 500,000,000 veldor")) not in keys


def test_a_restored_scrape_gives_only_its_lead_beside_a_cased_article() -> None:
    """What happened: past its lead, a scrape whose sentences a model restored (seed 001's second
    'sentence' ran two together) speaks only when no article kept its own punctuation."""
    from storyline.brief.compose import summarize
    from storyline.model import Article

    def art(aid: str, text: str, restored: bool) -> Article:
        return Article(id=aid, version="v", source=aid, raw=text, text=text, normalized_input=restored)

    scrape = art(
        "a_s",
        "The summit ended early without any agreement on sanctions at all. "
        "A claim that the delegation met so who is right.",
        True,
    )
    cased = art(
        "a_c",
        "The talks collapsed over the question of sanctions relief for the north. Analysts were left "
        "scratching their heads over the tweet. Nobody could say what the order meant for the talks.",
        False,
    )
    sources = [{"origin": {"article_id": a.id}, "copies": []} for a in (scrape, cased)]
    texts = [r["text"] for r in summarize({a.id: a for a in (scrape, cased)}, sources, [])]
    assert texts[0].startswith("The summit ended early")
    assert not any(t.startswith("A claim") for t in texts)
    alone = [r["text"] for r in summarize({scrape.id: scrape}, sources[:1], [])]
    assert any(t.startswith("A claim") for t in alone)  # with nothing better, it is still heard


@pytest.mark.parametrize(
    ("dateline", "text", "said"),
    [
        ("PORT ALDER, Veldora", "PORT ALDER, Veldora (CP) — Hollis walked out of the talks.", "Hollis walked out"),
        ("SORREL", "SORREL — For two weeks the government insisted.", "For two weeks"),
        # a scrape's dateline as cleaning read it, the restored text with its marks back
        ("Hanoi Vietnam", "Hanoi, Vietnam (AP) — Trump said he walked away.", "Trump said"),
        (None, "PORT ALDER — Hollis walked out of the talks.", "PORT ALDER"),  # no dateline known: kept
    ],
)
def test_what_happened_leaves_out_the_dateline(dateline: str | None, text: str, said: str) -> None:
    """The brief names each line's source; 'PORT ALDER, Veldora (CP) — Veldoran Prime Minister ...'
    opened the demo's 'What happened'. The offsets still point at the words shown."""
    from storyline.brief.compose import _without_dateline
    from storyline.model import Article, Span

    article = Article(id="a", version="v", source="s", raw=text, text=text, dateline=dateline)
    span = _without_dateline(article, Span(start=0, end=len(text)))
    assert span.slice(text).startswith(said) and span.end == len(text)


def test_an_agentless_passive_reads_in_its_own_order() -> None:
    """'The base tonnage levy is not mentioned' has no speaker and its content comes before the
    cue: the brief shows it in that order, not as '(no speaker) is not mentioned: ...'."""
    from storyline.brief.compose import UNIDENTIFIED, who_said_what
    from storyline.brief.render import render_markdown
    from storyline.model import Article, Quote, QuoteKind, Span, SpeakerType

    text = "The base tonnage levy is not mentioned in the document. Mara Quist said the quay reopens on Monday."
    at = text.index("the quay")
    article = Article(id="a_p", version="v", source="/in/p.txt", raw=text, text=text, outlet="Quay Post")
    passive = Quote(
        id="q1",
        article_id="a_p",
        speaker="",
        actor="",
        cue="is not mentioned",
        kind=QuoteKind.INDIRECT,
        content=Span(start=0, end=21),
        content_text=text[:21],
        cue_span=Span(start=22, end=38),
    )
    said = Quote(
        id="q2",
        article_id="a_p",
        speaker="Mara Quist",
        actor="Mara Quist",
        cue="said",
        kind=QuoteKind.INDIRECT,
        content=Span(start=at, end=len(text) - 1),
        content_text=text[at:-1],
        speaker_type=SpeakerType.PERSON,
        cue_span=Span(start=at - 5, end=at - 1),
    )
    out = who_said_what(MemoryStore(), "s", [passive, said], {"a_p": article})
    unidentified = next(r for r in out if r["actor"] == UNIDENTIFIED)
    assert unidentified["quotes"][0]["before_cue"] is True
    assert next(r for r in out if r["actor"] == "Mara Quist")["quotes"][0]["before_cue"] is False
    data = {
        "story": {"title": "t", "size": 1, "id": "s", "first_published": None, "last_published": None},
        "independent_origins": 1,
        "summary": [],
        "versions": [],
        "ledger": [],
        "who_said_what": out,
        "timeline": [],
        "sources": [],
        "changes": [],
    }
    md = render_markdown(data)
    assert '- "The base tonnage levy" is not mentioned [' in md
    assert "(no speaker)" not in md


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        ("", "(no speaker)"),
        ("It", "It"),
        ("Lowport, Tarnland (XP", "Lowport, Tarnland (XP"),  # short: as written
        (
            "The six-page document, posted on the ministry's website on Friday with the heading “Proposal",
            "The six-page document, …",
        ),
    ],
)
def test_a_long_unidentified_speaker_shows_its_head(speaker: str, shown: str) -> None:
    from storyline.brief.render import _as_written

    assert _as_written(speaker) == shown


def test_who_said_what_shows_a_content_the_cue_interrupts_as_one_quote() -> None:
    """'Marisca, he said, had asked Veldora ...': attribution gives the two sides of the cue as two
    quotes; the brief lists one ("Marisca" alone was a fragment, the rest a clause with no subject)."""
    from storyline.attribution import extract_quotes
    from storyline.brief.compose import who_said_what
    from storyline.model import Article

    text = "Teodor Vask spoke on Thursday. Marisca, he said, had asked Veldora to suspend the surcharges."
    article = Article(id="a_i", version="v", source="/in/i.txt", raw=text, text=text, outlet="Harbour Ledger")
    quotes = extract_quotes(article)
    assert len(quotes) == 2  # attribution keeps the two sides apart (as PolNeAR reads them)
    (row,) = who_said_what(MemoryStore(), "s", quotes, {"a_i": article})
    assert [q["content"] for q in row["quotes"]] == ["Marisca, he said, had asked Veldora to suspend the surcharges"]
    assert row["fragments"] == []
