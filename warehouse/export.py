"""Export the warehouse as Parquet files, hive-partitioned by source and publication year.

Any engine that reads Parquet (Spark, Polars, pandas, DuckDB elsewhere) then reads the warehouse:
`DIR/<table>/source_id=<id>/year=<yyyy>/*.parquet`. The release tables and their facts are partitioned;
run bookkeeping (`runs`, `errors`) and the promise threads are written as one file per table. Raw page
bodies are not exported (they are the warehouse's own re-parse store, not analysis data).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

# Every partitioned table, with the SELECT that adds its partition keys (a release's local year: the
# published date when only a date is known, else the UTC instant's year).
_YEAR = "coalesce(year(r.published_date), year(r.published_at AT TIME ZONE 'UTC'), 0)"
PARTITIONED = {
    "releases": f"SELECT r.*, {_YEAR} AS year FROM releases r",
    "release_versions": (
        "SELECT v.*, r.source_id, "
        "coalesce(year(v.published_date), year(v.published_at AT TIME ZONE 'UTC'), 0) AS year "
        "FROM release_versions v JOIN releases r USING (release_id)"
    ),
    "figures": f"SELECT f.*, r.source_id, {_YEAR} AS year FROM figures f JOIN releases r USING (release_id)",
    "commitments": (
        f"SELECT c.*, r.source_id, {_YEAR} AS year FROM commitments c JOIN releases r USING (release_id)"
    ),
}
# Small or derived tables, one file each (a thread spans sources and years).
UNPARTITIONED = ("runs", "errors", "commitment_threads", "commitment_thread_members")


class ExportError(RuntimeError):
    """The target folder cannot take an export (it holds files that are not an earlier export)."""


@dataclass(frozen=True)
class ExportStats:
    """Rows written per table."""

    rows: dict[str, int]
    folder: Path


def export_parquet(con: duckdb.DuckDBPyConnection, folder: str | os.PathLike[str]) -> ExportStats:
    """Write every public table under `folder` (replacing an earlier export there); return rows per table."""
    out = Path(folder)
    _check_target(out)
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    for table, select in PARTITIONED.items():
        target = out / table
        shutil.rmtree(target, ignore_errors=True)  # an earlier export's partitions must not linger
        con.execute(
            f"COPY ({select}) TO '{_quoted(target)}' (FORMAT parquet, PARTITION_BY (source_id, year))"
        )
        rows[table] = _count(con, table)
    for table in UNPARTITIONED:
        target = out / f"{table}.parquet"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_quoted(target)}' (FORMAT parquet)")
        rows[table] = _count(con, table)
    return ExportStats(rows, out)


def _check_target(out: Path) -> None:
    """Refuse a folder holding anything but an earlier export (never overwrite someone's files)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder")
    known = set(PARTITIONED) | {f"{t}.parquet" for t in UNPARTITIONED}
    foreign = sorted(p.name for p in out.iterdir() if p.name not in known)
    if foreign:
        raise ExportError(f"{out} holds files that are not a pressroom export: {foreign[:5]}")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _quoted(path: Path) -> str:
    """A path as a SQL string literal's content."""
    return str(path).replace("'", "''")
