"""The fetch layer against loopback servers: retries, pacing, robots.txt, conditional GETs, refusals."""

from __future__ import annotations

import itertools
import logging
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from config import settings
from config.sources import Politeness
from extractors.web.fetch import Fetcher, FetchResult, retry_after_seconds, user_agent
from tests.httpfake import FakeClock, FakeServer, Reply, Request, robots_txt

FAST = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=3, pause_on_403=0.0)
CHALLENGE = (
    '<html><head><title>Data processing</title><script>(function(){var bobcmn = "1111101";'
    "window.TSPD_101_DID=bobcmn;})();</script></head>"
    '<body><div class="tspd-challenge">Data processing... Please, wait.</div></body></html>'
)


def polite(**changes: object) -> Politeness:
    """FAST with some fields changed."""
    return Politeness(**{**FAST.__dict__, **changes})  # type: ignore[arg-type]


# -- plain GETs ------------------------------------------------------------------------------------
def test_ok_result_carries_body_validators_and_time(server: FakeServer, fetcher: Fetcher) -> None:
    headers = {"ETag": '"abc"', "Last-Modified": "Wed, 24 Jan 2024 08:30:00 GMT"}
    server.route("/news/1", Reply(200, "<p>Hello</p>", headers))
    before = datetime.now(UTC)
    r = fetcher.get(server.url("/news/1"), FAST)
    assert (r.outcome, r.status, r.reason, r.attempts) == ("ok", 200, None, 1)
    assert r.body == b"<p>Hello</p>" and r.text() == "<p>Hello</p>"
    assert r.etag == '"abc"' and r.last_modified == "Wed, 24 Jan 2024 08:30:00 GMT"
    assert r.content_type == "text/html; charset=utf-8" and r.headers["etag"] == '"abc"'
    assert r.fetched_at.tzinfo is not None and before <= r.fetched_at <= datetime.now(UTC)


