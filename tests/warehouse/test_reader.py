"""An analyst's SQL reads the warehouse and nothing else: no files, no network, no extensions, no writes."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import release
from warehouse import db, load, query

ESCAPES = {
    "read a system file": "SELECT * FROM read_csv('/etc/passwd')",
    "read a file as text": "SELECT * FROM read_text('/etc/hostname')",
    "list a directory": "SELECT * FROM glob('/etc/*')",
    "sniff a file": "SELECT * FROM sniff_csv('/etc/passwd')",
    "fetch a URL": "SELECT * FROM 'https://example.com/data.csv'",
    "write a file": "COPY (SELECT 1 AS a) TO '{out}/copied.csv'",
    "export the database": "EXPORT DATABASE '{out}/export'",
    "attach another database": "ATTACH '{out}/other.duckdb'",
    "download an extension": "INSTALL httpfs",
    "load an extension": "LOAD httpfs",
    "switch file access back on": "SET enable_external_access = true",
    "unlock the configuration": "SET lock_configuration = false",
    "hide an escape after a harmless statement": "SELECT 1; SELECT * FROM read_text('/etc/hostname')",
    "write to the warehouse": "DELETE FROM releases",
}


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("1")])
    return path


@pytest.mark.parametrize("sql", ESCAPES.values(), ids=ESCAPES.keys())
def test_analyst_sql_cannot_reach_files_network_or_extensions(warehouse: Path, sql: str) -> None:
    out = warehouse.parent
    with pytest.raises(duckdb.Error):
        query.query(warehouse, sql.format(out=out))
    assert sorted(p.name for p in out.iterdir()) == ["wh.duckdb"]  # nothing written beside it


def test_views_and_tables_still_answer_in_the_sandbox(warehouse: Path) -> None:
    columns, rows = query.query(warehouse, "SELECT value, kind FROM figure_timeline")
    assert columns == ["value", "kind"] and rows == [(12.0, "percent")]
    assert query.query(warehouse, "SELECT current_setting('TimeZone')")[1] == [("UTC",)]


def test_a_missing_warehouse_is_named_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    with pytest.raises(db.WarehouseMissing, match=f"no warehouse at {missing}"):
        query.query(missing, "SELECT 1")
    assert not missing.exists()
