"""A source's CSS selectors compiled once, and what a "plain" selector list asks of an element.

A plain selector list is made only of type, class, id and attribute selectors joined by descendant or
child combinators: whether it matches an element depends on that element and its ancestors alone, never
on text, siblings or position. Every match then lies inside (or is) an element its leftmost compound
matches, and is an element its rightmost compound matches. `Admits` tests compounds by name, classes and
id on raw attributes: it never turns down an element a compound matches (it may let through one the
attribute tests would refuse), so it can choose what to parse. A plain list without attribute tests is
"simple": `Plain.matches` decides it exactly as soupsieve does (names compared case-insensitively in
ASCII, class tokens, id); a list with attribute tests is left to soupsieve. Anything else (pseudo-classes,
sibling combinators, escapes, namespaces, comments) is not plain and gets no shortcut at all.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

import soupsieve
from bs4 import BeautifulSoup, Tag

_WS = "[ \t\r\n\f]"  # CSS whitespace (NBSP and other Unicode spaces are name characters in CSS)
_IDENT = r"-?(?:[_a-zA-Z]|[^\x00-\x7f])(?:[-\w]|[^\x00-\x7f])*"
_ATTR = rf"""\[{_WS}*{_IDENT}{_WS}*(?:[~|^$*]?={_WS}*(?:"[^"\\]*"|'[^'\\]*'|{_IDENT}){_WS}*)?\]"""
# One compound: an optional type (or *), then classes, ids and attribute tests.
_COMPOUND = re.compile(rf"(?P<tag>{_IDENT}|\*)?(?P<rest>(?:\.{_IDENT}|#{_IDENT}|{_ATTR})*)")
_PART = re.compile(rf"\.(?P<cls>{_IDENT})|#(?P<id>{_IDENT})|(?P<attr>{_ATTR})")
_COMBINATOR = re.compile(rf"{_WS}*>{_WS}*|{_WS}+")
_LIST_COMMA = re.compile(rf"{_WS}*,{_WS}*")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_CLASS_TOKEN = re.compile("[^ \t\r\n\f]+")  # how soupsieve splits a class attribute held as one string


def ascii_lower(name: str) -> str:
    """Lowercase ASCII letters only, as names are compared in HTML."""
    return name.translate(_ASCII_LOWER)


@functools.lru_cache(maxsize=512)
def compiled(css: str) -> soupsieve.SoupSieve:
    """The compiled form of a selector list (compiled once per process)."""
    return soupsieve.compile(css)


@dataclass(frozen=True)
class Anchor:
    """One compound: the name (ASCII-lowercased), classes and ids it asks for; attribute tests or not."""

    tag: str | None  # None for any element
    classes: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    tests: bool = False  # attribute tests, which only soupsieve decides

    @property
    def key(self) -> str | None:
        """The most telling index key of a matching element (see `Page`); None: any element may match."""
        if self.classes:
            return "." + self.classes[0]
        if self.ids:
            return "#" + self.ids[0]
        return "<" + self.tag if self.tag else None

    def fits(self, el: Tag) -> bool:
        """Whether `el` matches this compound (one without attribute tests), as soupsieve decides it."""
        if self.tag is not None and ascii_lower(el.name) != self.tag:
            return False
        if self.ids and any(i != attribute(el, "id", "") for i in self.ids):
            return False
        if self.classes:
            tokens = class_tokens(el)
            return all(c in tokens for c in self.classes)
        return True


def class_tokens(el: Tag) -> list[str]:
    """An element's classes as soupsieve reads them (bs4 holds them as a list; a string is split)."""
    return classes_and_id(el)[0]


def attribute(el: Tag, name: str, default: object) -> object:
    """An attribute by its name in any case, as soupsieve looks it up on an HTML element (the first wins)."""
    for key, value in el.attrs.items():
        if key.translate(_ASCII_LOWER) == name:
            return "" if value is None else value
    return default


def classes_and_id(el: Tag) -> tuple[list[str], object]:
    """An element's classes and id as soupsieve reads them, in one look at its attributes."""
    classes: object = None
    ident: object = None
    for key, value in el.attrs.items():
        name = key.translate(_ASCII_LOWER)
        if name == "class" and classes is None:
            classes = "" if value is None else value
        elif name == "id" and ident is None:
            ident = "" if value is None else value
    if isinstance(classes, str):
        return _CLASS_TOKEN.findall(classes), ident
    return (list(classes) if classes is not None else []), ident  # type: ignore[call-overload]


class Admits:
    """Whether an element could match one of some compounds: never too strict, sometimes too lenient."""

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        found = tuple(dict.fromkeys(anchors))
        self.everything = any(a.tag is None and not a.classes and not a.ids for a in found)
        self.names = frozenset(a.tag for a in found if a.tag and not a.classes and not a.ids)
        lone = [a for a in found if a.tag is None and len(a.classes) == 1 and not a.ids]
        self.lone_classes = frozenset(a.classes[0] for a in lone)  # the common ".name" compound
        self.others = tuple(a for a in found if (a.classes or a.ids) and a not in lone)

    def __call__(self, name: str, classes: str | None, ident: str | None) -> bool:
        """`name` ASCII-lowercased, `classes` and `ident` the raw attribute values (None when absent)."""
        if self.everything or name in self.names:
            return True
        # bs4 splits a class attribute at whitespace, as str.split does
        if classes and self.lone_classes and not self.lone_classes.isdisjoint(classes.split()):
            return True
        # `in` on the raw attribute is a substring test: it never turns down an element holding the class.
        return any(
            (a.tag is None or a.tag == name)
            and all(c in (classes or "") for c in a.classes)
            and all(i in (ident or "") for i in a.ids)
            for a in self.others
        )


@dataclass(frozen=True)
class Chain:
    """One complex selector: its compounds left to right and the combinators between them (" " or ">")."""

    compounds: tuple[Anchor, ...]
    combinators: tuple[str, ...]

    def matches(self, el: Tag, last: int | None = None) -> bool:
        """Whether `el` matches the chain up to compound `last` (default: the whole chain)."""
        at = len(self.compounds) - 1 if last is None else last
        if not self.compounds[at].fits(el):
            return False
        if at == 0:
            return True
        parent = _parent(el)
        if self.combinators[at - 1] == ">":
            return parent is not None and self.matches(parent, at - 1)
        while parent is not None:  # any ancestor may match the rest: try each, as soupsieve does
            if self.matches(parent, at - 1):
                return True
            parent = _parent(parent)
        return False


def _parent(el: Tag) -> Tag | None:
    """The parent element (the document itself is no element)."""
    parent = el.parent
    return None if parent is None or isinstance(parent, BeautifulSoup) else parent


@dataclass(frozen=True)
class Plain:
    """A plain selector list, selector by selector."""

    chains: tuple[Chain, ...]

    @property
    def firsts(self) -> tuple[Anchor, ...]:
        """The leftmost compound of each selector: where a match can begin."""
        return tuple(chain.compounds[0] for chain in self.chains)

    @property
    def keys(self) -> tuple[str, ...] | None:
        """Index keys under which every element the list can match is found; None when any element can."""
        keys = [chain.compounds[-1].key for chain in self.chains]
        return None if None in keys else tuple(dict.fromkeys(k for k in keys if k))

    @property
    def simple(self) -> bool:
        """No attribute tests: `matches` decides every element."""
        return not any(anchor.tests for chain in self.chains for anchor in chain.compounds)

    def matches(self, el: Tag) -> bool:
        """Whether a simple list matches `el` (an element of an HTML document)."""
        return any(chain.matches(el) for chain in self.chains)


@functools.lru_cache(maxsize=512)
def plain(css: str) -> Plain | None:
    """The chains of a plain selector list; None when the list is not plain."""
    chains = [_chain(selector) for selector in _LIST_COMMA.split(css.strip(" \t\r\n\f"))]
    complete = [chain for chain in chains if chain is not None]
    return Plain(tuple(complete)) if len(complete) == len(chains) else None


def _chain(selector: str) -> Chain | None:
    """One complex selector if it is plain, else None."""
    compounds: list[Anchor] = []
    combinators: list[str] = []
    pos = 0
    while True:
        match = _COMPOUND.match(selector, pos)
        if match is None or match.end() == pos:
            return None
        compounds.append(_anchor(match.group("tag"), match.group("rest")))
        pos = match.end()
        if pos == len(selector):
            return Chain(tuple(compounds), tuple(combinators))
        comb = _COMBINATOR.match(selector, pos)
        if comb is None or comb.end() == len(selector):
            return None
        combinators.append(">" if ">" in comb.group() else " ")
        pos = comb.end()


def _anchor(tag: str | None, rest: str) -> Anchor:
    parts = list(_PART.finditer(rest))
    return Anchor(
        tag=None if tag in (None, "*") else ascii_lower(tag),
        classes=tuple(p.group("cls") for p in parts if p.group("cls")),
        ids=tuple(p.group("id") for p in parts if p.group("id")),
        tests=any(p.group("attr") for p in parts),
    )


@functools.lru_cache(maxsize=256)
def _first_compounds(selectors: tuple[str, ...]) -> Admits | None:
    found: list[Anchor] = []
    for css in selectors:
        shape = plain(css)
        if shape is None:
            return None
        found += shape.firsts
    admits = Admits(found)
    return None if admits.everything else admits  # `*` or `[attr]` first: a match may start anywhere


def reach(selectors: Iterable[str | None]) -> Admits | None:
    """What the leftmost compounds of these selectors admit; None when one of them needs the whole page."""
    return _first_compounds(tuple(css for css in selectors if css))
