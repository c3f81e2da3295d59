"""Recompute figures and commitments of every stored release offline, in batches."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
from prefect import flow, get_run_logger

from config import settings
from extractors.extract import EXTRACTOR_VERSION, extract
from flows.rows import commitment_record, figure_record
from warehouse import db as warehouse_db
from warehouse import load

BATCH_SQL = """
select release_id, body_text, lang, published_at, published_date
from releases where release_id > ? order by release_id limit ?
"""


def _ref_date(published_at: datetime | None, published_date: date | None) -> date | None:
    return published_date or (published_at.date() if published_at else None)


def reextract_all(
    con: duckdb.DuckDBPyConnection, *, batch_size: int = 200, source_id: str | None = None
) -> dict[str, int]:
    """Re-run extraction over stored bodies (no network), regroup threads; return releases, rows, threads."""
    seen = changed = 0
    last = ""
    sql = BATCH_SQL if source_id is None else BATCH_SQL.replace("where", "where source_id = ? and")
    while True:
        args = [last, batch_size] if source_id is None else [source_id, last, batch_size]
        rows = con.execute(sql, args).fetchall()
        if not rows:
            break
        items = []
        for release_id, body, lang, at, day in rows:
            ex = extract(body, lang, _ref_date(at, day))
            figures = [figure_record(f) for f in ex.figures]
            commitments = [commitment_record(c) for c in ex.commitments]
            items.append((release_id, figures, commitments))
        changed += load.replace_extractions(con, items, extractor_version=EXTRACTOR_VERSION)
        seen += len(rows)
        last = rows[-1][0]
    threads = load.refresh_threads(con)  # new keys regroup the promise threads
    return {"releases": seen, "rows_changed": changed, "threads": threads}


@flow(name="pressroom-reextract")
def reextract(db: str | None = None, source: str | None = None, batch_size: int = 200) -> dict[str, int]:
    """Prefect flow: recompute figures and commitments for all stored releases."""
    con = warehouse_db.connect(settings.db_path(db))
    try:
        result = reextract_all(con, batch_size=batch_size, source_id=source)
    finally:
        con.close()
    get_run_logger().info(
        "re-extracted %(releases)d releases, %(rows_changed)d rows changed, %(threads)d threads", result
    )
    return result
