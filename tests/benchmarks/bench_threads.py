"""Benchmark: regrouping promise threads, and reading `due` and `figure_series`, on a synthetic warehouse.

    python -m tests.benchmarks.bench_threads [--releases 20000] [--keep FILE]

Loads releases with warehouse.load.load_batch, each with COMMITMENTS commitments and FIGURES figures whose
keys are set as the extractor sets them: actor keys Zipf-distributed over ACTORS actors (a few, like "the
Government", state most promises), action terms 2-6 words Zipf-drawn from a vocabulary of VOCABULARY words,
and a RESTATED share of commitments restating an earlier one (its terms with one changed, a later horizon).
Figures carry an indicator of INDICATORS, a subject of a few, and a year. Then times
warehouse.load.refresh_threads (what the nightly run and reextract do after loading) twice, and one query of
each view. PRESSROOM_BENCH_FAST=1 (or --releases 200) is what the test suite runs.
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

from warehouse import db, load

BATCH = 1_000
COMMITMENTS = 4
FIGURES = 3
ACTORS = 300
VOCABULARY = 3_000
RESTATED = 0.3
INDICATORS = ["gdp_growth", "inflation", "trade_turnover", "exports", "funding_allocated", "jobs"]
SUBJECTS = [None, None, "Russia–Azerbaijan", "Россия–Китай", "Рязанская область"]
QUERIES = {
    "due_overdue_never_restated": "SELECT count(*) FROM due WHERE NOT mentioned_again",
    "threads_restated_most": "SELECT thread_id, times_stated FROM commitment_threads "
    "ORDER BY times_stated DESC, last_stated DESC LIMIT 20",
    "series_trade_2023": "SELECT count(*), sum(revision) FROM figure_series "
    "WHERE indicator = 'trade_turnover' AND subject = 'Russia–Azerbaijan' AND year(period_start) = 2023",
    "series_revised_most": "SELECT series_key, revision_pct FROM figure_series WHERE revision <> 0 "
    "ORDER BY abs(revision_pct) DESC NULLS LAST LIMIT 20",
}


class Generator:
    """Deterministic synthetic releases whose commitments restate one another now and then."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.vocab = [f"term{n}" for n in range(VOCABULARY)]
        self.cum_vocab = list(accumulate(1 / rank for rank in range(1, VOCABULARY + 1)))
        self.actors = ["government"] + [f"actor {n}" for n in range(1, ACTORS)]
        self.cum_actors = list(accumulate(1 / rank for rank in range(1, ACTORS + 1)))
        self.stated: list[tuple[str, list[str], date]] = []

    def _terms(self) -> list[str]:
        return sorted(set(self.rng.choices(self.vocab, cum_weights=self.cum_vocab, k=self.rng.randint(2, 6))))

    def commitment(self, body: list[str], day: date) -> dict[str, Any]:
        """One commitment: new, or an earlier one restated with one term changed and a later horizon."""
        if self.stated and self.rng.random() < RESTATED:
            actor, terms, _ = self.rng.choice(self.stated)
            terms = sorted({*terms[:-1], self.rng.choice(self.vocab)}) if len(terms) > 3 else terms
        else:
            actor = self.rng.choices(self.actors, cum_weights=self.cum_actors)[0]
            terms = self._terms()
            self.stated.append((actor, terms, day))
        sentence = f"The {actor} will {' '.join(terms)}."
        start = sum(len(s) + 1 for s in body)
        body.append(sentence)
        end_day = day + timedelta(days=self.rng.randint(30, 900))
        return {
            "sentence": sentence, "char_start": start, "char_end": start + len(sentence), "actor": actor,
            "action": " ".join(terms), "actor_key": actor, "action_terms": terms, "kind": "pledge",
            "horizon": f"by {end_day.isoformat()}", "horizon_start": day, "horizon_end": end_day,
        }  # fmt: skip

    def figure(self, body: list[str]) -> dict[str, Any]:
        """One figure with an indicator, maybe a subject, and a year."""
        value = round(self.rng.uniform(1, 100), 1)
        year = self.rng.choice([2022, 2023, 2024])
        sentence = f"It was {value}% in {year}."
        start = sum(len(s) + 1 for s in body) + 7
        body.append(sentence)
        return {
            "text": f"{value}%", "value": value, "unit": "percent", "kind": "percent", "char_start": start,
            "char_end": start + len(f"{value}%"), "sentence": sentence,
            "indicator": self.rng.choice(INDICATORS), "subject": self.rng.choice(SUBJECTS),
            "period": f"in {year}", "period_start": date(year, 1, 1), "period_end": date(year, 12, 31),
        }  # fmt: skip

    def release(self, n: int, start: datetime) -> dict[str, Any]:
        """Release n, a few hours after release n - 1."""
        at = start + timedelta(hours=3 * n)
        body: list[str] = []
        coms = [self.commitment(body, at.date()) for _ in range(COMMITMENTS)]
        figs = [self.figure(body) for _ in range(FIGURES)]
        lang = "ru" if n % 2 else "en"
        return {
            "source_id": f"bench_{lang}", "key": str(n), "url": f"https://bench.example/{lang}/{n}",
            "title": f"Release {n}", "lang": lang, "body_text": " ".join(body), "published_at": at,
            "published_raw": at.isoformat(), "published_date": at.date(), "figures": figs,
            "commitments": coms, "extractor_version": "bench",
        }  # fmt: skip


def build(path: Path, releases: int) -> float:
    """Create the warehouse at path; return the seconds the load took."""
    gen = Generator()
    con = db.connect(str(path))
    began = time.perf_counter()
    start = datetime(2021, 1, 1, tzinfo=UTC)
    for first in range(0, releases, BATCH):
        load.load_batch(con, [gen.release(n, start) for n in range(first, min(first + BATCH, releases))])
    con.close()
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark and print its figures; return them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap.add_argument("--releases", type=int, default=200 if fast else 20_000)
    ap.add_argument("--keep", type=Path, help="build the warehouse in FILE and keep it")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "threads.duckdb"
        path.unlink(missing_ok=True)
        figures: dict[str, Any] = {"releases": args.releases, "load_s": round(build(path, args.releases), 2)}
        con = db.connect(str(path))
        try:
            for label in ("refresh_s", "refresh_again_s"):
                began = time.perf_counter()
                figures["threads"] = load.refresh_threads(con)
                figures[label] = round(time.perf_counter() - began, 3)
            counts = con.execute(
                "SELECT (SELECT count(*) FROM commitments), count(*) FILTER (WHERE times_stated > 1), "
                "max(times_stated) FROM commitment_threads"
            ).fetchone()
            assert counts is not None
            figures["commitments"], figures["restated_threads"], figures["max_times_stated"] = counts
            for name, sql in QUERIES.items():
                began = time.perf_counter()
                con.execute(sql).fetchall()
                figures[f"{name}_s"] = round(time.perf_counter() - began, 3)
        finally:
            con.close()
    for key, value in figures.items():
        print(f"{key:34} {value}")
    return figures


if __name__ == "__main__":
    main()
