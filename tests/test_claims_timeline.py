from datetime import UTC, date, datetime

import msgspec
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
        # a name that opens like a month is no month ("Mara", "Janet", "Decker")
        ("On Monday, Mara Quist said the quay would reopen.", date(2019, 3, 25), None),
        ("On Monday, Janet Decker spoke.", date(2019, 3, 25), None),
        ("She spoke yesterday.", date(2019, 3, 25), None),
        ("Talks held Wednesday and Thursday ended.", date(2019, 3, 20), date(2019, 3, 21)),
        ("The photo was taken Thursday, Feb. 28, 2019, in the city.", date(2019, 2, 28), None),
        # day first, as most of the world's press writes dates
        ("The draft tabled 11 March 2019 was short.", date(2019, 3, 11), None),
        ("On 19 March he spoke.", date(2019, 3, 19), None),
        ("The talks on 27-28 February 2019 failed.", date(2019, 2, 27), date(2019, 2, 28)),
        ("The talks on 27\u201328 Feb failed.", date(2019, 2, 27), date(2019, 2, 28)),
        ("On Tuesday 12 March the summit opened.", date(2019, 3, 12), None),
        ("It opened on the 1st of March.", date(2019, 3, 1), None),
        ("It opened 3 Feb. 2019 at noon.", date(2019, 2, 3), None),
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


@pytest.mark.parametrize(
    "text", ["Nothing dated here.", "He may go.", "The March was long.", "About 1,000 March marchers came."]
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text, REF) == []


