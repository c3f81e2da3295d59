"""Parsers on broken, unusual or hostile input: clear ParseErrors, surviving feeds, whitespace rules."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from config.sources import ArticleSpec, load_sources
from extractors.models import ListingItem
from extractors.pages.parse import (
    ParseError,
    parse_api_content,
    parse_api_search,
    parse_article,
    parse_feed,
    parse_feed_entry,
    parse_listing,
    parse_release,
)
from extractors.text.lang import detect_lang
from tests.paths import PAGES

SOURCES = load_sources()
ECONOMY = SOURCES["economy_en"]
ARTICLE_URL = "https://en.economy.gov.ru/material/news/a_b.html"


def _economy_page(body: str, title: str = '<h1 class="e-article__title">Title</h1>') -> str:
    return (
        f'<html><body><article class="e-article">{title}<div class="e-article__text">{body}</div></article>'
    )


def test_body_paragraphs_collapse_whitespace_but_keep_nbsp() -> None:
    page = _economy_page(
        "<p>  Exports\n\t grew   by\u00a01\u00a0234 tonnes. </p><p> </p><p>Line<br>break</p>"
    )
    rel = parse_article(page, ECONOMY, ARTICLE_URL)
    assert rel.paragraphs == ["Exports grew by\u00a01\u00a0234 tonnes.", "Line break"]
    assert rel.body_text == "Exports grew by\u00a01\u00a0234 tonnes.\n\nLine break"


def test_inline_markup_does_not_split_words() -> None:
    rel = parse_article(
        _economy_page("<p><b>В.Путин:</b> Уважаемые <i>колл</i>еги!</p>"), ECONOMY, ARTICLE_URL
    )
    assert rel.paragraphs == ["В.Путин: Уважаемые коллеги!"]


def test_page_without_title_or_body_raises_a_reason() -> None:
    with pytest.raises(ParseError, match="no title"):
        parse_article(_economy_page("<p>Text</p>", title=""), ECONOMY, ARTICLE_URL)
    with pytest.raises(ParseError, match="no body"):
        parse_article(_economy_page(""), ECONOMY, ARTICLE_URL)


def test_listing_title_stands_in_for_a_missing_headline() -> None:
    item = ListingItem(
        url=ARTICLE_URL, key="a_b", title="From the listing", published_raw="24 January 2024 11:30"
    )
    rel = parse_article(_economy_page("<p>Text</p>", title=""), ECONOMY, ARTICLE_URL, item=item)
    assert (rel.title, rel.published_raw, rel.key) == ("From the listing", "24 January 2024 11:30", "a_b")


def test_a_url_outside_the_key_pattern_is_refused() -> None:
    with pytest.raises(ParseError, match="not a release URL"):
        parse_article(_economy_page("<p>Text</p>"), ECONOMY, "https://en.economy.gov.ru/about/")


def test_reader_suffix_is_not_part_of_the_release_url() -> None:
    src = SOURCES["government_ru"].with_overrides(base_url="http://127.0.0.1:8000")  # a test mirror
    page = (PAGES / "government_ru" / "10058.reader.html").read_bytes()
    rel = parse_release(page, src, "http://127.0.0.1:8000/news/10058/?ajax=reader")
    assert (rel.url, rel.key) == ("http://government.ru/news/10058/", "10058")


def test_challenge_page_is_a_parse_error_not_an_empty_release() -> None:
    page = next(
        p.read_bytes() for p in (PAGES / "mid_ru").glob("*.html") if b"Please, wait" in p.read_bytes()
    )
    with pytest.raises(ParseError):
        parse_release(page, SOURCES["mid_ru"], "https://mid.ru/ru/foreign_policy/news/1000473/")


def test_empty_response_uses_the_feed_content_or_fails() -> None:
    src = SOURCES["kremlin_en"]
    url = "http://en.kremlin.ru/events/president/news/1"
    item = ListingItem(url=url, key="1", title="T", content_html="<p>Body.</p>", published_raw="2024-01-24")
    assert parse_release(b"", src, url, item=item).paragraphs == ["Body."]
    with pytest.raises(ParseError, match="empty"):
        parse_release(b"", src, url)


def test_named_site_parser_that_does_not_exist_is_a_clear_error() -> None:
    src = replace(ECONOMY, article=replace(ECONOMY.article, parser="no_such_site"))
    with pytest.raises(ParseError, match=r"extractors\.sites\.no_such_site"):
        parse_release(_economy_page("<p>x</p>"), src, ARTICLE_URL)


def test_drop_selectors_remove_chrome_inside_the_body_container() -> None:
    article = ArticleSpec(title="h1", body=".text p", drop=(".share",))
    src = replace(ECONOMY, article=article)
    page = '<h1>T</h1><div class="text"><p>Kept.</p><div class="share"><p>Share on VK</p></div></div>'
    assert parse_article(page, src, ARTICLE_URL).paragraphs == ["Kept."]


def test_feed_survives_entries_without_links_and_foreign_urls() -> None:
    src = SOURCES["kremlin_en"]
    feed = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><title>No link at all</title></entry>
  <entry><id>http://example.com/other/1</id><title>Elsewhere</title></entry>
  <entry><id>http://en.kremlin.ru/events/president/news/73000</id><title>Good</title>
    <published>2024-01-24T11:30:00+03:00</published><updated>2024-01-24T12:00:00+03:00</updated>
    <content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry>
</feed>"""
    page = parse_feed(feed, src)
    assert [(i.key, i.title, i.published_raw, i.updated_raw) for i in page.items] == [
        ("73000", "Good", "2024-01-24T11:30:00+03:00", "2024-01-24T12:00:00+03:00")
    ]
    assert parse_feed_entry(page.items[0], src).paragraphs == ["One.", "Two."]


