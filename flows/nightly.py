"""The nightly Prefect flow: every enabled source (or a chosen few), one task run per source.

The work itself is flows/nightly_run.py (also run without Prefect by `pressroom ingest`); this module adds
what operators see in Prefect: a task run named `ingest-<source>` that fails when its source failed, while
the other sources go on; pressroom's log lines in the run's logs; one run per warehouse and per source at a
time (global concurrency limits); and the run summary artifact linking the failed URLs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from config import settings
from config.sources import Source
from flows import orchestration, signals
from flows.nightly_run import (
    MAX_SOURCE_THREADS,
    DataChecksFailed,
    NightlyParams,
    SourcesFailed,
    chosen_sources,
    data_checks_markdown,
    run_nightly,
)
from flows.runlog import SourceReport

__all__ = [
    "FLOW_NAME",
    "DataChecksFailed",
    "SourceFailed",
    "SourcesFailed",
    "data_checks_markdown",
    "nightly",
]

FLOW_NAME = "pressroom-nightly"
ARTIFACT_KEY = "nightly-summary"
log = logging.getLogger("pressroom.nightly")


class SourceFailed(RuntimeError):
    """One source's run was not ok: its task run ends Failed, carrying the report."""

    def __init__(self, report: SourceReport) -> None:
        super().__init__(f"{report.source_id}: {report.status}: {report.message}")
        self.report = report


@task(name="ingest-source", task_run_name="ingest-{source.id}", cache_policy=NO_CACHE)
def ingest_source_task(source: Source, work: Callable[[Source], SourceReport]) -> SourceReport:
    """Ingest one source while holding its slot (a task per source: task runs are too costly per page)."""
    with orchestration.slots([orchestration.source_limit(source.id)]):
        report = work(source)
    if report.status != "ok":
        raise SourceFailed(report)  # a Failed task run in the UI; the flow collects the report and goes on
    return report


def _report_of(source: Source, future: PrefectFuture[SourceReport]) -> SourceReport:
    """The report a task run ended with, also when it failed (or crashed before reporting)."""
    future.wait()
    outcome = future.state.result(raise_on_failure=False)
    if isinstance(outcome, SourceReport):
        return outcome
    if isinstance(outcome, SourceFailed):
        return outcome.report
    return SourceReport(source.id, status="failed", message=f"task failed: {outcome}")


def prefect_tasks(chosen: Sequence[Source], work: Callable[[Source], SourceReport]) -> list[SourceReport]:
    """The nightly's runner under Prefect: a task run per source, side by side, all awaited."""
    futures = [ingest_source_task.submit(s, work) for s in chosen]
    return [_report_of(s, f) for s, f in zip(chosen, futures, strict=True)]


# Prefect's TaskRunner is invariant in its future type, so mypy refuses Prefect's own ThreadPoolTaskRunner
# here (PrefectHQ/prefect#16938, open). `unused-ignore` keeps the check green once a Prefect release fixes it.
@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=MAX_SOURCE_THREADS))  # type: ignore[arg-type, unused-ignore]
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
    signals.reclaim()  # under `pressroom ingest`, SIGTERM stops the run gracefully, as SIGINT does
    params = NightlyParams(sources, since, db, base_url, min_delay, now, browser)
    chosen_sources(params)  # a bad id or --base-url fails the run before it waits for any slot
    with orchestration.flow_guard(settings.db_path(db)):
        result = run_nightly(params, prefect_tasks)
        create_markdown_artifact(result.summary(), key=ARTIFACT_KEY, description="pressroom nightly")
    return result.settle()
