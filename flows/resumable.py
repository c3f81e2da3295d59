"""What resumable archive runs (backfill, Wayback) share: a checkpoint, a stop flag, progress, a date scope.

`run_resumable` walks from the job's checkpoint unless the job already finished, keeps what was fetched
when the walk crashes or is stopped, and closes the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from config.sources import Source
from extractors.archives import plans
from extractors.models import Published
from flows.batch import PendingBatch
from flows.progress import Reporter, StopFlag
from flows.runlog import SourceReport, StatusRules, close_run, mark_crashed, start_run
from warehouse import load
from warehouse.db import session

log = logging.getLogger("pressroom.resumable")
# Releases loaded per transaction. One: a killed backfill then loses at most the release in hand, so
# a rerun fetches no article twice; the load costs milliseconds next to the politeness delay.
BACKFILL_BATCH_SIZE = 1


@dataclass
class DateScope:
    """Keep the releases whose own local date is in [start, end] (or unknown); count the others."""

    start: date
    end: date
    skipped: int = 0

    def __call__(self, published: Published) -> bool:
        """Whether a release dated `published` is kept."""
        day = published.day
        if day is not None and not plans.in_range(day, self.start, self.end):
            self.skipped += 1
            return False
        return True


@dataclass
class ArchiveRun:
    """One resumable run of a source: its batch, checkpoint job, stop flag, progress and date scope."""

    batch: PendingBatch
    job: str  # the checkpoint's name
    stop: StopFlag
    progress: Reporter
    scope: DateScope | None = None  # None: every release fetched is kept, whatever its date


def start_archive_run(
    source: Source,
    con: duckdb.DuckDBPyConnection,
    job: str,
    params: dict[str, Any],
    *,
    stop: StopFlag | None = None,
    progress: Reporter | None = None,
    scope: DateScope | None = None,
    batch_size: int = BACKFILL_BATCH_SIZE,
) -> ArchiveRun:
    """Record the start of a `backfill` run and set up what it works with."""
    report = start_run(con, "backfill", source.id, params)
    batch = PendingBatch(source, con, report, size=batch_size, now=datetime.now(UTC))
    return ArchiveRun(batch, job, stop or StopFlag(), progress or Reporter.quiet(), scope)


def run_resumable(
    run: ArchiveRun, rules: StatusRules, walk: Callable[[plans.Cursor | None], None], what: str
) -> SourceReport:
    """Walk from the checkpoint's cursor (None: from the start) unless the job finished; close the run."""
    batch = run.batch
    with session(batch.con) as con:
        checkpoint = load.get_checkpoint(con, batch.source.id, run.job)
    if checkpoint is not None and checkpoint.finished:
        batch.report.message = f"{run.job} already finished; nothing to do"
        return _close(run, rules)
    try:
        walk(checkpoint.cursor if checkpoint is not None else None)
    except Exception as exc:  # deliberate: the crash is recorded in `runs`; the checkpoint allows a rerun
        log.exception("%s: %s crashed", batch.source.id, what)
        mark_crashed(batch.report, exc)
    except KeyboardInterrupt:  # a second Ctrl-C: record the run as interrupted, then let it propagate
        run.stop.requested = True
        batch.save_pending()
        _close(run, rules)
        raise
    batch.save_pending()  # what was fetched before a stop or crash (the checkpoint does not move)
    return _close(run, rules)


def _close(run: ArchiveRun, rules: StatusRules) -> SourceReport:
    skipped = run.scope.skipped if run.scope is not None else 0
    note = f"{skipped} outside the range skipped" if skipped else ""
    report = close_run(run.batch.con, run.batch.report, rules, stopped=run.stop.requested, note=note)
    run.progress.end(report)
    return report
