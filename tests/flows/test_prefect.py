"""The nightly flow through Prefect: once in the test harness, once served on a real Prefect server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.mirrors import Mirror, free_port
from tests.stored import count

# Prefect flows on a temporary or real API server, against served mirrors.
pytestmark = pytest.mark.e2e


@pytest.mark.usefixtures("prefect_harness")
def test_nightly_flow_loads_the_mirror_and_writes_a_summary_artifact(served_mirror, tmp_path: Path) -> None:
    from prefect.artifacts import Artifact

    from flows.nightly import nightly

    mirror: Mirror = served_mirror("kremlin_en", synthetic=10, faults=False)
    db_path = tmp_path / "flow.duckdb"
    reports = nightly(sources=["kremlin_en"], db=str(db_path), base_url=[mirror.base_url], min_delay=0)
    assert [(r["source_id"], r["status"], r["new"]) for r in reports] == [
        ("kremlin_en", "ok", len(mirror.expected()))
    ]
    assert count(db_path, "select count(*) from releases") == len(mirror.expected())
    artifact = Artifact.get("nightly-summary")
    assert artifact is not None and "kremlin_en" in str(artifact.data)


@pytest.mark.usefixtures("prefect_harness")
def test_nightly_flow_fails_and_names_the_source_when_a_site_is_down(tmp_path: Path) -> None:
    from flows.nightly import SourcesFailed, nightly

    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SourcesFailed, match="economy_en"):
        nightly(sources=["economy_en"], db=str(tmp_path / "x.duckdb"), base_url=[dead], min_delay=0)
    assert count(tmp_path / "x.duckdb", "select count(*) from errors where source_id = 'economy_en'") >= 1


def _wait_http(url: str, timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {timeout:.0f} s")


@pytest.mark.slow
@pytest.mark.server
def test_served_deployment_runs_on_a_real_prefect_server(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("kremlin_en", synthetic=5, faults=False)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api}
    env.pop("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", None)
    bindir = Path(sys.executable).parent
    server = subprocess.Popen(
        [str(bindir / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served = None
    try:
        _wait_http(f"{api}/health", 120)
        db_path = tmp_path / "served.duckdb"
        serve_cmd = [str(bindir / "pressroom"), "serve", "--source", "kremlin_en", "--db", str(db_path)]
        serve_cmd += ["--base-url", mirror.base_url, "--min-delay", "0"]
        served = subprocess.Popen(serve_cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run = _run_deployment(bindir, env, "pressroom-nightly/nightly")
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Completed" in run.stdout + run.stderr
        assert count(db_path, "select count(*) from releases") == len(mirror.expected())
        # The backfill deployment takes its range as --param, into another warehouse here.
        days = sorted(r["published_local"][:10] for r in mirror.expected())
        other = tmp_path / "backfilled.duckdb"
        params = ["source=kremlin_en", f"start={days[0]}", f"end={days[-1]}", f"db={other}"]
        run = _run_deployment(bindir, env, "pressroom-backfill/backfill", params)
        assert run.returncode == 0 and "Completed" in run.stdout + run.stderr, run.stdout + run.stderr
        assert count(other, "select count(*) from releases") == len(mirror.expected())
    finally:
        for proc in (served, server):
            if proc:
                proc.terminate()
                proc.wait(timeout=30)


def _run_deployment(
    bindir: Path, env: dict[str, str], name: str, params: list[str] = ()
) -> subprocess.CompletedProcess[str]:
    """Trigger a served deployment and watch it; retry while the deployment is not registered yet."""
    cmd = [str(bindir / "prefect"), "deployment", "run", name, "--watch"]
    for p in params:
        cmd += ["--param", p]
    deadline = time.monotonic() + 90
    while True:
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode == 0 or time.monotonic() > deadline or "not found" not in run.stdout + run.stderr:
            return run
        time.sleep(2)


@pytest.mark.usefixtures("prefect_harness")
def test_nightly_flow_without_db_parameter_uses_pressroom_db(
    served_mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    mirror: Mirror = served_mirror("kremlin_en", synthetic=3, faults=False)
    monkeypatch.setenv("PRESSROOM_DB", str(tmp_path / "env.duckdb"))
    nightly(sources=["kremlin_en"], base_url=[mirror.base_url], min_delay=0)
    assert count(tmp_path / "env.duckdb", "select count(*) from releases") == len(mirror.expected())


@pytest.mark.usefixtures("prefect_harness")
def test_nightly_flow_fails_when_a_data_check_breaks(
    served_mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.nightly as nightly_mod

    mirror: Mirror = served_mirror("kremlin_en", synthetic=2, faults=False)
    broken = "unique releases(release_id): 1 duplicated keys"
    monkeypatch.setattr(nightly_mod.load, "check_data", lambda con: [broken])
    with pytest.raises(nightly_mod.DataChecksFailed, match="duplicated keys"):
        nightly_mod.nightly(
            sources=["kremlin_en"], db=str(tmp_path / "d.duckdb"), base_url=[mirror.base_url], min_delay=0
        )
