"""The failure policy: failed URLs retried with backoff, parked after N attempts or at once, runs judged."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from config import settings
from config.sources import load_sources
from extractors.web.fetch import FetchResult, Outcome
from flows.batch import PendingBatch
from flows.failures import FailurePolicy, park_reason, run_fails, wait_runs
from flows.runlog import NIGHTLY, SourceReport, close_run, start_run, summary_markdown
from warehouse import db, load
from warehouse.failures import parked_urls, url_failures
from warehouse.records import ErrorRecord

URL = "http://en.kremlin.ru/events/president/news/1"


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(db.MEMORY)
    yield con
    con.close()


def test_the_wait_doubles_after_each_failed_attempt() -> None:
    assert [wait_runs(n) for n in range(1, 6)] == [1, 2, 4, 8, 16]


@pytest.mark.parametrize(
    ("attempts", "outcome", "status", "parked"),
    [
        (1, Outcome.NOT_FOUND, 410, "gone (HTTP 410)"),
        (1, Outcome.REFUSED, 403, "refused: no later run would change it"),
        (1, Outcome.OFF_SITE, None, "off_site: no later run would change it"),
        (1, Outcome.DISALLOWED, None, "disallowed: no later run would change it"),
        (1, Outcome.NOT_FOUND, 404, None),
        (4, Outcome.FAILED, 503, None),
        (5, Outcome.FAILED, 503, "failed 5 times"),
        (5, None, None, "failed 5 times"),  # a page that never parses
    ],
)
def test_what_parks_a_url(attempts: int, outcome: str | None, status: int | None, parked: str | None) -> None:
    assert park_reason(attempts, outcome, status, settings.PARK_AFTER_ATTEMPTS) == parked


def test_a_403_from_a_source_known_to_refuse_bursts_is_retried_not_parked() -> None:
    assert park_reason(1, Outcome.REFUSED, 403, 5, bursts_403=True) is None
    assert park_reason(1, Outcome.REFUSED, None, 5, bursts_403=True) is not None  # a challenge page


def test_a_run_fails_on_a_first_failure_a_failed_discovery_or_a_high_failure_rate() -> None:
    assert not run_fails(failed=0, known=0, tried=10, unreadable=False)
    assert run_fails(failed=1, known=0, tried=10, unreadable=False)  # a new failure
    assert not run_fails(failed=2, known=2, tried=10, unreadable=False)  # known ones, 20 %
    assert run_fails(failed=3, known=3, tried=10, unreadable=False)  # known ones, but 30 %
    assert not run_fails(failed=2, known=2, tried=2, unreadable=False)  # too few to be a rate
    assert run_fails(failed=0, known=0, tried=0, unreadable=True)


def _nightly_with_failure(
    con: duckdb.DuckDBPyConnection, outcome: str | None = Outcome.FAILED, status: int | None = 503
) -> SourceReport:
    """One nightly run of kremlin_en in which URL fails, recorded as the batch does it."""
    source = load_sources()["kremlin_en"]
    report = start_run(con, "nightly", source.id, {})
    batch = PendingBatch(source, con, report, size=50)
    batch.policy = FailurePolicy.load(con, source)
    due = batch.policy.due(URL)
    if due:
        batch.fail(URL, "fetch", f"{outcome}: HTTP {status}", status, outcome=outcome)
    else:
        report.waiting += 1
    batch.flush()
    report.new = 10  # the rest of the source was stored
    return close_run(con, report, NIGHTLY, first_error=batch.first_error)


def test_a_failing_url_is_tried_after_1_2_4_8_runs_then_parked(con: duckdb.DuckDBPyConnection) -> None:
    tried_in: list[int] = []
    statuses = []
    for night in range(1, 25):
        report = _nightly_with_failure(con)
        statuses.append(report.status)
        if not report.waiting:
            tried_in.append(night)
    assert tried_in == [1, 2, 4, 8, 16]  # 1 run, then 2, 4, 8 runs of waiting; parked at the 5th failure
    assert statuses[0] == "partial"  # a first failure fails the nightly ...
    assert set(statuses[1:]) == {"ok"}  # ... the same URL failing again, or parked, does not
    (parked,) = parked_urls(con, "kremlin_en")
    assert (parked.url, parked.attempts, parked.http_status) == (URL, 5, 503)
    (failure,) = url_failures(con, "kremlin_en")
    assert failure.parked_at is not None


def test_a_gone_page_is_parked_at_once_and_fails_no_nightly(con: duckdb.DuckDBPyConnection) -> None:
    report = _nightly_with_failure(con, Outcome.NOT_FOUND, 410)
    assert report.status == "ok" and "1 parked" in report.message
    assert report.parked == [f"{URL}: parked, gone (HTTP 410) (not_found: HTTP 410)"]
    summary = summary_markdown([vars(report)])
    assert "Parked by this run" in summary and URL in summary and "kremlin_en 1" in summary
    assert _nightly_with_failure(con).waiting == 1  # never asked again
    assert [p.reason for p in parked_urls(con)] == ["not_found: HTTP 410"]


def test_a_url_stored_later_leaves_the_parked_list(con: duckdb.DuckDBPyConnection) -> None:
    _nightly_with_failure(con, Outcome.REFUSED, None)  # a challenge page
    assert len(parked_urls(con)) == 1
    load.resolve_errors(con, "kremlin_en", [URL])  # what a backfill storing it does
    assert parked_urls(con) == [] and FailurePolicy.load(con, load_sources()["kremlin_en"]).due(URL)


def test_warnings_are_kept_but_never_retried_nor_counted_as_open(con: duckdb.DuckDBPyConnection) -> None:
    run_id = load.start_run(con, "nightly", "kremlin_en", {})
    warning: ErrorRecord = {"url": URL, "stage": "normalize", "reason": "no date", "severity": "warning"}
    load.record_errors(con, run_id, "kremlin_en", [warning])
    assert load.open_errors(con, "kremlin_en") == [] and url_failures(con, "kremlin_en") == []
    kept = con.execute("select severity, resolved_at is not null from errors").fetchall()
    assert kept == [("warning", True)]


def test_a_url_of_a_held_host_that_was_already_failing_is_not_charged_an_attempt(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _nightly_with_failure(con)  # URL has failed once
    source = load_sources()["kremlin_en"]
    report = start_run(con, "nightly", source.id, {})
    batch = PendingBatch(source, con, report, size=50)
    batch.policy = FailurePolicy.load(con, source)
    held = FetchResult.without_response(URL, Outcome.UNREACHABLE, "cannot connect", 0)
    batch.fail_fetch(URL, "fetch", held)  # its host was found unreachable earlier in this run
    fresh = "http://en.kremlin.ru/events/president/news/2"
    batch.fail_fetch(
        fresh, "fetch", FetchResult.without_response(fresh, Outcome.UNREACHABLE, "cannot connect", 0)
    )
    batch.flush()
    assert (report.waiting, report.failed) == (1, 1)  # the new URL is recorded, so it is not forgotten
    assert [f.attempts for f in url_failures(con, source.id) if f.url == URL] == [1]


def test_releases_stored_with_warnings_leave_the_run_ok(con: duckdb.DuckDBPyConnection) -> None:
    report = start_run(con, "nightly", "kremlin_en", {})
    report.new, report.warnings = 5, 2
    close_run(con, report, NIGHTLY)
    assert (report.status, report.message) == ("ok", "2 release(s) stored with a warning; see `errors`")
