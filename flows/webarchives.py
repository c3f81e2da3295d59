"""Releases from web archives: WARC files on disk and Wayback Machine captures.

Both fill gaps only: a release already stored is left as it is (an old capture must never replace
newer content). They use the same parsers and loaders as the nightly run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb

from config import settings
from config.sources import Source, load_sources
from extractors.archives import plans, warc, wayback
from extractors.pages import discover
from extractors.pages.parse import ParseError, parse_release
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.batch import PendingBatch
from flows.progress import Reporter, StopFlag
from flows.resumable import ArchiveRun, run_resumable, start_archive_run
from flows.rows import raw_page_record
from flows.runlog import WARC_IMPORT, WAYBACK, SourceReport, close_run, start_run
from flows.steps import queue
from warehouse import db as warehouse_db
from warehouse import load
from warehouse.db import session

# -- WARC ------------------------------------------------------------------------------------------


@dataclass
class WarcImport:
    """What one import of WARC files did: a report per source touched, and what was not a release."""

    reports: dict[str, SourceReport] = field(default_factory=dict)
    responses: int = 0
    skipped: int = 0  # not a 200 response, not a configured source's release URL, or already stored


class WarcBatches:
    """One pending batch per source met in the files, each recorded as an `import-warc` run."""

    def __init__(self, con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> None:
        self.con, self.params = con, params
        self.batches: dict[str, PendingBatch] = {}
        self.stored: dict[str, set[str]] = {}

    def batch(self, source: Source) -> PendingBatch:
        """The batch of a source, started (with its run) the first time it is needed."""
        if source.id not in self.batches:
            report = start_run(self.con, "import-warc", source.id, self.params)
            batch = PendingBatch(source, self.con, report, size=settings.BATCH_SIZE, now=datetime.now(UTC))
            self.batches[source.id] = batch
            self.stored[source.id] = set(load.stored_state(self.con, source.id))
        return self.batches[source.id]

    def finish(self) -> dict[str, SourceReport]:
        """Load what is pending and close every source's run."""
        for batch in self.batches.values():
            batch.save_pending()
            close_run(self.con, batch.report, WARC_IMPORT, first_error=batch.first_error)
        return {sid: batch.report for sid, batch in self.batches.items()}


def import_warc(
    paths: Sequence[str | Path], con: duckdb.DuckDBPyConnection, sources: Iterable[Source] | None = None
) -> WarcImport:
    """Load the releases found in WARC files (response records whose URL is a configured source's release)."""
    chosen = list(sources) if sources is not None else list(load_sources().values())
    out = WarcImport()
    batches = WarcBatches(con, {"files": [str(p) for p in paths]})
    try:
        for path in paths:
            with open(path, "rb") as stream:
                try:
                    for resp in warc.read_responses(stream):
                        out.responses += 1
                        if not _import_response(resp, chosen, batches):
                            out.skipped += 1
                except warc.WarcError as exc:
                    raise warc.WarcError(f"{path}: not a readable WARC file ({exc})") from exc
    finally:
        out.reports = batches.finish()
    return out


def _import_response(resp: warc.WarcResponse, sources: list[Source], batches: WarcBatches) -> bool:
    """Queue one archived response as a release; False when it is not a new release of a source."""
    source = warc.match_source(resp.target_uri, sources) if resp.status == 200 else None
    if source is None:
        return False
    url = source.canonical_url(resp.target_uri)
    key = source.release_key(url)
    batch = batches.batch(source)
    if key is None or key in batches.stored[source.id]:
        return False
    result = _warc_result(resp)
    page = batch.add_raw_page(raw_page_record(source, url, "warc", result))  # saved with the release
    batch.report.pages_fetched += 1
    try:
        parsed = parse_release(resp.body, source, url)
    except ParseError as exc:
        batch.fail(url, "parse", f"{exc} (WARC record of {resp.target_uri})")
        return False
    batches.stored[source.id].add(key)
    queue(batch, discover.Candidate(url, key, "new"), parsed, response=result, page=page)
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
    params = {"source": source.id, "start": start.isoformat(), "end": end.isoformat(), "wayback": base}
    # No date scope: the range selects captures, not publication dates; a page captured then is kept.
    run = start_archive_run(source, con, wayback_job_name(start, end), params, stop=stop, progress=progress)
    walk = partial(_wayback_walk, fetcher, run, base, start, end)
    return run_resumable(run, WAYBACK, walk, "Wayback backfill")


