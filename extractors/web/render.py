"""Headless Chromium through Playwright: launch it, render a page past its challenge, read small files.

Nothing here imports Playwright until Chromium is launched, and only Debian's /usr/bin/chromium is driven
(Playwright's own browser downloads are never used). Politeness is not this module's business: the
fetchers in extractors.web.browser decide when a render may go out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from extractors.web.refusal import is_challenge

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


class BrowserUnavailable(RuntimeError):
    """Playwright or Chromium is missing, or Chromium cannot start."""


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


@dataclass(frozen=True)
class Download:
    """A small file (robots.txt) fetched with the browser's User-Agent and cookies."""

    status: int | None  # None when no answer came
    content_type: str | None
    body: bytes
    error: str | None = None  # why no answer came


class PageRenderer(Protocol):
    """What a browser fetcher needs of a browser: Chromium here, a stand-in in tests."""

    def render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        """Open `url` and wait until it is no longer a challenge page, or the timeout."""
        ...

    def download(self, url: str, ua: str, timeout_s: float) -> Download:
        """GET a small file without rendering it."""
        ...

    def close(self) -> None:
        """Release the browser; closing twice is harmless."""
        ...


class ChromiumRenderer:
    """Owns Playwright and Chromium in one worker thread (Playwright's sync objects are bound to one).

    `render` and `download` may be called from any thread, one at a time or not; they run in turn.
    """

    def __init__(self, executable_path: str = CHROMIUM_PATH) -> None:
        self._executable_path = executable_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pressroom-browser")
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        # One context per User-Agent: the cookies a challenge sets persist in it.
        self._contexts: dict[str, BrowserContext] = {}
        self._broken: str | None = None
        self._closed = False

    def render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        """Open `url` in Chromium and wait until it is no longer a challenge page, or the timeout."""
        return self._call(self._render, url, ua, tuple(markers), timeout_s)

    def download(self, url: str, ua: str, timeout_s: float) -> Download:
        """GET a small file (robots.txt) with the browser's User-Agent and cookies."""
        return self._call(self._download, url, ua, timeout_s)

    def close(self) -> None:
        """Close Chromium and stop the worker thread; closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self._shutdown).result()
        self._pool.shutdown()

    def _call(self, fn: Callable[..., _T], *args: object) -> _T:
        """Run fn(*args) in the browser thread and return its result (or raise its exception)."""
        return self._pool.submit(fn, *args).result()

    # -- in the worker thread -------------------------------------------------------------------
    def _context(self, ua: str) -> BrowserContext:
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

    def _render(self, url: str, ua: str, markers: Sequence[str], timeout_s: float) -> Rendered:
        from playwright.sync_api import Error

        deadline = time.monotonic() + timeout_s
        page = self._context(ua).new_page()
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

    def _download(self, url: str, ua: str, timeout_s: float) -> Download:
        from playwright.sync_api import Error

        try:
            resp = self._context(ua).request.get(url, timeout=timeout_s * 1000, fail_on_status_code=False)
            return Download(resp.status, resp.headers.get("content-type"), resp.body())
        except Error as exc:
            return Download(None, None, b"", exc.message.splitlines()[0])


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
