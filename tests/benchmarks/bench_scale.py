"""Benchmark: how the analysts' queries slow down as one warehouse file grows (docs/scaling.md).

    python -m tests.benchmarks.bench_scale [--figures 10000 100000 1000000] [--rounds 3] [--keep DIR]

For each size it writes a synthetic warehouse (ten figures and three commitments per release, nine sources
over twenty years, English and Russian bodies of ~250 words from a 4,000-word vocabulary with the planted
words the search queries look for), builds the search index, then times each query of QUERIES through the
analysts' sandboxed reader (best of --rounds, wall-clock on an otherwise idle machine: what an analyst
waits) and prints one row per size with the file size. Rows are generated in SQL, not loaded through the
loaders: this measures reading, bench_ingest measures loading. PRESSROOM_BENCH_FAST=1 runs one small size.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb

from tests.benchmarks.bench_search import Corpus
from warehouse import db, search

SOURCES = ("economy_en", "economy_ru", "kremlin_en", "kremlin_ru", "government_en", "government_ru")
SOURCES += ("mid_en", "mid_ru", "govuk")
FIGURES_PER_RELEASE = 10
COMMITMENTS_PER_RELEASE = 3
MEASURES = ("unemployment", "inflation", "trade turnover", "exports", "investment", "GDP growth", "new jobs")
MEASURES += ("безработица", "инфляция", "товарооборот", "экспорт", "инвестиции", "рост ВВП", "рабочих мест")
# (name, SQL): the cookbook's kinds of question, from a narrow series to whole-warehouse aggregates.
QUERIES: tuple[tuple[str, str], ...] = (
    (
        "figure series (one measure)",
        "SELECT published_date, source_id, value, unit FROM figure_timeline "
        "WHERE measure ILIKE '%unemployment%' OR measure ILIKE '%безработиц%' ORDER BY published_at",
    ),
    (
        "figures of one release",
        "SELECT measure, value, unit FROM figures WHERE release_id = 'kremlin_en:2'",
    ),
    (
        "commitments due in a year",
        "SELECT published_date, actor, action, horizon_end FROM commitment_horizons "
        "WHERE core AND year(horizon_end) = 2025 ORDER BY horizon_end",
    ),
    ("EN/RU pairs", "SELECT count(*), sum(figures_a), sum(figures_b) FROM release_pairs"),
    ("source status", "SELECT * FROM source_status"),
    (
        "releases per month",
        "SELECT source_id, date_trunc('month', published_date) m, count(*) FROM releases GROUP BY ALL",
    ),
    (
        "full-text search (ru)",
        "SELECT r.release_id, s.score FROM (SELECT name AS release_id, "
        "fts_main_search_ru.match_bm25(name, 'рост экспорта') AS score FROM fts_main_search_ru.docs) s "
        "JOIN releases r USING (release_id) WHERE s.score IS NOT NULL ORDER BY s.score DESC LIMIT 10",
    ),
)


def vocabulary() -> dict[str, list[str]]:
    """Words per language: the benchmark corpus's made-up stems, inflected, plus the planted real words."""
    corpus = Corpus()
    return {lang: [corpus.text(lang, 1) for _ in range(4_000)] for lang in ("en", "ru")}