def _wayback_walk(
    fetcher: PageFetcher, run: ArchiveRun, base: str, start: date, end: date, _cursor: plans.Cursor | None
) -> None:
    """List the captures, then fetch and load each release not stored yet, checkpointing every batch.

    The checkpoint's cursor is not needed to resume: captures of releases already stored are skipped.
    """
    batch, progress = run.batch, run.progress
    source = batch.source
    captures = _list_captures(fetcher, batch, base, start, end)
    if captures is None:
        return
    with session(batch.con) as con:
        stored = set(load.stored_state(con, source.id))
    todo = [c for c in captures if source.release_key(c.original) not in stored]
    progress.begin(f"{source.id} Wayback {start}..{end}", len(captures), "captures")
    done = len(captures) - len(todo)
    progress.update(done, batch.report)
    for n, capture in enumerate(todo, 1):
        if run.stop.requested:
            return
        _store_capture(fetcher, batch, base, capture)
        progress.update(done + n, batch.report)
        batch.flush()  # load, then checkpoint: a stop in between redoes nothing stored
        with session(batch.con) as con:
            load.save_checkpoint(con, source.id, run.job, {"captures": len(captures), "done": done + n})
    batch.flush()
    with session(batch.con) as con:
        load.save_checkpoint(con, source.id, run.job, {"captures": len(captures)}, finished=True)


def _list_captures(
    fetcher: PageFetcher, batch: PendingBatch, base: str, start: date, end: date
) -> list[wayback.Capture] | None:
    """The source's release captures in the range, one per release; None when the CDX query failed."""
    source, report = batch.source, batch.report
    query = wayback.cdx_url(base, wayback.url_prefix(source), start, end)
    result = fetcher.get(query, source.politeness, allowed_hosts=[base])  # the archive's own host only
    report.requests += result.attempts
    if result.outcome != Outcome.OK:
        batch.fail_fetch(query, "discover", result)
        report.status, report.message = "failed", f"CDX query failed: {result.reason}"
        return None
    report.pages_fetched += 1
    try:
        return wayback.release_captures(source, wayback.parse_cdx(result.body))
    except wayback.CdxError as exc:
        batch.fail(query, "discover", str(exc))
        report.status, report.message = "failed", str(exc)
        return None


def _store_capture(fetcher: PageFetcher, batch: PendingBatch, base: str, capture: wayback.Capture) -> None:
    """Fetch one capture's original bytes and queue it under its original URL."""
    source = batch.source
    url = source.canonical_url(capture.original)
    key = source.release_key(url)
    replay = wayback.playback_url(base, capture)
    # A replay never leaves the archive's host (a capture redirecting to the live site is refused).
    result = fetcher.get(
        replay, source.politeness, refusal_markers=source.refusal_markers, allowed_hosts=[base]
    )
    batch.report.requests += result.attempts
    if result.outcome != Outcome.OK or key is None:
        batch.fail_fetch(url, "fetch", result)
        return
    # The archive's validators must never be sent to the live site in a later conditional GET.
    result = replace(result, etag=None, last_modified=None)
    raw = raw_page_record(source, url, "wayback", result)
    raw["canonical_url"], raw["capture_url"] = url, replay
    page = batch.add_raw_page(raw)  # saved with the release's batch
    try:
        parsed = parse_release(result.body, source, url)
    except ParseError as exc:
        batch.fail(url, "parse", f"{exc} (capture {replay})")
        return
    cand = discover.Candidate(url, key, "new")
    queue(batch, cand, parsed, response=result, page=page, capture_url=replay)
