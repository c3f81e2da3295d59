"""Backfill one source over a date range through its archive: resumable, with progress, recorded in `runs`.

The archive path comes from the source's `backfill.kind` (extractors/archives/plans.py plans it). After each
archive step, its releases are loaded and then the checkpoint is moved, so a stopped process resumes
at the first step whose releases were not all loaded; releases already stored are never fetched again.
`run_backfill` (the CLI) and the Prefect flow `backfill` also reach the Wayback backfill of webarchives.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from functools import partial
from typing import Any

import duckdb

from config import settings
from config.sources import FETCH_KINDS, FetchKind, Source
from extractors.archives import plans
from extractors.models import ListingItem, ListingPage
from extractors.pages import discover
from extractors.pages.parse import ParseError, parse_page
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.progress import Reporter, StopFlag
from flows.resumable import BACKFILL_BATCH_SIZE, ArchiveRun, DateScope, run_resumable, start_archive_run
from flows.runlog import BACKFILL, SourceReport
from flows.selection import FetcherPool, base_urls_for, prepare_sources
from flows.steps import date_reader, fetch_page, process_isolated
from flows.webarchives import wayback_backfill
from warehouse import db as warehouse_db
from warehouse import load
from warehouse.db import session

FLOW_NAME = "pressroom-backfill"
# A filtered listing that pages (a "more" link) is followed at most this far within one chunk.
MAX_CHUNK_PAGES = 200


class BackfillFailed(RuntimeError):
    """A backfill stopped on an error; rerunning it resumes from its checkpoint."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(f"{report['source_id']}: {report['status']}: {report['message']}")
        self.report = report


def page_kind_of(plan: plans.Plan, source: Source) -> FetchKind:
    """The kind of page a plan reads: a walk reads the source's own kind, the date archives HTML listings."""
    return source.fetch_kind if isinstance(plan, plans.WalkPlan) else "html_listing"


def read_page(fetcher: PageFetcher, run: ArchiveRun, url: str, kind: FetchKind) -> ListingPage | FetchResult:
    """Fetch and parse one archive page; the failed fetch result when it could not be read."""
    batch = run.batch
    result, _ = fetch_page(fetcher, batch, url, FETCH_KINDS[kind].page_kind)
    if result.outcome != Outcome.OK:
        return result
    batch.report.pages_fetched += 1
    try:
        return parse_page(result, batch.source, url, kind=kind)
    except ParseError as exc:
        batch.fail(url, "discover", str(exc))
        return result


def read_step(
    fetcher: PageFetcher, run: ArchiveRun, url: str, plan: plans.Plan
) -> tuple[plans.PageSeen, list[ListingItem]] | None:
    """Read one plan step (a filtered chunk may span several pages); None when it failed."""
    kind = page_kind_of(plan, run.batch.source)
    items: dict[str, ListingItem] = {}
    for _ in range(MAX_CHUNK_PAGES):
        got = read_page(fetcher, run, url, kind)
        if isinstance(got, FetchResult):
            if got.outcome == Outcome.NOT_FOUND and not items:
                return plans.PageSeen(found=False), []
            if got.outcome == Outcome.NOT_FOUND:
                break
            run.batch.fail_fetch(url, "discover", got)
            return None
        fresh = [i for i in got.items if i.key not in items]
        items.update((i.key, i) for i in fresh)
        if not isinstance(plan, plans.DateFilterPlan) or not got.next_url or not fresh:
            break
        url = got.next_url
    found = list(items.values())
    days = plans.item_days(found, date_reader(run.batch.source))
    return plans.PageSeen(True, days, tuple(items)), found


def walk_plan(fetcher: PageFetcher, run: ArchiveRun, plan: plans.Plan, cursor: plans.Cursor | None) -> None:
    """Walk the plan from `cursor` (None: its first step); load each step's releases, then checkpoint."""
    batch, stop, progress = run.batch, run.stop, run.progress
    source = batch.source
    cursor = plan.first() if cursor is None else cursor
    progress.begin(f"{source.id} {plan.start}..{plan.end}", plans.days_total(plan.start, plan.end), "days")
    progress.update(plans.days_done(plan, cursor), batch.report)
    with session(batch.con) as con:
        stored = load.stored_state(con, source.id)
    done: set[str] = set(stored)
    while cursor is not None and not stop.requested:
        step = read_step(fetcher, run, plan.url(cursor), plan)
        if step is None:
            batch.report.status = "failed"
            batch.report.message = f"stopped at {plan.url(cursor)}; rerun to resume"
            break
        seen, items = step
        for item in plans.wanted_items(items, seen.days, plan.start, plan.end):
            if stop.requested:
                break
            if item.key not in done:
                cand = discover.Candidate(item.url, item.key, "new", item)
                process_isolated(fetcher, batch, cand, stored.get(item.key), scope=run.scope)
                done.add(item.key)
                progress.update(plans.days_done(plan, cursor), batch.report)
        if stop.requested:
            break  # the step is not complete: its checkpoint stays where it is
        cursor = plan.after(cursor, seen)
        # Load, then move the checkpoint: a stop in between only redoes this step (stored keys are skipped).
        batch.flush()
        with session(batch.con) as con:
            load.save_checkpoint(con, source.id, run.job, cursor or {}, finished=cursor is None)
        progress.update(plans.days_done(plan, cursor), batch.report)


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
    params = {
        "source": source.id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "mode": source.backfill.kind,
    }
    run = start_archive_run(
        source,
        con,
        plans.job_name(start, end),
        params,
        stop=stop,
        progress=progress,
        scope=DateScope(start, end),
        batch_size=batch_size,
    )
    return run_resumable(run, BACKFILL, partial(walk_plan, fetcher, run, plan), "backfill")


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
    from flows.orchestration import flow_guard

    bases = base_urls_for(base_url, source)
    prepare_sources([source], bases, min_delay)  # a bad id or URL fails before the run waits for a slot
    # One writer per warehouse and per source at a time; pressroom's log lines go to the run's logs.
    with flow_guard(settings.db_path(db), [source]):
        report = asdict(
            run_backfill(
                source,
                start,
                end,
                db=db,
                base_url=bases,
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
