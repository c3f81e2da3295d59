"""The writer's Warehouse holds the file only inside a session: outside one, anyone may open it."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse import db


def test_the_file_is_free_between_sessions_and_taken_during_one(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    warehouse = db.Warehouse(path)
    with warehouse.session() as con:
        con.execute("CREATE TABLE notes (x INTEGER)")
        with pytest.raises(db.WarehouseLocked):
            db.connect(path, read_only=True)  # a reader (here: another mode in this process) must wait
    reader = db.connect(path, read_only=True)  # the session closed the file: a reader gets in at once
    reader.close()
    with warehouse.session() as con:
        con.execute("INSERT INTO notes VALUES (1)")
    assert warehouse.sessions == 2 and warehouse.held_s > 0


def test_nested_sessions_share_one_connection_and_migrations_run_once(tmp_path: Path) -> None:
    warehouse = db.Warehouse(tmp_path / "w.duckdb")
    with warehouse.session() as outer, warehouse.session() as inner:
        assert inner is outer
        assert outer.execute("SELECT count(*) FROM _migrations").fetchone()[0] > 0  # type: ignore[index]
    assert warehouse.sessions == 1


def test_an_in_memory_warehouse_keeps_its_rows_across_sessions() -> None:
    warehouse = db.Warehouse(db.MEMORY)
    with warehouse.session() as con:
        con.execute("CREATE TABLE notes (x INTEGER)")
        con.execute("INSERT INTO notes VALUES (1)")
    with warehouse.session() as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone() == (1,)


def test_a_connection_target_is_used_as_it_is(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "w.duckdb")
    try:
        with db.session(con) as held:
            assert held is con
        assert con.execute("SELECT 1").fetchone() == (1,)  # still open: the caller owns it
    finally:
        con.close()
