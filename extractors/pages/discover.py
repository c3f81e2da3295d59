"""Discover: walk a source's listing, feed or API pages newest first and decide what to fetch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from config import settings
from config.sources import FetchKind, Source
from extractors.models import ListingItem, ListingPage, Published


class StoredLike(Protocol):
    """What discovery needs to know of a stored release (read-only, as the warehouse's frozen records are)."""

    @property
    def url(self) -> str: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def published_date(self) -> date | None: ...
    @property
    def updated_raw(self) -> str | None: ...
    @property
    def last_checked_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Candidate:
    """A release URL to fetch, and why."""

    url: str
    key: str
    reason: str  # new | updated | recheck | retry
    item: ListingItem | None = None


@dataclass
class PageVisit:
    """One listing/feed/API page as walked: its URL, parsed items and what it added."""

    url: str
    page: ListingPage | None
    new: int = 0
    updated: int = 0
    old: int = 0  # items older than --since


@dataclass
class WalkState:
    """What the walk has seen so far (keys dedupe repeated Bitrix pages)."""

    seen_keys: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    last_page_keys: tuple[str, ...] = ()


def page_urls(source: Source, *, max_pages: int = settings.MAX_LISTING_PAGES) -> Iterator[str]:
    """Yield the source's listing/feed/API page URLs, newest page first."""
    return PAGE_URLS[source.fetch_kind](source, max_pages)


def _api_pages(source: Source, max_pages: int) -> Iterator[str]:
    """Search-API pages: `count` items from offset `start`."""
    assert source.api is not None  # the config loader requires the block of the source's kind
    size = source.api.page_size
    for n in range(max_pages):
        yield source.api.search_url.format(count=size, start=n * size)


def _numbered_pages(first: str, page_url: str | None, max_pages: int) -> Iterator[str]:
    """The first page, then `page_url` with {page} = 2, 3, ... when the listing or feed is paged."""
    yield first
    if page_url:
        for n in range(2, max_pages + 1):
            yield page_url.format(page=n)


def _listing_pages(source: Source, max_pages: int) -> Iterator[str]:
    assert source.listing is not None
    return _numbered_pages(source.listing.url, source.listing.page_url, max_pages)


def _feed_pages(source: Source, max_pages: int) -> Iterator[str]:
    assert source.feed is not None
    return _numbered_pages(source.feed.url, source.feed.page_url, max_pages)


# Page URLs by fetch kind (the kinds of config.sources.FETCH_KINDS).
PAGE_URLS: dict[FetchKind, Callable[[Source, int], Iterator[str]]] = {
    "html_listing": _listing_pages,
    "feed": _feed_pages,
    "api": _api_pages,
}


def classify(
    item: ListingItem,
    stored: Mapping[str, StoredLike],
    published: Published,
    since: date | None,
) -> str | None:
    """Return why an announced item must be fetched ("new", "updated"), "old", or None (nothing to do)."""
    day = published.day
    known = stored.get(item.key)
    if known is None:
        if since and day and day < since:
            return "old"
        return "new"
    if item.updated_raw and known.updated_raw and item.updated_raw != known.updated_raw:
        return "updated"
    return None


def visit_page(
    url: str,
    page: ListingPage,
    state: WalkState,
    stored: Mapping[str, StoredLike],
    since: date | None,
    normalize: Callable[[str | None], Published],
) -> tuple[PageVisit, bool]:
    """Add a page's items to the walk; return the visit and whether the walk should continue."""
    visit = PageVisit(url, page)
    keys = tuple(i.key for i in page.items)
    if not keys or keys == state.last_page_keys:
        return visit, False  # an empty page or a clamped repeat of the last one: the end
    state.last_page_keys = keys
    for item in page.items:
        if item.key in state.seen_keys:
            continue
        state.seen_keys.add(item.key)
        why = classify(item, stored, normalize(item.published_raw), since)
        if why == "old":
            visit.old += 1
        elif why:
            visit.new += why == "new"
            visit.updated += why == "updated"
            state.candidates.append(Candidate(item.url, item.key, why, item))
    # Stop at the first page that adds nothing: everything on it is stored or older than --since.
    return visit, bool(visit.new or visit.updated)


def recheck_candidates(
    stored: Mapping[str, StoredLike],
    *,
    now: datetime,
    recheck_days: float,
    interval_hours: float = settings.RECHECK_INTERVAL_HOURS,
    exclude: set[str] | frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Stored releases published within `recheck_days` of now and not checked for `interval_hours`."""
    if recheck_days <= 0:
        return []
    horizon = now - timedelta(days=recheck_days)
    stale = now - timedelta(hours=interval_hours)
    out = []
    for key, rel in stored.items():
        when = rel.published_at or _day_start(rel.published_date)
        if key in exclude or when is None or when < horizon:
            continue
        if rel.last_checked_at is None or rel.last_checked_at <= stale:
            out.append(Candidate(rel.url, key, "recheck"))
    return out


def _day_start(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
