"""Helpers of the backfill tests: sources pointed at loopback mirrors, the truth of a range, runs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from config.sources import Source, load_sources
from extractors.web.fetch import Fetcher
from flows.backfill import backfill_source
from flows.runlog import SourceReport
from tests.httpfake import FakeServer
from tests.mirrors import Mirror
from warehouse import db


def source_for(site: str, mirror: Mirror | FakeServer) -> Source:
    """The configured source pointed at a loopback server, without politeness delay."""
    return load_sources()[site].with_overrides(base_url=mirror.base_url, min_delay=0)


def local_day(rec: dict[str, Any]) -> date:
    """The Moscow-local publication date of an expected.json record."""
    return date.fromisoformat(rec["published_local"][:10])


def in_range(mirror: Mirror, start: date, end: date) -> dict[str, dict[str, Any]]:
    """The truth: canonical URL → record of every release published in [start, end]."""
    return {r["canonical_url"]: r for r in mirror.expected() if start <= local_day(r) <= end}


def run(source: Source, start: date, end: date, db_path: Path) -> SourceReport:
    """Backfill [start, end] of one source into the warehouse at db_path."""
    con = db.connect(db_path)
    try:
        with Fetcher() as fetcher:
            return backfill_source(source, con, fetcher, start, end)
    finally:
        con.close()


def article_targets(mirror: Mirror, since: int = 0) -> list[str]:
    """Article paths requested after the `since`-th logged request (listing and archive pages excluded)."""
    paths = {r["url_path"] for r in mirror.expected()}
    targets = (r["target"].split("?")[0] for r in mirror.requests()[since:])  # government adds ?ajax=reader
    return [t for t in targets if t in paths]


def ranges(mirror: Mirror) -> list[tuple[date, date]]:
    """Ranges whose ends fall on release days, just inside them, and a single release day."""
    days = sorted({local_day(r) for r in mirror.expected()})
    a, b = days[len(days) // 4], days[len(days) // 2]
    one = timedelta(days=1)
    return [(a, b), (a + one, b - one), (b, b)]
