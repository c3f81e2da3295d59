"""Turn extractor values into the warehouse's input records (the one place the two meet)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from config.sources import Source
from extractors.extract import extract
from extractors.models import Commitment, Extraction, Figure, ParsedRelease, Published
from extractors.web.fetch import FetchResult
from warehouse.records import CommitmentRecord, ErrorRecord, FigureRecord, RawPageRecord, ReleaseRecord


def release_record(
    source: Source,
    parsed: ParsedRelease,
    published: Published,
    extraction: Extraction,
    result: FetchResult | None,
    updated_raw: str | None,
    seen_at: datetime,
    capture_url: str | None = None,
) -> ReleaseRecord:
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
        "figures": [figure_record(f) for f in extraction.figures],
        "commitments": [commitment_record(c) for c in extraction.commitments],
    }


def figure_record(fig: Figure) -> FigureRecord:
    """Build the record of one figure: every field of Figure, under the same name."""
    return {
        "text": fig.text,
        "value": fig.value,
        "unit": fig.unit,
        "kind": fig.kind,
        "char_start": fig.char_start,
        "char_end": fig.char_end,
        "sentence": fig.sentence,
        "measure": fig.measure,
        "period": fig.period,
        "period_start": fig.period_start,
        "period_end": fig.period_end,
        "direction": fig.direction,
        "qualifier": fig.qualifier,
        "core": fig.core,
        "indicator": fig.indicator,
        "subject": fig.subject,
    }


def commitment_record(com: Commitment) -> CommitmentRecord:
    """Build the record of one commitment: every field of Commitment, under the same name."""
    return {
        "sentence": com.sentence,
        "char_start": com.char_start,
        "char_end": com.char_end,
        "actor": com.actor,
        "action": com.action,
        "horizon": com.horizon,
        "horizon_start": com.horizon_start,
        "horizon_end": com.horizon_end,
        "cue": com.cue,
        "kind": com.kind,
        "domain": com.domain,
        "core": com.core,
        "actor_key": com.actor_key,
        "action_terms": com.action_terms,
    }


def raw_page_record(source: Source, url: str, kind: str, result: FetchResult) -> RawPageRecord:
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


def error_record(url: str, stage: str, reason: str, status: int | None) -> ErrorRecord:
    """Build one `errors` row."""
    return {
        "url": url,
        "stage": stage,
        "reason": reason,
        "http_status": status,
        "occurred_at": datetime.now(UTC),
    }


# One stored release to extract again: (release_id, body, lang, published_at, published_date).
Row = tuple[str, str, str, datetime | None, date | None]
# Its fresh extraction: (release_id, figure records, commitment records).
Facts = tuple[str, list[Any], list[Any]]


def extract_rows(rows: list[Row]) -> list[Facts]:
    """Extract a batch of stored releases into fact records (runs in a worker process, so kept light)."""
    items: list[Facts] = []
    for release_id, body, lang, at, day in rows:
        ex = extract(body, lang, day or (at.date() if at else None))
        figures = [figure_record(f) for f in ex.figures]
        items.append((release_id, figures, [commitment_record(c) for c in ex.commitments]))
    return items
