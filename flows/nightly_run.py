"""The nightly's work as plain functions, shared by the Prefect flow and the plain `pressroom ingest`.

`run_nightly` opens the warehouse, runs every chosen source through a `Runner` (a thread pool here, Prefect
tasks in flows/nightly.py), checks the data and refreshes the search index. It imports no Prefect: an ad-hoc
ingest without a configured Prefect API costs what the work costs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from config import settings
from config.sources import Source
from flows.ingest import IngestOptions, ingest_source
from flows.progress import Board
from flows.runlog import SourceReport, summary_markdown
from flows.selection import FetcherPool, prepare_sources
from warehouse import load
from warehouse.db import Warehouse
from warehouse.runs import run_failures

log = logging.getLogger("pressroom.nightly")
MAX_SOURCE_THREADS = 4  # sources run side by side; pacing is per host, so more threads only add memory
MAX_LINKED_FAILURES = 50  # failed URLs linked in the run summary; the rest stay in `errors`

# Runs one source's ingest (given as `work`) for each chosen source, returning their reports in order.
Runner = Callable[[Sequence[Source], Callable[[Source], SourceReport]], list[SourceReport]]


class SourcesFailed(RuntimeError):
    """At least one source failed; `reports` says which and why."""

    def __init__(self, reports: list[dict[str, Any]]) -> None:
        # Ids and statuses only: each failure was printed once, and the summary line says the rest.
        bad = [f"{r['source_id']} ({r['status']})" for r in reports if r["status"] != "ok"]
        super().__init__("source(s) not ok: " + "; ".join(bad))
        self.reports = reports


class DataChecksFailed(RuntimeError):
    """The warehouse broke a declared data test after the load."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("data checks failed: " + "; ".join(problems))
        self.problems = problems


@dataclass
class NightlyParams:
    """The nightly's parameters, as the flow and the command line take them."""

    sources: list[str] | None = None
    since: date | None = None
    db: str | None = None
    base_url: list[str] | None = None
    min_delay: float | None = None
    now: datetime | None = None
    browser: bool = False


@dataclass
class NightlyResult:
    """What a nightly did: per-source reports, failed data checks, and the URLs that failed."""

    reports: list[dict[str, Any]]
    problems: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)  # source, url, stage, reason

    def summary(self) -> str:
        """The run summary in markdown: the per-source table, failed URLs as links, the data checks."""
        return (
            summary_markdown(self.reports)
            + failures_markdown(self.failures)
            + data_checks_markdown(self.problems)
        )

    def settle(self) -> list[dict[str, Any]]:
        """The reports when every source is ok and the data checks pass; else the matching error."""
        if any(r["status"] != "ok" for r in self.reports):
            raise SourcesFailed(self.reports)
        if self.problems:
            raise DataChecksFailed(self.problems)
        return self.reports


def data_checks_markdown(problems: list[str]) -> str:
    """The data-test section of the run summary."""
    if not problems:
        return "\nData checks: all passed.\n"
    return "\nData checks failed:\n" + "".join(f"- {p}\n" for p in problems)


def _md_text(text: str) -> str:
    """Text safe inside a markdown list item or link label."""
    return " ".join(text.split()).replace("[", "(").replace("]", ")").replace("|", "/")


def failures_markdown(failures: list[tuple[str, str, str, str]]) -> str:
    """The failed URLs of the run as markdown links, with their source, stage and reason."""
    if not failures:
        return ""
    lines = [
        f"- {sid}: [{_md_text(url)}](<{url.replace('>', '%3E')}>) ({stage}: {_md_text(reason)})\n"
        for sid, url, stage, reason in failures
    ]
    more = "" if len(failures) < MAX_LINKED_FAILURES else "- … more in the `errors` table\n"
    return "\nFailed URLs:\n" + "".join(lines) + more


def threads(max_workers: int = MAX_SOURCE_THREADS) -> Runner:
    """A runner that ingests the sources side by side in a small thread pool (no Prefect)."""

    def run(chosen: Sequence[Source], work: Callable[[Source], SourceReport]) -> list[SourceReport]:
        if len(chosen) <= 1:
            return [work(s) for s in chosen]
        with ThreadPoolExecutor(max_workers=min(max_workers, len(chosen))) as pool:
            return list(pool.map(work, chosen))

    return run


def chosen_sources(params: NightlyParams) -> list[Source]:
    """The sources of this run with --base-url / --min-delay applied (raises ConfigError on bad input)."""
    return prepare_sources(params.sources, params.base_url, params.min_delay)


def run_nightly(params: NightlyParams, runner: Runner, board: Board | None = None) -> NightlyResult:
    """Ingest every chosen source through `runner`, then check the data and refresh the search index.

    `board` shows each source's progress on the console (the command line's plain run).
    """
    chosen = chosen_sources(params)
    meta = {"sources": [s.id for s in chosen], "since": str(params.since) if params.since else None}
    opts = IngestOptions(since=params.since, now=params.now, flow="nightly", params=meta, board=board)
    # Held only for each write, never while fetching: analysts' queries get in between.
    warehouse = Warehouse(settings.db_path(params.db))
    pool = FetcherPool()

    def work(source: Source) -> SourceReport:
        return ingest_source(source, warehouse, pool.for_source(source, browser=params.browser), opts)

    try:
        with warehouse.session() as con:
            for run_id in load.abandon_dead_runs(con):
                log.warning("run %d was left running by a process that is gone: marked abandoned", run_id)
        reports = [asdict(r) for r in runner(chosen, work)]
        with warehouse.session() as con:
            problems = load.check_data(con)  # the declared data tests, over the whole warehouse
            if not opts.stop.requested:  # stopping: exit fast, the next run rebuilds these
                load.refresh_search_index(con)  # rebuild a full-text index whose releases changed
                load.refresh_threads(con)  # regroup commitments into promise threads
            run_ids = [r["run_id"] for r in reports if r["run_id"] is not None and r["status"] != "ok"]
            failures = run_failures(con, run_ids, MAX_LINKED_FAILURES)
    finally:
        pool.close()
    for r in reports:
        log.info("%(source_id)s: %(status)s, %(new)d new, %(updated)d updated, %(failed)d failed", r)
    for problem in problems:
        log.error("data check failed: %s", problem)
    return NightlyResult(reports, problems, failures)
