"""Parse only the parts of a page its selectors can reach, and select from them without walking everything.

Both shortcuts give what BeautifulSoup and soupsieve give on the whole page (see selectors.py for why):
`soup_of(data, reach)` leaves out every element outside the outermost elements `reach` admits, and
`Page.select` hands soupsieve only the elements the selector's rightmost compounds admit.
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.builder._lxml import LXMLTreeBuilder

from extractors.pages.selectors import Admits, ascii_lower, classes_and_id, compiled, plain


class PartsBuilder(LXMLTreeBuilder):
    """lxml's HTML tree builder handing BeautifulSoup only the outermost admitted elements, whole.

    What BeautifulSoup's `parse_only` does, but an element left out costs no Tag and no string: on a
    page of chrome that is most of the parsing. Elements whose text BeautifulSoup treats by an ancestor
    (`pre`, `textarea`, `script`, `rt` ...) are always kept, so kept text is read as in the whole page.
    """

    def __init__(self, admits: Admits, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.admits = admits
        # Elements whose strings BeautifulSoup types or keeps by their ancestor: never left out.
        self.always = frozenset(self.preserve_whitespace_tags or ()) | frozenset(self.string_containers)
        self.kept: list[bool] = []  # per open element: handed to BeautifulSoup?
        self.depth = 0  # open elements handed to BeautifulSoup

    def feed(self, markup: Any) -> None:
        """Parse (again, when BeautifulSoup retries another encoding) from a clean state."""
        self.kept, self.depth = [], 0
        super().feed(markup)

    def start(self, tag: Any, attrib: Any, nsmap: Any = None) -> None:
        """An element opens: hand it over inside a kept one, or when it is admitted."""
        if not self.depth:
            name = ascii_lower(tag) if isinstance(tag, str) else ""
            if name not in self.always and not self.admits(name, attrib.get("class"), attrib.get("id")):
                self.kept.append(False)
                return
        self.kept.append(True)
        self.depth += 1
        super().start(tag, attrib, nsmap or {})

    def end(self, tag: Any) -> None:
        """An element closes (lxml nests its events, so it is the last one opened)."""
        if self.kept.pop():
            self.depth -= 1
            super().end(tag)

    def data(self, data: Any) -> None:
        """Text outside the kept elements is never read."""
        if self.depth:
            super().data(data)

    def comment(self, text: Any) -> None:
        """Comments outside the kept elements are left out."""
        if self.depth:
            super().comment(text)

    def doctype(self, name: str, pubid: str, system: str) -> None:
        """The doctype is outside every kept element."""

    def pi(self, target: str, data: str) -> None:
        """Processing instructions outside the kept elements are left out."""
        if self.depth:
            super().pi(target, data)


def soup_of(data: bytes | str, reach: Admits | None = None) -> BeautifulSoup:
    """Parse HTML (only what `reach` admits, when given); bytes are decoded by the charset they declare."""
    # windows-1251 pages exist: BeautifulSoup reads the declared charset
    soup = BeautifulSoup(data, builder=PartsBuilder(reach)) if reach else BeautifulSoup(data, "lxml")
    for br in soup.find_all("br"):
        br.replace_with("\n")  # a line break separates words; collapsed to a space later
    return soup


class Page:
    """A parsed page with its elements indexed by name, class and id, in document order.

    `select` finds the matches of a plain selector list once per page, by handing soupsieve only the
    indexed elements its rightmost compounds admit; later calls (one per listing card, say) reuse them.
    A match stays a match when other elements are removed (plain selectors look only at an element and
    its ancestors), and a removed element has no parent any more, so removals need no new search.
    """

    def __init__(self, root: BeautifulSoup) -> None:
        self.root = root
        self.order: dict[int, int] = {}  # id(element) -> position
        self.keys: dict[str, list[Tag]] = {}  # "<name", ".class", "#id" -> elements
        self.templates: list[Tag] = []  # soupsieve does not walk into these: then no shortcut
        self.matched: dict[str, list[Tag]] = {}  # selector -> every element of the page it matches
        self.last: dict[int, int] = {}  # id(element) -> position of its last descendant element
        for pos, el in enumerate(node for node in root.descendants if isinstance(node, Tag)):
            self.order[id(el)] = pos
            self._index(el)

    def _index(self, el: Tag) -> None:
        name = ascii_lower(el.name)
        self.keys.setdefault("<" + name, []).append(el)
        if name == "template":
            self.templates.append(el)
        if el.attrs:
            classes, ident = classes_and_id(el)
            for cls in dict.fromkeys(classes):
                self.keys.setdefault("." + cls, []).append(el)
            if isinstance(ident, str):
                self.keys.setdefault("#" + ident, []).append(el)

    def select(self, css: str, under: Tag | None = None) -> list[Tag]:
        """Elements under `under` (default: the page) matching `css`, in document order (as soupsieve)."""
        scope = self.root if under is None else under
        matches = self._matches(css)
        if matches is None or (scope is not self.root and id(scope) not in self.order):
            return compiled(css).select(scope)
        if scope is not self.root:
            low, high = self.order[id(scope)], self._last(scope)
            matches = [el for el in matches if low < self.order[id(el)] <= high]
        return [el for el in matches if el.parent is not None]

    def select_one(self, css: str, under: Tag | None = None) -> Tag | None:
        """The first element `select` finds, or None."""
        found = self.select(css, under)
        return found[0] if found else None

    def _matches(self, css: str) -> list[Tag] | None:
        """Every element of the page a plain `css` matches; None when soupsieve has to walk the page."""
        if css not in self.matched:
            shape = plain(css)
            keys = shape.keys if shape is not None else None
            if keys is None or any(t.parent is not None for t in self.templates):
                return None
            found = {id(el): el for key in keys for el in self.keys.get(key, ())}
            candidates = [el for el in found.values() if el.parent is not None]
            if len(keys) > 1:
                candidates.sort(key=lambda el: self.order[id(el)])
            if shape is not None and shape.simple and not self.root.is_xml:
                self.matched[css] = [el for el in candidates if shape.matches(el)]
            else:
                self.matched[css] = compiled(css).filter(candidates) if candidates else []
        return self.matched[css]

    def _last(self, scope: Tag) -> int:
        """Position of the last element inside `scope` (its own position when it has none)."""
        if id(scope) not in self.last:
            pos = self.order[id(scope)]
            for node in scope.descendants:
                if isinstance(node, Tag):
                    pos = self.order.get(id(node), pos)
            self.last[id(scope)] = pos
        return self.last[id(scope)]
