"""How a run ends in `runs`: one set of rules, worded per mode (nightly, backfill, Wayback, WARC import)."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from flows.runlog import BACKFILL, NIGHTLY, WARC_IMPORT, WAYBACK, SourceReport, close_run, start_run
from warehouse import db


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(db.MEMORY)
    yield con
    con.close()


def _closed(con: duckdb.DuckDBPyConnection, report: SourceReport) -> tuple[str, str]:
    row = con.execute("select status, message from runs where run_id = ?", [report.run_id]).fetchone()
    assert row is not None
    return row[0], row[1]


def test_a_run_without_failures_is_ok(con: duckdb.DuckDBPyConnection) -> None:
    report = start_run(con, "nightly", "economy_en", {})
    report.new = 3
    close_run(con, report, NIGHTLY)
    assert _closed(con, report) == ("ok", "")


def test_a_nightly_run_with_new_failures_is_partial_and_failed_when_its_listing_was_unreadable(
    con: duckdb.DuckDBPyConnection,
) -> None:
    readable = start_run(con, "nightly", "economy_en", {})
    readable.failed, readable.refused = 2, 1
    close_run(con, readable, NIGHTLY, first_error="fetch http://x/1: refused")
    assert _closed(con, readable) == (
        "partial",
        "2 URL(s) failed (1 refused); see `errors`",
    )
    unreadable = start_run(con, "nightly", "economy_en", {})
    unreadable.failed = 1
    close_run(con, unreadable, NIGHTLY, first_error="discover http://x/: failed", unreadable=True)
    assert _closed(con, unreadable)[0] == "failed"


def test_a_warc_import_that_stored_nothing_failed(con: duckdb.DuckDBPyConnection) -> None:
    nothing = start_run(con, "import-warc", "economy_en", {})
    nothing.failed = 2
    close_run(con, nothing, WARC_IMPORT)
    assert _closed(con, nothing) == ("failed", "2 record(s) could not be parsed; see `errors`")
    some = start_run(con, "import-warc", "economy_en", {})
    some.failed, some.new = 1, 4
    assert close_run(con, some, WARC_IMPORT).status == "partial"


def test_a_stopped_backfill_is_interrupted_and_says_how_to_resume(con: duckdb.DuckDBPyConnection) -> None:
    report = start_run(con, "backfill", "kremlin_en", {})
    report.failed = 1
    close_run(con, report, BACKFILL, stopped=True, note="2 outside the range skipped")
    assert _closed(con, report) == (
        "interrupted",
        "interrupted; rerun the same command to resume (2 outside the range skipped)",
    )


def test_archive_runs_with_failures_are_partial_even_when_nothing_was_stored(
    con: duckdb.DuckDBPyConnection,
) -> None:
    for rules, noun in ((BACKFILL, "URL(s)"), (WAYBACK, "capture(s)")):
        report = start_run(con, "backfill", "kremlin_en", {})
        report.failed = 1
        close_run(con, report, rules)
        assert _closed(con, report) == ("partial", f"1 {noun} failed (0 refused); see `errors`")


def test_a_crashed_run_keeps_its_failed_status_and_message(con: duckdb.DuckDBPyConnection) -> None:
    report = start_run(con, "nightly", "economy_en", {})
    report.status, report.message, report.failed = "failed", "crashed: OSError: disk full", 1
    close_run(con, report, NIGHTLY)
    assert _closed(con, report) == ("failed", "crashed: OSError: disk full")
