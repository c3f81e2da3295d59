"""Bulk writes carry every value a load stores unchanged: text, bytes, instants, dates, decimals, lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from warehouse import bulk, db

COLUMNS: list[bulk.Column] = [
    ("text", "VARCHAR"), ("body", "BLOB"), ("seen_at", "TIMESTAMPTZ"), ("day", "DATE"),
    ("amount", "DECIMAL(38, 6)"), ("tags", "VARCHAR[]"), ("n", "BIGINT"), ("flag", "BOOLEAN"),
]  # fmt: skip
ROWS = [
    ('quote " backslash \\ newline \n tab \t', b"\x00\xff\x1f<html>", datetime(2024, 5, 1, 6, 30, tzinfo=UTC),
     date(2024, 5, 1), Decimal("66600000000.000000"), ["a", 'b"c'], 2**62, True),
    ("Рост ё 😀 NUL\x00", b"", datetime(2012, 1, 1, 0, 0, 0, 123456, tzinfo=UTC), date(1999, 12, 31),
     Decimal("-0.300000"), [], -1, False),
    ("", None, None, None, None, None, None, None),
]  # fmt: skip


def test_every_kind_of_value_round_trips() -> None:
    con = db.connect(":memory:")
    bulk.stage(con, "_stage_probe", COLUMNS, ROWS)
    assert con.execute("SELECT * FROM _stage_probe").fetchall() == ROWS
    con.close()


def test_an_aware_instant_keeps_its_offset_and_many_rows_go_in_chunks(monkeypatch) -> None:
    con = db.connect(":memory:")
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 7)
    moscow = timezone(timedelta(hours=3))
    rows = [
        (f"row {n}", datetime(2024, 5, 1, 9, 30, tzinfo=moscow) + timedelta(minutes=n)) for n in range(50)
    ]
    assert bulk.insert_rows(con, "_t", [], []) == 0
    bulk.stage(con, "_stage_times", [("label", "VARCHAR"), ("seen_at", "TIMESTAMPTZ")], rows)
    stored = con.execute("SELECT label, seen_at FROM _stage_times ORDER BY seen_at").fetchall()
    assert stored == [(label, at.astimezone(UTC)) for label, at in rows]
    con.close()


def test_a_value_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(TypeError, match="complex"):
        bulk.column_json([1j])
