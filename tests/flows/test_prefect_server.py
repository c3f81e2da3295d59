"""pressroom on a real Prefect API server (one per session), checked through the Prefect client.

What an operator sees: task runs named by source, a failed source as a Failed task while the others complete,
pressroom's own log lines in the run's logs, the summary artifact linking failed URLs, served and pooled
deployments runnable with the README's parameters, and two workers running a nightly and a backfill at once.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests import prefect_api
from tests.mirrors import Mirror, free_port
from tests.stored import count, rows

pytestmark = [pytest.mark.e2e, pytest.mark.server]
BIN = Path(sys.executable).parent
MD_LINK = re.compile(r"\[[^\]]+\]\(<(https?://[^>]+)>\)")


def _pressroom(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "pressroom"), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_ingest_on_a_server_fails_the_broken_source_task_and_links_its_urls(
    prefect_server: dict[str, str], served_mirror, tmp_path: Path
) -> None:
    mirror: Mirror = served_mirror("kremlin_en", synthetic=4, faults=False)
    dead = f"http://127.0.0.1:{free_port()}"
    db = tmp_path / "w.duckdb"
    run = _pressroom(
        prefect_server,
        "ingest", "--db", str(db), "--min-delay", "0",
        "--source", "kremlin_en", "--base-url", f"kremlin_en={mirror.base_url}",
        "--source", "economy_en", "--base-url", f"economy_en={dead}",
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    assert count(db, "select count(*) from releases") == len(mirror.expected())  # the others went on

    (flow_run, *_) = prefect_api.flow_runs(prefect_server, "pressroom-nightly")
    assert flow_run.state_type.value == "FAILED"
    tasks = prefect_api.task_runs(prefect_server, flow_run.id)
    assert tasks == {"ingest-kremlin_en": "COMPLETED", "ingest-economy_en": "FAILED"}

    lines = prefect_api.logs(prefect_server, flow_run.id)
    ours = [msg for name, msg in lines if name.startswith("pressroom.")]
    assert any(msg.startswith("kremlin_en: ok") for msg in ours), lines
    assert any(msg.startswith("economy_en: failed") for msg in ours), lines

    summary = prefect_api.artifact(prefect_server, "nightly-summary", flow_run.id)
    failed = [u for sid, u in rows(db, "select source_id, url from errors where url is not null")]
    links = MD_LINK.findall(summary)
    assert failed and set(failed) <= set(links), summary


def test_served_deployments_run_with_the_readme_parameters(
    prefect_server: dict[str, str], served_mirror, tmp_path: Path
) -> None:
    mirror: Mirror = served_mirror("kremlin_en", synthetic=3, faults=False)
    db = tmp_path / "served.duckdb"
    serve_cmd = [
        str(BIN / "pressroom"),
        "serve",
        "--source",
        "kremlin_en",
        "--db",
        str(db),
        "--min-delay",
        "0",
    ]
    # Two sources' ID=URL, as the README writes them: the one-source backfill takes its own.
    serve_cmd += [
        "--base-url",
        f"kremlin_en={mirror.base_url}",
        "--base-url",
        "economy_en=http://127.0.0.1:9",
    ]
    serve_cmd += ["--source", "economy_en"]
    served = subprocess.Popen(
        serve_cmd, env=prefect_server, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        days = sorted(r["published_local"][:10] for r in mirror.expected())
        params = ["source=kremlin_en", f"start={days[0]}", f"end={days[-1]}"]
        run = _run_deployment(prefect_server, "pressroom-backfill/backfill", params)
        assert run.returncode == 0 and "Completed" in run.stdout + run.stderr, run.stdout + run.stderr
        assert count(db, "select count(*) from releases") == len(mirror.expected())
        run = _run_deployment(prefect_server, "pressroom-reextract/reextract", [])
        assert run.returncode == 0 and "Completed" in run.stdout + run.stderr, run.stdout + run.stderr
    finally:
        served.terminate()
        served.wait(timeout=30)


def _run_deployment(env: dict[str, str], name: str, params: list[str]) -> subprocess.CompletedProcess[str]:
    """Trigger a served deployment and watch it; retry while the deployment is not registered yet."""
    cmd = [str(BIN / "prefect"), "deployment", "run", name, "--watch"]
    for p in params:
        cmd += ["--param", p]
    deadline = time.monotonic() + 90
    while True:
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode == 0 or time.monotonic() > deadline or "not found" not in run.stdout + run.stderr:
            return run
        time.sleep(1)


def _start(env: dict[str, str], deployment: str, params: dict[str, object]) -> UUID:
    """Create a flow run of a registered deployment (not waiting for it)."""
    with prefect_api.client(env) as c:
        dep = c.read_deployment_by_name(deployment)
        return c.create_flow_run_from_deployment(dep.id, parameters=params).id


def test_two_workers_run_a_nightly_and_a_backfill_at_once_storing_each_release_once(
    prefect_server: dict[str, str], served_mirror, tmp_path: Path
) -> None:
    sites = ("kremlin_en", "economy_en", "economy_ru")
    mirrors: dict[str, Mirror] = {s: served_mirror(s, synthetic=4, faults=False) for s in sites}
    db = tmp_path / "pooled.duckdb"
    args = ["deploy", "--pool", "pressroom-test", "--db", str(db), "--min-delay", "0"]
    for site, mirror in mirrors.items():
        args += ["--source", site, "--base-url", f"{site}={mirror.base_url}"]
    run = _pressroom(prefect_server, *args)
    assert run.returncode == 0, run.stdout + run.stderr

    with prefect_api.client(prefect_server) as c:
        queues = {q.name: (q.priority, q.concurrency_limit) for q in c.read_work_queues("pressroom-test")}
    assert queues["nightly"][0] < queues["backfill"][0] and queues["backfill"][1] == 1

    worker = [str(BIN / "prefect"), "worker", "start", "--pool", "pressroom-test", "--type", "process"]
    workers = [
        subprocess.Popen([*worker, "--name", f"w{i}"], env=prefect_server, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        for i in (1, 2)
    ]  # fmt: skip
    try:
        days = sorted(r["published_local"][:10] for r in mirrors["kremlin_en"].expected())
        backfill = {"source": "kremlin_en", "start": days[0], "end": days[-1]}
        ids = [
            _start(prefect_server, "pressroom-nightly/nightly", {}),
            _start(prefect_server, "pressroom-backfill/backfill", backfill),
        ]
        states = prefect_api.wait_terminal(prefect_server, ids, timeout=150)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=30)
    assert list(states.values()) == ["COMPLETED", "COMPLETED"], states
    expected = sum(len(m.expected()) for m in mirrors.values())
    assert count(db, "select count(*) from releases") == expected
    assert count(db, "select count(distinct (source_id, url)) from releases") == expected
