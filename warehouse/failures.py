"""What the failure policy reads: each open URL's failures so far, and the parked URLs (docs/failures.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse import query

_URL_FAILURES = """
WITH open AS (
    SELECT url, stage, reason, http_status, occurred_at, parked_at,
           count(*) OVER (PARTITION BY url) AS attempts
    FROM errors
    WHERE source_id = ? AND resolved_at IS NULL AND url IS NOT NULL
      AND coalesce(severity, 'error') = 'error'
    QUALIFY row_number() OVER (PARTITION BY url ORDER BY occurred_at DESC, error_id DESC) = 1)
SELECT o.url, o.stage, o.reason, o.http_status, o.attempts, o.parked_at,
       (SELECT count(*) FROM runs r
        WHERE r.source_id = ? AND r.flow = ? AND r.started_at > o.occurred_at) AS runs_since
FROM open o
ORDER BY o.occurred_at, o.url
"""


@dataclass(frozen=True)
class UrlFailure:
    """An open URL's failures: the latest one, how many, whether parked, runs started since."""

    url: str
    stage: str
    reason: str
    http_status: int | None
    attempts: int
    parked_at: datetime | None
    runs_since: int  # runs of the flow started after the latest failure (the current one included)


@dataclass(frozen=True)
class ParkedUrl:
    """One row of the `parked_urls` view."""

    source_id: str
    url: str
    stage: str
    reason: str
    http_status: int | None
    attempts: int
    parked_at: datetime


def url_failures(con: duckdb.DuckDBPyConnection, source_id: str, flow: str = "nightly") -> list[UrlFailure]:
    """Return the open failures of each URL of a source (warnings and resolved errors left out)."""
    rows = con.execute(_URL_FAILURES, [source_id, source_id, flow]).fetchall()
    return [UrlFailure(*row) for row in rows]


def parked_urls(con: duckdb.DuckDBPyConnection, source_id: str | None = None) -> list[ParkedUrl]:
    """Return the parked URLs (of one source, or of all), oldest first."""
    rows = con.execute(
        "SELECT source_id, url, stage, reason, http_status, attempts, parked_at FROM parked_urls "
        "WHERE ? IS NULL OR source_id = ? ORDER BY source_id, parked_at, url",
        [source_id, source_id],
    ).fetchall()
    return [ParkedUrl(*row) for row in rows]


def read_parked(path: str | os.PathLike[str]) -> list[ParkedUrl]:
    """Return every parked URL of the warehouse file at `path`, read through the analysts' reader."""
    _, rows = query.query(
        path,
        "SELECT source_id, url, stage, reason, http_status, attempts, parked_at FROM parked_urls "
        "ORDER BY source_id, parked_at, url",
    )
    return [ParkedUrl(*row) for row in rows]
