"""Benchmark: full-text search over a synthetic warehouse of English and Russian releases.

    python -m tests.benchmarks.bench_search [--releases 20000] [--keep FILE]

Loads the releases with warehouse.load.load_batch (half English, half Russian, ~1,800 characters of
Zipf-distributed words each), builds the search index, then runs each query of QUERIES through
warehouse.search.search and prints its time (the goal: well under a second each), the index build time
and a no-change refresh. PRESSROOM_BENCH_FAST=1 (or --releases 200) builds a small warehouse, which is
what the test suite does.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from warehouse import db, load, search

BATCH = 1_000
WORDS_PER_RELEASE = 250
# (query, filters): plain, inflected, multi-word, and each filter of `pressroom search`.
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("investments", {}),
    ("росте экспорта", {}),
    ("invest infrastructure regions", {"lang": "en"}),
    ("ростом", {"lang": "ru", "limit": 20}),
    ("investment", {"source": "bench_en_1"}),
    ("росте", {"since": date(2024, 6, 1)}),
]
_EN_SUFFIXES = ["", "", "s", "ed", "ing", "ment", "ments"]
_RU_SUFFIXES = ["", "а", "у", "ом", "е", "ы", "ов", "ами", "ах"]
_PLANTED = {
    "en": ["investment", "investments", "invest", "infrastructure", "regions", "exports"],
    "ru": ["рост", "роста", "росте", "ростом", "экспорта", "экспорт", "инвестиции"],
}


def _stems(rng: random.Random, syllables: str, count: int) -> list[str]:
    parts = syllables.split()
    return ["".join(rng.choice(parts) for _ in range(rng.randint(2, 4))) for _ in range(count)]


class Corpus:
    """Deterministic synthetic release text: Zipf-distributed made-up words plus a few planted real ones."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        en = _stems(self.rng, "ka re to mi sa lo pe ri an ex con pro dis ter ver mon", 3000)
        ru = _stems(self.rng, "ка ре то ми са ло пе ри ан ов ст пр ра ни ве мо", 3000)
        self.words = {"en": en, "ru": ru}
        self.suffixes = {"en": _EN_SUFFIXES, "ru": _RU_SUFFIXES}
        self.cum = list(accumulate(1 / rank for rank in range(1, 3001)))

    def text(self, lang: str, n: int) -> str:
        """Return n words of a language, with one in twenty a planted word."""
        words = self.rng.choices(self.words[lang], cum_weights=self.cum, k=n)
        out = []
        for word in words:
            if self.rng.random() < 0.05:
                out.append(self.rng.choice(_PLANTED[lang]))
            else:
                out.append(word + self.rng.choice(self.suffixes[lang]))
        return " ".join(out)


def releases(count: int, corpus: Corpus) -> list[dict[str, Any]]:
    """Return count release records, alternating English and Russian, over four sources and a year."""
    seen = datetime(2025, 1, 1, tzinfo=UTC)
    out = []
    for i in range(count):
        lang = "en" if i % 2 == 0 else "ru"
        day = date(2024, 1, 1) + timedelta(days=i % 366)
        body = ". ".join(corpus.text(lang, 25) for _ in range(WORDS_PER_RELEASE // 25))
        out.append({
            "source_id": f"bench_{lang}_{i % 4 // 2}", "key": str(i), "url": f"https://example.gov/{i}",
            "title": corpus.text(lang, 8), "lang": lang, "body_text": body,
            "published_at": datetime(day.year, day.month, day.day, 9, tzinfo=UTC), "published_raw": str(day),
            "published_tz": "UTC", "published_date": day, "tags": [], "seen_at": seen,
            "figures": [], "commitments": [], "extractor_version": "bench",
        })  # fmt: skip
    return out


def bench(count: int, path: Path) -> dict[str, float]:
    """Load count releases into a new warehouse at path, index them, time the queries."""
    con = db.connect(path)
    try:
        records = releases(count, Corpus())
        t0 = time.perf_counter()
        for start in range(0, count, BATCH):
            load.load_batch(con, records[start : start + BATCH])
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        search.refresh(con)
        index_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        search.refresh(con)
        unchanged_s = time.perf_counter() - t0
    finally:
        con.close()
    figures: dict[str, float] = {"releases": count, "load_s": load_s, "index_s": index_s}
    figures["refresh_unchanged_s"] = unchanged_s
    for n, (query, filters) in enumerate(QUERIES, 1):
        t0 = time.perf_counter()
        result = search.search(path, query, **filters)
        figures[f"query{n}_s"] = time.perf_counter() - t0
        figures[f"query{n}_hits"] = len(result.hits)
    times = [value for name, value in figures.items() if name.startswith("query") and name.endswith("_s")]
    figures["slowest_query_s"] = max(times)
    return figures


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Parse arguments, run the benchmark, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=200 if fast else 20_000, help="synthetic releases")
    ap.add_argument("--keep", type=Path, metavar="FILE", help="build the warehouse here and keep it")
    args = ap.parse_args(argv)
    if args.keep:
        figures = bench(args.releases, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = bench(args.releases, Path(tmp) / "search.duckdb")
    for n, (query, filters) in enumerate(QUERIES, 1):
        print(f"{'query' + str(n):>22}: {query!r} {filters or ''}")
    for name, value in figures.items():
        print(f"{name:>22}: {value:,.3f}" if isinstance(value, float) else f"{name:>22}: {value:,}")
    return figures


if __name__ == "__main__":
    main()
