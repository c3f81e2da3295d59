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
