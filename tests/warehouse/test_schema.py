"""The warehouse schema: public tables and views, migrations, the write lock, read-only queries, UTC."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from tests.paths import REPO
from tests.warehouse.builders import release
from warehouse import db, load, migrate, query
from warehouse.facts import LoadError

# The public contract, column by column (extra columns are allowed after or between these).
PUBLIC = {
    "releases": "release_id source_id key url title lang published_at published_raw published_tz "
    "published_date body_text lead tags version content_sha256 first_seen_at last_seen_at last_checked_at "
    "etag last_modified updated_raw pair_key capture_url",
    "release_versions": "release_id version title body_text published_at published_raw published_date "
    "content_sha256 seen_at superseded_at",
    "figures": "release_id text value unit kind measure period period_start period_end direction qualifier "
    "sentence char_start char_end core extractor_version",
    "commitments": "release_id sentence actor action horizon horizon_start horizon_end cue kind domain core "
    "char_start char_end extractor_version",
    "raw_pages": "page_id source_id url canonical_url kind status fetched_at etag last_modified content_type "
    "headers body body_sha256 capture_url",
    "runs": "run_id flow source_id started_at finished_at status pages_fetched requests releases_new "
    "releases_updated releases_unchanged releases_failed message params",
    "errors": "error_id run_id source_id url stage reason http_status occurred_at resolved_at",
    "checkpoints": "source_id job cursor updated_at finished",
    "figure_timeline": "source_id title url published_at published_date measure value unit kind period "
    "period_start period_end",
    "commitment_horizons": "release_id published_date sentence horizon horizon_start horizon_end",
    "release_pairs": "pair_key",
    "source_status": "source_id releases figures commitments last_run_at last_status",
}
TYPES = {
    ("releases", "published_at"): "TIMESTAMP WITH TIME ZONE",
    ("releases", "published_date"): "DATE",
    ("releases", "tags"): "VARCHAR[]",
    ("releases", "version"): "INTEGER",
    ("release_versions", "superseded_at"): "TIMESTAMP WITH TIME ZONE",
    ("figures", "value"): "DECIMAL(38,6)",
    ("figures", "core"): "BOOLEAN",
    ("figures", "period_start"): "DATE",
    ("commitments", "horizon_end"): "DATE",
    ("raw_pages", "body"): "BLOB",
    ("raw_pages", "headers"): "JSON",
    ("runs", "params"): "JSON",
    ("checkpoints", "cursor"): "JSON",
    ("checkpoints", "finished"): "BOOLEAN",
    ("errors", "resolved_at"): "TIMESTAMP WITH TIME ZONE",
}
PRIMARY_KEYS = {
    "releases": ["release_id"],
    "release_versions": ["release_id", "version"],
    "figures": ["release_id", "char_start", "char_end"],
    "commitments": ["release_id", "char_start"],
}


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [name],
    ).fetchall()
    return dict(rows)


def test_fresh_database_has_every_public_table_view_and_column_in_order(con) -> None:
    for name, wanted in PUBLIC.items():
        have = list(_columns(con, name))
        assert have, f"{name} is missing"
        missing = [c for c in wanted.split() if c not in have]
        assert not missing, f"{name} lacks {missing}"
        if name not in ("figure_timeline", "commitment_horizons", "release_pairs", "source_status"):
            order = [c for c in have if c in wanted.split()]
            assert order == wanted.split(), f"{name} columns out of the documented order"
    for (table, column), typ in TYPES.items():
        assert _columns(con, table)[column] == typ, (table, column)


def test_primary_keys_are_declared(con) -> None:
    for table, keys in PRIMARY_KEYS.items():
        row = con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [table],
        ).fetchone()
        assert row is not None and list(row[0]) == keys


def test_connect_creates_the_folder_and_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "wh.duckdb"
    files = migrate.available()
    assert [m.number for m in files] == sorted(m.number for m in files) and files[0].number == 1
    with db.connect(path) as first:
        recorded = first.execute("SELECT number FROM _migrations ORDER BY number").fetchall()
        assert [r[0] for r in recorded] == [m.number for m in files]
        assert migrate.pending(first) == []
    with db.connect(path) as again:
        assert again.execute("SELECT count(*) FROM _migrations").fetchone() == (len(files),)


def test_pending_reads_a_bare_database_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "bare.duckdb"
    duckdb.connect(str(path)).close()
    with duckdb.connect(str(path), read_only=True) as ro:
        assert [m.number for m in migrate.pending(ro)] == [m.number for m in migrate.available()]


def test_a_new_migration_file_is_pending_then_applied_once(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder)
    con = duckdb.connect(":memory:")
    assert len(migrate.apply(con, folder)) == len(migrate.available())
    (folder / "0099_notes.sql").write_text("CREATE TABLE notes (note VARCHAR);")
    assert [m.name for m in migrate.pending(con, folder)] == ["notes"]
    assert [m.number for m in migrate.apply(con, folder)] == [99]
    assert migrate.apply(con, folder) == []
    assert con.execute("SELECT count(*) FROM notes").fetchone() == (0,)


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_half.sql").write_text("CREATE TABLE half (a INTEGER);\nCREATE TABLE oops (a NOSUCHTYPE);")
    con = duckdb.connect(":memory:")
    with pytest.raises(migrate.MigrationError, match="0001_half"):
        migrate.apply(con, folder)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half'").fetchone() == (0,)
    assert [m.number for m in migrate.pending(con, folder)] == [1]


def test_misnamed_or_duplicated_migrations_are_refused(tmp_path: Path) -> None:
    (tmp_path / "1_bad.sql").write_text("SELECT 1;")
    with pytest.raises(migrate.MigrationError, match="NNNN_name"):
        migrate.available(tmp_path)
    (tmp_path / "1_bad.sql").unlink()
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0001_b.sql").write_text("SELECT 1;")
    with pytest.raises(migrate.MigrationError, match="twice"):
        migrate.available(tmp_path)


def test_read_only_query_returns_rows_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("1"), release("2")])
    columns, rows = query.query(path, "SELECT key, version FROM releases ORDER BY key")
    assert columns == ["key", "version"] and rows == [("1", 1), ("2", 1)]
    for sql in ("DELETE FROM releases", "CREATE TABLE x (a INT)", "UPDATE releases SET title = 'x'"):
        with pytest.raises(duckdb.Error, match="read-only"):
            query.query(path, sql)
    assert query.query(path, "SELECT count(*) FROM releases WHERE title LIKE 'Release%'")[1] == [(2,)]


HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from warehouse import db
    con = db.connect(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
    """
)


