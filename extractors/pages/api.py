"""Parse JSON APIs: a search API listing releases, and a content API holding one release (GOV.UK)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin, urlsplit

from config.sources import Source
from extractors.models import ListingItem, ListingPage, ParsedRelease
from extractors.pages.html import (
    ALWAYS_DROP,
    ParseError,
    body_selectors,
    clean_text,
    drop,
    paragraphs,
    unique,
)
from extractors.pages.selectors import reach
from extractors.pages.soup import Page, soup_of
from extractors.text.lang import detect_lang


def load_json(data: bytes | str) -> object:
    """Decode a JSON response or raise ParseError (callers check the shape they expect)."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"not JSON: {exc}") from exc


def content_url(source: Source, link: str) -> str:
    """Absolute content-API URL (on the real host) of a page path such as /government/news/<slug>."""
    if source.api is None:
        raise ParseError(f"{source.id}: no [api] block")
    path = urlsplit(link).path or "/"
    return urljoin(source.canonical_base + "/", source.api.content_url.format(path=path))


def parse_api_search(data: bytes | str, source: Source) -> ListingPage:
    """Read one search-API page; an item's URL is the content-API URL of the release (what gets fetched)."""
    doc = _object(load_json(data))  # not an object: no results list, refused below
    results = doc.get("results")
    if not isinstance(results, list):
        raise ParseError("search response has no results list")
    items: dict[str, ListingItem] = {}
    for result in results:
        item = _search_item(result, source) if isinstance(result, dict) else None
        if item is not None and item.key not in items:
            items[item.key] = item
    # An empty results list is the API saying there is nothing more: past the end, not a broken page.
    return ListingPage(list(items.values()), _search_next(doc, len(results), source), past_end=not results)


def _search_item(result: dict[str, Any], source: Source) -> ListingItem | None:
    link = result.get("link")
    if not isinstance(link, str) or not link.startswith("/"):
        return None  # external links (other domains) are not releases of this source
    key = source.release_key(source.canonical_url(urljoin(source.canonical_base + "/", link)))
    if key is None:
        return None
    return ListingItem(
        url=content_url(source, link),
        key=key,
        title=_str(result.get("title")),
        published_raw=_str(result.get("public_timestamp")),
        updated_raw=_str(result.get("updated_at")),
        summary=_str(result.get("description")),
        tags=_organisations(result.get("organisations")),
    )


def _search_next(doc: dict[str, Any], count: int, source: Source) -> str | None:
    """The next search page when this one was full and the total says more remain."""
    start, total = doc.get("start"), doc.get("total")
    if source.api is None or not count or not isinstance(start, int) or not isinstance(total, int):
        return None
    if start + count >= total:
        return None
    return source.api.search_url.format(count=count, start=start + count)


def _object(value: object) -> dict[str, Any]:
    """A JSON object member, or an empty one when it is missing or not an object."""
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return (clean_text(value) or None) if isinstance(value, str) else None


def _organisations(orgs: Any) -> tuple[str, ...]:
    if not isinstance(orgs, list):
        return ()
    return unique(clean_text(o.get("title") or "") for o in orgs if isinstance(o, dict))


def parse_api_content(
    data: bytes | str, source: Source, url: str, *, item: ListingItem | None = None
) -> ParsedRelease:
    """Build a release from a content-API document: title, description, details.body HTML."""
    doc = load_json(data)
    if not isinstance(doc, dict):
        raise ParseError("content response is not an object")
    page_url, key = _identity(doc, source, url, item)
    title = _str(doc.get("title")) or (item.title if item else None)
    if not title:
        raise ParseError("no title")
    details = _object(doc.get("details"))
    spec = source.article
    page = Page(soup_of(details.get("body") or "", reach(body_selectors(spec))))
    drop(page, (*ALWAYS_DROP, *spec.drop))
    body = paragraphs(page, spec.body or "p")
    if not body:
        raise ParseError("no body")
    links = _object(doc.get("links"))
    return ParsedRelease(
        url=page_url,
        key=key,
        title=title,
        lang=detect_lang(f"{title}\n{' '.join(body)}", source.lang),
        paragraphs=body,
        published_raw=_published(doc, details) or (item.published_raw if item else None),
        lead=_str(doc.get("description")),
        tags=_organisations(links.get("organisations")) or (item.tags if item else ()),
    )


def _published(doc: dict[str, Any], details: dict[str, Any]) -> str | None:
    for value in (
        doc.get("first_published_at"),
        details.get("first_public_at"),
        doc.get("public_updated_at"),
    ):
        if _str(value):
            return _str(value)
    return None


def _identity(doc: dict[str, Any], source: Source, url: str, item: ListingItem | None) -> tuple[str, str]:
    """The release's page URL (base_path, not the API URL) and key."""
    path = doc.get("base_path")
    if not isinstance(path, str) or not path.startswith("/"):
        path = _page_path(source, url)
    page_url = source.canonical_url(urljoin(source.canonical_base + "/", path))
    key = source.release_key(page_url) or (item.key if item else None)
    if key is None:
        raise ParseError(f"{url} is not a release URL of {source.id}")
    return page_url, key


def _page_path(source: Source, url: str) -> str:
    """Strip the content-API prefix (the part of content_url before {path}) from a URL's path."""
    path = urlsplit(url).path
    prefix = source.api.content_url.split("{path}")[0] if source.api else ""
    return path[len(prefix) :] if prefix and path.startswith(prefix) else path
