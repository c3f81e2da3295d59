"""Named, commented defaults for every knob; config/sources.toml and the CLI only override them."""

from __future__ import annotations

import os
from pathlib import Path

# Where the warehouse lives unless --db or PRESSROOM_DB says otherwise.
DEFAULT_DB_PATH = Path("data/pressroom.duckdb")
DB_ENV_VAR = "PRESSROOM_DB"

# Which file holds the source blocks unless PRESSROOM_SOURCES names another one: a copy of the shipped
# file with one more block is how a new site is tried (and tested) without editing the original.
DEFAULT_SOURCES_PATH = Path(__file__).with_name("sources.toml")
SOURCES_ENV_VAR = "PRESSROOM_SOURCES"

# Politeness: one request per host at most every REQUEST_DELAY_S seconds. These are the only defaults:
# sources.toml has no [defaults] table, so a value cannot be set in two places and drift; a source that
# needs gentler treatment says so in its own [sources.ID.politeness] block.
REQUEST_DELAY_S = 1.0
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
RETRY_HTTP_CODES = (429, 500, 502, 503, 504)
RETRY_TIMES = 4  # initial request + 4 retries = 5 requests at most
RETRY_BACKOFF_S = 0.5  # base of the exponential backoff: 0.5, 1, 2, 4 s (+ jitter)
# Never sleep longer than this on one Retry-After; a server asking for longer has its host deferred to the
# next run (no more requests to it in this run) instead.
RETRY_AFTER_CAP_S = 120.0
PAUSE_ON_403_S = 0.0  # sources that 403 after bursts override this (kremlin)
OBEY_ROBOTS = True  # a source may opt out only with obey_robots = false in its politeness block
# robots.txt's Crawl-delay spaces a host's requests when it is longer than min_delay, but only up to this:
# an absurd value (86400 s) would stall a run for a day per page, so it is capped and the cap logged.
CRAWL_DELAY_CAP_S = 60.0
# Bounds on one response. The body is counted after decompression while it streams in, so a gzip bomb stops
# at the cap; a bigger body is a failure, never stored. The deadline is wall time for one request from
# sending it to the last body byte: a server dripping a byte every few seconds ends there, not hours later.
MAX_BODY_BYTES = 5 * 1024 * 1024
REQUEST_DEADLINE_S = 120.0
MAX_REDIRECTS = 5  # redirect hops followed for one URL; each hop is checked (hosts, robots.txt, pace)
# A source may let a host that cannot be connected to over https be fetched over http for the rest of the
# run (decided once per host per run, and logged). Certificate errors never fall back: they are refusals.
HTTP_FALLBACK = False

USER_AGENT = "pressroom/0.1 (+https://github.com/pressroom-etl/pressroom; press-data ETL for research)"
CONTACT_URL = "https://github.com/pressroom-etl/pressroom"

# Nightly discovery.
RECHECK_DAYS = 3  # releases published this recently are re-checked for edits
RECHECK_INTERVAL_HOURS = 20.0  # ...but not more often than this
# Rolling revalidation: each nightly re-checks (conditional GETs) the releases older than the recheck window
# whose hash falls on the day's slot, so the whole archive is re-checked once every REVALIDATE_DAYS nights
# (0 turns it off). Sources whose releases are read from feed content are left to their feed.
REVALIDATE_DAYS = 30
MAX_LISTING_PAGES = 5000  # safety stop for one walk (a first run walks the whole archive)

# Loading.
BATCH_SIZE = 50  # releases per load transaction

# Date sanity (docs/failures.md): a release dated before its source's first year (a source may set
# `first_year` in its block) or after tomorrow is stored without a date, with a warning in `errors`.
FIRST_YEAR = 1990

# Failure policy (docs/failures.md). A failed URL is retried by the source's next run, then after 2, 4, 8 ...
# runs (one a night when scheduled), and parked (no longer retried) after this many failed attempts.
PARK_AFTER_ATTEMPTS = 5
# A nightly fails when a URL fails for the first time, discovery fails, or more than this share of the
# URLs it tried failed (counted once at least FAILURE_RATE_MIN_FAILURES URLs failed: 1 of 2 is no rate).
FAILURE_RATE_LIMIT = 0.25
FAILURE_RATE_MIN_FAILURES = 3


def db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the warehouse path: --db, then $PRESSROOM_DB, then the default."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB_PATH


def sources_path() -> Path:
    """Resolve the source config file: $PRESSROOM_SOURCES, then the shipped config/sources.toml."""
    env = os.environ.get(SOURCES_ENV_VAR)
    return Path(env) if env else DEFAULT_SOURCES_PATH
