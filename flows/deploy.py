"""Serve pressroom's deployments on a Prefect API server (schedules need a real server)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from prefect import serve as prefect_serve
from prefect.schedules import Cron

from config import settings
from flows.nightly import nightly

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

NIGHTLY_DEPLOYMENT = "nightly"
BACKFILL_DEPLOYMENT = "backfill"


def nightly_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """Default parameters of the nightly deployment, from the serve command's options."""
    params: dict[str, Any] = {"db": str(settings.db_path(args.db).resolve())}
    if args.sources:
        params["sources"] = args.sources
    if args.base_url:
        params["base_url"] = args.base_url
    if args.min_delay is not None:
        params["min_delay"] = args.min_delay
    return params


def deployments(args: argparse.Namespace) -> list[RunnerDeployment]:
    """Build the deployments this project serves."""
    from flows.backfill import backfill

    schedule = Cron(args.cron, timezone=args.timezone)
    shared = {k: v for k, v in nightly_parameters(args).items() if k in ("db", "min_delay", "base_url")}
    return [
        nightly.to_deployment(
            name=NIGHTLY_DEPLOYMENT,
            schedules=[schedule],
            parameters=nightly_parameters(args),
            description="Nightly incremental ingest of every enabled source.",
        ),
        # No schedule: run on demand with --param source=ID --param start=DATE --param end=DATE.
        backfill.to_deployment(
            name=BACKFILL_DEPLOYMENT,
            parameters=shared,
            description="Backfill one source's archive for a date range (resumable).",
        ),
    ]


def serve(args: argparse.Namespace) -> None:
    """Serve until interrupted (Ctrl-C)."""
    prefect_serve(*deployments(args))
