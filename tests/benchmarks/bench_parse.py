"""Benchmark: parsing throughput (pages/s on one core) over the mirrors' listing and article pages.

    python -m tests.benchmarks.bench_parse [--releases 200] [--rounds 3] [--site economy_en ...]
                                           [--profile] [--dump parsed.json] [--mirrors DIR]

For each of the nine mirrored sources it builds a loopback mirror (read from disk, no server) and parses
what an ingest parses: every discovery page (listing, feed or search API, walked as discovery walks them,
plus the HTML listing of feed sources), every release's article page in its fetched form (the government
reader fragment, the GOV.UK content-API document) and every feed entry that carries its body. The saved
pages of tests/fixtures/pages are one more row. Rates are CPU seconds of this process, best of --rounds,
so other load on the machine skews them less. --profile prints cProfile's top functions; --dump writes
every parsed value as JSON, to compare two versions of the parsers page by page.
PRESSROOM_BENCH_FAST=1 runs small mirrors and one round.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import tempfile
import time
from pathlib import Path

from config.sources import load_sources
from tests.mirrors import Mirror
from tests.parse_corpus import Job, Routes, mirror_jobs, saved_jobs

SITES: tuple[str, ...] = ("economy_en", "economy_ru", "kremlin_en", "kremlin_ru", "government_en")
SITES += ("government_ru", "mid_en", "mid_ru", "govuk")
KINDS = ("listing", "article", "entry")


def build_jobs(sites: list[str], releases: int, workdir: Path) -> dict[str, list[Job]]:
    """Jobs per source (a mirror already built in `workdir` is reused), then the saved pages."""
    sources = load_sources()
    out: dict[str, list[Job]] = {}
    for site in sites:
        built = workdir / f"{site}-{releases}"
        exists = (built / "expected.json").exists()
        mirror = Mirror(site, built) if exists else Mirror.build(site, built, synthetic=releases)
        out[site] = mirror_jobs(sources[site], Routes(mirror.out), mirror.expected())
    out["saved_pages"] = saved_jobs(sources)
    return out


def cpu_seconds(jobs: list[Job], rounds: int) -> float:
    """Best CPU time of `rounds` passes over the jobs."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for job in jobs:
            job.outcome()
        best = min(best, time.process_time() - start)
    return best


def measure(jobs: dict[str, list[Job]], rounds: int) -> dict[str, float]:
    """Pages/s per source and kind, and overall; prints one line per source."""
    figures: dict[str, float] = {}
    print(f"{'source':>14} {'pages':>6} {'listing/s':>9} {'article/s':>9} {'entry/s':>9} {'pages/s':>9}")
    for site, site_jobs in jobs.items():
        cells = []
        for kind in KINDS:
            of_kind = [job for job in site_jobs if job.kind == kind]
            secs = figures[f"{site}_{kind}_s"] = cpu_seconds(of_kind, rounds) if of_kind else 0.0
            cells.append(f"{len(of_kind) / secs if secs else 0:>9,.0f}")
        secs = sum(figures[f"{site}_{kind}_s"] for kind in KINDS)
        figures[f"{site}_pages_per_s"] = len(site_jobs) / secs
        print(f"{site:>14} {len(site_jobs):>6} {' '.join(cells)} {figures[f'{site}_pages_per_s']:>9,.0f}")
    _totals(jobs, figures)
    return figures


def _totals(jobs: dict[str, list[Job]], figures: dict[str, float]) -> None:
    pages = sum(len(site_jobs) for site_jobs in jobs.values())
    secs = sum(value for name, value in figures.items() if name.endswith(tuple(f"_{k}_s" for k in KINDS)))
    articles = sum(1 for site_jobs in jobs.values() for job in site_jobs if job.kind == "article")
    article_s = sum(value for name, value in figures.items() if name.endswith("_article_s"))
    figures.update(
        pages=pages, cpu_s=secs, pages_per_s=pages / secs, article_pages_per_s=articles / article_s
    )
    print(f"{'overall':>14} {pages:>6} pages, {secs:.2f} CPU s: {pages / secs:,.0f} pages/s", end=" ")
    print(f"(articles alone {articles / article_s:,.0f}/s)")


def profile(jobs: dict[str, list[Job]], top: int = 25) -> None:
    """Print cProfile's top functions, by own time and by cumulative time, over one pass of every job."""
    prof = cProfile.Profile()
    prof.enable()
    for site_jobs in jobs.values():
        for job in site_jobs:
            job.outcome()
    prof.disable()
    for order in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(order).print_stats(top)
        print(buf.getvalue())


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Parse arguments, run the benchmark, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=20 if fast else 200, help="synthetic releases per mirror")
    ap.add_argument("--rounds", type=int, default=1 if fast else 3)
    ap.add_argument("--site", action="append", choices=SITES, help="only these sources (default: all)")
    ap.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    ap.add_argument("--dump", type=Path, help="write every parsed value here (JSON)")
    ap.add_argument("--mirrors", type=Path, help="build the mirrors here and keep them (reused when present)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        jobs = build_jobs(args.site or list(SITES), args.releases, args.mirrors or Path(tmp))
    figures = measure(jobs, args.rounds)
    if args.profile:
        profile(jobs)
    if args.dump:
        dump = {site: [[job.kind, job.label, job.outcome()] for job in js] for site, js in jobs.items()}
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
