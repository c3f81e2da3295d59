"""Command-line mistakes: each is one line on stderr and exit status 2, before any work starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import cli
from warehouse.db import connect

DATES = ["--start", "2025-01-01", "--end", "2025-01-02"]


@pytest.fixture
def warehouse(tmp_path: Path) -> str:
    """An empty but real warehouse file."""
    path = tmp_path / "w.duckdb"
    connect(path).close()
    return str(path)


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command line; it must refuse with exit 2 and one line on stderr."""
    with pytest.raises(SystemExit) as stop:
        status = cli.main(argv)
        raise SystemExit(status)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and not captured.out, captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["reextract", "--source", "nosuch"], "unknown source nosuch"),
        (["search", "x", "--source", "nosuch"], "unknown source nosuch"),
        (["ingest", "--source", "kremlin_en", "--source", "nosuch"], "unknown source nosuch"),
        (
            ["backfill", "--source", "nosuch", "--start", "2025-01-01", "--end", "2025-01-02"],
            "unknown source",
        ),
        (
            ["backfill", "--source", "kremlin_en", "--start", "2025-02-30", "--end", "2025-03-01"],
            "not a date",
        ),
        (["backfill", "--source", "kremlin_en", "--start", "2025-03-02", "--end", "2025-03-01"], "is after"),
        (["ingest", "--since", "yesterday"], "not a date"),
        (["ingest", "--base-url", "notaurl"], "not an http(s) URL"),
        (["ingest", "--base-url", "kremlin_en=ftp://x"], "not an http(s) URL"),
        (
            ["backfill", "--source", "kremlin_en", *DATES, "--wayback-url", "web.archive.org"],
            "not an http(s) URL",
        ),
        (["ingest", "--min-delay", "-5"], "zero or more seconds"),
        (["ingest", "--min-delay", "nan"], "zero or more seconds"),
        (["reextract", "--batch-size", "0"], "1 or more"),
        (["search", "x", "--limit", "-1"], "1 or more"),
        (["ingest", "--base-url", "kremlin_en=http://a", "--base-url", "kremlin_en=http://b"], "given twice"),
        (["ingest", "--base-url", "http://a", "--base-url", "http://b"], "given twice"),
        (["sql", "select 1", "--db", "a.duckdb", "--db", "b.duckdb"], "--db given twice"),
        (["report", "--out", "a.html", "--out", "b.html"], "--out given twice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _error(argv, capsys)
    assert says in line and line.startswith(f"pressroom {argv[0]}")


@pytest.mark.parametrize(
    "command", [["sql", "select 1"], ["sources"], ["reextract"], ["search", "x"], ["report"]]
)
def test_read_only_commands_never_create_a_missing_warehouse(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.duckdb"
    assert f"no warehouse at {typo}" in _error([*command, "--db", str(typo)], capsys)
    assert not typo.exists()


def test_the_same_option_repeated_with_the_same_value_is_no_conflict(
    warehouse: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["sql", "select 42 as n", "--db", warehouse, "--db", warehouse, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "42"]


def test_version_names_the_package_the_extractors_and_duckdb(capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from extractors.extract import EXTRACTOR_VERSION

    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("pressroom ") and EXTRACTOR_VERSION in out and duckdb.__version__ in out