# Publication dates of the week of Monday 2019-03-18 .. Sunday 2019-03-24 (Friday is the 22nd).
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It was last Thursday.", date(2019, 3, 22), date(2019, 3, 21)),  # said on Friday: the day before
        ("It was last Thursday.", date(2019, 3, 21), date(2019, 3, 14)),  # said on Thursday: a week back
        ("It was last Thursday.", date(2019, 3, 20), date(2019, 3, 14)),
        ("It was last Thursday.", date(2019, 3, 24), date(2019, 3, 21)),  # said on Sunday
        ("It was last Monday.", date(2019, 3, 19), date(2019, 3, 18)),
        ("It was last Sunday.", date(2019, 3, 18), date(2019, 3, 17)),
        ("It happened on Thursday.", date(2019, 3, 22), date(2019, 3, 21)),
        ("It happened on Thursday.", date(2019, 3, 21), date(2019, 3, 21)),  # the same day
        ("It happened on Friday.", date(2019, 3, 21), date(2019, 3, 15)),  # never after publication
        ("Thursday night he left.", date(2019, 3, 22), date(2019, 3, 21)),
        ("She left yesterday.", date(2019, 3, 1), date(2019, 2, 28)),  # across a month end
    ],
)
def test_find_dates_weekday_forms(text: str, published: date, expected: date) -> None:
    assert find_dates(text, published)[0].date == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On March 19 he spoke.", date(2019, 3, 26), date(2019, 3, 19)),
        ("On March 26 he spoke.", date(2019, 3, 26), date(2019, 3, 26)),  # publication day
        ("On March 27 he spoke.", date(2019, 3, 26), date(2019, 3, 27)),  # one day of time-zone slack
        ("On March 28 he spoke.", date(2019, 3, 26), date(2018, 3, 28)),  # later: the year before
        ("On Dec. 30 he spoke.", date(2019, 1, 4), date(2018, 12, 30)),
        ("On Jan. 2 he spoke.", date(2019, 1, 4), date(2019, 1, 2)),
        ("On Feb. 29 he spoke.", date(2021, 3, 1), date(2020, 2, 29)),  # the last leap year
        ("On Feb. 30 he spoke.", date(2021, 3, 1), None),  # no such day
        ("On March 19, 2017 he spoke.", date(2019, 3, 26), date(2017, 3, 19)),  # an explicit year wins
        # a deadline is the nearer occurrence: BASIL's "restoring normal operations ... until Feb. 15"
        # (26 January 2019) was 2018-02-15
        ("He signed it, restoring operations until Feb. 15.", date(2019, 1, 26), date(2019, 2, 15)),
        ("The exhibition ran until Feb. 15.", date(2019, 4, 20), date(2019, 2, 15)),
    ],
)
def test_find_dates_month_day_without_year(text: str, published: date, expected: date | None) -> None:
    mentions = find_dates(text, published)
    if expected is None:
        assert all(m.rule != "month-day" for m in mentions)
    else:
        assert mentions[0].date == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [  # said on Tuesday, March 26, 2019, of the future: forward; of the past: back (the control cases)
        ("The minister is due to appear before the committee on Thursday.", date(2019, 3, 28), None),
        ("The minister appeared before the committee on Thursday.", date(2019, 3, 21), None),
        ("Officials would meet again in April.", date(2019, 4, 1), date(2019, 4, 30)),
        ("Officials met in April.", date(2018, 4, 1), date(2018, 4, 30)),
        ("The vote will be held on March 30.", date(2019, 3, 30), None),
        ("The vote was held on March 30.", date(2018, 3, 30), None),
        ("Prices will not fall, as they have not since April.", date(2018, 4, 1), date(2018, 4, 30)),  # since: past
        ("It will rain. In January the port froze.", date(2019, 1, 1), date(2019, 1, 31)),  # marker in another sentence
        # BASIL: Pelosi, "who is in line to be elected speaker on Thursday", was dated the Thursday before
        ("Pelosi, who is in line to be elected speaker on Thursday, spoke.", date(2019, 3, 28), None),
        # BASIL, each dated a year off: a departure in the progressive, "expected Mr. X to" (a title's
        # period is no sentence end), a "would" inside a closed quotation is not the narrator's
        ("Trump had said Mattis was leaving in April.", date(2019, 4, 1), date(2019, 4, 30)),
        ("He is prepared to sign a bill to open the government through April 15.", date(2019, 4, 15), None),
        ("The panel expected Mr. Cohen to be back to testify in early April.", date(2019, 4, 1), date(2019, 4, 10)),
        ('"Those two things would keep the system solvent," she said on Thursday.', date(2019, 3, 21), None),
    ],
)
def test_find_dates_said_of_the_future_look_forward(text: str, start: date, end: date | None) -> None:
    mention = find_dates(text, REF)[0]
    assert (mention.date, mention.end_date) == (start, end)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("Since last May's summit.", date(2019, 3, 26), date(2018, 5, 1), date(2018, 5, 31)),
        ("Since last May's summit.", date(2019, 11, 5), date(2019, 5, 1), date(2019, 5, 31)),
        ("Since last May's summit.", date(2019, 5, 20), date(2018, 5, 1), date(2018, 5, 31)),  # not this May
        ("They met in January.", date(2019, 3, 26), date(2019, 1, 1), date(2019, 1, 31)),
        ("They met in March.", date(2019, 3, 26), date(2019, 3, 1), date(2019, 3, 31)),
        ("They met in June.", date(2019, 3, 26), date(2018, 6, 1), date(2018, 6, 30)),
        ("It was sent earlier this month.", date(2019, 3, 26), date(2019, 3, 1), date(2019, 3, 25)),
        ("It was sent last month.", date(2019, 3, 26), date(2019, 2, 1), date(2019, 2, 28)),
        ("It was sent last month.", date(2019, 1, 10), date(2018, 12, 1), date(2018, 12, 31)),
        ("It was sent last week.", date(2019, 3, 26), date(2019, 3, 18), date(2019, 3, 24)),
        ("It was sent earlier this week.", date(2019, 3, 28), date(2019, 3, 25), date(2019, 3, 27)),
        ("It was sent last year.", date(2019, 3, 26), date(2018, 1, 1), date(2018, 12, 31)),
        ("It was sent earlier this year.", date(2019, 3, 26), date(2019, 1, 1), date(2019, 3, 25)),
        # part of a month: days 1-10, 11-20, 21 to the end
        ("It opened in early March.", date(2019, 3, 26), date(2019, 3, 1), date(2019, 3, 10)),
        ("They met in mid-January.", date(2019, 3, 26), date(2019, 1, 11), date(2019, 1, 20)),
        ("Since the summit at the end of February.", date(2019, 3, 26), date(2019, 2, 21), date(2019, 2, 28)),
        ("They met in late February 2016.", date(2019, 3, 26), date(2016, 2, 21), date(2016, 2, 29)),
        ("They met in the middle of June.", date(2019, 3, 26), date(2018, 6, 11), date(2018, 6, 20)),
        ("The vote will be held in late April.", date(2019, 3, 26), date(2019, 4, 21), date(2019, 4, 30)),
        # a day a name fixes to its year, whenever the article is dated
        ("Families of Sept. 11 victims may sue.", date(2016, 9, 28), date(2001, 9, 11), None),
        ("The 9/11 attacks shaped the bill.", date(2016, 9, 28), date(2001, 9, 11), None),
        ("He spoke on Sept. 11 about it.", date(2016, 9, 28), date(2016, 9, 11), None),
        # "coming in" looks forward
        (
            "We differ from the administration coming in January.",
            date(2016, 11, 30),
            date(2017, 1, 1),
            date(2017, 1, 31),
        ),
    ],
)
def test_find_dates_month_and_period_forms(text: str, published: date, start: date, end: date) -> None:
    mention = find_dates(text, published)[0]
    assert (mention.date, mention.end_date) == (start, end)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On March 19 he spoke. A day later he left.", date(2019, 3, 26), [date(2019, 3, 19), date(2019, 3, 20)]),
        ("Last Thursday he spoke. The next day he left.", date(2019, 3, 22), [date(2019, 3, 21), date(2019, 3, 22)]),
        ("On Monday he spoke. Two days earlier he left.", date(2019, 3, 26), [date(2019, 3, 25), date(2019, 3, 23)]),
        ("On Monday he spoke. A week later he left.", date(2019, 3, 26), [date(2019, 3, 25), date(2019, 4, 1)]),
        # a range of a week or a month is no anchor for "a day later": the shift follows the last day
        (
            "On March 19 he spoke. Last week he left. A day later it rained.",
            date(2019, 3, 26),
            [date(2019, 3, 19), date(2019, 3, 18), date(2019, 3, 20)],
        ),
        # a day told in the past perfect looks back from the story's day, which "a day later" follows
        (
            "Last Thursday a minister said otherwise. It was the first time anyone had said what Vask had "
            "told reporters in the early hours of 13 March. A day later, the draft was published.",
            date(2025, 3, 24),
            [date(2025, 3, 20), date(2025, 3, 13), date(2025, 3, 21)],
        ),
        # ... but opens a narrative when the text has no day before it
        ("The talks had begun on March 11. A day later they collapsed.", REF, [date(2019, 3, 11), date(2019, 3, 12)]),
        ("He spoke on March 3. Two days after, he left.", REF, [date(2019, 3, 3), date(2019, 3, 5)]),
        ("He spoke on March 3. A week after that, he left.", REF, [date(2019, 3, 3), date(2019, 3, 10)]),
        # counted from an event the text does not date, or a deadline: no date
        ("Six days after the summit ended, the argument hardened.", REF, []),
        ("Two days before the vote, he left.", REF, []),
        ("It will open by March 30, and not a day later.", REF, [date(2019, 3, 30)]),
        # an ordinal date before a capitalised word names something, unless a preposition of time leads it
        ("She co-chairs September 11th Advocates and the July 4th Parade.", REF, []),
        ("On March 19th Bolton spoke.", REF, [date(2019, 3, 19)]),
        # a named day is no anchor
        (
            "On March 3 the families of Sept. 11 victims met. A day later they sued.",
            REF,
            [date(2019, 3, 3), date(2001, 9, 11), date(2019, 3, 4)],
        ),
    ],
)
def test_find_dates_shift_forms(text: str, published: date, expected: list[date]) -> None:
    assert [m.date for m in find_dates(text, published)] == expected


