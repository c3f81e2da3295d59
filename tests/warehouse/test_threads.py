"""Promise threads, the `due` view and the `figure_series` view, on small hand-built warehouses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from tests.warehouse.builders import MSK, commitment, figure, release
from warehouse import db, load
from warehouse.threads import Statement, group, similarity


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    c = db.connect(":memory:")
    yield c
    c.close()


def _day(n: int) -> datetime:
    return datetime(2023, 1, 1, 10, 0, tzinfo=MSK) + timedelta(days=n)


def _promise(key: str, day: int, sentence: str, *, source_id: str = "economy_en", **kw: Any) -> dict:
    """A release stating one commitment (keys given as the extractor would set them)."""
    return release(
        key,
        body=sentence,
        source_id=source_id,
        published_at=_day(day),
        commitments=[commitment(sentence, sentence, **kw)],
        figures=[],
    )


def _terms(*words: str) -> frozenset[str]:
    return frozenset(words)


def test_similarity_is_the_dice_coefficient_of_the_action_terms() -> None:
    assert similarity(_terms("build", "new", "school"), _terms("build", "new", "school")) == 1.0
    assert similarity(_terms("build", "school"), _terms("build", "new", "school")) == 0.8
    # "build new schools" is not "build new roads and bridges" (4/7), nor one shared word the same action
    assert similarity(_terms("build", "new", "school"), _terms("build", "new", "road", "bridge")) == 0.0
    assert similarity(_terms("build", "school"), _terms("build", "road")) == 0.0
    # a short action inside a long sentence is not a restatement of it
    long = _terms(
        "talk", "issue", "find", "convenient", "calm", "atmosphere", "discuss", "bilateral", "scene"
    )
    assert similarity(_terms("talk", "issue"), long) == 0.0
    assert similarity(frozenset(), frozenset()) == 0.0
    # an action of one term says too little to be recognised again, even word for word
    assert similarity(_terms("build"), _terms("build")) == 0.0


def _st(rid: str, key: str | None, *terms: str) -> Statement:
    return Statement(rid, 0, key, frozenset(terms), date(2024, 1, 1))


def test_a_restatement_joins_the_first_statement_and_other_actors_or_actions_do_not() -> None:
    threads = group(
        [
            _st("a", "government", "build", "new", "school"),
            _st("b", "government", "build", "school"),  # restated
            _st("c", "ministry", "build", "new", "school"),  # another actor
            _st("d", "government", "repair", "road"),  # another action
            _st("e", None, "repair", "road"),  # nobody named, other terms: its own thread
            _st("f", None, "repair", "road"),  # nobody named, the very same terms: joins e
            _st("g", "government", "meet"),  # one term: alone
            _st("h", "government", "meet"),  # one term: alone, even word for word
        ]
    )
    members = [[m.release_id for m, _ in t.members] for t in threads]
    assert members == [["a", "b"], ["c"], ["d"], ["e", "f"], ["g"], ["h"]]


def test_threads_record_first_and_last_statement_and_the_moved_horizon(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load.load_batch(
        con,
        [
            _promise(
                "1", 0, "The Government will build 100 new schools by 2024.",
                actor="The Government", action="build 100 new schools by 2024",
                actor_key="government", action_terms=["build", "new", "school"],
                horizon="by 2024", horizon_end=date(2024, 12, 31),
            ),
            _promise(
                "2", 30, "The Government will build new schools by 2025.", source_id="govuk",
                actor="The Government", action="build new schools by 2025",
                actor_key="government", action_terms=["build", "new", "school"],
                horizon="by 2025", horizon_end=date(2025, 12, 31),
            ),
            _promise(
                "3", 60, "The Government will cut taxes.",
                actor="The Government", action="cut taxes", actor_key="government",
                action_terms=["cut", "tax"],
            ),
        ],
    )  # fmt: skip
    assert load.refresh_threads(con) == 2
    row = con.execute(
        "SELECT times_stated, first_stated, last_stated, sources, release_ids, first_horizon, last_horizon, "
        "last_horizon_end FROM commitment_threads WHERE actor_key = 'government' AND times_stated > 1"
    ).fetchone()
    assert row == (
        2, date(2023, 1, 1), date(2023, 1, 31), ["economy_en", "govuk"], ["economy_en:1", "govuk:2"],
        "by 2024", "by 2025", date(2025, 12, 31),
    )  # fmt: skip
    # recomputing gives the same threads under the same ids
    before = con.execute("SELECT thread_id, release_id, char_start FROM commitment_thread_members").fetchall()
    load.refresh_threads(con)
    after = con.execute("SELECT thread_id, release_id, char_start FROM commitment_thread_members").fetchall()
    assert sorted(before) == sorted(after)


def test_due_says_whether_a_later_release_stated_the_action_again(con: duckdb.DuckDBPyConnection) -> None:
    load.load_batch(
        con,
        [
            _promise(
                "1", 0, "The Ministry will open the bridge by March 2023.",
                actor="The Ministry", actor_key="ministry", action="open the bridge",
                action_terms=["bridge", "open"], horizon="by March 2023", horizon_end=date(2023, 3, 31),
            ),
            _promise(
                "2", 200, "The Ministry will open the bridge next year.",
                actor="The Ministry", actor_key="ministry", action="open the bridge",
                action_terms=["bridge", "open"], horizon="next year", horizon_end=date(2024, 12, 31),
            ),
            _promise(
                "3", 0, "The Ministry will close the old port by June 2023.",
                actor="The Ministry", actor_key="ministry", action="close the old port",
                action_terms=["close", "old", "port"], horizon="by June 2023", horizon_end=date(2023, 6, 30),
            ),
        ],
    )  # fmt: skip
    load.refresh_threads(con)
    rows = con.execute(
        "SELECT release_id, mentioned_again, later_mentions, last_mentioned, mentioned_after_due, "
        "last_horizon_end FROM due ORDER BY release_id"
    ).fetchall()
    assert rows == [
        ("economy_en:1", True, 1, date(2023, 7, 20), True, date(2024, 12, 31)),
        ("economy_en:2", False, 0, None, False, date(2024, 12, 31)),
        ("economy_en:3", False, 0, None, False, date(2023, 6, 30)),
    ]


def _stated(key: str, day: int, body: str, text: str, value: float, lang: str = "en", **kw: Any) -> dict:
    source = "economy_en" if lang == "en" else "economy_ru"
    fig = figure(body, text, value, **kw)
    return release(key, body=body, source_id=source, lang=lang, published_at=_day(day), figures=[fig])


def test_figure_series_meets_english_and_russian_statements_with_their_revisions(
    con: duckdb.DuckDBPyConnection,
) -> None:
    year = {"period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)}
    load.load_batch(
        con,
        [
            _stated(
                "1", 0, "Trade between Russia and Azerbaijan reached $4.3 billion in 2023.", "$4.3 billion",
                4.3e9, kind="money", unit="USD", indicator="trade_turnover",
                subject="Russia–Azerbaijan", **year,
            ),
            _stated(
                "2", 40, "Товарооборот России и Азербайджана в 2023 году составил 4,4 млрд долларов.",
                "4,4 млрд долларов", 4.4e9, lang="ru", kind="money", unit="USD", indicator="trade_turnover",
                subject="Россия–Азербайджан", **year,
            ),
            _stated(
                "3", 80, "Trade between Russia and Azerbaijan reached $4.2 billion in 2023.", "$4.2 billion",
                4.2e9, kind="money", unit="USD", indicator="trade_turnover",
                subject="Russia–Azerbaijan", **year,
            ),
            # another period: another series
            _stated(
                "4", 90, "Trade between Russia and Azerbaijan reached $3.9 billion in 2022.", "$3.9 billion",
                3.9e9, kind="money", unit="USD", indicator="trade_turnover", subject="Russia–Azerbaijan",
                period_start=date(2022, 1, 1), period_end=date(2022, 12, 31),
            ),
            # no indicator: in no series
            _stated("5", 95, "Something rose to 12 units.", "12", 12),
        ],
    )  # fmt: skip
    rows = con.execute(
        "SELECT lang, subject, subject_as_written, statement, statements, value, previous_value, revision "
        "FROM figure_series WHERE indicator = 'trade_turnover' AND year(period_start) = 2023 "
        "ORDER BY statement"
    ).fetchall()
    assert rows == [
        ("en", "Russia–Azerbaijan", "Russia–Azerbaijan", 1, 3, Decimal("4300000000"), None, None),
        ("ru", "Russia–Azerbaijan", "Россия–Азербайджан", 2, 3, Decimal("4400000000"),
         Decimal("4300000000"), Decimal("100000000")),
        ("en", "Russia–Azerbaijan", "Russia–Azerbaijan", 3, 3, Decimal("4200000000"),
         Decimal("4400000000"), Decimal("-200000000")),
    ]  # fmt: skip
    assert con.execute("SELECT count(DISTINCT series_key), count(*) FROM figure_series").fetchone() == (2, 4)
    pct = con.execute(
        "SELECT revision_pct FROM figure_series WHERE statement = 3 AND year(period_end) = 2023"
    )
    assert pct.fetchone() == (-4.55,)
