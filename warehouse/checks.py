"""Declared data tests, run after a load: unique keys, not-null columns, accepted values, consistency."""

from __future__ import annotations

import duckdb

from config.indicators import default_indicators
from warehouse.facts import COMMITMENT_KINDS, FIGURE_KINDS
from warehouse.rawpages import PAGE_KINDS
from warehouse.runs import FLOWS, RUN_STATUSES, STAGES

UNIQUE: dict[str, tuple[str, ...]] = {
    "releases": ("release_id",),
    "release_versions": ("release_id", "version"),
    "figures": ("release_id", "char_start", "char_end"),
    "commitments": ("release_id", "char_start"),
    "raw_fetches": ("page_id",),
    "raw_bodies": ("body_sha256",),
    "runs": ("run_id",),
    "errors": ("error_id",),
    "checkpoints": ("source_id", "job"),
    "commitment_threads": ("thread_id",),
    "commitment_thread_members": ("release_id", "char_start"),
}
NOT_NULL: dict[str, tuple[str, ...]] = {
    "releases": ("release_id", "source_id", "key", "url", "title", "body_text", "version", "content_sha256",
                 "first_seen_at", "last_seen_at", "last_checked_at"),
    "release_versions": ("release_id", "version", "title", "body_text", "content_sha256", "seen_at"),
    "figures": ("release_id", "text", "value", "kind", "char_start", "char_end", "core", "extractor_version"),
    "commitments": ("release_id", "sentence", "char_start", "char_end", "core", "extractor_version"),
    "raw_fetches": ("page_id", "source_id", "url", "kind", "fetched_at"),
    "runs": ("run_id", "flow", "started_at", "status"),
    "errors": ("error_id", "source_id", "stage", "reason", "occurred_at"),
}  # fmt: skip
ACCEPTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("figures", "kind"): FIGURE_KINDS,
    ("commitments", "kind"): COMMITMENT_KINDS,
    ("raw_fetches", "kind"): PAGE_KINDS,
    ("runs", "flow"): FLOWS,
    ("runs", "status"): RUN_STATUSES,
    ("errors", "stage"): STAGES,
    # an id the vocabulary no longer has: run `pressroom reextract` after editing config/indicators.toml
    ("figures", "indicator"): tuple(i.id for i in default_indicators()),
}
# A body's length is measured once per release (MATERIALIZED), not once per span: measuring a 10 MB body
# for each of its 266,000 figures made this check quadratic in the article's size.
SPANS_INSIDE_BODY = """
    WITH body AS MATERIALIZED (SELECT release_id, length(body_text) AS n FROM releases)
    SELECT count(*) FROM {table} s LEFT JOIN body b USING (release_id)
    WHERE b.release_id IS NULL OR s.char_start < 0 OR s.char_end <= s.char_start OR s.char_end > b.n"""
# Each query counts the rows that break the rule named beside it.
CONSISTENCY: dict[str, str] = {
    "figure spans lie within their release's body": SPANS_INSIDE_BODY.format(table="figures"),
    "commitment spans lie within their release's body": SPANS_INSIDE_BODY.format(table="commitments"),
    "release_id is source_id:key": """
        SELECT count(*) FROM releases WHERE release_id <> source_id || ':' || key""",
    "each release's current version is stored in release_versions with its content": """
        SELECT count(*) FROM releases r LEFT JOIN release_versions v
          ON v.release_id = r.release_id AND v.version = r.version
        WHERE v.release_id IS NULL OR v.content_sha256 <> r.content_sha256 OR v.superseded_at IS NOT NULL
           OR v.title <> r.title OR v.body_text <> r.body_text""",
    "versions run 1..n with exactly one current": """
        SELECT count(*) FROM (
            SELECT release_id FROM release_versions GROUP BY release_id
            HAVING count(*) <> max(version) OR min(version) <> 1
                OR count(*) FILTER (WHERE superseded_at IS NULL) <> 1)""",
    "every version belongs to a stored release": """
        SELECT count(*) FROM release_versions v ANTI JOIN releases r USING (release_id)""",
    "every raw page's body is stored": """
        SELECT count(*) FROM raw_fetches f ANTI JOIN raw_bodies b USING (body_sha256)
        WHERE f.body_sha256 IS NOT NULL""",
    "seen times are ordered (first <= last)": """
        SELECT count(*) FROM releases WHERE first_seen_at > last_seen_at""",
}


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def check_data(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run every declared data test; return one message per failing test (empty when all pass)."""
    failures: list[str] = []
    for table, cols in UNIQUE.items():
        keys = ", ".join(cols)
        n = _count(
            con, f"SELECT count(*) FROM (SELECT {keys} FROM {table} GROUP BY {keys} HAVING count(*) > 1)"
        )
        if n:
            failures.append(f"unique {table}({keys}): {n} duplicated keys")
    for table, cols in NOT_NULL.items():
        for col in cols:
            n = _count(con, f"SELECT count(*) FROM {table} WHERE {col} IS NULL")
            if n:
                failures.append(f"not null {table}.{col}: {n} rows are NULL")
    for (table, col), values in ACCEPTED.items():
        listed = ", ".join(f"'{v}'" for v in values)
        n = _count(con, f"SELECT count(*) FROM {table} WHERE {col} NOT IN ({listed})")
        if n:
            failures.append(f"accepted values {table}.{col} in ({listed}): {n} rows outside")
    for name, sql in CONSISTENCY.items():
        n = _count(con, sql)
        if n:
            failures.append(f"{name}: {n} rows break it")
    return failures
