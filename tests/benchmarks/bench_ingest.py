"""Benchmark: first full ingest and a no-change nightly run against a large loopback mirror.

    python -m tests.benchmarks.bench_ingest [--releases 2000] [--site economy_en]

Prints wall time, releases/s, request counts and peak RSS. PRESSROOM_BENCH_FAST=1 (or --releases 60)
runs a small mirror, which is what the test suite does.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from tests.mirrors import Mirror
from warehouse import db


def _run(source, db_path: Path) -> tuple[float, int, object]:
    con = db.connect(db_path)
    fetcher = Fetcher()
    start = time.perf_counter()
    try:
        report = ingest_source(source, con, fetcher, IngestOptions())
    finally:
        fetcher.close()
        con.close()
    return time.perf_counter() - start, report.requests, report


def bench(site: str, releases: int, workdir: Path) -> dict[str, float]:
    """Build and serve a mirror, ingest it twice, return the figures."""
    t0 = time.perf_counter()
    mirror = Mirror.build(site, workdir / site, synthetic=releases, faults=False).serve()
    build_s = time.perf_counter() - t0
    try:
        total = len(mirror.expected())
        source = load_sources()[site].with_overrides(base_url=mirror.base_url, min_delay=0)
        db_path = workdir / "bench.duckdb"
        first_s, first_req, first = _run(source, db_path)
        again_s, again_req, again = _run(source, db_path)
    finally:
        mirror.stop()
    return {
        "releases": total,
        "mirror_build_s": build_s,
        "first_s": first_s,
        "first_releases_per_s": first.new / first_s,
        "first_requests": first_req,
        "first_stored": first.new,
        "nochange_s": again_s,
        "nochange_requests": again_req,
        "nochange_new": again.new,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Parse arguments, run the benchmark, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=60 if fast else 2000, help="synthetic releases")
    ap.add_argument("--site", default="economy_en")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        figures = bench(args.site, args.releases, Path(tmp))
    for name, value in figures.items():
        print(f"{name:>22}: {value:,.2f}" if isinstance(value, float) else f"{name:>22}: {value:,}")
    return figures


if __name__ == "__main__":
    main()
