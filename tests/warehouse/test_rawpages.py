"""The raw page store: every response kept, identical bodies stored once, bodies read back intact."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

import pytest

from warehouse import db, load

T0 = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
HTML = (
    "<html><body>"
    + "<p>Press release paragraph with figures 12% and 3.4 trillion.</p>" * 200
    + "</body></html>"
).encode()


def page(url: str, body: bytes | None = HTML, *, kind: str = "article", minutes: int = 0, **kw) -> dict:
    rec = {
        "source_id": "kremlin_en",
        "url": url,
        "kind": kind,
        "status": 200,
        "fetched_at": T0 + timedelta(minutes=minutes),
        "body": body,
        "headers": {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'},
        "content_type": "text/html",
        "etag": '"v1"',
        "canonical_url": url.replace("127.0.0.1:8001", "kremlin.ru"),
    }
    rec.update(kw)
    return rec


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def test_identical_bodies_are_stored_once_and_every_fetch_is_kept(con) -> None:
    other = b"<html>another page \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82</html>"
    ids = load.save_raw_pages(
        con,
        [
            page("http://127.0.0.1:8001/a/1"),
            page("http://127.0.0.1:8001/a/2"),
            page("http://127.0.0.1:8001/a/3", other),
            page("http://127.0.0.1:8001/a/4", None, status=304),
        ],
    )
    assert len(ids) == 4 and ids == sorted(ids) and len(set(ids)) == 4
    more = load.save_raw_pages(con, [page("http://127.0.0.1:8001/a/1", minutes=60)])
    assert more[0] > ids[-1]
    assert con.execute("SELECT count(*) FROM raw_pages").fetchone() == (5,)
    assert con.execute("SELECT count(*) FROM raw_bodies").fetchone() == (2,)
    stored, size = con.execute(
        "SELECT body, size_bytes FROM raw_bodies WHERE size_bytes = ?", [len(HTML)]
    ).fetchone()
    assert len(stored) < len(HTML) / 5 and zlib.decompress(stored) == HTML and size == len(HTML)
    assert load.raw_body(con, ids[0]) == HTML and load.raw_body(con, ids[1]) == HTML
    assert load.raw_body(con, ids[2]) == other
    assert load.raw_body(con, ids[3]) == b""
    with pytest.raises(KeyError):
        load.raw_body(con, 10_000)


def test_page_metadata_round_trips(con) -> None:
    [page_id] = load.save_raw_pages(con, [page("http://127.0.0.1:8001/a/9", run_id=7, last_modified="x")])
    [got] = list(load.iter_raw_pages(con))
    assert got.page_id == page_id and got.fetched_at == T0 and got.run_id == 7
    assert got.canonical_url == "http://kremlin.ru/a/9" and got.url == "http://127.0.0.1:8001/a/9"
    assert got.headers == {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'}
    assert (got.status, got.etag, got.last_modified, got.body) == (200, '"v1"', "x", HTML)


def test_iterating_filters_pages_and_tolerates_writes_in_between(con) -> None:
    pages = [page(f"http://127.0.0.1:8001/a/{n % 3}", f"body {n}".encode(), minutes=n) for n in range(7)]
    pages.append(page("http://127.0.0.1:8001/list", b"listing", kind="listing", minutes=9))
    load.save_raw_pages(con, pages)
    seen = []
    for p in load.iter_raw_pages(con, kind="article", batch_size=2):
        seen.append(p.body)
        load.save_raw_pages(
            con, [page("http://127.0.0.1:8001/late", b"written while iterating", kind="feed")]
        )
    assert seen == [f"body {n}".encode() for n in range(7)]
    latest = {p.canonical_url: p.body for p in load.iter_raw_pages(con, kind="article", latest_per_url=True)}
    assert latest == {
        "http://kremlin.ru/a/0": b"body 6",
        "http://kremlin.ru/a/1": b"body 4",
        "http://kremlin.ru/a/2": b"body 5",
    }
    window = [
        p.body
        for p in load.iter_raw_pages(con, since=T0 + timedelta(minutes=2), until=T0 + timedelta(minutes=4))
    ]
    assert window == [b"body 2", b"body 3"]
    assert [p.body for p in load.iter_raw_pages(con, source_id="economy_en")] == []
    assert all(p.body is None for p in load.iter_raw_pages(con, with_body=False))


def test_unknown_kinds_and_naive_times_are_refused(con) -> None:
    with pytest.raises(ValueError, match="kind"):
        load.save_raw_pages(con, [page("http://x/1", kind="html")])
    with pytest.raises(ValueError, match="timezone-aware"):
        load.save_raw_pages(con, [page("http://x/1", fetched_at=datetime(2024, 1, 1))])
    assert con.execute("SELECT count(*) FROM raw_pages").fetchone() == (0,)