def _article(aid: str, text: str, published: datetime, outlet: str, updated: datetime | None = None) -> Article:
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
    other = _article("zz", "On March 1 something else happened.", datetime(2019, 3, 2, tzinfo=UTC), "Other")
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


def test_build_timeline_words_an_event_as_the_cased_copy_wrote_it() -> None:
    scrape = msgspec.structs.replace(
        _article(
            "a1",
            "The strait saw about 41, 000 transits last year, the authority said.",
            datetime(2025, 3, 13, 8, tzinfo=UTC),
            "Scraper",
        ),
        normalized_input=True,
    )
    wire = _article(
        "a2",
        "The strait saw about 41,000 transits last year, the authority said.",
        datetime(2025, 3, 13, 9, tzinfo=UTC),
        "Wire",
    )
    story = Story(id="s1", title="t", article_ids=("a1", "a2"))
    (event,) = [e for e in build_timeline(story, [scrape, wire]) if e.date == "2024-01-01"]
    assert "41,000" in event.event
    assert [ev.article_id for ev in event.evidence] == ["a1", "a2"]  # evidence keeps reading order


def test_an_update_date_without_a_publication_date_is_an_event() -> None:
    """A plain-text article that only says "This story was updated on March 26, 2019" (cleaning keeps
    the date as metadata) still puts its update on the timeline."""
    a = Article(
        id="a1",
        version="1",
        source="a1",
        raw="The harbour board met.",
        text="The harbour board met.",
        outlet="Monthly",
        updated=datetime(2019, 3, 26, 11, tzinfo=UTC),
    )
    events = build_timeline(Story(id="s1", title="t", article_ids=("a1",)), [a])
    assert [(e.date, e.event) for e in events] == [("2019-03-26", "Monthly updated its story")]


