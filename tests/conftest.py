"""Shared fixtures: loopback mirrors, temporary warehouses, one Prefect test harness per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mirrors import Mirror

TESTS = Path(__file__).parent
# Whole folders of end-to-end work; elsewhere a module or test says `pytest.mark.e2e` itself.
E2E_FOLDERS = ("e2e", "benchmarks")
E2E_MARKERS = ("browser", "server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark end-to-end tests, so that `pytest -m "not e2e"` is the fast unit lane."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0]
        if folder in E2E_FOLDERS or any(item.get_closest_marker(m) for m in E2E_MARKERS):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def mirror_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session folder holding built mirrors."""
    return tmp_path_factory.mktemp("mirrors")


def _served(root: Path, site: str, **opts: object) -> Iterator[Mirror]:
    mirror = Mirror.build(site, root / site, **opts).serve()  # type: ignore[arg-type]
    try:
        yield mirror
    finally:
        mirror.stop()


@pytest.fixture
def served_mirror(tmp_path: Path) -> Iterator[object]:
    """Factory: build and serve a fresh mirror of a site for one test (stopped afterwards)."""
    running: list[Mirror] = []

    def make(site: str, **opts: object) -> Mirror:
        mirror = Mirror.build(site, tmp_path / site, **opts).serve()  # type: ignore[arg-type]
        running.append(mirror)
        return mirror

    yield make
    for m in running:
        m.stop()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for every flow test of the session (it costs seconds to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real `prefect server start` on a loopback port with its own PREFECT_HOME, once per session.

    Yields the environment that points a subprocess (or `prefect_client`) at it. Tests that use it are
    marked `server` (hence e2e).
    """
    import os
    import subprocess
    import sys

    from tests.mirrors import free_port
    from tests.prefect_api import wait_healthy

    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",  # workers poll their queues every second, not every 10 s
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    }
    env.pop("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", None)
    prefect = str(Path(sys.executable).parent / "prefect")
    cmd = [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(env["PREFECT_API_URL"], server, timeout=120)
        yield env
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
