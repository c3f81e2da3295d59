"""One source's incremental ingest as plain functions: discover, fetch, parse, extract, load.

The nightly Prefect flow calls `ingest_source` once per source; tests call it directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from config import settings
from config.sources import Source
from extractors.pages import discover
from extractors.pages.discover import Candidate
from extractors.web.fetch import PageFetcher
from flows.batch import PendingBatch
from flows.runlog import NIGHTLY, WRITE_LOCK, SourceReport, close_run, mark_crashed, start_run
from flows.signals import STOP
from flows.steps import process
from flows.walk import Stopper, Walk, advance, walk_listing
from warehouse import load

log = logging.getLogger("pressroom.ingest")


@dataclass
class IngestOptions:
    """Knobs of one ingest run."""

    since: date | None = None
    now: datetime | None = None  # the run's clock for recheck windows (tests pin it)
    batch_size: int = settings.BATCH_SIZE
    max_pages: int = settings.MAX_LISTING_PAGES
    flow: str = "nightly"
    params: dict[str, Any] = field(default_factory=dict)
    stop: Stopper = STOP  # set by SIGINT/SIGTERM under `pressroom ingest` (flows.signals)


def retry_candidates(
    con: duckdb.DuckDBPyConnection, source: Source, exclude: Iterable[str]
) -> list[Candidate]:
    """URLs that failed in earlier runs and are not already queued."""
    skip = set(exclude)
    out = []
    for err in load.open_errors(con, source.id):
        url = err["url"]
        if url is None:
            continue  # an error of the source as a whole names no URL to retry
        key = source.release_key(url)
        if key and url not in skip:
            skip.add(url)
            out.append(Candidate(url, key, "retry"))
    return out


def ingest_source(
    source: Source, con: duckdb.DuckDBPyConnection, fetcher: PageFetcher, opts: IngestOptions
) -> SourceReport:
    """Run one source's nightly ingest end to end and record it in `runs`."""
    report = start_run(con, opts.flow, source.id, opts.params)
    batch = PendingBatch(source, con, report, size=opts.batch_size, now=opts.now)
    unreadable = False
    try:
        unreadable = _ingest(fetcher, batch, opts)
    except Exception as exc:  # deliberate: one source's crash is recorded and must not stop the others
        log.exception("%s: run crashed", source.id)
        mark_crashed(report, exc)
        batch.save_pending()
    stopped = opts.stop.requested
    return close_run(
        con, report, NIGHTLY, first_error=batch.first_error, unreadable=unreadable, stopped=stopped
    )


def _ingest(fetcher: PageFetcher, batch: PendingBatch, opts: IngestOptions) -> bool:
    """Discover, add retries and rechecks, process every candidate, flush; True when discovery failed."""
    source, con = batch.source, batch.con
    stored = load.stored_state(con, source.id)
    mark = load.get_watermark(con, source.id)
    found = walk_listing(
        fetcher, batch, stored, mark=mark, since=opts.since, max_pages=opts.max_pages, stop=opts.stop
    )
    cands = found.candidates
    cands += retry_candidates(con, source, {c.url for c in cands})
    cands += discover.recheck_candidates(
        stored, now=batch.now, recheck_days=source.recheck_days, exclude={c.key for c in cands}
    )
    for cand in cands:
        if opts.stop.requested:
            break  # what was fetched is saved below; the watermark keeps the rest for the next run
        process(fetcher, batch, cand, stored.get(cand.key), listing_page=found.pages.get(cand.key))
    batch.flush()
    _advance_watermark(batch, mark, found, opts)
    return found.failed


def _advance_watermark(
    batch: PendingBatch, mark: load.Watermark | None, found: Walk, opts: IngestOptions
) -> None:
    """Move the source's watermark down to what is now stored (or on record as failed)."""
    source, con = batch.source, batch.con
    accounted = load.stored_keys(con, source.id)
    accounted |= {k for e in load.open_errors(con, source.id) if (k := source.release_key(e["url"] or ""))}
    new = advance(source.id, mark, found, accounted, since=opts.since, run_id=batch.report.run_id)
    if new is not None:
        with WRITE_LOCK:
            load.save_watermark(con, new)
