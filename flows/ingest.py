"""One source's incremental ingest as plain functions: discover, fetch, parse, extract, load.

The nightly Prefect flow calls `ingest_source` once per source; tests call it directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from config import settings
from config.sources import Source
from extractors.pages import discover
from extractors.pages.discover import Candidate
from extractors.web.fetch import PageFetcher
from flows import revalidate
from flows.batch import PendingBatch
from flows.failures import FailurePolicy, admit_candidates
from flows.progress import Board, Lane, QuietLane
from flows.runlog import NIGHTLY, WRITE_LOCK, SourceReport, close_run, mark_crashed, start_run
from flows.signals import STOP
from flows.steps import process_isolated
from flows.walk import Stopper, Walk, advance, walk_listing
from warehouse import load
from warehouse.db import Target, session

log = logging.getLogger("pressroom.ingest")


@dataclass
class IngestOptions:
    """Knobs of one ingest run."""

    since: date | None = None
    now: datetime | None = None  # the run's clock for recheck windows (tests pin it)
    batch_size: int = settings.BATCH_SIZE
    max_pages: int = settings.MAX_LISTING_PAGES
    revalidate_days: int = settings.REVALIDATE_DAYS  # the whole archive is re-checked once in this many runs
    flow: str = "nightly"
    params: dict[str, Any] = field(default_factory=dict)
    stop: Stopper = STOP  # set by SIGINT/SIGTERM under `pressroom ingest` (flows.signals)
    board: Board | None = None  # progress per source on the console (`pressroom ingest`); None shows nothing


def retry_candidates(con: Target, source: Source, exclude: Iterable[str]) -> list[Candidate]:
    """URLs that failed in earlier runs and are not already queued."""
    skip = set(exclude)
    out = []
    with session(con) as held:
        errors = load.open_errors(held, source.id)
    for err in errors:
        url = err["url"]
        if url is None:
            continue  # an error of the source as a whole names no URL to retry
        key = source.release_key(url)
        if key and url not in skip:
            skip.add(url)
            out.append(Candidate(url, key, "retry"))
    return out


def ingest_source(source: Source, con: Target, fetcher: PageFetcher, opts: IngestOptions) -> SourceReport:
    """Run one source's nightly ingest end to end and record it in `runs`.

    `con` is a connection, or a Warehouse that is opened only for each write (never while fetching).
    """
    report = start_run(con, opts.flow, source.id, opts.params)
    batch = PendingBatch(source, con, report, size=opts.batch_size, now=opts.now)
    unreadable = False
    try:
        unreadable = _ingest(fetcher, batch, opts)
    except Exception as exc:  # deliberate: one source's crash is recorded and must not stop the others
        log.error("%s: run crashed: %s: %s", source.id, type(exc).__name__, exc)  # one line on the console
        log.debug("%s: crash traceback", source.id, exc_info=True)
        mark_crashed(report, exc)
        batch.save_pending()
    stopped = opts.stop.requested
    return close_run(
        con, report, NIGHTLY, first_error=batch.first_error, unreadable=unreadable, stopped=stopped
    )


def _ingest(fetcher: PageFetcher, batch: PendingBatch, opts: IngestOptions) -> bool:
    """Discover, add retries and rechecks, process every candidate, flush; True when discovery failed."""
    source, con = batch.source, batch.con
    lane: Lane = opts.board.lane(source.id) if opts.board else QuietLane()
    with session(con) as held:
        stored = load.stored_state(held, source.id)
        batch.policy = FailurePolicy.load(held, source)
        mark = load.get_watermark(held, source.id)
    batch.report.parked_before = batch.policy.parked()
    found = walk_listing(
        fetcher, batch, stored, mark=mark, since=opts.since, max_pages=opts.max_pages, stop=opts.stop
    )
    cands = found.candidates
    cands += retry_candidates(con, source, {c.url for c in cands})
    cands += revalidate.candidates(
        stored, now=batch.now, source=source, every_days=opts.revalidate_days, exclude={c.key for c in cands}
    )
    cands += discover.recheck_candidates(
        stored, now=batch.now, recheck_days=source.recheck_days, exclude={c.key for c in cands}
    )
    cands, waiting = admit_candidates(batch.policy, cands)  # parked and backing-off URLs wait
    batch.report.waiting += waiting
    lane.begin(len(cands))
    for done, cand in enumerate(cands, 1):
        if opts.stop.requested:
            break  # what was fetched is saved below; the watermark keeps the rest for the next run
        page = found.pages.get(cand.key)
        process_isolated(fetcher, batch, cand, stored.get(cand.key), listing_page=page)
        lane.update(done, batch.report)
    batch.flush()
    lane.end(batch.report)
    _advance_watermark(batch, mark, found, opts)
    return found.failed


def _advance_watermark(
    batch: PendingBatch, mark: load.Watermark | None, found: Walk, opts: IngestOptions
) -> None:
    """Move the source's watermark down to what is now stored (or on record as failed)."""
    source = batch.source
    # Parked and backing-off URLs are on record in `errors`: they count as accounted for.
    with WRITE_LOCK, session(batch.con) as con:
        accounted = load.stored_keys(con, source.id)
        errors = load.open_errors(con, source.id)
        accounted |= {k for e in errors if (k := source.release_key(e["url"] or ""))}
        new = advance(source.id, mark, found, accounted, since=opts.since, run_id=batch.report.run_id)
        if new is not None:
            load.save_watermark(con, new)
