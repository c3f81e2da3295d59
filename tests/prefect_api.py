"""Talking to the test session's real Prefect API server: health, a client, runs and their task runs."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def wait_healthy(api: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until the API answers its health check (or the server process died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"{api}/health", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{api} did not answer in {timeout:.0f} s")


@contextmanager
def client(env: dict[str, str]) -> Iterator[Any]:
    """A synchronous Prefect client pointed at the server in `env` (PREFECT_API_URL)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as c:
        yield c


def flow_runs(env: dict[str, str], flow_name: str) -> list[Any]:
    """The runs of a flow, newest first."""
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with client(env) as c:
        found = c.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])), sort=FlowRunSort.START_TIME_DESC
        )
    return list(found)


def task_runs(env: dict[str, str], flow_run_id: UUID) -> dict[str, str]:
    """Task run name -> state type of one flow run."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with client(env) as c:
        runs = c.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {r.name: r.state.type.value for r in runs if r.state is not None}


def logs(env: dict[str, str], flow_run_id: UUID) -> list[tuple[str, str]]:
    """(logger name, message) of every log line a flow run sent to the API."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    with client(env) as c:
        found = c.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
    return [(log.name, log.message) for log in found]


def artifact(env: dict[str, str], key: str, flow_run_id: UUID) -> str:
    """The markdown of the artifact `key` a flow run created."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with client(env) as c:
        found = c.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[key]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])
            )
        )
    assert found, f"no artifact {key!r} for flow run {flow_run_id}"
    return str(found[0].data)


def wait_terminal(env: dict[str, str], flow_run_ids: list[UUID], timeout: float) -> dict[UUID, str]:
    """Wait until every flow run is in a terminal state; return each one's state type."""
    deadline = time.monotonic() + timeout
    with client(env) as c:
        while True:
            states = {i: c.read_flow_run(i).state_type.value for i in flow_run_ids}
            if all(s in TERMINAL for s in states.values()) or time.monotonic() > deadline:
                return states
            time.sleep(1)
