"""Headless-browser fetch: a loopback site behind a JavaScript challenge, fetched plainly and in Chromium."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.sources import Politeness
from extractors.web.browser import (
    BrowserFetcher,
    BrowserUnavailable,
    FallbackFetcher,
    browser_missing,
    make_fetcher,
)
from extractors.web.fetch import Fetcher
from tests.httpfake import FakeServer, Reply, Request
from tests.paths import REPO

# Drives headless Chromium (skipped where it is missing).
pytestmark = pytest.mark.e2e
MISSING = browser_missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=f"needs a headless browser: {MISSING}")
QUICK = Politeness(min_delay=0.0, max_retries=0, connect_timeout=5, read_timeout=5)

# An interstitial shaped like mid.ru's: a `bobcmn` script and "Data processing... Please, wait." The script
# works out an answer from a seed, stores it in a cookie and reloads (or, in place, fetches the article and
# swaps it into the document); the server hands the article only to a request carrying the right answer.
CHALLENGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Data processing</title>
<script type="text/javascript">
(function(){{var bobcmn = "{seed}";
var answer = bobcmn.split("").reverse().join("");
setTimeout(function(){{ {solve} }}, 300);}})();
</script></head>
<body><div class="tspd-challenge">Data processing... Please, wait.</div></body></html>
"""
RELOAD = 'document.cookie = "{cookie}=" + answer + "; path=/"; location.reload();'
IN_PLACE = (
    'fetch("{path}?answer=" + answer).then(function(r){{ return r.text(); }})'
    ".then(function(html){{ document.documentElement.innerHTML = html; }});"
)

