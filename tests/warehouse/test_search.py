"""Full-text search: each release stemmed by its language, filters, snippets, a fresh index, the CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flows import cli
from tests.warehouse.builders import release
from warehouse import db, load, search

T = datetime(2024, 5, 1, 9, tzinfo=UTC)


def _at(day: date) -> datetime:
    return T.replace(year=day.year, month=day.month, day=day.day)


def _release(key: str, title: str, body: str, lang: str, source: str, day: date) -> dict:
    return release(key, body, title=title, lang=lang, source_id=source, published_at=_at(day))


RELEASES = [
    _release("e1", "Investments in roads", "The government announced new investments in regional roads.",
             "en", "economy_en", date(2024, 3, 1)),
    _release("e2", "Port plans", "Companies will invest in ports and railways.", "en", "govuk",
             date(2024, 6, 1)),
    _release("e3", "Weather", "Rain is expected in the north.", "en", "economy_en", date(2024, 6, 2)),
    _release("r1", "Экономика", "Экономика показала рост на 3% по сравнению с прошлым годом.", "ru",
             "economy_ru", date(2024, 2, 1)),
    _release("r2", "Экспорт", "В министерстве говорили о росте экспорта зерна.", "ru", "kremlin_ru",
             date(2024, 7, 1)),
    _release("r3", "Промышленность", "Промышленность похвастаться ростом не смогла.", "ru", "economy_ru",
             date(2024, 8, 1)),
    _release("r4", "Погода", "Ожидаются дожди на севере.", "ru", "economy_ru", date(2024, 8, 2)),
]  # fmt: skip


def _build(path: Path) -> Path:
    with db.connect(path) as con:
        load.load_batch(con, RELEASES)
        search.refresh(con)
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One indexed warehouse for the tests that only read it."""
    return _build(tmp_path_factory.mktemp("search") / "wh.duckdb")


def _keys(path: Path, query: str, **filters) -> set[str]:
    return {hit.release_id.split(":")[1] for hit in search.search(path, query, **filters).hits}


def test_russian_inflections_find_each_other(warehouse: Path) -> None:
    assert _keys(warehouse, "росте") == {"r1", "r2", "r3"}
    assert _keys(warehouse, "ростом") == {"r1", "r2", "r3"}
    assert _keys(warehouse, "Рост") == {"r1", "r2", "r3"}  # capitals too


def test_english_stems_find_each_other(warehouse: Path) -> None:
    assert _keys(warehouse, "invest") == {"e1", "e2"}
    assert _keys(warehouse, "investments") == {"e1", "e2"}


def test_titles_are_searched_and_more_matching_words_rank_higher(warehouse: Path) -> None:
    hits = search.search(warehouse, "investments roads").hits
    assert [h.release_id for h in hits] == ["economy_en:e1", "govuk:e2"]
    assert hits[0].score > hits[1].score


def test_filters_by_source_date_language_and_limit(warehouse: Path) -> None:
    assert _keys(warehouse, "росте", source="economy_ru") == {"r1", "r3"}
    assert _keys(warehouse, "росте", since=date(2024, 7, 1)) == {"r2", "r3"}
    assert _keys(warehouse, "росте invest", lang="en") == {"e1", "e2"}
    assert _keys(warehouse, "росте invest", lang="ru") == {"r1", "r2", "r3"}
    assert len(search.search(warehouse, "росте invest", limit=2).hits) == 2
    assert _keys(warehouse, "nonexistentword") == set()


def test_a_hit_carries_its_release_and_a_snippet_around_the_first_match(warehouse: Path) -> None:
    (hit,) = search.search(warehouse, "росте", source="kremlin_ru").hits
    assert (hit.source_id, hit.published_date, hit.title) == ("kremlin_ru", date(2024, 7, 1), "Экспорт")
    assert hit.url == "https://example.gov/kremlin_ru/r2" and hit.lang == "ru"
    assert hit.snippet == "В министерстве говорили о росте экспорта зерна."
    body = "Intro words. " * 20 + "Here the investments start. " + "Tail words. " * 20
    text = search.snippet(body, body.index("investments"), body.index("investments") + 11)
    assert text.startswith("…") and text.endswith("…") and "Here the investments start." in text
    assert len(text) < 200


def test_the_index_is_rebuilt_only_when_its_releases_changed(tmp_path: Path) -> None:
    warehouse = _build(tmp_path / "wh.duckdb")
    with db.connect(warehouse) as con:
        assert not any(build.rebuilt for build in search.refresh(con))
        load.load_batch(con, [_release("r5", "Новое", "Ростом цен никого не удивишь.", "ru", "economy_ru",
                                       date(2024, 9, 1))])  # fmt: skip
    stale = search.search(warehouse, "ростом")
    assert "r5" not in {h.release_id.split(":")[1] for h in stale.hits}
    assert stale.warnings and "ru search index is older" in stale.warnings[0]
    builds = search.refresh_file(warehouse)
    assert [(b.lang, b.rebuilt) for b in builds] == [("en", False), ("ru", True)]
    fresh = search.search(warehouse, "ростом")
    assert "r5" in _keys(warehouse, "ростом") and not fresh.warnings


def test_a_warehouse_without_an_index_says_how_to_build_one(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.duckdb"
    db.connect(path).close()
    with pytest.raises(search.SearchIndexMissing, match="refresh"):
        search.search(path, "рост")
    with pytest.raises(SystemExit, match="2"):
        cli.main(["search", "рост", "--db", str(path), "--limit", "0"])
    assert "--limit: must be 1 or more" in capsys.readouterr().err
    assert cli.main(["search", "рост", "--db", str(path), "--refresh"]) == 0  # an empty warehouse's index
    assert capsys.readouterr().out.strip() == "no release matches"


def test_the_search_command_prints_ranked_releases(tmp_path: Path, capsys) -> None:
    warehouse = _build(tmp_path / "wh.duckdb")  # --refresh opens it for writing
    assert cli.main(["search", "росте", "--db", str(warehouse), "--lang", "ru", "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 6  # two hits, three lines each
    assert out[0].startswith(" 1. ") and "2024-" in out[0]
    assert out[1].strip().startswith("https://example.gov/") and "рост" in out[2].lower()
    assert cli.main(["search", "росте", "--db", str(warehouse), "--source", "kremlin_ru",
                     "--since", "2024-01-01", "--refresh"]) == 0  # fmt: skip
    assert capsys.readouterr().out.splitlines()[0] == " 1. kremlin_ru  2024-07-01  Экспорт"
    assert cli.main(["search", "zzzz", "--db", str(warehouse)]) == 0
    assert capsys.readouterr().out.strip() == "no release matches"


def test_analysts_sql_can_call_the_index_macro_in_the_sandbox(warehouse: Path, capsys) -> None:
    sql = (
        "SELECT r.title FROM (SELECT name AS release_id, fts_main_search_ru.match_bm25(name, 'роста') AS s "
        "FROM fts_main_search_ru.docs) s JOIN releases r USING (release_id) WHERE s.s IS NOT NULL "
        "ORDER BY s.s DESC"
    )
    assert cli.main(["sql", sql, "--db", str(warehouse), "--format", "csv"]) == 0
    assert set(capsys.readouterr().out.split()[1:]) == {"Экономика", "Экспорт", "Промышленность"}
    assert cli.main(["sql", "SELECT * FROM read_csv('/etc/hostname')", "--db", str(warehouse)]) == 2
