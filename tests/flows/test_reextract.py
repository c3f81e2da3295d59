"""Re-extraction of stored releases on several worker processes stores exactly what one process stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from flows.reextract import reextract_all
from tests.paths import FIXTURES
from tests.warehouse.builders import release
from warehouse import db, load


def _warehouse(path: str, bodies: list[dict]) -> duckdb.DuckDBPyConnection:
    con = db.connect(path)
    recs = [
        release(
            str(n),
            doc["body"],
            source_id="kremlin_en",
            published_at=datetime.fromisoformat(doc["published_utc"]).astimezone(UTC),
            figures=[],
            commitments=[],
            version="old",
        )
        for n, doc in enumerate(bodies)
    ]
    load.load_batch(con, recs)
    return con


def _facts(con: duckdb.DuckDBPyConnection) -> Iterator[list[tuple]]:
    yield con.execute(
        "select release_id, char_start, char_end, value, unit from figures order by all"
    ).fetchall()
    yield con.execute(
        "select release_id, char_start, char_end, horizon from commitments order by all"
    ).fetchall()


def _size(doc: dict) -> int:
    return len(doc["body"])


def test_reextract_on_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    docs = sorted(json.loads((FIXTURES / "corpora" / "kremlin_en_200.json").read_text()), key=_size)[:24]
    one, two = _warehouse(str(tmp_path / "one.duckdb"), docs), _warehouse(str(tmp_path / "two.duckdb"), docs)
    first = reextract_all(one, batch_size=5, workers=1)
    second = reextract_all(two, batch_size=5, workers=2)
    assert first == second and first["releases"] == 24 and first["rows_changed"] > 0
    assert list(_facts(one)) == list(_facts(two))
    assert reextract_all(two, batch_size=5, workers=2)["rows_changed"] == 0  # a rerun changes nothing
