"""Backfill of every remaining source against its mirror: exactly the releases of a range, both ends in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.backfills import article_targets, in_range, ranges, run, source_for
from tests.mirrors import Mirror
from tests.stored import rows

OTHERS = ["economy_ru", "kremlin_ru", "government_en", "mid_en", "mid_ru", "govuk"]


@pytest.mark.parametrize("site", OTHERS)
def test_backfill_of_a_range_stores_exactly_its_releases(site: str, served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror(site, synthetic=30, faults=False)
    start, end = ranges(mirror)[0]
    mark = len(mirror.requests())
    report = run(source_for(site, mirror), start, end, tmp_path / "b.duckdb")
    want = in_range(mirror, start, end)
    assert want and report.status == "ok" and report.new == len(want), report
    got = rows(tmp_path / "b.duckdb", "select url, title, body_text from releases")
    assert {(u, t, b) for u, t, b in got} == {(u, r["title"], r["body"]) for u, r in want.items()}
    assert sorted(article_targets(mirror, mark)) == sorted(r["url_path"] for r in want.values())
