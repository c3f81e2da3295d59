"""Per-host politeness shared by the fetchers: one pace, one robots.txt verdict, one set of counters."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from config import settings
from config.sources import Politeness
from extractors.web.robots import RobotsRules
from extractors.web.throttle import HostGate

log = logging.getLogger("pressroom.hosts")


@dataclass(frozen=True)
class RobotsUnavailable:
    """robots.txt could not be read right now; nothing is kept, so the next request asks again."""

    reason: str  # "HTTP 503", "ConnectionError: ..."
    attempts: int  # requests it took to find out


# Reads a host's robots.txt (through whichever client is asking) and says what it allows.
RobotsReader = Callable[[], RobotsRules | RobotsUnavailable]


def host_of(url: str) -> str:
    """Return the host key politeness is counted by (host[:port], lower-case)."""
    return urlsplit(url).netloc.lower()


class HostPolicy:
    """One host's politeness: its pacing gate, its robots.txt rules (read once) and its counters."""

    def __init__(self, name: str, gate: HostGate, *, crawl_delay_cap: float) -> None:
        self.name = name
        self._gate = gate
        self._crawl_delay_cap = crawl_delay_cap
        self._robots: RobotsRules | None = None
        self._robots_lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._counts_lock = threading.Lock()

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
                self._hosts[name] = HostPolicy(name, gate, crawl_delay_cap=self._crawl_delay_cap)
            return self._hosts[name]

    def stats(self) -> dict[str, dict[str, int]]:
        """Return every host's counters, by host."""
        with self._lock:
            policies = list(self._hosts.values())
        return {policy.name: policy.counts() for policy in policies}
