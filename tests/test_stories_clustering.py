"""Incremental story clustering: stable ids, order independence, time decay, copies, persistence."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, ProvenanceEdge, Relation, StoryChangeKind, stable_id
from storyline.stories import IncrementalStoryClusterer, story_title

T0 = datetime(2024, 5, 6, 9, 0)

# A small corpus written for these tests: two earthquakes (same kind of event, different places),
# a summit, and a football final.
CORPUS: list[tuple[str, str, int, str]] = [
    (
        "quake-1",
        "Magnitude 7.1 earthquake strikes off Valparaiso, Chile",
        0,
        "A magnitude 7.1 earthquake struck off the coast of Valparaiso on Monday, shaking buildings in "
        "Santiago and prompting a tsunami warning along the Chilean coast. Chile's emergency agency Senapred "
        "ordered the evacuation of coastal areas around Valparaiso and Vina del Mar.",
    ),
    (
        "quake-2",
        "Chile lifts tsunami warning after Valparaiso earthquake",
        1,
        "Chilean authorities lifted the tsunami warning on Tuesday after the magnitude 7.1 earthquake off "
        "Valparaiso. Senapred said two people died in Vina del Mar and dozens of homes were damaged near "
        "the port of Valparaiso.",
    ),
    (
        "quake-3",
        "Valparaiso counts damage after Chile quake",
        3,
        "Residents of Valparaiso and Vina del Mar cleared rubble on Thursday as Chile counted the damage "
        "from Monday's earthquake. Senapred raised the death toll to three and said the tsunami warning "
        "had worked as planned.",
    ),
    (
        "quake-other-1",
        "Strong earthquake hits Hokkaido, Japan",
        2,
        "A strong earthquake of magnitude 6.8 hit eastern Hokkaido early on Wednesday, the Japan "
        "Meteorological Agency said, cutting power to thousands of homes in Kushiro and Nemuro. "
        "No tsunami warning was issued for the Hokkaido coast.",
    ),
    (
        "quake-other-2",
        "Power restored in Kushiro after Hokkaido earthquake",
        4,
        "Hokkaido Electric Power restored electricity to most homes in Kushiro and Nemuro on Friday after "
        "the magnitude 6.8 earthquake. The Japan Meteorological Agency warned of aftershocks in eastern "
        "Hokkaido for the coming week.",
    ),
    (
        "summit-1",
        "Macron and Scholz meet in Meseberg to discuss defence spending",
        1,
        "French President Emmanuel Macron and German Chancellor Olaf Scholz met at the Meseberg palace on "
        "Tuesday to discuss European defence spending, air defence and support for Ukraine.",
    ),
    (
        "summit-2",
        "Scholz and Macron agree joint air defence plan at Meseberg",
        2,
        "Olaf Scholz and Emmanuel Macron agreed on a joint European air defence plan at Meseberg, a "
        "statement said on Wednesday, after two days of talks on defence spending and Ukraine.",
    ),
    (
        "final-1",
        "Leverkusen win the German Cup final against Kaiserslautern",
        5,
        "Bayer Leverkusen beat Kaiserslautern 1-0 in the German Cup final in Berlin on Saturday, with "
        "Granit Xhaka scoring the winner to complete a domestic double for Xabi Alonso's side.",
    ),
]


def make_article(key: str, title: str, day: float, text: str) -> Article:
    return Article(
        id=stable_id("a", key),
        version=stable_id("v", text),
        source=f"test:{key}",
        raw=text,
        text=text,
        title=title,
        published=T0 + timedelta(days=day),
    )


ARTICLES = [make_article(*row) for row in CORPUS]
BY_KEY = {row[0]: article for row, article in zip(CORPUS, ARTICLES, strict=True)}


def partition(clusterer: IncrementalStoryClusterer) -> dict[str, frozenset[str]]:
    return {story.id: frozenset(story.article_ids) for story in clusterer.stories()}


def groups_by_key(clusterer: IncrementalStoryClusterer) -> set[frozenset[str]]:
    names = {a.id: key for key, a in BY_KEY.items()}
    return {frozenset(names[a] for a in ids) for ids in partition(clusterer).values()}


def test_assign_groups_synthetic_corpus_by_event() -> None:
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(ARTICLES)
    assert groups_by_key(clusterer) == {
        frozenset({"quake-1", "quake-2", "quake-3"}),
        frozenset({"quake-other-1", "quake-other-2"}),
        frozenset({"summit-1", "summit-2"}),
        frozenset({"final-1"}),
    }


@settings(max_examples=25, deadline=None)
@given(st.permutations(ARTICLES))
def test_assign_is_independent_of_batch_order(order: list[Article]) -> None:
    reference = IncrementalStoryClusterer()
    reference.assign(ARTICLES)
    shuffled = IncrementalStoryClusterer()
    shuffled.assign(list(order))
    assert partition(shuffled) == partition(reference)
    assert shuffled.to_bytes() == reference.to_bytes()


@settings(max_examples=15, deadline=None)
@given(st.permutations(ARTICLES))
def test_assign_one_at_a_time_in_any_order_keeps_events_apart(order: list[Article]) -> None:
    clusterer = IncrementalStoryClusterer()
    for article in order:
        clusterer.assign([article])
    groups = groups_by_key(clusterer)
    for group in groups:  # never two events in one story
        events = {key.split("-")[0] + ("-other" if "other" in key else "") for key in group}
        assert len(events) == 1, group


def test_assign_reingesting_changes_nothing() -> None:
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(ARTICLES)
    before = clusterer.to_bytes()
    result = clusterer.assign(list(reversed(ARTICLES)))
    assert result.changes == ()
    assert result.stories == ()
    assert set(result.unchanged) == {a.id for a in ARTICLES}
    assert clusterer.to_bytes() == before


def test_assign_adding_articles_keeps_existing_story_ids() -> None:
    clusterer = IncrementalStoryClusterer()
    first = clusterer.assign(ARTICLES[:4])
    old = {s.id: set(s.article_ids) for s in first.stories}
    second = clusterer.assign(ARTICLES[4:])
    merged_away = {c.other_story_id for c in second.changes if c.kind is StoryChangeKind.MERGED}
    now = partition(clusterer)
    for sid, members in old.items():
        if sid in merged_away:
            assert clusterer.resolve(sid) in now
            continue
        assert sid in now
        assert members <= now[sid]


def test_story_id_comes_from_its_first_article() -> None:
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(ARTICLES)
    assert clusterer.story_of(BY_KEY["quake-3"].id) == stable_id("s", BY_KEY["quake-1"].id)


@pytest.mark.parametrize(
    ("days_later", "same_story"),
    [(2, True), (20, True), (45, True), (365, False), (-365, False)],
)
def test_assign_time_decay_separates_same_kind_event_a_year_apart(days_later: int, same_story: bool) -> None:
    key, title, _, text = CORPUS[1]
    later = make_article("again", title, 1 + days_later, text.replace("Tuesday", "Wednesday"))
    clusterer = IncrementalStoryClusterer()
    result = clusterer.assign([BY_KEY["quake-1"], later])
    together = clusterer.story_of(later.id) == clusterer.story_of(BY_KEY["quake-1"].id)
    assert together is same_story
    if same_story and abs(days_later) >= 20:
        joined = [c for c in result.changes if c.kind is StoryChangeKind.JOINED]
        assert "decay" in joined[0].reason


@pytest.mark.parametrize(
    ("relation", "origin_known", "joins_origin"),
    [
        (Relation.REPUBLICATION, True, True),
        (Relation.DIGEST, True, True),
        (Relation.REWRITE, True, True),
        (Relation.REPUBLICATION, False, False),  # origin outside the corpus: clustered on its own text
    ],
)
def test_assign_copy_joins_origin_story(relation: Relation, origin_known: bool, joins_origin: bool) -> None:
    origin = BY_KEY["summit-1"]
    # a mangled copy: lower-cased, no punctuation, mostly sidebar text about something else
    copy = make_article("copy", "", 1, "top stories leverkusen cup final berlin xhaka alonso double kaiserslautern")
    edge = ProvenanceEdge(
        derived_id=copy.id,
        relation=relation,
        score=0.9,
        reason="test",
        origin_id=origin.id if origin_known else None,
    )
    clusterer = IncrementalStoryClusterer()
    batch = [copy, origin] if origin_known else [copy]
    clusterer.assign(batch, [edge])
    together = clusterer.story_of(copy.id) == clusterer.story_of(origin.id)
    assert together is joins_origin


def test_assign_copy_seen_before_its_origin_is_merged_in() -> None:
    origin, copy = BY_KEY["summit-1"], make_article("copy", "", 1, "top stories cup final xhaka alonso")
    clusterer = IncrementalStoryClusterer()
    clusterer.assign([copy])
    edge = ProvenanceEdge(derived_id=copy.id, relation=Relation.DIGEST, score=0.8, reason="t", origin_id=origin.id)
    result = clusterer.assign([origin], [edge])
    assert clusterer.story_of(copy.id) == clusterer.story_of(origin.id)
    assert any(c.kind is StoryChangeKind.MERGED and "digest" in c.reason for c in result.changes)


def test_assign_every_change_explains_itself() -> None:
    result = IncrementalStoryClusterer().assign(ARTICLES)
    assert {c.kind for c in result.changes} >= {StoryChangeKind.CREATED, StoryChangeKind.JOINED}
    for change in result.changes:
        assert change.reason.startswith(change.kind.value)
        if change.kind is StoryChangeKind.JOINED:
            assert "cosine" in change.reason and "entities" in change.reason


def test_to_bytes_round_trip_continues_identically() -> None:
    straight = IncrementalStoryClusterer()
    straight.assign(ARTICLES[:5])
    straight.assign(ARTICLES[5:])
    restored = IncrementalStoryClusterer.from_bytes(_saved(ARTICLES[:5]))
    restored.assign(ARTICLES[5:])
    assert restored.to_bytes() == straight.to_bytes()


def _saved(articles: list[Article]) -> bytes:
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(articles)
    return clusterer.to_bytes()


def test_assignment_lists_touched_stories_in_full() -> None:
    clusterer = IncrementalStoryClusterer()
    clusterer.assign(ARTICLES[:2])
    result = clusterer.assign([BY_KEY["quake-3"]])
    (story,) = result.stories
    assert set(story.article_ids) == {BY_KEY[k].id for k in ("quake-1", "quake-2", "quake-3")}
    assert story.first_published == T0 and story.last_published == T0 + timedelta(days=3)
    assert "Valparaiso" in story.title


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (
            ["Chile quake kills two", "Quake in Chile kills two people", "Markets rally"],
            "Chile quake kills two",
        ),
        (["Only one headline"], "Only one headline"),
        (["", "  ", "Second is the one"], "Second is the one"),
    ],
)
def test_story_title_picks_most_representative_headline(titles: list[str], expected: str) -> None:
    articles = [make_article(f"t{i}", t, i, "body text") for i, t in enumerate(titles)]
    assert story_title(articles) == expected


def test_story_title_without_headlines_uses_first_line() -> None:
    article = make_article("x", "", 0, "First line of the body\nSecond line")
    assert story_title([article]) == "First line of the body"
    assert story_title([]) == ""


QUAKES = ["quake-1", "quake-2", "quake-other-1", "quake-3", "quake-other-2"]


def test_assign_splits_story_holding_two_events_with_reason_and_stable_id() -> None:
    # a join bar so low that both earthquakes land in one story; the split check must pull them apart
    clusterer = IncrementalStoryClusterer(join_threshold=0.01)
    changes = []
    for key in QUAKES:
        changes += clusterer.assign([BY_KEY[key]]).changes
    splits = [c for c in changes if c.kind is StoryChangeKind.SPLIT]
    assert len(splits) == 1
    (split,) = splits
    chile, japan = stable_id("s", BY_KEY["quake-1"].id), stable_id("s", BY_KEY["quake-other-1"].id)
    assert split.story_id == chile and split.other_story_id == japan  # the larger group keeps the id
    assert split.reason.startswith("split:") and "centroids have cosine" in split.reason
    assert "Hokkaido" in split.reason or "Valparaiso" in split.reason  # the names that tell them apart
    assert groups_by_key(clusterer) == {
        frozenset({"quake-1", "quake-2", "quake-3"}),
        frozenset({"quake-other-1", "quake-other-2"}),
    }


def test_assign_split_lists_both_sides_and_copies_follow_their_origin() -> None:
    copy = make_article("copy-jp", "", 2, "hokkaido quake copy")
    edge = ProvenanceEdge(
        derived_id=copy.id,
        relation=Relation.REPUBLICATION,
        score=0.9,
        reason="t",
        origin_id=BY_KEY["quake-other-1"].id,
    )
    clusterer = IncrementalStoryClusterer(join_threshold=0.01)
    clusterer.assign([BY_KEY[k] for k in QUAKES[:3]])
    clusterer.assign([copy], [edge])
    result = clusterer.assign([BY_KEY[k] for k in QUAKES[3:]])
    assert any(c.kind is StoryChangeKind.SPLIT for c in result.changes)
    japan = clusterer.story_of(BY_KEY["quake-other-1"].id)
    assert clusterer.story_of(copy.id) == japan
    listed = {s.id: set(s.article_ids) for s in result.stories}
    assert listed[japan] == {BY_KEY["quake-other-1"].id, BY_KEY["quake-other-2"].id, copy.id}


@pytest.mark.parametrize("keys", [["quake-1", "quake-2", "quake-3"], ["summit-1", "summit-2"]])
def test_assign_does_not_split_one_event(keys: list[str]) -> None:
    clusterer = IncrementalStoryClusterer(join_threshold=0.01)
    changes = []
    for key in keys:
        changes += clusterer.assign([BY_KEY[key]]).changes
    assert not [c for c in changes if c.kind is StoryChangeKind.SPLIT]
    assert len(partition(clusterer)) == 1


def test_assign_merged_away_story_is_listed_empty() -> None:
    origin, copy = BY_KEY["summit-1"], make_article("copy", "", 1, "top stories cup final xhaka alonso")
    clusterer = IncrementalStoryClusterer()
    clusterer.assign([copy])
    edge = ProvenanceEdge(derived_id=copy.id, relation=Relation.DIGEST, score=0.8, reason="t", origin_id=origin.id)
    result = clusterer.assign([origin], [edge])
    (merge,) = [c for c in result.changes if c.kind is StoryChangeKind.MERGED]
    emptied = [s for s in result.stories if s.id == merge.other_story_id]
    assert emptied and emptied[0].article_ids == ()


def _nonce_words(prefix: str, n: int) -> list[str]:
    """Made-up words (no background frequency, so each weighs the same)."""
    letters = "bcdfghjklmnpqrstvwxz"
    return [f"{prefix}{letters[i // 20]}{letters[i % 20]}qx" for i in range(n)]


_A, _B, _C = _nonce_words("zv", 10), _nonce_words("kw", 10), _nonce_words("jy", 10)
# a stray that arrives before its story takes shape: it shares 3 of its 10 words with each later article
# but one; no single article brings it close enough to join or merge, the grown story's centroid does
STRAY = ("stray", _B[:3] + _C[:7])
GROWERS = [("g1", _A), ("g2", _A[:5] + _B[:5]), ("g3", _A[5:] + _B[:5]), ("g4", _B[:5] + _C[7:] + _A[:2])]


@pytest.mark.parametrize(
    ("growers", "sweep_max_size", "joins"),
    [
        (GROWERS, 2, True),  # the grown story's centroid now fits the stray
        (GROWERS[:2], 2, False),  # two articles: the stray is still far from their centroid
        (GROWERS, 0, False),  # sweeps off: the single pass leaves the stray alone
    ],
)
def test_assign_sweep_merges_stray_into_story_it_now_fits(growers: list, sweep_max_size: int, joins: bool) -> None:
    articles = [make_article(key, "", day / 10, " ".join(words)) for day, (key, words) in enumerate([STRAY, *growers])]
    clusterer = IncrementalStoryClusterer(sweep_max_size=sweep_max_size, short_text_terms=0)
    result = clusterer.assign(articles)
    stray = clusterer.story_of(articles[0].id)
    assert len({clusterer.story_of(a.id) for a in articles[1:]}) == 1
    assert (stray == clusterer.story_of(articles[1].id)) is joins
    merges = [c for c in result.changes if c.kind is StoryChangeKind.MERGED]
    assert bool(merges) is joins
    for merge in merges:
        assert merge.reason.startswith("merged:") and "centroids" in merge.reason
        assert clusterer.resolve(merge.other_story_id or "") == stray  # the older id survives