def test_user_agent_names_pressroom_and_a_contact_url(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/a", Reply(200, "x"))
    fetcher.get(server.url("/a"), FAST)
    fetcher.get(server.url("/a"), polite(user_agent="Mozilla/5.0 (X11; Linux x86_64)"))
    configured, browser_like = (r.headers["User-Agent"] for r in server.requests_to("/a"))
    assert "pressroom" in configured.lower() and "https://" in configured
    assert browser_like.startswith("Mozilla/5.0") and "pressroom" in browser_like
    assert settings.CONTACT_URL in browser_like


def test_user_agent_keeps_a_configured_contact() -> None:
    ua = user_agent("pressroom/0.2 (+https://example.org/contact)", "https://fallback.example")
    assert ua == "pressroom/0.2 (+https://example.org/contact)"


def test_redirect_is_followed_and_final_url_reported(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/old", Reply(301, "", {"Location": "/new"}))
    server.route("/new", Reply(200, "moved here"))
    r = fetcher.get(server.url("/old"), FAST)
    assert r.outcome == "ok" and r.url.endswith("/old") and r.final_url.endswith("/new")
    assert r.body == b"moved here"


@pytest.mark.parametrize(("status", "outcome"), [(404, "not_found"), (410, "not_found"), (400, "failed")])
def test_client_errors_are_not_retried(
    server: FakeServer, fetcher: Fetcher, status: int, outcome: str
) -> None:
    server.route("/x", Reply(status, "no"))
    r = fetcher.get(server.url("/x"), FAST)
    assert (r.outcome, r.status, r.reason) == (outcome, status, f"HTTP {status}")
    assert server.hits("/x") == 1


# -- retries ---------------------------------------------------------------------------------------
def test_503_is_retried_with_growing_backoff_then_succeeds(
    server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    server.route("/a", Reply(503), Reply(503), Reply(200, "fine"))
    r = fetcher.get(server.url("/a"), FAST)
    assert (r.outcome, r.attempts, r.body) == ("ok", 3, b"fine")
    assert server.hits("/a") == 3
    base = settings.RETRY_BACKOFF_S
    first, second = clock.sleeps
    assert base <= first <= 2 * base and 2 * base <= second <= 3 * base


def test_429_retry_after_seconds_is_honoured(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    server.route("/a", Reply(429, "slow down", {"Retry-After": "7"}), Reply(200, "ok"))
    r = fetcher.get(server.url("/a"), FAST)
    assert r.outcome == "ok" and r.attempts == 2
    assert clock.sleeps == [pytest.approx(7.0)]


def test_retry_after_http_date_is_honoured(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=31), usegmt=True)
    server.route("/a", Reply(503, "", {"Retry-After": when}), Reply(200, "ok"))
    assert fetcher.get(server.url("/a"), FAST).outcome == "ok"
    assert len(clock.sleeps) == 1 and 29 <= clock.sleeps[0] <= 31


def test_retry_after_up_to_the_cap_is_waited_out(
    server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    cap = settings.RETRY_AFTER_CAP_S
    server.route("/a", Reply(429, "", {"Retry-After": f"{cap:g}"}), Reply(200, "ok"))
    assert fetcher.get(server.url("/a"), FAST).outcome == "ok"
    assert clock.sleeps == [cap]


def test_retry_after_over_the_cap_defers_the_host_to_the_next_run(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    server.route("/a", Reply(429, "", {"Retry-After": "86400"}), Reply(200, "ok"))
    server.route("/b", Reply(200, "ok"))
    r = fetcher.get(server.url("/a"), FAST, check_robots=False)
    assert (r.outcome, r.status, r.attempts) == ("deferred", 429, 1)
    assert "Retry-After 86400" in (r.reason or "")
    later = fetcher.get(server.url("/b"), FAST, check_robots=False)
    assert (later.outcome, later.attempts) == ("deferred", 0)  # answered at once, without a request
    assert server.hits("/a") == 1 and server.hits("/b") == 0 and clock.sleeps == []
    other_server.route("/c", Reply(200, "ok"))
    assert fetcher.get(other_server.url("/c"), FAST, check_robots=False).outcome == "ok"


def test_retry_after_on_the_last_try_still_holds_the_host(
    server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    server.route("/a", Reply(429, "", {"Retry-After": "20"}))
    server.route("/b", Reply(200, "ok"))
    assert fetcher.get(server.url("/a"), polite(max_retries=0), check_robots=False).outcome == "failed"
    assert clock.sleeps == []
    assert fetcher.get(server.url("/b"), FAST, check_robots=False).outcome == "ok"
    assert clock.sleeps == [20.0]


def test_backoff_base_is_adjustable(server: FakeServer, clock: FakeClock) -> None:
    server.route("/a", Reply(503), Reply(200, "ok"))
    with Fetcher(sleep=clock.sleep, clock=clock, backoff_base=0.01) as fetcher:
        assert fetcher.get(server.url("/a"), FAST, check_robots=False).outcome == "ok"
    assert len(clock.sleeps) == 1 and clock.sleeps[0] <= 0.02


def test_retry_after_parsing() -> None:
    now = datetime(2024, 1, 24, 8, 30, tzinfo=UTC)
    assert retry_after_seconds("120", now=now) == 120
    assert retry_after_seconds("Wed, 24 Jan 2024 08:31:00 GMT", now=now) == 60
    assert retry_after_seconds("Wed, 24 Jan 2024 08:00:00 GMT", now=now) == 0  # already past
    assert retry_after_seconds("soon", now=now) is None and retry_after_seconds(None) is None


def test_gives_up_after_max_retries(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    server.route("/a", Reply(503, "down"))
    r = fetcher.get(server.url("/a"), polite(max_retries=2))
    assert (r.outcome, r.status, r.attempts) == ("failed", 503, 3)
    assert "503" in (r.reason or "") and "3 attempts" in (r.reason or "")
    assert server.hits("/a") == 3 and len(clock.sleeps) == 2


def test_connection_refused_is_unreachable_after_one_attempt_not_raised(fetcher: Fetcher) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed on exit: nothing listens there
    r = fetcher.get(f"http://127.0.0.1:{port}/a", polite(max_retries=1))
    assert (r.outcome, r.status, r.attempts, r.body) == ("unreachable", None, 1, b"")
    assert "refused" in (r.reason or "")


def test_dropped_connection_and_read_timeout_are_retried(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/drop", Reply(drop=True), Reply(200, "second time"))
    server.route("/slow", Reply(200, "late", delay=0.6), Reply(200, "prompt"))
    assert fetcher.get(server.url("/drop"), FAST).body == b"second time"
    r = fetcher.get(server.url("/slow"), polite(read_timeout=0.2))
    assert (r.outcome, r.attempts, r.body) == ("ok", 2, b"prompt")


# -- pacing ----------------------------------------------------------------------------------------
def test_same_host_waits_min_delay_other_host_does_not(
    server: FakeServer, other_server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    p = polite(min_delay=2.0)
    for i in range(3):
        fetcher.get(server.url(f"/a{i}"), p, check_robots=False)
    assert clock.sleeps == [2.0, 2.0]
    clock.advance(0.5)
    fetcher.get(other_server.url("/b"), p, check_robots=False)
    assert clock.sleeps == [2.0, 2.0]  # a fresh host goes at once
    fetcher.get(server.url("/a3"), p, check_robots=False)
    assert clock.sleeps[-1] == pytest.approx(1.5)  # 0.5 of the 2 s already passed


def test_retries_respect_the_host_delay(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    server.route("/a", Reply(503), Reply(200, "ok"))
    fetcher.get(server.url("/a"), polite(min_delay=5.0), check_robots=False)
    assert clock.sleeps == [5.0]  # the backoff (< 1.5 s) is shorter than the host delay


def test_threads_share_one_host_pace_but_hosts_run_in_parallel(
    server: FakeServer, other_server: FakeServer
) -> None:
    delay = 0.2
    p = polite(min_delay=delay)
    other_server.route("/slow", Reply(200, "slow", delay=0.5))
    with Fetcher() as fetcher:

        def fetch(srv: FakeServer, paths: list[str]) -> None:
            for path in paths:
                assert fetcher.get(srv.url(path), p, check_robots=False).status is not None

        threads = [
            threading.Thread(target=fetch, args=(server, ["/a", "/b"])),
            threading.Thread(target=fetch, args=(server, ["/c", "/d"])),
            threading.Thread(target=fetch, args=(other_server, ["/slow"])),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    starts = sorted(r.at for r in server.log)
    assert len(starts) == 4
    assert min(b - a for a, b in itertools.pairwise(starts)) >= delay - 0.03
    slow = other_server.log[0].at
    # The other host's slow request ran alongside: host A kept going while it was in flight.
    assert sum(1 for s in starts if slow < s < slow + 0.5) >= 2


# -- robots.txt ------------------------------------------------------------------------------------
def test_robots_disallow_means_no_request(
    server: FakeServer, fetcher: Fetcher, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/robots.txt", robots_txt("User-agent: *\nDisallow: /search\n"))
    server.route("/news/1", Reply(200, "news"))
    with caplog.at_level(logging.INFO, logger="pressroom.fetch"):
        r = fetcher.get(server.url("/search?query=oil"), FAST)
    assert "/search?query=oil" in caplog.text
    assert (r.outcome, r.status, r.attempts) == ("disallowed", None, 0)
    assert server.hits("/search") == 0
    assert fetcher.get(server.url("/news/1"), FAST).outcome == "ok"
    assert server.hits("/robots.txt") == 1  # read once per host


def test_robots_group_for_our_agent_wins(server: FakeServer, fetcher: Fetcher) -> None:
    rules = "User-agent: pressroom\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.route("/robots.txt", robots_txt(rules))
    assert fetcher.get(server.url("/news/1"), FAST).outcome == "disallowed"
    assert fetcher.get(server.url("/news/1"), FAST, check_robots=False).outcome == "not_found"
    assert fetcher.get(server.url("/news/1"), polite(obey_robots=False)).outcome == "not_found"


@pytest.mark.parametrize(
    "robots",
    [
        Reply(404, "not here"),
        Reply(403, "forbidden"),
        # A home page served for /robots.txt: its text must not be read as rules.
        Reply(200, "<!DOCTYPE html><html><body>\nUser-agent: *\nDisallow: /\n</body></html>"),
    ],
    ids=["404", "403", "html"],
)
def test_missing_or_html_robots_allows_all(server: FakeServer, fetcher: Fetcher, robots: Reply) -> None:
    server.route("/robots.txt", robots)
    server.route("/news/1", Reply(200, "news"))
    assert fetcher.get(server.url("/news/1"), FAST).outcome == "ok"


def test_unreachable_robots_fails_the_url_and_is_asked_again(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/robots.txt", Reply(503), Reply(503), Reply(200, "User-agent: *\nAllow: /\n"))
    server.route("/news/1", Reply(200, "news"))
    r = fetcher.get(server.url("/news/1"), polite(max_retries=1))
    assert r.outcome == "failed" and "robots.txt" in (r.reason or "")
    assert server.hits("/news/1") == 0
    assert fetcher.get(server.url("/news/1"), polite(max_retries=1)).outcome == "ok"


# -- conditional GET -------------------------------------------------------------------------------
def _validated(req: Request) -> Reply:
    if req.headers.get("If-None-Match") == '"v1"':
        return Reply(304)
    return Reply(200, "body v1", {"ETag": '"v1"', "Last-Modified": "Wed, 24 Jan 2024 08:30:00 GMT"})


def test_conditional_get_returns_not_modified(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/a", _validated)
    first = fetcher.get(server.url("/a"), FAST)
    again = fetcher.get(server.url("/a"), FAST, etag=first.etag, last_modified=first.last_modified)
    assert first.outcome == "ok" and first.etag == '"v1"'
    assert (again.outcome, again.status, again.body) == ("not_modified", 304, b"")
    assert again.etag == '"v1"' and again.last_modified == first.last_modified
    sent = server.requests_to("/a")[-1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == first.last_modified


# -- refusals --------------------------------------------------------------------------------------
def test_403_is_refused_and_pauses_the_host(server: FakeServer, fetcher: Fetcher, clock: FakeClock) -> None:
    server.route("/a", Reply(403, "go away"), Reply(200, "back"))
    p = polite(pause_on_403=30.0)
    r = fetcher.get(server.url("/a"), p, check_robots=False)
    assert (r.outcome, r.reason, r.attempts) == ("refused", "HTTP 403", 1)
    assert clock.sleeps == []
    assert fetcher.get(server.url("/a"), p, check_robots=False).outcome == "ok"
    assert clock.sleeps == [30.0]


def test_403_without_pause_setting_does_not_wait(
    server: FakeServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    server.route("/a", Reply(403, "go away"))
    for _ in range(2):
        assert fetcher.get(server.url("/a"), FAST, check_robots=False).outcome == "refused"
    assert clock.sleeps == [] and server.hits("/a") == 2


def test_challenge_page_with_200_is_refused(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/ru/foreign_policy/news/1/", Reply(200, CHALLENGE))
    r = fetcher.get(server.url("/ru/foreign_policy/news/1/"), FAST)
    assert r.outcome == "refused" and r.status == 200 and "challenge" in (r.reason or "")
    assert r.body  # kept, so a browser fallback or a human can see what came back


def test_challenge_served_as_503_is_refused_without_retrying(server: FakeServer, fetcher: Fetcher) -> None:
    page = "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    server.route("/a", Reply(503, page))
    assert fetcher.get(server.url("/a"), FAST).outcome == "refused"
    assert server.hits("/a") == 1


def test_source_refusal_marker_refuses(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/a", Reply(200, "<html><body><h1>Доступ ограничен</h1></body></html>"))
    assert fetcher.get(server.url("/a"), FAST).outcome == "ok"
    r = fetcher.get(server.url("/a"), FAST, refusal_markers=("доступ ограничен",))
    assert r.outcome == "refused" and "доступ ограничен" in (r.reason or "")


# -- decoding --------------------------------------------------------------------------------------
RU = "Москва, 24 января 2024 года. Минэкономразвития"


@pytest.mark.parametrize(
    ("content_type", "head"),
    [
        ("text/html; charset=windows-1251", "<meta charset='windows-1251'>"),
        ("text/html", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        ("text/html; charset=utf-8", "<meta charset='windows-1251'>"),  # the header lies; the bytes decide
    ],
    ids=["header", "meta-only", "lying-header"],
)
def test_cp1251_page_decodes(server: FakeServer, fetcher: Fetcher, content_type: str, head: str) -> None:
    html = f"<html><head>{head}</head><body><p>{RU}</p></body></html>"
    server.route("/a", Reply(200, html.encode("cp1251"), {"Content-Type": content_type}))
    assert RU in fetcher.get(server.url("/a"), FAST).text()


def test_text_defaults_to_utf8_and_reads_xml_declarations() -> None:
    def result(body: bytes, ctype: str | None) -> FetchResult:
        return FetchResult("u", "u", 200, "ok", None, {}, body, datetime.now(UTC), 1, content_type=ctype)

    assert result(RU.encode(), "text/html").text() == RU
    xml = f'<?xml version="1.0" encoding="windows-1251"?><rss><title>{RU}</title></rss>'
    assert RU in result(xml.encode("cp1251"), "application/rss+xml").text()
    assert result(b"\xef\xbb\xbf" + RU.encode(), None).text() == RU


# -- bookkeeping -----------------------------------------------------------------------------------
def test_stats_count_requests_and_outcomes_per_host(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/robots.txt", robots_txt("User-agent: *\nDisallow: /private\n"))
    server.route("/a", Reply(503), Reply(200, "ok"))
    fetcher.get(server.url("/a"), FAST)
    fetcher.get(server.url("/private/1"), FAST)
    fetcher.get(server.url("/gone"), FAST)
    host = server.base_url.removeprefix("http://")
    counts = fetcher.stats[host]
    assert counts["requests"] == len(server.log) == 4  # robots.txt, /a twice, /gone
    assert (counts["ok"], counts["disallowed"], counts["not_found"], counts["retries"]) == (1, 1, 1, 1)


def test_fetcher_is_quick_on_loopback(server: FakeServer) -> None:
    server.route("/a", Reply(200, "x"))
    with Fetcher() as fetcher:
        t0 = time.monotonic()
        for _ in range(20):
            fetcher.get(server.url("/a"), FAST)
        assert time.monotonic() - t0 < 2.0
