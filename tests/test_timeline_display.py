"""How a timeline date is shown: as precise as the article was ("last year" is 2018, not
2018-01-01), in the CLI's table and CSV, the Markdown brief and the web page."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import Evidence, Span, Story, TimelineEvent
from storyline.store import SqliteStore
from storyline.views import timeline_record, when_label


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2019-03-19", None, "2019-03-19"),
        ("2018-01-01", "2018-12-31", "2018"),
        ("2018-04-01", "2018-04-30", "2018-04"),
        ("2024-02-01", "2024-02-29", "2024-02"),  # a leap year's February is a whole month
        ("2023-02-01", "2023-02-28", "2023-02"),
        ("2019-02-27", "2019-02-28", "2019-02-27 to 2019-02-28"),
        ("2018-01-01", "2019-12-31", "2018-01-01 to 2019-12-31"),  # two years: the range as given
        ("2019-03-01", "2019-03-30", "2019-03-01 to 2019-03-30"),  # not the whole month
        ("2019-03-18", "2019-03-24", "2019-03-18 to 2019-03-24"),  # "last week"
        ("2019-03-01", "2019-03-10", "early 2019-03"),  # "early March"
        ("2019-01-11", "2019-01-20", "mid 2019-01"),  # "mid-January"
        ("2019-02-21", "2019-02-28", "late 2019-02"),  # "at the end of February"
    ],
)
def test_when_label(start: str, end: str | None, label: str) -> None:
    assert when_label(start, end) == label


def _store_with_events(path) -> None:  # type: ignore[no-untyped-def]
    events = [
        TimelineEvent(
            story_id="s1",
            date=d,
            end_date=e,
            event=text,
            evidence=(Evidence(article_id="a1", text=text, span=Span(start=0, end=len(text))),),
        )
        for d, e, text in (
            ("2018-01-01", "2018-12-31", "The ferry line closed last year."),
            ("2019-02-27", "2019-02-28", "The talks ran on Wednesday and Thursday."),
            ("2019-03-19", None, "On March 19 the minister resigned."),
        )
    ]
    store = SqliteStore(path)
    store.put_stories([Story(id="s1", title="Ferry", article_ids=("a1",))])
    store.put_timeline("s1", events)
    store.close()


def test_cli_timeline_table_and_csv_show_the_precision(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "t.db"
    _store_with_events(db)
    runner = CliRunner()
    table = runner.invoke(
        app, ["--db", str(db), "timeline", "--story", "s1", "--format", "table"], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0, table.output
    assert "2018-01-01" not in table.output
    assert "2018 " in table.output and "2019-02-27 to 2019-02-28" in table.output
    out = runner.invoke(app, ["--db", str(db), "timeline", "--story", "s1", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert list(rows[0])[:3] == ["date", "event", "evidence"]  # the documented columns come first
    assert [(r["date"], r["end_date"], r["when"]) for r in rows] == [
        ("2018-01-01", "2018-12-31", "2018"),
        ("2019-02-27", "2019-02-28", "2019-02-27 to 2019-02-28"),
        ("2019-03-19", "", "2019-03-19"),
    ]


def test_brief_shows_the_precision(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "t.db"
    _store_with_events(db)
    runner = CliRunner()
    md = runner.invoke(app, ["--db", str(db), "brief", "--story", "s1", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "- 2018: The ferry line closed last year." in md.output
    html = runner.invoke(app, ["--db", str(db), "brief", "--story", "s1", "--format", "html"])
    assert "<time>2018</time>" in html.output and "2018-01-01" not in html.output


def test_record_keeps_the_iso_dates() -> None:
    rec = timeline_record(TimelineEvent(story_id="s", date="2018-04-01", end_date="2018-04-30", event="x"))
    assert (rec["date"], rec["end_date"], rec["when"]) == ("2018-04-01", "2018-04-30", "2018-04")
