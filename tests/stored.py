"""Read what a test run stored: rows of a warehouse file, through a read-only connection closed at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse import db


def rows(db_path: Path | str, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """The rows of one query on the warehouse at `db_path`."""
    con = db.connect(db_path, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def count(db_path: Path | str, sql: str, params: list[Any] | None = None) -> int:
    """The single integer a counting query returns."""
    return int(rows(db_path, sql, params)[0][0])