def build(path: Path, figures: int) -> duckdb.DuckDBPyConnection:
    """Write a warehouse of `figures` figures (and their releases and commitments) at `path`."""
    releases = max(1, figures // FIGURES_PER_RELEASE)
    con = db.connect(path)
    words = vocabulary()
    con.execute("CREATE TEMP TABLE words AS SELECT ? AS en, ? AS ru", [words["en"], words["ru"]])
    con.execute(_RELEASES_SQL, [list(SOURCES), releases])
    con.execute(_FIGURES_SQL, [list(MEASURES), FIGURES_PER_RELEASE])
    con.execute(_COMMITMENTS_SQL, [COMMITMENTS_PER_RELEASE])
    search.refresh(con)
    con.execute("CHECKPOINT")
    return con


_RELEASES_SQL = """
INSERT INTO releases (release_id, source_id, key, url, title, lang, published_at, published_raw,
                      published_tz, published_date, body_text, version, content_sha256, first_seen_at,
                      last_seen_at, last_checked_at, pair_key, extractor_version)
SELECT source_id || ':' || i, source_id, i::VARCHAR, 'https://example.gov/' || source_id || '/' || i,
       'Release ' || i, lang, ts, strftime(ts, '%d.%m.%Y %H:%M'), 'Europe/Moscow', ts::DATE,
       array_to_string(list_transform(range(250),
           w -> CASE lang WHEN 'ru' THEN ru[(1 + hash(i * 251 + w) % 4000)::BIGINT]
                          ELSE en[(1 + hash(i * 251 + w) % 4000)::BIGINT] END), ' '),
       1, md5(i::VARCHAR), now(), now(), now(),
       CASE WHEN source_id LIKE 'kremlin%' THEN 'kremlin:' || (i // 2) END, 'bench'
FROM (SELECT i, $1[1 + i % 9] AS source_id,
             CASE WHEN $1[1 + i % 9] LIKE '%_ru' THEN 'ru' ELSE 'en' END AS lang,
             TIMESTAMPTZ '2006-01-01 06:00:00+00' + INTERVAL (i * 7301 % (20 * 365 * 24)) HOUR AS ts
      FROM range($2) t(i)), words
"""

_FIGURES_SQL = """
INSERT INTO figures (release_id, text, value, unit, kind, measure, period, period_start, period_end,
                     sentence, char_start, char_end, core, extractor_version)
SELECT r.release_id, f || ' percent', (hash(r.release_id || f) % 100000)::BIGINT / 100.0, 'percent',
       'percent',
       $1[(1 + (hash(r.release_id) + f) % len($1))::BIGINT], year(r.published_date)::VARCHAR,
       make_date(year(r.published_date), 1, 1), make_date(year(r.published_date), 12, 31),
       'A sentence stating the figure.', f * 100, f * 100 + 8, f % 3 = 0, 'bench'
FROM releases r, range($2) t(f)
"""

_COMMITMENTS_SQL = """
INSERT INTO commitments (release_id, sentence, actor, action, horizon, horizon_start, horizon_end, cue, kind,
                         core, char_start, char_end, extractor_version)
SELECT r.release_id, 'The ministry will build a road.', 'the ministry',
       'build a road ' || (hash(r.key) % 500)::BIGINT,
       'by ' || y, make_date(y, 1, 1), make_date(y, 12, 31), 'will', 'plan', c = 0, 2000 + c * 100,
       2000 + c * 100 + 30, 'bench'
FROM (SELECT *, (year(published_date) + 1 + hash(key) % 5)::INTEGER AS y FROM releases) r, range($1) t(c)
"""


def timed(con: duckdb.DuckDBPyConnection, sql: str, rounds: int) -> tuple[float, int]:
    """Best wall-clock seconds of `rounds` runs of a query, its rows fetched; and how many rows."""
    best, rows = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        rows = len(con.execute(sql).fetchall())
        best = min(best, time.perf_counter() - start)
    return best, rows


def measure(path: Path, figures: int, rounds: int) -> dict[str, float]:
    """Build one size and time every query on it through the analysts' reader."""
    start = time.perf_counter()
    build(path, figures).close()
    out: dict[str, float] = {"figures": figures, "build_s": time.perf_counter() - start}
    out["file_mb"] = path.stat().st_size / 1e6
    reader = db.connect_reader(path)
    try:
        for name, sql in QUERIES:
            out[name], out[f"{name} rows"] = timed(reader, sql, rounds)
    finally:
        reader.close()
    return out


def print_rows(rows: list[dict[str, float]]) -> None:
    """One row per size: figures, file size, then each query's seconds."""
    print(f"{'figures':>10} {'file MB':>8} {'build s':>8} " + " ".join(f"{n[:14]:>14}" for n, _ in QUERIES))
    for row in rows:
        cells = " ".join(f"{row[n]:>14.3f}" for n, _ in QUERIES)
        print(f"{int(row['figures']):>10,} {row['file_mb']:>8.1f} {row['build_s']:>8.1f} {cells}")


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    """Parse arguments, measure each size, print the table."""
    fast = os.environ.get("PRESSROOM_BENCH_FAST") == "1"
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = [20_000] if fast else [10_000, 100_000, 1_000_000]
    ap.add_argument("--figures", type=int, nargs="+", default=default, help="warehouse sizes, in figures")
    ap.add_argument("--rounds", type=int, default=1 if fast else 3)
    ap.add_argument("--keep", type=Path, help="write the warehouses in this folder and keep them")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = [measure(folder / f"scale-{n}.duckdb", n, args.rounds) for n in args.figures]
    print_rows(rows)
    return rows


if __name__ == "__main__":
    main()
