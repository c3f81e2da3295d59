"""Recompute figures and commitments of every stored release offline, in batches, on every core."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
from prefect import flow, get_run_logger

from config import settings
from extractors.extract import EXTRACTOR_VERSION
from flows.parallel import default_workers, ordered_map
from flows.rows import Row, extract_rows
from warehouse import db as warehouse_db
from warehouse import load

BATCH_SQL = """
select release_id, body_text, lang, published_at, published_date
from releases where release_id > ? order by release_id limit ?
"""


def stored_batches(
    con: duckdb.DuckDBPyConnection, batch_size: int, source_id: str | None
) -> Iterator[list[Row]]:
    """Stored releases in release_id order, a batch at a time (read lazily, as the pool asks)."""
    last = ""
    sql = BATCH_SQL if source_id is None else BATCH_SQL.replace("where", "where source_id = ? and")
    while True:
        args = [last, batch_size] if source_id is None else [source_id, last, batch_size]
        rows = con.execute(sql, args).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def reextract_all(
    con: duckdb.DuckDBPyConnection,
    *,
    batch_size: int = 200,
    source_id: str | None = None,
    workers: int = 1,
) -> dict[str, int]:
    """Re-run extraction over stored bodies (no network), regroup threads; return releases, rows, threads.

    Batches are extracted by `workers` processes and stored by this one, in order, one transaction each.
    """
    seen = changed = 0
    for items in ordered_map(extract_rows, stored_batches(con, batch_size, source_id), workers):
        changed += load.replace_extractions(con, items, extractor_version=EXTRACTOR_VERSION)
        seen += len(items)
    threads = load.refresh_threads(con)  # new keys regroup the promise threads
    return {"releases": seen, "rows_changed": changed, "threads": threads}


def reextract_file(
    db: str | None = None, *, source: str | None = None, batch_size: int = 200, workers: int | None = None
) -> dict[str, int]:
    """Open the warehouse, re-extract its releases (or one source's) on `workers` processes, close it."""
    con = warehouse_db.connect(settings.db_path(db))
    try:
        return reextract_all(
            con, batch_size=batch_size, source_id=source, workers=workers or default_workers()
        )
    finally:
        con.close()


@flow(name="pressroom-reextract")
def reextract(
    db: str | None = None, source: str | None = None, batch_size: int = 200, workers: int | None = None
) -> dict[str, int]:
    """Prefect flow: recompute figures and commitments for all stored releases."""
    from flows.orchestration import flow_guard

    with flow_guard(settings.db_path(db)):  # one writer per warehouse at a time
        result = reextract_file(db, source=source, batch_size=batch_size, workers=workers)
    get_run_logger().info(
        "re-extracted %(releases)d releases, %(rows_changed)d rows changed, %(threads)d threads", result
    )
    return result
