"""Releases from web archives: WARC files on disk and Wayback Machine captures.

Both fill gaps only: a release already stored is left as it is (an old capture must never replace
newer content). They use the same parsers and loaders as the nightly run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from config.sources import Source, load_sources
from extractors.archives import plans, warc, wayback
from extractors.pages import discover
from extractors.pages.parse import ParseError, parse_release
from extractors.web.fetch import Fetcher, FetchResult, Outcome, PageFetcher
from flows.backfill import BACKFILL_BATCH_SIZE, BackfillJob, Reporter, StopFlag, _flush_pending
from flows.ingest import IngestOptions, SourceJob, SourceReport, finish_run
from flows.records import raw_page_record
from warehouse import db as warehouse_db
from warehouse import load

log = logging.getLogger("pressroom.archives")


# -- WARC ------------------------------------------------------------------------------------------


@dataclass
class WarcImport:
    """What one import of WARC files did: a report per source touched, and what was not a release."""

    reports: dict[str, SourceReport] = field(default_factory=dict)
    responses: int = 0
    skipped: int = 0  # not a 200 response, not a configured source's release URL, or already stored


class WarcJobs:
    """One source job per source met in the files, each recorded as an `import-warc` run."""

    def __init__(self, con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> None:
        self.con, self.params = con, params
        self.jobs: dict[str, SourceJob] = {}
        self.stored: dict[str, set[str]] = {}

    def job(self, source: Source) -> SourceJob:
        """The job of a source, started (with its run) the first time it is needed."""
        if source.id not in self.jobs:
            opts = IngestOptions(flow="import-warc", params=self.params, now=datetime.now(UTC))
            job = SourceJob(source, self.con, Fetcher(), opts)
            job.report.run_id = load.start_run(self.con, "import-warc", source.id, self.params)
            self.jobs[source.id] = job
            self.stored[source.id] = set(load.stored_state(self.con, source.id))
        return self.jobs[source.id]

    def finish(self) -> dict[str, SourceReport]:
        """Load what is pending and close every source's run."""
        for job in self.jobs.values():
            _flush_pending(job)
            rep = job.report
            if rep.failed:
                rep.status = "partial" if rep.new else "failed"
                rep.message = f"{rep.failed} record(s) could not be parsed; see `errors`"
            finish_run(self.con, rep)
            job.fetcher.close()
        return {sid: job.report for sid, job in self.jobs.items()}


def import_warc(
    paths: Sequence[str | Path], con: duckdb.DuckDBPyConnection, sources: Iterable[Source] | None = None
) -> WarcImport:
    """Load the releases found in WARC files (response records whose URL is a configured source's release)."""
    chosen = list(sources) if sources is not None else list(load_sources().values())
    out = WarcImport()
    jobs = WarcJobs(con, {"files": [str(p) for p in paths]})
    try:
        for path in paths:
            with open(path, "rb") as stream:
                try:
                    for resp in warc.read_responses(stream):
                        out.responses += 1
                        if not _import_response(resp, chosen, jobs):
                            out.skipped += 1
                except warc.WarcError as exc:
                    raise warc.WarcError(f"{path}: not a readable WARC file ({exc})") from exc
    finally:
        out.reports = jobs.finish()
    return out


def _import_response(resp: warc.WarcResponse, sources: list[Source], jobs: WarcJobs) -> bool:
    """Queue one archived response as a release; False when it is not a new release of a source."""
    source = warc.match_source(resp.target_uri, sources) if resp.status == 200 else None
    if source is None:
        return False
    url = source.canonical_url(resp.target_uri)
    key = source.release_key(url)
    job = jobs.job(source)
    if key is None or key in jobs.stored[source.id]:
        return False
    result = _warc_result(resp)
    job.keep_raw(raw_page_record(source, url, "warc", result), result)  # saved with the release's batch
    job.report.pages_fetched += 1
    try:
        parsed = parse_release(resp.body, source, url)
    except ParseError as exc:
        job.fail(url, "parse", f"{exc} (WARC record of {resp.target_uri})")
        return False
    jobs.stored[source.id].add(key)
    job.queue(discover.Candidate(url, key, "new"), parsed, result, None)
    return True


def _warc_result(resp: warc.WarcResponse) -> FetchResult:
    return FetchResult(
        url=resp.target_uri,
        final_url=resp.target_uri,
        status=resp.status,
        outcome=Outcome.OK,
        reason=None,
        headers=resp.headers,
        body=resp.body,
        fetched_at=resp.date or datetime.now(UTC),
        attempts=0,
        etag=resp.headers.get("etag"),
        last_modified=resp.headers.get("last-modified"),
        content_type=resp.content_type,
    )


def run_import_warc(paths: Sequence[str | Path], db: str | None = None) -> WarcImport:
    """Open the warehouse, import WARC files, close it."""
    from config import settings

    con = warehouse_db.connect(settings.db_path(db))
    try:
        return import_warc(paths, con)
    finally:
        con.close()


# -- Wayback Machine -------------------------------------------------------------------------------


def wayback_job_name(start: date, end: date) -> str:
    """The checkpoint job of a Wayback backfill of [start, end]."""
    return f"wayback:{start.isoformat()}:{end.isoformat()}"


