"""Numbered SQL migrations (migrations/NNNN_name.sql), applied in order and recorded in `_migrations`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import catalog

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(?P<number>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
_TABLE = """
CREATE TABLE IF NOT EXISTS _migrations (
    number      INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""


class MigrationError(RuntimeError):
    """A migration file is misnamed, duplicated or failed to apply."""


@dataclass(frozen=True)
class Migration:
    """One migration file."""

    number: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        """Return the file's SQL text."""
        return self.path.read_text(encoding="utf-8")


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """List the migration files in number order; a misnamed or duplicated number raises."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise MigrationError(f"migration file {path.name} is not named NNNN_name.sql")
        number = int(match["number"])
        if number in found:
            raise MigrationError(f"migration number {number:04d} is used twice: {path.name}")
        found[number] = Migration(number, match["name"], path)
    return [found[n] for n in sorted(found)]


def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Return the numbers of the applied migrations (none when the bookkeeping table is absent)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = '_migrations' AND schema_name = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {row[0] for row in con.execute("SELECT number FROM _migrations").fetchall()}


def pending(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Return the migrations not yet applied, in order; reads only."""
    done = applied(con)
    return [m for m in available(directory) if m.number not in done]


def apply(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Apply every pending migration, each in its own transaction, then the documented comments.

    The comments follow warehouse/catalog.json on every writable open rather than in one numbered
    migration: a migration would fix them as they were on the day it ran, and an edited meaning would
    never reach a warehouse created before. Comments already in step cost one read and no write.
    """
    con.execute(_TABLE)
    todo = pending(con, directory)
    for migration in todo:
        _apply_one(con, migration)
    if catalog.sync_comments(con) or todo:
        # Schema changes go into the database file at once: DuckDB 1.5 cannot replay some of them from
        # the write-ahead log after a crash (a comment on a column whose default calls nextval fails
        # with "GetDefaultDatabase with no default database set", duckdb/duckdb#18259, #20543).
        con.execute("CHECKPOINT")
    return todo


def _apply_one(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    sql = migration.sql
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        con.execute(
            "INSERT INTO _migrations (number, name, sha256) VALUES (?, ?, ?)",
            [migration.number, migration.name, hashlib.sha256(sql.encode()).hexdigest()],
        )
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise MigrationError(f"migration {migration.path.name} failed: {exc}") from exc
    con.execute("COMMIT")
