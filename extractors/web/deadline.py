"""A wall-clock deadline for whole requests: at the deadline the request's socket is shut, wherever it blocks.

A read timeout bounds one socket read; a server that drips a byte every few seconds never trips it. So each
request runs under a Watch: its connection registers the socket the moment it waits for the response, and a
watchdog thread shuts that socket down when the deadline passes (or at once on `Watchdog.interrupt`), which
ends a blocked read in any thread within the deadline.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import HTTPResponse

_current = threading.local()  # .watch: the Watch of the request this thread is sending, if any


class Watch:
    """One request's deadline; `fire` shuts the request's socket so a blocked read returns."""

    def __init__(self, deadline: float, clock: Callable[[], float]) -> None:
        self.deadline = deadline
        self._clock = clock
        self._sock: socket.socket | None = None
        self.fired = False  # the deadline passed, or the fetcher was interrupted, while it ran
        self.done = False

    def expired(self) -> bool:
        """Tell whether the request should stop now."""
        return self.fired or self._clock() >= self.deadline

    def attach(self, sock: socket.socket) -> None:
        """Register the socket the request is waiting on (shut at once if the watch already fired)."""
        self._sock = sock
        if self.fired:
            _shut(sock)

    def fire(self) -> None:
        """End the request: mark it and shut its socket, if it has one yet."""
        if self.done:
            return
        self.fired = True
        sock = self._sock
        if sock is not None:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut a socket down for both directions, without closing it under the thread that reads it."""
    # socket.socket.shutdown, not the TLS wrapper's own: that one drops its TLS state, which a concurrent
    # read in another thread may be using.
    with contextlib.suppress(OSError):  # already closed, or never connected
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Watchdog:
    """One thread firing the watches whose deadline has passed; started on first use."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._heap: list[tuple[float, int, Watch]] = []
        self._active: dict[int, Watch] = {}
        self._ids = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.interrupted = False

    @contextmanager
    def watch(self, seconds: float) -> Iterator[Watch]:
        """Run a request under a deadline `seconds` from now; the thread's connection attaches to it."""
        watch = Watch(self._clock() + seconds, self._clock)
        key = next(self._ids)
        with self._cond:
            self._active[key] = watch
            heapq.heappush(self._heap, (watch.deadline, key, watch))
            if self._heap[0][1] == key:
                self._cond.notify()  # an earlier deadline than the one the thread sleeps towards
            self._start()
        if self.interrupted:
            watch.fire()
        _current.watch = watch
        try:
            yield watch
        finally:
            _current.watch = None
            watch.done = True
            self._active.pop(key, None)

    def interrupt(self) -> None:
        """Fire every watch now, and every later one at its start (for a signal handler: takes no lock)."""
        self.interrupted = True
        for watch in tuple(self._active.values()):
            watch.fire()

    def close(self) -> None:
        """Stop the thread once no watch is left; a later watch starts it again."""
        with self._cond:
            self._thread = None
            self._cond.notify()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pressroom-deadlines", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        me = threading.current_thread()
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    if self._thread is not me:
                        return  # closed (or replaced): nothing left to watch
                    self._cond.wait()
                    continue
                deadline, _, watch = self._heap[0]
                wait = deadline - self._clock()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                watch.fire()


def _attach_current(sock: socket.socket | None) -> None:
    watch: Watch | None = getattr(_current, "watch", None)
    if watch is not None and sock is not None:
        watch.attach(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]
        _attach_current(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]
        _attach_current(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """requests' adapter whose connections register their socket with the thread's current Watch."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _HopByHopSession(requests.Session):
    """A session that never follows a redirect: the fetcher does, hop by hop, after checking each one."""

    def resolve_redirects(
        self, resp: requests.Response, req: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> Generator[requests.Response, None, None]:
        # requests asks this even with allow_redirects=False, and it reads a redirect's whole body first,
        # past every bound; nothing is followed here, so nothing is read.
        yield from ()


def watched_session() -> requests.Session:
    """Return a requests session whose requests a Watch can end and that follows no redirect itself."""
    session = _HopByHopSession()
    adapter = WatchedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
