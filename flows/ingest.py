"""One source's incremental ingest as plain functions: discover, fetch, parse, extract, load.

The Prefect flows call `ingest_source` once per source; tests call it directly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from config import settings
from config.sources import Source
from extractors.extract import extract
from extractors.models import ListingItem, ListingPage, ParsedRelease, Published
from extractors.pages import discover
from extractors.pages.discover import Candidate
from extractors.pages.parse import (
    ParseError,
    parse_api_search,
    parse_feed,
    parse_feed_entry,
    parse_listing,
    parse_release,
)
from extractors.pages.timestamps import choose_published, normalize_published
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.records import error_record, raw_page_record, release_record
from warehouse import load
from warehouse.db import transaction
from warehouse.records import ErrorRecord, LoadStats, RawPageRecord, ReleaseRecord, StoredRelease

log = logging.getLogger("pressroom.ingest")
# DuckDB allows one writer process; within it, writes from source threads are serialized here.
WRITE_LOCK = threading.Lock()


@dataclass
class IngestOptions:
    """Knobs of one ingest run."""

    since: date | None = None
    now: datetime | None = None  # the run's clock for recheck windows (tests pin it)
    batch_size: int = settings.BATCH_SIZE
    max_pages: int = settings.MAX_LISTING_PAGES
    flow: str = "nightly"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class SourceReport:
    """What one source's run did; also the row written to `runs`."""

    source_id: str
    status: str = "ok"  # ok | partial | failed
    pages_fetched: int = 0
    requests: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    refused: int = 0
    message: str = ""
    run_id: int | None = None

    def counters(self) -> dict[str, int]:
        """Counters in the `runs` table's names."""
        return {
            "pages_fetched": self.pages_fetched,
            "requests": self.requests,
            "releases_new": self.new,
            "releases_updated": self.updated,
            "releases_unchanged": self.unchanged,
            "releases_failed": self.failed,
        }


