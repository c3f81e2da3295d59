"""Open the warehouse: connection settings, the write lock, transactions, UTC instants."""

from __future__ import annotations

import os
import re
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
READER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    **extensions.SETTINGS,
    "enable_external_access": False,
}
READER_WAIT_S = 5.0  # a reader waits this long for the writer to leave a gap between its transactions
READER_RETRY_S = 0.2
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
            con = _open(target, read_only=True, config=READER_CONFIG)
            break
        except WarehouseLocked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(READER_RETRY_S)
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET lock_configuration = true")  # after the last SET: nothing can be switched back on
    return con


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
