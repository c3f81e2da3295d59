"""Fetch: the only place that talks HTTP. Sessions per host, retries, robots.txt, refusals; pace per host.

Redirects are followed here, hop by hop, never by requests on its own: each hop must stay on the hosts the
caller allows, is checked against its host's robots.txt and waits its host's turn. Every request runs
within bounds (extractors.web.body, extractors.web.deadline), and what a request teaches about its host
(unreachable, a long Retry-After, https that cannot connect) holds for the rest of the run
(extractors.web.hosts).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from typing import Protocol

import requests

from config import settings
from config.sources import Politeness
from extractors.web.body import ACCEPT_ENCODING
from extractors.web.deadline import Watchdog, watched_session
from extractors.web.exchange import Answer, Channel, Exchange, redirect_target, send
from extractors.web.hosts import (
    HostPolicies,
    HostPolicy,
    RobotsReader,
    RobotsUnavailable,
    on_hosts,
    site_host,
)
from extractors.web.results import FetchResult, Outcome
from extractors.web.robots import RobotsRules, robots_url
from extractors.web.rules import backoff_seconds, classify, retry_after_seconds, user_agent

# Outcome and FetchResult are what callers import from here, with the helpers the browser fetcher shares.
__all__ = [
    "FetchResult",
    "Fetcher",
    "Outcome",
    "PageFetcher",
    "backoff_seconds",
    "classify",
    "host_verdict",
    "off_site",
    "retry_after_seconds",
    "robots_verdict",
    "user_agent",
]

log = logging.getLogger("pressroom.fetch")


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
        allowed_hosts: Collection[str] | None = None,
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


def off_site(url: str, allowed_hosts: Collection[str] | None) -> FetchResult | None:
    """Return an "off_site" result when `url` is not on the allowed hosts (None allows every host)."""
    if allowed_hosts is None or on_hosts(url, allowed_hosts):
        return None
    reason = f"{site_host(url) or url} is not one of the source's hosts"
    return FetchResult.without_response(url, Outcome.OFF_SITE, reason, 0)


class Fetcher:
    """Polite HTTP GETs for many hosts at once; one session per host, politeness per host from `hosts`.

    Args:
        hosts: the per-host policies (pace, robots.txt, counters) to follow; a browser fetcher given the
            same registry shares them. By default the fetcher makes its own.
        sleep, clock: the pace's clock when the fetcher makes its own `hosts`; injectable so tests can
            measure waits without waiting. Request deadlines always run on the real clock.
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
        self._watchdog = Watchdog()

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
        """Close every host's session (and stop the deadline thread)."""
        with self._lock:
            for session in self._sessions.values():
                session.close()
        self._watchdog.close()

    def interrupt(self) -> None:
        """End every request in flight now and send no more (safe in a signal handler or another thread).

        Requests in flight come back "failed" ("interrupted") at once, and so does every later get().
        """
        self._watchdog.interrupt()

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
        """GET one URL politely; HTTP-level problems come back as an outcome, never as an exception.

        Args:
            allowed_hosts: the hosts the URL and every redirect hop must be on (names, host:port or URLs;
                `www.` and default ports do not count); anything else is "off_site" and not requested.
                None allows every host.
        """
        ua = user_agent(politeness.user_agent, self._contact_url)
        headers = _request_headers(ua, etag, last_modified)
        hop, attempts, status = url, 0, None
        for _ in range(settings.MAX_REDIRECTS + 1):
            policy = self.hosts.for_url(hop)
            early = off_site(hop, allowed_hosts) or self._stopped(policy, hop, politeness, ua, check_robots)
            if early is not None:
                # A hop not taken: the result names it, with the status of the redirect that pointed there.
                early = replace(
                    early, url=url, final_url=hop, attempts=attempts + early.attempts, status=status
                )
                return self._count(policy, early, quiet=early.outcome in _HOST_VERDICTS)
            exchange = self._exchange(policy, hop, politeness, headers)
            attempts += exchange.attempts
            target = redirect_target(exchange.answer)
            status = exchange.answer.status if exchange.answer is not None else None
            if target is None:
                result = _result(url, exchange, attempts, refusal_markers, etag, last_modified)
                _pause_after_403(policy, result, politeness)
                return self._count(policy, result, quiet=exchange.logged)
            log.info("redirect %s -> %s", exchange.url, target)
            hop = target
        reason = f"more than {settings.MAX_REDIRECTS} redirects"
        failed = FetchResult.without_response(url, Outcome.FAILED, reason, attempts, final_url=hop)
        return self._count(self.hosts.for_url(hop), failed)

    # -- before a request ----------------------------------------------------------------------
    def _stopped(
        self, policy: HostPolicy, url: str, politeness: Politeness, ua: str, check_robots: bool
    ) -> FetchResult | None:
        """Return why `url` gets no request (interrupted, its host blocked, robots.txt), else None."""
        if self._watchdog.interrupted:
            return FetchResult.without_response(url, Outcome.FAILED, "interrupted", 0)
        blocked = host_verdict(policy, url)
        if blocked is not None or not (check_robots and politeness.obey_robots):
            return blocked
        verdict = robots_verdict(policy, url, ua, lambda: self._read_robots(url, politeness, ua))
        # Reading robots.txt may have found the host unreachable: say that, not "robots.txt unavailable".
        blocked = host_verdict(policy, url)
        if blocked is None or verdict is None:
            return verdict
        return replace(blocked, attempts=verdict.attempts)

    def _read_robots(self, url: str, politeness: Politeness, ua: str) -> RobotsRules | RobotsUnavailable:
        """Fetch and read the robots.txt of `url`'s host, following redirects that stay on its site."""
        hop, attempts = robots_url(url), 0
        headers = _request_headers(ua, None, None)
        for _ in range(settings.MAX_REDIRECTS + 1):
            exchange = self._exchange(self.hosts.for_url(hop), hop, politeness, headers)
            attempts += exchange.attempts
            answer = exchange.answer
            if answer is None:  # not `if not answer`: no answer is not the same as an error status
                return RobotsUnavailable(exchange.why(), attempts)
            target = redirect_target(answer)
            if target is None:
                rules = RobotsRules.from_response(answer.status, answer.content_type, answer.body)
                return rules if rules is not None else RobotsUnavailable(exchange.why(), attempts)
            if site_host(target) != site_host(url):
                # RFC 9309 lets a crawler take robots.txt as unavailable (allow all) rather than follow it.
                return RobotsRules.allow_all(f"robots.txt redirects to another host ({site_host(target)})")
            hop = target
        return RobotsRules.allow_all(f"robots.txt: more than {settings.MAX_REDIRECTS} redirects")

    # -- requests ------------------------------------------------------------------------------
    def _session(self, name: str) -> requests.Session:
        with self._lock:
            if name not in self._sessions:
                self._sessions[name] = watched_session()
            return self._sessions[name]

    def _exchange(
        self, policy: HostPolicy, url: str, politeness: Politeness, headers: Mapping[str, str]
    ) -> Exchange:
        """Send a GET, retrying transport errors and retryable statuses with backoff."""
        exchange = Exchange(url)
        channel = Channel(self._session(policy.name), policy, politeness, headers, self._watchdog)
        for attempt in range(politeness.max_retries + 1):
            if attempt:
                policy.count("retries")
            blocked = policy.blocked()
            if blocked is not None:  # another thread found the host down or deferred meanwhile
                return exchange.ended(blocked.outcome, blocked.reason, logged=True)
            sent = send(channel, url)
            exchange.attempts += sent.attempts
            if sent.final:
                return sent.into(exchange)
            delay, asked = self._retry_delay(sent.answer, attempt)
            exchange = sent.into(exchange)
            if attempt < politeness.max_retries:
                log.info("retry %d of %s in %.1f s (%s)", attempt + 1, url, delay, exchange.why())
            # The whole host waits: a 429/503 speaks for the server, not the URL. A Retry-After binds
            # the host's next request even when this URL has run out of tries.
            if attempt < politeness.max_retries or asked:
                policy.defer(delay)
        return exchange.gave_up(policy, politeness.max_retries + 1)

    def _retry_delay(self, answer: Answer | None, attempt: int) -> tuple[float, bool]:
        """Return the wait before the next try and whether the server asked for it (Retry-After)."""
        asked = retry_after_seconds(answer.headers.get("retry-after")) if answer is not None else None
        if asked is None:
            return backoff_seconds(attempt, self._rng, self._backoff_base), False
        return min(asked, settings.RETRY_AFTER_CAP_S), True

    # -- results -------------------------------------------------------------------------------
    @staticmethod
    def _count(policy: HostPolicy, result: FetchResult, *, quiet: bool = False) -> FetchResult:
        policy.count(result.outcome)
        # The caller reports each failed URL; the host-wide verdicts behind "quiet" ones were logged once.
        if result.outcome not in (Outcome.OK, Outcome.NOT_MODIFIED, Outcome.NOT_FOUND) and not quiet:
            log.info("%s %s: %s", result.outcome, result.url, result.reason)
        return result


