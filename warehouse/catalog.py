"""Table, view and column comments in the database, taken from docs/schema.md through catalog.json.

docs/schema.md is the one hand-written description of the schema. `python -m warehouse.catalog` reads its
`### `name`` sections into catalog.json (shipped with the package, so an installed copy needs no docs/
folder); tests/warehouse/test_docs.py fails when the two differ. Every writable connection then makes the
database's COMMENTs equal to catalog.json (`sync_comments`), so `duckdb_columns().comment` says what
the doc says, in existing warehouses as in new ones.

    python -m warehouse.catalog          # rewrite warehouse/catalog.json from docs/schema.md
    python -m warehouse.catalog --check  # exit 1 when it is out of date
"""

from __future__ import annotations

import argparse
import functools
import json
import re
from pathlib import Path
from typing import TypedDict

import duckdb

CATALOG_FILE = Path(__file__).with_name("catalog.json")
SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
_HEADING = re.compile(r"^#{1,6} ")
_NAMES = re.compile(r"`([\w.]+)`")
# | `column` | TYPE[, note] | meaning |   (the meaning may hold `a || b`, so it runs to the last " |")
_ROW = re.compile(r"^\| `(?P<column>\w+)` \| (?P<type>[^|]+?) \| (?P<meaning>.*) \|$")
_SEE = re.compile(r"^see `(?P<other>\w+)`$")


class Relation(TypedDict):
    """What the doc says about one table or view: a comment for it and one per column."""

    comment: str
    columns: dict[str, str]


Catalog = dict[str, Relation]  # keyed by table name, or schema.table outside the main schema


def _plain(markdown: str) -> str:
    """Markdown prose as a one-line comment: code marks dropped, whitespace collapsed."""
    return " ".join(markdown.replace("`", "").split())


def _sections(text: str) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """Map each documented name to its prose lines and its (column, meaning) rows."""
    sections: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    current: tuple[list[str], list[tuple[str, str]]] | None = None
    for line in text.splitlines():
        if _HEADING.match(line):
            names = _NAMES.findall(line) if line.startswith("### ") else []
            current = ([], []) if names else None
            if current is not None:
                sections.update(dict.fromkeys(names, current))  # one section may document several
        elif current is not None and (row := _ROW.match(line)):
            current[1].append((row["column"], row["meaning"]))
        elif current is not None and line.strip() and not line.startswith("|") and not current[1]:
            current[0].append(line)
    return sections


def parse_schema_doc(text: str) -> Catalog:
    """Read the catalog from the schema doc; a meaning "see `other`" takes other's meaning of that column."""
    sections = _sections(text)
    catalog: Catalog = {}
    for name, (prose, rows) in sections.items():
        columns: dict[str, str] = {}
        for column, meaning in rows:
            see = _SEE.match(meaning)
            if see and see["other"] in sections:
                meaning = dict(sections[see["other"]][1]).get(column, meaning)
            columns[column] = _plain(meaning)
        catalog[name] = Relation(comment=_plain(" ".join(prose)), columns=columns)
    return catalog


@functools.cache
def load_catalog() -> Catalog:
    """Return the catalog shipped with the package (catalog.json)."""
    data: Catalog = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    return data


def render(catalog: Catalog) -> str:
    """Return catalog.json's text."""
    return json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _qualified(schema: str, name: str) -> tuple[str, str]:
    """Return the catalog key and the quoted SQL name of a relation."""
    key = name if schema == "main" else f"{schema}.{name}"
    return key, f'"{schema}"."{name}"'


_RELATIONS = """
SELECT schema_name, table_name, 'TABLE', comment FROM duckdb_tables()
WHERE database_name = current_database() AND NOT internal
UNION ALL
SELECT schema_name, view_name, 'VIEW', comment FROM duckdb_views()
WHERE database_name = current_database() AND NOT internal"""
_COLUMNS = """
SELECT schema_name, table_name, column_name, comment FROM duckdb_columns()
WHERE database_name = current_database() AND NOT internal"""


def comment_statements(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> list[str]:
    """Return the COMMENT statements that make the database's comments equal to the catalog's."""
    statements: list[str] = []
    kinds: dict[str, tuple[str, str]] = {}
    for schema, name, kind, comment in con.execute(_RELATIONS).fetchall():
        key, sql_name = _qualified(schema, name)
        kinds[key] = (kind, sql_name)
        wanted = catalog.get(key)
        if wanted is not None and (comment or "") != wanted["comment"]:
            statements.append(f"COMMENT ON {kind} {sql_name} IS {_literal(wanted['comment'])}")
    for schema, name, column, comment in con.execute(_COLUMNS).fetchall():
        key, sql_name = _qualified(schema, name)
        meaning = catalog.get(key, Relation(comment="", columns={}))["columns"].get(column)
        if meaning is not None and key in kinds and (comment or "") != meaning:
            statements.append(f'COMMENT ON COLUMN {sql_name}."{column}" IS {_literal(meaning)}')
    return statements


def sync_comments(con: duckdb.DuckDBPyConnection, catalog: Catalog | None = None) -> int:
    """Bring every documented table's, view's and column's comment in step; return how many changed."""
    statements = comment_statements(con, load_catalog() if catalog is None else catalog)
    if statements:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(";\n".join(statements))
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return len(statements)


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check, verify) catalog.json from docs/schema.md."""
    ap = argparse.ArgumentParser(description="Rebuild warehouse/catalog.json from docs/schema.md.")
    ap.add_argument("--check", action="store_true", help="only report whether catalog.json is up to date")
    args = ap.parse_args(argv)
    text = render(parse_schema_doc(SCHEMA_DOC.read_text(encoding="utf-8")))
    current = CATALOG_FILE.read_text(encoding="utf-8") if CATALOG_FILE.exists() else ""
    if args.check:
        print("catalog.json is up to date" if text == current else "catalog.json is out of date")
        return 0 if text == current else 1
    CATALOG_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {CATALOG_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
