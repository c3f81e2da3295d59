"""The `pressroom` command line as a user runs it: ingest, sql, sources, reextract, and the docs."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

import pytest

from config.sources import load_sources
from flows import cli
from tests.mirrors import Mirror, free_port
from tests.paths import README


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> str:
    """A warehouse filled by `pressroom ingest` from a small kremlin_en mirror."""
    tmp = tmp_path_factory.mktemp("cli")
    mirror = Mirror.build("kremlin_en", tmp / "m", synthetic=8, faults=False).serve()
    db_path = str(tmp / "cli.duckdb")
    try:
        args = ["ingest", "--source", "kremlin_en", "--db", db_path, "--base-url", mirror.base_url]
        assert cli.main([*args, "--min-delay", "0"]) == 0
    finally:
        mirror.stop()
    return db_path


@pytest.mark.e2e
def test_ingest_prints_a_summary_per_source(loaded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sql", "select count(*) as n from releases", "--db", loaded_db, "--format", "json"]) == 0
    n = json.loads(capsys.readouterr().out)[0]["n"]
    assert n > 8  # synthetic releases plus the gold documents


@pytest.mark.e2e
def test_sql_formats_table_csv_and_json(loaded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    query = "select release_id, published_at from releases order by published_at desc limit 3"
    cli.main(["sql", query, "--db", loaded_db, "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["release_id", "published_at"] and len(rows) == 4
    cli.main(["sql", query, "--db", loaded_db, "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert [r["release_id"] for r in records] == [r[0] for r in rows[1:]]
    cli.main(["sql", query, "--db", loaded_db])
    table = capsys.readouterr().out
    assert "release_id" in table and records[0]["release_id"] in table


@pytest.mark.e2e
def test_sql_connection_is_read_only(loaded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sql", "delete from releases", "--db", loaded_db]) == 2
    assert "read-only" in capsys.readouterr().err.lower()
    cli.main(["sql", "select count(*) as n from releases", "--db", loaded_db, "--format", "json"])
    assert json.loads(capsys.readouterr().out)[0]["n"] > 0


@pytest.mark.e2e
def test_sources_lists_every_configured_source_with_counts(
    loaded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["sources", "--db", loaded_db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split()[0] for ln in lines] == list(load_sources())
    kremlin = next(ln for ln in lines if ln.startswith("kremlin_en"))
    assert re.search(r"releases=[1-9]\d*", kremlin) and "status=ok" in kremlin


@pytest.mark.e2e
def test_reextract_is_offline_and_idempotent(loaded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["reextract", "--db", loaded_db]) == 0
    out = capsys.readouterr().out
    assert re.search(r"re-extracted \d+ releases; 0 figure/commitment rows changed", out), out


@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.e2e
def test_ingest_exits_non_zero_and_says_which_source_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    args = ["ingest", "--source", "economy_ru", "--db", str(tmp_path / "x.duckdb"), "--base-url", dead]
    assert cli.main([*args, "--min-delay", "0"]) == 1
    captured = capsys.readouterr()
    assert "failed" in captured.out
    # Which URL, and why: once, in one line of the log (the summary line only counts). Read from the log
    # records: the console handler may write to a stream an earlier test captured.
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("pressroom")]
    (line,) = [ln for ln in lines if "https://www.economy.gov.ru/material/news/" in ln]
    assert "economy_ru" in line and "discover failed" in line and "connect" in line.lower()
    assert "Traceback" not in captured.err


def test_bad_input_gets_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ingest", "--source", "nope", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "unknown source" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["ingest", "--since", "yesterday"])
    assert "not a date" in capsys.readouterr().err


def _options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: {opt for act in p._actions for opt in act.option_strings if opt.startswith("--")} - {"--help"}
        for name, p in sub.choices.items()
    }


def test_every_command_option_and_source_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for command, options in _options(cli.build_parser()).items():
        assert f"pressroom {command}" in text, command
        for opt in options:
            assert opt in text, f"{command} {opt}"
    for sid in load_sources():
        assert f"`{sid}`" in text, sid
