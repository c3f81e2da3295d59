"""Pages that do not say their charset: windows-1251 (and its neighbours) read right, UTF-8 left alone."""

from __future__ import annotations

import re

import pytest

from config.sources import Politeness, load_sources
from extractors.pages.html import parse_listing
from extractors.pages.timestamps import normalize_published
from extractors.web.charset import decode_body, guess_charset
from extractors.web.fetch import Fetcher
from tests.httpfake import FakeServer, Reply
from tests.paths import PAGES

FAST = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=0)
DECLARATION = re.compile(r"<meta[^>]*charset[^>]*>|<\?xml[^>]*\?>", re.I)
RUSSIAN_LISTINGS = ["economy_ru", "kremlin_ru", "government_ru", "mid_ru"]


def undeclared(site: str, charset: str, name: str = "listing-1.html") -> tuple[bytes, str]:
    """A saved page as a site in `charset` would send it, without a declaration; and its text."""
    data = (PAGES / site / name).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1251")  # the saved cp1251-fault articles
    # Characters the charset lacks (£, «) go as character references, as such a site would write them.
    body = DECLARATION.sub("", text).encode(charset, errors="xmlcharrefreplace")
    return body, body.decode(charset)


@pytest.mark.parametrize("site", RUSSIAN_LISTINGS)
def test_an_undeclared_windows_1251_listing_reads_with_every_date(
    server: FakeServer, fetcher: Fetcher, site: str
) -> None:
    body, html = undeclared(site, "cp1251")
    server.route("/list", Reply(200, body, {"Content-Type": "text/html"}))
    result = fetcher.get(server.url("/list"), FAST, check_robots=False)
    assert result.text() == html
    source = load_sources()[site]
    page = parse_listing(result.text(), source, "/list")
    assert page.items and page.items == parse_listing(html, source, "/list").items
    dated = [normalize_published(i.published_raw, tz=source.timezone, lang="ru") for i in page.items]
    assert all(p.date is not None for p in dated), site


@pytest.mark.parametrize(
    ("site", "name"),
    [("kremlin_ru", "14002.html"), ("government_ru", "10006.reader.html"), ("mid_ru", "1000153.html")],
)
@pytest.mark.parametrize("charset", ["cp1251", "koi8_r"])
def test_undeclared_russian_articles_read_in_their_charset(site: str, name: str, charset: str) -> None:
    body, html = undeclared(site, charset, name)
    assert decode_body(body, "text/html") == html


def test_an_undeclared_western_page_reads_as_windows_1252() -> None:
    html = "<p>The café in Zürich hosted the délégation’s talks — a première.</p>"
    assert decode_body(html.encode("cp1252"), None) == html


def test_utf8_with_a_broken_byte_stays_utf8() -> None:
    html = "<p>Москва, 24 января 2024 года. Минэкономразвития</p>".encode() + b"\xff"
    assert guess_charset(html) is None
    assert decode_body(html, "text/html").startswith("<p>Москва, 24 января")


def test_a_declared_charset_still_wins() -> None:
    html = "<p>Москва</p>"
    assert decode_body(html.encode("koi8_r"), "text/html; charset=koi8-r") == html
