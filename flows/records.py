"""Turn extractor values into the warehouse's input records (the one place the two meet)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from config.sources import Source
from extractors.fetch import FetchResult
from extractors.models import Extraction, ParsedRelease, Published


def release_record(
    source: Source,
    parsed: ParsedRelease,
    published: Published,
    extraction: Extraction,
    result: FetchResult | None,
    updated_raw: str | None,
    seen_at: datetime,
    capture_url: str | None = None,
) -> dict[str, Any]:
    """Build the warehouse record of one release version with its figures and commitments."""
    return {
        "release_id": f"{source.id}:{parsed.key}",
        "source_id": source.id,
        "key": parsed.key,
        "url": parsed.url,
        "title": parsed.title,
        "lang": parsed.lang,
        "published_at": published.at,
        "published_raw": published.raw,
        "published_tz": published.tz,
        "published_date": published.date,
        "body_text": parsed.body_text,
        "lead": parsed.lead,
        "tags": list(parsed.tags),
        "seen_at": seen_at,
        "etag": result.etag if result else None,
        "last_modified": result.last_modified if result else None,
        "updated_raw": updated_raw,
        "pair_key": f"{source.pair_group}:{parsed.key}" if source.pair_group else None,
        "capture_url": capture_url,
        "extractor_version": extraction.extractor_version,
        "figures": [_fact(f) for f in extraction.figures],
        "commitments": [_fact(c) for c in extraction.commitments],
    }


def _fact(value: Any) -> dict[str, Any]:
    return asdict(value)


def raw_page_record(source: Source, url: str, kind: str, result: FetchResult) -> dict[str, Any]:
    """Build the raw page record of one response (body kept verbatim; the warehouse compresses it)."""
    return {
        "source_id": source.id,
        "url": result.url,
        "canonical_url": source.canonical_url(url),
        "kind": kind,
        "status": result.status,
        "fetched_at": result.fetched_at,
        "etag": result.etag,
        "last_modified": result.last_modified,
        "content_type": result.content_type,
        "headers": dict(result.headers),
        "body": result.body,
        "capture_url": None,
    }


def error_record(url: str, stage: str, reason: str, status: int | None) -> dict[str, Any]:
    """Build one `errors` row."""
    return {
        "url": url,
        "stage": stage,
        "reason": reason,
        "http_status": status,
        "occurred_at": datetime.now(UTC),
    }
