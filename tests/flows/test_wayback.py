"""`pressroom backfill --from-wayback`: captures listed by a loopback CDX server, stored by original URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from config.sources import load_sources
from extractors.archives.wayback import Capture, parse_cdx, playback_url, release_captures, url_prefix
from flows.cli import main
from tests.httpfake import FakeServer, Reply
from tests.mirrors import Mirror
from tests.stored import rows

# A loopback Wayback Machine and served mirrors.
pytestmark = pytest.mark.e2e

START, END = date(2024, 1, 1), date(2024, 3, 31)
CDX_HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def cdx_row(timestamp: str, original: str) -> list[str]:
    return ["ru,gov,economy,en)/x", timestamp, original, "text/html", "200", "DIGEST", "1234"]


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Mirror:
    return Mirror.build("economy_en", tmp_path_factory.mktemp("wb") / "economy_en", synthetic=8, faults=False)


@pytest.fixture
def archive(mirror: Mirror) -> Iterator[tuple[FakeServer, dict[str, str]]]:
    """A fake Wayback Machine: a CDX answer (two captures of one release, a listing page) and replays."""
    routes = json.loads((mirror.out / "routes.json").read_text(encoding="utf-8"))
    records = mirror.expected()[:5]
    table = [CDX_HEADER]
    replays: dict[str, str] = {}  # canonical URL → playback target of the capture to keep
    for n, rec in enumerate(records):
        stamp = f"202402{n + 10:02d}093000"
        table.append(cdx_row(stamp, rec["canonical_url"]))
        replays[rec["canonical_url"]] = f"/web/{stamp}id_/{rec['canonical_url']}"
    older = records[0]["canonical_url"]
    table.append(cdx_row("20240105120000", older))  # an older capture of the first release: not fetched
    table.append(cdx_row("20240201000000", "https://en.economy.gov.ru/material/news/"))  # the listing
    with FakeServer() as fake:
        fake.route("/cdx/search/cdx", Reply(200, json.dumps(table), {"Content-Type": "application/json"}))
        for rec in records:
            body = (mirror.out / routes[rec["url_path"]]["file"]).read_bytes()
            fake.route(replays[rec["canonical_url"]], Reply(200, body))
            fake.route(f"/web/20240105120000id_/{older}", Reply(200, body))
        yield fake, replays


def wayback_args(fake: FakeServer, db_path: Path) -> list[str]:
    args = ["backfill", "--from-wayback", "--source", "economy_en", "--start", str(START), "--end", str(END)]
    return [*args, "--db", str(db_path), "--wayback-url", fake.base_url, "--min-delay", "0"]


def test_wayback_backfill_stores_captures_under_their_original_urls(archive, tmp_path: Path) -> None:
    fake, replays = archive
    db_path = tmp_path / "wb.duckdb"
    assert main(wayback_args(fake, db_path)) == 0
    (query,) = fake.requests_to("/cdx/search/cdx")
    params = {k: v[0] for k, v in parse_qs(urlsplit(query.target).query).items()}
    assert params == {
        "url": "en.economy.gov.ru/material/news/",
        "matchType": "prefix",
        "from": "20240101",
        "to": "20240331",
        "output": "json",
        "filter": "statuscode:200",
        "collapse": "urlkey",
    }
    got = dict(rows(db_path, "select url, capture_url from releases"))
    assert got == {url: fake.base_url + target for url, target in replays.items()}
    pages = rows(db_path, "select canonical_url, url, capture_url from raw_pages where kind = 'wayback'")
    assert {p[0]: p[2] for p in pages} == got and all(p[1] == p[2] for p in pages)
    linked = rows(
        db_path,
        "select r.capture_url = p.capture_url, r.etag from releases r join raw_pages p using (page_id)",
    )
    assert linked == [(True, None)] * len(replays)  # no archive validator is kept for the live site
    played = [r.target for r in fake.log if r.path.startswith("/web/")]
    assert sorted(played) == sorted(replays.values())  # the latest capture of each release, once
    runs = rows(db_path, "select flow, source_id, status, releases_new from runs")
    assert runs == [("backfill", "economy_en", "ok", len(replays))]


def test_wayback_rerun_makes_no_request(archive, tmp_path: Path) -> None:
    fake, _ = archive
    db_path = tmp_path / "wb.duckdb"
    assert main(wayback_args(fake, db_path)) == 0
    seen = len(fake.log)
    assert main(wayback_args(fake, db_path)) == 0
    assert len(fake.log) == seen


def test_a_failed_cdx_query_fails_the_run_and_is_recorded(archive, tmp_path: Path) -> None:
    fake, _ = archive
    fake.route("/cdx/search/cdx", Reply(404, "no"))
    db_path = tmp_path / "wb.duckdb"
    assert main(wayback_args(fake, db_path)) == 1
    assert rows(db_path, "select status from runs") == [("failed",)]
    assert rows(db_path, "select stage, http_status from errors") == [("discover", 404)]
    assert rows(db_path, "select count(*) from releases") == [(0,)]


def test_cdx_answer_empty_or_malformed() -> None:
    assert parse_cdx(b"") == [] and parse_cdx(b"[]") == []
    with pytest.raises(ValueError):
        parse_cdx(b"<html>rate limited</html>")


def test_release_captures_keep_the_latest_capture_of_each_release_url() -> None:
    source = load_sources()["kremlin_en"]
    caps = [
        Capture("20240102000000", "http://en.kremlin.ru/events/president/news/73001"),
        Capture("20240105000000", "http://en.kremlin.ru/events/president/news/73001/"),
        Capture("20240103000000", "http://en.kremlin.ru/events/president/news/by-date/02.01.2024"),
    ]
    kept = release_captures(source, caps)
    assert [c.timestamp for c in kept] == ["20240105000000"]
    assert url_prefix(source) == "en.kremlin.ru/events/president/news/"
    assert url_prefix(load_sources()["government_en"]) == "government.ru/en/news/"
    assert playback_url("https://web.archive.org/", kept[0]) == (
        "https://web.archive.org/web/20240105000000id_/http://en.kremlin.ru/events/president/news/73001/"
    )
