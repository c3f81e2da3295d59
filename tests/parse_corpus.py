"""Every page an ingest parses, from a built mirror (read from disk) and from the saved pages, as parse jobs.

Shared by the parsing benchmark and by the test that parsing with shortcuts equals parsing whole pages.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from config.sources import Source
from extractors.models import ListingItem, ListingPage, ParsedRelease
from extractors.pages.parse import (
    ParseError,
    parse_api_search,
    parse_feed,
    parse_feed_entry,
    parse_listing,
    parse_release,
)
from tests.paths import PAGES


@dataclasses.dataclass(frozen=True)
class Job:
    """One page to parse: its kind (listing, article, entry), a label, and the parse call."""

    kind: str
    label: str
    run: Callable[[], ParsedRelease | ListingPage]

    def outcome(self) -> Any:
        """What the page parses to, as JSON-ready data (a refused page as its reason)."""
        try:
            return dataclasses.asdict(self.run())
        except ParseError as exc:
            return {"error": exc.reason}


class Routes:
    """A built mirror's bodies by route, as its server would answer them (None for a 404)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.table: dict[str, Any] = json.loads((out / "routes.json").read_text(encoding="utf-8"))

    def get(self, route: str) -> bytes | None:
        """The body served for `route`."""
        entry = self.table.get(route)
        return (self.out / entry["file"]).read_bytes() if entry else None


Parser = Callable[[bytes, str], ListingPage]


def _discovery_route(source: Source, n: int) -> tuple[str, Parser]:
    """Route of discovery page `n` ("" when there is none) and its parser."""
    if source.fetch_kind == "api" and source.api:
        size = source.api.page_size
        route = source.api.search_url.format(count=size, start=(n - 1) * size)
        return route, lambda data, _: parse_api_search(data, source)
    if source.fetch_kind == "feed" and source.feed:
        if n > 1 and not source.feed.page_url:
            return "", lambda data, _: parse_feed(data, source)  # a one-page feed
        route = source.feed.url if n == 1 else str(source.feed.page_url).format(page=n)
        return route, lambda data, _: parse_feed(data, source)
    assert source.listing is not None and source.listing.page_url
    route = source.listing.url if n == 1 else source.listing.page_url.format(page=n)
    return route, lambda data, at: parse_listing(data, source, at)


def _walk(source: Source, routes: Routes) -> list[tuple[Job, ListingPage]]:
    """Every discovery page, newest first, until a 404, an empty page or a repeated last page."""
    walked: list[tuple[Job, ListingPage]] = []
    for n in range(1, 500):
        route, parse = _discovery_route(source, n)
        data = routes.get(route) if route else None
        if data is None:
            break
        page = parse(data, route)
        if not page.items or (walked and page.items == walked[-1][1].items):
            break
        walked.append((Job("listing", route, _bound(parse, data, route)), page))
    return walked


def _bound(parse: Parser, data: bytes, route: str) -> Callable[[], ListingPage]:
    """A call of `parse` on one page, bound now (not when the loop variable has moved on)."""
    return lambda: parse(data, route)


def mirror_jobs(source: Source, routes: Routes, releases: list[dict[str, Any]]) -> list[Job]:
    """The discovery pages, article pages and full-body feed entries of one mirror."""
    walked = _walk(source, routes)
    if source.fetch_kind == "feed" and source.listing is not None:
        walked += _walk(dataclasses.replace(source, fetch_kind="html_listing"), routes)
    items: dict[str, ListingItem] = {}
    for _, page in reversed(walked):  # the feed's item (with content) wins over the HTML listing's
        items.update({item.key: item for item in page.items})
    jobs = [job for job, _ in walked]
    suffix = "" if source.fetch_kind == "api" else source.article.url_suffix
    for rec in releases:
        data, item = routes.get(rec["url_path"] + suffix), items.get(rec["source_id"])
        if data is not None:
            jobs.append(
                Job("article", rec["canonical_url"], _article(source, data, rec["canonical_url"], item))
            )
        if item is not None and item.content_html:
            jobs.append(Job("entry", rec["canonical_url"], _entry(source, item)))
    return jobs


def _article(source: Source, data: bytes, url: str, item: ListingItem | None) -> Callable[[], ParsedRelease]:
    return lambda: parse_release(data, source, url, item=item)


def _entry(source: Source, item: ListingItem) -> Callable[[], ParsedRelease]:
    return lambda: parse_feed_entry(item, source)


def saved_jobs(sources: dict[str, Source]) -> list[Job]:
    """The saved pages of tests/fixtures/pages (and the full-body entries of their feeds)."""
    jobs: list[Job] = []
    for expected in sorted(PAGES.glob("*/expected.json")):
        doc = json.loads(expected.read_text(encoding="utf-8"))
        source = sources[doc["site"]]
        for page in doc["pages"]:
            data, label = (expected.parent / page["file"]).read_bytes(), f"{doc['site']}/{page['file']}"
            jobs.append(_saved_job(source, page["kind"], data, page.get("url") or "", label))
            if page["kind"] == "feed":
                items = parse_feed(data, source).items
                jobs += [Job("entry", item.url, _entry(source, item)) for item in items if item.content_html]
    return jobs


def _saved_job(source: Source, kind: str, data: bytes, route: str, label: str) -> Job:
    if kind in ("article", "api_content"):
        return Job("article", label, _article(source, data, source.canonical_base + route, None))
    if kind == "feed":
        return Job("listing", label, lambda: parse_feed(data, source))
    if kind == "api_search":
        return Job("listing", label, lambda: parse_api_search(data, source))
    return Job("listing", label, lambda: parse_listing(data, source, route))
