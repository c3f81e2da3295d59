"""Analysts are never locked out: the writer holds the warehouse only for its short writes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from tests.mirrors import Mirror
from tests.readers import polling_reader
from tests.stored import count
from warehouse import db

pytestmark = pytest.mark.e2e  # a served mirror and a reader in its own process


def test_a_reader_polling_during_an_ingest_gets_answers_and_no_error(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=40, faults=False)
    source = load_sources()["economy_en"].with_overrides(base_url=mirror.base_url, min_delay=0.02)
    path = tmp_path / "w.duckdb"
    warehouse = db.Warehouse(path)
    with warehouse.session():
        pass  # the file exists (migrated) before the reader starts
    with polling_reader(path) as polls, Fetcher(backoff_base=0.01) as fetcher:
        time.sleep(1.0)  # the reader's process is up and polling
        report = ingest_source(source, warehouse, fetcher, IngestOptions(batch_size=10))
    total = len(mirror.expected())
    assert report.status == "ok" and report.new == total
    assert polls.errors == [] and polls.answered > 0
    # Answers came while the ingest was storing: the reader saw it part-way, not only before and after.
    assert any(0 < c < total for c in polls.counts), polls.counts
    assert warehouse.sessions >= total // 10  # one short session per batch, not one for the run
    assert count(path, "select count(*) from releases") == total


def test_a_write_waits_for_a_reader_that_holds_the_file_then_goes_ahead(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    warehouse = db.Warehouse(path)
    with warehouse.session():
        pass
    hold = (
        "import sys, time; from warehouse import db; c = db.connect_reader(sys.argv[1]); "
        "print('holding', flush=True); time.sleep(1.5); c.close()"
    )
    reader = subprocess.Popen([sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "holding"
        waited = warehouse.waited_s
        with warehouse.session() as con:
            con.execute("CREATE TABLE scratch_note (x INTEGER)")
        assert warehouse.waited_s - waited > 0.5  # it waited for the reader instead of failing
    finally:
        reader.wait(timeout=30)
    assert reader.returncode == 0
