"""`pressroom reparse`: releases rebuilt from stored raw pages with changed selectors, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import settings
from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.cli import main
from flows.ingest import IngestOptions, ingest_source
from tests.mirrors import Mirror
from tests.stored import count, rows
from warehouse import db

pytestmark = pytest.mark.e2e  # one ingest against a served loopback mirror

# The changed selector: paragraphs with a percentage are now dropped as page chrome.
DROP = 'drop = [".e-share", "aside.e-related"]'
NEW_DROP = 'drop = [".e-share", "aside.e-related", ".e-article__text p:-soup-contains(\'%\')"]'


def _ingest(mirror: Mirror, path: Path) -> None:
    source = load_sources()[mirror.site].with_overrides(base_url=mirror.base_url, min_delay=0)
    con = db.connect(path)
    try:
        with Fetcher(backoff_base=0.01) as fetcher:
            assert ingest_source(source, con, fetcher, IngestOptions()).status == "ok"
    finally:
        con.close()


def _changed_config(tmp_path: Path) -> Path:
    text = settings.DEFAULT_SOURCES_PATH.read_text(encoding="utf-8")
    block = text.index("[sources.economy_en.article]")
    at = text.index(DROP, block)
    assert at < text.index("[sources.economy_en.backfill]")  # the economy_en article block's drop list
    copy = tmp_path / "sources.toml"
    copy.write_text(text[:at] + NEW_DROP + text[at + len(DROP) :], encoding="utf-8")
    return copy


def test_reparse_versions_only_the_releases_a_changed_selector_reads_differently(
    served_mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=12, faults=False)
    path = tmp_path / "w.duckdb"
    _ingest(mirror, path)
    before = dict(rows(path, "select release_id, body_text from releases"))
    with_percent = {rid for rid, body in before.items() if "%" in body}
    assert 0 < len(with_percent) < len(before)  # the change touches some releases, not all
    mirror.stop()  # offline from here on

    # The same config re-parses to the same releases: nothing gets a new version.
    assert main(["reparse", "--source", "economy_en", "--db", str(path)]) == 0
    assert count(path, "select count(*) from release_versions") == len(before)

    monkeypatch.setenv(settings.SOURCES_ENV_VAR, str(_changed_config(tmp_path)))
    assert main(["reparse", "--source", "economy_en", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"updated={len(with_percent)}" in out and "re-extracted" in out

    versions = dict(rows(path, "select release_id, version from releases"))
    assert {rid for rid, v in versions.items() if v == 2} == with_percent
    assert {rid for rid, v in versions.items() if v == 1} == set(before) - with_percent
    after = dict(rows(path, "select release_id, body_text from releases"))
    assert all("%" not in after[rid] and after[rid] != before[rid] for rid in with_percent)
    # The first version stays readable; figures follow the new body (no percentage figure is left).
    assert count(path, "select count(*) from release_versions where version = 1") == len(before)
    assert count(path, "select count(*) from figures where contains(text, '%') and release_id in "
                 "(select release_id from releases where version = 2)") == 0  # fmt: skip
    runs = rows(path, "select status from runs where flow = 'reparse'")
    assert runs == [("ok",), ("ok",)]

    # A release whose page was not kept cannot be rebuilt: named, counted, exit status 1, nothing lost.
    lost = sorted(before)[0]
    con = db.connect(path)
    try:
        con.execute(
            "DELETE FROM raw_fetches WHERE page_id IN (SELECT page_id FROM releases WHERE release_id = ?)",
            [lost],
        )
    finally:
        con.close()
    assert main(["reparse", "--source", "economy_en", "--db", str(path)]) == 1
    assert "failed=1" in capsys.readouterr().out
    assert (
        rows(path, "select status, message from runs where flow = 'reparse' order by run_id desc limit 1")[0][
            0
        ]
        == "partial"
    )
    assert count(path, "select count(*) from releases") == len(before)


def test_releases_read_from_feed_content_are_rebuilt_from_the_stored_feed_pages(
    served_mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror: Mirror = served_mirror("kremlin_en", synthetic=60, faults=False)  # more than one batch
    path = tmp_path / "w.duckdb"
    _ingest(mirror, path)
    stored = count(path, "select count(*) from releases")
    mirror.stop()
    assert main(["reparse", "--source", "kremlin_en", "--db", str(path)]) == 0
    assert f"unchanged={stored} failed=0" in capsys.readouterr().out  # every one rebuilt, none changed
    assert count(path, "select count(*) from release_versions") == stored


def test_reparse_checks_its_input_before_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reparse", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse" in capsys.readouterr().err
    assert main(["reparse", "--source", "nope", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "unknown source nope" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad:
        main(["reparse", "--since", "2024-02-30"])
    assert bad.value.code == 2
