"""Benchmark: first full ingest and a no-change nightly run against a large loopback mirror, beside a plain
requests + BeautifulSoup script (tests/benchmarks/plain_ingest.py) on the same mirror.

    python -m tests.benchmarks.bench_ingest [--releases 2000] [--site economy_en]

Prints wall time, releases/s, request counts and peak RSS, in process and as the commands a user runs
(`pressroom ingest` and the plain script, each a subprocess: wall time and peak RSS of each).
PRESSROOM_BENCH_FAST=1 (or --releases 60) runs a small mirror, which is what the test suite does.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

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


def command(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command run to the end (its output discarded).

    As an ad-hoc command: no Prefect API configured. The peak is the process's own high-water mark
    (VmHWM, which a new program starts afresh; getrusage would report this benchmark's own peak, since a
    child inherits it across fork and exec), read until the process ends.
    """
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak_kb = 0
    while proc.poll() is None:
        peak_kb = max(peak_kb, _high_water_kb(proc.pid))
        time.sleep(0.05)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args} exited {proc.returncode}")
    return time.perf_counter() - start, peak_kb / 1024


def _high_water_kb(pid: int) -> int:
    """A running process's peak resident set (Linux /proc), 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def side_by_side(site: str, base_url: str, workdir: Path) -> dict[str, float]:
    """`pressroom ingest` (first and no-change) and the plain script, each as a fresh process."""
    db_path, plain_db = str(workdir / "cli.duckdb"), str(workdir / "plain.duckdb")
    ingest = [sys.executable, "-m", "flows.cli", "ingest", "--source", site, "--db", db_path]
    ingest += ["--base-url", base_url, "--min-delay", "0"]
    cli_s, cli_mb = command(ingest)
    again_s, _ = command(ingest)
    plain = [sys.executable, "-m", "tests.benchmarks.plain_ingest", "--site", site, "--base-url", base_url]
    plain_s, plain_mb = command([*plain, "--db", plain_db])
    with duckdb.connect(plain_db, read_only=True) as con:
        (plain_stored,) = con.execute("SELECT count(*) FROM articles").fetchone() or (0,)
    return {
        "cli_first_s": cli_s,
        "cli_first_peak_rss_mb": cli_mb,
        "cli_nochange_s": again_s,
        "plain_script_s": plain_s,
        "plain_script_peak_rss_mb": plain_mb,
        "plain_script_stored": plain_stored,
        "cli_vs_plain": cli_s / plain_s,
    }


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
        commands = side_by_side(site, mirror.base_url, workdir)
    finally:
        mirror.stop()
    return commands | {
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
