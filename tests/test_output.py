"""Records on stdout: json, jsonl, csv and table; nested values readable in a table."""

from __future__ import annotations

import csv
import io
import json

from storyline.output import OutputFormat, evidence_cell, positions_cell, write_records

DISPUTE = {
    "proposition": "Marisca asked for every levy to go",
    "independent_origins": 2,
    "positions": [
        {
            "actor": "Annika Hollis",
            "stance": "asserts",
            "cue": "told",
            "said_at": "2025-03-12T23:59:59+00:00",
            "outlets": ["The Harbour Ledger", "Continental Press"],
            "evidence": [
                {"article_id": "a_1", "text": "that the levy   question\nhad sunk the deal", "start": 0, "end": 9}
            ],
        },
        {
            "actor": "Teodor Vask",
            "stance": "denies",
            "cue": None,
            "said_at": None,
            "outlets": ["The Harbour Ledger"],
            "evidence": [{"article_id": "a_2", "text": "[bold]only the surcharges[/bold] " + "x" * 200}],
        },
    ],
}


def _table(records: list[dict[str, object]], columns: list[str], **kw: object) -> str:
    out = io.StringIO()
    write_records(records, OutputFormat.table, columns, out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_positions_cell_gives_one_line_per_party() -> None:
    lines = positions_cell(DISPUTE["positions"]).split("\n")
    assert lines[0] == (
        "Annika Hollis asserts (told; 2025-03-12) [2 outlets]: “that the levy question had sunk the deal”"
    )
    assert lines[1].startswith("Teodor Vask denies: “[bold]only the surcharges[/bold] x")
    assert lines[1].endswith("…”") and len(lines[1]) < 120  # evidence cut to one short line


def test_positions_cell_tolerates_odd_values() -> None:
    assert positions_cell(None) == ""
    assert positions_cell(["not a dict", {"actor": "A", "stance": "asserts"}]) == "A asserts"


def test_evidence_cell_counts_the_rest() -> None:
    assert evidence_cell([]) == ""
    assert evidence_cell([{"text": "one"}]) == "“one”"
    assert evidence_cell([{"text": "one"}, {"text": "two"}, {"text": "three"}]) == "“one” (+2 more)"


def test_table_shows_nested_values_readably_and_text_literally() -> None:
    text = _table([DISPUTE], ["proposition", "positions"], table_cells={"positions": positions_cell})
    flat = " ".join(text.split())
    assert "Annika Hollis asserts" in flat and "Teodor Vask denies" in flat
    assert '"actor"' not in text  # not the JSON of the positions
    assert "[bold]only" in flat  # article text is shown as written, never read as markup


def test_table_without_renderer_cuts_json_cells() -> None:
    text = _table([DISPUTE], ["positions"])
    assert '"actor"' in text and "…" in text


def test_csv_keeps_the_whole_json() -> None:
    out = io.StringIO()
    write_records([DISPUTE], OutputFormat.csv, ["proposition", "positions"], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["proposition", "positions"]
    assert json.loads(rows[1][1])[1]["actor"] == "Teodor Vask"


def test_json_and_jsonl_keep_every_field() -> None:
    out = io.StringIO()
    assert write_records([DISPUTE, {"proposition": "b"}], OutputFormat.jsonl, ["proposition"], out) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["positions"][0]["outlets"] == ["The Harbour Ledger", "Continental Press"]
    out = io.StringIO()
    write_records([DISPUTE], OutputFormat.json, ["proposition"], out)
    assert json.loads(out.getvalue())[0]["independent_origins"] == 2
