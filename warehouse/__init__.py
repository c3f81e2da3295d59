"""DuckDB warehouse: schema migrations, versioned loads, raw page store, run bookkeeping, queries."""

from __future__ import annotations

from warehouse.checks import check_data
from warehouse.db import WarehouseLocked, connect, transaction
from warehouse.facts import LoadError, replace_extractions
from warehouse.migrate import MigrationError, pending
from warehouse.query import format_csv, format_json, format_table, query
from warehouse.rawpages import iter_raw_pages, raw_body, save_raw_pages
from warehouse.records import (
    Checkpoint,
    CommitmentRecord,
    ErrorRecord,
    FigureRecord,
    LoadStats,
    OpenError,
    RawPage,
    RawPageRecord,
    ReleaseRecord,
    StoredRelease,
)
from warehouse.releases import content_sha256, load_batch, release_id, stored_state, touch_checked
from warehouse.runs import (
    finish_run,
    get_checkpoint,
    open_errors,
    record_errors,
    resolve_errors,
    save_checkpoint,
    start_run,
)

__all__ = [
    "Checkpoint", "CommitmentRecord", "ErrorRecord", "FigureRecord", "LoadError", "LoadStats",
    "MigrationError", "OpenError", "RawPage", "RawPageRecord", "ReleaseRecord", "StoredRelease",
    "WarehouseLocked", "check_data", "connect", "content_sha256", "finish_run", "format_csv", "format_json",
    "format_table", "get_checkpoint", "iter_raw_pages", "load_batch", "open_errors", "pending", "query",
    "raw_body", "record_errors", "release_id", "replace_extractions", "resolve_errors", "save_checkpoint",
    "save_raw_pages", "start_run", "stored_state", "touch_checked", "transaction",
]  # fmt: skip
