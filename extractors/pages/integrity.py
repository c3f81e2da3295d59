"""Whether a fetched listing, feed or API page is what its kind promises, or a broken page to fail on.

A page that is truncated, of another kind (an HTML error page served with status 200 in place of a feed),
or empty where items are expected must fail its source's run: read as "the end of the listing", it would
silently stop the walk and lose everything below it.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError as XMLError
from xml.etree.ElementTree import fromstring

from extractors.models import ListingPage

FEED_ROOTS = frozenset({"feed", "rss", "RDF"})  # Atom, RSS 2.0, RSS 1.0


class BrokenPage(ValueError):
    """A listing, feed or API page that cannot be trusted to say what the source lists."""


def check_feed_body(body: bytes) -> None:
    """Raise BrokenPage unless `body` is a whole, well-formed Atom or RSS document."""
    try:
        root = fromstring(body)  # expat: no external entities fetched, entity expansion bounded
    except XMLError as exc:
        raise BrokenPage(f"not a well-formed feed (truncated or not XML): {exc}") from exc
    name = root.tag.rsplit("}", 1)[-1]  # the local name, without its {namespace}
    if name not in FEED_ROOTS:
        raise BrokenPage(f"not a feed: the document's root is <{name}>")


def check_items(page: ListingPage, kind: str) -> None:
    """Raise BrokenPage when a page lists nothing without saying it is past the end of the listing."""
    if not page.items and not page.past_end:
        what = "entries" if kind == "feed" else "items"
        why = "selectors out of date, an error or block page?"
        raise BrokenPage(f"no {what} where {what} are expected ({why})")
