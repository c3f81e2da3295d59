"""One policy per host: robots.txt Crawl-delay; plain and browser fetchers share pace, verdict and counts."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pytest

from config import settings
from config.sources import Politeness
from extractors.web.browser import BrowserFetcher, FallbackFetcher
from extractors.web.fetch import Fetcher
from extractors.web.hosts import HostPolicies
from extractors.web.render import Download, Rendered
from tests.httpfake import FakeClock, FakeServer, Reply, robots_txt

QUICK = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=0, pause_on_403=0.0)
CHALLENGE = (
    '<html><head><title>Data processing</title><script>(function(){var bobcmn = "1111101";'
    "window.TSPD_101_DID=bobcmn;})();</script></head>"
    '<body><div class="tspd-challenge">Data processing... Please, wait.</div></body></html>'
)
PAGE = "<html><body><article><h1>Talks</h1><p>The sides agreed on a programme.</p></article></body></html>"


def polite(**changes: object) -> Politeness:
    """QUICK with some fields changed."""
    return Politeness(**{**QUICK.__dict__, **changes})  # type: ignore[arg-type]


@dataclass
class FakeRenderer:
    """A browser stand-in: every page renders as PAGE, robots.txt comes from `robots`; calls are logged."""

    clock: FakeClock
    robots: str = "User-agent: *\nAllow: /\n"
    renders: list[tuple[str, float]] = field(default_factory=list)  # (url, clock time)
    downloads: list[str] = field(default_factory=list)

    def render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        self.renders.append((url, self.clock()))
        return Rendered(PAGE, 200, {}, url, 1)

    def download(self, url: str, ua: str, timeout_s: float) -> Download:
        self.downloads.append(url)
        return Download(200, "text/plain", self.robots.encode())

    def close(self) -> None:
        pass


@pytest.fixture
def hosts(clock: FakeClock) -> HostPolicies:
    """One registry of host policies, paced by the fake clock."""
    return HostPolicies(sleep=clock.sleep, clock=clock)


@pytest.fixture
def renderer(clock: FakeClock) -> FakeRenderer:
    return FakeRenderer(clock)


@pytest.fixture
def plain(hosts: HostPolicies) -> Iterator[Fetcher]:
    """A plain fetcher following `hosts`."""
    with Fetcher(hosts=hosts) as fetcher:
        yield fetcher


@pytest.fixture
def browser(hosts: HostPolicies, renderer: FakeRenderer) -> BrowserFetcher:
    """A browser fetcher following the same `hosts`, rendering with the stand-in."""
    return BrowserFetcher(hosts=hosts, renderer=renderer)


def host_key(server: FakeServer) -> str:
    """The key a server's host is counted under."""
    return server.base_url.removeprefix("http://")


# -- Crawl-delay -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("min_delay", "crawl_delay", "spacing"),
    [(1.0, 5, 5.0), (10.0, 5, 10.0)],
    ids=["crawl-delay-longer", "min-delay-longer"],
)
def test_requests_are_spaced_by_the_longer_of_min_delay_and_crawl_delay(
    server: FakeServer,
    plain: Fetcher,
    clock: FakeClock,
    min_delay: float,
    crawl_delay: int,
    spacing: float,
) -> None:
    server.route("/robots.txt", robots_txt(f"User-agent: *\nCrawl-delay: {crawl_delay}\n"))
    for path in ("/a", "/b", "/c"):
        plain.get(server.url(path), polite(min_delay=min_delay))
    # robots.txt goes first at once; each page waits the spacing after the request before it.
    assert clock.sleeps == [spacing, spacing, spacing]
    assert server.hits("/robots.txt") == 1


def test_crawl_delay_of_our_group_is_noted_once_in_the_hosts_log_line(
    server: FakeServer, plain: Fetcher, caplog: pytest.LogCaptureFixture
) -> None:
    server.route(
        "/robots.txt", robots_txt("User-agent: pressroom\nCrawl-delay: 7\n\nUser-agent: *\nCrawl-delay: 2\n")
    )
    with caplog.at_level(logging.INFO, logger="pressroom.hosts"):
        for path in ("/a", "/b"):
            plain.get(server.url(path), QUICK)
    noted = [r.getMessage() for r in caplog.records if "robots.txt read" in r.getMessage()]
    assert noted == [f"{host_key(server)}: robots.txt read (robots.txt); Crawl-delay 7 s"]


