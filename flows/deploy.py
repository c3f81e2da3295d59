"""pressroom's deployments as code: served in one process (`serve`) or registered on a work pool (`deploy`).

Three deployments: `nightly` (scheduled), `backfill` and `reextract` (on demand). Each has a deployment
concurrency limit of one run that enqueues (a second run waits, it does not fail on DuckDB's writer lock).
On a work pool each has its own work queue: the nightly's has the highest priority, so a worker always takes
a waiting nightly before another backfill, and the backfill and reextract queues run one at a time. The flows
themselves hold a global concurrency slot per warehouse file and per source (flows/orchestration.py).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prefect import serve as prefect_serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

from config import settings
from config.sources import load_sources, select_sources
from flows import orchestration
from flows.nightly import nightly

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

NIGHTLY_DEPLOYMENT = "nightly"
BACKFILL_DEPLOYMENT = "backfill"
REEXTRACT_DEPLOYMENT = "reextract"
# A run started while another of the same deployment runs waits for it (ENQUEUE), instead of failing.
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)

# Module paths the workers import (the backfill flow is a module attribute built on first use).
ENTRYPOINTS = {
    NIGHTLY_DEPLOYMENT: "flows.nightly.nightly",
    BACKFILL_DEPLOYMENT: "flows.backfill.backfill",
    REEXTRACT_DEPLOYMENT: "flows.reextract.reextract",
}


@dataclass(frozen=True)
class Queue:
    """A work queue of the pool: lower priority numbers are taken first; limit = runs at once."""

    name: str
    priority: int
    limit: int
    description: str


QUEUES = {
    NIGHTLY_DEPLOYMENT: Queue("nightly", 1, 1, "pressroom nightly ingest: taken first"),
    BACKFILL_DEPLOYMENT: Queue("backfill", 2, 1, "pressroom archive backfills, one at a time"),
    REEXTRACT_DEPLOYMENT: Queue("reextract", 3, 1, "pressroom offline re-extraction, one at a time"),
}


def nightly_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """Default parameters of the nightly deployment, from the serve/deploy command's options."""
    params: dict[str, Any] = {"db": str(settings.db_path(args.db).resolve())}
    if args.sources:
        params["sources"] = args.sources
    if args.base_url:
        params["base_url"] = args.base_url
    if args.min_delay is not None:
        params["min_delay"] = args.min_delay
    return params


def deployments(args: argparse.Namespace, pool: str | None = None) -> list[RunnerDeployment]:
    """Build the deployments; with `pool`, bound to its work queues and imported by module path."""
    from flows.backfill import backfill
    from flows.reextract import reextract

    nightly_params = nightly_parameters(args)
    # The backfill picks its own source's `ID=URL` from the shared --base-url values (flows/selection.py).
    shared = {k: v for k, v in nightly_params.items() if k in ("db", "min_delay", "base_url")}
    made = [
        nightly.to_deployment(
            name=NIGHTLY_DEPLOYMENT,
            schedules=[Cron(args.cron, timezone=args.timezone)],
            parameters=nightly_params,
            concurrency_limit=ONE_AT_A_TIME,
            description="Nightly incremental ingest of every enabled source.",
            **_on_pool(pool, NIGHTLY_DEPLOYMENT),
        ),
        # No schedule: run on demand with --param source=ID --param start=DATE --param end=DATE.
        backfill.to_deployment(
            name=BACKFILL_DEPLOYMENT,
            parameters=shared,
            concurrency_limit=ONE_AT_A_TIME,
            description="Backfill one source's archive for a date range (resumable).",
            **_on_pool(pool, BACKFILL_DEPLOYMENT),
        ),
        reextract.to_deployment(
            name=REEXTRACT_DEPLOYMENT,
            parameters={"db": nightly_params["db"]},
            concurrency_limit=ONE_AT_A_TIME,
            description="Recompute figures and commitments from stored bodies, offline.",
            **_on_pool(pool, REEXTRACT_DEPLOYMENT),
        ),
    ]
    if pool:
        # Workers import the flows from the installed package (no code storage to pull); the backfill flow
        # is built on first use, so its entry point is the module attribute, not the wrapped function.
        for dep in made:
            dep.entrypoint = ENTRYPOINTS[dep.name]
    return made


def _on_pool(pool: str | None, deployment: str) -> dict[str, Any]:
    """The to_deployment options that bind a deployment to its queue of the pool."""
    if not pool:
        return {}
    return {
        "work_pool_name": pool,
        "work_queue_name": QUEUES[deployment].name,
        "entrypoint_type": EntrypointType.MODULE_PATH,
    }


def serve(args: argparse.Namespace) -> None:
    """Serve until interrupted (Ctrl-C)."""
    prefect_serve(*deployments(args))


def ensure_pool(pool: str) -> None:
    """Create the `process` work pool and its queues when missing; set the queues' priorities and limits."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except ObjectNotFound:
            template = ProcessWorker.get_default_base_job_template()
            client.create_work_pool(WorkPoolCreate(name=pool, type="process", base_job_template=template))
        for q in QUEUES.values():
            try:
                found = client.read_work_queue_by_name(q.name, work_pool_name=pool)
            except ObjectNotFound:
                client.create_work_queue(
                    q.name,
                    description=q.description,
                    priority=q.priority,
                    concurrency_limit=q.limit,
                    work_pool_name=pool,
                )
                continue
            client.update_work_queue(found.id, priority=q.priority, concurrency_limit=q.limit)


def register(args: argparse.Namespace) -> list[str]:
    """Register the deployments on `args.pool` (created when missing); return their names."""
    ensure_pool(args.pool)
    ids = [s.id for s in select_sources(load_sources(), list(args.sources or []))]
    # Created here so the first runs find them; the flows also create any that are missing.
    limits = [orchestration.warehouse_limit(settings.db_path(args.db))]
    orchestration.ensure_limits(limits + [orchestration.source_limit(s) for s in ids])
    names = []
    for dep in deployments(args, pool=args.pool):
        dep.apply(work_pool_name=args.pool)
        names.append(f"{dep.flow_name}/{dep.name}")
    return names
