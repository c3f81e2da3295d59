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
        self._next_start: float | None = None  # clock value before which no request may start

    def wait_turn(self, min_delay: float) -> float:
        """Block until this host may be asked again, claim the slot and return the time slept."""
        with self._lock:
            now = self._clock()
            target = self._next_start if self._next_start is not None else now
            waited = max(0.0, target - now)
            if waited > 0:
                # Sleeping under the lock is the point: other threads for this host queue behind us.
                self._sleep(waited)
            start = max(self._clock(), target)
            self._next_start = start + max(0.0, min_delay)
            return waited

    def defer(self, seconds: float) -> None:
        """Hold every request to this host until `seconds` from now (a 403 pause, a Retry-After)."""
        if seconds <= 0:
            return
        with self._lock:
            until = self._clock() + seconds
            if self._next_start is None or until > self._next_start:
                self._next_start = until
