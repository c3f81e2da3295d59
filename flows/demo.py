"""`pressroom demo`: the whole pipeline on loopback copies of the nine sites, offline, in under a minute.

Builds a mirror of every configured source the mirror builder knows (annotated real releases plus generated
ones), serves each on 127.0.0.1, runs the nightly ingest against them into `data/demo.duckdb` (made anew),
then prints example queries with their first rows. Nothing leaves the machine.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from config.sources import Source, load_sources
from flows.mirrors import Mirror
from warehouse import query

DEMO_DB = Path("data/demo.duckdb")
# Generated releases per site beside the annotated real ones: enough for series and threads, quick to load.
SYNTHETIC = 40
SEED = "2024"
ROWS_SHOWN = 5
# The sites the mirror builder imitates (a configured source outside them is left out of the demo).
MIRRORED = frozenset(
    {"economy_en", "economy_ru", "kremlin_en", "kremlin_ru", "government_en", "government_ru", "mid_en",
     "mid_ru", "govuk"}
)  # fmt: skip


@dataclass(frozen=True)
class Example:
    """One question an analyst asks, and the SQL that answers it."""

    question: str
    sql: str


EXAMPLES = (
    Example(
        "How many releases, figures and commitments did each source give?",
        "SELECT source_id, releases, figures, commitments, last_status FROM source_status ORDER BY source_id",
    ),
    Example(
        "Which money figures were stated most recently, and what do they measure?",
        "SELECT coalesce(published_date, CAST(published_at AS DATE)) AS day, source_id, value, unit, measure "
        "FROM figure_timeline WHERE kind = 'money' AND core ORDER BY day DESC NULLS LAST, value DESC LIMIT 5",
    ),
    Example(
        "Which core commitments have a horizon ending in 2025?",
        "SELECT published_date, source_id, actor, action, horizon FROM commitment_horizons "
        "WHERE core AND year(horizon_end) = 2025 ORDER BY published_date DESC NULLS LAST LIMIT 5",
    ),
    Example(
        "Which Kremlin releases exist in both English and Russian?",
        "SELECT pair_key, title_a, title_b, figures_a, figures_b FROM release_pairs LIMIT 5",
    ),
    Example(
        "Which stated figures were revised from one release to the next (EN and RU in one series)?",
        "SELECT indicator, subject, year(period_end) AS year, published_date, lang, value, previous_value "
        "FROM figure_series ORDER BY statements DESC, series_key, statement LIMIT 5",
    ),
    Example(
        "Which promises were stated most often, and did their deadline move?",
        "SELECT times_stated, first_stated, last_stated, actor, action, first_horizon, last_horizon "
        "FROM commitment_threads ORDER BY times_stated DESC, last_stated DESC LIMIT 5",
    ),
    Example(
        "What did each source publish last, and when (UTC)?",
        "SELECT source_id, max(published_at) AS latest, count(*) AS releases FROM releases "
        "GROUP BY source_id ORDER BY latest DESC NULLS LAST",
    ),
)

# Runs the nightly ingest of the given source ids, each pointed at a base URL (ID=URL), into a warehouse.
Ingest = Callable[[list[str], list[str], Path], int]


def demo_sources() -> list[Source]:
    """The enabled configured sources the mirror builder can imitate."""
    return [s for s in load_sources().values() if s.enabled and s.id in MIRRORED]


@contextmanager
def served_mirrors(sources: Sequence[Source], root: Path) -> Iterator[dict[str, Mirror]]:
    """Build (in parallel) and serve one mirror per source; stop every server afterwards."""
    shutil.rmtree(root, ignore_errors=True)

    def build(source: Source) -> Mirror:
        return Mirror.build(source.id, root / source.id, synthetic=SYNTHETIC, seed=SEED, faults=False)

    with ThreadPoolExecutor(max_workers=4) as pool:
        built = list(pool.map(build, sources))
    running: dict[str, Mirror] = {}
    try:
        for mirror in built:
            running[mirror.site] = mirror.serve()
        yield running
    finally:
        for mirror in running.values():
            mirror.stop()


def run_demo(ingest: Ingest, *, db: Path = DEMO_DB, out: TextIO = sys.stdout) -> int:
    """Mirror, serve and ingest every demo source, then print the example queries; return the exit status."""
    sources = demo_sources()
    db.unlink(missing_ok=True)
    db.with_suffix(db.suffix + ".wal").unlink(missing_ok=True)
    print(f"pressroom demo: building loopback mirrors of {len(sources)} sources…", file=out, flush=True)
    with served_mirrors(sources, db.with_name(db.stem + "-mirrors")) as mirrors:
        bases = [f"{s.id}={mirrors[s.id].base_url}" for s in sources]
        status = ingest([s.id for s in sources], bases, db)
    print_examples(db, out)
    print(f'\nThe demo warehouse is {db}: try `pressroom sql "…" --db {db}`.', file=out)
    return status


def print_examples(db: Path, out: TextIO) -> None:
    """Print each example question, its SQL and its first rows."""
    for n, example in enumerate(EXAMPLES, 1):
        columns, rows = query.query(db, example.sql)
        print(f"\n{n}. {example.question}\n   {example.sql}\n", file=out)
        print(query.format_table(columns, rows[:ROWS_SHOWN]), file=out)
