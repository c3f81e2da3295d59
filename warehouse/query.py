"""Read-only queries for analysts and the CLI, and their output formats."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from warehouse.db import READER_WAIT_S, connect_reader

Columns = list[str]
Rows = list[tuple[Any, ...]]
MAX_CELL = 80  # widest cell in the table format; longer text is cut with an ellipsis


def query(
    path: str | os.PathLike[str],
    sql: str,
    params: Sequence[Any] | None = None,
    *,
    wait_s: float = READER_WAIT_S,
) -> tuple[Columns, Rows]:
    """Run SQL on a sandboxed read-only connection to the warehouse; return column names and rows."""
    con = connect_reader(path, wait_s=wait_s)
    try:
        result = con.execute(sql, list(params or []))
        if result.description is None:
            return [], []
        return [d[0] for d in result.description], result.fetchall()
    finally:
        con.close()


def plain(value: Any) -> Any:
    """Return a JSON-ready version of a value (dates as ISO strings, bytes as base64)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, datetime | date | time):
        text = value.isoformat()
    else:
        text = json.dumps(plain(value), ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_table(columns: Columns, rows: Rows) -> str:
    """Return rows as an aligned text table with a header and a row count."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row[i], int | float | Decimal) for row in rows if row[i] is not None) for i in
               range(len(columns))]  # fmt: skip

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return " | ".join(parts).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_csv(columns: Columns, rows: Rows) -> str:
    """Return rows as CSV with a header line (lists and structs as JSON text)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v if isinstance(v, str) else _csv_value(plain(v)) for v in row])
    return buf.getvalue()


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def format_json(columns: Columns, rows: Rows) -> str:
    """Return rows as a JSON list of objects (dates and times as ISO 8601 strings)."""
    return json.dumps([dict(zip(columns, plain(list(row)), strict=True)) for row in rows], ensure_ascii=False)


def source_status(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Return the source_status view keyed by source id (read-only)."""
    columns, rows = query(path, "SELECT * FROM source_status")
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}
