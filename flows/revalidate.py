"""Rolling revalidation: each run re-checks one slice of the older releases; all of them every N runs.

Releases inside the recheck window are re-checked by every run (discover.recheck_candidates); the older
ones are spread over N daily slices by a stable hash of their id, and each run takes the slice of its day
number, with conditional GETs (ETag / Last-Modified), so an unchanged release costs a 304.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from config import settings
from config.sources import Source
from extractors.pages.discover import Candidate, StoredLike


class StoredWithId(StoredLike, Protocol):
    """A stored release as revalidation sees it: discovery's view plus its id (what the slice hashes)."""

    @property
    def release_id(self) -> str: ...


def slot(release_id: str, every_days: int) -> int:
    """The day slot of a release (0..every_days-1): stable across runs, machines and Python versions."""
    return zlib.crc32(release_id.encode()) % every_days


def day_slot(now: datetime, every_days: int) -> int:
    """The slot revalidated on the (UTC) day of `now`: consecutive days take consecutive slots."""
    return now.astimezone(UTC).date().toordinal() % every_days


def revalidates(source: Source) -> bool:
    """Whether a source's releases can be revalidated: read from article pages, not from feed content."""
    return not (source.feed is not None and source.feed.use_content)


def candidates(
    stored: Mapping[str, StoredWithId],
    *,
    now: datetime,
    source: Source,
    every_days: int = settings.REVALIDATE_DAYS,
    interval_hours: float = settings.RECHECK_INTERVAL_HOURS,
    exclude: set[str] | frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Today's slice of the releases older than the recheck window, not checked within `interval_hours`."""
    if every_days <= 0 or not revalidates(source):
        return []
    today = day_slot(now, every_days)
    horizon = now - timedelta(days=source.recheck_days)
    fresh = now - timedelta(hours=interval_hours)
    out = []
    for key, rel in stored.items():
        if key in exclude or slot(rel.release_id, every_days) != today:
            continue
        when = rel.published_at or _day_start(rel.published_date)
        if when is not None and when >= horizon:
            continue  # inside the recheck window: every run re-checks it already
        if rel.last_checked_at is not None and rel.last_checked_at > fresh:
            continue
        # "recheck": fetched with the stored validators, so an unchanged page is a 304.
        out.append(Candidate(rel.url, key, "recheck"))
    return out


def _day_start(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day is not None else None