NEVER = "/* this challenge never lets anyone through */"

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><img src="/media/{slug}.jpg" alt="">
<p>The Minister of Foreign Affairs held talks with his counterpart on {slug}.</p>
<p>The sides agreed to prepare a programme of consultations for 2025-2027.</p></article></body></html>
"""


def article(slug: str) -> str:
    """Return a release page whose title names the slug."""
    return ARTICLE.format(title=f"Talks on {slug}", slug=slug)


def guard(srv: FakeServer, path: str, solve: str) -> None:
    """Serve the article at `path` only to a request that solved the challenge; everyone else gets it."""
    slug = path.rsplit("/", 1)[-1]
    seed, cookie = f"seed-{slug}-4711", f"pass_{slug}"
    answer = seed[::-1]
    page = CHALLENGE.format(seed=seed, solve=solve.format(cookie=cookie, path=path))

    def respond(req: Request) -> Reply:
        solved = f"{cookie}={answer}" in req.headers.get("Cookie", "") or req.target.endswith(f"={answer}")
        return Reply(200, article(slug) if solved else page)

    srv.route(path, respond)


def header(req: Request, name: str) -> str | None:
    """Return a request header, whatever case the client sent it in."""
    return next((v for k, v in req.headers.items() if k.lower() == name.lower()), None)


def by_browser(req: Request) -> bool:
    """Tell a Chromium navigation from a plain HTTP request (browsers send Sec-Fetch-* headers)."""
    return header(req, "Sec-Fetch-Mode") is not None


@pytest.fixture
def site() -> Iterator[FakeServer]:
    """A loopback site with a robots.txt that keeps crawlers out of /private/."""
    with FakeServer() as srv:
        srv.route(
            "/robots.txt", Reply(200, "User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
        )
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserFetcher]:
    """One Chromium for the module (starting it costs about a second)."""
    if MISSING is not None:
        pytest.skip(f"needs a headless browser: {MISSING}")
    with BrowserFetcher(timeout_s=10) as fetcher:
        yield fetcher


@pytest.mark.browser
@needs_browser
def test_plain_fetch_is_refused_by_the_challenge(site: FakeServer) -> None:
    guard(site, "/news/plain-refused", RELOAD)
    with Fetcher() as plain:
        result = plain.get(site.url("/news/plain-refused"), QUICK)
    assert result.outcome == "refused"
    assert result.reason is not None and "challenge" in result.reason
    assert "Talks on" not in result.text()


@pytest.mark.browser
@needs_browser
@pytest.mark.parametrize("solve", [RELOAD, IN_PLACE], ids=["cookie-and-reload", "replaced-in-place"])
def test_browser_gets_past_the_challenge(site: FakeServer, browser: BrowserFetcher, solve: str) -> None:
    slug = "reload" if solve is RELOAD else "in-place"
    guard(site, f"/news/{slug}", solve)
    result = browser.get(site.url(f"/news/{slug}"), QUICK)
    assert result.outcome == "ok", result.reason
    text = result.text()
    assert f"Talks on {slug}" in text and "programme of consultations for 2025-2027" in text
    assert "Please, wait" not in text
    navigations = [r for r in site.requests_to(f"/news/{slug}") if by_browser(r)]
    assert navigations and all("pressroom" in (header(r, "User-Agent") or "") for r in navigations)
    assert site.hits(f"/media/{slug}.jpg") == 0  # pictures are not downloaded


@pytest.mark.browser
@needs_browser
def test_browser_reports_a_challenge_that_never_resolves(site: FakeServer) -> None:
    guard(site, "/news/stuck", NEVER)
    with BrowserFetcher(timeout_s=2) as fetcher:
        started = time.monotonic()
        result = fetcher.get(site.url("/news/stuck"), QUICK)
        took = time.monotonic() - started
    assert result.outcome == "refused"
    assert result.reason is not None and "challenge" in result.reason and "Chromium" in result.reason
    assert took < 10


@pytest.mark.browser
@needs_browser
def test_browser_obeys_robots_txt_and_reports_missing_pages(
    site: FakeServer, browser: BrowserFetcher
) -> None:
    site.route("/private/memo", Reply(200, article("memo")))
    blocked = browser.get(site.url("/private/memo"), QUICK)
    missing = browser.get(site.url("/news/gone"), QUICK)
    assert blocked.outcome == "disallowed" and site.hits("/private/memo") == 0
    assert missing.outcome == "not_found" and missing.status == 404


@pytest.mark.browser
@needs_browser
def test_fallback_renders_only_the_challenged_url(site: FakeServer, browser: BrowserFetcher) -> None:
    guard(site, "/news/guarded", RELOAD)
    site.route("/news/open", Reply(200, article("open")))
    polite = Politeness(min_delay=0.5, max_retries=0, connect_timeout=5, read_timeout=5)
    fallback = FallbackFetcher(Fetcher(hosts=browser.hosts), browser)  # one pace per host for both
    try:
        opened = fallback.get(site.url("/news/open"), polite)
        guarded = fallback.get(site.url("/news/guarded"), polite)
    finally:
        fallback.plain.close()  # the module's browser stays open for the other tests
    assert opened.outcome == "ok" and "Talks on open" in opened.text()
    assert guarded.outcome == "ok" and "Talks on guarded" in guarded.text()
    assert [by_browser(r) for r in site.requests_to("/news/open")] == [False]
    first, *rendered = site.requests_to("/news/guarded")
    assert not by_browser(first) and rendered and all(by_browser(r) for r in rendered)
    # The browser's request keeps the host's pace after the plain one.
    assert rendered[0].at - first.at >= 0.45


def test_without_playwright_the_error_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert isinstance(make_fetcher(False), Fetcher)
    with pytest.raises(BrowserUnavailable, match=r"pip install 'pressroom\[browser\]'.*chromium"):
        make_fetcher(True)


def test_missing_chromium_is_named(tmp_path: Path) -> None:
    if "playwright" in (MISSING or ""):
        pytest.skip("playwright is not installed; the missing-package message is tested above")
    with pytest.raises(BrowserUnavailable, match=r"no Chromium at .*apt-get install chromium"):
        BrowserFetcher(executable_path=str(tmp_path / "chromium"))


def test_default_install_does_not_import_playwright() -> None:
    code = (
        "import sys; import extractors.web.browser, extractors.web.fetch, extractors.web.render; "
        "sys.exit(sys.modules.get('playwright') is not None)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
