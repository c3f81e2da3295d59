"""Parse HTML listing pages and article pages with the selectors of a source's config block."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import urljoin

from bs4 import Tag

from config.sources import ArticleSpec, ListingSpec, Source
from extractors.models import ListingItem, ListingPage, ParsedRelease
from extractors.pages.selectors import Admits, plain, reach
from extractors.pages.soup import Page, soup_of
from extractors.text.lang import detect_lang

# Never text: removed from every page before anything is read.
ALWAYS_DROP = ("script", "style", "noscript", "template")
# A listing's rel="next" links, tried after its own `next` selector.
NEXT_LINKS = ('link[rel~="next"]', 'a[rel~="next"]')
_WS = re.compile(r"[ \t\n\r\f\v]+")  # NBSP is content (e.g. "1 234"), so it is not collapsed


class ParseError(ValueError):
    """A page that cannot yield a release (no title, no body, not a release URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(text: str) -> str:
    """Collapse runs of ASCII whitespace to one space and trim the ends."""
    return _WS.sub(" ", text).strip()


def text_of(el: Tag | None, sep: str = "") -> str:
    """Whitespace-collapsed text of an element ('' for None)."""
    return clean_text(el.get_text(sep)) if el is not None else ""


def select_text(page: Page, selector: str | None, sep: str = " ", under: Tag | None = None) -> str:
    """Text of every element matching `selector`, joined by a space ('' when none match)."""
    if not selector:
        return ""
    return clean_text(" ".join(el.get_text(sep) for el in page.select(selector, under)))


def outermost(elements: Iterable[Tag]) -> list[Tag]:
    """Drop elements nested in another selected one (an <li> holding a <p> yields its text once)."""
    chosen = list(elements)
    ids = {id(el) for el in chosen}
    return [el for el in chosen if not any(id(parent) in ids for parent in el.parents)]


def drop(page: Page, selectors: Iterable[str]) -> None:
    """Remove chrome (share links, captions, related blocks) before reading text."""
    for css in drop_passes(tuple(selectors)):
        for el in page.select(css):
            if el.parent is not None:  # not inside an element this pass removed already
                el.decompose()


@functools.lru_cache(maxsize=256)
def drop_passes(selectors: tuple[str, ...]) -> tuple[str, ...]:
    """Plain selectors go in one pass (a removal cannot change what they match); others in turn."""
    if selectors and all(plain(css) for css in selectors):
        return (", ".join(selectors),)
    return selectors


def paragraphs(page: Page, selector: str) -> list[str]:
    """Non-empty, whitespace-collapsed texts of the body elements, in document order."""
    texts = (text_of(el) for el in outermost(page.select(selector)))
    return [t for t in texts if t]


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, first occurrence kept."""
    return tuple(dict.fromkeys(v for v in values if v))


# --------------------------------------------------------------------------------------------
# listings


def parse_listing(html: bytes | str, source: Source, page_url: str) -> ListingPage:
    """Read the release links, titles and dates of one HTML listing page (also date-archive pages)."""
    spec = source.listing
    if spec is None:
        raise ParseError(f"{source.id}: no [listing] block to read an HTML listing with")
    page = Page(soup_of(html, listing_reach(spec)))
    if says_empty(page, spec):
        return ListingPage([], None, past_end=True)
    items: dict[str, ListingItem] = {}
    for card in page.select(spec.item):
        item = _listing_item(page, card, spec, source, page_url)
        if item is not None and item.key not in items:
            items[item.key] = item
    return ListingPage(list(items.values()), _next_url(page, spec, page_url))


def listing_reach(spec: ListingSpec) -> Admits | None:
    """The parts of a listing page its selectors can reach (None: the whole page)."""
    if spec.empty_marker:
        return None  # the "nothing found" text may be anywhere on the page
    # A card's own selectors count too: their leftmost compound may match above the card.
    return reach((spec.item, spec.link, spec.title, spec.date, spec.time, spec.tags, spec.next, *NEXT_LINKS))


def says_empty(page: Page, spec: ListingSpec) -> bool:
    """Whether the page shows the listing's "nothing found" text: past the end, whatever cards it holds."""
    if not spec.empty_marker:
        return False
    # Cards on such a page (a sidebar of recent news, say) are not results of this listing or filter.
    return clean_text(spec.empty_marker) in clean_text(page.root.get_text(" "))


def _listing_item(
    page: Page, card: Tag, spec: ListingSpec, source: Source, page_url: str
) -> ListingItem | None:
    link = card if card.name == "a" else page.select_one(spec.link, card)  # the card may be the link itself
    href = link.get("href") if link is not None else None
    if not isinstance(href, str) or not href.strip():
        return None
    # A relative page URL (as discovery passes it) resolves against the real host.
    url = source.canonical_url(urljoin(source.canonical_base + "/", urljoin(page_url, href.strip())))
    key = source.release_key(url)
    if key is None:
        return None  # a link to something else (a tag page, a document) sharing the card markup
    title = select_text(page, spec.title, "", card) if spec.title else text_of(link)
    return ListingItem(
        url=url,
        key=key,
        title=title or None,
        published_raw=_listing_date(page, card, spec),
        tags=_listing_tags(page, card, spec),
    )


def _listing_date(page: Page, card: Tag, spec: ListingSpec) -> str | None:
    """The listing's date string verbatim: an attribute (ISO datetime) or the text, plus a separate time."""
    if not spec.date:
        return None
    el = page.select_one(spec.date, card)
    if el is None:
        return None
    value = el.get(spec.date_attr) if spec.date_attr else None
    raw = clean_text(value) if isinstance(value, str) else text_of(el, " ")
    shown_time = select_text(page, spec.time, " ", card) if spec.time and not spec.date_attr else ""
    raw = f"{raw} {shown_time}".strip()
    return raw or None


def _listing_tags(page: Page, card: Tag, spec: ListingSpec) -> tuple[str, ...]:
    if not spec.tags:
        return ()
    texts = [text_of(el) for el in page.select(spec.tags, card)]
    if spec.tags_split:
        texts = [part for t in texts for part in t.split(spec.tags_split.strip() or spec.tags_split)]
    return unique(clean_text(t) for t in texts)


def _next_url(page: Page, spec: ListingSpec, page_url: str) -> str | None:
    selectors = [s for s in (spec.next, *NEXT_LINKS) if s]
    for sel in selectors:
        el = page.select_one(sel)
        href = el.get("href") if el is not None else None
        if isinstance(href, str) and href.strip():
            return urljoin(page_url, href.strip())
    return None


# --------------------------------------------------------------------------------------------
# articles


def release_identity(source: Source, url: str, item: ListingItem | None = None) -> tuple[str, str]:
    """Canonical URL and key of a release: the listing item's when given, else from the URL."""
    if item is not None:
        return item.url, item.key
    suffix = source.article.url_suffix
    if suffix and url.endswith(suffix):
        url = url[: -len(suffix)]  # the fetched form (?ajax=reader) is not the release's identity
    canonical = source.canonical_url(url)
    key = source.release_key(canonical)
    if key is None:
        raise ParseError(f"{url} is not a release URL of {source.id} (key_pattern {source.key_pattern!r})")
    return canonical, key


def parse_article(
    html: bytes | str, source: Source, url: str, *, item: ListingItem | None = None
) -> ParsedRelease:
    """Read title, date, lead, body paragraphs and tags of an article page; raise ParseError if unusable."""
    spec = source.article
    canonical, key = release_identity(source, url, item)
    page = Page(soup_of(html, article_reach(spec)))
    drop(page, ALWAYS_DROP)
    title = (select_text(page, spec.title, "") if spec.title else "") or (item.title if item else None)
    if not title:
        raise ParseError("no title")
    published = article_date(page, spec) or (item.published_raw if item else None)
    lead = (select_text(page, spec.lead) or None) if spec.lead else None
    tags = _article_tags(page, spec) or (item.tags if item else ())
    drop(page, spec.drop)  # chrome goes only now: tags and dates may sit inside it
    body = paragraphs(page, spec.body or "p")
    if not body:
        raise ParseError("no body")
    return ParsedRelease(
        url=canonical,
        key=key,
        title=title,
        lang=detect_lang(f"{title}\n{' '.join(body)}", source.lang),
        paragraphs=body,
        published_raw=published,
        lead=lead,
        tags=tags,
    )


def article_reach(spec: ArticleSpec) -> Admits | None:
    """The parts of an article page its selectors can reach (None: the whole page)."""
    return reach((spec.title, spec.date, spec.time, spec.lead, spec.tags, *body_selectors(spec)))


def body_selectors(spec: ArticleSpec) -> tuple[str, ...]:
    """What a body is read with: the never-text elements, the body selector, the chrome."""
    return (*ALWAYS_DROP, spec.body or "p", *spec.drop)


def _article_tags(page: Page, spec: ArticleSpec) -> tuple[str, ...]:
    return unique(text_of(el) for el in page.select(spec.tags)) if spec.tags else ()


def article_date(page: Page, spec: ArticleSpec) -> str | None:
    """The article's own date string; a time shown in its own element is appended after a comma."""
    shown = select_text(page, spec.date)
    if not shown:
        return None
    shown_time = select_text(page, spec.time)
    return f"{shown}, {shown_time}" if shown_time else shown
