"""Parse Atom and RSS 2.0 feeds into listing items, and feed entries that carry a full body into releases."""

from __future__ import annotations

import html
import re
from typing import TypedDict, Unpack
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from config.sources import Source
from extractors.models import ListingItem, ListingPage, ParsedRelease
from extractors.pages.html import ALWAYS_DROP, ParseError, clean_text, drop, paragraphs, text_of, unique
from extractors.pages.soup import Page, soup_of
from extractors.text.lang import detect_lang

# Text with no markup, no entities and no control characters: the HTML parser would give it back as it is.
_PLAIN_TEXT = re.compile(r"[^<&\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]*")


def parse_feed(data: bytes | str, source: Source) -> ListingPage:
    """Read the entries of an Atom or RSS 2.0 feed page; entries without a release URL are skipped."""
    soup = BeautifulSoup(data, "lxml-xml")
    entries = soup.find_all("entry")
    read = _atom_entry
    if not entries:
        entries, read = soup.find_all("item"), _rss_item
    items: dict[str, ListingItem] = {}
    for entry in entries:
        try:
            item = read(entry, source)
        except (AttributeError, KeyError, TypeError, ValueError):
            # deliberate: one malformed entry must not cost the rest of the page
            continue
        if item is not None and item.key not in items:
            items[item.key] = item
    return ListingPage(list(items.values()), _feed_next(soup, source))


def _child(entry: Tag, *names: str) -> Tag | None:
    """The first direct child with one of the local names (namespace prefixes ignored)."""
    children = [el for el in entry.children if isinstance(el, Tag)]
    for name in names:
        for el in children:
            if el.name == name:  # the local name, as `find(name, recursive=False)` compares it
                return el
    return None


def _child_text(entry: Tag, *names: str) -> str | None:
    el = _child(entry, *names)
    text = clean_text(el.get_text()) if el is not None else ""
    return text or None


class _ItemFields(TypedDict):
    """What an entry tells about a release besides its link (the optional fields of ListingItem)."""

    title: str | None
    published_raw: str | None
    updated_raw: str | None
    content_html: str | None
    summary: str | None
    tags: tuple[str, ...]


def _item(source: Source, link: str | None, **fields: Unpack[_ItemFields]) -> ListingItem | None:
    if not link:
        return None
    url = source.canonical_url(urljoin(source.canonical_base + "/", link.strip()))
    key = source.release_key(url)
    return ListingItem(url=url, key=key, **fields) if key else None


def _atom_entry(entry: Tag, source: Source) -> ListingItem | None:
    published = _child_text(entry, "published", "issued")
    updated = _child_text(entry, "updated", "modified")
    return _item(
        source,
        _atom_link(entry),
        title=_text_construct(_child(entry, "title")),
        published_raw=published or updated,
        updated_raw=updated,
        content_html=_atom_content(_child(entry, "content")),
        summary=_text_construct(_child(entry, "summary")),
        tags=unique(clean_text(_attr(c, "label") or _attr(c, "term")) for c in entry.find_all("category")),
    )


def _attr(el: Tag, name: str) -> str:
    """An attribute's value, "" when absent (the XML parser keeps every attribute a single string)."""
    value = el.get(name)
    return value if isinstance(value, str) else ""


def _atom_link(entry: Tag) -> str | None:
    for link in entry.find_all("link", recursive=False):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    ident = _child_text(entry, "id")
    return ident if ident and ident.startswith(("http://", "https://")) else None


def _text_construct(el: Tag | None) -> str | None:
    """Plain text of an Atom text construct; type="html" holds escaped markup."""
    if el is None:
        return None
    if el.get("type") in ("html", "xhtml"):
        return html_text(_markup(el)) or None
    return clean_text(el.get_text()) or None


def _markup(el: Tag) -> str:
    return el.decode_contents() if el.get("type") == "xhtml" else el.get_text()


def _atom_content(el: Tag | None) -> str | None:
    if el is None:
        return None
    if el.get("type") in ("html", "xhtml"):
        return _markup(el).strip() or None
    text = el.get_text().strip()
    return f"<p>{html.escape(text)}</p>" if text else None


def _rss_item(entry: Tag, source: Source) -> ListingItem | None:
    guid = _child(entry, "guid")
    link = _child_text(entry, "link")
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = clean_text(guid.get_text())
    encoded = _child(entry, "encoded")  # content:encoded carries the full body on some feeds
    description = _child(entry, "description")
    return _item(
        source,
        link,
        title=_child_text(entry, "title"),
        published_raw=_child_text(entry, "pubDate", "date"),
        updated_raw=_child_text(entry, "updated"),
        content_html=(encoded.get_text().strip() or None) if encoded is not None else None,
        summary=_html_text(description),
        tags=unique(clean_text(c.get_text()) for c in entry.find_all("category", recursive=False)),
    )


def _html_text(el: Tag | None) -> str | None:
    """Plain text of an element whose text is (escaped) HTML, as RSS descriptions are."""
    return (html_text(el.get_text()) or None) if el is not None else None


def html_text(markup: str) -> str:
    """Whitespace-collapsed text of an HTML snippet (a summary is often plain text: then no parser)."""
    return clean_text(markup) if _PLAIN_TEXT.fullmatch(markup) else text_of(soup_of(markup), " ")


def _feed_next(soup: BeautifulSoup, source: Source) -> str | None:
    """The feed-level rel="next" link (Atom paging, RFC 5005), not an entry's."""
    for link in soup.find_all("link"):
        parent = link.parent
        if parent is not None and parent.name in ("entry", "item"):
            continue
        if link.get("rel") == "next" and link.get("href"):
            return urljoin(source.canonical_base + "/", str(link["href"]))
    return None


def parse_feed_entry(item: ListingItem, source: Source) -> ParsedRelease:
    """Build a release from a feed entry that carries the full body (kremlin Atom `content`)."""
    if not item.title:
        raise ParseError("feed entry has no title")
    page = Page(soup_of(item.content_html or ""))  # whole: with no <p>, all its text is the body
    drop(page, (*ALWAYS_DROP, *source.article.drop))
    body = paragraphs(page, "p") or [p for p in [text_of(page.root)] if p]
    if not body:
        raise ParseError("feed entry has no content")
    return ParsedRelease(
        url=item.url,
        key=item.key,
        title=item.title,
        lang=detect_lang(f"{item.title}\n{' '.join(body)}", source.lang),
        paragraphs=body,
        published_raw=item.published_raw,
        lead=item.summary,
        tags=item.tags,
    )
