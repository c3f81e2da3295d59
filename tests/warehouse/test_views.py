"""Reporting views, declared data tests and the query output formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.warehouse.builders import MSK, figure, release
from warehouse import checks, db, load, query


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def _pair(con) -> None:
    en = release(
        "14197", body="Trade grew by 12% last year.", source_id="kremlin_en", pair_key="kremlin:14197"
    )
    ru = release(
        "14197",
        body="Товарооборот вырос на 12% за год.",
        source_id="kremlin_ru",
        lang="ru",
        pair_key="kremlin:14197",
        published_at=datetime(2024, 5, 1, 9, 0, tzinfo=MSK),
    )
    lone = release("1", source_id="kremlin_en", published_at=datetime(2024, 4, 2, 9, 0, tzinfo=MSK))
    load.load_batch(con, [en, ru, lone])


def test_figure_timeline_orders_figures_by_release_time_with_release_fields(con) -> None:
    late = release("2", published_at=datetime(2024, 7, 1, 23, 30, tzinfo=MSK))
    late["figures"].append(
        figure(late["body_text"], "40 billion roubles", 4e10, "money", "RUB", measure="exports")
    )
    undated = release("3", published_at=None, published_date=None)
    load.load_batch(con, [late, release("1", published_at=datetime(2024, 3, 1, 8, 0, tzinfo=MSK)), undated])
    rows = con.execute(
        "SELECT release_id, published_date, title, url, kind, value, unit, measure, source_id "
        "FROM figure_timeline"
    ).fetchall()
    assert [r[0] for r in rows] == ["economy_en:1", "economy_en:2", "economy_en:2", "economy_en:3"]
    assert rows[0][1:4] == (date(2024, 3, 1), "Release 1", "https://example.gov/economy_en/1")
    assert ("money", 4e10, "RUB", "exports") in [r[4:8] for r in rows]
    assert {r[8] for r in rows} == {"economy_en"}


def test_commitment_horizons_give_the_horizon_relative_to_the_release(con) -> None:
    load.load_batch(con, [release("1")])
    row = con.execute(
        "SELECT sentence, published_date, horizon, horizon_start, horizon_end, horizon_days, horizon_status "
        "FROM commitment_horizons"
    ).fetchone()
    assert row[0] == "The ministry will publish a plan by 2025."
    assert row[1:5] == (date(2024, 5, 1), "by 2025", date(2025, 1, 1), date(2025, 12, 31))
    assert row[5] == (date(2025, 12, 31) - date(2024, 5, 1)).days
    assert row[6] == ("past" if date.today() > date(2025, 12, 31) else "future")


def test_release_pairs_join_the_two_languages_of_one_release(con) -> None:
    _pair(con)
    rows = con.execute(
        "SELECT pair_key, release_id_a, lang_a, release_id_b, lang_b, figures_a, figures_b FROM release_pairs"
    ).fetchall()
    assert rows == [("kremlin:14197", "kremlin_en:14197", "en", "kremlin_ru:14197", "ru", 1, 1)]


def test_source_status_summarises_each_source(con) -> None:
    _pair(con)
    first = load.start_run(con, "nightly", "kremlin_en", {})
    load.finish_run(con, first, "ok", {"releases_new": 2}, None)
    second = load.start_run(con, "nightly", "kremlin_en", {})
    load.finish_run(con, second, "failed", {}, "site down")
    load.record_errors(
        con, second, "kremlin_en", [{"url": "https://kremlin.ru/x", "stage": "fetch", "reason": "503"}]
    )
    rows = {
        r[0]: r
        for r in con.execute(
            "SELECT source_id, releases, figures, commitments, last_status, last_run_id, open_errors, "
            "last_ok_at IS NOT NULL FROM source_status"
        ).fetchall()
    }
    assert rows["kremlin_en"] == ("kremlin_en", 2, 2, 1, "failed", second, 1, True)
    assert rows["kremlin_ru"] == ("kremlin_ru", 1, 1, 0, None, None, 0, False)


def test_check_data_passes_clean_data_and_names_each_broken_rule(con) -> None:
    _pair(con)
    assert checks.check_data(con) == []
    con.execute("UPDATE figures SET kind = 'ratio' WHERE release_id = 'kremlin_en:1'")
    con.execute("UPDATE commitments SET char_end = 10000")
    con.execute("UPDATE releases SET key = '2' WHERE release_id = 'kremlin_en:1'")
    con.execute("DELETE FROM release_versions WHERE release_id = 'kremlin_ru:14197'")
    con.execute("UPDATE figures SET indicator = 'no_such_indicator'")
    load.refresh_threads(con)
    con.execute("INSERT INTO commitment_thread_members SELECT * FROM commitment_thread_members")
    failures = "\n".join(checks.check_data(con))
    assert "accepted values figures.indicator" in failures
    assert "unique commitment_thread_members" in failures
    assert "accepted values figures.kind" in failures
    assert "commitment spans" in failures
    assert "release_id is source_id:key" in failures
    assert "current version" in failures


def test_output_formats(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("1", title='Line one\nline two, "quoted"')])
    cols, rows = query.query(
        path, "SELECT key, title, published_at, published_date, tags, version FROM releases"
    )
    data = json.loads(query.format_json(cols, rows))
    assert data == [
        {
            "key": "1",
            "title": 'Line one\nline two, "quoted"',
            "published_at": "2024-05-01T06:30:00+00:00",
            "published_date": "2024-05-01",
            "tags": ["economy"],
            "version": 1,
        }
    ]
    parsed = list(csv.reader(io.StringIO(query.format_csv(cols, rows))))
    assert (
        parsed[0] == cols and parsed[1][1] == 'Line one\nline two, "quoted"' and parsed[1][4] == '["economy"]'
    )
    table = query.format_table(cols, rows).splitlines()
    assert table[0].split(" | ")[0].strip() == "key" and "published_date" in table[0]
    assert "2024-05-01T06:30:00+00:00" in table[2] and table[-1] == "(1 row)"
    assert query.format_json([], []) == "[]"


def test_source_status_helper_reads_the_view(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    with db.connect(path) as con:
        load.load_batch(con, [release("1"), release("2")])
        run = load.start_run(con, "nightly", "economy_en", {})
        load.finish_run(con, run, "ok", {"releases_new": 2}, None)
    status = query.source_status(path)
    assert status["economy_en"]["releases"] == 2 and status["economy_en"]["last_status"] == "ok"
    assert status["economy_en"]["last_run_at"] <= datetime.now(UTC) + timedelta(seconds=1)
