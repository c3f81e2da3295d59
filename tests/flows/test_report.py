"""`pressroom report`: a static page with charts of the warehouse, self-contained and readable offline."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from extractors.web.browser import CHROMIUM_FLAGS, CHROMIUM_PATH, browser_missing
from flows.report import build_report, write_report
from tests.warehouse.builders import figure, release
from warehouse import db, load

UTC = UTC
BODY = "Exports grew by 12% to 40 billion roubles. The ministry will publish a plan by 2025."


def _warehouse(path: Path) -> Path:
    """Six releases over four months from two sources, one with a hostile title."""
    start = datetime(2023, 1, 10, 9, tzinfo=UTC)
    records = [
        release(
            str(i),
            body=BODY,
            source_id=src,
            published_at=start + timedelta(days=30 * i),
            figures=[figure(BODY, "12%", 12 + i, "percent", "percent", measure="exports", core=True)],
        )
        for i, src in enumerate(["economy_en", "economy_en", "kremlin_en", "economy_en", "kremlin_en"])
    ]
    records.append(release("9", body=BODY, title="<script>alert(1)</script>", published_at=start))
    with db.connect(path) as con:
        load.load_batch(con, records)
    return path


def test_report_holds_every_section_with_charts_and_escapes_site_text(tmp_path: Path) -> None:
    page = build_report(_warehouse(tmp_path / "wh.duckdb"))
    for heading in (
        "Releases per month",
        "Latest run of each source",
        "Figure series",
        "horizon ends",
        "due",
    ):
        assert heading in page
    assert len(re.findall(r"<svg\b", page)) >= 3  # months, series, horizon years
    assert "<script" not in page  # no script of ours, and none of the sites'
    assert "http://" not in page.split("<body>")[0] and "https://" not in page.split("<body>")[0]


def test_an_empty_warehouse_gives_a_page_that_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    page = build_report(path)
    assert "No dated release is stored yet." in page and "<svg" not in page


MISSING = browser_missing()


@pytest.mark.browser
@pytest.mark.e2e
@pytest.mark.skipif(MISSING is not None, reason=f"needs a headless browser: {MISSING}")
def test_report_renders_in_chromium_with_its_charts(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = write_report(_warehouse(tmp_path / "wh.duckdb"), tmp_path / "report.html")
    shot = tmp_path / "report.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page()
            page.goto(out.as_uri())
            charts = page.locator("figure.chart svg")
            assert charts.count() >= 3
            assert charts.first.bounding_box()["width"] > 200
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000


def test_report_and_export_commands_write_their_files(tmp_path: Path, capsys) -> None:
    from flows.cli import main

    path = _warehouse(tmp_path / "wh.duckdb")
    assert main(["report", "--db", str(path), "--out", str(tmp_path / "r.html")]) == 0
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["export", "--db", str(path), "--parquet", str(tmp_path / "pq")]) == 0
    assert list((tmp_path / "pq" / "releases").glob("source_id=*/year=2023/*.parquet"))
    assert "exported to" in capsys.readouterr().out
    assert main(["export", "--db", str(tmp_path / "typo.duckdb"), "--parquet", str(tmp_path / "x")]) == 2
    assert "no warehouse at" in capsys.readouterr().err and not (tmp_path / "typo.duckdb").exists()
