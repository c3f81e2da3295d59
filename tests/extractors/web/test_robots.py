"""robots.txt rules: groups, prefixes, wildcards, longest match."""

from __future__ import annotations

import pytest

from extractors.web.robots import RobotsRules

UA = "pressroom/0.1 (+https://github.com/pressroom-etl/pressroom)"


@pytest.mark.parametrize(
    ("robots", "url", "allowed"),
    [
        ("User-agent: *\nDisallow: /search", "http://h/search?query=x", False),
        ("User-agent: *\nDisallow: /search", "http://h/events/president/news", True),
        ("User-agent: *\nDisallow: /search", "http://h/robots.txt", True),
        ("User-agent: *\nDisallow:", "http://h/anything", True),
        ("User-agent: *\nDisallow: /", "http://h/anything", False),
        # Wildcards: a Bitrix site forbidding its pager, and an anchored suffix.
        ("User-agent: *\nDisallow: /*?PAGEN_", "http://h/ru/news/?PAGEN_1=2", False),
        ("User-agent: *\nDisallow: /*?PAGEN_", "http://h/ru/news/", True),
        ("User-agent: *\nDisallow: /*.pdf$", "http://h/files/a.pdf", False),
        ("User-agent: *\nDisallow: /*.pdf$", "http://h/files/a.pdf.html", True),
        # The longest matching rule wins, whatever the order; allow wins a tie.
        ("User-agent: *\nDisallow: /news\nAllow: /news/public", "http://h/news/public/1", True),
        ("User-agent: *\nAllow: /news/public\nDisallow: /news", "http://h/news/secret", False),
        ("User-agent: *\nDisallow: /a\nAllow: /a", "http://h/a", True),
        # Groups: ours beats '*'; another bot's group does not bind us.
        ("User-agent: pressroom\nDisallow: /\n\nUser-agent: *\nAllow: /", "http://h/x", False),
        ("User-agent: otherbot\nDisallow: /", "http://h/x", True),
        ("User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /x", "http://h/x", False),
        # Percent-encoding on either side compares alike.
        ("User-agent: *\nDisallow: /новости", "http://h/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1", False),
    ],
)
def test_rules(robots: str, url: str, allowed: bool) -> None:
    assert RobotsRules.parse(robots).allows(url, UA) is allowed


def test_allow_all_and_crawl_delay() -> None:
    assert RobotsRules.allow_all("no robots.txt (HTTP 404)").allows("http://h/anything", UA)
    rules = RobotsRules.parse("User-agent: *\nCrawl-delay: 10\nDisallow: /search")
    assert rules.crawl_delay(UA) == 10.0
    assert RobotsRules.parse("User-agent: *\nDisallow: /search").crawl_delay(UA) is None
