"""Recompute figures and commitments of every stored release offline, in batches."""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow, get_run_logger

from config import settings
from extractors.extract import EXTRACTOR_VERSION, extract
from flows.rows import commitment_record, figure_record
from warehouse import load
from warehouse.db import Target, Warehouse, session

BATCH_SQL = """
select release_id, body_text, lang, published_at, published_date
from releases where {where} release_id > ? order by release_id limit ?
"""


def _ref_date(published_at: datetime | None, published_date: date | None) -> date | None:
    return published_date or (published_at.date() if published_at else None)


def reextract_all(
    con: Target,
    *,
    batch_size: int = 200,
    source_id: str | None = None,
    published_since: date | None = None,
) -> dict[str, int]:
    """Re-run extraction over stored bodies (no network); return releases seen and rows changed.

    Each batch is read and written in its own short session when `con` is a Warehouse.
    """
    seen = changed = 0
    last = ""
    where, head = "", list[object]()
    if source_id is not None:
        where, head = where + "source_id = ? and ", [*head, source_id]
    if published_since is not None:
        where, head = where + "published_date >= ? and ", [*head, published_since]
    sql = BATCH_SQL.format(where=where)
    while True:
        with session(con) as held:
            rows = held.execute(sql, [*head, last, batch_size]).fetchall()
        if not rows:
            break
        items = []
        for release_id, body, lang, at, day in rows:
            ex = extract(body, lang, _ref_date(at, day))
            figures = [figure_record(f) for f in ex.figures]
            commitments = [commitment_record(c) for c in ex.commitments]
            items.append((release_id, figures, commitments))
        with session(con) as held:
            changed += load.replace_extractions(held, items, extractor_version=EXTRACTOR_VERSION)
        seen += len(rows)
        last = rows[-1][0]
    return {"releases": seen, "rows_changed": changed}


@flow(name="pressroom-reextract")
def reextract(db: str | None = None, source: str | None = None, batch_size: int = 200) -> dict[str, int]:
    """Prefect flow: recompute figures and commitments for all stored releases."""
    warehouse = Warehouse(settings.db_path(db))  # held per batch: analysts' queries get in between
    result = reextract_all(warehouse, batch_size=batch_size, source_id=source)
    get_run_logger().info("re-extracted %(releases)d releases, %(rows_changed)d rows changed", result)
    return result
