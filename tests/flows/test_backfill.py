"""Backfill of a date range against loopback mirrors: exactly the range's releases, both ends inclusive.

expected.json is the truth: a range's releases are those whose Moscow-local publication date is in
[start, end]. One source per archive kind: kremlin_en (by_date), economy_en (walk), government_ru
(date_filter).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.backfill import backfill_source
from flows.cli import main
from tests.backfills import article_targets, in_range, ranges, run, source_for
from tests.httpfake import FakeServer, Reply
from tests.mirrors import Mirror
from tests.stored import rows
from warehouse import db

# Backfills against served loopback mirrors.
pytestmark = pytest.mark.e2e

KINDS = {"kremlin_en": "by_date", "economy_en": "walk", "government_ru": "date_filter"}


@pytest.fixture(scope="module")
def mirrors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Mirror]]:
    """One served mirror per archive kind for the module (the kremlin day archive takes seconds to build)."""
    root = tmp_path_factory.mktemp("backfill-mirrors")
    built = {site: Mirror.build(site, root / site, synthetic=40, faults=False).serve() for site in KINDS}
    try:
        yield built
    finally:
        for mirror in built.values():
            mirror.stop()


@pytest.mark.parametrize("site", sorted(KINDS))
def test_backfill_stores_exactly_the_releases_of_the_range(site: str, mirrors, tmp_path: Path) -> None:
    mirror = mirrors[site]
    source = source_for(site, mirror)
    assert source.backfill.kind == KINDS[site]
    for n, (start, end) in enumerate(ranges(mirror)):
        mark = len(mirror.requests())
        db_path = tmp_path / f"{n}.duckdb"
        report = run(source, start, end, db_path)
        want = in_range(mirror, start, end)
        assert report.status == "ok" and report.new == len(want), (start, end, report)
        got = rows(db_path, "select url, title, published_at, body_text from releases")
        assert {g[0] for g in got} == set(want), (start, end)
        for url, title, published_at, body in got:
            assert title == want[url]["title"]
            assert published_at.strftime("%Y-%m-%dT%H:%M:%SZ") == want[url]["published_utc"]
            assert body == want[url]["body"]
        fetched = article_targets(mirror, mark)
        assert sorted(fetched) == sorted(r["url_path"] for r in want.values()), "only in-range articles, once"


def test_both_ends_are_inclusive_and_the_day_outside_is_not(mirrors, tmp_path: Path) -> None:
    mirror = mirrors["kremlin_en"]
    source = source_for("kremlin_en", mirror)
    start, end = ranges(mirror)[0]
    run(source, start, end, tmp_path / "a.duckdb")
    days = {d for (d,) in rows(tmp_path / "a.duckdb", "select published_date from releases")}
    assert start in days and end in days
    run(source, start + timedelta(days=1), end - timedelta(days=1), tmp_path / "b.duckdb")
    inner = {d for (d,) in rows(tmp_path / "b.duckdb", "select published_date from releases")}
    assert start not in inner and end not in inner and inner == days - {start, end}


def test_rerun_of_a_finished_backfill_makes_no_request_and_changes_nothing(
    served_mirror, tmp_path: Path
) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=40, faults=False)
    source = load_sources()["economy_en"].with_overrides(base_url=mirror.base_url, min_delay=0)
    start, end = ranges(mirror)[0]
    db_path = tmp_path / "w.duckdb"
    first = run(source, start, end, db_path)
    before = rows(db_path, "select * from releases order by release_id")
    mark = len(mirror.requests())
    again = run(source, start, end, db_path)
    assert mirror.requests()[mark:] == []
    assert (again.status, again.new, again.requests) == ("ok", 0, 0) and "already finished" in again.message
    assert rows(db_path, "select * from releases order by release_id") == before
    runs = rows(db_path, "select flow, source_id, status, releases_new, requests from runs order by run_id")
    assert runs == [
        ("backfill", "economy_en", "ok", first.new, first.requests),
        ("backfill", "economy_en", "ok", 0, 0),
    ]
    checkpoint = rows(db_path, "select job, finished from checkpoints")
    assert checkpoint == [(f"backfill:{start}:{end}", True)]


def test_a_wider_range_fetches_only_the_releases_not_stored_yet(mirrors, tmp_path: Path) -> None:
    mirror = mirrors["government_ru"]
    source = source_for("government_ru", mirror)
    start, end = ranges(mirror)[0]
    db_path = tmp_path / "g.duckdb"
    run(source, start, end, db_path)
    mark = len(mirror.requests())
    wider_start = start - timedelta(days=400)
    report = run(source, wider_start, end, db_path)
    added = set(in_range(mirror, wider_start, end)) - set(in_range(mirror, start, end))
    assert report.new == len(added)
    assert sorted(article_targets(mirror, mark)) == sorted(mirror_paths(mirror, added))


def mirror_paths(mirror: Mirror, urls: set[str]) -> list[str]:
    return [r["url_path"] for r in mirror.expected() if r["canonical_url"] in urls]


def _fake_of(mirror: Mirror) -> FakeServer:
    """A scripted server answering every route of a built mirror (so single routes can be broken)."""
    fake = FakeServer()
    for target, route in json.loads((mirror.out / "routes.json").read_text(encoding="utf-8")).items():
        body = (mirror.out / route["file"]).read_bytes()
        fake.route(target, Reply(route.get("status", 200), body, {"Content-Type": route["type"]}))
    return fake


def test_a_refused_archive_page_stops_the_backfill_and_a_rerun_resumes_there(mirrors, tmp_path: Path) -> None:
    mirror = mirrors["kremlin_en"]
    start, end = ranges(mirror)[0]
    want = in_range(mirror, start, end)
    with _fake_of(mirror) as fake:
        source = source_for("kremlin_en", fake)
        first_page = f"/events/president/news/by-date/{end.strftime('%d.%m.%Y')}"
        fake.route(
            first_page,
            Reply(403, "Access denied"),
            Reply(200, (mirror.out / _file(mirror, first_page)).read_bytes()),
        )
        db_path = tmp_path / "r.duckdb"
        failed = run(source, start, end, db_path)
        assert failed.status == "failed" and failed.refused == 1 and failed.new == 0
        errors = rows(db_path, "select url, stage, http_status from errors")
        assert errors == [(first_page, "discover", 403)]
        done = run(source, start, end, db_path)
        assert done.status == "ok" and done.new == len(want)
        assert {u for (u,) in rows(db_path, "select url from releases")} == set(want)
        for rec in want.values():
            assert fake.hits(rec["url_path"]) == 1


def _file(mirror: Mirror, target: str) -> str:
    return str(json.loads((mirror.out / "routes.json").read_text(encoding="utf-8"))[target]["file"])


def test_cli_backfill_prints_the_summary_and_records_the_run(mirrors, tmp_path: Path, capsys) -> None:
    mirror = mirrors["kremlin_en"]
    start, end = ranges(mirror)[0]
    db_path = tmp_path / "cli.duckdb"
    args = ["backfill", "--source", "kremlin_en", "--start", str(start), "--end", str(end)]
    args += ["--db", str(db_path), "--base-url", mirror.base_url, "--min-delay", "0"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "kremlin_en" in out and f"new={len(in_range(mirror, start, end))}" in out
    assert "days (100%)" in err  # not a terminal: plain progress lines
    assert main([*args[:5], "--end", str(start - timedelta(days=1)), *args[7:]]) == 2  # start after end


@pytest.mark.usefixtures("prefect_harness")
def test_prefect_backfill_flow_returns_the_report_and_fails_when_the_site_refuses(
    mirrors, tmp_path: Path
) -> None:
    from flows.backfill import BackfillFailed, backfill

    mirror = mirrors["government_ru"]
    start, end = ranges(mirror)[0]
    db_path = tmp_path / "flow.duckdb"
    report = backfill(
        source="government_ru", start=start, end=end, db=str(db_path), base_url=[mirror.base_url], min_delay=0
    )
    assert backfill.name == "pressroom-backfill"
    assert (report["status"], report["new"]) == ("ok", len(in_range(mirror, start, end)))
    with (
        FakeServer(default=Reply(403, "Access denied")) as refusing,
        pytest.raises(BackfillFailed, match="government_ru"),
    ):
        backfill(
            source="government_ru",
            start=start,
            end=end,
            db=str(tmp_path / "x.duckdb"),
            base_url=[refusing.base_url],
            min_delay=0,
        )
    assert rows(tmp_path / "x.duckdb", "select flow, status from runs") == [("backfill", "failed")]


def _terminal(columns: int = 160) -> tuple[int, Any]:
    """A pseudo-terminal: (master fd to read from, writable file on its slave end), `columns` wide."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    os.set_blocking(master, False)
    return master, os.fdopen(slave, "w")


def _read_all(fd: int) -> str:
    import os
    import re

    data = b""
    try:
        while chunk := os.read(fd, 65536):
            data += chunk
    except (BlockingIOError, OSError):
        pass
    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", data.decode("utf-8", "replace"))


def test_progress_on_a_terminal_is_a_bar_with_rate_and_time_left(mirrors, tmp_path: Path) -> None:
    from flows.progress import Reporter

    mirror = mirrors["government_ru"]
    start, end = ranges(mirror)[0]
    master, tty = _terminal()
    con = db.connect(tmp_path / "tty.duckdb")
    try:
        with Fetcher() as fetcher:
            backfill_source(
                source_for("government_ru", mirror), con, fetcher, start, end, progress=Reporter(tty)
            )
    finally:
        con.close()
        tty.flush()
    shown = _read_all(master)
    total = (end - start).days + 1
    assert "━" in shown and f"/{total} days" in shown and "req/s" in shown  # bar, days covered, rate
    assert re.search(r"req/s \d+:\d\d:\d\d", shown), shown[-400:]  # the time left
    assert f"{total}/{total} days (100%)" in shown  # the final line
