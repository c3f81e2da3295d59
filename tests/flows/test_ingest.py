"""Ingest behaviour a user notices: failed URLs retried, --since, a bad record not sinking its batch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

import flows.steps as steps_mod
from config.sources import Source, load_sources
from extractors.models import Extraction, Figure
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from flows.runlog import SourceReport
from tests.mirrors import Mirror
from tests.stored import rows
from warehouse import db

# Ingests against served loopback mirrors.
pytestmark = pytest.mark.e2e


def _source(site: str, mirror: Mirror, **politeness: float) -> Source:
    src = load_sources()[site].with_overrides(base_url=mirror.base_url, min_delay=0)
    return replace(src, politeness=replace(src.politeness, **politeness))


def _run(source: Source, db_path: Path, **opts: object) -> SourceReport:
    con = db.connect(db_path)
    try:
        with Fetcher(backoff_base=0.01) as fetcher:
            return ingest_source(source, con, fetcher, IngestOptions(**opts))  # type: ignore[arg-type]
    finally:
        con.close()


def test_a_url_that_failed_is_recorded_and_retried_by_the_next_run(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=20)
    source = _source("economy_en", mirror, max_retries=1)  # the 503-twice articles fail this run
    first = _run(source, tmp_path / "w.duckdb")
    flaky = {f["target"] for f in mirror.manifest()["faults"] if f["kind"] == "status_503_x2"}
    assert first.status == "partial" and first.failed == len(flaky)
    errors = rows(
        tmp_path / "w.duckdb", "select url, stage, http_status from errors where resolved_at is null"
    )
    assert {(e[1], e[2]) for e in errors} == {("fetch", 503)} and len(errors) == len(flaky)

    second = _run(source, tmp_path / "w.duckdb")
    assert second.status == "ok" and second.new == len(flaky)
    assert rows(tmp_path / "w.duckdb", "select count(*) from errors where resolved_at is null") == [(0,)]
    assert rows(tmp_path / "w.duckdb", "select count(*) from releases") == [(len(mirror.expected()),)]


def test_since_skips_older_releases_and_stops_walking(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("economy_ru", synthetic=60, faults=False)
    expected = mirror.expected()
    since = date.fromisoformat(expected[15]["published_local"][:10])
    report = _run(_source("economy_ru", mirror), tmp_path / "w.duckdb", since=since)
    wanted = {r["canonical_url"] for r in expected if r["published_local"][:10] >= since.isoformat()}
    stored = {r[0] for r in rows(tmp_path / "w.duckdb", "select url from releases")}
    assert stored == wanted
    assert report.pages_fetched < len(expected) // 20 + 1  # stopped before the end of the archive


def test_one_unloadable_record_does_not_sink_its_batch(
    served_mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror: Mirror = served_mirror("kremlin_en", synthetic=6, faults=False)
    victim = mirror.expected()[2]["body"]
    real_extract = steps_mod.extract

    def extract(text: str, lang: str, ref: date | None) -> Extraction:
        out = real_extract(text, lang, ref)
        if text == victim:  # a figure whose span lies outside the body cannot be stored
            bad = Figure("x", 1.0, None, "count", len(text) + 5, len(text) + 6)
            return replace(out, figures=[*out.figures, bad])
        return out

    monkeypatch.setattr(steps_mod, "extract", extract)
    report = _run(_source("kremlin_en", mirror), tmp_path / "w.duckdb", now=datetime.now().astimezone())
    assert (report.new, report.failed, report.status) == (len(mirror.expected()) - 1, 1, "partial")
    (stage, reason), *_ = rows(tmp_path / "w.duckdb", "select stage, reason from errors")
    assert stage == "load" and reason


def test_a_first_listing_page_without_items_fails_loudly(tmp_path: Path) -> None:
    from tests.httpfake import FakeServer, Reply

    redesigned = "<html><body><div class='news-v2'><a href='/material/news/x.html'>x</a></div></body></html>"
    with FakeServer() as srv:
        srv.route("/robots.txt", Reply(404))
        srv.route("/material/news/", Reply(200, redesigned, {"Content-Type": "text/html; charset=utf-8"}))
        src = load_sources()["economy_en"].with_overrides(base_url=srv.base_url, min_delay=0)
        report = _run(src, tmp_path / "w.duckdb")
    assert report.status == "failed" and report.failed == 1  # the reason is in `errors`, printed once
    (stage, reason), *_ = rows(tmp_path / "w.duckdb", "select stage, reason from errors")
    assert stage == "discover" and "selectors" in reason
