"""Load releases: idempotent, versioned upserts keyed on release_id, one transaction per batch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import duckdb

from warehouse import bulk, facts
from warehouse.db import now_utc, transaction, utc
from warehouse.records import LoadStats, ReleaseRecord, StoredRelease

NEW, CHANGED, SAME, SAME_FACTS, STALE = "new", "changed", "same", "same_facts", "stale"
STAGE_COLUMNS: list[bulk.Column] = [
    ("release_id", "VARCHAR"), ("source_id", "VARCHAR"), ("key", "VARCHAR"), ("url", "VARCHAR"),
    ("title", "VARCHAR"), ("lang", "VARCHAR"), ("published_at", "TIMESTAMPTZ"), ("published_raw", "VARCHAR"),
    ("published_tz", "VARCHAR"), ("published_date", "DATE"), ("body_text", "VARCHAR"), ("lead", "VARCHAR"),
    ("tags", "VARCHAR[]"), ("version", "INTEGER"), ("content_sha256", "VARCHAR"), ("seen_at", "TIMESTAMPTZ"),
    ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("updated_raw", "VARCHAR"), ("pair_key", "VARCHAR"),
    ("capture_url", "VARCHAR"), ("page_id", "BIGINT"), ("extractor_version", "VARCHAR"),
    ("run_id", "BIGINT"), ("action", "VARCHAR"),
]  # fmt: skip
_CONTENT = (
    "url", "title", "lang", "published_at", "published_raw", "published_tz", "published_date", "body_text",
    "lead", "tags", "version", "content_sha256", "pair_key", "capture_url", "page_id", "extractor_version",
)  # fmt: skip
_METADATA = (
    "url", "lang", "published_at", "published_raw", "published_tz", "published_date", "lead", "tags",
    "pair_key",
)  # fmt: skip
_BOOKKEEPING = """
    last_seen_at = greatest(releases.last_seen_at, s.seen_at),
    last_checked_at = greatest(releases.last_checked_at, s.seen_at),
    etag = coalesce(s.etag, releases.etag),
    last_modified = coalesce(s.last_modified, releases.last_modified),
    updated_raw = coalesce(s.updated_raw, releases.updated_raw)"""
_FROM_STAGE = "FROM _stage_releases s WHERE releases.release_id = s.release_id AND s.action IN"
_INSERT_NEW = f"""
INSERT INTO releases ({", ".join(("release_id", "source_id", "key", *_CONTENT))}, first_seen_at, last_seen_at,
    last_checked_at, etag, last_modified, updated_raw)
SELECT {", ".join(("release_id", "source_id", "key", *_CONTENT))}, seen_at, seen_at, seen_at,
    etag, last_modified, updated_raw
FROM _stage_releases WHERE action = 'new'"""
_SUPERSEDE = """
UPDATE release_versions SET superseded_at = s.seen_at FROM _stage_releases s
WHERE s.action = 'changed' AND release_versions.release_id = s.release_id
  AND release_versions.superseded_at IS NULL"""
_UPDATE_CHANGED = f"""
UPDATE releases SET {", ".join(f"{c} = s.{c}" for c in _CONTENT)}, {_BOOKKEEPING}
{_FROM_STAGE} ('changed')"""
_INSERT_VERSIONS = """
INSERT INTO release_versions (release_id, version, title, body_text, published_at, published_raw,
    published_date, content_sha256, seen_at, superseded_at, page_id, run_id)
SELECT release_id, version, title, body_text, published_at, published_raw, published_date, content_sha256,
    seen_at, NULL, page_id, run_id
FROM _stage_releases WHERE action IN ('new', 'changed')"""
_TOUCH_SAME = f"""
UPDATE releases SET extractor_version = s.extractor_version, {_BOOKKEEPING}
{_FROM_STAGE} ('same', 'same_facts')"""
_REFRESH_METADATA = f"""
UPDATE releases SET {", ".join(f"{c} = s.{c}" for c in _METADATA)}
{_FROM_STAGE} ('same', 'same_facts')"""
_REFRESH_VERSION_METADATA = """
UPDATE release_versions SET published_at = s.published_at, published_raw = s.published_raw,
    published_date = s.published_date
