"""Backfill one source over a date range through its archive: resumable, with progress, recorded in `runs`.

The archive path comes from the source's `backfill.kind` (extractors/archives/plans.py plans it). After each
archive step, its releases are loaded and then the checkpoint is moved, so a stopped process resumes
at the first step whose releases were not all loaded; releases already stored are never fetched again.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any, TextIO

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from config.sources import Source
from extractors.archives import plans
from extractors.models import ListingItem, ListingPage, Published
from extractors.pages import discover
from extractors.pages.parse import ParseError, parse_listing
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.ingest import IngestOptions, SourceJob, SourceReport, finish_run
from flows.setup import FetcherPool, prepare_sources
from warehouse import db as warehouse_db
from warehouse import load

log = logging.getLogger("pressroom.backfill")
FLOW_NAME = "pressroom-backfill"
# A filtered listing that pages (a "more" link) is followed at most this far within one chunk.
MAX_CHUNK_PAGES = 200
# Releases loaded per transaction. One: a killed backfill then loses at most the release in hand, so
# a rerun fetches no article twice; the load costs milliseconds next to the politeness delay.
BACKFILL_BATCH_SIZE = 1


class BackfillFailed(RuntimeError):
    """A backfill stopped on an error; rerunning it resumes from its checkpoint."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(f"{report['source_id']}: {report['status']}: {report['message']}")
        self.report = report


class StopFlag:
    """Set by SIGINT/SIGTERM: the job finishes the release in hand, saves what it has and stops."""

    def __init__(self) -> None:
        self.requested = False

    @contextmanager
    def installed(self) -> Iterator[StopFlag]:
        """Catch SIGINT and SIGTERM while the block runs (main thread only); a second signal aborts."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

        def handle(signum: int, frame: object) -> None:
            if self.requested:
                raise KeyboardInterrupt
            self.requested = True
            print("pressroom: stopping after the current release (signal again to abort)", file=sys.stderr)

        for sig in previous:
            signal.signal(sig, handle)
        try:
            yield self
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)


class Reporter:
    """Progress of one job: a rich bar with rate and ETA on a terminal, plain lines otherwise."""

    PLAIN_EVERY_S = 5.0

    def __init__(
        self, stream: TextIO | None = None, *, tty: bool | None = None, enabled: bool = True
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: Any = None
        self.label, self.total, self.unit = "", 0, ""
        self.first = self.done = 0
        self.started = self.last_line = 0.0

    @classmethod
    def quiet(cls) -> Reporter:
        """A reporter that shows nothing (tests, flows)."""
        return cls(enabled=False)

    def begin(self, label: str, total: int, unit: str) -> None:
        """Start showing a job of `total` units."""
        self.label, self.total, self.unit = label, total, unit
        self.started = self.last_line = time.monotonic()
        self.first = -1
        if self.enabled and self.tty:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(unit),
                TextColumn("{task.fields[stats]}"),
                TimeRemainingColumn(),
                console=Console(file=self.stream, width=_columns(self.stream)),
            )
            self.bar.start()
            self.task = self.bar.add_task(label, total=total, stats="")

    def update(self, done: int, report: SourceReport) -> None:
        """Show `done` units finished and the run's counters so far."""
        if self.first < 0:
            self.first = done  # units finished by earlier runs do not count towards the rate
        self.done = done
        if self.bar is not None:
            self.bar.update(self.task, completed=done, stats=self._stats(report))
        elif self.enabled and time.monotonic() - self.last_line >= self.PLAIN_EVERY_S:
            self._line(report)

    def _stats(self, report: SourceReport) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return f"{report.new} new, {report.requests} requests, {report.requests / elapsed:.1f} req/s"

    def _line(self, report: SourceReport) -> None:
        self.last_line = time.monotonic()
        elapsed = self.last_line - self.started
        gained = self.done - max(self.first, 0)
        eta = "?" if gained <= 0 else f"{elapsed / gained * (self.total - self.done):.0f}s"
        share = 100 * self.done / self.total if self.total else 100
        print(
            f"{self.label}: {self.done}/{self.total} {self.unit} ({share:.0f}%), {self._stats(report)}, "
            f"ETA {eta}",
            file=self.stream,
            flush=True,
        )

    def end(self, report: SourceReport) -> None:
        """Stop the bar and print the final counters."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        if self.enabled and self.total:
            self._line(report)


def _columns(stream: TextIO) -> int | None:
    """The width of the terminal behind `stream` (rich would measure stdout, which may be a file)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


