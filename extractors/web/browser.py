"""Optional fetch through headless Chromium, for pages that answer plain HTTP with a JavaScript challenge.

Off by default: nothing here imports Playwright until a BrowserFetcher is built, and only Debian's
/usr/bin/chromium is driven (Playwright's own browser downloads are never used).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from config import settings
from config.sources import Politeness
from extractors.web.charset import decode_body
from extractors.web.fetch import Fetcher, FetchResult, Outcome, classify, host_of, user_agent
from extractors.web.refusal import is_challenge
from extractors.web.robots import RobotsRules
from extractors.web.throttle import HostGate

if TYPE_CHECKING:
    # Types only: Playwright is an optional extra, imported at run time only once a browser is needed.
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response, Route

log = logging.getLogger("pressroom.browser")
_T = TypeVar("_T")

CHROMIUM_PATH = "/usr/bin/chromium"
# Playwright adds --headless and a fresh --user-data-dir (a new temporary profile) at every launch itself;
# it refuses --user-data-dir among the extra flags.
CHROMIUM_FLAGS = (
    "--no-sandbox",  # we run as root in a container: Chromium's sandbox cannot start there
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own background traffic (updates, sync, field trials) is refused on locked-down hosts,
    # and the refusals stall page loads.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
RENDER_TIMEOUT_S = 30.0  # a challenge still on screen after this long counts as a refusal
POLL_S = 0.25  # how often the rendered page is re-read while a challenge runs
IDLE_WAIT_S = 2.0  # extra wait for the network to go quiet once the real page is there
SKIPPED_RESOURCES = frozenset({"image", "media", "font"})  # a challenge needs scripts, not pictures
INSTALL_HINT = (
    "install the optional extra: pip install 'pressroom[browser]' and Debian's chromium "
    "(apt-get install chromium, or .ci/install-browser.sh)"
)
RENDERED_CONTENT_TYPE = "text/html; charset=utf-8"  # the body is the DOM serialised as UTF-8


class BrowserUnavailable(RuntimeError):
    """Playwright or Chromium is missing, or Chromium cannot start."""


def browser_missing(executable_path: str = CHROMIUM_PATH) -> str | None:
    """Return why browser fetching cannot work here (with the install hint), or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401  (only asks whether the optional extra is installed)
    except ImportError:
        return f"the playwright package is not installed; {INSTALL_HINT}"
    if not os.access(executable_path, os.X_OK):
        return f"no Chromium at {executable_path}; {INSTALL_HINT}"
    return None


@dataclass(frozen=True)
class Rendered:
    """What one page render ended with."""

    html: str
    status: int | None  # status of the last main-frame document response
    headers: dict[str, str]  # of that response, names lower-cased
    final_url: str
    documents: int  # main-frame documents loaded: the challenge, then the page it reloads to
    error: str | None = None  # navigation failed (connection refused, timeout)
    challenge: str | None = None  # why the page was still a challenge when the wait ended


