"""The nightly flow in Prefect's test harness (the real-server tests are in test_prefect_server.py)."""

from __future__ import annotations

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
    import flows.nightly_run as run_mod

    mirror: Mirror = served_mirror("kremlin_en", synthetic=2, faults=False)
    broken = "unique releases(release_id): 1 duplicated keys"
    monkeypatch.setattr(run_mod.load, "check_data", lambda con: [broken])
    with pytest.raises(nightly_mod.DataChecksFailed, match="duplicated keys"):
        nightly_mod.nightly(
            sources=["kremlin_en"], db=str(tmp_path / "d.duckdb"), base_url=[mirror.base_url], min_delay=0
        )
