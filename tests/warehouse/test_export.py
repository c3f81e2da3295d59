"""`pressroom export --parquet DIR`: the warehouse as hive-partitioned Parquet, read back unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import release
from warehouse import db, load
from warehouse.export import ExportError, export_parquet

MSK = UTC


@pytest.fixture
def filled(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = db.connect(tmp_path / "wh.duckdb")
    load.load_batch(
        con,
        [
            release("1", source_id="economy_en", published_at=datetime(2023, 5, 1, 9, tzinfo=UTC)),
            release("2", source_id="economy_en", published_at=datetime(2024, 5, 1, 9, tzinfo=UTC)),
            release("3", source_id="kremlin_ru", published_at=datetime(2024, 7, 1, 9, tzinfo=UTC)),
        ],
    )
    return con


def _read(folder: Path, table: str, what: str = "count(*)", order: str = "") -> list[tuple]:
    files = f"read_parquet('{folder}/{table}/**/*.parquet', hive_partitioning = true)"
    with duckdb.connect() as con:
        return con.execute(f"SELECT {what} FROM {files} {order}").fetchall()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_export_round_trips_every_release_figure_and_commitment(filled, tmp_path: Path) -> None:
    out = tmp_path / "export"
    stats = export_parquet(filled, out)
    for table in ("releases", "figures", "commitments"):
        stored = filled.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert stats.rows[table] == stored > 0
        assert _read(out, table) == [(stored,)]
    back = _read(out, "figures", "release_id, value, unit, kind", "ORDER BY release_id")
    want = filled.execute("SELECT release_id, value, unit, kind FROM figures ORDER BY release_id").fetchall()
    assert back == want
    assert _names(out / "releases") == ["source_id=economy_en", "source_id=kremlin_ru"]
    assert _names(out / "releases" / "source_id=economy_en") == ["year=2023", "year=2024"]


def test_the_promise_threads_are_exported_whole(filled, tmp_path: Path) -> None:
    load.refresh_threads(filled)
    out = tmp_path / "export"
    stats = export_parquet(filled, out)
    threads = filled.execute("SELECT count(*) FROM commitment_threads").fetchone()[0]
    assert stats.rows["commitment_threads"] == threads > 0
    with duckdb.connect() as con:
        back = con.execute(f"SELECT count(*) FROM '{out}/commitment_threads.parquet'").fetchone()
    assert back == (threads,)


def test_a_second_export_replaces_the_first(filled, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    filled.execute("DELETE FROM commitments")
    export_parquet(filled, out)
    assert _read(out, "releases") == [(3,)]
    assert not list((out / "commitments").rglob("*.parquet"))


def test_a_folder_holding_other_files_is_refused(filled, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match=r"notes\.txt"):
        export_parquet(filled, out)
    assert (out / "notes.txt").read_text() == "keep me"
