"""Fetch: the only place that talks HTTP. Sessions per host, politeness, retries, robots.txt, refusals."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol
from urllib.parse import urlsplit

import requests

from config import settings
from config.sources import Politeness
from extractors.web.charset import decode_body
from extractors.web.refusal import is_challenge
from extractors.web.robots import RobotsRules
from extractors.web.throttle import HostGate

log = logging.getLogger("pressroom.fetch")

# Transport errors worth another try: the network or the server may be better in a moment.
RETRYABLE_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class Outcome(StrEnum):
    """How one fetch ended (its value is what `errors` and counters record)."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"  # a conditional GET: the stored copy is current
    REFUSED = "refused"  # HTTP 403 or a challenge page: the site does not want us now
    NOT_FOUND = "not_found"  # HTTP 404/410
    FAILED = "failed"  # no usable answer after the retries
    DISALLOWED = "disallowed"  # robots.txt forbids the URL


@dataclass(frozen=True)
class FetchResult:
    """One URL's fetch: what came back, or why nothing usable did."""

    url: str  # URL requested
    final_url: str  # after redirects
    status: int | None  # None when no response (connection error, robots.txt)
    outcome: Outcome
    reason: str | None  # human-readable why, for errors and refusals
    headers: dict[str, str]  # response headers, names lower-cased
    body: bytes
    fetched_at: datetime  # UTC, aware
    attempts: int  # requests made for this URL (0 when robots.txt forbade it)
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    def text(self) -> str:
        """Return the body decoded: Content-Type charset, else <meta charset>, else utf-8."""
        return decode_body(self.body, self.content_type)


@dataclass
class _Host:
    """Everything kept per host: its session, pacing, robots rules and counters."""

    session: requests.Session
    gate: HostGate
    robots: RobotsRules | None = None
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class _Exchange:
    """The end of a request with retries: the last response or the last transport error."""

    response: requests.Response | None
    error: str | None
    attempts: int


def user_agent(configured: str, contact_url: str) -> str:
    """Return a User-Agent that names pressroom and a contact URL, keeping the configured text."""
    ua = configured.strip()
    if "pressroom" not in ua.lower():
        ua = f"{ua} pressroom".strip()
    if "://" not in ua:
        ua = f"{ua} (+{contact_url})"
    return ua


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None when absent/bad."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(retry: int, rng: random.Random, base: float = settings.RETRY_BACKOFF_S) -> float:
    """Return the wait before retry number `retry` (0-based): exponential, plus jitter, capped."""
    growth: int = 2**retry  # typeshed types int ** int as Any: a negative exponent would give a float
    return min(base * growth + rng.uniform(0, base), settings.RETRY_AFTER_CAP_S)


def host_of(url: str) -> str:
    """Return the host key politeness is counted by (host[:port], lower-case)."""
    return urlsplit(url).netloc.lower()


def classify(status: int, text: Callable[[], str], markers: Sequence[str]) -> tuple[Outcome, str | None]:
    """Map a final HTTP status (and, for 2xx/503, the page) to an outcome and a reason."""
    if status == 304:
        return Outcome.NOT_MODIFIED, None
    if status == 403:
        return Outcome.REFUSED, "HTTP 403"
    if status in (404, 410):
        return Outcome.NOT_FOUND, f"HTTP {status}"
    if 200 <= status < 300 or status == 503:
        challenge = is_challenge(text(), markers)
        if challenge:
            return Outcome.REFUSED, challenge
    if 200 <= status < 300:
        return Outcome.OK, None
    return Outcome.FAILED, f"HTTP {status}"


class PageFetcher(Protocol):
    """What the flows need of a fetcher: this module's Fetcher, or the browser fallback that wraps it."""

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
        """GET one URL politely; problems come back as an outcome, never as an exception."""
        ...

    def close(self) -> None:
        """Release the fetcher's sessions (and browser)."""
        ...


