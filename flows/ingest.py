"""One source's incremental ingest as plain functions: discover, fetch, parse, extract, load.

The nightly Prefect flow calls `ingest_source` once per source; tests call it directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from config import settings
from config.sources import FETCH_KINDS, Source
from extractors.pages import discover
from extractors.pages.discover import Candidate
from extractors.pages.parse import parse_page
from extractors.web.fetch import Outcome, PageFetcher
from flows import revalidate
from flows.batch import PageHandle, PendingBatch
from flows.failures import FailurePolicy, admit_candidates
from flows.runlog import NIGHTLY, SourceReport, close_run, mark_crashed, start_run
from flows.steps import date_reader, fetch_page, process_isolated
from warehouse import load
from warehouse.db import Target, session
from warehouse.records import StoredRelease

log = logging.getLogger("pressroom.ingest")
EMPTY_FIRST_PAGE = "first listing page has no items (selectors out of date, or a block page?)"


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


@dataclass
class Discovery:
    """What walking a source's listing found: candidates, the page each came in, whether it failed."""

    candidates: list[Candidate] = field(default_factory=list)
    pages: dict[str, PageHandle] = field(default_factory=dict)  # release key -> its listing or feed page
    failed: bool = False  # the listing could not be read: nothing new can be known


def walk_listing(
    fetcher: PageFetcher,
    batch: PendingBatch,
    stored: Mapping[str, StoredRelease],
    opts: IngestOptions,
) -> Discovery:
    """Walk listing pages newest first until a page adds nothing new."""
    source, report = batch.source, batch.report
    found, state = Discovery(), discover.WalkState()
    page_kind, read_date = FETCH_KINDS[source.fetch_kind].page_kind, date_reader(source)
    for url in discover.page_urls(source, max_pages=opts.max_pages):
        result, handle = fetch_page(fetcher, batch, url, page_kind)
        if result.outcome == Outcome.NOT_FOUND:
            break  # past the last page (kremlin answers 404)
        if handle is None:  # refused, failed or disallowed: only OK pages are kept
            batch.fail_fetch(source.canonical_url(url), "discover", result)
            found.failed = True
            break
        report.pages_fetched += 1
        page = parse_page(result, source, url)
        if not page.items and report.pages_fetched == 1 and not page.past_end:
            # An empty first page is a changed site or a block page, never "nothing published".
            batch.fail(source.canonical_url(url), "discover", EMPTY_FIRST_PAGE, result.status)
            found.failed = True
            break
        for item in page.items:
            found.pages.setdefault(item.key, handle)
        _, more = discover.visit_page(url, page, state, stored, opts.since, read_date)
        if not more:
            break
    found.candidates = state.candidates
    return found


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
    return close_run(con, report, NIGHTLY, first_error=batch.first_error, unreadable=unreadable)


def _ingest(fetcher: PageFetcher, batch: PendingBatch, opts: IngestOptions) -> bool:
    """Discover, add retries and rechecks, process every candidate, flush; True when discovery failed."""
    source, con = batch.source, batch.con
    with session(con) as held:
        stored = load.stored_state(held, source.id)
        batch.policy = FailurePolicy.load(held, source)
    batch.report.parked_before = batch.policy.parked()
    found = walk_listing(fetcher, batch, stored, opts)
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
    for cand in cands:
        page = found.pages.get(cand.key)
        process_isolated(fetcher, batch, cand, stored.get(cand.key), listing_page=page)
    batch.flush()
    return found.failed