class BackfillJob(SourceJob):
    """A source job that keeps only the releases of [start, end]."""

    def __init__(
        self,
        source: Source,
        con: duckdb.DuckDBPyConnection,
        fetcher: PageFetcher,
        opts: IngestOptions,
        start: date,
        end: date,
    ) -> None:
        super().__init__(source, con, fetcher, opts)
        self.start, self.end = start, end
        self.out_of_range = 0

    def in_scope(self, published: Published) -> bool:
        """A release whose own date falls outside the range is skipped (and counted)."""
        day = published.day
        if day is not None and not plans.in_range(day, self.start, self.end):
            self.out_of_range += 1
            return False
        return True


def read_page(job: BackfillJob, url: str, walk: bool) -> ListingPage | FetchResult:
    """Fetch and parse one archive page; the failed fetch result when it could not be read."""
    kind = "feed" if walk and job.source.fetch_kind == "feed" else "listing"
    result = job.fetch(url, kind)
    if result.outcome != Outcome.OK:
        return result
    job.report.pages_fetched += 1
    try:
        return job.parse_page(result, url) if walk else parse_listing(result.text(), job.source, url)
    except ParseError as exc:
        job.fail(url, "discover", str(exc))
        return result


def read_step(
    job: BackfillJob, url: str, plan: plans.Plan
) -> tuple[plans.PageSeen, list[ListingItem]] | None:
    """Read one plan step (a filtered chunk may span several pages); None when it failed."""
    walk = isinstance(plan, plans.WalkPlan)
    items: dict[str, ListingItem] = {}
    for _ in range(MAX_CHUNK_PAGES):
        got = read_page(job, url, walk)
        if isinstance(got, FetchResult):
            if got.outcome == Outcome.NOT_FOUND and not items:
                return plans.PageSeen(found=False), []
            if got.outcome == Outcome.NOT_FOUND:
                break
            job._refused_or_failed(url, "discover", got)
            return None
        fresh = [i for i in got.items if i.key not in items]
        items.update((i.key, i) for i in fresh)
        if not isinstance(plan, plans.DateFilterPlan) or not got.next_url or not fresh:
            break
        url = got.next_url
    found = list(items.values())
    days = plans.item_days(found, job.normalize)
    return plans.PageSeen(True, days, tuple(items)), found


def _run_plan(job: BackfillJob, plan: plans.Plan, cursor: plans.Cursor | None, ctx: _Context) -> None:
    """Walk the plan from `cursor`, loading each step's releases before moving the checkpoint."""
    stored = load.stored_state(job.con, job.source.id)
    done: set[str] = set(stored)
    while cursor is not None and not ctx.stop.requested:
        step = read_step(job, plan.url(cursor), plan)
        if step is None:
            job.report.status = "failed"
            job.report.message = f"stopped at {plan.url(cursor)}; rerun to resume"
            break
        seen, items = step
        for item in plans.wanted_items(items, seen.days, plan.start, plan.end):
            if ctx.stop.requested:
                break
            if item.key not in done:
                job.process(discover.Candidate(item.url, item.key, "new", item), stored)
                done.add(item.key)
                ctx.progress.update(plans.days_done(plan, cursor), job.report)
        if ctx.stop.requested:
            break  # the step is not complete: its checkpoint stays where it is
        cursor = plan.after(cursor, seen)
        # Load, then move the checkpoint: a stop in between only redoes this step (stored keys are skipped).
        job.flush()
        load.save_checkpoint(job.con, job.source.id, ctx.job, cursor or {}, finished=cursor is None)
        ctx.progress.update(plans.days_done(plan, cursor), job.report)


class _Context:
    """What a run needs beside the job: its checkpoint name, the stop flag and the progress display."""

    def __init__(self, job: str, stop: StopFlag, progress: Reporter) -> None:
        self.job, self.stop, self.progress = job, stop, progress


