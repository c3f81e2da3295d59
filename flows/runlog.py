"""The report of one source's run, the one way to start and close that run in `runs`, and summaries.

Every mode (nightly, backfill, Wayback, WARC import) closes its runs with `close_run`; what differs
between them is data: the `StatusRules` below.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import duckdb

from flows.failures import run_fails
from warehouse import load
from warehouse.db import Warehouse, session

# DuckDB allows one writer process; within it, writes from source threads are serialized here.
WRITE_LOCK = threading.Lock()
INTERRUPTED = "interrupted; rerun the same command to resume"


@dataclass
class SourceReport:
    """What one source's run did; also the row written to `runs`."""

    source_id: str
    status: str = "ok"  # ok | partial | failed | interrupted
    pages_fetched: int = 0
    requests: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    refused: int = 0
    message: str = ""
    run_id: int | None = None
    known_failures: int = 0  # failures of URLs already failing, or parked at once: they fail no nightly
    warnings: int = 0  # releases stored with a warning (no date): never fail a run
    waiting: int = 0  # failed URLs not tried by this run: parked, or backing off
    parked: list[str] = field(default_factory=list)  # "URL: why" of each URL parked by this run
    parked_before: int = 0  # URLs parked by earlier runs, still parked

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

    def stored_any(self) -> bool:
        """Whether the run stored or confirmed at least one release."""
        return bool(self.new or self.updated or self.unchanged)


@dataclass(frozen=True)
class StatusRules:
    """How a mode words its failures and when they fail the whole run rather than part of it."""

    # Formatted with `failed` and `refused` (the report's counts) and `first` (the first failure).
    failures: str = "{failed} URL(s) failed ({refused} refused); see `errors`"
    # Failures that left nothing stored fail the run: always (True), or only when the source's own
    # pages could not be read (False, with close_run's `unreadable`).
    nothing_stored_fails: bool = False
    # The failure policy (flows/failures.py): failures of URLs already failing leave the run ok.
    tolerate_known: bool = False


# No URL in the message: each failure was printed once, on its own line, when it happened.
NIGHTLY = StatusRules("{failed} URL(s) failed ({refused} refused); see `errors`", tolerate_known=True)
BACKFILL = StatusRules()
WAYBACK = StatusRules("{failed} capture(s) failed ({refused} refused); see `errors`")
WARC_IMPORT = StatusRules("{failed} record(s) could not be parsed; see `errors`", nothing_stored_fails=True)


def start_run(
    con: duckdb.DuckDBPyConnection | Warehouse, flow: str, source_id: str, params: dict[str, Any]
) -> SourceReport:
    """Record the start of a source's run in `runs` and return its (empty) report."""
    with WRITE_LOCK, session(con) as held:
        run_id = load.start_run(held, flow, source_id, params)
    return SourceReport(source_id, run_id=run_id)


def mark_crashed(report: SourceReport, exc: Exception) -> None:
    """Fail the run on an unexpected exception, naming it."""
    report.status, report.message = "failed", f"crashed: {type(exc).__name__}: {exc}"


def close_run(
    con: duckdb.DuckDBPyConnection | Warehouse,
    report: SourceReport,
    rules: StatusRules,
    *,
    first_error: str = "",
    stopped: bool = False,
    unreadable: bool = False,
    note: str = "",
) -> SourceReport:
    """Settle the run's status by `rules` and record its end in `runs`: status, counters and message.

    `stopped`: the user asked the run to stop; `unreadable`: the source's own pages could not be read;
    `note` is added to the message in parentheses.
    """
    if report.status == "ok" and stopped:
        report.status, report.message = "interrupted", INTERRUPTED
    elif report.status == "ok" and (report.failed or report.refused):
        nothing = not report.stored_any() and (rules.nothing_stored_fails or unreadable)
        if rules.tolerate_known and not nothing and not _fails(report, unreadable):
            report.message = report.message or _known_note(report)
        else:
            report.status = "failed" if nothing else "partial"
            counts = {"failed": report.failed, "refused": report.refused, "first": first_error}
            report.message = report.message or rules.failures.format(**counts)
    if report.warnings:  # releases stored without a date: said, never a failure
        warned = f"{report.warnings} release(s) stored with a warning; see `errors`"
        if report.message:
            note = "; ".join(n for n in (note, warned) if n)
        else:
            report.message = warned
    if note:
        report.message = f"{report.message} ({note})".strip()
    if report.run_id is None:
        raise KeyError(f"{report.source_id}: no run was started")
    with WRITE_LOCK, session(con) as held:
        load.finish_run(held, report.run_id, report.status, report.counters(), report.message)
    return report


def _fails(report: SourceReport, unreadable: bool) -> bool:
    tried = report.failed + report.new + report.updated + report.unchanged
    return run_fails(failed=report.failed, known=report.known_failures, tried=tried, unreadable=unreadable)


def _known_note(report: SourceReport) -> str:
    """The message of a run whose failures were all of URLs already failing (or parked at once)."""
    return (
        f"{report.known_failures} failure(s) of URLs already failing or parked at once "
        f"({len(report.parked)} parked); see `errors` and `parked_urls`"
    )


def parked_markdown(reports: list[dict[str, Any]]) -> str:
    """The run summary's parked URLs: each one this run parked, and how many each source has in all."""
    lines = [f"- {r['source_id']}: {p}\n" for r in reports for p in r.get("parked") or ()]
    totals = [
        f"{r['source_id']} {len(r.get('parked') or ()) + r.get('parked_before', 0)}"
        for r in reports
        if r.get("parked") or r.get("parked_before")
    ]
    if not totals:
        return ""
    text = "\nParked URLs (no longer retried; `pressroom sources` and the `parked_urls` view list them): "
    text += ", ".join(totals) + "\n"
    return text + ("\nParked by this run:\n" + "".join(lines) if lines else "")


def summary_markdown(reports: list[dict[str, Any]]) -> str:
    """A markdown table of a run's per-source outcome, and the URLs it parked."""
    head = "| source | status | pages | requests | new | updated | unchanged | failed | note |\n"
    head += "|---|---|---|---|---|---|---|---|---|\n"
    rows = [
        f"| {r['source_id']} | {r['status']} | {r['pages_fetched']} | {r['requests']} | {r['new']} | "
        f"{r['updated']} | {r['unchanged']} | {r['failed']} | {r['message'] or ''} |"
        for r in reports
    ]
    return head + "\n".join(rows) + "\n" + parked_markdown(reports)


def summary_text(reports: list[dict[str, Any]]) -> str:
    """A plain-text line per source, for the terminal."""
    lines = []
    for r in reports:
        line = (
            f"{r['source_id']:<14} {r['status']:<8} pages={r['pages_fetched']} requests={r['requests']} "
            f"new={r['new']} updated={r['updated']} unchanged={r['unchanged']} failed={r['failed']}"
        )
        if r["message"]:
            line += f"  ({r['message']})"
        lines.append(line)
    return "\n".join(lines)
