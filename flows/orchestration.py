"""What pressroom's flows need from a Prefect API: whether one is configured, slots, forwarded logs.

Nothing here imports Prefect at module level: the plain `pressroom ingest` (no API configured) asks
`prefect_api_configured()` and never pays for importing Prefect.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any

API_URL_VAR = "PREFECT_API_URL"
# pressroom's own loggers ("pressroom.ingest", "pressroom.nightly", ...) all hang below this one.
PRESSROOM_LOGGER = "pressroom"
SOURCE_LIMIT_PREFIX = "pressroom-source-"
WAREHOUSE_LIMIT_PREFIX = "pressroom-warehouse-"


def prefect_api_configured(environ: dict[str, str] | None = None) -> bool:
    """Whether Prefect would talk to a real API: $PREFECT_API_URL, or the active profile's setting."""
    env = os.environ if environ is None else environ
    if env.get(API_URL_VAR):
        return True
    return bool(_profile_setting(env, API_URL_VAR))


def _profile_setting(env: Any, name: str) -> str:
    """A setting of the active Prefect profile (profiles.toml), read without importing Prefect."""
    home = Path(env.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    active = env.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = data.get("profiles", {}).get(active, {})
    return str(profile.get(name) or "") if isinstance(profile, dict) else ""


# Seconds a slot of a run that died without giving it back stays taken (Prefect's server expires the lease).
SLOT_LEASE_S = 60.0


def source_limit(source_id: str) -> str:
    """The global concurrency limit that lets one run at a time write a source."""
    return SOURCE_LIMIT_PREFIX + source_id


def warehouse_limit(db_path: str | os.PathLike[str]) -> str:
    """The global concurrency limit of one warehouse file (DuckDB allows a single writer process)."""
    resolved = str(Path(db_path).expanduser().resolve())
    return WAREHOUSE_LIMIT_PREFIX + hashlib.sha1(resolved.encode()).hexdigest()[:12]


def ensure_limits(names: Sequence[str], n: int = 1) -> None:
    """Create the global concurrency limits that do not exist yet (a missing limit would not limit)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        for name in names:
            try:
                client.read_global_concurrency_limit_by_name(name)
            except ObjectNotFound:
                with suppress(ObjectAlreadyExists):  # another run created it in between
                    client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=n))


@contextmanager
def slots(names: Sequence[str]) -> Iterator[None]:
    """Hold one slot of each named limit (created when missing), waiting as long as it takes."""
    if not names:
        yield
        return
    from prefect.concurrency.sync import concurrency

    ensure_limits(names)
    # strict: a limit that cannot be found must stop the run, not let two writers in. The slots are a lease
    # this process renews while it runs: a killed run's slots lapse after SLOT_LEASE_S instead of never.
    with concurrency(list(names), occupy=1, strict=True, lease_duration=SLOT_LEASE_S):
        yield


@contextmanager
def forwarded_logs(level: int = logging.INFO) -> Iterator[None]:
    """Send pressroom's own log lines to the current Prefect run's logs (the UI) while the run lasts.

    What PREFECT_LOGGING_EXTRA_LOGGERS=pressroom would do, but set by code in whichever process runs the
    flow (a served deployment, a worker's subprocess, `pressroom ingest`), and removed afterwards so that
    lines logged outside a run are not sent without one.
    """
    from prefect.logging.handlers import APILogHandler

    logger = logging.getLogger(PRESSROOM_LOGGER)
    mine = None if any(isinstance(h, APILogHandler) for h in logger.handlers) else APILogHandler()
    old_level = logger.level
    if mine is not None:
        logger.addHandler(mine)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    try:
        yield
    finally:
        if mine is not None:
            logger.removeHandler(mine)
        logger.setLevel(old_level)


@contextmanager
def flow_guard(db_path: str | os.PathLike[str], source_ids: Sequence[str] = ()) -> Iterator[None]:
    """Inside a flow run: forward logs, hold the warehouse's slot, then the named sources' slots."""
    with ExitStack() as stack:
        stack.enter_context(forwarded_logs())
        # Always the warehouse first, then sources: every flow takes slots in this order (no deadlock).
        stack.enter_context(slots([warehouse_limit(db_path)]))
        stack.enter_context(slots([source_limit(s) for s in source_ids]))
        yield
