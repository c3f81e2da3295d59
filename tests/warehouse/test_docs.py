"""docs/schema.md documents every table, view and column of a fresh warehouse, and nothing that is gone."""

from __future__ import annotations

import re

from tests.paths import DOCS
from warehouse import db

SCHEMA_DOC = DOCS / "schema.md"


def _sections() -> dict[str, set[str]]:
    """Map each `### `name`` section of the doc to the column names in its table."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in SCHEMA_DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)`", line)
        if heading:
            current = sections.setdefault(heading[1], set())
        elif current is not None and (cell := re.match(r"^\| `(\w+)` \|", line)):
            current.add(cell[1])
    return sections


def test_schema_doc_matches_the_database() -> None:
    con = db.connect(":memory:")
    actual: dict[str, list[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall():
        actual.setdefault(table, []).append(column)
    documented = _sections()
    assert sorted(documented) == sorted(actual), "tables/views in docs/schema.md differ from the database"
    for name, columns in actual.items():
        assert set(columns) == documented[name], f"docs/schema.md section {name} out of date"
