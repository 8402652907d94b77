"""Masthead, byline and date lines read from the top of scraped plain text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.cleaning.pipeline import clean_article, clean_text
from storyline.cleaning.text_header import outlet_name, parse_date_line, read_text_header
from storyline.model import Article, SourceFormat, article_id

BODY = (
    "HARBOURTOWN — The council voted on Tuesday to close the old ferry pier, ending a service that "
    "had run for ninety years. The mayor said the decision was painful but necessary."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday, 24 March 2025", datetime(2025, 3, 24)),
        ("In Brief · March 13, 2025", datetime(2025, 3, 13)),
        ("Posted Mar 13 2025 1:52 pm", datetime(2025, 3, 13, 13, 52)),
        ("Published: 2024-11-02", datetime(2024, 11, 2)),
        ("Tue. Sept. 3, 2024, at 9:05 a.m.", datetime(2024, 9, 3, 9, 5)),
        ("The vote on March 13, 2025 was close.", None),  # a sentence with a date is body text
        ("March 2025", None),  # no day: not a publication date
        ("February 30, 2025", None),  # no such day
    ],
)
def test_parse_date_line_reads_whole_lines_only(line: str, expected: datetime | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("blocks", "outlet", "section", "byline", "published"),
    [
        (
            ["THE HARBOURTOWN COURIER — Local", "Council closes ferry pier", "By Ada Brennan", "June 4, 2024", BODY],
            "The Harbourtown Courier",
            "Local",
            "Ada Brennan",
            datetime(2024, 6, 4),
        ),
        (["HARBOURTOWN DAILY NEWS", "Council closes ferry pier", BODY], "Harbourtown Daily News", None, None, None),
        # an all-caps headline is not a masthead
        (["BREAKING NEWS", "Council closes ferry pier", BODY], None, None, None, None),
        (["COUNCIL CLOSES PIER", BODY], None, None, None, None),
        # header lines after the first paragraph are body text
        ([BODY, "By Ada Brennan", "June 4, 2024"], None, None, None, None),
        # a byline with two authors
        (["Pier closes", "By Ada Brennan and Tom Ilse", BODY], None, None, "Ada Brennan and Tom Ilse", None),
    ],
)
def test_read_text_header_finds_fields_before_the_body(
    blocks: list[str], outlet: str | None, section: str | None, byline: str | None, published: datetime | None
) -> None:
    header = read_text_header(blocks)
    assert (header.outlet, header.section, header.byline, header.published) == (outlet, section, byline, published)


def test_outlet_name_title_cases_all_caps_only() -> None:
    assert outlet_name("THE HARBOURTOWN COURIER") == "The Harbourtown Courier"
    assert outlet_name("NEWS OF THE WORLD") == "News of the World"
    assert outlet_name("de Volkskrant") == "de Volkskrant"


def test_clean_text_moves_header_lines_into_metadata_and_records_them() -> None:
    raw = "\n\n".join(
        ["THE HARBOURTOWN COURIER — Local", "Council closes ferry pier", "By Ada Brennan", "June 4, 2024", BODY]
    )
    found = clean_text(raw)
    assert found.title == "Council closes ferry pier"
    assert (found.outlet, found.byline) == ("The Harbourtown Courier", "Ada Brennan")
    assert found.published == datetime(2024, 6, 4, tzinfo=UTC)
    assert found.text.startswith("HARBOURTOWN — The council voted")
    assert {r.reason for r in found.removed} >= {"masthead", "byline", "date-line"}
    # idempotent: cleaning the cleaned text changes nothing
    assert clean_text(found.text).text == found.text


def test_clean_article_keeps_metadata_the_user_gave() -> None:
    raw = "\n\n".join(["THE HARBOURTOWN COURIER — Local", "Council closes ferry pier", "June 4, 2024", BODY])
    given = datetime(2024, 6, 5, 8, 0, tzinfo=UTC)
    article = Article(
        id=article_id(None, raw),
        version="v1",
        format=SourceFormat.TEXT,
        raw=raw,
        source="x.txt",
        outlet="Courier",
        published=given,
    )
    cleaned = clean_article(article)
    assert (cleaned.outlet, cleaned.published) == ("Courier", given)
    assert cleaned.title == "Council closes ferry pier"


def test_clean_text_drops_only_the_header_copy_of_a_line() -> None:
    later = "By Ada Brennan"  # the same words further down are body text, not the header
    raw = "\n\n".join(["Council closes ferry pier", "By Ada Brennan", BODY, later, BODY.replace("mayor", "clerk")])
    found = clean_text(raw)
    assert found.byline == "Ada Brennan"
    assert [r.reason for r in found.removed].count("byline") == 1
    # the later copy is left to the furniture rules, which record why they drop it
    assert any(r.text == later and r.reason != "byline" for r in found.removed) or later in found.text
