"""`pressroom demo` end to end, and the README cookbook's queries on the warehouse it leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows import cli
from flows.demo import EXAMPLES, demo_sources
from tests.paths import README
from warehouse import query

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> tuple[Path, str]:
    """The demo warehouse and what the demo printed."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    capture = tmp_path_factory.mktemp("demo-out") / "out.txt"
    with capture.open("w", encoding="utf-8") as out:
        from flows.demo import run_demo

        status = run_demo(_ingest, db=db, out=out)
    assert status == 0
    return db, capture.read_text(encoding="utf-8")


def _ingest(ids: list[str], bases: list[str], db: Path) -> int:
    argv = ["ingest", "--db", str(db), "--min-delay", "0"]
    for sid in ids:
        argv += ["--source", sid]
    for base in bases:
        argv += ["--base-url", base]
    return cli.main(argv)


def cookbook() -> list[str]:
    """The SQL of the README's cookbook, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Cookbook") : text.index("\n## ", text.index("## Cookbook") + 1)]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_the_demo_loads_every_mirrored_source_and_prints_its_examples(demo: tuple[Path, str]) -> None:
    db, printed = demo
    _, rows = query.query(db, "SELECT source_id, count(*) FROM releases GROUP BY 1")
    assert {sid for sid, n in rows if n > 0} == {s.id for s in demo_sources()}
    for n, example in enumerate(EXAMPLES, 1):
        assert f"{n}. {example.question}" in printed
    assert printed.count("rows)") + printed.count("(1 row)") >= len(EXAMPLES)


@pytest.mark.parametrize("number", range(1, 11))
def test_each_cookbook_query_answers_on_the_demo_warehouse(demo: tuple[Path, str], number: int) -> None:
    queries = cookbook()
    assert len(queries) == 10
    columns, rows = query.query(demo[0], queries[number - 1])
    assert columns and rows, f"cookbook query {number} returned nothing on the demo warehouse"
