"""Typed records the warehouse accepts (TypedDicts) and returns (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NotRequired, TypedDict


class FigureRecord(TypedDict):
    """One figure of a release; field names match extractors' Figure so `asdict` converts it."""

    text: str
    value: float
    unit: str | None
    kind: str  # money | percent | count | quantity
    char_start: int  # offsets into the release's body_text (Python str indices)
    char_end: int
    sentence: NotRequired[str]
    measure: NotRequired[str | None]
    period: NotRequired[str | None]
    period_start: NotRequired[date | None]
    period_end: NotRequired[date | None]
    direction: NotRequired[str | None]
    qualifier: NotRequired[str | None]
    core: NotRequired[bool]
    indicator: NotRequired[str | None]  # id of config/indicators.toml
    subject: NotRequired[str | None]


class CommitmentRecord(TypedDict):
    """One commitment of a release; field names match extractors' Commitment."""

    sentence: str
    char_start: int
    char_end: int
    actor: NotRequired[str | None]
    action: NotRequired[str | None]
    horizon: NotRequired[str | None]
    horizon_start: NotRequired[date | None]
    horizon_end: NotRequired[date | None]
    cue: NotRequired[str | None]
    kind: NotRequired[str]
    domain: NotRequired[str | None]
    core: NotRequired[bool]
    actor_key: NotRequired[str | None]
    action_terms: NotRequired[list[str] | tuple[str, ...]]


class ReleaseRecord(TypedDict):
    """One parsed, normalized and extracted release, ready to load."""

    source_id: str
    key: str
    url: str  # canonical URL on the real host
    title: str
    lang: str
    body_text: str
    published_at: datetime | None  # aware; stored as a UTC instant
    published_raw: str | None
    published_date: date | None
    figures: list[FigureRecord]
    commitments: list[CommitmentRecord]
    extractor_version: str
    published_tz: NotRequired[str | None]
    lead: NotRequired[str | None]
    tags: NotRequired[list[str] | tuple[str, ...]]
    updated_raw: NotRequired[str | None]
    etag: NotRequired[str | None]
    last_modified: NotRequired[str | None]
    pair_key: NotRequired[str | None]
    capture_url: NotRequired[str | None]
    seen_at: NotRequired[datetime | None]  # when its page was fetched (default: load time)
    release_id: NotRequired[str]  # when given, must equal source_id:key
    page_id: NotRequired[int | None]  # the raw page it was parsed from


class RawPageRecord(TypedDict):
    """One fetched response, body uncompressed (the store compresses it)."""

    source_id: str
    url: str  # as requested
    kind: str  # listing | feed | article | api | warc | wayback
    status: int | None
    fetched_at: datetime  # aware
    body: bytes | None
    canonical_url: NotRequired[str | None]
    etag: NotRequired[str | None]
    last_modified: NotRequired[str | None]
    content_type: NotRequired[str | None]
    headers: NotRequired[dict[str, str] | None]
    capture_url: NotRequired[str | None]
    run_id: NotRequired[int | None]


class ErrorRecord(TypedDict):
    """One failure of a run on one URL (or on the source as a whole when url is None)."""

    url: str | None
    stage: str  # discover | fetch | parse | extract | load
    reason: str
    http_status: NotRequired[int | None]
    occurred_at: NotRequired[datetime | None]
    severity: NotRequired[str]  # error (default) | warning: the release was stored; never retried
    parked_at: NotRequired[datetime | None]  # set when this failure parks its URL


@dataclass(frozen=True)
class LoadStats:
    """What one load did: releases inserted, given a new version, or left as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: LoadStats) -> LoadStats:
        return LoadStats(self.new + other.new, self.updated + other.updated, self.unchanged + other.unchanged)


@dataclass(frozen=True)
class StoredRelease:
    """What discovery needs to know about a stored release."""

    release_id: str
    url: str
    published_at: datetime | None
    published_date: date | None
    updated_raw: str | None
    etag: str | None
    last_modified: str | None
    last_checked_at: datetime
    content_sha256: str
    version: int


@dataclass(frozen=True)
class RawPage:
    """A stored response: fetch metadata plus the decompressed body."""

    page_id: int
    source_id: str
    url: str
    canonical_url: str | None
    kind: str
    status: int | None
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    content_type: str | None
    headers: dict[str, Any] | None
    body: bytes | None
    body_sha256: str | None
    capture_url: str | None
    run_id: int | None


class OpenError(TypedDict):
    """The latest unresolved error of one URL, with how many times it has failed."""

    error_id: int
    run_id: int | None
    source_id: str
    url: str | None
    stage: str
    reason: str
    http_status: int | None
    occurred_at: datetime
    attempts: int


@dataclass(frozen=True)
class Checkpoint:
    """Where a resumable job stopped."""

    source_id: str
    job: str
    cursor: dict[str, Any]
    updated_at: datetime
    finished: bool


@dataclass(frozen=True)
class StoredSource:
    """A stored release as a re-parse needs it: what it holds now, and the raw page it was read from."""

    release_id: str
    key: str
    url: str
    published_raw: str | None
    capture_url: str | None
    content_sha256: str
    seen_at: datetime  # when the current version was first seen
    updated_raw: str | None
    page: RawPage | None  # None when no raw page of it was kept
