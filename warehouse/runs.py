"""Run bookkeeping: runs, per-URL errors and their resolution, resumable checkpoints."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from warehouse import bulk
from warehouse.db import now_utc, transaction, utc
from warehouse.records import Checkpoint, ErrorRecord, OpenError

FLOWS = ("nightly", "backfill", "reextract", "import-warc", "reparse")
RUN_STATUSES = ("running", "ok", "failed", "partial", "interrupted", "abandoned")
STAGES = ("discover", "fetch", "parse", "normalize", "extract", "process", "load")
SEVERITIES = ("error", "warning")
COUNTERS = (
    "pages_fetched", "requests", "releases_new", "releases_updated", "releases_unchanged", "releases_failed",
)  # fmt: skip
ERROR_COLUMNS: list[bulk.Column] = [
    ("run_id", "BIGINT"), ("source_id", "VARCHAR"), ("url", "VARCHAR"), ("stage", "VARCHAR"),
    ("reason", "VARCHAR"), ("http_status", "INTEGER"), ("occurred_at", "TIMESTAMPTZ"),
    ("severity", "VARCHAR"), ("parked_at", "TIMESTAMPTZ"), ("resolved_at", "TIMESTAMPTZ"),
    ("resolved_run_id", "BIGINT"),
]  # fmt: skip


def _accept(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} not in {tuple(allowed)}")


def start_run(
    con: duckdb.DuckDBPyConnection, flow: str, source_id: str | None, params: Mapping[str, Any] | None = None
) -> int:
    """Record a run as started and return its id."""
    _accept(flow, FLOWS, "flow")
    row = con.execute(
        "INSERT INTO runs (flow, source_id, started_at, status, params, pid, host) "
        "VALUES (?, ?, ?, 'running', ?, ?, ?) RETURNING run_id",
        [
            flow,
            source_id,
            now_utc(),
            json.dumps(dict(params or {}), default=str, ensure_ascii=False),
            os.getpid(),
            socket.gethostname(),
        ],
    ).fetchone()
    assert row is not None
    return int(row[0])


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    status: str,
    counters: Mapping[str, int] | None = None,
    message: str | None = None,
) -> None:
    """Record a run's end: its status, counters (names from COUNTERS) and a message."""
    _accept(status, RUN_STATUSES[1:], "final status")
    counters = dict(counters or {})
    unknown = set(counters) - set(COUNTERS)
    if unknown:
        raise ValueError(f"unknown run counters {sorted(unknown)}; known: {COUNTERS}")
    sets = "".join(f", {name} = ?" for name in counters)
    row = con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, message = ?{sets} WHERE run_id = ?",
        [now_utc(), status, message, *(int(v) for v in counters.values()), run_id],
    ).fetchone()
    if not row or not row[0]:
        raise KeyError(f"no run {run_id}")


def process_alive(pid: int) -> bool:
    """Whether a process of this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True


def abandon_dead_runs(
    con: duckdb.DuckDBPyConnection, alive: Callable[[int], bool] = process_alive
) -> list[int]:
    """Mark `abandoned` the runs left `running` by a process of this machine that is gone; return their ids.

    A run of another machine, or of this very process, is left alone; a run recorded before runs
    named their process (no pid) is abandoned, as only a dead process can have left it.
    """
    host, me = socket.gethostname(), os.getpid()
    rows = con.execute("SELECT run_id, pid, host FROM runs WHERE status = 'running'").fetchall()
    dead = [
        int(run_id)
        for run_id, pid, run_host in rows
        if pid is None or (run_host == host and pid != me and not alive(int(pid)))
    ]
    if dead:
        con.execute(
            "UPDATE runs SET status = 'abandoned', finished_at = ?, "
            "message = 'abandoned: its process ended without closing the run' "
            "WHERE list_contains(?::BIGINT[], run_id)",
            [now_utc(), dead],
        )
    return dead


def record_errors(
    con: duckdb.DuckDBPyConnection, run_id: int | None, source_id: str, errors: Sequence[ErrorRecord]
) -> int:
    """Store a run's errors in one statement; return how many. A warning is stored resolved: never retried."""
    now = now_utc()
    rows = []
    for e in errors:
        _accept(e["stage"], STAGES, "error stage")
        severity = e.get("severity") or "error"
        _accept(severity, SEVERITIES, "error severity")
        at = utc(e.get("occurred_at"), field="occurred_at") or now
        parked = utc(e.get("parked_at"), field="parked_at")
        warned = severity == "warning"
        rows.append(
            (run_id, source_id, e["url"], e["stage"], e["reason"], e.get("http_status"), at, severity, parked,
             at if warned else None, run_id if warned else None)
        )  # fmt: skip
    with transaction(con):
        return bulk.insert_rows(con, "errors", ERROR_COLUMNS, rows)


