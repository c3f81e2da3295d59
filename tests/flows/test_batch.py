"""The pending batch links each stored release to the raw page it was read from."""

from __future__ import annotations

from datetime import UTC, datetime

from config.sources import load_sources
from extractors.models import ParsedRelease
from extractors.pages.discover import Candidate
from extractors.web.fetch import FetchResult, Outcome
from flows.batch import PendingBatch
from flows.rows import raw_page_record
from flows.runlog import start_run
from flows.steps import queue
from warehouse import db

BASE = "http://en.kremlin.ru/events/president/news"


def _response(url: str, body: bytes) -> FetchResult:
    return FetchResult(url, url, 200, Outcome.OK, None, {}, body, datetime.now(UTC), 1)


def _release(key: str) -> ParsedRelease:
    return ParsedRelease(f"{BASE}/{key}", key, f"Release {key}", "en", [f"Text of {key}."], "5 January 2024")


def test_each_release_points_at_the_page_it_was_read_from() -> None:
    source = load_sources()["kremlin_en"]
    con = db.connect(db.MEMORY)
    batch = PendingBatch(source, con, start_run(con, "nightly", source.id, {}), size=10)
    feed = batch.add_raw_page(
        raw_page_record(source, f"{BASE}/feed", "feed", _response(f"{BASE}/feed", b"<rss/>"))
    )
    article = batch.add_raw_page(
        raw_page_record(source, f"{BASE}/1", "article", _response(f"{BASE}/1", b"<p/>"))
    )
    queue(batch, Candidate(f"{BASE}/1", "1", "new"), _release("1"), page=article)
    for key in ("2", "3"):  # feed entries carrying their body: read from the feed page itself
        queue(batch, Candidate(f"{BASE}/{key}", key, "new"), _release(key), page=feed)
    queue(batch, Candidate(f"{BASE}/4", "4", "new"), _release("4"))  # read from no page kept
    batch.flush()
    linked = con.execute(
        "select r.key, p.kind from releases r left join raw_pages p using (page_id) order by r.key"
    ).fetchall()
    con.close()
    assert linked == [("1", "article"), ("2", "feed"), ("3", "feed"), ("4", None)]
    assert batch.report.new == 4
