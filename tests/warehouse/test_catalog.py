"""Comments follow the schema doc: an edit reaches existing warehouses, nothing is rewritten idly."""

from __future__ import annotations

import copy
from pathlib import Path

from warehouse import catalog, db

DOC = """
## Tables

### `things`

Things we keep.
Two lines of prose.

| column | type | meaning |
|---|---|---|
| `id` | INTEGER, primary key | the thing's `id` |
| `label` | VARCHAR | what it says, e.g. `a || b` |

### `thing_view`, `other.thing_view`

| column | type | meaning |
|---|---|---|
| `id` | INTEGER | see `things` |

## Data tests

| `id` | not a column |
"""


def test_the_doc_parses_into_plain_comments() -> None:
    parsed = catalog.parse_schema_doc(DOC)
    assert parsed["things"] == {
        "comment": "Things we keep. Two lines of prose.",
        "columns": {"id": "the thing's id", "label": "what it says, e.g. a || b"},
    }
    assert parsed["thing_view"]["columns"] == {"id": "the thing's id"}
    assert parsed["other.thing_view"] == parsed["thing_view"]
    assert set(parsed) == {"things", "thing_view", "other.thing_view"}


def test_an_edited_meaning_reaches_an_existing_warehouse(tmp_path: Path) -> None:
    path = tmp_path / "wh.duckdb"
    db.connect(path).close()
    edited = copy.deepcopy(catalog.load_catalog())
    edited["figures"]["columns"]["unit"] = "the unit, edited"
    edited["releases"]["comment"] = "Releases, edited."
    with db.connect(path) as con:
        assert catalog.comment_statements(con, catalog.load_catalog()) == []  # in step: no writes
        assert catalog.sync_comments(con, edited) == 2
        assert catalog.sync_comments(con, edited) == 0
        unit = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' AND column_name = 'unit'"
        ).fetchone()
        assert unit == ("the unit, edited",)
    with db.connect(path) as con:  # the next writer brings it back to the shipped catalog
        assert con.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = 'releases'"
        ).fetchone() == (catalog.load_catalog()["releases"]["comment"],)


def test_the_shipped_catalog_is_up_to_date(capsys) -> None:
    assert catalog.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out