def wayback_backfill(
    source: Source,
    con: duckdb.DuckDBPyConnection,
    fetcher: PageFetcher,
    start: date,
    end: date,
    *,
    wayback_url: str | None = None,
    stop: StopFlag | None = None,
    progress: Reporter | None = None,
) -> SourceReport:
    """Store the source's releases captured by the Wayback Machine in [start, end], keyed by original URL."""
    plans.check_range(start, end)
    base = (wayback_url or wayback.DEFAULT_WAYBACK).rstrip("/")
    name = wayback_job_name(start, end)
    params = {"source": source.id, "start": start.isoformat(), "end": end.isoformat(), "wayback": base}
    opts = IngestOptions(
        flow="backfill", params=params, now=datetime.now(UTC), batch_size=BACKFILL_BATCH_SIZE
    )
    # The range selects captures, not publication dates: a page captured then is kept whatever its date.
    job = BackfillJob(source, con, fetcher, opts, date.min, date.max)
    job.report.run_id = load.start_run(con, "backfill", source.id, params)
    stop, progress = stop or StopFlag(), progress or Reporter.quiet()
    checkpoint = load.get_checkpoint(con, source.id, name)
    if checkpoint is not None and checkpoint.finished:
        job.report.message = f"{name} already finished; nothing to do"
    else:
        try:
            _wayback_walk(job, base, start, end, name, stop, progress)
        except Exception as exc:  # deliberate: the crash is recorded in `runs`; a rerun resumes
            log.exception("%s: Wayback backfill crashed", source.id)
            job.report.status, job.report.message = "failed", f"crashed: {type(exc).__name__}: {exc}"
        except KeyboardInterrupt:  # a second Ctrl-C: record the run as interrupted, then let it propagate
            stop.requested = True
            _flush_pending(job)
            _close(job, stop, progress)
            raise
        _flush_pending(job)
    return _close(job, stop, progress)


def _wayback_walk(
    job: BackfillJob, base: str, start: date, end: date, name: str, stop: StopFlag, progress: Reporter
) -> None:
    """List the captures, then fetch and load each release not stored yet, checkpointing every batch."""
    source = job.source
    captures = _list_captures(job, base, start, end)
    if captures is None:
        return
    stored = set(load.stored_state(job.con, source.id))
    todo = [c for c in captures if source.release_key(c.original) not in stored]
    progress.begin(f"{source.id} Wayback {start}..{end}", len(captures), "captures")
    done = len(captures) - len(todo)
    progress.update(done, job.report)
    for n, capture in enumerate(todo, 1):
        if stop.requested:
            return
        _store_capture(job, base, capture)
        progress.update(done + n, job.report)
        job.flush()  # load, then checkpoint: a stop in between redoes nothing stored
        load.save_checkpoint(job.con, source.id, name, {"captures": len(captures), "done": done + n})
    job.flush()
    load.save_checkpoint(job.con, source.id, name, {"captures": len(captures)}, finished=True)


def _list_captures(job: BackfillJob, base: str, start: date, end: date) -> list[wayback.Capture] | None:
    """The source's release captures in the range, one per release; None when the CDX query failed."""
    query = wayback.cdx_url(base, wayback.url_prefix(job.source), start, end)
    result = job.fetcher.get(query, job.source.politeness)
    job.report.requests += result.attempts
    if result.outcome != Outcome.OK:
        job._refused_or_failed(query, "discover", result)
        job.report.status, job.report.message = "failed", f"CDX query failed: {result.reason}"
        return None
    job.report.pages_fetched += 1
    try:
        return wayback.release_captures(job.source, wayback.parse_cdx(result.body))
    except wayback.CdxError as exc:
        job.fail(query, "discover", str(exc))
        job.report.status, job.report.message = "failed", str(exc)
        return None


def _store_capture(job: BackfillJob, base: str, capture: wayback.Capture) -> None:
    """Fetch one capture's original bytes and queue it under its original URL."""
    source = job.source
    url = source.canonical_url(capture.original)
    key = source.release_key(url)
    replay = wayback.playback_url(base, capture)
    result = job.fetcher.get(replay, source.politeness, refusal_markers=source.refusal_markers)
    job.report.requests += result.attempts
    if result.outcome != Outcome.OK or key is None:
        job._refused_or_failed(url, "fetch", result)
        return
    # The archive's validators must never be sent to the live site in a later conditional GET.
    result = replace(result, etag=None, last_modified=None)
    page = raw_page_record(source, url, "wayback", result)
    page["canonical_url"], page["capture_url"] = url, replay
    job.keep_raw(page, result)  # saved with the release's batch
    try:
        parsed = parse_release(result.body, source, url)
    except ParseError as exc:
        job.fail(url, "parse", f"{exc} (capture {replay})")
        return
    job.queue(discover.Candidate(url, key, "new"), parsed, result, None, capture_url=replay)


def _close(job: BackfillJob, stop: StopFlag, progress: Reporter) -> SourceReport:
    rep = job.report
    if stop.requested and rep.status == "ok":
        rep.status, rep.message = "partial", "interrupted; rerun the same command to resume"
    elif rep.status == "ok" and (rep.failed or rep.refused):
        rep.status = "partial"
        rep.message = f"{rep.failed} capture(s) failed ({rep.refused} refused); see `errors`"
    finish_run(job.con, rep)
    progress.end(rep)
    return rep
