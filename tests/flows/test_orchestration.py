"""Choosing Prefect or not, slot names, the backfill's own --base-url, summary links, deployments as code."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from flows.nightly_run import NightlyResult, SourcesFailed, failures_markdown
from flows.orchestration import prefect_api_configured, warehouse_limit
from flows.selection import base_urls_for


def test_prefect_is_used_only_when_an_api_is_configured(tmp_path: Path) -> None:
    home = {"PREFECT_HOME": str(tmp_path)}
    assert not prefect_api_configured(home)
    assert prefect_api_configured({**home, "PREFECT_API_URL": "http://127.0.0.1:4200/api"})
    (tmp_path / "profiles.toml").write_text(
        'active = "ops"\n[profiles.ops]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n', encoding="utf-8"
    )
    assert prefect_api_configured(home)  # set with `prefect config set`, in the active profile
    assert not prefect_api_configured({**home, "PREFECT_PROFILE": "other"})


def test_one_warehouse_file_is_one_limit_whatever_the_path_spelling(tmp_path: Path) -> None:
    a = warehouse_limit(tmp_path / "w.duckdb")
    assert a == warehouse_limit(tmp_path / "x" / ".." / "w.duckdb")
    assert a != warehouse_limit(tmp_path / "other.duckdb")


def test_a_backfill_takes_its_own_base_url_from_a_deployments_shared_list() -> None:
    shared = ["kremlin_en=http://127.0.0.1:1", "economy_en=http://127.0.0.1:2"]
    assert base_urls_for(shared, "kremlin_en") == ["kremlin_en=http://127.0.0.1:1"]
    assert base_urls_for(["http://127.0.0.1:3"], "mid_en") == ["http://127.0.0.1:3"]
    assert base_urls_for(None, "mid_en") == []


def test_the_run_summary_links_each_failed_url() -> None:
    failures = [("mid_en", "https://mid.ru/en/press/1?a=b", "fetch", "HTTP 503 [retry]")]
    md = failures_markdown(failures)
    assert "[https://mid.ru/en/press/1?a=b](<https://mid.ru/en/press/1?a=b>)" in md
    assert "HTTP 503 (retry)" in md
    report = {"source_id": "mid_en", "status": "partial", "message": "1 URL(s) failed"}
    report |= {k: 0 for k in ("pages_fetched", "requests", "new", "updated", "unchanged", "failed")}
    result = NightlyResult([report], [], failures)
    assert "](<https://mid.ru/en/press/1?a=b>)" in result.summary()
    with pytest.raises(SourcesFailed, match="mid_en"):
        result.settle()


def test_deployments_on_a_pool_have_queues_limits_and_importable_entrypoints(tmp_path: Path) -> None:
    from prefect.flows import Flow
    from prefect.utilities.importtools import import_object

    from flows.deploy import QUEUES, deployments

    args = argparse.Namespace(
        db=str(tmp_path / "w.duckdb"), sources=None, base_url=None, min_delay=None,
        cron="0 3 * * *", timezone="Europe/Moscow",
    )  # fmt: skip
    made = {d.name: d for d in deployments(args, pool="pool")}
    assert set(made) == {"nightly", "backfill", "reextract"}
    for name, dep in made.items():
        assert dep.work_queue_name == QUEUES[name].name
        assert dep.concurrency_limit == 1
        assert isinstance(import_object(dep.entrypoint), Flow)
    assert min(QUEUES.values(), key=lambda q: q.priority).name == "nightly"


@pytest.mark.e2e
def test_ingest_without_a_prefect_api_starts_no_server_and_records_its_run(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.mirrors import free_port
    from tests.stored import count

    db = tmp_path / "w.duckdb"
    code = (
        "import sys; from flows import cli; "
        f"rc = cli.main(['ingest', '--source', 'economy_en', '--db', {str(db)!r}, "
        f"'--base-url', 'http://127.0.0.1:{free_port()}', '--min-delay', '0']); "
        "print('prefect imported' if 'prefect' in sys.modules else 'no prefect'); sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr  # the source failed: same exit code as a flow run
    assert "no prefect" in run.stdout and "economy_en" in run.stdout
    assert count(db, "select count(*) from runs where source_id = 'economy_en' and status = 'failed'") == 1
