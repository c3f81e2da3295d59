"""An edit of an old release, far below the listing's first page, is found by rolling revalidation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from tests.mirrors import Mirror
from tests.stored import rows
from warehouse import db

pytestmark = pytest.mark.e2e

NIGHTS = 4  # the setting under test: the whole archive is re-checked once in this many nights


def _night(mirror: Mirror, path: Path, now: datetime, every: int) -> None:
    source = load_sources()["economy_en"].with_overrides(base_url=mirror.base_url, min_delay=0)
    warehouse = db.Warehouse(path)
    with Fetcher(backoff_base=0.01) as fetcher:
        report = ingest_source(source, warehouse, fetcher, IngestOptions(now=now, revalidate_days=every))
    assert report.status == "ok", report.message


def test_an_edited_old_release_is_picked_up_within_n_nights(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=12, faults=False)
    path, start = tmp_path / "w.duckdb", datetime.now(UTC)
    _night(mirror, path, start, NIGHTS)
    oldest = mirror.expected()[-1]
    mirror.update(edit=[oldest["id"]])
    version = f"select version, body_text from releases where url = '{oldest['canonical_url']}'"

    # Without revalidation the nightly never looks below the first listing page: the edit is missed.
    for night in range(1, NIGHTS + 1):
        _night(mirror, path, start + timedelta(days=night), 0)
    assert rows(path, version)[0][0] == 1

    mark = len(mirror.requests())
    for night in range(NIGHTS + 1, 2 * NIGHTS + 1):
        _night(mirror, path, start + timedelta(days=night), NIGHTS)
    (number, body), *_ = rows(path, version)
    edited = next(r for r in mirror.expected() if r["id"] == oldest["id"])
    assert (number, body) == (2, edited["body"])
    # Every other release was asked once, conditionally, and answered 304: the archive cost no bodies.
    articles = [
        r for r in mirror.requests()[mark:] if "/material/news/" in r["target"] and ".html" in r["target"]
    ]
    statuses = sorted(r["status"] for r in articles)
    assert statuses.count(200) == 1 and statuses.count(304) == len(mirror.expected()) - 1
