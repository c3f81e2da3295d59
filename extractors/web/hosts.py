"""Per-host politeness shared by the fetchers: one pace, one robots.txt verdict, one set of counters.

A host's policy also keeps what the run has learnt about the host: that it cannot be reached, asked to be
left alone for longer than we wait, or is fetched over http because https cannot connect.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from config import settings
from config.sources import Politeness
from extractors.web.results import Outcome
from extractors.web.robots import RobotsRules
from extractors.web.throttle import HostGate

log = logging.getLogger("pressroom.hosts")


@dataclass(frozen=True)
class RobotsUnavailable:
    """robots.txt could not be read right now; nothing is kept, so the next request asks again."""

    reason: str  # "HTTP 503", "ConnectionError: ..."
    attempts: int  # requests it took to find out


@dataclass(frozen=True)
class HostBlock:
    """Why a host gets no requests for now: unreachable, deferred by a long Retry-After, a TLS refusal."""

    outcome: Outcome  # what the results of the host's URLs say meanwhile
    reason: str
    until: float | None  # clock value when requests may go again; None: not in this run


# Reads a host's robots.txt (through whichever client is asking) and says what it allows.
RobotsReader = Callable[[], RobotsRules | RobotsUnavailable]
WEB_SCHEMES = {"http": 80, "https": 443}  # the schemes fetched, with their default ports


def host_of(url: str) -> str:
    """Return the host key politeness is counted by (host[:port], lower-case)."""
    return urlsplit(url).netloc.lower()


def site_host(url_or_host: str) -> str | None:
    """Return the host a source's hosts are matched by: lower-case, no `www.`, no default port.

    None when there is no host, the port is not a number, or the scheme is not one that is fetched.
    """
    parts = urlsplit(url_or_host if "//" in url_or_host else f"//{url_or_host}")
    if parts.scheme and parts.scheme not in WEB_SCHEMES:
        return None
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    default = WEB_SCHEMES.get(parts.scheme)
    if port is None or port == default or (default is None and port in WEB_SCHEMES.values()):
        return host
    return f"{host}:{port}"


def on_hosts(url: str, allowed: Iterable[str]) -> bool:
    """Tell whether `url` is on one of the `allowed` hosts (host names, host:port or URLs)."""
    host = site_host(url)
    return host is not None and host in {site_host(entry) for entry in allowed}


class HostPolicy:
    """One host's politeness: its pacing gate, its robots.txt rules (read once) and its counters."""

    def __init__(
        self,
        name: str,
        gate: HostGate,
        *,
        crawl_delay_cap: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._gate = gate
        self._crawl_delay_cap = crawl_delay_cap
        self._clock = clock
        self._robots: RobotsRules | None = None
        self._robots_lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()
        self._block: HostBlock | None = None
        self._scheme: str | None = None  # "https" or "http" once the run has decided how to reach the host
        self._state_lock = threading.Lock()

    def spacing(self, politeness: Politeness, user_agent: str) -> float:
        """Return the delay between this host's requests: min_delay, or robots.txt's Crawl-delay if longer.

        The Crawl-delay counts once robots.txt has been read, and only for sources that obey robots.txt;
        it is capped at the policy's crawl_delay_cap.
        """
        rules = self._robots
        if rules is None or not politeness.obey_robots:
            return politeness.min_delay
        asked = rules.crawl_delay(user_agent) or 0.0
        return max(politeness.min_delay, min(asked, self._crawl_delay_cap))

    def wait_turn(self, politeness: Politeness, user_agent: str) -> float:
        """Block until this host may be asked again, claim the slot and return the time slept."""
        return self._gate.wait_turn(self.spacing(politeness, user_agent))

    def defer(self, seconds: float) -> None:
        """Hold every request to this host until `seconds` from now (a 403 pause, a Retry-After)."""
        self._gate.defer(seconds)

    def block(self, outcome: Outcome, reason: str, seconds: float | None = None) -> None:
        """Give the host no more requests: for `seconds`, or (None) for the rest of the run; logged once."""
        until = None if seconds is None else self._clock() + seconds
        with self._state_lock:
            first = self._block is None
            self._block = HostBlock(outcome, reason, until)
        if first:
            log.warning("%s: %s; no more requests to it %s", self.name, reason, _lifted(seconds))

    def blocked(self) -> HostBlock | None:
        """Return why the host gets no request now, or None when it may be asked."""
        with self._state_lock:
            block = self._block
            if block is not None and block.until is not None and self._clock() >= block.until:
                self._block = block = None
        return block

    @property
    def scheme(self) -> str | None:
        """The scheme the run reaches this host by, once decided ("https", or "http" after a fallback)."""
        return self._scheme

    def settle_scheme(self, scheme: str, why: str | None = None) -> None:
        """Decide, once per run, the scheme the host is reached by; a fallback to http is logged."""
        with self._state_lock:
            if self._scheme is not None:
                return
            self._scheme = scheme
        if why is not None:
            log.warning("%s: %s; fetching it over %s for the rest of this run", self.name, why, scheme)

    def robots(self, user_agent: str, read: RobotsReader) -> RobotsRules | RobotsUnavailable:
        """Return the host's robots.txt rules, read with `read` by the first caller (the others wait)."""
        with self._robots_lock:
            if self._robots is None:
                answer = read()
                if isinstance(answer, RobotsUnavailable):
                    return answer
                self._robots = answer
                self._note_rules(answer, user_agent)
            return self._robots

    def count(self, key: str) -> None:
        """Add one to a counter ("requests", "retries", "renders", an outcome)."""
        with self._counts_lock:
            self._counts[key] += 1

    def counts(self) -> dict[str, int]:
        """Return a copy of the host's counters."""
        with self._counts_lock:
            return dict(self._counts)

    def _note_rules(self, rules: RobotsRules, user_agent: str) -> None:
        """Log the host's robots.txt once, with the Crawl-delay it asks of us (and its cap, if it bites)."""
        asked = rules.crawl_delay(user_agent)
        if asked is None:
            log.info("%s: robots.txt read (%s)", self.name, rules.note)
        elif asked > self._crawl_delay_cap:
            log.warning(
                "%s: robots.txt read (%s); Crawl-delay %g s is capped at %g s (CRAWL_DELAY_CAP_S)",
                self.name,
                rules.note,
                asked,
                self._crawl_delay_cap,
            )
        else:
            log.info("%s: robots.txt read (%s); Crawl-delay %g s", self.name, rules.note, asked)


class HostPolicies:
    """The host policies of a run, by host; fetchers given the same registry share each host's policy.

    Args:
        sleep, clock: injectable so tests can measure waits without waiting.
        crawl_delay_cap: the longest robots.txt Crawl-delay honoured.
    """

    def __init__(
        self,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        crawl_delay_cap: float = settings.CRAWL_DELAY_CAP_S,
    ) -> None:
        self._sleep = sleep
        self._clock = clock
        self._crawl_delay_cap = crawl_delay_cap
        self._hosts: dict[str, HostPolicy] = {}
        self._lock = threading.Lock()

    def for_url(self, url: str) -> HostPolicy:
        """Return the policy of the host `url` is on, made on first use."""
        name = host_of(url)
        with self._lock:
            if name not in self._hosts:
                gate = HostGate(sleep=self._sleep, clock=self._clock)
                self._hosts[name] = HostPolicy(
                    name, gate, crawl_delay_cap=self._crawl_delay_cap, clock=self._clock
                )
            return self._hosts[name]

    def stats(self) -> dict[str, dict[str, int]]:
        """Return every host's counters, by host."""
        with self._lock:
            policies = list(self._hosts.values())
        return {policy.name: policy.counts() for policy in policies}


def _lifted(seconds: float | None) -> str:
    """Say when a host block lifts, for its log line."""
    return "in this run" if seconds is None else f"for {seconds:g} s"