FROM _stage_releases s WHERE release_versions.release_id = s.release_id
  AND release_versions.version = s.version AND s.action IN ('same', 'same_facts')"""
_CURRENT = """
SELECT r.release_id, r.version, r.content_sha256, v.seen_at, r.extractor_version
FROM releases r
JOIN release_versions v ON v.release_id = r.release_id AND v.version = r.version
WHERE r.release_id IN (SELECT release_id FROM _stage_ids)"""


def content_sha256(title: str, body_text: str) -> str:
    """Return the hex sha256 of the UTF-8 title, a NUL byte, then the UTF-8 body text."""
    return hashlib.sha256(f"{title}\x00{body_text}".encode()).hexdigest()


def release_id(source_id: str, key: str) -> str:
    """Return the release id: source id and key joined by a colon."""
    return f"{source_id}:{key}"


def load_batch(
    con: duckdb.DuckDBPyConnection,
    records: Sequence[ReleaseRecord],
    *,
    run_id: int | None = None,
    refresh_metadata: bool = False,
) -> LoadStats:
    """Upsert a batch of releases with their facts in one transaction and return what changed.

    A release with new content gets the next version (the previous one stays in release_versions);
    the same content only updates bookkeeping. `refresh_metadata` also overwrites, without a new
    version, the date, language, lead, tags, URL and pair key of releases whose content is unchanged.
    `run_id` is recorded on the versions this batch stores.
    """
    if not records:
        return LoadStats()
    _check(records)
    latest = _latest_per_release(records)
    with transaction(con):
        bulk.id_list(con, "_stage_ids", list(latest))
        current = {row[0]: row[1:] for row in con.execute(_CURRENT).fetchall()}
        rows = [_stage_row(rid, rec, current.get(rid), run_id) for rid, rec in latest.items()]
        bulk.stage(con, "_stage_releases", STAGE_COLUMNS, rows)
        for sql in (_INSERT_NEW, _SUPERSEDE, _UPDATE_CHANGED, _INSERT_VERSIONS, _TOUCH_SAME):
            con.execute(sql)
        if refresh_metadata:
            con.execute(_REFRESH_METADATA)
            con.execute(_REFRESH_VERSION_METADATA)
        redo = [row[0] for row in rows if row[-1] in (NEW, CHANGED, SAME_FACTS)]
        facts.replace(con, redo, [_fact_item(rid, latest[rid]) for rid in redo])
    actions = [row[-1] for row in rows]
    new, updated = actions.count(NEW), actions.count(CHANGED)
    return LoadStats(new=new, updated=updated, unchanged=len(actions) - new - updated)


def _seen_at(rec: ReleaseRecord) -> datetime:
    return utc(rec.get("seen_at"), field="seen_at") or now_utc()


def _latest_per_release(records: Iterable[ReleaseRecord]) -> dict[str, ReleaseRecord]:
    """Keep one record per release: the most recently fetched (the later one on a tie)."""
    now = now_utc()
    latest: dict[str, ReleaseRecord] = {}
    for rec in records:
        rid = release_id(rec["source_id"], rec["key"])
        held = latest.get(rid)
        if held is None or (utc(rec.get("seen_at")) or now) >= (utc(held.get("seen_at")) or now):
            latest[rid] = rec
    return latest


def _check(records: Iterable[ReleaseRecord]) -> None:
    """Raise LoadError naming every record that cannot be stored as given."""
    problems: list[str] = []
    for rec in records:
        rid = release_id(rec["source_id"], rec["key"])
        if not rec["source_id"] or not rec["key"]:
            problems.append(f"{rid}: empty source_id or key")
        if rec.get("release_id", rid) != rid:
            problems.append(f"{rec.get('release_id')}: release_id is not source_id:key ({rid})")
        for field, value in (("published_at", rec["published_at"]), ("seen_at", rec.get("seen_at"))):
            try:
                utc(value, field=f"{rid} {field}")
            except ValueError as exc:
                problems.append(str(exc))
        problems += facts.validate(_fact_item(rid, rec), len(rec["body_text"]))
    if problems:
        raise facts.LoadError("; ".join(problems[:20]))


def _fact_item(rid: str, rec: ReleaseRecord) -> facts.ExtractionItem:
    return (rid, rec["figures"], rec["commitments"], rec["extractor_version"])


def _action(rec: ReleaseRecord, sha: str, seen: datetime, current: tuple[Any, ...] | None) -> tuple[str, int]:
    """Decide what a record does to its release and which version it is."""
    if current is None:
        return NEW, 1
    version, stored_sha, stored_seen, stored_extractor = current
    if sha == stored_sha:
        return (SAME if stored_extractor == rec["extractor_version"] else SAME_FACTS), version
    # An older capture (say from a web archive) never displaces a newer stored version.
    if seen < stored_seen:
        return STALE, version
    return CHANGED, version + 1


def _stage_row(
    rid: str, rec: ReleaseRecord, current: tuple[Any, ...] | None, run_id: int | None
) -> tuple[Any, ...]:
    sha = content_sha256(rec["title"], rec["body_text"])
    seen = _seen_at(rec)
    action, version = _action(rec, sha, seen, current)
    return (
        rid, rec["source_id"], rec["key"], rec["url"], rec["title"], rec.get("lang"),
        utc(rec["published_at"]), rec.get("published_raw"), rec.get("published_tz"),
        rec.get("published_date"),
        rec["body_text"], rec.get("lead"), list(rec.get("tags") or ()), version, sha, seen,
        rec.get("etag"), rec.get("last_modified"), rec.get("updated_raw"), rec.get("pair_key"),
        rec.get("capture_url"), rec.get("page_id"), rec["extractor_version"], run_id, action,
    )  # fmt: skip


def stored_state(con: duckdb.DuckDBPyConnection, source_id: str) -> dict[str, StoredRelease]:
    """Return what is stored about each release of a source, keyed by release key."""
    rows = con.execute(
        "SELECT key, release_id, url, published_at, published_date, updated_raw, etag, last_modified, "
        "last_checked_at, content_sha256, version FROM releases WHERE source_id = ?",
        [source_id],
    ).fetchall()
    return {row[0]: StoredRelease(*row[1:]) for row in rows}


def touch_checked(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str], when: datetime) -> int:
    """Record that releases were re-checked at `when` and found unchanged (e.g. a 304); return how many."""
    if not release_ids:
        return 0
    at = utc(when, field="when")
    with transaction(con):
        bulk.id_list(con, "_stage_ids", list(release_ids))
        row = con.execute(
            "UPDATE releases SET last_checked_at = greatest(last_checked_at, $1), "
            "last_seen_at = greatest(last_seen_at, $1) "
            "WHERE release_id IN (SELECT release_id FROM _stage_ids)",
            [at],
        ).fetchone()
    return int(row[0]) if row else 0
