"""The raw page store: every fetched response, bodies compressed and stored once per sha256."""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from warehouse import bulk
from warehouse.db import transaction, utc
from warehouse.records import RawPage, RawPageRecord, StoredSource

PAGE_KINDS = ("listing", "feed", "article", "api", "warc", "wayback")
COMPRESSION = "zlib"
ZLIB_LEVEL = 6  # the usual balance: HTML shrinks ~5x, compressing costs little next to the fetch
FETCH_COLUMNS: list[bulk.Column] = [
    ("page_id", "BIGINT"), ("source_id", "VARCHAR"), ("url", "VARCHAR"), ("canonical_url", "VARCHAR"),
    ("kind", "VARCHAR"), ("status", "INTEGER"), ("fetched_at", "TIMESTAMPTZ"), ("etag", "VARCHAR"),
    ("last_modified", "VARCHAR"), ("content_type", "VARCHAR"), ("headers", "VARCHAR"),
    ("body_sha256", "VARCHAR"), ("capture_url", "VARCHAR"), ("run_id", "BIGINT"),
]  # fmt: skip
BODY_COLUMNS: list[bulk.Column] = [
    ("body_sha256", "VARCHAR"),
    ("compression", "VARCHAR"),
    ("size_bytes", "BIGINT"),
    ("body", "BLOB"),
]
_PAGE_SELECT = """
SELECT page_id, source_id, url, canonical_url, kind, status, fetched_at, etag, last_modified, content_type,
       headers, {body}, body_sha256, capture_url, run_id, compression
FROM raw_pages"""


def save_raw_pages(con: duckdb.DuckDBPyConnection, pages: Sequence[RawPageRecord]) -> list[int]:
    """Store fetched responses in one transaction; return their page ids in input order."""
    if not pages:
        return []
    bad = [p["kind"] for p in pages if p["kind"] not in PAGE_KINDS]
    if bad:
        raise ValueError(f"raw page kind {bad[0]!r} not in {PAGE_KINDS}")
    shas = [hashlib.sha256(p["body"]).hexdigest() if p["body"] is not None else None for p in pages]
    rows = [_fetch_row(p, sha) for p, sha in zip(pages, shas, strict=True)]
    with transaction(con):
        _save_bodies(con, pages, shas)
        seq = con.execute("SELECT nextval('raw_page_id_seq') FROM range(?)", [len(pages)]).fetchall()
        ids = sorted(row[0] for row in seq)
        bulk.insert_rows(con, "raw_fetches", FETCH_COLUMNS, [(i, *r) for i, r in zip(ids, rows, strict=True)])
    return ids


def _save_bodies(
    con: duckdb.DuckDBPyConnection, pages: Sequence[RawPageRecord], shas: list[str | None]
) -> None:
    """Compress and insert the bodies not stored yet."""
    wanted = {sha: p["body"] for p, sha in zip(pages, shas, strict=True) if sha is not None}
    if not wanted:
        return
    bulk.stage(con, "_stage_shas", [("body_sha256", "VARCHAR")], [(s,) for s in wanted])
    known = con.execute(
        "SELECT body_sha256 FROM raw_bodies WHERE body_sha256 IN (SELECT body_sha256 FROM _stage_shas)"
    ).fetchall()
    for (sha,) in known:
        wanted.pop(sha)
    rows = [
        (sha, COMPRESSION, len(body), zlib.compress(body, ZLIB_LEVEL)) for sha, body in wanted.items() if body
    ]
    rows += [(sha, "none", 0, b"") for sha, body in wanted.items() if not body]
    bulk.insert_rows(con, "raw_bodies", BODY_COLUMNS, rows)


def _fetch_row(p: RawPageRecord, sha: str | None) -> tuple[Any, ...]:
    """Return a raw_fetches row without its page id."""
    headers = p.get("headers")
    return (
        p["source_id"], p["url"], p.get("canonical_url"), p["kind"], p["status"],
        utc(p["fetched_at"], field="fetched_at"), p.get("etag"), p.get("last_modified"),
        p.get("content_type"),
        json.dumps(dict(headers), ensure_ascii=False) if headers is not None else None,
        sha, p.get("capture_url"), p.get("run_id"),
    )  # fmt: skip


def decompress(blob: bytes | None, compression: str | None) -> bytes | None:
    """Return the original bytes of a stored body."""
    if blob is None:
        return None
    if compression == "zlib":
        return zlib.decompress(blob)
    if compression == "gzip":
        return gzip.decompress(blob)
    return bytes(blob)


