"""The steps every mode shares: fetch a page (kept raw), process a candidate, queue a parsed release.

Each step takes what it needs: the fetcher where it fetches, and the source's pending batch, which
keeps the raw pages, records, errors and counters until they are stored.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import duckdb

from config.sources import Source
from extractors.extract import extract
from extractors.models import ParsedRelease, Published
from extractors.pages.datecheck import check_published, date_warning
from extractors.pages.discover import Candidate
from extractors.pages.parse import ParseError, parse_feed_entry, parse_release
from extractors.pages.timestamps import choose_published, normalize_published
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.batch import PageHandle, PendingBatch
from flows.rows import raw_page_record, release_record
from warehouse.records import StoredRelease

# Whether a release dated so belongs to the run; a run without one keeps every release.
Scope = Callable[[Published], bool]


class Fetched(NamedTuple):
    """A fetch's result, and the handle of its raw page when it was OK (and so kept)."""

    result: FetchResult
    page: PageHandle | None


def fetch_page(
    fetcher: PageFetcher,
    batch: PendingBatch,
    url: str,
    kind: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """Fetch one URL of the batch's source (conditionally, given validators) and keep the raw response."""
    source = batch.source
    result = fetcher.get(
        source.fetch_url(url),
        source.politeness,
        refusal_markers=source.refusal_markers,
        etag=etag,
        last_modified=last_modified,
        allowed_hosts=source.hosts,  # nothing outside the source's own hosts, redirects included
    )
    batch.report.requests += result.attempts
    if result.outcome != Outcome.OK:
        return Fetched(result, None)
    # Saved with the batch it feeds, in the same transaction.
    return Fetched(result, batch.add_raw_page(raw_page_record(source, url, kind, result)))


def date_reader(source: Source) -> Callable[[str | None], Published]:
    """Normalize a listing date with the source's zone, language and date formats."""
    return partial(normalize_published, tz=source.timezone, lang=source.lang, formats=source.date_formats)


def process(
    fetcher: PageFetcher,
    batch: PendingBatch,
    cand: Candidate,
    known: StoredRelease | None,
    *,
    listing_page: PageHandle | None = None,
    scope: Scope | None = None,
) -> None:
    """Fetch (unless the feed carries the body), parse, normalize, extract and queue one release.

    `known` is the stored state of the release, if any; `listing_page` the feed page it came in.
    """
    source, item = batch.source, cand.item
    feed = source.feed
    if item is not None and item.content_html and feed is not None and feed.use_content:
        try:
            parsed = parse_feed_entry(item, source)
        except ParseError as exc:  # an entry without a title or a body: the rest of the feed goes on
            batch.fail(cand.url, "parse", str(exc))
            return
        queue(batch, cand, parsed, page=listing_page, scope=scope)
        return
    etag = last_modified = None
    if cand.reason == "recheck" and known is not None:
        etag, last_modified = known.etag, known.last_modified
    article_url = cand.url + source.article.url_suffix
    result, page = fetch_page(fetcher, batch, article_url, "article", etag=etag, last_modified=last_modified)
    if result.outcome == Outcome.NOT_MODIFIED:
        batch.mark_checked(cand.key, cand.url)
        return
    if result.outcome != Outcome.OK:
        batch.fail_fetch(cand.url, "fetch", result)
        return
    landed = source.release_key(result.final_url)
    if landed is not None and landed != cand.key:
        # Another release's page must never be stored under this one's key.
        batch.fail(cand.url, "fetch", f"redirected to another release ({result.final_url})")
        return
    try:
        parsed = parse_release(result.body, source, cand.url, item=item)
    except ParseError as exc:
        batch.fail(cand.url, "parse", str(exc))
        return
    except (ValueError, LookupError, TypeError, AttributeError) as exc:  # a site parser's own fault
        batch.fail(cand.url, "parse", f"{type(exc).__name__}: {exc}")
        return
    queue(batch, cand, parsed, response=result, page=page, scope=scope)


def process_isolated(
    fetcher: PageFetcher,
    batch: PendingBatch,
    cand: Candidate,
    known: StoredRelease | None,
    *,
    listing_page: PageHandle | None = None,
    scope: Scope | None = None,
) -> None:
    """`process` one candidate; a fault of its own is recorded as its failure and the source goes on."""
    try:
        process(fetcher, batch, cand, known, listing_page=listing_page, scope=scope)
    except duckdb.Error:
        raise  # the warehouse failing is the run's failure, not this record's
    except Exception as exc:  # deliberate: one record's unforeseen fault must not stop its source
        batch.fail(cand.url, "process", f"{type(exc).__name__}: {exc}")


def queue(
    batch: PendingBatch,
    cand: Candidate,
    parsed: ParsedRelease,
    *,
    response: FetchResult | None = None,
    page: PageHandle | None = None,
    scope: Scope | None = None,
    capture_url: str | None = None,
) -> None:
    """Normalize and extract one parsed release and add it to the pending batch.

    `response` gives the validators kept for the next conditional GET; `page` is the raw page the
    release was read from; a release outside `scope` is skipped.
    """
    source, item = batch.source, cand.item
    listed = item.published_raw if item else None  # the listing's date: the more precise one wins
    published = choose_published(
        parsed.published_raw, listed, tz=source.timezone, lang=parsed.lang, formats=source.date_formats
    )
    published = check_published(published, first_year=source.first_year, today=batch.now.date())
    if scope is not None and not scope(published):
        batch.resolve(cand.url)
        return
    try:
        extraction = extract(parsed.body_text, parsed.lang, published.day)
    except (ValueError, LookupError, TypeError, ArithmeticError) as exc:  # one text must not stop the source
        batch.fail(cand.url, "extract", f"{type(exc).__name__}: {exc}")
        return
    updated_raw = item.updated_raw if item else None
    record = release_record(
        source, parsed, published, extraction, response, updated_raw, batch.now, capture_url
    )
    warning = date_warning(published)
    if warning:  # stored all the same: a release without a date is not lost (docs/failures.md)
        batch.warn(cand.url, "normalize", warning)
    batch.add_release(record, cand.url, page)
