"""Writing records to stdout as json, jsonl, csv or a table. Logs and progress go to stderr."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table

Record = dict[str, object]


class OutputFormat(str, enum.Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def default_format() -> OutputFormat:
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.json


def _cell(value: object, width: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def write_records(
    records: Iterable[Record], fmt: OutputFormat, columns: Sequence[str], stream: TextIO | None = None
) -> int:
    """Write records; ``columns`` picks what a table or CSV shows (JSON keeps every field)."""
    out = stream or sys.stdout
    n = 0
    if fmt is OutputFormat.json:
        rows = list(records)
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return len(rows)
    if fmt is OutputFormat.jsonl:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt is OutputFormat.csv:
        writer = csv.writer(out)
        writer.writerow(columns)
        for rec in records:
            writer.writerow([_cell(rec.get(c)) for c in columns])
            n += 1
        return n
    table = Table(show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for rec in records:
        table.add_row(*[_cell(rec.get(c), 80) for c in columns])
        n += 1
    Console(file=out, markup=False, highlight=False, soft_wrap=False).print(table)
    return n