def test_a_second_writer_gets_warehouse_locked(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(db.WarehouseLocked, match=str(holder.pid)) as err:
            db.connect(path)
        assert "in use" in str(err.value)
        with pytest.raises(db.WarehouseLocked):
            query.query(path, "SELECT 1", wait_s=0.5)  # a reader waits briefly, then says who holds it
    finally:
        holder.communicate("", timeout=30)
    with db.connect(path) as con:  # free again once the holder exits
        assert con.execute("SELECT 1").fetchone() == (1,)


def test_instants_are_stored_as_utc_whatever_the_session_zone(con) -> None:
    moscow = timezone(timedelta(hours=3))
    load.load_batch(con, [release("1", published_at=datetime(2024, 3, 1, 10, 0, tzinfo=moscow))])
    con.execute("SET TimeZone = 'America/New_York'")
    at, utc_text, epoch = con.execute(
        "SELECT published_at, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'), "
        "epoch(published_at) "
        "FROM releases"
    ).fetchone()
    assert utc_text == "2024-03-01 07:00"
    assert at == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    assert epoch == datetime(2024, 3, 1, 7, 0, tzinfo=UTC).timestamp()


def test_connect_returns_instants_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("1")])
    script = "import sys; from warehouse import db; c = db.connect(sys.argv[1], read_only=True); "
    script += "print(c.execute('select published_at from releases').fetchone()[0].utcoffset())"
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        env={"TZ": "Asia/Tokyo", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert out.stdout.strip() == "0:00:00"


def test_naive_times_are_refused_rather_than_guessed(con) -> None:
    with pytest.raises(LoadError, match="timezone-aware"):
        load.load_batch(con, [release("1", published_at=datetime(2024, 3, 1, 10, 0))])
    assert con.execute("SELECT count(*) FROM releases").fetchone() == (0,)
