"""The pending batch of one source's run: raw pages, release records, errors and resolved URLs.

A flush stores all of it in one transaction; when the warehouse rejects a record, the others are stored
one by one so that a bad record does not sink its batch. A release record is linked to the raw page it
was read from through the `PageHandle` that `add_raw_page` returned.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from config.sources import Source
from extractors.web.fetch import FetchResult, Outcome
from flows.failures import HOST_HELD, FailurePolicy
from flows.rows import error_record
from flows.runlog import WRITE_LOCK, SourceReport
from warehouse import load
from warehouse.db import Target, session, transaction
from warehouse.records import ErrorRecord, LoadStats, RawPageRecord, ReleaseRecord

log = logging.getLogger("pressroom.batch")


@dataclass(frozen=True)
class PageHandle:
    """A raw page waiting in a batch, to link the releases read from it once it is saved."""

    flush: int  # the batch's flush count when the page was added: a handle of a flushed batch links nothing
    place: int  # its place among the batch's raw pages


class PendingBatch:
    """What one source's run has read but not stored yet; `flush` stores it in one transaction."""

    def __init__(
        self,
        source: Source,
        con: Target,
        report: SourceReport,
        *,
        size: int,
        now: datetime | None = None,
    ) -> None:
        self.source, self.con, self.report, self.size = source, con, report, size
        self.fixed_now = now  # None: the wall clock at each use
        self.first_error = ""  # the summary names it: which source failed, and why
        self.flushes = 0
        self.raw_pages: list[RawPageRecord] = []
        self.records: list[ReleaseRecord] = []
        self.record_pages: list[PageHandle | None] = []  # per record: the raw page it was read from
        self.errors: list[ErrorRecord] = []
        self.resolved: list[str] = []  # URLs whose open errors are closed by this batch
        self.checked: list[str] = []  # keys found unchanged by a conditional GET
        self.policy = FailurePolicy()  # the source's failed URLs: a nightly loads them (FailurePolicy.load)

    @property
    def now(self) -> datetime:
        """The run's clock."""
        return self.fixed_now or datetime.now(UTC)

    def add_raw_page(self, page: RawPageRecord) -> PageHandle:
        """Keep a raw page to save with this batch; the handle links the releases read from it."""
        self.raw_pages.append(page)
        return PageHandle(self.flushes, len(self.raw_pages) - 1)

    def add_release(self, record: ReleaseRecord, url: str, page: PageHandle | None) -> None:
        """Queue a release record (read from `page`, if kept); flush when the batch is full."""
        self.records.append(record)
        self.record_pages.append(page if page is not None and page.flush == self.flushes else None)
        self.resolved.append(url)
        if len(self.records) >= self.size:
            self.flush()

    def resolve(self, url: str) -> None:
        """Close the open errors of a URL that needs nothing stored (out of scope)."""
        self.resolved.append(url)

    def mark_checked(self, key: str, url: str) -> None:
        """Note a release the site says is unchanged since it was stored."""
        self.checked.append(key)
        self.resolved.append(url)

    def fail(
        self, url: str, stage: str, reason: str, status: int | None = None, *, outcome: str | None = None
    ) -> None:
        """Remember a failed URL: a later run retries it, or the failure policy parks it now."""
        record = error_record(url, stage, reason, status)
        verdict = self.policy.judge(url, stage, outcome, status)
        if verdict.parked:
            record["parked_at"] = record.get("occurred_at")
            self.report.parked.append(f"{url}: parked, {verdict.parked} ({reason})")
        self.errors.append(record)
        self.report.failed += 1
        self.report.known_failures += verdict.known
        self.first_error = self.first_error or f"{stage} {url}: {reason}"
        parked = f" [parked: {verdict.parked}]" if verdict.parked else ""
        log.warning("%s %s: %s failed: %s%s", self.source.id, url, stage, reason, parked)  # the one line

    def warn(self, url: str, stage: str, reason: str) -> None:
        """Record a warning about a release stored anyway (no date): never retried, never fails a run."""
        record = error_record(url, stage, reason, None)
        record["severity"] = "warning"
        self.errors.append(record)
        self.report.warnings += 1
        log.info("%s %s: %s", self.source.id, url, reason)

    def fail_fetch(self, url: str, stage: str, result: FetchResult) -> None:
        """Remember a fetch that gave nothing usable, counting refusals apart."""
        if result.outcome in HOST_HELD and not result.attempts and self.policy.tried_before(url):
            # Its host is held for this run (and said so once): the URL was not asked, no attempt counts.
            self.report.waiting += 1
            return
        if result.outcome == Outcome.REFUSED:
            self.report.refused += 1
        reason = f"{result.outcome}: {result.reason}"
        self.fail(url, stage, reason, result.status, outcome=result.outcome)

    def flush(self) -> None:
        """Store raw pages, releases and bookkeeping of the pending batch in one transaction."""
        # The warehouse is held only for this write (a Warehouse target opens and closes it here).
        with WRITE_LOCK, session(self.con) as con:
            try:
                with transaction(con):
                    self._write(con)
            except load.LoadError as exc:
                # One bad record must not sink its batch: store the others one by one.
                log.warning("%s: batch rejected (%s); loading releases one by one", self.source.id, exc)
                self._write_one_by_one(con)
        self.raw_pages, self.records, self.record_pages = [], [], []
        self.errors, self.resolved, self.checked = [], [], []
        self.flushes += 1

    def save_pending(self) -> None:
        """Flush after a stop or crash; a failure here is logged, the original cause is what gets reported."""
        try:
            self.flush()
        except Exception:  # deliberate: the original stop or crash is what gets reported
            log.exception("%s: could not save what was pending", self.source.id)

    def _write(self, con: duckdb.DuckDBPyConnection) -> None:
        page_ids = load.save_raw_pages(con, self.raw_pages) if self.raw_pages else []
        for rec, page in zip(self.records, self.record_pages, strict=True):
            rec["page_id"] = page_ids[page.place] if page is not None else None
        self.record_pages = [None] * len(self.records)  # each page is linked once: a rewrite links none
        if self.records:
            self._count(load.load_batch(con, self.records, run_id=self.report.run_id))
        if self.checked:
            load.touch_checked(con, [f"{self.source.id}:{k}" for k in self.checked], self.now)
        if self.resolved:
            load.resolve_errors(con, self.source.id, self.resolved)
        if self.errors:
            load.record_errors(con, self.report.run_id, self.source.id, self.errors)

    def _write_one_by_one(self, con: duckdb.DuckDBPyConnection) -> None:
        records, self.records, self.record_pages = self.records, [], []
        for rec in records:
            rec["page_id"] = None  # ids handed out by the rolled-back attempt are void
            try:
                with transaction(con):
                    self._count(load.load_batch(con, [rec], run_id=self.report.run_id))
            except load.LoadError as exc:
                self.resolved = [u for u in self.resolved if u != rec["url"]]
                self.fail(rec["url"], "load", str(exc))
        with transaction(con):
            self._write(con)  # raw pages and bookkeeping

    def _count(self, stats: LoadStats) -> None:
        self.report.new += stats.new
        self.report.updated += stats.updated
        self.report.unchanged += stats.unchanged
