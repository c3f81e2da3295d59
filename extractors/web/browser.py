"""Optional fetch through headless Chromium, for pages that answer plain HTTP with a JavaScript challenge.

Off by default: nothing imports Playwright until a page is rendered (extractors.web.render drives Chromium).
A browser fetcher follows the same per-host policies as the plain one (extractors.web.hosts); in a
FallbackFetcher both share them, so a host's pace, robots.txt verdict and counters are one.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from config import settings
from config.sources import Politeness
from extractors.web.fetch import (
    Fetcher,
    FetchResult,
    Outcome,
    classify,
    host_verdict,
    off_site,
    robots_verdict,
    user_agent,
)
from extractors.web.hosts import HostPolicies, HostPolicy, RobotsUnavailable
from extractors.web.refusal import is_challenge
from extractors.web.render import (
    CHROMIUM_FLAGS,
    CHROMIUM_PATH,
    INSTALL_HINT,
    RENDER_TIMEOUT_S,
    BrowserUnavailable,
    ChromiumRenderer,
    PageRenderer,
    Rendered,
)
from extractors.web.robots import RobotsRules, robots_url

# The Chromium settings and the renderer's error are re-exported: callers import them from here.
__all__ = [
    "CHROMIUM_FLAGS",
    "CHROMIUM_PATH",
    "INSTALL_HINT",
    "RENDERED_CONTENT_TYPE",
    "RENDER_TIMEOUT_S",
    "BrowserFetcher",
    "BrowserUnavailable",
    "FallbackFetcher",
    "browser_missing",
    "challenged",
    "make_fetcher",
]

log = logging.getLogger("pressroom.browser")

RENDERED_CONTENT_TYPE = "text/html; charset=utf-8"  # the body is the DOM serialised as UTF-8


def browser_missing(executable_path: str = CHROMIUM_PATH) -> str | None:
    """Return why browser fetching cannot work here (with the install hint), or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401  (only asks whether the optional extra is installed)
    except ImportError:
        return f"the playwright package is not installed; {INSTALL_HINT}"
    if not os.access(executable_path, os.X_OK):
        return f"no Chromium at {executable_path}; {INSTALL_HINT}"
    return None


class BrowserFetcher:
    """Polite page renders in headless Chromium, answering like Fetcher.get; renders run one at a time.

    Args:
        executable_path: the Chromium binary (Debian's package); Playwright's own builds are never used.
        timeout_s: how long a page may take to get past its challenge.
        hosts: the per-host policies (pace, robots.txt, counters) to follow; give the plain fetcher's
            registry to share them. By default the fetcher makes its own.
        sleep, clock: the pace's clock when the fetcher makes its own `hosts`.
        contact_url: appended to a User-Agent that names no URL.
        renderer: the browser to drive; by default Chromium at `executable_path`.

    Raises:
        BrowserUnavailable: Playwright or Chromium is not installed (the message says how to install them).
    """

    def __init__(
        self,
        *,
        executable_path: str = CHROMIUM_PATH,
        timeout_s: float = RENDER_TIMEOUT_S,
        hosts: HostPolicies | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        contact_url: str = settings.CONTACT_URL,
        renderer: PageRenderer | None = None,
    ) -> None:
        if renderer is None:
            missing = browser_missing(executable_path)
            if missing:
                raise BrowserUnavailable(missing)
            renderer = ChromiumRenderer(executable_path)
        self.hosts = hosts if hosts is not None else HostPolicies(sleep=sleep, clock=clock)
        self._timeout_s = timeout_s
        self._contact_url = contact_url
        self._renderer = renderer

    def __enter__(self) -> BrowserFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """Per-host counters: "requests" (robots.txt reads and page renders), "renders", and outcomes.

        They are the counters of `hosts`: every fetcher sharing the registry adds to them.
        """
        return self.hosts.stats()

    def close(self) -> None:
        """Close Chromium (if it was started)."""
        self._renderer.close()

    def get(
        self,
        url: str,
        politeness: Politeness,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        refusal_markers: Sequence[str] = (),
        check_robots: bool = True,
        allowed_hosts: Collection[str] | None = None,
    ) -> FetchResult:
        """Render one URL politely; page problems come back as an outcome, never as an exception.

        A navigation cannot be made conditional, so `etag`/`last_modified` are not sent; the validators
        of the page served are returned for the next plain request. Chromium follows redirects itself:
        a page that ends on a host outside `allowed_hosts` is "off_site" and its body is not returned.
        """
        del etag, last_modified
        policy = self.hosts.for_url(url)
        ua = user_agent(politeness.user_agent, self._contact_url)
        blocked = off_site(url, allowed_hosts) or host_verdict(policy, url)
        if blocked is None and check_robots and politeness.obey_robots:
            blocked = robots_verdict(policy, url, ua, lambda: self._read_robots(policy, url, politeness, ua))
        if blocked is not None:
            return self._count(policy, blocked)
        policy.wait_turn(politeness, ua)
        policy.count("requests")
        markers = tuple(refusal_markers)
        rendered = self._renderer.render(url, ua, markers, self._timeout_s)
        policy.count("renders")
        result = self._result(url, rendered, markers)
        return self._count(policy, _bounded(result, politeness, allowed_hosts))

    @staticmethod
    def _count(policy: HostPolicy, result: FetchResult) -> FetchResult:
        policy.count(result.outcome)
        if result.outcome in (Outcome.REFUSED, Outcome.FAILED, Outcome.OFF_SITE):
            log.info("browser %s %s: %s", result.outcome, result.url, result.reason)
        return result

    def _read_robots(
        self, policy: HostPolicy, url: str, politeness: Politeness, ua: str
    ) -> RobotsRules | RobotsUnavailable:
        """Read the host's robots.txt through the browser's User-Agent and cookies."""
        policy.wait_turn(politeness, ua)
        policy.count("requests")
        got = self._renderer.download(robots_url(url), ua, politeness.read_timeout)
        rules = RobotsRules.from_response(got.status, got.content_type, got.body)
        return rules if rules is not None else RobotsUnavailable(got.error or f"HTTP {got.status}", 1)

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


