"""Bulk writes: rows travel column-wise, one typed list parameter per column, many rows per statement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

Column = tuple[str, str]  # (name, DuckDB type)
Row = Sequence[Any]
# Rows per statement: large enough to amortize planning, small enough to bound the parameter lists.
CHUNK_ROWS = 20_000


def _select(columns: Sequence[Column]) -> str:
    # Several unnest() calls in one SELECT advance together, so the lists zip back into rows.
    return ", ".join(f"unnest(${i}::{typ}[]) AS {name}" for i, (name, typ) in enumerate(columns, 1))


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[Column], rows: Sequence[Row]
) -> int:
    """Insert rows into table with one statement per chunk; return how many were inserted."""
    if not rows:
        return 0
    names = ", ".join(name for name, _ in columns)
    sql = f"INSERT INTO {table} ({names}) SELECT {_select(columns)}"
    for start in range(0, len(rows), CHUNK_ROWS):
        part = rows[start : start + CHUNK_ROWS]
        con.execute(sql, [list(values) for values in zip(*part, strict=True)])
    return len(rows)


def stage(con: duckdb.DuckDBPyConnection, name: str, columns: Sequence[Column], rows: Sequence[Row]) -> None:
    """Replace the temporary table `name` with rows (a connection-local scratch table)."""
    cols = ", ".join(f"{col} {typ}" for col, typ in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
    insert_rows(con, name, columns, rows)


def id_list(con: duckdb.DuckDBPyConnection, name: str, ids: Sequence[str]) -> None:
    """Stage a one-column temp table of release ids for joins and IN (SELECT ...) filters."""
    stage(con, name, [("release_id", "VARCHAR")], [(i,) for i in ids])
