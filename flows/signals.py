"""SIGINT/SIGTERM during `pressroom ingest`: stop between pages and releases, save, exit 130 within 10 s.

The first signal sets the process-wide `STOP` flag: every source's walk and release loop checks it,
saves its pending batch and closes its run as `interrupted`. Should the process still be alive
`GRACE_S` seconds later (a request that does not end), or on a second signal, it ends its own child
processes (a temporary Prefect server) and exits at once with 130; the runs it leaves `running` are
marked `abandoned` by the next start, and what was not saved is fetched again by the next run.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
GRACE_S = 8.0  # from the first signal to a forced exit: under the 10 s promised
CHILD_GRACE_S = 1.0  # between asking child processes to end and killing them


class StopRequest:
    """Set by the first SIGINT/SIGTERM; loops check `requested` between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def requested(self) -> bool:
        """Whether a stop was asked for."""
        return self._event.is_set()

    def request(self) -> None:
        """Ask every loop of the process to stop."""
        self._event.set()

    def clear(self) -> None:
        """Forget an earlier request (a new run in the same process)."""
        self._event.clear()


STOP = StopRequest()
_ACTIVE: list[signal.Handlers | object] = []  # the handler of the running graceful_stop block, if any


def descendants(pid: int) -> list[int]:
    """The process ids below `pid`, children first (Linux /proc; empty elsewhere)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(k) for k in task.read_text().split()]
            except (OSError, ValueError):
                continue
            out += kids
            todo += kids
    return out


def end_children(grace_s: float = CHILD_GRACE_S) -> None:
    """Ask this process's descendants to end (SIGTERM), then kill those still there after `grace_s`."""
    kids = descendants(os.getpid())
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for kid in kids:
            try:
                os.kill(kid, sig)
            except ProcessLookupError:
                continue
        deadline = time.monotonic() + grace_s
        while sig == signal.SIGTERM and time.monotonic() < deadline and any(_alive(k) for k in kids):
            time.sleep(0.05)
        kids = [k for k in kids if _alive(k)]
        if not kids:
            return


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap our own child, or it lingers as a zombie
        if waited == pid:
            return False
    except ChildProcessError:
        pass  # not our direct child: ask the system
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _force_exit() -> None:
    """End the children, then the process, at once."""
    print("pressroom: stopping now", file=sys.stderr, flush=True)
    end_children()
    os._exit(EXIT_INTERRUPTED)


@contextmanager
def graceful_stop(stop: StopRequest = STOP, grace_s: float = GRACE_S) -> Iterator[StopRequest]:
    """Turn SIGINT/SIGTERM into `stop` while the block runs (main thread only), with a forced exit."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    stop.clear()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handle(signum: int, frame: object) -> None:
        if stop.requested:
            _force_exit()
        stop.request()
        print(
            f"pressroom: {signal.Signals(signum).name}: saving what was fetched, then stopping "
            "(signal again to stop at once)",
            file=sys.stderr,
            flush=True,
        )
        timer = threading.Timer(grace_s, _force_exit)
        timer.daemon = True
        timer.start()

    for sig in previous:
        signal.signal(sig, handle)
    _ACTIVE.append(handle)
    try:
        yield stop
    finally:
        _ACTIVE.remove(handle)
        for sig, old in previous.items():
            signal.signal(sig, old)


def reclaim() -> None:
    """Put the graceful handler back where a framework replaced it (Prefect's flow engine takes SIGTERM)."""
    if _ACTIVE and threading.current_thread() is threading.main_thread():
        handler = _ACTIVE[-1]
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, handler)  # type: ignore[arg-type]
