"""The nightly Prefect flow: every enabled source (or a chosen few), one task per source."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from config import settings
from config.sources import Source
from extractors.web.fetch import PageFetcher
from flows import signals
from flows.ingest import IngestOptions, ingest_source
from flows.runlog import SourceReport, summary_markdown
from flows.selection import FetcherPool, prepare_sources
from warehouse import db as warehouse_db
from warehouse import load

FLOW_NAME = "pressroom-nightly"


class SourcesFailed(RuntimeError):
    """At least one source failed; `reports` says which and why."""

    def __init__(self, reports: list[dict[str, Any]]) -> None:
        bad = [f"{r['source_id']} ({r['status']}: {r['message']})" for r in reports if r["status"] != "ok"]
        super().__init__("source(s) not ok: " + "; ".join(bad))
        self.reports = reports


class DataChecksFailed(RuntimeError):
    """The warehouse broke a declared data test after the load."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("data checks failed: " + "; ".join(problems))
        self.problems = problems


def data_checks_markdown(problems: list[str]) -> str:
    """The data-test section of the run summary."""
    if not problems:
        return "\nData checks: all passed.\n"
    return "\nData checks failed:\n" + "".join(f"- {p}\n" for p in problems)


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source_task(
    source: Source, con: duckdb.DuckDBPyConnection, fetcher: PageFetcher, opts: IngestOptions
) -> SourceReport:
    """Ingest one source (a task per source: Prefect task runs are too costly per page)."""
    cursor = con.cursor()  # one DuckDB cursor per thread
    try:
        return ingest_source(source, cursor, fetcher, opts)
    finally:
        cursor.close()


# Prefect's TaskRunner is invariant in its future type, so mypy refuses Prefect's own ThreadPoolTaskRunner
# here (PrefectHQ/prefect#16938, open). `unused-ignore` keeps the check green once a Prefect release fixes it.
@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=4))  # type: ignore[arg-type, unused-ignore]
def nightly(
    sources: list[str] | None = None,
    since: date | None = None,
    db: str | None = None,
    base_url: list[str] | None = None,
    min_delay: float | None = None,
    now: datetime | None = None,
    browser: bool = False,
) -> list[dict[str, Any]]:
    """Fetch what each source published since the last run, re-check recent releases, load DuckDB."""
    logger = get_run_logger()
    signals.reclaim()  # under `pressroom ingest`, SIGTERM stops the run gracefully, as SIGINT does
    chosen = prepare_sources(sources, base_url, min_delay)
    params = {"sources": [s.id for s in chosen], "since": str(since) if since else None}
    opts = IngestOptions(since=since, now=now, flow="nightly", params=params)
    con = warehouse_db.connect(settings.db_path(db))
    pool = FetcherPool()
    try:
        for run_id in load.abandon_dead_runs(con):
            logger.warning("run %d was left running by a process that is gone: marked abandoned", run_id)
        futures = [
            ingest_source_task.submit(s, con, pool.for_source(s, browser=browser), opts) for s in chosen
        ]
        reports = [asdict(f.result()) for f in futures]
        problems = load.check_data(con)  # the declared data tests, over the whole warehouse
        if not opts.stop.requested:  # stopping: exit fast, the next run rebuilds the index
            load.refresh_search_index(con)  # rebuild a full-text index whose releases changed, once per run
    finally:
        pool.close()
        con.close()
    for r in reports:
        logger.info("%(source_id)s: %(status)s, %(new)d new, %(updated)d updated, %(failed)d failed", r)
    for problem in problems:
        logger.error("data check failed: %s", problem)
    summary = summary_markdown(reports) + data_checks_markdown(problems)
    create_markdown_artifact(summary, key="nightly-summary", description="pressroom nightly")
    if any(r["status"] != "ok" for r in reports):
        raise SourcesFailed(reports)
    if problems:
        raise DataChecksFailed(problems)
    return reports