def test_an_absurd_crawl_delay_is_capped_and_the_cap_logged(
    server: FakeServer, plain: Fetcher, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/robots.txt", robots_txt("User-agent: *\nCrawl-delay: 86400\n"))
    with caplog.at_level(logging.INFO, logger="pressroom.hosts"):
        for path in ("/a", "/b"):
            assert plain.get(server.url(path), polite(min_delay=1.0)).outcome == "not_found"
    cap = settings.CRAWL_DELAY_CAP_S
    assert clock.sleeps == [cap, cap]
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1
    assert "Crawl-delay 86400 s is capped at 60 s" in warned[0].getMessage()


def test_crawl_delay_spaces_the_requests_of_sources_that_obey_robots_txt(
    server: FakeServer, plain: Fetcher, clock: FakeClock
) -> None:
    server.route("/robots.txt", robots_txt("User-agent: *\nCrawl-delay: 30\n"))
    ignoring, obeying = polite(min_delay=2.0, obey_robots=False), polite(min_delay=2.0)
    for i, politeness in enumerate([ignoring, ignoring, obeying, ignoring, ignoring]):
        plain.get(server.url(f"/page{i}"), politeness)
    # Ignoring: min_delay. Obeying: robots.txt after min_delay, its page after the Crawl-delay; the request
    # after that page, whoever sends it, waits out the delay the page claimed.
    assert clock.sleeps == [2.0, 2.0, 30.0, 30.0, 2.0]


# -- one policy for plain and browser --------------------------------------------------------------
def test_plain_and_browser_requests_share_one_pace_and_one_robots_read(
    server: FakeServer, plain: Fetcher, browser: BrowserFetcher, clock: FakeClock, renderer: FakeRenderer
) -> None:
    server.route("/a", Reply(200, PAGE))
    server.route("/c", Reply(200, PAGE))
    p = polite(min_delay=3.0)
    assert plain.get(server.url("/a"), p).outcome == "ok"
    assert browser.get(server.url("/b"), p).outcome == "ok"
    assert plain.get(server.url("/c"), p).outcome == "ok"
    assert clock.sleeps == [3.0, 3.0, 3.0]  # /a after robots.txt, the render after /a, /c after the render
    assert server.hits("/robots.txt") == 1 and renderer.downloads == []
    assert renderer.renders == [(server.url("/b"), pytest.approx(1006.0))]
    counts = plain.stats[host_key(server)]
    assert counts == browser.stats[host_key(server)]
    assert (counts["requests"], counts["renders"], counts["ok"]) == (4, 1, 3)


def test_robots_txt_read_by_the_browser_binds_the_plain_fetcher(
    server: FakeServer, plain: Fetcher, browser: BrowserFetcher, clock: FakeClock, renderer: FakeRenderer
) -> None:
    renderer.robots = "User-agent: *\nCrawl-delay: 4\nDisallow: /private/\n"
    server.route("/open", Reply(200, PAGE))
    p = polite(min_delay=1.0)
    assert browser.get(server.url("/news"), p).outcome == "ok"
    assert plain.get(server.url("/private/memo"), p).outcome == "disallowed"
    assert plain.get(server.url("/open"), p).outcome == "ok"
    assert renderer.downloads == [server.url("/robots.txt")]
    assert server.hits("/robots.txt") == 0 and server.hits("/private/memo") == 0
    assert clock.sleeps == [4.0, 4.0]  # the render after robots.txt, /open after the render


def test_a_403_pause_from_plain_http_holds_the_browser(
    server: FakeServer, plain: Fetcher, browser: BrowserFetcher, clock: FakeClock
) -> None:
    server.route("/a", Reply(403, "go away"))
    p = polite(pause_on_403=30.0)
    assert plain.get(server.url("/a"), p, check_robots=False).outcome == "refused"
    browser.get(server.url("/b"), p, check_robots=False)
    assert clock.sleeps == [30.0]


def test_fallback_renders_a_challenge_at_the_hosts_pace_and_counts_once_per_host(
    server: FakeServer, plain: Fetcher, browser: BrowserFetcher, clock: FakeClock, renderer: FakeRenderer
) -> None:
    server.route("/open", Reply(200, PAGE))
    server.route("/guarded", Reply(200, CHALLENGE))
    fallback = FallbackFetcher(plain, browser)
    p = polite(min_delay=2.0)
    assert fallback.get(server.url("/open"), p).outcome == "ok"
    guarded = fallback.get(server.url("/guarded"), p)
    assert guarded.outcome == "ok" and "Talks" in guarded.text()
    assert [url for url, _ in renderer.renders] == [server.url("/guarded")]
    assert clock.sleeps == [2.0, 2.0, 2.0]  # /open, /guarded plainly, then its render
    assert fallback.stats == {
        host_key(server): {"requests": 4, "renders": 1, "ok": 2, "refused": 1},
    }


def test_fallback_refuses_fetchers_with_separate_policies(renderer: FakeRenderer) -> None:
    with pytest.raises(ValueError, match="share one HostPolicies"):
        FallbackFetcher(Fetcher(), BrowserFetcher(renderer=renderer))
