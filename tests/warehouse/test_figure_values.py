"""Figure values are stored exactly as printed: no binary noise, in new loads and in converted warehouses."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.paths import REPO
from tests.warehouse.builders import figure, release
from warehouse import catalog, db, load, migrate
from warehouse.facts import LoadError, exact_value

BODY = "Trade reached 66.6 billion, costs fell 0.3 points, reserves hit 1 quadrillion, two thirds agreed."
# What the extractor's float arithmetic hands over, and what the release printed.
NOISY = {"66.6 billion": (66.6 * 1e9, "66600000000"), "0.3": (0.1 + 0.2, "0.3"),
         "1 quadrillion": (1e15, "1000000000000000"), "two thirds": (2 / 3 * 100, "66.666667")}  # fmt: skip


def _record(values: dict[str, tuple[float, str]], key: str = "x") -> dict:
    figs = [figure(BODY, text, value, "money", "USD") for text, (value, _) in values.items()]
    return release(key, BODY, figures=figs)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    c = db.connect(":memory:")
    yield c
    c.close()


def test_float_noise_is_not_stored(con: duckdb.DuckDBPyConnection) -> None:
    assert 66.6 * 1e9 == 66599999999.99999  # the noise this guards against
    load.load_batch(con, [_record(NOISY)])
    stored = dict(con.execute("SELECT text, value FROM figures").fetchall())
    assert stored == {text: Decimal(printed) for text, (_, printed) in NOISY.items()}
    assert str(stored["66.6 billion"]) == "66600000000.000000"


def test_sums_and_the_timeline_view_are_exact(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(con, [_record(NOISY)])
    total = con.execute("SELECT sum(value) FROM figure_timeline").fetchone()
    assert total == (Decimal("1000066600000000.3") + Decimal("66.666667"),)
    assert con.execute("SELECT typeof(value) FROM figure_timeline LIMIT 1").fetchone() == ("DECIMAL(38,6)",)
    assert con.execute("SELECT count(*) FROM figure_timeline WHERE value = 66.6e9").fetchone() == (1,)


def test_reloading_and_reextracting_the_same_noisy_values_changes_nothing(con) -> None:
    load.load_batch(con, [_record(NOISY)])
    again = load.load_batch(con, [_record(NOISY)])
    assert (again.new, again.updated) == (0, 0)
    figs = [figure(BODY, text, value, "money", "USD") for text, (value, _) in NOISY.items()]
    assert load.replace_extractions(con, [("economy_en:x", figs, [])], extractor_version="x1") == 0


def test_exact_value_keeps_the_printed_number() -> None:
    assert exact_value(66.6 * 1e9) == Decimal("66600000000")
    assert exact_value(0.1 + 0.2) == Decimal("0.3")
    assert exact_value(1e15) == Decimal("1e15")
    assert exact_value(-4.8) == Decimal("-4.8")
    assert exact_value(3.4e12).as_tuple().exponent == -6  # no positive exponent (duckdb-python#566)


def test_values_too_large_or_not_numbers_are_refused(con: duckdb.DuckDBPyConnection) -> None:
    for bad in (float("inf"), float("nan"), 1e40):
        with pytest.raises(LoadError, match="figure value"):
            load.load_batch(con, [_record({"66.6 billion": (bad, "")})])


def _old_warehouse(path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """A warehouse as the code before exact values and comments left it: migrations 0001-0003 only."""
    folder.mkdir()
    for m in migrate.available()[:3]:
        (folder / m.path.name).write_text(m.sql, encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(catalog, "sync_comments", lambda con: 0)
        con = duckdb.connect(str(path))
        migrate.apply(con, folder)
    con.execute("INSERT INTO releases (release_id, source_id, key, url, title, body_text, version, "
                "content_sha256, first_seen_at, last_seen_at, last_checked_at) VALUES "
                "('s:k', 's', 'k', 'u', 't', ?, 1, 'h', now(), now(), now())", [BODY])  # fmt: skip
    for text, (value, _) in NOISY.items():
        start = BODY.index(text)
        con.execute(
            "INSERT INTO figures (release_id, text, value, kind, char_start, char_end, core, "
            "extractor_version) VALUES ('s:k', ?, ?, 'money', ?, ?, true, 'old')",
            [text, value, start, start + len(text)],
        )
    assert con.execute("SELECT max(value) FILTER (WHERE text = '66.6 billion') FROM figures").fetchone() == (
        66599999999.99999,
    )
    con.close()


def test_an_existing_warehouse_gets_exact_values_and_comments(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.duckdb"
    _old_warehouse(path, monkeypatch, tmp_path / "old_migrations")
    with db.connect(path) as con:
        stored = dict(con.execute("SELECT text, value FROM figure_timeline").fetchall())
        assert stored == {text: Decimal(printed) for text, (_, printed) in NOISY.items()}
        missing = con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND comment IS NULL "
            "AND database_name = current_database()"
        ).fetchone()
        assert missing == (0,)


def test_a_process_killed_right_after_the_upgrade_leaves_an_openable_warehouse(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "old.duckdb"
    _old_warehouse(path, monkeypatch, tmp_path / "old_migrations")
    upgrade_then_die = (
        "import os, signal, sys\nfrom warehouse import db\n"
        "con = db.connect(sys.argv[1])  # kept open: no checkpoint on close\n"
        "os.kill(os.getpid(), signal.SIGKILL)"
    )
    done = subprocess.run([sys.executable, "-c", upgrade_then_die, str(path)], cwd=REPO, check=False)
    assert done.returncode == -signal.SIGKILL
    with db.connect(path) as con:  # the write-ahead log replays (or is empty): nothing to redo
        assert migrate.pending(con) == []
        assert con.execute("SELECT value FROM figures WHERE text = '66.6 billion'").fetchone() == (
            Decimal("66600000000"),
        )
