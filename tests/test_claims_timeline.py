from datetime import UTC, date, datetime

import pytest

from storyline.claims import build_timeline
from storyline.claims.dates import find_dates
from storyline.model import Article, Story

REF = date(2019, 3, 26)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected", "end"),
    [
        ("It happened last Thursday.", date(2019, 3, 21), None),
        ("Officials met on March 19 to talk.", date(2019, 3, 19), None),
        ("The fair opened on December 30.", date(2018, 12, 30), None),  # no year, after the reference month
        ("It was dismantled after last May's meeting.", date(2018, 5, 1), date(2018, 5, 31)),
        ("The meeting on Feb. 27-28, 2019 failed.", date(2019, 2, 27), date(2019, 2, 28)),
        ("The talks on Feb. 27\u201328 failed.", date(2019, 2, 27), date(2019, 2, 28)),
        ("Rules adopted since March 2016 stay.", date(2016, 3, 1), date(2016, 3, 31)),
        ("On Monday the staff returned.", date(2019, 3, 25), None),
        ("She spoke yesterday.", date(2019, 3, 25), None),
        ("Talks held Wednesday and Thursday ended.", date(2019, 3, 20), date(2019, 3, 21)),
        ("The photo was taken Thursday, Feb. 28, 2019, in the city.", date(2019, 2, 28), None),
    ],
)
def test_find_dates_resolves_against_reference(text: str, expected: date, end: date | None) -> None:
    mentions = find_dates(text, REF)
    assert mentions, text
    assert mentions[0].date == expected
    assert mentions[0].end_date == end


def test_find_dates_shift_follows_previous_mention() -> None:
    mentions = find_dates(
        "Last Thursday the ministry acted. But a day later he tweeted. Two days earlier it rained.", REF
    )
    assert [m.date for m in mentions] == [date(2019, 3, 21), date(2019, 3, 22), date(2019, 3, 20)]


def test_find_dates_shift_without_anchor_uses_reference() -> None:
    assert find_dates("A week later nothing had changed.", REF)[0].date == date(2019, 4, 2)


@pytest.mark.parametrize("text", ["Nothing dated here.", "He may go.", "The March was long."])
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_find_dates_last_weekday_said_the_next_day_means_week_before() -> None:
    assert find_dates("It was last Thursday.", date(2019, 3, 22))[0].date == date(2019, 3, 14)


def _article(
    aid: str, text: str, published: datetime, outlet: str, updated: datetime | None = None
) -> Article:
    return Article(
        id=aid,
        version="1",
        source=aid,
        raw=text,
        text=text,
        outlet=outlet,
        published=published,
        updated=updated,
    )


def test_build_timeline_merges_same_event_across_articles() -> None:
    a = _article(
        "a1",
        "The two leaders met in the capital on Wednesday and Thursday. The meeting ended without a deal.",
        datetime(2019, 2, 28, 20, tzinfo=UTC),
        "Wire",
    )
    b = _article(
        "a2",
        "The leaders' meeting in the capital on Feb. 27-28 ended early. Last Thursday the ministry listed two firms. "
        "A day later the president tweeted about it.",
        datetime(2019, 3, 25, 9, tzinfo=UTC),
        "Monthly",
        updated=datetime(2019, 3, 26, 11, tzinfo=UTC),
    )
    other = _article(
        "zz", "On March 1 something else happened.", datetime(2019, 3, 2, tzinfo=UTC), "Other"
    )
    story = Story(id="s1", title="t", article_ids=("a1", "a2"))
    events = build_timeline(story, [a, b, other])
    by_date = {(e.date, e.end_date): e for e in events}
    summit = by_date[("2019-02-27", "2019-02-28")]
    assert {ev.article_id for ev in summit.evidence} == {"a1", "a2"}
    assert ("2019-03-21", None) in by_date
    assert "tweeted" in by_date[("2019-03-22", None)].event
    assert ("2019-03-26", None) in by_date  # the update
    assert all(ev.article_id != "zz" for e in events for ev in e.evidence)
    assert [e.date for e in events] == sorted(e.date for e in events)
