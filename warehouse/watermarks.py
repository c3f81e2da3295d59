"""Per-source completeness watermarks: how far down its listing the warehouse holds every release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from warehouse.db import now_utc, utc


@dataclass(frozen=True)
class Watermark:
    """Every release listed from `top` down to `floor` is stored; `complete`: the floor is the bottom.

    `since`: the walk that reached the bottom stopped at this date (None: at the end of the listing).
    """

    source_id: str
    top_key: str | None = None
    top_at: datetime | None = None
    floor_key: str | None = None
    floor_at: datetime | None = None
    complete: bool = False
    since: date | None = None
    run_id: int | None = None
    updated_at: datetime | None = None


_COLUMNS = "source_id, top_key, top_at, floor_key, floor_at, complete, since, run_id, updated_at"


def get_watermark(con: duckdb.DuckDBPyConnection, source_id: str) -> Watermark | None:
    """Return a source's watermark, or None when no run has established one."""
    row = con.execute(f"SELECT {_COLUMNS} FROM watermarks WHERE source_id = ?", [source_id]).fetchone()
    if row is None:
        return None
    sid, top_key, top_at, floor_key, floor_at, complete, since, run_id, updated_at = row
    return Watermark(sid, top_key, top_at, floor_key, floor_at, bool(complete), since, run_id, updated_at)


def save_watermark(con: duckdb.DuckDBPyConnection, mark: Watermark) -> None:
    """Record (replace) a source's watermark."""
    con.execute(
        f"INSERT OR REPLACE INTO watermarks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            mark.source_id,
            mark.top_key,
            utc(mark.top_at, field="top_at"),
            mark.floor_key,
            utc(mark.floor_at, field="floor_at"),
            mark.complete,
            mark.since,
            mark.run_id,
            now_utc(),
        ],
    )


def stored_keys(con: duckdb.DuckDBPyConnection, source_id: str) -> set[str]:
    """The release keys of a source that the warehouse holds."""
    rows = con.execute("SELECT key FROM releases WHERE source_id = ?", [source_id]).fetchall()
    return {str(r[0]) for r in rows}
