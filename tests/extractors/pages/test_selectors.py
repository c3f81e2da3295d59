"""The parsing shortcuts find exactly what BeautifulSoup and soupsieve find on the whole page.

Random small (often malformed) pages and random selectors, plain or not: selecting through a `Page`,
parsing only what the selectors reach, and removing chrome in one pass all give the elements, the
markup and the text the whole page gives.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.pages.feed import html_text
from extractors.pages.html import drop, text_of
from extractors.pages.selectors import plain, reach
from extractors.pages.soup import Page, soup_of

NAMES = [
    "div",
    "p",
    "span",
    "a",
    "ul",
    "li",
    "section",
    "h1",
    "pre",
    "noscript",
    "template",
    "b",
    "td",
    "DIV",
]
CLASSES = ["a", "b", "c", "a-b"]
TEXTS = ["", "t", " ", "\n", "a b", "&amp; x", "x\u00a0y", "<br>", "  \n  "]


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        _render,
        name=st.sampled_from(NAMES),
        classes=st.lists(st.sampled_from(CLASSES), max_size=3),
        spacing=st.sampled_from([" ", "  ", "\t"]),
        ident=st.sampled_from(["", "x", "y"]),
        rel=st.sampled_from(["", "next", "prev next"]),
        children=st.lists(children, max_size=4),
        closed=st.booleans(),
    )


def _render(
    name: str, classes: list[str], spacing: str, ident: str, rel: str, children: list[str], closed: bool
) -> str:
    attrs = f' class="{spacing}{spacing.join(classes)}"' if classes else ""
    attrs += f' id="{ident}"' if ident else ""
    attrs += f' rel="{rel}"' if rel else ""
    return f"<{name}{attrs}>{''.join(children)}" + (f"</{name}>" if closed else "")


PAGES = st.recursive(st.sampled_from(TEXTS), _element, max_leaves=30).map(
    lambda body: f"<html><body>{body}</body></html>"
)

COMPOUND = st.builds(
    lambda tag, classes, ident, extra: (tag + "".join("." + c for c in classes) + ident + extra) or "*",
    tag=st.sampled_from(["", "*", "div", "p", "span", "a", "li", "DIV", "td", "template"]),
    classes=st.lists(st.sampled_from(CLASSES), max_size=2),
    ident=st.sampled_from(["", "", "#x"]),
    extra=st.sampled_from(["", "", "", '[rel~="next"]', '[class^="a"]', "[id]", ":first-child", ":not(.a)"]),
)
COMBINATOR = st.sampled_from([" ", " ", " > ", " + ", " ~ "])
SELECTOR = st.lists(st.tuples(COMBINATOR, COMPOUND), min_size=1, max_size=3).map(
    lambda parts: "".join(comb + compound for comb, compound in parts)[len(parts[0][0]) :]
)
SELECTORS = st.lists(SELECTOR, min_size=1, max_size=2).map(", ".join)


def _markup(elements: list) -> list[str]:  # type: ignore[type-arg]
    return [str(el) for el in elements]


@settings(max_examples=300, deadline=None)
@given(page=PAGES, css=SELECTORS)
def test_a_page_selects_what_soupsieve_selects(page: str, css: str) -> None:
    soup = soup_of(page)
    assert Page(soup).select(css) == soup.select(css)


@settings(max_examples=300, deadline=None)
@given(page=PAGES, css=SELECTORS, other=SELECTORS)
def test_parsing_only_what_the_selectors_reach_selects_the_same_markup(
    page: str, css: str, other: str
) -> None:
    whole = soup_of(page).select(css)
    parts = Page(soup_of(page, reach([css, other])))
    assert _markup(parts.select(css)) == _markup(whole)
    assert [text_of(el, " ") for el in parts.select(css)] == [text_of(el, " ") for el in whole]


@settings(max_examples=300, deadline=None)
@given(page=PAGES, chrome=st.lists(SELECTORS, min_size=1, max_size=3), css=SELECTORS)
def test_removing_chrome_in_one_pass_leaves_what_removing_it_in_turn_leaves(
    page: str, chrome: list[str], css: str
) -> None:
    soup = soup_of(page)
    for selector in chrome:
        for el in soup.select(selector):
            el.decompose()
    parts = Page(soup_of(page, reach([*chrome, css])))
    drop(parts, chrome)
    assert _markup(parts.select(css)) == _markup(soup.select(css))


def test_only_plain_selectors_get_shortcuts() -> None:
    for css in (".a p", "h1.title", "div > p.x", 'p[class^="gallery"]', "#main a, .b"):
        assert plain(css) is not None, css
    for css in ("p:first-child", "a + b", "a ~ b", "a\\:b", "svg|a", '[a="b" i]', "a:not(.b)", "a /* x */ b"):
        assert plain(css) is None, css
        assert reach([css, ".a"]) is None, css  # then the whole page is parsed


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=40))
def test_a_summary_without_markup_reads_as_the_parser_reads_it(text: str) -> None:
    assert html_text(text) == text_of(soup_of(text), " ")