def backfill_source(
    source: Source,
    con: duckdb.DuckDBPyConnection,
    fetcher: PageFetcher,
    start: date,
    end: date,
    *,
    stop: StopFlag | None = None,
    progress: Reporter | None = None,
    batch_size: int = BACKFILL_BATCH_SIZE,
) -> SourceReport:
    """Backfill [start, end] (local publication dates, both inclusive) of one source; resume if stopped."""
    plan = plans.plan_for(source, start, end)
    name = plans.job_name(start, end)
    params = {
        "source": source.id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "mode": source.backfill.kind,
    }
    opts = IngestOptions(flow="backfill", params=params, now=datetime.now(UTC), batch_size=batch_size)
    job = BackfillJob(source, con, fetcher, opts, start, end)
    job.report.run_id = load.start_run(con, "backfill", source.id, params)
    ctx = _Context(name, stop or StopFlag(), progress or Reporter.quiet())
    checkpoint = load.get_checkpoint(con, source.id, name)
    if checkpoint is not None and checkpoint.finished:
        job.report.message = f"{name} already finished; nothing to do"
        return _finish(job, ctx)
    cursor = checkpoint.cursor if checkpoint is not None else plan.first()
    ctx.progress.begin(f"{source.id} {start}..{end}", plans.days_total(start, end), "days")
    ctx.progress.update(plans.days_done(plan, cursor), job.report)
    try:
        _run_plan(job, plan, cursor, ctx)
    except Exception as exc:  # deliberate: the crash is recorded in `runs`; the checkpoint allows a rerun
        log.exception("%s: backfill crashed", source.id)
        job.report.status, job.report.message = "failed", f"crashed: {type(exc).__name__}: {exc}"
    except KeyboardInterrupt:  # a second Ctrl-C: record the run as interrupted, then let it propagate
        ctx.stop.requested = True
        _flush_pending(job)
        _finish(job, ctx)
        raise
    _flush_pending(job)
    return _finish(job, ctx)


def _flush_pending(job: SourceJob) -> None:
    """Load what was fetched before a stop or crash (the checkpoint does not move)."""
    try:
        job.flush()
    except Exception:  # deliberate: the original stop or crash is what gets reported
        log.exception("%s: could not save what was pending", job.source.id)


def _finish(job: BackfillJob, ctx: _Context) -> SourceReport:
    rep = job.report
    if ctx.stop.requested and rep.status == "ok":
        rep.status, rep.message = "partial", "interrupted; rerun the same command to resume"
    elif rep.status == "ok" and (rep.failed or rep.refused):
        rep.status = "partial"
        rep.message = f"{rep.failed} URL(s) failed ({rep.refused} refused); see `errors`"
    if job.out_of_range:
        rep.message = f"{rep.message} ({job.out_of_range} outside the range skipped)".strip()
    finish_run(job.con, rep)
    ctx.progress.end(rep)
    return rep


def run_backfill(
    source: str,
    start: date,
    end: date,
    *,
    db: str | None = None,
    base_url: Sequence[str] | None = None,
    min_delay: float | None = None,
    from_wayback: bool = False,
    wayback_url: str | None = None,
    stop: StopFlag | None = None,
    progress: Reporter | None = None,
    browser: bool = False,
) -> SourceReport:
    """Open the warehouse and a fetcher, run one source's backfill (archive or Wayback), close them."""
    from config import settings
    from flows.archives import wayback_backfill

    (src,) = prepare_sources([source], base_url, min_delay)
    con = warehouse_db.connect(settings.db_path(db))
    pool = FetcherPool()
    fetcher = pool.plain if from_wayback else pool.for_source(src, browser=browser)
    try:
        if from_wayback:
            return wayback_backfill(
                src, con, fetcher, start, end, wayback_url=wayback_url, stop=stop, progress=progress
            )
        return backfill_source(src, con, fetcher, start, end, stop=stop, progress=progress)
    finally:
        pool.close()
        con.close()


def _backfill_flow(
    source: str,
    start: date,
    end: date,
    db: str | None = None,
    base_url: list[str] | None = None,
    min_delay: float | None = None,
    from_wayback: bool = False,
    wayback_url: str | None = None,
    browser: bool = False,
) -> dict[str, Any]:
    """Backfill one source's releases published in [start, end] from its archive (or the Wayback Machine)."""
    report = asdict(
        run_backfill(
            source,
            start,
            end,
            db=db,
            base_url=base_url,
            min_delay=min_delay,
            from_wayback=from_wayback,
            wayback_url=wayback_url,
            browser=browser,
        )
    )
    if report["status"] != "ok":
        raise BackfillFailed(report)
    return report


def __getattr__(name: str) -> Any:
    """Build the Prefect flow `backfill` on first use (importing Prefect costs the CLI seconds)."""
    if name != "backfill":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from prefect import flow

    made = flow(name=FLOW_NAME)(_backfill_flow)
    globals()["backfill"] = made
    return made
