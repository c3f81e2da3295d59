"""Benchmark: `reextract` of stored releases on 1 and on N worker processes, side by side in one run.

    python -m tests.benchmarks.bench_reextract [--releases 20000] [--workers 1 2]

Builds a warehouse of synthetic economy releases (English and Russian bodies of a built mirror, each
stored under several keys to reach --releases), marks every extraction stale, re-extracts it with each
worker count on a fresh copy, and prints wall seconds, releases/s, releases/s per worker and the speed-up
over one worker. PRESSROOM_BENCH_FAST=1 runs 200 releases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from flows.reextract import reextract_all
from tests.mirrors import Mirror
from warehouse import db, load


def build(path: Path, releases: int, workdir: Path) -> None:
    """A warehouse of `releases` stored releases with no facts and a stale extractor version."""
    texts = []
    for site in ("economy_en", "economy_ru"):
        mirror = Mirror.build(site, workdir / site, synthetic=min(releases // 2, 300), faults=False)
        texts += [(r["lang"], r["body"]) for r in mirror.expected() if r.get("body")]
    con = db.connect(str(path))
    try:
        for start in range(0, releases, 1000):
            load.load_batch(
                con, [_record(n, *texts[n % len(texts)]) for n in range(start, min(start + 1000, releases))]
            )
    finally:
        con.close()


def _record(n: int, lang: str, body: str) -> dict:
    return {
        "source_id": "economy_en" if lang == "en" else "economy_ru",
        "key": f"b{n}",
        "url": f"https://bench.invalid/{n}",
        "title": f"Release {n}",
        "lang": lang,
        "body_text": body,
        "published_at": None,
        "published_raw": None,
        "published_tz": "Europe/Moscow",
        "published_date": None,
        "tags": [],
        "seen_at": None,
        "figures": [],
        "commitments": [],
        "extractor_version": "stale",
    }


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=200 if fast else 20000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args(argv)
    out: dict[str, float] = {"releases": args.releases}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.duckdb"
        build(base, args.releases, Path(tmp))
        for workers in args.workers:
            copy = Path(tmp) / f"w{workers}.duckdb"
            shutil.copy(base, copy)
            con = db.connect(str(copy))
            try:
                start = time.perf_counter()
                result = reextract_all(con, workers=workers)
                secs = time.perf_counter() - start
            finally:
                con.close()
            out[f"workers{workers}_s"] = secs
            out[f"workers{workers}_releases_per_s"] = result["releases"] / secs
            out[f"workers{workers}_per_worker"] = result["releases"] / secs / workers
            out[f"workers{workers}_rows"] = result["rows_changed"]
    first = args.workers[0]
    for workers in args.workers[1:]:
        out[f"speedup_{workers}_vs_{first}"] = out[f"workers{first}_s"] / out[f"workers{workers}_s"]
    for name, value in out.items():
        print(f"{name:>28}: {value:,.2f}")
    return out


if __name__ == "__main__":
    main()