class _Renderer:
    """Owns Playwright and Chromium in one worker thread (Playwright's sync objects are bound to one)."""

    def __init__(self, executable_path: str) -> None:
        self._executable_path = executable_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pressroom-browser")
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        # One context per User-Agent: the cookies a challenge sets persist in it.
        self._contexts: dict[str, BrowserContext] = {}
        self._broken: str | None = None
        self._closed = False

    def call(self, fn: Callable[..., _T], *args: object) -> _T:
        """Run fn(*args) in the browser thread and return its result (or raise its exception)."""
        return self._pool.submit(fn, *args).result()

    def close(self) -> None:
        """Close Chromium and stop the worker thread; closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._shutdown).result()
        self._pool.shutdown()

    # -- in the worker thread -------------------------------------------------------------------
    def context(self, ua: str) -> BrowserContext:
        """Return the browser context for a User-Agent, launching Chromium on first use."""
        if self._broken:
            raise BrowserUnavailable(self._broken)
        if self._browser is not None and not self._browser.is_connected():
            log.warning("Chromium went away; starting it again")
            self._shutdown()
        browser = self._browser if self._browser is not None else self._launch()
        if ua not in self._contexts:
            ctx = browser.new_context(user_agent=ua, java_script_enabled=True)
            ctx.route("**/*", _skip_heavy_resources)
            self._contexts[ua] = ctx
        return self._contexts[ua]

    def _launch(self) -> Browser:
        from playwright.sync_api import Error, sync_playwright

        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self._executable_path, headless=True, args=list(CHROMIUM_FLAGS)
            )
        except Error as exc:
            self._shutdown()
            self._broken = f"Chromium did not start ({exc.message.splitlines()[0]}); {INSTALL_HINT}"
            raise BrowserUnavailable(self._broken) from exc
        log.info("Chromium %s started for challenge pages", self._browser.version)
        return self._browser

    def _shutdown(self) -> None:
        for ctx in self._contexts.values():
            _quietly(ctx.close)
        self._contexts.clear()
        if self._browser is not None:
            _quietly(self._browser.close)
        if self._playwright is not None:
            _quietly(self._playwright.stop)
        self._browser = self._playwright = None


def _skip_heavy_resources(route: Route) -> None:
    """Abort images, media and fonts: fewer requests to the host, faster renders."""
    if route.request.resource_type in SKIPPED_RESOURCES:
        route.abort()
    else:
        route.continue_()


def _quietly(close: Callable[[], object]) -> None:
    """Call a close method whose failure (the browser already gone) changes nothing."""
    try:
        close()
    except Exception as exc:  # deliberate: shutting down, any Playwright or OS error is moot
        log.debug("ignored while closing the browser: %s", exc)


def render(renderer: _Renderer, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
    """Open `url` in Chromium and wait until it is no longer a challenge page, or the timeout."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout_s
    page = renderer.context(ua).new_page()
    documents: list[tuple[int, dict[str, str]]] = []

    def on_response(response: Response) -> None:
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            documents.append((response.status, {k.lower(): v for k, v in response.headers.items()}))

    page.on("response", on_response)
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        html, challenge = _settle(page, markers, deadline)
        error = None
    except Error as exc:
        html, challenge, error = "", None, exc.message.splitlines()[0]
    finally:
        final_url = page.url if page.url.startswith("http") else url
        _quietly(page.close)
    status, headers = documents[-1] if documents else (None, {})
    return Rendered(html, status, headers, final_url, len(documents), error, challenge)


def _settle(page: Page, markers: Sequence[str], deadline: float) -> tuple[str, str | None]:
    """Poll the page until it is real content; return its HTML and, if time ran out, the challenge."""
    from playwright.sync_api import Error

    while True:
        html = _content(page)
        challenge = is_challenge(html, markers) if html is not None else "page still navigating"
        if challenge is None:
            # Gone from the screen; let the replacement finish loading before it is read for good.
            remaining = max(0.0, deadline - time.monotonic())
            try:
                page.wait_for_load_state("load", timeout=remaining * 1000)
                page.wait_for_load_state("networkidle", timeout=min(IDLE_WAIT_S, remaining) * 1000)
            except Error:
                pass  # deliberate: a page that never goes idle (long polling) is read as it is
            html = _content(page)
            challenge = is_challenge(html, markers) if html is not None else "page still navigating"
            if challenge is None and html is not None:
                return html, None
        if time.monotonic() >= deadline:
            return html or "", challenge
        page.wait_for_timeout(POLL_S * 1000)


def _content(page: Page) -> str | None:
    """Return the page's HTML, or None while a navigation replaces the document."""
    from playwright.sync_api import Error

    try:
        html: str = page.content()  # annotated: the type check may run without Playwright (then Any)
    except Error:
        return None
    return html


def fetch_bytes(
    renderer: _Renderer, url: str, ua: str, timeout_s: float
) -> tuple[int | None, str | None, bytes, str | None]:
    """GET a small file (robots.txt) with the browser's User-Agent and cookies: status, type, body, error."""
    from playwright.sync_api import Error

    try:
        resp = renderer.context(ua).request.get(url, timeout=timeout_s * 1000, fail_on_status_code=False)
        return resp.status, resp.headers.get("content-type"), resp.body(), None
    except Error as exc:
        return None, None, b"", exc.message.splitlines()[0]


def robots_rules(status: int | None, content_type: str | None, body: bytes) -> RobotsRules | None:
    """Read a robots.txt answer the way the plain fetcher does; None when the host cannot say right now."""
    if status is None or status >= 500:
        return None  # RFC 9309: an unreachable robots.txt is not a licence to crawl
    if status >= 400:
        return RobotsRules.allow_all(f"no robots.txt (HTTP {status})")
    if "html" in (content_type or "").lower() or body.lstrip()[:1] == b"<":
        return RobotsRules.allow_all("robots.txt is an HTML page")
    return RobotsRules.parse(decode_body(body, content_type))


