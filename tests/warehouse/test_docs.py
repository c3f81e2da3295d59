"""docs/schema.md documents every table, view and column of a warehouse, says what the data holds, and the
database carries its descriptions as comments."""

from __future__ import annotations

import re
from collections.abc import Iterator

import duckdb
import pytest

from extractors.figures import units
from tests.paths import DOCS
from tests.warehouse.builders import release
from warehouse import catalog, db, load, search

SCHEMA_DOC = DOCS / "schema.md"
_COLUMNS = """
SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns()
WHERE database_name = current_database() AND NOT internal ORDER BY schema_name, table_name, column_index"""


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse with an English and a Russian release and its search indexes built."""
    c = db.connect(":memory:")
    load.load_batch(c, [release("a"), release("b", "Рост экспорта составил 12%.", lang="ru")])
    search.refresh(c)
    yield c
    c.close()


def _documented() -> catalog.Catalog:
    return catalog.parse_schema_doc(SCHEMA_DOC.read_text(encoding="utf-8"))


def _key(schema: str, name: str) -> str:
    return name if schema == "main" else f"{schema}.{name}"


def test_schema_doc_matches_the_database(con: duckdb.DuckDBPyConnection) -> None:
    actual: dict[str, list[str]] = {}
    for schema, table, column, *_ in con.execute(_COLUMNS).fetchall():
        actual.setdefault(_key(schema, table), []).append(column)
    documented = _documented()
    assert sorted(documented) == sorted(actual), "tables/views in docs/schema.md differ from the database"
    for name, columns in actual.items():
        assert set(columns) == set(documented[name]["columns"]), f"docs/schema.md section {name} out of date"


def test_documented_types_are_the_database_types(con: duckdb.DuckDBPyConnection) -> None:
    types: dict[tuple[str, str], str] = {}
    name = None
    for line in SCHEMA_DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            names = re.findall(r"`([\w.]+)`", line) if line.startswith("### ") else []
            name = names[0] if names else None
        elif name and (row := re.match(r"^\| `(\w+)` \| ([^|]+?) \|", line)):
            types[(name, row[1])] = row[2].split(", ")[0]  # "VARCHAR, primary key"
    wrong = []
    for schema, table, column, data_type, _ in con.execute(_COLUMNS).fetchall():
        key = (_key(schema, table), column)
        actual = data_type.replace("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")
        if key in types and types[key] != actual:  # a shared FTS section is checked through its first name
            wrong.append(f"{key}: documented {types[key]}, is {actual}")
    assert not wrong


def test_catalog_json_is_generated_from_the_schema_doc() -> None:
    shipped = catalog.CATALOG_FILE.read_text(encoding="utf-8")
    assert shipped == catalog.render(_documented()), "docs/schema.md changed: run python -m warehouse.catalog"


def test_every_table_view_and_column_carries_its_documented_comment(con: duckdb.DuckDBPyConnection) -> None:
    documented = _documented()
    relations = con.execute(
        "SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE NOT internal "
        "AND database_name = current_database() UNION ALL "
        "SELECT schema_name, view_name, comment FROM duckdb_views() WHERE NOT internal "
        "AND database_name = current_database()"
    ).fetchall()
    assert len(relations) == len(documented)
    for schema, name, comment in relations:
        assert comment and comment == documented[_key(schema, name)]["comment"], (schema, name)
    for schema, table, column, _, comment in con.execute(_COLUMNS).fetchall():
        assert comment, f"{schema}.{table}.{column} has no comment"
        assert comment == documented[_key(schema, table)]["columns"][column]


def test_comments_are_plain_text_and_references_are_resolved() -> None:
    documented = _documented()
    assert documented["releases"]["columns"]["release_id"] == "source_id || ':' || key"
    # "see `figures`" in the doc: the view's column says what the table's column says.
    assert documented["figure_timeline"]["columns"]["value"] == documented["figures"]["columns"]["value"]
    assert documented["raw_fetches"]["columns"]["url"].startswith("URL as requested")
    assert documented["fts_main_search_ru.dict"] == documented["fts_main_search_en.dict"]


def _documented_units() -> set[str]:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    section = text.split("\n## Units\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)` \|", section, re.M))


def _extractor_units() -> set[str]:
    """Every unit extractors/figures can emit, read from its tables as scan.py reads them."""
    tables = (
        units.CURRENCY_PREFIX + units.CURRENCY_SUFFIX + units.PERCENT_SUFFIX + units.QUANTITY_SUFFIX
        + units.DURATION_SUFFIX
    )  # fmt: skip
    found = {unit for _, unit in tables}
    # scan.py: a prefix code ("USD 5 bn") is the code as written, with RMB read as CNY; pence ("GBp") are
    # stored as pounds ("GBP").
    codes = dict((unit, pattern) for pattern, unit in units.CURRENCY_PREFIX)["CODE"]
    found |= {code.replace("RMB", "CNY") for code in re.findall(r"[A-Z]{3}", codes)}
    return found - {"CODE", "GBp"}


def test_the_units_listed_are_exactly_those_the_extractors_emit() -> None:
    documented, emitted = _documented_units(), _extractor_units()
    assert documented == emitted, (
        f"documented but never emitted: {sorted(documented - emitted)}; "
        f"emitted but not documented: {sorted(emitted - documented)}"
    )


def test_the_doc_no_longer_names_units_the_data_does_not_use() -> None:
    figures_unit = _documented()["figures"]["columns"]["unit"]
    assert "percent" in figures_unit and "tonnes" not in figures_unit and "%" not in figures_unit