class SourceJob:
    """State of one source's run: pending records and errors, flushed in batches."""

    def __init__(
        self, source: Source, con: duckdb.DuckDBPyConnection, fetcher: PageFetcher, opts: IngestOptions
    ) -> None:
        self.source, self.con, self.fetcher, self.opts = source, con, fetcher, opts
        self.report = SourceReport(source.id)
        self.records: list[ReleaseRecord] = []
        self.record_pages: list[int | None] = []  # per record: its page's place in raw_pages, if kept
        self.errors: list[ErrorRecord] = []
        self.resolved: list[str] = []
        self.checked: list[str] = []
        self.raw_pages: list[RawPageRecord] = []
        self.first_error = ""  # the summary names it: which source failed, and why
        self.discovery_failed = False
        self.raw_index: dict[int, int] = {}  # id(FetchResult) -> its place in raw_pages
        self.page_of_key: dict[str, int] = {}  # feed entries: key -> the feed page they came in

    # -- fetching ----------------------------------------------------------------------------
    def fetch(
        self, url: str, kind: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """Fetch one URL of this source (conditionally, given validators) and keep the raw response."""
        result = self.fetcher.get(
            self.source.fetch_url(url),
            self.source.politeness,
            refusal_markers=self.source.refusal_markers,
            etag=etag,
            last_modified=last_modified,
        )
        self.report.requests += result.attempts
        if result.outcome == Outcome.OK:
            # Saved with the batch it feeds, in the same transaction (see flush).
            self.raw_index[id(result)] = len(self.raw_pages)
            self.raw_pages.append(raw_page_record(self.source, url, kind, result))
        return result

    def keep_raw(self, page: RawPageRecord, result: FetchResult) -> None:
        """Keep a raw page fetched elsewhere (WARC, Wayback) to save with the batch `result` feeds."""
        self.raw_index[id(result)] = len(self.raw_pages)
        self.raw_pages.append(page)

    def fail(self, url: str, stage: str, reason: str, status: int | None = None) -> None:
        """Remember a failed URL; the next run retries it."""
        self.errors.append(error_record(url, stage, reason, status))
        self.report.failed += 1
        self.first_error = self.first_error or f"{stage} {url}: {reason}"
        log.warning("%s: %s failed at %s: %s", self.source.id, url, stage, reason)

    # -- discovery ---------------------------------------------------------------------------
    def normalize(self, raw: str | None) -> Published:
        """Normalize a listing date with the source's zone."""
        return normalize_published(
            raw, tz=self.source.timezone, lang=self.source.lang, formats=self.source.date_formats
        )

    def discover(self, stored: Mapping[str, StoredRelease]) -> list[Candidate]:
        """Walk pages newest first until a page adds nothing new."""
        state = discover.WalkState()
        for url in discover.page_urls(self.source, max_pages=self.opts.max_pages):
            result = self.fetch(url, "listing" if self.source.fetch_kind != "feed" else "feed")
            if result.outcome == Outcome.NOT_FOUND:
                break  # past the last page (kremlin answers 404)
            if result.outcome != Outcome.OK:
                self._refused_or_failed(self.source.canonical_url(url), "discover", result)
                self.discovery_failed = True
                break
            self.report.pages_fetched += 1
            page = self.parse_page(result, url)
            if not page.items and self.report.pages_fetched == 1 and not page.past_end:
                # An empty first page is a changed site or a block page, never "nothing published".
                reason = "first listing page has no items (selectors out of date, or a block page?)"
                self.fail(self.source.canonical_url(url), "discover", reason, result.status)
                self.discovery_failed = True
                break
            for item in page.items:
                self.page_of_key.setdefault(item.key, self.raw_index[id(result)])
            _, more = discover.visit_page(url, page, state, stored, self.opts.since, self.normalize)
            if not more:
                break
        return state.candidates

    def parse_page(self, result: FetchResult, url: str) -> ListingPage:
        """Parse a listing, feed or API page by the source's fetch kind."""
        if self.source.fetch_kind == "feed":
            return parse_feed(result.body, self.source)
        if self.source.fetch_kind == "api":
            return parse_api_search(result.body, self.source)
        return parse_listing(result.text(), self.source, url)

    def _refused_or_failed(self, url: str, stage: str, result: FetchResult) -> None:
        if result.outcome == Outcome.REFUSED:
            self.report.refused += 1
        self.fail(url, stage, f"{result.outcome}: {result.reason}", result.status)

    # -- articles ----------------------------------------------------------------------------
    def process(self, cand: Candidate, stored: Mapping[str, StoredRelease]) -> None:
        """Fetch (unless the feed carries the body), parse, normalize, extract and queue one release."""
        known = stored.get(cand.key)
        item = cand.item
        feed = self.source.feed
        if item is not None and item.content_html and feed is not None and feed.use_content:
            self.queue(cand, parse_feed_entry(item, self.source), None, known)
            return
        etag = last_modified = None
        if cand.reason == "recheck" and known is not None:
            etag, last_modified = known.etag, known.last_modified
        article_url = cand.url + self.source.article.url_suffix
        result = self.fetch(article_url, "article", etag=etag, last_modified=last_modified)
        if result.outcome == Outcome.NOT_MODIFIED:
            self.checked.append(cand.key)
            self.resolved.append(cand.url)
            return
        if result.outcome != Outcome.OK:
            self._refused_or_failed(cand.url, "fetch", result)
            return
        try:
            parsed = parse_release(result.body, self.source, cand.url, item=item)
        except ParseError as exc:
            self.fail(cand.url, "parse", str(exc))
            return
        self.queue(cand, parsed, result, known)

    def queue(
        self,
        cand: Candidate,
        parsed: ParsedRelease,
        result: FetchResult | None,
        known: StoredRelease | None,
        capture_url: str | None = None,
    ) -> None:
        """Normalize and extract one parsed release and add it to the pending batch."""
        fallbacks = [cand.item.published_raw if cand.item else None, getattr(known, "published_raw", None)]
        published = choose_published(
            parsed.published_raw,
            *fallbacks,
            tz=self.source.timezone,
            lang=parsed.lang,
            formats=self.source.date_formats,
        )
        if not self.in_scope(published):
            self.resolved.append(cand.url)
            return
        extraction = extract(parsed.body_text, parsed.lang, published.day)
        record = release_record(
            self.source, parsed, published, extraction, result, _updated(cand.item), self.now, capture_url
        )
        self.records.append(record)
        self.record_pages.append(self.raw_index.pop(id(result)) if result else self.page_of_key.get(cand.key))
        self.resolved.append(cand.url)
        if len(self.records) >= self.opts.batch_size:
            self.flush()

    def in_scope(self, published: Published) -> bool:
        """Whether a release dated `published` belongs to this run (every release does, nightly)."""
        return True

    @property
    def now(self) -> datetime:
        """The run's clock."""
        return self.opts.now or datetime.now(UTC)

    def flush(self) -> None:
        """Store raw pages, releases and bookkeeping of the pending batch in one transaction."""
        with WRITE_LOCK:
            try:
                with transaction(self.con):
                    self._write()
            except load.LoadError as exc:
                # One bad record must not sink its batch: store the others one by one.
                log.warning("%s: batch rejected (%s); loading releases one by one", self.source.id, exc)
                self._write_one_by_one()
        self.records, self.record_pages, self.checked, self.resolved, self.errors = [], [], [], [], []
        self.raw_pages, self.page_of_key = [], {}
        self.raw_index.clear()

    def _write(self) -> None:
        page_ids = load.save_raw_pages(self.con, self.raw_pages) if self.raw_pages else []
        for rec, idx in zip(self.records, self.record_pages, strict=True):
            rec["page_id"] = page_ids[idx] if idx is not None and idx < len(page_ids) else None
        self.record_pages = [None] * len(self.records)  # each place is taken once: a rewrite links no page
        if self.records:
            self._count(load.load_batch(self.con, self.records, run_id=self.report.run_id))
        if self.checked:
            load.touch_checked(self.con, [f"{self.source.id}:{k}" for k in self.checked], self.now)
        if self.resolved:
            load.resolve_errors(self.con, self.source.id, self.resolved)
        if self.errors:
            load.record_errors(self.con, self.report.run_id, self.source.id, self.errors)

    def _write_one_by_one(self) -> None:
        records, self.records, self.record_pages = self.records, [], []
        for rec in records:
            rec["page_id"] = None  # ids handed out by the rolled-back attempt are void
            try:
                with transaction(self.con):
                    self._count(load.load_batch(self.con, [rec], run_id=self.report.run_id))
            except load.LoadError as exc:
                self.resolved = [u for u in self.resolved if u != rec["url"]]
                self.fail(rec["url"], "load", str(exc))
        with transaction(self.con):
            self._write()  # raw pages and bookkeeping

    def _count(self, stats: LoadStats) -> None:
        self.report.new += stats.new
        self.report.updated += stats.updated
        self.report.unchanged += stats.unchanged


def _updated(item: ListingItem | None) -> str | None:
    return item.updated_raw if item else None


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
    job = SourceJob(source, con, fetcher, opts)
    with WRITE_LOCK:
        job.report.run_id = load.start_run(con, opts.flow, source.id, opts.params)
    try:
        stored = load.stored_state(con, source.id)
        cands = job.discover(stored)
        queued = {c.url for c in cands}
        cands += retry_candidates(con, source, queued)
        queued |= {c.url for c in cands}
        cands += discover.recheck_candidates(
            stored, now=job.now, recheck_days=source.recheck_days, exclude={c.key for c in cands}
        )
        for cand in cands:
            job.process(cand, stored)
        job.flush()
    except Exception as exc:  # deliberate: one source's crash is recorded and must not stop the others
        log.exception("%s: run crashed", source.id)
        job.report.status = "failed"
        job.report.message = f"crashed: {type(exc).__name__}: {exc}"
        _flush_quietly(job)
    _finish(job)
    return job.report


def _flush_quietly(job: SourceJob) -> None:
    try:
        job.flush()
    except Exception:  # deliberate: the original crash is what gets reported
        log.exception("%s: could not save what was pending", job.source.id)


def _finish(job: SourceJob) -> None:
    rep = job.report
    if rep.status != "failed" and (rep.failed or rep.refused):
        nothing = job.discovery_failed and not (rep.new or rep.updated or rep.unchanged)
        rep.status = "failed" if nothing else "partial"
        rep.message = rep.message or (
            f"{rep.failed} URL(s) failed ({rep.refused} refused), first: {job.first_error}; see `errors`"
        )
    with WRITE_LOCK:
        finish_run(job.con, rep)


def finish_run(con: duckdb.DuckDBPyConnection, rep: SourceReport) -> None:
    """Record the end of a source's run in `runs`: its status, counters and message."""
    if rep.run_id is None:
        raise KeyError(f"{rep.source_id}: no run was started")
    load.finish_run(con, rep.run_id, rep.status, rep.counters(), rep.message)
