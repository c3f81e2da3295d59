"""What a run learns about a host holds for the run: unreachable, TLS-refused, or reached over http."""

from __future__ import annotations

import logging
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import urllib3.util.connection

from config.sources import Politeness
from extractors.web.browser import BrowserFetcher
from extractors.web.fetch import Fetcher
from extractors.web.render import Download, Rendered
from tests.httpfake import FakeClock, FakeServer, Reply

FAST = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=3, pause_on_403=0.0)
FALLBACK = Politeness(**{**FAST.__dict__, "http_fallback": True})
Address = tuple[str, int]


class FakeNetwork:
    """Names and ports the fetcher's connections resolve to: a loopback port, a refusal, or a timeout."""

    def __init__(self, connect: Callable[..., socket.socket]) -> None:
        self._connect = connect
        self.routes: dict[Address, Address | str] = {}
        self.opened: list[Address] = []

    def create_connection(self, address: Address, *args: Any, **kwargs: Any) -> socket.socket:
        self.opened.append(address)
        route = self.routes.get(address)
        if route is None and not any(name == address[0] for name, _ in self.routes):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if route is None or route == "refuse":
            raise ConnectionRefusedError(111, "Connection refused")
        if route == "timeout":
            raise TimeoutError("timed out")
        assert isinstance(route, tuple)
        return self._connect(route, *args, **kwargs)


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    """Connections go where the test says; a name the test does not know does not resolve."""
    net = FakeNetwork(urllib3.util.connection.create_connection)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", net.create_connection)
    return net


# -- hosts that cannot be reached ------------------------------------------------------------------
def test_a_name_that_does_not_resolve_fails_once_then_at_once(
    network: FakeNetwork, fetcher: Fetcher, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        first = fetcher.get("http://gone.test/news/1", FAST)
        later = [fetcher.get(f"http://gone.test/news/{i}", FAST) for i in range(2, 6)]
    assert (first.outcome, first.attempts) == ("unreachable", 1)  # robots.txt was the one request
    assert first.reason == "host name does not resolve"
    assert {(r.outcome, r.attempts) for r in later} == {("unreachable", 0)}
    assert network.opened == [("gone.test", 80)] and clock.sleeps == []  # no retry storm, no backoff
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        "gone.test: host name does not resolve; no more requests to it in this run"
    ]
    assert "Traceback" not in caplog.text and "Max retries" not in caplog.text


def test_a_refusing_port_fails_once_per_run(network: FakeNetwork, fetcher: Fetcher) -> None:
    network.routes[("down.test", 80)] = "refuse"
    first = fetcher.get("http://down.test/a", FAST, check_robots=False)
    second = fetcher.get("http://down.test/b", FAST, check_robots=False)
    assert (first.outcome, first.attempts, first.reason) == (
        "unreachable",
        1,
        "cannot connect: Connection refused",
    )
    assert (second.outcome, second.attempts) == ("unreachable", 0)
    assert len(network.opened) == 1


def test_connect_timeouts_are_retried_then_hold_the_host(
    network: FakeNetwork, fetcher: Fetcher, clock: FakeClock
) -> None:
    network.routes[("slow.test", 80)] = "timeout"
    first = fetcher.get("http://slow.test/a", FAST, check_robots=False)
    assert (first.outcome, first.attempts) == ("unreachable", 4)
    assert first.reason == "no connection in 4 attempts (connect timeout)"
    assert len(clock.sleeps) == 3  # backoff between the tries
    assert fetcher.get("http://slow.test/b", FAST, check_robots=False).attempts == 0
    assert len(network.opened) == 4


def test_other_hosts_are_not_held(network: FakeNetwork, fetcher: Fetcher, server: FakeServer) -> None:
    network.routes[("down.test", 80)] = "refuse"
    network.routes[("up.test", 80)] = ("127.0.0.1", server.port)
    server.route("/a", Reply(200, "fine"))
    assert fetcher.get("http://down.test/a", FAST, check_robots=False).outcome == "unreachable"
    assert fetcher.get("http://up.test/a", FAST, check_robots=False).outcome == "ok"