@pytest.mark.parametrize(
    "text",
    [
        # the seed 003 shape: the aside between em dashes is background
        "On Monday, liaison staff who had stopped coming to the office in Kaesong\u2014one of the "
        "achievements of the president's outreach last year\u2014came back.",
        "On Monday the ferry crews (who had struck last year) went back to work.",
        "On Monday the crews -- idle since last year -- went back to work.",
    ],
)
def test_a_date_in_an_aside_does_not_date_a_sentence_dated_outside_it(text: str) -> None:
    a = _article("a1", text, datetime(2019, 3, 26, 9, tzinfo=UTC), "Monthly")
    events = build_timeline(Story(id="s1", title="t", article_ids=("a1",)), [a])
    assert [(e.date, e.end_date) for e in events] == [("2019-03-25", None)]


def test_a_date_in_an_aside_dates_a_sentence_with_no_other_date() -> None:
    text = "The liaison office\u2014one of the achievements of the outreach last year\u2014reopened."
    a = _article("a1", text, datetime(2019, 3, 26, 9, tzinfo=UTC), "Monthly")
    events = build_timeline(Story(id="s1", title="t", article_ids=("a1",)), [a])
    assert [(e.date, e.end_date) for e in events] == [("2018-01-01", "2018-12-31")]


def test_a_day_first_date_keeps_its_whole_span() -> None:
    first = find_dates("On Tuesday 12 March the summit opened.", REF)
    assert [(m.text, m.rule) for m in first] == [("12 March", "day-month")]  # not a second "Tuesday"
    (last,) = find_dates("It will close on 30 March.", REF)
    assert last.text == "30 March"  # the sentence's full stop is not part of it
    assert last.date == date(2019, 3, 30)  # said of the future: forward, as "March 30" is