@dataclass
class _Host:
    """Per host: its pace, robots rules and counters."""

    gate: HostGate
    robots: RobotsRules | None = None
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter[str] = field(default_factory=Counter)


class BrowserFetcher:
    """Polite page renders in headless Chromium, answering like Fetcher.get; renders run one at a time.

    Args:
        executable_path: the Chromium binary (Debian's package); Playwright's own builds are never used.
        timeout_s: how long a page may take to get past its challenge.
        sleep, clock: injectable so tests can measure waits.
        contact_url: appended to a User-Agent that names no URL.

    Raises:
        BrowserUnavailable: Playwright or Chromium is not installed (the message says how to install them).
    """

    def __init__(
        self,
        *,
        executable_path: str = CHROMIUM_PATH,
        timeout_s: float = RENDER_TIMEOUT_S,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        contact_url: str = settings.CONTACT_URL,
    ) -> None:
        missing = browser_missing(executable_path)
        if missing:
            raise BrowserUnavailable(missing)
        self._timeout_s = timeout_s
        self._sleep = sleep
        self._clock = clock
        self._contact_url = contact_url
        self._renderer = _Renderer(executable_path)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> BrowserFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """Per-host counters: "requests" (page renders and robots.txt reads) and outcomes."""
        with self._lock:
            return {name: dict(host.counts) for name, host in self._hosts.items()}

    def close(self) -> None:
        """Close Chromium (if it was started)."""
        self._renderer.close()

    def wait_turn(self, url: str, min_delay: float) -> float:
        """Claim this host's next slot as if a request were sent now; return the time waited."""
        return self._host(url).gate.wait_turn(min_delay)

    def hold(self, url: str, seconds: float) -> None:
        """Keep this host waiting `seconds` from now (another client of the host has just asked it)."""
        self._host(url).gate.defer(seconds)

    def get(
        self,
        url: str,
        politeness: Politeness,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        refusal_markers: Sequence[str] = (),
        check_robots: bool = True,
    ) -> FetchResult:
        """Render one URL politely; page problems come back as an outcome, never as an exception.

        A navigation cannot be made conditional, so `etag`/`last_modified` are not sent; the validators
        of the page served are returned for the next plain request.
        """
        del etag, last_modified
        host = self._host(url)
        ua = user_agent(politeness.user_agent, self._contact_url)
        if check_robots and politeness.obey_robots:
            blocked = self._robots_verdict(host, url, politeness, ua)
            if blocked is not None:
                return self._count(host, blocked)
        host.gate.wait_turn(politeness.min_delay)
        self._bump(host, "requests")
        markers = tuple(refusal_markers)
        rendered = self._renderer.call(render, self._renderer, url, ua, markers, self._timeout_s)
        return self._count(host, self._result(url, rendered, markers))

    def _host(self, url: str) -> _Host:
        name = host_of(url)
        with self._lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(HostGate(sleep=self._sleep, clock=self._clock))
            return self._hosts[name]

    def _bump(self, host: _Host, key: str) -> None:
        with self._lock:
            host.counts[key] += 1

    def _count(self, host: _Host, result: FetchResult) -> FetchResult:
        self._bump(host, result.outcome)
        if result.outcome in (Outcome.REFUSED, Outcome.FAILED):
            log.warning("browser %s %s: %s", result.outcome, result.url, result.reason)
        return result

    def _robots_verdict(self, host: _Host, url: str, politeness: Politeness, ua: str) -> FetchResult | None:
        """Return a "disallowed" or "failed" result when robots.txt stops `url`, else None."""
        with host.robots_lock:
            if host.robots is None:
                parts = urlsplit(url)
                host.gate.wait_turn(politeness.min_delay)
                self._bump(host, "requests")
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                status, ctype, body, error = self._renderer.call(
                    fetch_bytes, self._renderer, robots_url, ua, politeness.read_timeout
                )
                rules = robots_rules(status, ctype, body)
                if rules is None:
                    why = error or f"HTTP {status}"
                    return _no_response(url, Outcome.FAILED, f"robots.txt unavailable: {why}", 1)
                host.robots = rules
            rules = host.robots
        if rules.allows(url, ua):
            return None
        log.info("disallowed by robots.txt: %s", url)
        return _no_response(url, Outcome.DISALLOWED, "disallowed by robots.txt", 0)

    def _result(self, url: str, rendered: Rendered, markers: Sequence[str]) -> FetchResult:
        now = datetime.now(UTC)
        attempts = max(1, rendered.documents)
        if rendered.error is not None or rendered.status is None:
            failure = f"browser: {rendered.error or 'no document loaded'}"
            return FetchResult(
                url, rendered.final_url, rendered.status, Outcome.FAILED, failure, {}, b"", now, attempts
            )
        reason: str | None
        if rendered.challenge:
            outcome, reason = (
                Outcome.REFUSED,
                f"{rendered.challenge} (still there after {self._timeout_s:g} s in Chromium)",
            )
        else:
            outcome, reason = classify(rendered.status, lambda: rendered.html, markers)
        # The body is the rendered DOM re-encoded as UTF-8, whatever charset the server declared.
        headers = {**rendered.headers, "content-type": RENDERED_CONTENT_TYPE}
        return FetchResult(
            url=url,
            final_url=rendered.final_url,
            status=rendered.status,
            outcome=outcome,
            reason=reason,
            headers=headers,
            body=rendered.html.encode("utf-8"),
            fetched_at=now,
            attempts=attempts,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            content_type=RENDERED_CONTENT_TYPE,
        )