def open_errors(con: duckdb.DuckDBPyConnection, source_id: str) -> list[OpenError]:
    """Return the latest unresolved error of each URL of a source, with its count of failures."""
    rows = con.execute(
        """
        SELECT error_id, run_id, source_id, url, stage, reason, http_status, occurred_at,
               count(*) OVER (PARTITION BY url) AS attempts
        FROM errors
        WHERE source_id = ? AND resolved_at IS NULL
        QUALIFY row_number() OVER (PARTITION BY url ORDER BY occurred_at DESC, error_id DESC) = 1
        ORDER BY occurred_at, error_id
        """,
        [source_id],
    ).fetchall()
    return [_open_error(row) for row in rows]


def _open_error(row: tuple[Any, ...]) -> OpenError:
    """Name the columns of one open_errors row."""
    error_id, run_id, source_id, url, stage, reason, http_status, occurred_at, attempts = row
    return {
        "error_id": error_id,
        "run_id": run_id,
        "source_id": source_id,
        "url": url,
        "stage": stage,
        "reason": reason,
        "http_status": http_status,
        "occurred_at": occurred_at,
        "attempts": attempts,
    }


def resolve_errors(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    urls: Iterable[str],
    *,
    run_id: int | None = None,
    when: datetime | None = None,
) -> int:
    """Mark the open errors of these URLs as resolved (a later run succeeded); return how many."""
    wanted = sorted(set(urls))
    if not wanted:
        return 0
    with transaction(con):
        bulk.stage(con, "_stage_urls", [("url", "VARCHAR")], [(u,) for u in wanted])
        row = con.execute(
            "UPDATE errors SET resolved_at = ?, resolved_run_id = ? "
            "WHERE source_id = ? AND resolved_at IS NULL AND url IN (SELECT url FROM _stage_urls)",
            [utc(when, field="when") or now_utc(), run_id, source_id],
        ).fetchone()
    return int(row[0]) if row else 0


def get_checkpoint(con: duckdb.DuckDBPyConnection, source_id: str, job: str) -> Checkpoint | None:
    """Return where a resumable job stopped, or None when it never ran."""
    row = con.execute(
        "SELECT source_id, job, cursor, updated_at, finished FROM checkpoints "
        "WHERE source_id = ? AND job = ?",
        [source_id, job],
    ).fetchone()
    if row is None:
        return None
    return Checkpoint(row[0], row[1], json.loads(row[2]) if row[2] else {}, row[3], bool(row[4]))


def save_checkpoint(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    job: str,
    cursor: Mapping[str, Any],
    *,
    finished: bool = False,
) -> None:
    """Record (replace) the cursor of a resumable job."""
    con.execute(
        """
        INSERT INTO checkpoints (source_id, job, cursor, updated_at, finished) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (source_id, job) DO UPDATE
        SET cursor = excluded.cursor, updated_at = excluded.updated_at, finished = excluded.finished
        """,
        [source_id, job, json.dumps(dict(cursor), default=str, ensure_ascii=False), now_utc(), finished],
    )


def run_failures(
    con: duckdb.DuckDBPyConnection, run_ids: Sequence[int], limit: int = 50
) -> list[tuple[str, str, str, str]]:
    """The URLs that failed in the given runs: (source_id, url, stage, reason), first failures first."""
    if not run_ids:
        return []
    marks = ", ".join("?" for _ in run_ids)
    rows = con.execute(
        f"SELECT source_id, url, stage, reason FROM errors WHERE run_id IN ({marks}) AND url IS NOT NULL "
        "ORDER BY error_id LIMIT ?",
        [*run_ids, limit],
    ).fetchall()
    return [(str(s), str(u), str(st), str(r)) for s, u, st, r in rows]
