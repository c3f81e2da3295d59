"""Every release of every mirror parses to the mirror's title, body, language and instant.

Mirrors are built in a temporary folder and their files read straight from disk (no server), so the
whole sweep over every mirrored site costs a few seconds.
"""

from __future__ import annotations

import calendar
import importlib.util
import json
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pytest

from config.sources import Source, load_sources
from extractors.models import ListingItem, ListingPage
from extractors.pages.parse import (
    ParseError,
    parse_api_search,
    parse_feed,
    parse_feed_entry,
    parse_listing,
    parse_release,
)
from extractors.pages.timestamps import choose_published, normalize_published
from tests.mirrors import Mirror
from tests.paths import SITES as MIRROR_TOOLS

# Builds a mirror of every site.
pytestmark = pytest.mark.e2e


def mirrored_sites() -> set[str]:
    """The sites the mirror builder can imitate (the SITES table of tests/fixtures/sites/mirror.py)."""
    spec = importlib.util.spec_from_file_location("mirror_builder", MIRROR_TOOLS / "mirror.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return set(builder.SITES)


SOURCES = load_sources()
# Every configured source the mirror builder can imitate (a new block without a mirror has its own test).
SITES = [sid for sid in SOURCES if sid in mirrored_sites()]


class Disk:
    """A built mirror read from disk by route, as the server would answer it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.routes: dict[str, Any] = json.loads((out / "routes.json").read_text(encoding="utf-8"))
        self.releases: list[dict[str, Any]] = json.loads((out / "expected.json").read_text(encoding="utf-8"))[
            "releases"
        ]

    def get(self, route: str) -> bytes | None:
        """The body served for `route`, or None when the server would answer 404."""
        entry = self.routes.get(route)
        return (self.out / entry["file"]).read_bytes() if entry else None


_BUILT: dict[str, Disk] = {}


@pytest.fixture
def disk(mirror_root: Path, request: pytest.FixtureRequest) -> Disk:
    site = request.node.callspec.params["site"]
    if site not in _BUILT:
        _BUILT[site] = Disk(Mirror.build(site, mirror_root / f"parse-{site}", synthetic=30).out)
    return _BUILT[site]


def _pages(source: Source, disk: Disk) -> list[ListingPage]:
    """Every discovery page (listing, feed or search API) newest first, until the site runs out."""
    pages: list[ListingPage] = []
    for n in range(1, 50):
        route, parse = _page_route(source, n)
        data = disk.get(route)
        page = parse(data, route) if data else None
        if page is None or not page.items or (pages and page.items == pages[-1].items):
            break  # 404, an empty page, or Bitrix repeating its last page
        pages.append(page)
    return pages


def _page_route(source: Source, n: int) -> tuple[str, Any]:
    if source.fetch_kind == "api" and source.api:
        size = source.api.page_size
        return source.api.search_url.format(count=size, start=(n - 1) * size), lambda d, _: parse_api_search(
            d, source
        )
    if source.fetch_kind == "feed" and source.feed and source.feed.page_url:
        spec = source.feed
        return (spec.url if n == 1 else spec.page_url.format(page=n)), lambda d, _: parse_feed(d, source)
    spec2 = source.listing
    assert spec2 is not None and spec2.page_url
    route = spec2.url if n == 1 else spec2.page_url.format(page=n)
    return route, lambda d, r: parse_listing(d, source, r)


def _items(source: Source, disk: Disk) -> dict[str, ListingItem]:
    return {i.key: i for page in _pages(source, disk) for i in page.items}


def _utc(at: Any) -> str | None:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if at else None


@pytest.mark.parametrize("site", SITES)
def test_every_release_is_discovered_with_its_instant(site: str, disk: Disk) -> None:
    source = SOURCES[site]
    items = _items(source, disk)
    if source.fetch_kind == "feed" and not (source.feed and source.feed.page_url):
        # government's RSS holds the newest 20 only; its HTML listing reaches the rest
        items.update({k: v for k, v in _items_from_listing(source, disk).items() if k not in items})
    assert sorted(items) == sorted(r["source_id"] for r in disk.releases)
    for rec in disk.releases:
        item = items[rec["source_id"]]
        # GOV.UK items point at the content API, which is what gets fetched for the body
        url = (
            "https://www.gov.uk/api/content" + rec["canonical_path"]
            if site == "govuk"
            else rec["canonical_url"]
        )
        assert (item.url, item.title) == (url, rec["title"])
        assert _utc(normalize_published(item.published_raw, tz=source.timezone).at) == rec["published_utc"]


def _items_from_listing(source: Source, disk: Disk) -> dict[str, ListingItem]:
    html_only = replace(source, fetch_kind="html_listing")
    return _items(html_only, disk)


@pytest.mark.parametrize("site", SITES)
def test_every_release_parses_to_the_mirrors_truth(site: str, disk: Disk) -> None:
    source = SOURCES[site]
    items = _items(source, disk)
    if source.listing is not None:
        items = {**_items_from_listing(source, disk), **items}
    for rec in disk.releases:
        item = items.get(rec["source_id"])
        route = rec["url_path"] + ("" if site == "govuk" else source.article.url_suffix)
        data = disk.get(route)
        if "js_challenge" in rec["faults"]:
            with pytest.raises(ParseError):
                parse_release(data, source, rec["canonical_url"], item=item)
            continue
        if item is not None and item.content_html and source.feed and source.feed.use_content:
            rel = parse_feed_entry(item, source)
        else:
            rel = parse_release(data, source, rec["canonical_url"], item=item)
        published = choose_published(
            rel.published_raw, item.published_raw if item else None, tz=source.timezone, lang=rel.lang
        )
        got = (rel.url, rel.title, rel.body_text, rel.lang, _utc(published.at))
        assert got == (rec["canonical_url"], rec["title"], rec["body"], rec["lang"], rec["published_utc"]), (
            rec["id"]
        )


@pytest.mark.parametrize("site", ["kremlin_en", "kremlin_ru"])
def test_by_date_pages_list_the_days_releases(site: str, disk: Disk) -> None:
    source = SOURCES[site]
    for rec in disk.releases:
        day = rec["published_local"][:10]
        route = f"/events/president/news/by-date/{day[8:10]}.{day[5:7]}.{day[:4]}"
        items = {i.key: i for i in parse_listing(disk.get(route) or b"", source, route).items}
        assert items[rec["source_id"]].published_raw == rec["display_formats"]["listing"]
        days = {normalize_published(i.published_raw, tz=source.timezone).date for i in items.values()}
        assert max(d.isoformat() for d in days if d) == day  # nothing after the walked day


@pytest.mark.parametrize("site", ["government_en", "government_ru"])
def test_date_filter_pages_hold_exactly_the_months_releases(site: str, disk: Disk) -> None:
    source = SOURCES[site]
    assert source.backfill.url
    by_month: dict[str, set[str]] = {}
    for rec in disk.releases:
        by_month.setdefault(rec["published_local"][:7], set()).add(rec["source_id"])
    for month, keys in by_month.items():
        year, mon = int(month[:4]), int(month[5:7])
        last = date(year, mon, calendar.monthrange(year, mon)[1])
        route = source.backfill.url.format(
            since=date(year, mon, 1).strftime(source.backfill.date_format),
            till=last.strftime(source.backfill.date_format),
        )
        page = parse_listing(disk.get(route) or b"", source, route)
        assert {i.key for i in page.items} == keys, route
        for item in page.items:
            assert normalize_published(item.published_raw, tz=source.timezone).at is not None
