"""Progress of long runs: the stop flag set by SIGINT/SIGTERM, the progress display of a backfill, and the
board of an ingest (a bar or line per source)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from flows.runlog import SourceReport


class StopFlag:
    """Set by SIGINT/SIGTERM: the job finishes the release in hand, saves what it has and stops."""

    def __init__(self) -> None:
        self.requested = False

    @contextmanager
    def installed(self) -> Iterator[StopFlag]:
        """Catch SIGINT and SIGTERM while the block runs (main thread only); a second signal aborts."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

        def handle(signum: int, frame: object) -> None:
            if self.requested:
                raise KeyboardInterrupt
            self.requested = True
            print("pressroom: stopping after the current release (signal again to abort)", file=sys.stderr)

        for sig in previous:
            signal.signal(sig, handle)
        try:
            yield self
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)


class Reporter:
    """Progress of one job: a rich bar with rate and ETA on a terminal, plain lines otherwise."""

    PLAIN_EVERY_S = 5.0

    def __init__(
        self, stream: TextIO | None = None, *, tty: bool | None = None, enabled: bool = True
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: Any = None
        self.label, self.total, self.unit = "", 0, ""
        self.first = self.done = 0
        self.started = self.last_line = 0.0

    @classmethod
    def quiet(cls) -> Reporter:
        """A reporter that shows nothing (tests, flows)."""
        return cls(enabled=False)

    def begin(self, label: str, total: int, unit: str) -> None:
        """Start showing a job of `total` units."""
        self.label, self.total, self.unit = label, total, unit
        self.started = self.last_line = time.monotonic()
        self.first = -1
        if self.enabled and self.tty:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(unit),
                TextColumn("{task.fields[stats]}"),
                TimeRemainingColumn(),
                console=Console(file=self.stream, width=_columns(self.stream)),
            )
            self.bar.start()
            self.task = self.bar.add_task(label, total=total, stats="")

    def update(self, done: int, report: SourceReport) -> None:
        """Show `done` units finished and the run's counters so far."""
        if self.first < 0:
            self.first = done  # units finished by earlier runs do not count towards the rate
        self.done = done
        if self.bar is not None:
            self.bar.update(self.task, completed=done, stats=self._stats(report))
        elif self.enabled and time.monotonic() - self.last_line >= self.PLAIN_EVERY_S:
            self._line(report)

    def _stats(self, report: SourceReport) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return f"{report.new} new, {report.requests} requests, {report.requests / elapsed:.1f} req/s"

    def _line(self, report: SourceReport) -> None:
        self.last_line = time.monotonic()
        elapsed = self.last_line - self.started
        gained = self.done - max(self.first, 0)
        eta = "?" if gained <= 0 else f"{elapsed / gained * (self.total - self.done):.0f}s"
        share = 100 * self.done / self.total if self.total else 100
        print(
            f"{self.label}: {self.done}/{self.total} {self.unit} ({share:.0f}%), {self._stats(report)}, "
            f"ETA {eta}",
            file=self.stream,
            flush=True,
        )

    def end(self, report: SourceReport) -> None:
        """Stop the bar and print the final counters."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        if self.enabled and self.total:
            self._line(report)


def _columns(stream: TextIO) -> int | None:
    """The width of the terminal behind `stream` (rich would measure stdout, which may be a file)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


class Lane(Protocol):
    """One source's progress in a run of several: what `ingest` reports as it processes releases."""

    def begin(self, total: int) -> None:
        """The source has `total` releases to fetch or re-check."""

    def update(self, done: int, report: SourceReport) -> None:
        """`done` of them are processed."""

    def end(self, report: SourceReport) -> None:
        """The source is finished (or stopped)."""


class QuietLane:
    """A lane that shows nothing (tests, Prefect runs: their logs say what happened)."""

    def begin(self, total: int) -> None:
        """Show nothing."""

    def update(self, done: int, report: SourceReport) -> None:
        """Show nothing."""

    def end(self, report: SourceReport) -> None:
        """Show nothing."""


class Board:
    """Progress of a multi-source ingest: a bar per source on a terminal, a line per source otherwise.

    Sources run in threads side by side, and rich allows one live display per process, so they share one.
    """

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.bar: Progress | None = None
        self._lock = threading.Lock()

    def lane(self, label: str) -> Lane:
        """The lane of one source (a bar, or plain lines every few seconds)."""
        if not self.tty:
            return _PlainLane(self, label)
        with self._lock:
            if self.bar is None:
                self.bar = Progress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("releases {task.fields[stats]}"),
                    TimeRemainingColumn(),
                    console=Console(file=self.stream, width=_columns(self.stream)),
                )
                self.bar.start()
        return _BarLane(self.bar, label)

    def close(self) -> None:
        """Stop the bars (the summary follows)."""
        with self._lock:
            if self.bar is not None:
                self.bar.stop()
                self.bar = None


class _BarLane:
    """A source's bar on the shared display."""

    def __init__(self, bar: Progress, label: str) -> None:
        self.bar, self.started = bar, time.monotonic()
        self.task = bar.add_task(f"{label}: listing", total=None, stats="")
        self.label = label

    def begin(self, total: int) -> None:
        self.bar.update(self.task, description=self.label, total=total, completed=0)

    def update(self, done: int, report: SourceReport) -> None:
        self.bar.update(self.task, completed=done, stats=_counters(report, self.started))

    def end(self, report: SourceReport) -> None:
        self.bar.update(self.task, stats=_counters(report, self.started) + f", {report.status}")


class _PlainLane:
    """A source's progress as a line every `Reporter.PLAIN_EVERY_S` seconds, and one at the end."""

    def __init__(self, board: Board, label: str) -> None:
        self.board, self.label = board, label
        self.total = self.done = 0
        self.started = self.last_line = time.monotonic()

    def begin(self, total: int) -> None:
        self.total = total

    def update(self, done: int, report: SourceReport) -> None:
        self.done = done
        if time.monotonic() - self.last_line >= Reporter.PLAIN_EVERY_S:
            self._line(report)

    def end(self, report: SourceReport) -> None:
        if self.total:
            self._line(report)

    def _line(self, report: SourceReport) -> None:
        self.last_line = time.monotonic()
        print(
            f"{self.label}: {self.done}/{self.total} releases, {_counters(report, self.started)}",
            file=self.board.stream,
            flush=True,
        )


def _counters(report: SourceReport, started: float) -> str:
    """The run's counters so far, as the bars and lines show them."""
    elapsed = max(time.monotonic() - started, 1e-6)
    return (
        f"{report.new} new, {report.updated} updated, {report.failed} failed, "
        f"{report.requests / elapsed:.1f} req/s"
    )
