"""Only the source's own hosts: off-site URLs and redirects go unrequested; each hop is checked and paced."""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import urllib3.util.connection

from config.sources import Politeness, load_sources
from extractors.web.browser import BrowserFetcher, FallbackFetcher
from extractors.web.fetch import Fetcher
from extractors.web.hosts import on_hosts
from extractors.web.render import Download, Rendered
from tests.httpfake import FakeClock, FakeServer, Reply, robots_txt

FAST = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=1, pause_on_403=0.0)
METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"


def polite(**changes: object) -> Politeness:
    """FAST with some fields changed."""
    return Politeness(**{**FAST.__dict__, **changes})  # type: ignore[arg-type]


def host(srv: FakeServer) -> str:
    """The server's host:port, as a source's config would name it."""
    return srv.base_url.removeprefix("http://")


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address the fetcher opens a connection to, in order."""
    opened: list[tuple[str, int]] = []
    connect: Callable[..., socket.socket] = urllib3.util.connection.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        opened.append(address)
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", recording)
    return opened


@pytest.mark.parametrize(
    ("url", "on"),
    [
        ("https://kremlin.ru/events/1", True),
        ("http://www.kremlin.ru:80/events/1", True),  # www. and the default port do not count
        ("https://KREMLIN.RU./events/1", True),
        ("http://kremlin.ru:8080/events/1", False),  # another port is another server
        ("http://en.kremlin.ru/events/1", False),
        ("http://kremlin.ru@169.254.169.254/", False),  # the host is what follows the @
        ("http://kremlin.ru.evil.example/", False),
        ("ftp://kremlin.ru/file", False),
        ("/events/1", False),
    ],
)
def test_hosts_match_by_name_without_www_and_default_ports(url: str, on: bool) -> None:
    assert on_hosts(url, ["kremlin.ru"]) is on


def test_an_off_site_url_is_not_requested(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher, connections: list[tuple[str, int]]
) -> None:
    r = fetcher.get(other_server.url("/feed"), FAST, allowed_hosts={host(server)})
    assert (r.outcome, r.attempts, r.body, r.status) == ("off_site", 0, b"", None)
    assert host(other_server) in (r.reason or "")
    assert other_server.log == [] and connections == []


@pytest.mark.parametrize("target", [METADATA, "other-port"], ids=["link-local", "other-loopback-port"])
def test_a_redirect_off_the_hosts_is_not_followed_and_its_body_not_returned(
    server: FakeServer,
    other_server: FakeServer,
    fetcher: Fetcher,
    connections: list[tuple[str, int]],
    target: str,
) -> None:
    location = other_server.url("/secret") if target == "other-port" else METADATA
    server.route("/news/1", Reply(302, "", {"Location": location}))
    other_server.route("/secret", Reply(200, "foreign title and body"))
    r = fetcher.get(server.url("/news/1"), FAST, allowed_hosts={host(server)}, check_robots=False)
    assert (r.outcome, r.status, r.body, r.final_url) == ("off_site", 302, b"", location)
    assert r.url == server.url("/news/1") and "not one of the source's hosts" in (r.reason or "")
    assert other_server.log == [] and {port for _, port in connections} == {server.port}


def test_without_allowed_hosts_redirects_go_anywhere_as_before(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher
) -> None:
    server.route("/old", Reply(301, "", {"Location": other_server.url("/new")}))
    other_server.route("/new", Reply(200, "moved here"))
    r = fetcher.get(server.url("/old"), FAST)
    assert (r.outcome, r.body, r.final_url) == ("ok", b"moved here", other_server.url("/new"))


def test_a_redirect_within_the_hosts_is_checked_against_the_hops_robots_txt(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher
) -> None:
    server.route("/news/1", Reply(301, "", {"Location": other_server.url("/private/1")}))
    other_server.route("/robots.txt", robots_txt("User-agent: *\nDisallow: /private/\n"))
    other_server.route("/private/1", Reply(200, "kept out"))
    allowed = {host(server), host(other_server)}
    r = fetcher.get(server.url("/news/1"), FAST, allowed_hosts=allowed)
    assert (r.outcome, r.final_url, r.attempts) == ("disallowed", other_server.url("/private/1"), 1)
    assert other_server.hits("/private/1") == 0 and other_server.hits("/robots.txt") == 1


def test_each_hop_waits_its_hosts_turn(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    server.route("/old", Reply(301, "", {"Location": "/new"}))
    server.route("/new", Reply(200, "here"))
    r = fetcher.get(server.url("/old"), polite(min_delay=3.0), allowed_hosts={host(server)})
    assert (r.outcome, r.attempts, r.final_url) == ("ok", 2, server.url("/new"))
    assert clock.sleeps == [3.0, 3.0]  # /old after robots.txt, /new after /old
    assert fetcher.stats[host(server)]["requests"] == 3


def test_a_redirect_loop_stops_at_the_hop_limit(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/a", Reply(302, "", {"Location": "/b"}))
    server.route("/b", Reply(302, "", {"Location": "/a"}))
    r = fetcher.get(server.url("/a"), FAST, check_robots=False, allowed_hosts={host(server)})
    assert r.outcome == "failed" and "more than 5 redirects" in (r.reason or "")
    assert len(server.log) == 6


def test_final_url_names_the_page_a_redirect_landed_on(server: FakeServer, fetcher: Fetcher) -> None:
    # A flow compares the key of final_url with the key it asked for: another release's page is not this one.
    server.route("/news/1", Reply(301, "", {"Location": "/news/2"}))
    server.route("/news/2", Reply(200, "release two"))
    r = fetcher.get(server.url("/news/1"), FAST, allowed_hosts={host(server)})
    assert (r.outcome, r.url, r.final_url) == ("ok", server.url("/news/1"), server.url("/news/2"))


def test_robots_txt_redirected_off_the_site_is_not_followed(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", Reply(301, "", {"Location": other_server.url("/robots.txt")}))
    server.route("/news/1", Reply(200, "news"))
    assert fetcher.get(server.url("/news/1"), FAST, allowed_hosts={host(server)}).outcome == "ok"
    assert other_server.log == []


def test_a_sources_hosts_are_its_base_real_host_and_aliases(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher
) -> None:
    source = load_sources()["economy_en"].with_overrides(base_url=server.base_url)
    assert {"en.economy.gov.ru", "economy.gov.ru", host(server)} <= source.hosts
    server.route("/material/news/", Reply(302, "", {"Location": other_server.url("/material/news/")}))
    url = source.fetch_url("https://en.economy.gov.ru/material/news/")
    r = fetcher.get(url, source.politeness, allowed_hosts=source.hosts, check_robots=False)
    assert r.outcome == "off_site" and other_server.log == []


class EndsElsewhere:
    """A browser stand-in whose page redirects (in JavaScript, say) to another host."""

    def __init__(self, final_url: str) -> None:
        self.final_url = final_url

    def render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        return Rendered("<html><body><p>Foreign page</p></body></html>", 200, {}, self.final_url, 2)

    def download(self, url: str, ua: str, timeout_s: float) -> Download:
        return Download(404, "text/plain", b"")

    def close(self) -> None:
        pass


def test_a_rendered_page_that_ends_off_the_hosts_is_off_site(
    server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    challenge = "<html><body>Data processing... Please, wait. bobcmn</body></html>"
    server.route("/news/1", Reply(200, challenge))
    browser = BrowserFetcher(hosts=fetcher.hosts, renderer=EndsElsewhere(METADATA))
    fallback = FallbackFetcher(fetcher, browser)
    r = fallback.get(server.url("/news/1"), FAST, allowed_hosts={host(server)})
    assert (r.outcome, r.body, r.final_url) == ("off_site", b"", METADATA)
