"""Redirects never carry a release off its source's hosts or onto another release's key."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import settings
from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from tests.config import readme
from tests.httpfake import FakeServer, Reply
from tests.paths import PAGES
from tests.stored import rows
from warehouse import db

SITE = PAGES / "example_ru"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _page(name: str) -> Reply:
    return Reply(200, (SITE / name).read_bytes(), HTML)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.SOURCES_ENV_VAR, str(readme.config_with_example(tmp_path)))


@pytest.mark.usefixtures("config")
def test_an_off_site_or_cross_release_redirect_stores_nothing_under_the_first_key(tmp_path: Path) -> None:
    with FakeServer() as elsewhere, FakeServer() as site:
        elsewhere.route(
            "/trap/", Reply(200, "<html><body><h1>Elsewhere</h1><p>Not ours.</p></body></html>", HTML)
        )
        site.route("/robots.txt", Reply(404))
        site.route("/news/", _page("listing-1.html"))
        site.route("/news/?PAGEN_1=2", _page("listing-1.html"))  # the repeat ends the walk
        site.route("/news/1005/", Reply(302, "", {"Location": f"{elsewhere.base_url}/trap/"}))
        site.route("/news/1004/", Reply(302, "", {"Location": "/news/1003/"}))  # onto another release
        site.route("/news/1003/", _page("news-1003.html"))
        source = load_sources()[readme.example_id()].with_overrides(base_url=site.base_url, min_delay=0)
        con = db.connect(tmp_path / "w.duckdb")
        try:
            with Fetcher() as fetcher:
                report = ingest_source(source, con, fetcher, IngestOptions())
        finally:
            con.close()
    assert elsewhere.hits("/trap/") == 0  # the off-site hop is never requested
    stored = [key for (key,) in rows(tmp_path / "w.duckdb", "select key from releases order by key")]
    assert stored == ["1003"]  # stored once, under its own key only
    failed = dict(rows(tmp_path / "w.duckdb", "select url, reason from errors"))
    assert set(failed) == {"https://example.gov.ru/news/1005/", "https://example.gov.ru/news/1004/"}
    assert "another release" in failed["https://example.gov.ru/news/1004/"]
    assert report.failed == 2