def _no_response(url: str, outcome: Outcome, reason: str, attempts: int) -> FetchResult:
    return FetchResult(url, url, None, outcome, reason, {}, b"", datetime.now(UTC), attempts)


def challenged(result: FetchResult, markers: Sequence[str] = ()) -> bool:
    """Tell whether a plain fetch was refused by a challenge page (not by a 403) that a browser may pass."""
    if result.outcome != Outcome.REFUSED or result.status in (None, 403):
        return False
    return is_challenge(result.text(), markers) is not None


class FallbackFetcher:
    """Plain HTTP first; a URL answered with a JavaScript challenge is fetched again in Chromium.

    Both share one pace per host: the browser's request waits the host's delay after the plain one,
    and the next plain request waits after the browser's.
    """

    def __init__(self, plain: Fetcher | None = None, browser: BrowserFetcher | None = None) -> None:
        self.plain = plain if plain is not None else Fetcher()
        self.browser = browser if browser is not None else BrowserFetcher()

    def __enter__(self) -> FallbackFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """The plain fetcher's per-host counters, plus the browser's prefixed with "browser_"."""
        merged = {name: dict(counts) for name, counts in self.plain.stats.items()}
        for name, counts in self.browser.stats.items():
            merged.setdefault(name, {}).update({f"browser_{k}": v for k, v in counts.items()})
        return merged

    def close(self) -> None:
        """Close both fetchers."""
        self.plain.close()
        self.browser.close()

    def get(
        self,
        url: str,
        politeness: Politeness,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        refusal_markers: Sequence[str] = (),
        check_robots: bool = True,
    ) -> FetchResult:
        """Fetch `url` plainly; render it in the browser only when a challenge page came back."""
        self.browser.wait_turn(url, politeness.min_delay)  # waits out a render of this host just before
        result = self.plain.get(
            url,
            politeness,
            etag=etag,
            last_modified=last_modified,
            refusal_markers=refusal_markers,
            check_robots=check_robots,
        )
        if not challenged(result, refusal_markers):
            return result
        self.browser.hold(url, politeness.min_delay)  # the plain request just went out: space the render
        log.info("challenge at %s (%s): rendering it in Chromium", url, result.reason)
        try:
            # robots.txt already allowed this URL for the plain request.
            return self.browser.get(url, politeness, refusal_markers=refusal_markers, check_robots=False)
        except BrowserUnavailable as exc:
            log.error("browser fallback unavailable: %s", exc)
            return replace(result, reason=f"{result.reason}; browser fallback unavailable: {exc}")


def make_fetcher(use_browser: bool) -> Fetcher | FallbackFetcher:
    """Return a plain Fetcher, or a FallbackFetcher when the source asks for the browser fallback.

    Raises:
        BrowserUnavailable: use_browser is set but Playwright or Chromium is not installed.
    """
    return FallbackFetcher() if use_browser else Fetcher()
