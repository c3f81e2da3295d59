"""Walk a source's listing newest first until the warehouse is known complete below, and keep the watermark.

A walk no longer stops at the first page that adds nothing new: that page may be the top of what an
interrupted run stored, with everything below it never fetched. It stops only where the source's watermark
says every older release is stored (or at the bottom of the listing, or at `--since`). A page that is
broken (unparsable, truncated, of another kind, empty where items are expected) fails the walk: it is
an error of the source, never its end. After the run has stored what it found, `advance` moves the
watermark down to the last release above which everything is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Protocol

from config.sources import FETCH_KINDS, FetchKind, Source
from extractors.models import ListingItem, ListingPage, Published
from extractors.pages import discover
from extractors.pages.discover import Candidate
from extractors.pages.integrity import BrokenPage, check_feed_body, check_items
from extractors.pages.parse import ParseError, parse_page
from extractors.web.fetch import FetchResult, Outcome, PageFetcher
from flows.batch import PageHandle, PendingBatch
from flows.steps import date_reader, fetch_page
from warehouse.records import StoredRelease
from warehouse.watermarks import Watermark

log = logging.getLogger("pressroom.walk")
FIRST_PAGE_MISSING = "the first page of the listing is not found (404): a moved listing?"


class Stopper(Protocol):
    """What a walk asks before each page: whether the user asked the run to stop."""

    @property
    def requested(self) -> bool: ...


class End(StrEnum):
    """Why a walk ended."""

    BOTTOM = "bottom"  # past the last page of the listing
    SINCE = "since"  # every release of a page is older than --since
    KNOWN = "known"  # reached the releases the watermark says are stored down to the bottom
    FAILED = "failed"  # a page could not be fetched or is broken: nothing below it can be known
    STOPPED = "stopped"  # the user asked the run to stop
    CAP = "cap"  # the safety limit of pages per walk


@dataclass(frozen=True)
class Listed:
    """One release as the walk met it, in listing order (newest first)."""

    key: str
    at: datetime | None  # its instant, or the start of its day in UTC; None when undated
    old: bool = False  # older than --since: needs nothing stored


@dataclass
class Walk:
    """What a walk found: candidates to fetch, the page each came in, the listing order, how it ended."""

    candidates: list[Candidate] = field(default_factory=list)
    pages: dict[str, PageHandle] = field(default_factory=dict)  # release key -> its listing or feed page
    listed: list[Listed] = field(default_factory=list)
    end: End = End.CAP

    @property
    def failed(self) -> bool:
        """Whether the listing could not be read to its end."""
        return self.end == End.FAILED


def covers(mark: Watermark | None, since: date | None) -> bool:
    """Whether the watermark says every release down to the run's bottom (the end, or `since`) is stored."""
    if mark is None or not mark.complete:
        return False
    return mark.since is None or (since is not None and mark.since <= since)


def instant(published: Published) -> datetime | None:
    """A listed release's place in time: its instant, or the start of its day (UTC)."""
    if published.at is not None:
        return published.at
    day = published.day
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None


def reaches(listed: Listed, mark: Watermark) -> bool:
    """Whether a listed release is the watermark's top or older than it."""
    if listed.key == mark.top_key:
        return True
    return listed.at is not None and mark.top_at is not None and listed.at <= mark.top_at


def walk_listing(
    fetcher: PageFetcher,
    batch: PendingBatch,
    stored: Mapping[str, StoredRelease],
    *,
    mark: Watermark | None,
    since: date | None,
    max_pages: int,
    stop: Stopper,
) -> Walk:
    """Walk the source's pages, then its `gaps_from` pages, until the watermark, the bottom or `since`."""
    source = batch.source
    walk, state = Walk(), discover.WalkState()
    kinds: list[FetchKind] = [source.fetch_kind] + ([source.gaps_from] if source.gaps_from else [])
    for kind in kinds:
        state.last_page_keys = ()
        walk.end = _walk_pages(fetcher, batch, stored, kind, walk, state, mark, since, max_pages, stop)
        if walk.end != End.BOTTOM:
            break  # the bottom of a short feed is where its gaps pages take over
    walk.candidates = state.candidates
    log.info("%s: walk ended (%s) after %d listed", source.id, walk.end, len(walk.listed))
    return walk