# Outcomes that hold a whole host for the run: each was logged once, when the host got it.
_HOST_VERDICTS = frozenset({Outcome.UNREACHABLE, Outcome.DEFERRED})


def _request_headers(ua: str, etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Return a GET's headers: who we are, what we can decode, and any validators of a conditional GET."""
    headers = {"User-Agent": ua, "Accept-Encoding": ACCEPT_ENCODING}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _pause_after_403(policy: HostPolicy, result: FetchResult, politeness: Politeness) -> None:
    """Hold a host that answered 403 for the source's pause (sites that 403 after bursts)."""
    if result.status == 403 and politeness.pause_on_403 > 0:
        log.warning("%s: HTTP 403, pausing the host for %.0f s", policy.name, politeness.pause_on_403)
        policy.defer(politeness.pause_on_403)


def host_verdict(policy: HostPolicy, url: str) -> FetchResult | None:
    """Return the result a blocked host's URLs get without a request, or None when the host may be asked."""
    blocked = policy.blocked()
    if blocked is None:
        return None
    return FetchResult.without_response(url, blocked.outcome, blocked.reason, 0)


def _result(
    url: str,
    exchange: Exchange,
    attempts: int,
    markers: Sequence[str],
    etag: str | None,
    last_modified: str | None,
) -> FetchResult:
    """Turn the last hop's exchange into the URL's result."""
    answer = exchange.answer
    if answer is None:
        missed = FetchResult.without_response(
            url, exchange.outcome, exchange.why(), attempts, final_url=exchange.url
        )
        return replace(missed, status=exchange.status)
    ctype = answer.content_type
    outcome, reason = classify(answer.status, answer.text, markers)
    if outcome == Outcome.FAILED and answer.status in settings.RETRY_HTTP_CODES:
        reason = f"{reason} (after {exchange.attempts} attempts)"
    not_modified = outcome == Outcome.NOT_MODIFIED
    return FetchResult(
        url=url,
        final_url=exchange.url,
        status=answer.status,
        outcome=outcome,
        reason=reason,
        headers=answer.headers,
        body=answer.body,
        fetched_at=answer.fetched_at,
        attempts=attempts,
        # A 304 may omit the validators; the ones we sent are still the current ones.
        etag=answer.headers.get("etag") or (etag if not_modified else None),
        last_modified=answer.headers.get("last-modified") or (last_modified if not_modified else None),
        content_type=ctype,
    )
