"""`reextract` over releases stored without facts fills indicators, subjects and thread keys, so that series
join English and Russian statements and restated promises form threads (real extraction, no Prefect)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import duckdb
import pytest

from flows.reextract import reextract_all
from tests.warehouse.builders import MSK, release
from warehouse import db, load

_BODIES = [
    ("economy_en", "en", "In 2023 trade turnover between Russia and Azerbaijan grew by 17% to $4.3 billion."),
    ("economy_ru", "ru", "В 2023 году товарооборот между Россией и Азербайджаном составил "
     "4,4 млрд долларов."),
    ("economy_ru", "ru", "Правительству поручено до 1 июля 2023 года представить предложения о развитии "
     "Северного морского пути."),
    ("economy_ru", "ru", "Правительству поручено до 1 декабря 2024 года представить предложения по развитию "
     "Северного морского пути."),
    ("economy_en", "en", "Inflation in 2023 was 7.4%."),
    ("economy_en", "en", "The Government will build 100 new schools by 2024."),
    ("economy_en", "en", "The Government will be building new schools by December 2025, the minister said."),
    ("economy_ru", "ru", "Инфляция в 2023 году составила 7,4%."),
]  # fmt: skip


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    c = db.connect(":memory:")
    start = datetime(2023, 2, 1, 10, 0, tzinfo=MSK)
    records = [
        release(
            str(n), body=body, source_id=source, lang=lang, published_at=start + timedelta(days=20 * n),
            figures=[], commitments=[],
        )
        for n, (source, lang, body) in enumerate(_BODIES)
    ]  # fmt: skip
    load.load_batch(c, records)
    result = reextract_all(c)
    assert result["releases"] == len(_BODIES) and result["threads"] >= 1
    yield c
    c.close()


def test_reextract_fills_indicator_subject_and_thread_keys(con: duckdb.DuckDBPyConnection) -> None:
    nulls = con.execute("SELECT count(*) FILTER (WHERE indicator IS NULL), count(*) FROM figures").fetchone()
    assert nulls is not None and nulls[1] > 0 and nulls[0] < nulls[1]
    keys = con.execute("SELECT DISTINCT actor_key FROM commitments ORDER BY 1").fetchall()
    assert keys == [("government",), ("правительство",)]


def test_english_and_russian_statements_meet_in_one_series(con: duckdb.DuckDBPyConnection) -> None:
    trade = con.execute(
        "SELECT lang, value, previous_value, revision FROM figure_series "
        "WHERE indicator = 'trade_turnover' AND subject = 'Russia–Azerbaijan' AND unit = 'USD' "
        "AND year(period_start) = 2023 ORDER BY statement"
    ).fetchall()
    assert [(lang, float(v)) for lang, v, *_ in trade] == [("en", 4.3e9), ("ru", 4.4e9)]
    assert float(trade[1][3]) == pytest.approx(1e8)
    inflation = con.execute(
        "SELECT lang, value FROM figure_series WHERE indicator = 'inflation' AND year(period_start) = 2023 "
        "ORDER BY statement"
    ).fetchall()
    assert [(lang, float(v)) for lang, v in inflation] == [("en", 7.4), ("ru", 7.4)]


@pytest.mark.parametrize(
    ("actor_key", "first_end", "last_end"),
    [("правительство", "2023-07-01", "2024-12-01"), ("government", "2024-12-31", "2025-12-31")],
)
def test_a_restated_promise_is_one_thread_with_its_first_and_last_horizon(
    con: duckdb.DuckDBPyConnection, actor_key: str, first_end: str, last_end: str
) -> None:
    thread = con.execute(
        "SELECT times_stated, first_horizon_end, last_horizon_end FROM commitment_threads "
        "WHERE actor_key = ?",
        [actor_key],
    ).fetchall()
    assert [(n, str(a), str(b)) for n, a, b in thread] == [(2, first_end, last_end)]


def test_a_passed_deadline_restated_later_is_due_and_mentioned_again(con: duckdb.DuckDBPyConnection) -> None:
    due = con.execute("SELECT release_id, mentioned_again FROM due ORDER BY horizon_end").fetchall()
    assert due[0] == ("economy_ru:2", True)
