"""Golden-file tests: saved mirror pages parse to what the mirror says they hold.

Expected values live next to the pages (tests/fixtures/pages/<source>/expected.json); they come from
the mirror's own truth file, not from these parsers (see tests/fixtures/pages/make_fixtures.py).
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

import pytest

from config.sources import Source, load_sources
from extractors.models import ListingItem, Published
from extractors.pages.parse import (
    ParseError,
    parse_api_search,
    parse_feed,
    parse_feed_entry,
    parse_listing,
    parse_release,
)
from extractors.pages.timestamps import choose_published, normalize_published
from tests.paths import PAGES

SOURCES = load_sources()
# Page chrome that must never reach a body: share links, related blocks, captions, URL lines.
CHROME = (
    "Telegram",
    "ВКонтакте",
    "Share:",
    "Other news",
    "Другие новости",
    "Related news",
    "Материалы по теме",
    "Publication URL",
    "Адрес страницы",
    "Photo report",
    "Фоторепортаж",
    "See also",
    "Читайте также",
    "Share this page",
)


def _fixtures(kind: str) -> list[Any]:
    out = []
    for exp in sorted(PAGES.glob("*/expected.json")):
        doc = json.loads(exp.read_text(encoding="utf-8"))
        for page in doc["pages"]:
            if page["kind"] == kind:
                out.append(pytest.param(doc["site"], page, id=f"{doc['site']}/{page['file']}"))
    return out


def _data(site: str, page: dict[str, Any]) -> bytes:
    return (PAGES / site / page["file"]).read_bytes()


def _utc(p: Published) -> str | None:
    return p.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if p.at else None


def _listing_item(source: Source, exp: dict[str, Any]) -> ListingItem:
    """The item discovery would hand over for this release (its listing or feed date)."""
    raw = exp["display_formats"].get("listing_datetime") or exp["display_formats"]["listing"]
    key = exp["source_id"]
    return ListingItem(url=exp["canonical_url"], key=key, title=exp["title"], published_raw=raw)


@pytest.mark.parametrize(("site", "page"), _fixtures("article") + _fixtures("api_content"))
def test_article_parses_to_the_mirrors_title_body_date_and_tags(site: str, page: dict[str, Any]) -> None:
    source, exp = SOURCES[site], page["expected"]
    if "js_challenge" in exp["faults"]:
        with pytest.raises(ParseError):
            parse_release(_data(site, page), source, source.canonical_base + page["url"])
        return
    rel = parse_release(_data(site, page), source, source.canonical_base + page["url"])
    assert rel.title == exp["title"]
    assert rel.body_text == exp["body"]
    assert rel.url == exp["canonical_url"]
    assert rel.key == exp["source_id"]
    assert rel.lang == exp["lang"]
    assert not [c for c in CHROME if c in rel.body_text]
    if "tags" in exp:
        assert list(rel.tags) == list(dict.fromkeys(exp["tags"]))  # a tag shown twice is one tag
    if source.article.lead or page["kind"] == "api_content":
        assert rel.lead == exp["lead"]
    _check_article_date(source, page, rel.published_raw, exp)


def _check_article_date(source: Source, page: dict[str, Any], raw: str | None, exp: dict[str, Any]) -> None:
    if "date_missing" in exp["faults"]:
        assert raw is None
        return
    govuk_html = page["kind"] == "article" and "html" in exp["display_formats"]
    if govuk_html:
        assert raw == f"Published {exp['display_formats']['html']}"
    elif page["kind"] == "article":
        assert raw == exp["published_display_full"]
    published = normalize_published(raw, tz=source.timezone)
    date_only = exp["date_precision"] == "day" or govuk_html
    # A page that shows only a date keeps only the local date: no invented midnight.
    assert published.at is None if date_only else _utc(published) == exp["published_utc"]
    assert published.date is not None and published.date.isoformat() == exp["published_local"][:10]


@pytest.mark.parametrize(("site", "page"), _fixtures("article") + _fixtures("api_content"))
def test_listing_date_completes_a_page_without_date_or_time(site: str, page: dict[str, Any]) -> None:
    source, exp = SOURCES[site], page["expected"]
    if "js_challenge" in exp["faults"]:
        pytest.skip("a challenge page has no release to date")
    item = _listing_item(source, exp)
    rel = parse_release(_data(site, page), source, exp["canonical_url"], item=item)
    published = choose_published(rel.published_raw, item.published_raw, tz=source.timezone, lang=rel.lang)
    assert _utc(published) == exp["published_utc"]
    if "date_missing" in exp["faults"]:
        assert rel.published_raw == item.published_raw


@pytest.mark.parametrize(("site", "page"), _fixtures("listing"))
def test_listing_page_yields_every_release_link_title_and_date(site: str, page: dict[str, Any]) -> None:
    source = SOURCES[site]
    got = parse_listing(_data(site, page), source, page["url"])
    assert [(i.key, i.url, i.title, i.published_raw) for i in got.items] == [
        (e["key"], e["url"], e["title"], e["published_raw"]) for e in page["items"]
    ]
    assert [_utc(normalize_published(i.published_raw, tz=source.timezone)) for i in got.items] == [
        e["published_utc"] for e in page["items"]
    ]
    assert got.next_url == page["next"]


def test_listing_tags_are_split_on_commas() -> None:
    page = (PAGES / "mid_en" / "listing-1.html").read_bytes()
    items = parse_listing(page, SOURCES["mid_en"], "/en/foreign_policy/news/").items
    assert items and all(i.tags and all("," not in t and t == t.strip() for t in i.tags) for i in items)
    assert all(i.tags[-1] == "Russia" for i in items)  # every card lists "<topic>, Russia"
    assert any(len(i.tags) == 2 for i in items)


@pytest.mark.parametrize(("site", "page"), _fixtures("feed"))
def test_feed_entries_carry_url_title_dates_and_summary(site: str, page: dict[str, Any]) -> None:
    source = SOURCES[site]
    got = parse_feed(_data(site, page), source)
    assert [(i.key, i.url, i.title, i.published_raw) for i in got.items] == [
        (e["key"], e["url"], e["title"], e["published_raw"]) for e in page["items"]
    ]
    expected_next = source.canonical_base + page["next"] if page["next"] else None
    assert got.next_url == expected_next
    for item, exp in zip(got.items, page["items"], strict=True):
        assert _utc(normalize_published(item.published_raw, tz=source.timezone)) == exp["published_utc"]
        if "summary" in exp:
            assert item.summary == exp["summary"]


@pytest.mark.parametrize(
    ("site", "page"), [p for p in _fixtures("feed") if "body" in p.values[1]["items"][0]]
)
def test_feed_entry_with_content_is_a_whole_release(site: str, page: dict[str, Any]) -> None:
    source = SOURCES[site]
    for item, exp in zip(parse_feed(_data(site, page), source).items, page["items"], strict=True):
        rel = parse_feed_entry(item, source)
        assert (rel.title, rel.body_text, rel.lead) == (exp["title"], exp["body"], exp["lead"])
        assert item.updated_raw is not None


@pytest.mark.parametrize(("site", "page"), _fixtures("api_search"))
def test_search_api_items_point_at_the_content_api(site: str, page: dict[str, Any]) -> None:
    source = SOURCES[site]
    got = parse_api_search(_data(site, page), source)
    assert [(i.key, i.url, i.title, i.published_raw) for i in got.items] == [
        (e["key"], e["url"], e["title"], e["published_raw"]) for e in page["items"]
    ]
    assert got.next_url == page["next"]
    assert all(i.tags for i in got.items)  # the publishing organisations


def test_government_reader_fragment_drops_the_gallery_caption() -> None:
    for site in ("government_en", "government_ru"):
        doc = json.loads((PAGES / site / "expected.json").read_text(encoding="utf-8"))
        captioned = [p for p in doc["pages"] if b"gallery_caption" in _data(site, p)]
        assert captioned, site
        for page in captioned:
            rel = parse_release(_data(site, page), SOURCES[site], SOURCES[site].canonical_base + page["url"])
            assert rel.body_text == page["expected"]["body"]


def test_windows_1251_page_is_decoded_by_its_declared_charset() -> None:
    pages = [p for p in PAGES.glob("*_ru/*.html") if b'charset="windows-1251"' in p.read_bytes()]
    assert pages
    for path in pages:
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
        doc = json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))
        exp = next(p["expected"] for p in doc["pages"] if p["file"] == path.name)
        source = SOURCES[path.parent.name]
        rel = parse_release(path.read_bytes(), source, exp["canonical_url"])
        assert (rel.title, rel.body_text) == (exp["title"], exp["body"])