# -- https, and a fallback to http -----------------------------------------------------------------
def test_https_that_cannot_connect_falls_back_to_http_once_per_host(
    network: FakeNetwork, fetcher: Fetcher, server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    network.routes[("site.test", 443)] = "timeout"
    network.routes[("site.test", 80)] = ("127.0.0.1", server.port)
    server.route("/news/1", Reply(200, "one"))
    server.route("/news/2", Reply(200, "two"))
    with caplog.at_level(logging.WARNING):
        one = fetcher.get("https://site.test/news/1", FALLBACK)
        two = fetcher.get("https://site.test/news/2", FALLBACK)
    assert (one.outcome, one.body, one.final_url) == ("ok", b"one", "http://site.test/news/1")
    assert (two.outcome, two.attempts, two.final_url) == ("ok", 1, "http://site.test/news/2")
    # https was tried once (for robots.txt); everything after went straight to http.
    assert network.opened.count(("site.test", 443)) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "site.test: https cannot connect (connect timeout); fetching it over http for the rest of this run"
    ]


def test_a_tls_handshake_that_never_ends_falls_back_too(
    network: FakeNetwork, fetcher: Fetcher, server: FakeServer, silent_port: int
) -> None:
    network.routes[("site.test", 443)] = ("127.0.0.1", silent_port)  # accepts, then never speaks
    network.routes[("site.test", 80)] = ("127.0.0.1", server.port)
    server.route("/news/1", Reply(200, "one"))
    quick = Politeness(**{**FALLBACK.__dict__, "connect_timeout": 0.3})
    r = fetcher.get("https://site.test/news/1", quick, check_robots=False)
    assert (r.outcome, r.final_url, r.attempts) == ("ok", "http://site.test/news/1", 2)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()
    for conn in held:
        conn.close()


def test_without_the_knob_https_that_cannot_connect_is_not_replaced(
    network: FakeNetwork, fetcher: Fetcher, server: FakeServer
) -> None:
    network.routes[("site.test", 443)] = "refuse"
    network.routes[("site.test", 80)] = ("127.0.0.1", server.port)
    r = fetcher.get("https://site.test/news/1", FAST)
    assert r.outcome == "unreachable" and server.log == []


def test_a_certificate_error_is_a_refusal_never_a_fallback(
    network: FakeNetwork, fetcher: Fetcher, tls_server: int
) -> None:
    network.routes[("tls.test", 443)] = ("127.0.0.1", tls_server)
    network.routes[("tls.test", 80)] = "refuse"
    r = fetcher.get("https://tls.test/news/1", FALLBACK, check_robots=False)
    assert (r.outcome, r.attempts) == ("refused", 1)
    assert (r.reason or "").startswith("TLS error: ") and "CERTIFICATE_VERIFY_FAILED" in (r.reason or "")
    again = fetcher.get("https://tls.test/news/2", FALLBACK, check_robots=False)
    assert (again.outcome, again.attempts) == ("refused", 0)
    assert ("tls.test", 80) not in network.opened


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[int]:
    """An https server on loopback with a self-signed certificate for tls.test; yields its port."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=tls.test"],
        capture_output=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip("openssl cannot make a test certificate here")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with FakeServer(tls=context) as srv:
        srv.route("/news/1", Reply(200, "secure"))
        yield srv.port


class CountingRenderer:
    """A browser stand-in that counts its renders."""

    def __init__(self) -> None:
        self.renders: list[str] = []

    def render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        self.renders.append(url)
        return Rendered("<html><body><p>Page</p></body></html>", 200, {}, url, 1)

    def download(self, url: str, ua: str, timeout_s: float) -> Download:
        return Download(404, "text/plain", b"")

    def close(self) -> None:
        pass


def test_a_deferred_host_is_not_rendered_either(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/busy", Reply(503, "later", {"Retry-After": "3600"}))
    renderer = CountingRenderer()
    browser = BrowserFetcher(hosts=fetcher.hosts, renderer=renderer)
    assert fetcher.get(server.url("/busy"), FAST, check_robots=False).outcome == "deferred"
    r = browser.get(server.url("/news/1"), FAST, check_robots=False)
    assert (r.outcome, r.attempts) == ("deferred", 0) and renderer.renders == []
