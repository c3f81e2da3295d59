"""Open the warehouse: connection settings, the writer's short sessions, transactions, UTC instants."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import extensions, migrate

MEMORY = ":memory:"
# An analyst's SQL runs with no file system, network or extension access and cannot turn it back on: the
# warehouse file is all it reads (views work; read_csv, COPY ... TO, ATTACH and INSTALL are refused).
READER_WAIT_S = 5.0  # a reader waits this long for the writer to leave a gap between its transactions
READER_RETRY_S = 0.2
# The writer opens the file only for one write at a time; an analyst's query holding it then is waited for.
WRITER_WAIT_S = 120.0
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<holder>.+?)(?:\. See also|$)", re.S)


class WarehouseMissing(FileNotFoundError):
    """A read-only command was pointed at a warehouse file that does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no warehouse at {path}")
        self.path = path


class WarehouseLocked(RuntimeError):
    """Another process (or another connection mode in this process) holds the warehouse file."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"warehouse {path} is in use: {detail}. DuckDB allows one writing process at a time; "
            "wait for the running flow to finish (or stop it) and retry."
        )


def connect(path: str | os.PathLike[str], *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, creating its folder and applying pending migrations when writable."""
    target = str(path)
    if target != MEMORY and not read_only:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    con = _open(target, read_only=read_only)
    # Instants come back as UTC whatever the machine's zone; storage is UTC regardless.
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        migrate.apply(con)
    return con


def connect_reader(
    path: str | os.PathLike[str], *, wait_s: float = READER_WAIT_S
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for an analyst's SQL: read-only, sandboxed, waiting briefly for the writer."""
    target = str(path)
    if target != MEMORY and not Path(target).is_file():
        raise WarehouseMissing(target)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = _open(target, read_only=True)
            break
        except WarehouseLocked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(READER_RETRY_S)
    con.execute("SET TimeZone = 'UTC'")
    extensions.load_file(con, "fts")  # the search indexes' macros, from our own file, before the sandbox
    # No files, no network, no ATTACH from here on; then nothing can be switched back on.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


class Warehouse:
    """A writer's handle on the warehouse file that holds it open only inside `session()` blocks.

    DuckDB lets one process write a file and no process read it meanwhile, so a long run that kept its
    connection open would lock analysts out for hours. Each session opens, runs one short write (a batch
    flush) and closes; readers get in between. Sessions of one process are serialized (one at a time).
    """

    def __init__(self, path: str | os.PathLike[str], *, wait_s: float = WRITER_WAIT_S) -> None:
        self.path, self.wait_s = str(path), wait_s
        self.sessions = 0  # sessions opened: how often the file was taken
        self.held_s = 0.0  # total time the file was held open
        self.waited_s = 0.0  # total time spent waiting for readers to let go
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._migrated = False
        self._memory: duckdb.DuckDBPyConnection | None = None  # an in-memory warehouse lives as long as this

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file (waiting for readers), yield the connection, close it; nested blocks share it."""
        with self._lock:
            if self._con is not None:
                yield self._con
                return
            con = self._connect()
            started = time.monotonic()
            self._con = con
            try:
                yield con
            finally:
                self._con = None
                if con is not self._memory:
                    con.close()
                self.held_s += time.monotonic() - started

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A writable connection: migrated the first time, retried while another process holds the file."""
        if self.path == MEMORY:
            self._memory = self._memory or connect(MEMORY)
            return self._memory
        deadline = time.monotonic() + self.wait_s
        asked = time.monotonic()
        while True:
            try:
                con = connect(self.path) if not self._migrated else _open(self.path, read_only=False)
                break
            except WarehouseLocked:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(READER_RETRY_S / 4)
        self.waited_s += time.monotonic() - asked
        self.sessions += 1
        self._migrated = True
        con.execute("SET TimeZone = 'UTC'")
        return con


# A writer's target: a connection it may keep (tests, one-shot commands) or a Warehouse it opens per write.
Target = duckdb.DuckDBPyConnection | Warehouse


@contextmanager
def session(target: Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one short piece of work: the given one, or a session of the given Warehouse."""
    if isinstance(target, Warehouse):
        with target.session() as con:
            yield con
    else:
        yield target


def _open(
    target: str, *, read_only: bool, config: dict[str, str | bool | int | float | list[str]] | None = None
) -> duckdb.DuckDBPyConnection:
    """Connect, turning DuckDB's lock errors into WarehouseLocked."""
    try:
        return duckdb.connect(target, read_only=read_only, config={**extensions.SETTINGS, **(config or {})})
    except duckdb.IOException as exc:
        match = _LOCK_HOLDER.search(str(exc))
        if match is None:
            raise
        raise WarehouseLocked(target, f"lock held by {match['holder'].strip()}") from exc
    except duckdb.ConnectionException as exc:
        if "different configuration" not in str(exc):
            raise
        raise WarehouseLocked(target, "already open in this process in another mode") from exc


# Connections inside a `transaction` block. A failed BEGIN would abort DuckDB's open transaction, so
# nesting is tracked here rather than probed; an outer transaction must be opened with `transaction`.
_OPEN: set[int] = set()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction, or inside the enclosing `transaction` block when nested."""
    if id(con) in _OPEN:
        yield  # the outer block commits or rolls back
        return
    con.execute("BEGIN TRANSACTION")
    _OPEN.add(id(con))
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")
    finally:
        _OPEN.discard(id(con))


def utc(value: datetime | None, *, field: str = "timestamp") -> datetime | None:
    """Return an aware datetime as UTC; refuse naive ones, whose zone would be a guess."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{field} must be timezone-aware, got naive {value.isoformat()}")
    return value.astimezone(UTC)


def now_utc() -> datetime:
    """Return the current instant in UTC."""
    return datetime.now(UTC)
