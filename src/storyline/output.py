"""Writing records to stdout as json, jsonl, csv or a table. Logs and progress go to stderr."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    records: Iterable[Record],
    fmt: OutputFormat,
    columns: Sequence[str],
    stream: TextIO | None = None,
    *,
    table_cells: Mapping[str, Callable[[object], str]] | None = None,
) -> int:
    """Write records; ``columns`` picks what a table or CSV shows (JSON keeps every field).
    ``table_cells``: how a table shows a column whose values are nested (one readable line per
    item instead of cut-off JSON); CSV keeps the JSON, which loses nothing."""
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
    cells = table_cells or {}
    table = Table(show_lines=bool(cells), header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for rec in records:
        table.add_row(*[cells[c](rec.get(c)) if c in cells else _cell(rec.get(c), 80) for c in columns])
        n += 1
    Console(file=out, markup=False, highlight=False, soft_wrap=False).print(table)
    return n


def short(text: object, width: int = 70) -> str:
    """One line of at most ``width`` characters (whitespace collapsed; cut with an ellipsis)."""
    return _cell(text, width)


def positions_cell(value: object) -> str:
    """A dispute's positions for a table: one line per party (who, stance, cue, when, how many
    outlets carried it, and the first piece of evidence)."""
    lines = []
    for pos in value if isinstance(value, list) else []:
        if not isinstance(pos, dict):
            continue
        said = [str(x) for x in (pos.get("cue"), str(pos.get("said_at") or "")[:10]) if x]
        outlets = pos.get("outlets") or []
        evidence = pos.get("evidence") or []
        first = evidence[0].get("text") if evidence and isinstance(evidence[0], dict) else None
        line = f"{short(pos.get('actor'), 40)} {pos.get('stance')}"
        if said:
            line += f" ({'; '.join(short(x, 30) for x in said)})"
        if isinstance(outlets, list) and len(outlets) > 1:
            line += f" [{len(outlets)} outlets]"
        if first:
            line += f": “{short(first, 70)}”"
        lines.append(line)
    return "\n".join(lines)


def evidence_cell(value: object) -> str:
    """A list of evidence for a table: how many pieces, and the first one, shortened."""
    items = [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []
    if not items:
        return ""
    first = f"“{short(items[0].get('text'), 70)}”"
    return first if len(items) == 1 else f"{first} (+{len(items) - 1} more)"