def test_a_date_that_ends_a_phrase_naming_an_earlier_event_dates_that_event() -> None:
    """'Last Thursday, for the first time since the summit in Hanoi at the end of February, the
    Treasury announced ...': two events, the summit (its phrase) and the announcement (the sentence)."""
    text = (
        "Last Thursday, for the first time since the second summit in Hanoi, Vietnam, at the end of February, "
        "the Treasury announced new sanctions. After the vote on March 3, he said on March 5 that the deal was dead."
    )
    article = Article(id="a", version="v", source="s", raw=text, text=text, published=datetime(2019, 3, 26, tzinfo=UTC))
    events = {e.date: e.event for e in build_timeline(Story(id="s", title="t", article_ids=("a",)), [article])}
    assert events["2019-02-21"] == "The second summit in Hanoi, Vietnam, at the end of February"
    assert events["2019-03-21"].startswith("Last Thursday")
    assert events["2019-03-03"] == "The vote on March 3"
    assert events["2019-03-05"].startswith("After the vote")  # no anchor across another date


def test_a_named_day_dates_no_event_of_the_story() -> None:
    """'the Sept. 11 attacks' in a sentence about this week's vote is not when the vote happened."""
    text = (
        "Congress is set to vote to override a veto of a bill allowing families of those killed in the "
        "Sept. 11 attacks to sue. The Senate voted on Wednesday."
    )
    a = _article("a1", text, datetime(2016, 9, 29, tzinfo=UTC), "The Daily")
    events = build_timeline(Story(id="s1", title="t", article_ids=("a1",)), [a])
    assert [e.date for e in events] == ["2016-09-28"]


def test_an_event_says_which_words_its_date_was_read_from() -> None:
    """A sentence with two dates gives two events; each says which of its words dated it, so 'in a
    radio interview on Friday and in a speech ... on Saturday' is not one sentence under two dates
    with nothing to tell them apart."""
    text = "Hollis repeated it in a radio interview on Friday and in a speech to party members on Saturday."
    a = _article("a1", text, datetime(2025, 3, 18, 14, tzinfo=UTC), "Review")
    events = build_timeline(Story(id="s1", title="t", article_ids=("a1",)), [a])
    assert [(e.date, e.expression) for e in events] == [("2025-03-14", "on Friday"), ("2025-03-15", "on Saturday")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The lesson of the last week is clear.", [(date(2025, 3, 11), date(2025, 3, 17))]),
        ("Over the past year prices rose.", [(date(2024, 3, 18), date(2025, 3, 17))]),
        ("It happened last week.", [(date(2025, 3, 10), date(2025, 3, 16))]),  # the calendar week before
        ("They meet in the last week of March.", []),  # a week of a month the text names, not ours
        ("In past years it was fine.", []),
    ],
)
def test_the_last_week_is_the_seven_days_before(text: str, expected: list[tuple[date, date]]) -> None:
    """'the last week' / 'the past year' run up to the day before publication; 'last week' is the
    calendar week before; 'the last week of March' is not a period relative to publication."""
    got = [(m.date, m.end_date) for m in find_dates(text, date(2025, 3, 18))]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # BASIL: "On July 22 that year, WikiLeaks released ..." (2016, in a 2019 article) was 2018
        (
            "The hack began in 2016. On July 22 that year, WikiLeaks released its first batch.",
            (date(2016, 7, 22), None),
        ),
        ("The law passed in 2009. In March of that year the rules changed.", (date(2009, 3, 1), date(2009, 3, 31))),
        ("On July 22 that year, WikiLeaks released its first batch.", None),  # no year named before
        ("On July 22, WikiLeaks released its first batch.", (date(2018, 7, 22), None)),
    ],
)
def test_a_day_of_that_year_is_in_the_year_named_before(text: str, expected: tuple[date, date | None] | None) -> None:
    got = [(m.date, m.end_date) for m in find_dates(text, REF) if m.rule != "year"]
    assert got == ([expected] if expected else [])