def test_truncated_feed_still_yields_its_complete_entries() -> None:
    src = SOURCES["government_en"]
    rss = (PAGES / "government_en" / "rss.xml").read_text(encoding="utf-8")
    cut = rss[: rss.index("</item>", rss.index("</item>") + 1) + len("</item>") + 40]
    assert len(parse_feed(cut, src).items) >= 2


def test_rss_content_encoded_is_the_body() -> None:
    src = SOURCES["government_ru"]
    rss = """<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>Заголовок</title><link>http://government.ru/news/50001/</link>
<pubDate>Wed, 24 Jan 2024 11:30:00 +0300</pubDate><category>Экономика</category>
<content:encoded><![CDATA[<p>Первый абзац.</p><p>Второй.</p>]]></content:encoded></item></channel></rss>"""
    item = parse_feed(rss, src).items[0]
    assert item.tags == ("Экономика",)
    assert parse_feed_entry(item, src).paragraphs == ["Первый абзац.", "Второй."]


def test_listing_without_items_is_empty_not_an_error() -> None:
    page = (PAGES / "government_en" / "past-last.html").read_bytes()
    assert b"Nothing found" in page
    got = parse_listing(page, SOURCES["government_en"], "/en/news/?page=4")
    assert (got.items, got.next_url, got.past_end) == ([], None, True)  # the page says so: the end


GOV_CARD = """<div class="headline"><a class="headline__link" href="/news/50001/">
<span class="headline_title_link">Заголовок</span></a><span class="headline_date">
<time datetime="2024-01-24T11:30:00+03:00">24 января</time></span></div>"""


def test_the_empty_marker_ends_a_listing_whatever_cards_the_page_holds() -> None:
    source = SOURCES["government_ru"]
    listed = parse_listing(f"<div class='headlines'>{GOV_CARD}</div>", source, "/news/")
    assert [i.key for i in listed.items] == ["50001"] and not listed.past_end
    # A "nothing found" page may still show recent news beside it: those are not results of this page.
    page = f"<p class='headlines_empty'>Ничего не найдено</p><aside>{GOV_CARD}</aside>"
    assert parse_listing(page, source, "/news/?dt.since=01.01.1990").past_end
    assert parse_listing(page, source, "/news/?dt.since=01.01.1990").items == []


def test_the_empty_marker_counts_only_in_the_pages_text() -> None:
    source = SOURCES["government_ru"]
    scripted = f"<script>var EMPTY = 'Ничего не найдено';</script><div class='headlines'>{GOV_CARD}</div>"
    assert len(parse_listing(scripted, source, "/news/").items) == 1
    blank = "<div class='headlines'></div>"
    assert not parse_listing(blank, source, "/news/").past_end  # empty without the marker: not an end
    assert source.listing is not None
    no_marker = replace(source, listing=replace(source.listing, empty_marker=None))
    assert not parse_listing("<p>Ничего не найдено</p>", no_marker, "/news/").past_end


def test_api_responses_that_are_not_json_raise() -> None:
    with pytest.raises(ParseError, match="not JSON"):
        parse_api_search(b"<html>busy</html>", SOURCES["govuk"])
    with pytest.raises(ParseError):
        parse_api_content(b"{}", SOURCES["govuk"], "https://www.gov.uk/api/content/government/news/x")


def test_search_results_for_other_sites_are_skipped() -> None:
    doc = {
        "results": [
            {"link": "https://example.com/x", "title": "Off-site"},
            {"link": "/government/news/on-site", "title": "On site", "public_timestamp": "2024-01-24"},
        ],
        "start": 0,
        "total": 2,
    }
    page = parse_api_search(json.dumps(doc), SOURCES["govuk"])
    assert [i.key for i in page.items] == ["on-site"]
    assert page.next_url is None


def test_govuk_html_page_parses_when_the_page_is_fetched_instead_of_the_api() -> None:
    src = SOURCES["govuk"]
    doc = json.loads((PAGES / "govuk" / "expected.json").read_text(encoding="utf-8"))
    page = next(p for p in doc["pages"] if p["file"] == "page.html")
    rel = parse_release((PAGES / "govuk" / "page.html").read_bytes(), src, page["expected"]["canonical_url"])
    assert rel.body_text == page["expected"]["body"]


@pytest.mark.parametrize(
    ("text", "default", "lang"),
    [
        ("Президент провёл совещание по экономическим вопросам.", "en", "ru"),
        ("The President held a meeting on economic issues.", "ru", "en"),
        ("В.Путин: Уважаемые коллеги! (Moscow, Kremlin)", "en", "ru"),
        ("Talks with Mr Мишустин on trade and investment policy", "ru", "en"),
        ("2024", "ru", "ru"),  # no letters: the source's language
        ("OK", "en", "en"),
    ],
)
def test_language_follows_the_script_of_the_text(text: str, default: str, lang: str) -> None:
    assert detect_lang(text, default) == lang


def test_release_language_comes_from_its_text_not_the_site() -> None:
    doc = json.loads((PAGES / "economy_en" / "expected.json").read_text(encoding="utf-8"))
    russian = [p for p in doc["pages"] if p["kind"] == "article" and p["expected"]["lang"] == "ru"]
    assert russian
    for page in russian:
        data = (PAGES / "economy_en" / page["file"]).read_bytes()
        assert parse_release(data, ECONOMY, page["expected"]["canonical_url"]).lang == "ru"
