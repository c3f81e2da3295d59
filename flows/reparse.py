"""Offline re-parse: rebuild releases from their stored raw pages through today's parsers, then re-extract.

Nothing is fetched. A release whose title or body comes out different gets a new version (read from the
same capture: it keeps the capture's time); one that comes out the same is left as it is. Each batch is
read and written in its own short session, so analysts' queries get in between.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

from config import settings
from config.sources import FETCH_KINDS, Source, load_sources, select_sources
from extractors.extract import extract
from extractors.models import ListingItem, ParsedRelease
from extractors.pages.parse import ParseError, parse_feed_entry, parse_page, parse_release
from extractors.pages.timestamps import choose_published
from extractors.web.fetch import FetchResult, Outcome
from flows.reextract import reextract_all
from flows.rows import release_record
from flows.runlog import SourceReport, StatusRules, close_run, start_run
from warehouse import load
from warehouse.db import Target, Warehouse, session
from warehouse.rawpages import release_sources
from warehouse.records import RawPage, ReleaseRecord, StoredSource

log = logging.getLogger("pressroom.reparse")
REPARSE = StatusRules("{failed} release(s) could not be re-parsed from their stored pages, first: {first}")
LISTING_KINDS = frozenset(spec.page_kind for spec in FETCH_KINDS.values())


class NotReparsable(Exception):
    """A stored release cannot be rebuilt from what was kept: no raw page, or it no longer parses."""


@dataclass
class ReparseResult:
    """What one re-parse did: a report per source, and the re-extraction that followed."""

    reports: list[SourceReport]
    reextracted: int = 0  # releases re-extracted
    rows_changed: int = 0  # figure and commitment rows changed by the re-extraction


def stored_response(page: RawPage) -> FetchResult:
    """A stored raw page as the parsers read a fresh response (same bytes, same charset rules)."""
    return FetchResult(
        url=page.url,
        final_url=page.url,
        status=page.status,
        outcome=Outcome.OK,
        reason=None,
        headers=page.headers or {},
        body=page.body or b"",
        fetched_at=page.fetched_at,
        attempts=0,
        etag=page.etag,
        last_modified=page.last_modified,
        content_type=page.content_type,
    )


def listing_items(con: Target, source: Source, *, chunk: int = 50) -> dict[str, ListingItem]:
    """The items of the source's stored listing/feed pages by key (the latest fetch of each page wins).

    Bodies are read a chunk at a time and parsed with the warehouse closed.
    """
    kind = FETCH_KINDS[source.fetch_kind].page_kind
    with session(con) as held:
        pages = load.iter_raw_pages(
            held, source_id=source.id, kind=kind, status=200, latest_per_url=True, with_body=False
        )
        ordered = sorted(pages, key=lambda p: (p.fetched_at, p.page_id))  # older first: newer overwrite
    items: dict[str, ListingItem] = {}
    for start in range(0, len(ordered), chunk):
        part = ordered[start : start + chunk]
        with session(con) as held:
            bodies = [load.raw_body(held, page.page_id) for page in part]
        for page, body in zip(part, bodies, strict=True):
            try:
                parsed = parse_page(stored_response(replace(page, body=body)), source, page.url)
            except (ParseError, ValueError) as exc:  # a page today's parsers cannot read lends no items
                log.info("%s: stored listing page %s does not parse: %s", source.id, page.url, exc)
                continue
            items.update((item.key, item) for item in parsed.items)
    return items


def reparse_one(source: Source, stored: StoredSource, item: ListingItem | None) -> ParsedRelease:
    """Parse a stored release again from its raw page; NotReparsable when that cannot be done."""
    try:
        parsed = _parse_stored(source, stored, item)
    except (ParseError, ValueError) as exc:
        raise NotReparsable(f"{type(exc).__name__}: {exc}") from exc
    # The stored identity stays: a page fetched from a mirror must not rename the release.
    return replace(parsed, url=stored.url, key=stored.key)


def _parse_stored(source: Source, stored: StoredSource, item: ListingItem | None) -> ParsedRelease:
    page = stored.page
    from_feed = source.feed is not None and source.feed.use_content
    if page is None or not page.body:
        if from_feed and item is not None and item.content_html:
            return parse_feed_entry(item, source)  # its feed page not linked: the stored feed pages hold it
        raise NotReparsable("no raw page of it was kept")
    if page.kind in LISTING_KINDS:  # read from feed content: the entry is on its feed page
        entries = parse_page(stored_response(page), source, page.url).items
        entry = next((e for e in entries if e.key == stored.key), None)
        if entry is None:
            raise NotReparsable(f"its feed page {page.url} no longer lists it")
        return parse_feed_entry(entry, source)
    return parse_release(page.body, source, stored.url, item=item)


def rebuild(
    source: Source, stored: StoredSource, parsed: ParsedRelease, item: ListingItem | None
) -> ReleaseRecord:
    """The record of a re-parsed release, dated and extracted as the nightly does it."""
    listed = item.published_raw if item is not None else stored.published_raw
    published = choose_published(
        parsed.published_raw, listed, tz=source.timezone, lang=parsed.lang, formats=source.date_formats
    )
    extraction = extract(parsed.body_text, parsed.lang, published.day)
    # Seen when the capture was: a re-reading is no new sighting (recheck and revalidation clocks stay).
    record = release_record(
        source, parsed, published, extraction, None, None, stored.seen_at, stored.capture_url
    )
    record["page_id"] = stored.page.page_id if stored.page is not None else None
    return record


def reparse_source(
    con: Target, source: Source, *, published_since: date | None = None, batch_size: int = 200
) -> SourceReport:
    """Re-parse one source's stored releases and store a new version of each that changed."""
    params = {"since": published_since.isoformat() if published_since else None}
    report = start_run(con, "reparse", source.id, params)
    items = listing_items(con, source)
    first_error, last = "", ""
    while True:
        with session(con) as held:
            batch = release_sources(
                held, source.id, published_since=published_since, after=last, limit=batch_size
            )
        if not batch:
            break
        last = batch[-1].release_id
        report.pages_fetched += sum(1 for s in batch if s.page is not None)  # pages read (from the store)
        records = []
        for stored in batch:
            item = items.get(stored.key)
            try:
                parsed = reparse_one(source, stored, item)
            except NotReparsable as exc:
                report.failed += 1
                first_error = first_error or f"{stored.url}: {exc}"
                log.warning("%s: %s not re-parsed: %s", source.id, stored.url, exc)
                continue
            if load.content_sha256(parsed.title, parsed.body_text) == stored.content_sha256:
                report.unchanged += 1
                continue
            records.append(rebuild(source, stored, parsed, item))
        if records:
            with session(con) as held:
                stats = load.load_batch(held, records, run_id=report.run_id)
            report.updated += stats.updated
            report.unchanged += stats.unchanged + stats.new  # new cannot happen: every record is stored
    return close_run(con, report, REPARSE, first_error=first_error)


def run_reparse(
    source_ids: list[str] | None = None,
    *,
    since: date | None = None,
    db: str | None = None,
    batch_size: int = 200,
) -> ReparseResult:
    """Re-parse the chosen sources (all enabled ones by default), then re-extract their releases."""
    warehouse = Warehouse(settings.db_path(db))
    chosen = select_sources(load_sources(), list(source_ids or []))
    result = ReparseResult(
        [reparse_source(warehouse, s, published_since=since, batch_size=batch_size) for s in chosen]
    )
    for source in chosen:
        # What `pressroom reextract --source` does, for the whole source, in one session.
        with warehouse.session() as con:
            counts = reextract_all(con, batch_size=batch_size, source_id=source.id)
        result.reextracted += counts["releases"]
        result.rows_changed += counts["rows_changed"]
    return result
