"""The load step in one place: releases, facts, raw pages, run bookkeeping, checkpoints, search, threads."""

from __future__ import annotations

from warehouse.checks import check_data
from warehouse.facts import LoadError, replace_extractions
from warehouse.rawpages import iter_raw_pages, raw_body, save_raw_pages
from warehouse.records import LoadStats
from warehouse.releases import content_sha256, load_batch, release_id, stored_state, touch_checked
from warehouse.runs import (
    abandon_dead_runs,
    finish_run,
    get_checkpoint,
    open_errors,
    record_errors,
    resolve_errors,
    save_checkpoint,
    start_run,
)
from warehouse.search import refresh as refresh_search_index
from warehouse.threads import refresh as refresh_threads
from warehouse.watermarks import Watermark, get_watermark, save_watermark, stored_keys

__all__ = [
    "LoadError",
    "LoadStats",
    "Watermark",
    "abandon_dead_runs",
    "check_data",
    "content_sha256",
    "finish_run",
    "get_checkpoint",
    "get_watermark",
    "iter_raw_pages",
    "load_batch",
    "open_errors",
    "raw_body",
    "record_errors",
    "refresh_search_index",
    "refresh_threads",
    "release_id",
    "replace_extractions",
    "resolve_errors",
    "save_checkpoint",
    "save_raw_pages",
    "save_watermark",
    "start_run",
    "stored_keys",
    "stored_state",
    "touch_checked",
]
