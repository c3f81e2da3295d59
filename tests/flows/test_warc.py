"""`pressroom import-warc`: releases from WARC files written with warcio from mirror pages."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from config.sources import load_sources
from extractors.archives.warc import match_source
from flows.cli import main
from tests.mirrors import Mirror
from tests.stored import rows

# WARC files written from built mirrors, imported through the CLI.
pytestmark = pytest.mark.e2e


def page(mirror: Mirror, target: str) -> bytes:
    route = json.loads((mirror.out / "routes.json").read_text(encoding="utf-8"))[target]
    return (mirror.out / route["file"]).read_bytes()


def response(writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


@pytest.fixture(scope="module")
def mirrors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Mirror]:
    """Built (not served) mirrors: a WARC is written from their files."""
    root = tmp_path_factory.mktemp("warc-mirrors")
    return {s: Mirror.build(s, root / s, synthetic=6, faults=False) for s in ("economy_en", "government_en")}


@pytest.fixture
def warc_file(mirrors: dict[str, Mirror], tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """A gzipped WARC with article responses of two sources and records that are not releases."""
    path = tmp_path / "crawl.warc.gz"
    chosen = [r for m in mirrors.values() for r in m.expected()[:4]]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        for site, mirror in mirrors.items():
            for rec in mirror.expected()[:4]:
                response(writer, rec["canonical_url"], page(mirror, rec["url_path"]))
            listing = load_sources()[site].listing
            assert listing is not None
            response(writer, load_sources()[site].canonical_base + listing.url, page(mirror, listing.url))
        missing = mirrors["economy_en"].expected()[5]["canonical_url"]
        response(writer, missing, b"not found", "404 Not Found")
        response(writer, "https://example.org/material/news/elsewhere.html", b"<p>other site</p>")
        request = writer.create_warc_record(chosen[0]["canonical_url"], "request", payload=BytesIO(b"GET /"))
        writer.write_record(request)
    return path, chosen


def test_import_warc_loads_the_archived_releases_of_configured_sources(
    warc_file, tmp_path: Path, capsys
) -> None:
    path, chosen = warc_file
    db_path = tmp_path / "w.duckdb"
    assert main(["import-warc", str(path), "--db", str(db_path)]) == 0
    assert "12 responses read, 4 skipped" in capsys.readouterr().out
    got = {
        r[0]: r[1:]
        for r in rows(db_path, "select url, source_id, title, body_text, published_date from releases")
    }
    assert set(got) == {r["canonical_url"] for r in chosen}
    for rec in chosen:
        source_id, title, body, day = got[rec["canonical_url"]]
        assert source_id == ("government_en" if "government.ru" in rec["canonical_url"] else "economy_en")
        assert (title, body) == (rec["title"], rec["body"])
        assert day == date.fromisoformat(rec["published_local"][:10])
    kinds = rows(db_path, "select kind, count(*) from raw_pages group by kind")
    assert kinds == [("warc", len(chosen))]
    linked = rows(
        db_path, "select p.kind, p.canonical_url = r.url from releases r join raw_pages p using (page_id)"
    )
    assert linked == [("warc", True)] * len(chosen)  # each release points at the record it was read from
    runs = rows(db_path, "select flow, source_id, status, releases_new from runs order by source_id")
    assert runs == [("import-warc", "economy_en", "ok", 4), ("import-warc", "government_en", "ok", 4)]


def test_importing_the_same_file_again_changes_nothing(warc_file, tmp_path: Path, capsys) -> None:
    path, _ = warc_file
    db_path = tmp_path / "w.duckdb"
    assert main(["import-warc", str(path), "--db", str(db_path)]) == 0
    before = rows(db_path, "select * from releases order by release_id")
    assert main(["import-warc", str(path), "--db", str(db_path)]) == 0
    assert "12 responses read, 12 skipped" in capsys.readouterr().out
    assert rows(db_path, "select * from releases order by release_id") == before


def test_a_file_that_is_not_a_warc_is_refused_with_its_name(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "notes.warc"
    bogus.write_text("just some text\n", encoding="utf-8")
    assert main(["import-warc", str(bogus), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "notes.warc" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "source_id"),
    [
        ("http://government.ru/en/news/51234/", "government_en"),
        ("http://government.ru/news/51234/?ajax=reader", "government_ru"),
        ("https://www.economy.gov.ru/material/news/slug.html", "economy_ru"),
        ("https://en.economy.gov.ru/material/news/slug.html", "economy_en"),
        ("http://kremlin.ru/events/president/news/73000", "kremlin_ru"),
        ("https://www.gov.uk/government/news/some-release", "govuk"),
        ("http://government.ru/news/", None),
        ("https://example.org/news/51234/", None),
    ],
)
def test_a_record_url_is_matched_to_its_source_by_host_and_key_pattern(
    url: str, source_id: str | None
) -> None:
    found = match_source(url, load_sources().values())
    assert (found.id if found else None) == source_id
