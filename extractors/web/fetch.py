"""Fetch: the only place that talks HTTP. Sessions per host, retries, robots.txt, refusals; pace per host."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol

import requests

from config import settings
from config.sources import Politeness
from extractors.web.charset import decode_body
from extractors.web.hosts import HostPolicies, HostPolicy, RobotsReader, RobotsUnavailable
from extractors.web.refusal import is_challenge
from extractors.web.robots import RobotsRules, robots_url

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

    @classmethod
    def without_response(cls, url: str, outcome: Outcome, reason: str, attempts: int) -> FetchResult:
        """A result for a URL that got no HTTP answer (robots.txt, the network) or was not asked."""
        return cls(url, url, None, outcome, reason, {}, b"", datetime.now(UTC), attempts)


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


def robots_verdict(policy: HostPolicy, url: str, ua: str, read: RobotsReader) -> FetchResult | None:
    """Return a "disallowed" or "failed" result when the host's robots.txt stops `url`, else None."""
    rules = policy.robots(ua, read)
    if isinstance(rules, RobotsUnavailable):
        reason = f"robots.txt unavailable: {rules.reason}"
        return FetchResult.without_response(url, Outcome.FAILED, reason, rules.attempts)
    if rules.allows(url, ua):
        return None
    log.info("disallowed by robots.txt: %s", url)
    return FetchResult.without_response(url, Outcome.DISALLOWED, "disallowed by robots.txt", 0)


class Fetcher:
    """Polite HTTP GETs for many hosts at once; one session per host, politeness per host from `hosts`.

    Args:
        hosts: the per-host policies (pace, robots.txt, counters) to follow; a browser fetcher given the
            same registry shares them. By default the fetcher makes its own.
        sleep, clock: the pace's clock when the fetcher makes its own `hosts`; injectable so tests can
            measure waits without waiting.
        contact_url: appended to a User-Agent that names no URL.
        rng: source of backoff jitter.
        backoff_base: first retry's backoff; tests against mirrors with faults may shrink it.
    """

    def __init__(
        self,
        *,
        hosts: HostPolicies | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        contact_url: str = settings.CONTACT_URL,
        rng: random.Random | None = None,
        backoff_base: float = settings.RETRY_BACKOFF_S,
    ) -> None:
        self.hosts = hosts if hosts is not None else HostPolicies(sleep=sleep, clock=clock)
        self._contact_url = contact_url
        self._rng = rng or random.Random()
        self._backoff_base = backoff_base
        self._sessions: dict[str, requests.Session] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def stats(self) -> dict[str, dict[str, int]]:
        """Per-host counters: "requests" sent (retries and robots.txt included), "retries", and outcomes.

        They are the counters of `hosts`: every fetcher sharing the registry adds to them.
        """
        return self.hosts.stats()

    def close(self) -> None:
        """Close every host's session."""
        with self._lock:
            for session in self._sessions.values():
                session.close()

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
        policy = self.hosts.for_url(url)
        ua = user_agent(politeness.user_agent, self._contact_url)
        if check_robots and politeness.obey_robots:
            blocked = robots_verdict(policy, url, ua, lambda: self._read_robots(policy, url, politeness, ua))
            if blocked is not None:
                return self._count(policy, blocked)
        headers = {"User-Agent": ua}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        exchange = self._exchange(policy, url, politeness, headers)
        result = self._result(url, exchange, refusal_markers, etag=etag, last_modified=last_modified)
        if result.status == 403 and politeness.pause_on_403 > 0:
            log.warning("%s: HTTP 403, pausing the host for %.0f s", policy.name, politeness.pause_on_403)
            policy.defer(politeness.pause_on_403)
        return self._count(policy, result)

    # -- per host ------------------------------------------------------------------------------
    def _session(self, name: str) -> requests.Session:
        with self._lock:
            if name not in self._sessions:
                self._sessions[name] = requests.Session()
            return self._sessions[name]

    @staticmethod
    def _count(policy: HostPolicy, result: FetchResult) -> FetchResult:
        policy.count(result.outcome)
        if result.outcome in (Outcome.REFUSED, Outcome.FAILED):
            log.warning("%s %s: %s", result.outcome, result.url, result.reason)
        return result

    def _read_robots(
        self, policy: HostPolicy, url: str, politeness: Politeness, ua: str
    ) -> RobotsRules | RobotsUnavailable:
        """Fetch and read a host's robots.txt; RobotsUnavailable when the host cannot say right now."""
        exchange = self._exchange(policy, robots_url(url), politeness, {"User-Agent": ua})
        resp = exchange.response
        if resp is None:  # not `if not resp`: a Response is falsy for any 4xx/5xx status
            return RobotsUnavailable(_why(exchange), exchange.attempts)
        rules = RobotsRules.from_response(resp.status_code, _ctype(resp), resp.content)
        return rules if rules is not None else RobotsUnavailable(_why(exchange), exchange.attempts)

    # -- requests ------------------------------------------------------------------------------
    def _exchange(
        self, policy: HostPolicy, url: str, politeness: Politeness, headers: Mapping[str, str]
    ) -> _Exchange:
        """Send a GET, retrying transport errors and retryable statuses with backoff."""
        timeout = (politeness.connect_timeout, politeness.read_timeout)
        session = self._session(policy.name)
        exchange = _Exchange(None, None, 0)
        for attempt in range(politeness.max_retries + 1):
            if attempt:
                policy.count("retries")
            policy.wait_turn(politeness, headers["User-Agent"])
            policy.count("requests")
            try:
                resp = session.get(url, headers=dict(headers), timeout=timeout, allow_redirects=True)
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
                policy.defer(delay)
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
            return FetchResult.without_response(url, Outcome.FAILED, failure, exchange.attempts)
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


def _ctype(resp: requests.Response) -> str | None:
    return resp.headers.get("Content-Type")


def _status(exchange: _Exchange) -> int | None:
    return exchange.response.status_code if exchange.response is not None else None


def _why(exchange: _Exchange) -> str:
    return exchange.error or f"HTTP {_status(exchange)}"
