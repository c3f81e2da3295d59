"""Parse what a source serves (HTML listings and articles, feeds, JSON APIs) into extractor values.

Callers need no branching: `parse_page` picks the listing parser by fetch kind, `parse_release` the
article parser from the source's config.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

from config.sources import FetchKind, Source
from extractors.models import ListingItem, ListingPage, ParsedRelease
from extractors.pages.api import content_url, parse_api_content, parse_api_search
from extractors.pages.feed import parse_feed, parse_feed_entry
from extractors.pages.html import ParseError, parse_article, parse_listing, release_identity

__all__ = [
    "ParseError",
    "content_url",
    "parse_api_content",
    "parse_api_search",
    "parse_article",
    "parse_feed",
    "parse_feed_entry",
    "parse_listing",
    "parse_page",
    "parse_release",
    "release_identity",
]

ArticleParser = Callable[..., ParsedRelease]


class Response(Protocol):
    """What a page parser reads of a fetched response: its bytes, and its text decoded by its charset."""

    @property
    def body(self) -> bytes:
        """The body as received."""
        ...

    def text(self) -> str:
        """The body decoded (the Content-Type charset first)."""
        ...


# A listing-page parser: (response, source, page URL) -> the page's items.
PageParser = Callable[[Response, Source, str], ListingPage]


def _html_listing(response: Response, source: Source, url: str) -> ListingPage:
    return parse_listing(response.text(), source, url)


def _feed(response: Response, source: Source, url: str) -> ListingPage:
    return parse_feed(response.body, source)  # XML: the parser reads the declared encoding itself


def _api_search(response: Response, source: Source, url: str) -> ListingPage:
    return parse_api_search(response.body, source)


# One parser per fetch kind of config.sources.FETCH_KINDS.
PAGE_PARSERS: dict[FetchKind, PageParser] = {
    "html_listing": _html_listing,
    "feed": _feed,
    "api": _api_search,
}


def parse_page(response: Response, source: Source, url: str, *, kind: FetchKind | None = None) -> ListingPage:
    """Parse one listing, feed or search-API page by its fetch kind (the source's own unless given)."""
    return PAGE_PARSERS[kind or source.fetch_kind](response, source, url)


def parse_release(
    data: bytes | str | None, source: Source, url: str, *, item: ListingItem | None = None
) -> ParsedRelease:
    """Parse one fetched release with the parser its source needs (site function, API JSON or HTML)."""
    if not data:
        if item is not None and item.content_html:
            return parse_feed_entry(item, source)
        raise ParseError("empty response")
    if source.article.parser:
        return site_parser(source.article.parser)(data, source, url, item=item)
    return ARTICLE_PARSERS[source.fetch_kind](data, source, url, item=item)


def _api_article(
    data: bytes | str, source: Source, url: str, *, item: ListingItem | None = None
) -> ParsedRelease:
    """An API source's item: content-API JSON, or the HTML page when the API answered with one."""
    if _looks_like_json(data):
        return parse_api_content(data, source, url, item=item)
    return parse_article(data, source, url, item=item)


# Article parsers by fetch kind; listing and feed sources fetch an HTML article page.
ARTICLE_PARSERS: dict[FetchKind, ArticleParser] = {
    "html_listing": parse_article,
    "feed": parse_article,
    "api": _api_article,
}


def site_parser(name: str) -> ArticleParser:
    """The `parse_article` function of extractors/sites/<name>.py (named by `article.parser`)."""
    try:
        module = importlib.import_module(f"extractors.sites.{name}")
    except ModuleNotFoundError as exc:
        raise ParseError(f"no site parser module extractors.sites.{name}") from exc
    func: ArticleParser | None = getattr(module, "parse_article", None)  # its signature is the contract
    if not callable(func):
        raise ParseError(f"extractors.sites.{name} has no parse_article function")
    return func


def _looks_like_json(data: bytes | str) -> bool:
    head = data[:64].lstrip()
    return head[:1] in (b"{", b"[", "{", "[")