def _walk_pages(
    fetcher: PageFetcher,
    batch: PendingBatch,
    stored: Mapping[str, StoredRelease],
    kind: FetchKind,
    walk: Walk,
    state: discover.WalkState,
    mark: Watermark | None,
    since: date | None,
    max_pages: int,
    stop: Stopper,
) -> End:
    """Walk the pages of one fetch kind; return why it ended."""
    source, report = batch.source, batch.report
    read_date = date_reader(source)
    known = mark if covers(mark, since) else None
    walked = 0
    for n, url in enumerate(discover.PAGE_URLS[kind](source, max_pages)):
        walked = n + 1
        if stop.requested:
            return End.STOPPED
        result, handle = fetch_page(fetcher, batch, url, FETCH_KINDS[kind].page_kind)
        if result.outcome == Outcome.NOT_FOUND and n > 0:
            return End.BOTTOM  # past the last page (kremlin answers 404)
        if result.outcome == Outcome.NOT_FOUND:
            batch.fail(source.canonical_url(url), "discover", FIRST_PAGE_MISSING, result.status)
            return End.FAILED
        if handle is None:  # refused, failed or disallowed: only OK pages are kept
            batch.fail_fetch(source.canonical_url(url), "discover", result)
            return End.FAILED
        report.pages_fetched += 1
        try:
            page = _read_page(result, source, url, kind)
        except (BrokenPage, ParseError) as exc:
            batch.fail(source.canonical_url(url), "discover", f"broken page: {exc}", result.status)
            return End.FAILED
        batch.resolve(source.canonical_url(url))  # read whole: an earlier failure of this page is over
        keys = tuple(i.key for i in page.items)
        if page.past_end or keys == state.last_page_keys:
            return End.BOTTOM  # a "nothing found" page, or a clamped repeat of the last one
        added = _note(walk, state, page.items, handle, read_date, since)
        visit, _ = discover.visit_page(url, page, state, stored, since, read_date)
        if added and all(item.old for item in added):
            return End.SINCE
        if known is not None and not (visit.new or visit.updated) and any(reaches(i, known) for i in added):
            return End.KNOWN
    # A listing with no further page template ends after its pages; a paged one ran into the limit.
    return End.BOTTOM if walked < max_pages else End.CAP


def _read_page(result: FetchResult, source: Source, url: str, kind: FetchKind) -> ListingPage:
    """Parse a listing page, refusing a broken one (a feed must be a whole feed document)."""
    if kind == "feed":
        check_feed_body(result.body)
    page = parse_page(result, source, url, kind=kind)
    check_items(page, kind)
    return page


def _note(
    walk: Walk,
    state: discover.WalkState,
    items: list[ListingItem],
    handle: PageHandle,
    read_date: Callable[[str | None], Published],
    since: date | None,
) -> list[Listed]:
    """Record the page's releases not met before, in listing order; return them."""
    added = []
    for item in items:
        walk.pages.setdefault(item.key, handle)
        if item.key in state.seen_keys:
            continue
        published = read_date(item.published_raw)
        day = published.day
        added.append(Listed(item.key, instant(published), bool(since and day and day < since)))
    walk.listed.extend(added)
    return added


def advance(
    source_id: str,
    mark: Watermark | None,
    walk: Walk,
    accounted: set[str],
    *,
    since: date | None,
    run_id: int | None,
) -> Watermark | None:
    """The watermark after a run, or None to keep the old one.

    `accounted`: keys of releases stored, or failed with an error on record (retried from `errors`,
    whatever the walk does). The watermark moves only down to the last release above which all are so.
    """
    prefix: list[Listed] = []
    for listed in walk.listed:
        if not (listed.old or listed.key in accounted):
            break
        prefix.append(listed)
    if not prefix:
        return None
    top, floor = prefix[0], prefix[-1]
    whole = len(prefix) == len(walk.listed)
    if mark is not None and covers(mark, since) and any(reaches(p, mark) for p in prefix):
        # Down to the old top all is stored, and below it all was: complete, with a new top.
        return Watermark(source_id, top.key, top.at, mark.floor_key, mark.floor_at, True, mark.since, run_id)
    if whole and walk.end in (End.BOTTOM, End.SINCE):
        bound = since if walk.end == End.SINCE else None
        return Watermark(source_id, top.key, top.at, floor.key, floor.at, True, bound, run_id)
    if mark is not None and mark.complete:
        return None  # a gap below the new releases: the next run walks down to the old top again
    return Watermark(source_id, top.key, top.at, floor.key, floor.at, False, None, run_id)
