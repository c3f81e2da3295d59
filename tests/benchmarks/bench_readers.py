"""Benchmark: how long analysts wait for the warehouse while the nightly ingests.

    python -m tests.benchmarks.bench_readers [--releases 300] [--delay 0.05] [--interval 0.1] [--held-run]

A reader in its own process opens the warehouse as `pressroom sql` does (waiting up to its few seconds),
counts releases and closes, every --interval seconds, while one source is ingested from a loopback mirror
with a politeness delay of --delay seconds. Prints the reader's waits (mean, 95th percentile, max), its
answered and failed polls, and how long the writer held the file. --held-run also measures the old way,
one connection held for the whole run, for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from tests.mirrors import Mirror
from tests.readers import polling_reader
from warehouse import db


def _ingest(mirror: Mirror, path: Path, delay: float, interval: float, *, held_run: bool) -> dict[str, Any]:
    """One first ingest with a polling reader; the writer holds the file per batch or for the whole run."""
    source = load_sources()[mirror.site].with_overrides(base_url=mirror.base_url, min_delay=delay)
    warehouse = db.Warehouse(path)
    with warehouse.session():
        pass  # created and migrated before the reader starts
    with polling_reader(path, interval_s=interval) as polls, Fetcher() as fetcher:
        time.sleep(1.0)  # the reader's process is up
        start = time.perf_counter()
        if held_run:
            con = db.connect(path)
            try:
                report = ingest_source(source, con, fetcher, IngestOptions())
            finally:
                con.close()
        else:
            report = ingest_source(source, warehouse, fetcher, IngestOptions())
        wall = time.perf_counter() - start
    waits = sorted(polls.waits_s) or [0.0]
    return {
        "mode": "held for the run" if held_run else "held per batch",
        "releases": report.new,
        "ingest_s": round(wall, 2),
        "writer_sessions": 1 if held_run else warehouse.sessions - 1,
        "writer_held_s": round(wall if held_run else warehouse.held_s, 3),
        "writer_waited_s": round(0.0 if held_run else warehouse.waited_s, 3),
        "polls_answered": polls.answered,
        "polls_failed": len(polls.errors),
        "reader_wait_mean_s": round(statistics.fmean(waits), 4),
        "reader_wait_p50_s": round(waits[len(waits) // 2], 4),  # about the open's own cost, writer or not
        "reader_wait_p95_s": round(waits[int(0.95 * (len(waits) - 1))], 4),
        "reader_wait_max_s": round(waits[-1], 4),
    }


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the benchmark, print one line per mode, return the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--releases", type=int, default=300, help="synthetic releases in the mirror")
    ap.add_argument("--site", default="economy_en")
    ap.add_argument("--delay", type=float, default=0.05, help="politeness delay between requests (s)")
    ap.add_argument("--interval", type=float, default=0.1, help="pause between the reader's polls (s)")
    ap.add_argument("--held-run", action="store_true", help="also measure one connection held for the run")
    args = ap.parse_args(argv)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        mirror = Mirror.build(args.site, Path(tmp) / "mirror", synthetic=args.releases, faults=False).serve()
        try:
            for held_run in (True, False) if args.held_run else (False,):
                path = Path(tmp) / f"w{int(held_run)}.duckdb"
                out.append(_ingest(mirror, path, args.delay, args.interval, held_run=held_run))
        finally:
            mirror.stop()
    for row in out:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    return out


if __name__ == "__main__":
    main()
