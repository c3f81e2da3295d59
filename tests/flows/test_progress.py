"""Progress of an ingest: a bar per source on a terminal, a line per source otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from flows import cli
from flows.progress import Board, Reporter
from flows.runlog import SourceReport


def _report(new: int, failed: int = 0) -> SourceReport:
    return SourceReport("kremlin_en", new=new, failed=failed, requests=new + failed)


def test_without_a_terminal_each_source_prints_lines_and_a_final_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Reporter, "PLAIN_EVERY_S", 0.0)
    out = io.StringIO()
    board = Board(out, tty=False)
    lane = board.lane("kremlin_en")
    lane.begin(3)
    lane.update(1, _report(1))
    lane.update(3, _report(2, failed=1))
    lane.end(_report(2, failed=1))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("kremlin_en: 1/3 releases, 1 new")
    assert lines[-1].startswith("kremlin_en: 3/3 releases, 2 new, 0 updated, 1 failed")


def test_without_a_terminal_lines_are_spaced_out() -> None:
    out = io.StringIO()
    lane = Board(out, tty=False).lane("economy_ru")
    lane.begin(100)
    for n in range(1, 101):
        lane.update(n, _report(n))
    assert out.getvalue() == ""  # well under the interval: no line until the end
    lane.end(_report(100))
    (line,) = out.getvalue().splitlines()
    assert line.startswith("economy_ru: 100/100 releases")


def test_on_a_terminal_the_sources_share_one_display() -> None:
    out = io.StringIO()
    board = Board(out, tty=True)
    first, second = board.lane("kremlin_en"), board.lane("economy_ru")  # two live displays would raise
    first.begin(2)
    second.begin(5)
    first.update(2, _report(2))
    second.update(1, _report(1))
    first.end(_report(2))
    board.close()
    shown = out.getvalue()
    assert "kremlin_en" in shown and "economy_ru" in shown and "2/2" in shown


@pytest.mark.e2e
def test_ingest_shows_each_source_progress(
    served_mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = served_mirror("kremlin_en", synthetic=3, faults=False)
    args = ["ingest", "--source", "kremlin_en", "--db", str(tmp_path / "p.duckdb")]
    assert cli.main([*args, "--base-url", mirror.base_url, "--min-delay", "0"]) == 0
    final = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("kremlin_en: ")]
    assert final and " releases, " in final[-1]
    done, total = final[-1].split()[1].split("/")
    assert done == total and int(total) > 3