class Fetcher:
    """Polite HTTP GETs for many hosts at once; one session, pace and robots.txt per host.

    Args:
        sleep, clock: injectable so tests can measure waits without waiting.
        contact_url: appended to a User-Agent that names no URL.
        rng: source of backoff jitter.
        backoff_base: first retry's backoff; tests against mirrors with faults may shrink it.
    """

    def __init__(
        self,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        contact_url: str = settings.CONTACT_URL,
        rng: random.Random | None = None,
        backoff_base: float = settings.RETRY_BACKOFF_S,
    ) -> None:
        self._sleep = sleep
        self._clock = clock
        self._contact_url = contact_url
        self._rng = rng or random.Random()
        self._backoff_base = backoff_base
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """Per-host counters: "requests" sent (retries and robots.txt included), "retries", and outcomes."""
        with self._lock:
            return {name: dict(host.counts) for name, host in self._hosts.items()}

    def close(self) -> None:
        """Close every host's session."""
        with self._lock:
            for host in self._hosts.values():
                host.session.close()

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
        """GET one URL politely; HTTP-level problems come back as an outcome, never as an exception."""
        host = self._host(url)
        ua = user_agent(politeness.user_agent, self._contact_url)
        if check_robots and politeness.obey_robots:
            blocked = self._robots_verdict(host, url, politeness, ua)
            if blocked is not None:
                return self._count(host, blocked)
        headers = {"User-Agent": ua}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        exchange = self._exchange(host, url, politeness, headers)
        result = self._result(url, exchange, refusal_markers, etag=etag, last_modified=last_modified)
        if result.status == 403 and politeness.pause_on_403 > 0:
            log.warning("%s: HTTP 403, pausing the host for %.0f s", host_of(url), politeness.pause_on_403)
            host.gate.defer(politeness.pause_on_403)
        return self._count(host, result)

    # -- per host ------------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        name = host_of(url)
        with self._lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(requests.Session(), HostGate(sleep=self._sleep, clock=self._clock))
            return self._hosts[name]

    def _count(self, host: _Host, result: FetchResult) -> FetchResult:
        with self._lock:
            host.counts[result.outcome] += 1
        if result.outcome in (Outcome.REFUSED, Outcome.FAILED):
            log.warning("%s %s: %s", result.outcome, result.url, result.reason)
        return result

    # -- robots.txt ----------------------------------------------------------------------------
    def _robots_verdict(self, host: _Host, url: str, politeness: Politeness, ua: str) -> FetchResult | None:
        """Return a "disallowed" or "failed" result when robots.txt stops `url`, else None."""
        with host.robots_lock:  # one thread reads robots.txt; the others wait for its rules
            if host.robots is None:
                rules, exchange = self._load_robots(host, url, politeness, ua)
                if rules is None:
                    why = exchange.error or f"HTTP {_status(exchange)}"
                    return self._no_response(
                        url, Outcome.FAILED, f"robots.txt unavailable: {why}", exchange.attempts
                    )
                host.robots = rules
            rules = host.robots
        if rules.allows(url, ua):
            return None
        log.info("disallowed by robots.txt: %s", url)
        return self._no_response(url, Outcome.DISALLOWED, "disallowed by robots.txt", 0)

    def _load_robots(
        self, host: _Host, url: str, politeness: Politeness, ua: str
    ) -> tuple[RobotsRules | None, _Exchange]:
        """Fetch and read a host's robots.txt; None (not cached) when the host cannot say right now."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        exchange = self._exchange(host, robots_url, politeness, {"User-Agent": ua})
        resp = exchange.response
        if resp is None or resp.status_code >= 500:
            return None, exchange  # RFC 9309: an unreachable robots.txt is not a licence to crawl
        if resp.status_code >= 400:
            rules = RobotsRules.allow_all(f"no robots.txt (HTTP {resp.status_code})")
        elif "html" in resp.headers.get("Content-Type", "").lower() or resp.content.lstrip()[:1] == b"<":
            rules = RobotsRules.allow_all("robots.txt is an HTML page")  # government.ru serves its home page
        else:
            rules = RobotsRules.parse(decode_body(resp.content, resp.headers.get("Content-Type")))
        log.info("%s: robots.txt read (%s)", host_of(url), rules.note)
        return rules, exchange

    # -- requests ------------------------------------------------------------------------------
    def _exchange(
        self, host: _Host, url: str, politeness: Politeness, headers: Mapping[str, str]
    ) -> _Exchange:
        """Send a GET, retrying transport errors and retryable statuses with backoff."""
        timeout = (politeness.connect_timeout, politeness.read_timeout)
        exchange = _Exchange(None, None, 0)
        for attempt in range(politeness.max_retries + 1):
            if attempt:
                with self._lock:
                    host.counts["retries"] += 1
            host.gate.wait_turn(politeness.min_delay)
            with self._lock:
                host.counts["requests"] += 1
            try:
                resp = host.session.get(url, headers=dict(headers), timeout=timeout, allow_redirects=True)
            except RETRYABLE_ERRORS as exc:
                exchange = _Exchange(None, f"{type(exc).__name__}: {exc}", attempt + 1)
                delay, asked = backoff_seconds(attempt, self._rng, self._backoff_base), False
            except requests.RequestException as exc:  # bad URL, too many redirects: trying again won't help
                return _Exchange(None, f"{type(exc).__name__}: {exc}", attempt + 1)
            else:
                exchange = _Exchange(resp, None, attempt + 1)
                if not self._should_retry(resp):
                    return exchange
                delay, asked = self._retry_delay(resp, attempt)
            if attempt < politeness.max_retries:
                log.info("retry %d of %s in %.1f s (%s)", attempt + 1, url, delay, _why(exchange))
            # The whole host waits: a 429/503 speaks for the server, not the URL. A Retry-After binds
            # the host's next request even when this URL has run out of tries.
            if attempt < politeness.max_retries or asked:
                host.gate.defer(delay)
        return exchange

    def _should_retry(self, resp: requests.Response) -> bool:
        if resp.status_code not in settings.RETRY_HTTP_CODES:
            return False
        # A challenge served as 503 will not go away by asking again.
        return resp.status_code != 503 or is_challenge(decode_body(resp.content, _ctype(resp))) is None

    def _retry_delay(self, resp: requests.Response, attempt: int) -> tuple[float, bool]:
        """Return the wait before the next try and whether the server asked for it (Retry-After)."""
        asked = retry_after_seconds(resp.headers.get("Retry-After"))
        if asked is None:
            return backoff_seconds(attempt, self._rng, self._backoff_base), False
        return min(asked, settings.RETRY_AFTER_CAP_S), True

    # -- results -------------------------------------------------------------------------------
    def _result(
        self,
        url: str,
        exchange: _Exchange,
        markers: Sequence[str],
        *,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        resp = exchange.response
        if resp is None:
            failure = f"{exchange.error} (after {exchange.attempts} attempts)"
            return self._no_response(url, Outcome.FAILED, failure, exchange.attempts)
        body = resp.content
        ctype = _ctype(resp)
        outcome, reason = classify(resp.status_code, lambda: decode_body(body, ctype), markers)
        if outcome == Outcome.FAILED and resp.status_code in settings.RETRY_HTTP_CODES:
            reason = f"{reason} (after {exchange.attempts} attempts)"
        headers = {k.lower(): v for k, v in resp.headers.items()}
        not_modified = outcome == Outcome.NOT_MODIFIED
        return FetchResult(
            url=url,
            final_url=resp.url or url,
            status=resp.status_code,
            outcome=outcome,
            reason=reason,
            headers=headers,
            body=body,
            fetched_at=datetime.now(UTC),
            attempts=exchange.attempts,
            # A 304 may omit the validators; the ones we sent are still the current ones.
            etag=headers.get("etag") or (etag if not_modified else None),
            last_modified=headers.get("last-modified") or (last_modified if not_modified else None),
            content_type=ctype,
        )

    @staticmethod
    def _no_response(url: str, outcome: Outcome, reason: str, attempts: int) -> FetchResult:
        return FetchResult(url, url, None, outcome, reason, {}, b"", datetime.now(UTC), attempts)


def _ctype(resp: requests.Response) -> str | None:
    return resp.headers.get("Content-Type")


def _status(exchange: _Exchange) -> int | None:
    return exchange.response.status_code if exchange.response is not None else None


def _why(exchange: _Exchange) -> str:
    return exchange.error or f"HTTP {_status(exchange)}"
