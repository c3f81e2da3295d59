"""One bad record never stops its source: each lands in `errors` (or is parked), the rest is stored.

A loopback Atom feed shaped like kremlin_en's carries good entries and one of each fault: an offset out of
range, year 1, an empty title, a date in 2031, no date at all, a page that is gone (410) and a refused
page (403). The first run stores every release it can, warns about the undated ones and fails loudly on
the new failure; the next run asks nothing of the parked URLs and fails no more.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import flows.steps as steps_mod
from config.sources import Source, load_sources
from extractors.models import Extraction
from extractors.web.fetch import Fetcher
from flows import cli
from flows.ingest import IngestOptions, ingest_source
from flows.runlog import SourceReport, summary_markdown
from tests.httpfake import FakeServer, Reply
from tests.mirrors import free_port
from tests.stored import rows
from warehouse import db

pytestmark = pytest.mark.e2e

SITE = "http://en.kremlin.ru/events/president/news/"
FEED = "/events/president/news/feed"
ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}
GOOD = [f"100{n}" for n in range(5)]
# key -> (title, published, carries its body in the feed)
FAULTS = {
    "2001": ("Bad offset", "2024-01-24T11:30:00+25:00", True),
    "2002": ("Year one", "0001-01-01T10:00:00+03:00", True),
    "2003": ("", "2024-01-24T11:30:00+03:00", True),  # empty title
    "2004": ("From the future", "2031-05-01T10:00:00+03:00", True),
    "2005": ("Undated", None, True),
    "2006": ("Gone", "2024-01-24T11:30:00+03:00", False),  # the article page answers 410
    "2007": ("Refused", "2024-01-24T11:30:00+03:00", False),  # the article page answers 403
}
DATE_WARNINGS = {"2001", "2002", "2004", "2005"}


def _entry(key: str, title: str, published: str | None, content: bool) -> str:
    body = f"<p>The meeting of {key} discussed growth of 3.5 percent in 2023.</p>"
    return (
        f'<entry><title>{escape(title)}</title><link rel="alternate" href="{SITE}{key}"/>'
        f"<id>{SITE}{key}</id>"
        + (f"<published>{published}</published>" if published else "")
        + (f'<content type="html">{escape(body)}</content>' if content else "")
        + "</entry>"
    )


def _feed() -> str:
    entries = [_entry(k, f"Good news {k}", f"2024-01-2{k[-1]}T11:30:00+03:00", True) for k in GOOD]
    entries += [_entry(k, *spec) for k, spec in FAULTS.items()]
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        + "".join(entries)
        + "</feed>"
    )


def _serve(srv: FakeServer) -> None:
    srv.route("/robots.txt", Reply(404))
    srv.route(FEED, Reply(200, _feed(), ATOM))
    srv.route("/events/president/news/2006", Reply(410, "gone"))
    srv.route("/events/president/news/2007", Reply(403, "Access denied"))


def _source(srv: FakeServer | str) -> Source:
    base = srv if isinstance(srv, str) else srv.base_url
    src = load_sources()["kremlin_en"].with_overrides(base_url=base, min_delay=0)
    return replace(src, politeness=replace(src.politeness, pause_on_403=0.0, max_retries=0))


def _run(source: Source, path: Path) -> SourceReport:
    con = db.connect(path)
    try:
        with Fetcher(backoff_base=0.01) as fetcher:
            return ingest_source(source, con, fetcher, IngestOptions())
    finally:
        con.close()


def test_each_bad_record_lands_in_errors_or_parked_and_the_rest_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.duckdb"
    with FakeServer() as srv:
        _serve(srv)
        first = _run(_source(srv), path)
        asked = {k: srv.hits(f"/events/president/news/{k}") for k in ("2006", "2007")}
        second = _run(_source(srv), path)
        asked_again = {k: srv.hits(f"/events/president/news/{k}") for k in ("2006", "2007")}

    stored = dict(rows(path, "select key, published_date from releases"))
    assert set(stored) == {*GOOD, *DATE_WARNINGS}  # nothing lost: every readable release is stored
    assert all(stored[k] is None for k in DATE_WARNINGS) and all(stored[k] for k in GOOD)
    raw = dict(rows(path, "select key, published_raw from releases where key like '200%'"))
    assert raw["2001"] == "2024-01-24T11:30:00+25:00"  # the raw string is kept for a later look
    assert rows(path, "select count(*), count(distinct key) from releases") == [(9, 9)]  # none twice

    warnings = dict(rows(path, "select url, reason from errors where severity = 'warning'"))
    assert set(warnings) == {SITE + k for k in DATE_WARNINGS}
    assert "+25:00 is beyond +-14 h" in warnings[SITE + "2001"]
    assert "0001-01-01 is before the source's first year" in warnings[SITE + "2002"]
    assert "2031-05-01 is after tomorrow" in warnings[SITE + "2004"]
    assert "no publication date" in warnings[SITE + "2005"]

    failed = rows(
        path, "select url, stage, reason, parked_at is not null from errors where severity = 'error'"
    )
    assert {(u, s, p) for u, s, _, p in failed} == {
        (SITE + "2003", "parse", False),  # retried by each run until parked
        (SITE + "2006", "fetch", True),
        (SITE + "2007", "fetch", True),
    }
    parked = rows(path, "select url, http_status from parked_urls order by url")
    assert parked == [(SITE + "2006", 410), (SITE + "2007", 403)]

    assert first.status == "partial" and first.failed == 3 and first.warnings == 4  # a new failure
    assert asked == {"2006": 1, "2007": 1} and asked_again == asked  # parked: never asked again
    assert second.status == "ok" and second.waiting == 2 and second.failed == 1  # the title still empty
    assert second.new == 0 and second.parked_before == 2
    summary = summary_markdown([vars(second)])
    assert "Parked URLs" in summary and "kremlin_en 2" in summary  # the run summary counts them

    assert cli.main(["sources", "--db", str(path)]) == 0
    listed = capsys.readouterr().out
    assert "parked=2" in next(ln for ln in listed.splitlines() if ln.startswith("kremlin_en"))
    assert f"{SITE}2006  not_found: HTTP 410 (1 attempt(s)" in listed


def test_a_host_refusing_connections_fails_its_source_after_one_attempt(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with FakeServer() as srv:
        _serve(srv)
        _run(_source(srv), path)
        _run(_source(srv), path)  # the empty-title entry now waits two runs
    down = _run(_source(f"http://127.0.0.1:{free_port()}"), path)
    assert (down.status, down.requests, down.failed) == ("failed", 1, 1)
    (reason,) = rows(path, "select reason from errors where stage = 'discover'")[0]
    assert reason.startswith("unreachable")
    assert rows(path, "select count(*) from errors where url like '%/2003'") == [(2,)]  # no attempt counted


def test_the_cli_prints_each_failure_once_in_one_line(tmp_path: Path) -> None:
    with FakeServer() as srv:
        _serve(srv)
        srv.route(FEED, Reply(200, _feed().replace("+25:00", "+03:00"), ATOM))
        env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", "ingest", "--source", "kremlin_en", "--db",
             str(tmp_path / "w.duckdb"), "--base-url", f"kremlin_en={srv.base_url}", "--min-delay", "0"],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr  # the empty title is a new failure: the nightly fails
    console = done.stdout + done.stderr
    assert "Traceback" not in console
    for key in ("2003", "2006", "2007"):
        lines = [ln for ln in done.stderr.splitlines() if SITE + key in ln]
        assert len(lines) == 1, console  # once, in one line naming the source, the URL and the reason
        assert "kremlin_en" in lines[0]


def test_an_extractor_fault_on_one_release_is_its_failure_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = steps_mod.extract

    def extract(text: str, lang: str, ref: date | None) -> Extraction:
        if "of 1002 " in text:
            raise IndexError("span past the end of the text")
        return real(text, lang, ref)

    monkeypatch.setattr(steps_mod, "extract", extract)
    path = tmp_path / "w.duckdb"
    with FakeServer() as srv:
        _serve(srv)
        report = _run(_source(srv), path)
    keys = {k for (k,) in rows(path, "select key from releases")}
    assert "1002" not in keys and {"1000", "1001", "1003", "1004"} <= keys
    assert rows(path, "select stage, reason from errors where url like '%/1002'") == [
        ("extract", "IndexError: span past the end of the text")
    ]
    assert report.status == "partial"  # a new failure: worth a look