def raw_body(con: duckdb.DuckDBPyConnection, page_id: int) -> bytes:
    """Return the decompressed body of a stored page (b"" when it had none); KeyError when unknown."""
    row = con.execute("SELECT body, compression FROM raw_pages WHERE page_id = ?", [page_id]).fetchone()
    if row is None:
        raise KeyError(f"no raw page {page_id}")
    return decompress(row[0], row[1]) or b""


def _filters(**wanted: Any) -> tuple[str, list[Any]]:
    clauses, params = [], []
    ops = {"since": "fetched_at >= ?", "until": "fetched_at < ?"}
    for name, value in wanted.items():
        if value is None:
            continue
        clauses.append(ops.get(name, f"{name} = ?"))
        params.append(utc(value) if isinstance(value, datetime) else value)
    return " AND ".join(clauses) or "true", params


def iter_raw_pages(
    con: duckdb.DuckDBPyConnection,
    *,
    source_id: str | None = None,
    kind: str | None = None,
    status: int | None = None,
    url: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    latest_per_url: bool = False,
    with_body: bool = True,
    batch_size: int = 200,
) -> Iterator[RawPage]:
    """Yield stored pages in page_id order, a batch per query (so the caller may write in between).

    `latest_per_url` keeps only the latest fetch of each canonical URL (the URL when none) among
    the pages that match the other filters.
    """
    body = "body" if with_body else "NULL AS body"
    last = 0
    while True:
        where, params = _filters(
            source_id=source_id, kind=kind, status=status, url=url, since=since, until=until
        )
        inner = f"{_PAGE_SELECT.format(body=body)} WHERE {where}"
        if latest_per_url:
            inner += " QUALIFY row_number() OVER (PARTITION BY coalesce(canonical_url, url) "
            inner += "ORDER BY fetched_at DESC, page_id DESC) = 1"
        sql = f"SELECT * FROM ({inner}) WHERE page_id > ? ORDER BY page_id LIMIT ?"
        rows = con.execute(sql, [*params, last, batch_size]).fetchall()
        for row in rows:
            yield _raw_page(row)
        if len(rows) < batch_size:
            return
        last = rows[-1][0]


# Each release with the raw page it was read from: the one its current version names, else the latest OK
# fetch of its URL as an article.
_RELEASE_PAGES = f"""
WITH chosen AS (
    SELECT r.release_id, r.key, r.url AS release_url, r.published_raw AS release_published_raw,
           r.capture_url AS release_capture_url, r.content_sha256, v.seen_at AS version_seen_at,
           r.updated_raw AS release_updated_raw,
           coalesce(r.page_id, (SELECT max(a.page_id) FROM raw_fetches a WHERE a.source_id = r.source_id
                                AND a.kind = 'article' AND a.status = 200 AND a.canonical_url = r.url)) AS pid
    FROM releases r JOIN release_versions v ON v.release_id = r.release_id AND v.version = r.version
    WHERE r.source_id = ? AND (CAST(? AS DATE) IS NULL OR r.published_date >= CAST(? AS DATE))
      AND r.release_id > ?
    ORDER BY r.release_id LIMIT ?
)
SELECT c.release_id, c.key, c.release_url, c.release_published_raw, c.release_capture_url, c.content_sha256,
       c.version_seen_at, c.release_updated_raw, p.*
FROM chosen c LEFT JOIN ({_PAGE_SELECT.format(body="body")}) p ON p.page_id = c.pid
ORDER BY c.release_id"""


def release_sources(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    *,
    published_since: date | None = None,
    after: str = "",
    limit: int = 200,
) -> list[StoredSource]:
    """One batch of a source's releases (by release id, after `after`) with the raw pages they were read from.

    `published_since` keeps the releases published on or after that day.
    """
    rows = con.execute(_RELEASE_PAGES, [source_id, published_since, published_since, after, limit]).fetchall()
    out = []
    for row in rows:
        rid, key, url, published_raw, capture_url, sha, seen_at, updated_raw = row[:8]
        page = _raw_page(row[8:]) if row[8] is not None else None
        out.append(StoredSource(rid, key, url, published_raw, capture_url, sha, seen_at, updated_raw, page))
    return out


def _raw_page(row: tuple[Any, ...]) -> RawPage:
    """Build a RawPage from one row of _PAGE_SELECT (its columns are RawPage's fields, then compression)."""
    (page_id, source_id, url, canonical_url, kind, status, fetched_at, etag, last_modified, content_type,
     headers, blob, body_sha256, capture_url, run_id, compression) = row  # fmt: skip
    return RawPage(
        page_id,
        source_id,
        url,
        canonical_url,
        kind,
        status,
        fetched_at,
        etag,
        last_modified,
        content_type,
        json.loads(headers) if headers else None,
        decompress(blob, compression),
        body_sha256,
        capture_url,
        run_id,
    )
