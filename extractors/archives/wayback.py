"""Wayback Machine: the CDX query of a source's captures, reading its answer, and playback URLs.

Pure functions; fetching goes through the Fetcher like every other request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode, urlsplit

from config.sources import Source

DEFAULT_WAYBACK = "https://web.archive.org"
# The literal start of a key pattern: everything before its first regex construct.
_META = re.compile(r"[\\()\[\]{}.*+?|^$]")


class CdxError(ValueError):
    """The CDX answer is not the JSON table it should be."""


@dataclass(frozen=True)
class Capture:
    """One archived capture: when (14-digit UTC timestamp) and of which original URL."""

    timestamp: str
    original: str
    status: str | None = None
    mimetype: str | None = None
    digest: str | None = None


def url_prefix(source: Source) -> str:
    """The host + path prefix under which a source's releases live, from its key pattern."""
    pattern = source.key_pattern.lstrip("^")
    path = pattern[: m.start()] if (m := _META.search(pattern)) else pattern
    host = urlsplit(source.canonical_base).netloc
    return f"{host}{path if path.startswith('/') else '/' + path}"


def cdx_url(wayback: str, prefix: str, start: date, end: date) -> str:
    """The CDX API query listing distinct URLs under `prefix` captured with status 200 in [start, end]."""
    query = [
        ("url", prefix),
        ("matchType", "prefix"),
        ("from", start.strftime("%Y%m%d")),
        ("to", end.strftime("%Y%m%d")),
        ("output", "json"),
        ("filter", "statuscode:200"),
        ("collapse", "urlkey"),
    ]
    return f"{wayback.rstrip('/')}/cdx/search/cdx?{urlencode(query, safe=':/')}"


def parse_cdx(body: bytes | str) -> list[Capture]:
    """Read the CDX JSON answer: a header row of field names, then one row per capture."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    if not text.strip():
        return []  # the CDX server answers an empty body when nothing matched
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CdxError(f"CDX answer is not JSON: {exc}") from exc
    if not isinstance(rows, list) or not rows:
        return []
    header = rows[0]
    if not isinstance(header, list) or "timestamp" not in header or "original" not in header:
        raise CdxError(f"CDX header lacks timestamp/original: {header!r}")
    col = {name: i for i, name in enumerate(header)}
    return [_capture(row, col) for row in rows[1:] if isinstance(row, list) and len(row) == len(header)]


def _capture(row: list[str], col: dict[str, int]) -> Capture:
    def get(name: str) -> str | None:
        return row[col[name]] if name in col else None

    return Capture(
        row[col["timestamp"]], row[col["original"]], get("statuscode"), get("mimetype"), get("digest")
    )


def playback_url(wayback: str, capture: Capture) -> str:
    """The URL serving a capture's original bytes (the `id_` flag drops the Wayback toolbar and rewriting)."""
    return f"{wayback.rstrip('/')}/web/{capture.timestamp}id_/{capture.original}"


def release_captures(source: Source, captures: Iterable[Capture]) -> list[Capture]:
    """Captures of the source's release pages, one per release key (the latest capture wins)."""
    best: dict[str, Capture] = {}
    for cap in captures:
        key = source.release_key(cap.original)
        if key is None:
            continue
        if key not in best or cap.timestamp > best[key].timestamp:
            best[key] = cap
    return sorted(best.values(), key=lambda c: (c.timestamp, c.original))
