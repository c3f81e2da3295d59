"""Benchmark: extraction throughput on a large synthetic mirror's bodies, beside quantulum3.

    python -m tests.benchmarks.bench_extract [--releases 2000]

Prints releases/s and figures/s for pressroom's extractor (English and Russian bodies) and for quantulum3
on the same English bodies in the same run, plus peak RSS. PRESSROOM_BENCH_FAST=1 runs a small mirror.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import warnings
from pathlib import Path

from extractors.extract import extract
from tests.mirrors import Mirror


def bodies(site: str, releases: int, workdir: Path) -> list[tuple[str, str]]:
    """(lang, body) of every release of a freshly built mirror."""
    mirror = Mirror.build(site, workdir / site, synthetic=releases, faults=False)
    return [(r["lang"], r["body"]) for r in mirror.expected()]


def time_pressroom(texts: list[tuple[str, str]]) -> tuple[float, int]:
    """Seconds and figures found by pressroom's extractor (figures and commitments)."""
    start = time.perf_counter()
    found = sum(len(extract(body, lang, None).figures) for lang, body in texts)
    return time.perf_counter() - start, found


def time_quantulum(texts: list[str]) -> tuple[float, int] | None:
    """Seconds and quantities found by quantulum3, or None where it is not installed."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse("warm up 1 dollar")  # its first call loads models: not part of the rate
        start = time.perf_counter()
        found = sum(len(parser.parse(t)) for t in texts)
    return time.perf_counter() - start, found


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=60 if fast else 2000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        texts = bodies("economy_en", args.releases, Path(tmp)) + bodies(
            "economy_ru", args.releases, Path(tmp)
        )
    english = [b for lang, b in texts if lang == "en"]
    secs, figs = time_pressroom(texts)
    out: dict[str, float] = {
        "releases": len(texts),
        "chars_mb": sum(len(b) for _, b in texts) / 1e6,
        "pressroom_s": secs,
        "pressroom_releases_per_s": len(texts) / secs,
        "pressroom_figures_per_s": figs / secs,
    }
    en_secs, en_figs = time_pressroom([("en", b) for b in english])
    out["pressroom_en_releases_per_s"] = len(english) / en_secs
    out["pressroom_en_figures_per_s"] = en_figs / en_secs
    quant = time_quantulum(english)
    if quant:
        out["quantulum3_en_releases_per_s"] = len(english) / quant[0]
        out["quantulum3_en_quantities_per_s"] = quant[1] / quant[0]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, value in out.items():
        print(f"{name:>30}: {value:,.2f}")
    return out


if __name__ == "__main__":
    main()
