"""Per-host pacing: the start of consecutive requests to one host is never closer than its delay."""

from __future__ import annotations

import threading
from collections.abc import Callable


class HostGate:
    """One host's turnstile; threads wanting the same host pass one at a time, spaced by the delay."""

    def __init__(self, *, sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._last_start: float | None = None  # clock value when the last request was let through
        self._next_start: float | None = None  # clock value before which no request may start

    def wait_turn(self, min_delay: float) -> float:
        """Block until this host may be asked again, claim the slot and return the time slept."""
        delay = max(0.0, min_delay)
        with self._lock:
            now = self._clock()
            target = max(now, self._next_start if self._next_start is not None else now)
            if self._last_start is not None:
                # A request asking a longer delay than the last one claimed (robots.txt's Crawl-delay,
                # learnt from the request before) waits it out from that request's start.
                target = max(target, self._last_start + delay)
            waited = max(0.0, target - now)
            if waited > 0:
                # Sleeping under the lock is the point: other threads for this host queue behind us.
                self._sleep(waited)
            start = max(self._clock(), target)
            self._last_start = start
            self._next_start = start + delay
            return waited

    def defer(self, seconds: float) -> None:
        """Hold every request to this host until `seconds` from now (a 403 pause, a Retry-After)."""
        if seconds <= 0:
            return
        with self._lock:
            until = self._clock() + seconds
            if self._next_start is None or until > self._next_start:
                self._next_start = until
