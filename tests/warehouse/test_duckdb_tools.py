"""The pinned DuckDB: its CLI opens a pressroom warehouse, and extensions come from their packages only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import release
from warehouse import db, extensions, load, search

CLI = Path(sys.executable).parent / "duckdb"  # the duckdb-cli package's script (dev extra)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file written by pressroom: releases, figures, comments and a search index."""
    path = tmp_path_factory.mktemp("cli") / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("a"), release("b"), release("c", "Рост на 12%.", lang="ru")])
        search.refresh(con)
    return path


def _cli(path: Path, sql: str) -> str:
    done = subprocess.run(
        [str(CLI), "-readonly", str(path), "-csv", "-noheader", "-c", sql],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_duckdb_cli_reads_a_pressroom_warehouse(warehouse: Path) -> None:
    assert CLI.exists(), "install the dev extra: it brings the duckdb CLI of the pinned version"
    assert _cli(warehouse, "select count(*) from releases") == "3"
    assert _cli(warehouse, "select sum(value) from figure_timeline") == "36.000000"
    comment = _cli(warehouse, "select comment from duckdb_tables() where table_name = 'releases'")
    assert comment == "One row per release: its latest version."
    assert _cli(warehouse, "select count(*) from fts_main_search_ru.docs") == "1"


def test_the_cli_is_the_version_the_library_writes(warehouse: Path) -> None:
    assert _cli(warehouse, "select version()") == f"v{duckdb.__version__}"


def test_extensions_are_neither_downloaded_nor_loaded_on_their_own() -> None:
    con = db.connect(":memory:")
    with pytest.raises(duckdb.CatalogException, match="fts"):
        con.execute("SELECT stem('investments', 'english')")  # autoload would have fetched fts
    extensions.load(con, "fts")
    assert con.execute("SELECT stem('investments', 'english')").fetchone() == ("invest",)
    row = con.execute(
        "SELECT installed_from FROM duckdb_extensions() WHERE extension_name = 'fts'"
    ).fetchone()
    assert row is not None and row[0] == str(extensions.extension_file("fts"))
    con.close()


def test_the_extension_file_is_the_one_shipped_for_this_duckdb() -> None:
    path = extensions.extension_file("fts")
    assert path.is_file() and "duckdb_extension_fts" in path.parts
    assert f"v{duckdb.__version__}" in path.parts
    with pytest.raises(extensions.ExtensionMissing, match="duckdb_extension_nosuch"):
        extensions.extension_file("nosuch")