def _bounded(
    result: FetchResult, politeness: Politeness, allowed_hosts: Collection[str] | None
) -> FetchResult:
    """Hold a rendered page to the plain fetcher's bounds: on the allowed hosts, within the size cap."""
    if result.final_url != result.url:
        away = off_site(result.final_url, allowed_hosts)
        if away is not None:
            reason = f"the page ended on {result.final_url}: {away.reason}"
            return replace(result, outcome=Outcome.OFF_SITE, reason=reason, headers={}, body=b"")
    if len(result.body) > politeness.max_body_bytes:
        reason = f"rendered page over the {politeness.max_body_bytes}-byte cap"
        return replace(result, outcome=Outcome.FAILED, reason=reason, body=b"")
    return result


def challenged(result: FetchResult, markers: Sequence[str] = ()) -> bool:
    """Tell whether a plain fetch was refused by a challenge page (not by a 403) that a browser may pass."""
    if result.outcome != Outcome.REFUSED or result.status in (None, 403):
        return False
    return is_challenge(result.text(), markers) is not None


class FallbackFetcher:
    """Plain HTTP first; a URL answered with a JavaScript challenge is fetched again in Chromium.

    Both fetchers follow the same host policies: one pace per host (the render waits the host's delay
    after the plain request, the next plain request waits after the render), one robots.txt verdict and
    one set of counters. A browser fetcher built here shares the plain fetcher's registry.

    Raises:
        ValueError: `plain` and `browser` were built with different host policies.
    """

    def __init__(self, plain: Fetcher | None = None, browser: BrowserFetcher | None = None) -> None:
        self.plain = plain if plain is not None else Fetcher()
        self.browser = browser if browser is not None else BrowserFetcher(hosts=self.plain.hosts)
        if self.browser.hosts is not self.plain.hosts:
            raise ValueError("the plain and browser fetchers must share one HostPolicies (pass hosts=)")

    def __enter__(self) -> FallbackFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """Per-host counters of both fetchers together ("renders" counts the browser's page renders)."""
        return self.plain.stats

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
        allowed_hosts: Collection[str] | None = None,
    ) -> FetchResult:
        """Fetch `url` plainly; render it in the browser only when a challenge page came back."""
        result = self.plain.get(
            url,
            politeness,
            etag=etag,
            last_modified=last_modified,
            refusal_markers=refusal_markers,
            check_robots=check_robots,
            allowed_hosts=allowed_hosts,
        )
        if not challenged(result, refusal_markers):
            return result
        log.info("challenge at %s (%s): rendering it in Chromium", result.final_url, result.reason)
        try:
            # robots.txt already allowed this URL (and every redirect hop) for the plain request.
            return self.browser.get(
                result.final_url,
                politeness,
                refusal_markers=refusal_markers,
                check_robots=False,
                allowed_hosts=allowed_hosts,
            )
        except BrowserUnavailable as exc:
            log.error("browser fallback unavailable: %s", exc)
            return replace(result, reason=f"{result.reason}; browser fallback unavailable: {exc}")


def make_fetcher(use_browser: bool) -> Fetcher | FallbackFetcher:
    """Return a plain Fetcher, or a FallbackFetcher when the source asks for the browser fallback.

    Raises:
        BrowserUnavailable: use_browser is set but Playwright or Chromium is not installed.
    """
    return FallbackFetcher() if use_browser else Fetcher()
