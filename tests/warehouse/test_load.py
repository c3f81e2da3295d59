"""Loading releases: idempotent reloads, new versions on edits, facts replaced, batches atomic, bulk speed."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pytest

from tests.warehouse.builders import T0, figure, release
from warehouse import checks, db, load
from warehouse.facts import LoadError

CONTENT_SQL = {
    "releases": "SELECT release_id, url, title, lang, published_at, published_date, body_text, lead, tags, "
    "version, content_sha256, first_seen_at, pair_key FROM releases ORDER BY release_id",
    "release_versions": "SELECT * FROM release_versions ORDER BY release_id, version",
    "figures": "SELECT * FROM figures ORDER BY release_id, char_start",
    "commitments": "SELECT * FROM commitments ORDER BY release_id, char_start",
}


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def _snapshot(con) -> dict[str, list[tuple]]:
    return {name: con.execute(sql).fetchall() for name, sql in CONTENT_SQL.items()}


def _one(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()


def test_reloading_the_same_records_changes_no_content_row(con) -> None:
    records = [release("1"), release("2"), release("3", body="No numbers at all.")]
    assert load.load_batch(con, records, run_id=None) == load.LoadStats(new=3)
    before = _snapshot(con)
    assert len(before["figures"]) == 2 and len(before["commitments"]) == 2
    assert load.load_batch(con, records, run_id=None) == load.LoadStats(unchanged=3)
    assert _snapshot(con) == before
    assert {v for (v,) in con.execute("SELECT version FROM releases").fetchall()} == {1}
    assert checks.check_data(con) == []


def test_content_hash_is_sha256_of_title_nul_body(con) -> None:
    rec = release("1", title="Тема", body="Рост на 12% в 2024 году.")
    load.load_batch(con, [rec])
    expected = hashlib.sha256("Тема\x00Рост на 12% в 2024 году.".encode()).hexdigest()
    assert _one(con, "SELECT content_sha256 FROM releases") == (expected,)
    assert load.content_sha256("Тема", "Рост на 12% в 2024 году.") == expected


def test_an_edited_body_makes_version_two_and_keeps_version_one(con) -> None:
    load.load_batch(con, [release("1"), release("2")])
    edited_body = "Exports grew by 14% to 41 billion roubles after revision."
    edited = release("1", body=edited_body, seen_at=T0 + timedelta(days=1))
    edited["figures"] = [figure(edited_body, "14%", 14, "percent", "%"), figure(edited_body, "41", 41)]
    stats = load.load_batch(con, [edited, release("2")], run_id=42)
    assert stats == load.LoadStats(updated=1, unchanged=1)
    version, body, first_seen = _one(
        con, "SELECT version, body_text, first_seen_at FROM releases WHERE key = '1'"
    )
    assert (version, body, first_seen) == (2, edited_body, T0)
    history = con.execute(
        "SELECT version, body_text, seen_at, superseded_at FROM release_versions "
        "WHERE release_id = 'economy_en:1' ORDER BY version"
    ).fetchall()
    assert [h[0] for h in history] == [1, 2]
    assert con.execute("SELECT run_id FROM release_versions ORDER BY release_id, version").fetchall() == [
        (None,),
        (42,),
        (None,),
    ]
    assert history[0][1].startswith("Exports grew by 12%") and history[0][3] == T0 + timedelta(days=1)
    assert history[1][1:] == (edited_body, T0 + timedelta(days=1), None)
    figs = con.execute(
        "SELECT text, char_start, char_end FROM figures WHERE release_id = 'economy_en:1' ORDER BY char_start"
    ).fetchall()
    assert figs == [("14%", 16, 19), ("41", 23, 25)]
    assert [t for t, s, e in figs] == [edited_body[s:e] for t, s, e in figs]
    assert _one(con, "SELECT count(*) FROM commitments WHERE release_id = 'economy_en:1'") == (0,)
    assert _one(con, "SELECT version FROM releases WHERE key = '2'") == (1,)
    assert checks.check_data(con) == []


def test_a_changed_title_alone_is_a_new_version(con) -> None:
    load.load_batch(con, [release("1")])
    assert load.load_batch(con, [release("1", title="Corrected title")]).updated == 1
    assert _one(con, "SELECT version, title FROM releases") == (2, "Corrected title")


def test_same_content_only_moves_bookkeeping(con) -> None:
    load.load_batch(con, [release("1", etag='"a"', updated_raw="2024-05-01T10:00:00Z")])
    later = T0 + timedelta(hours=5)
    load.load_batch(con, [release("1", etag='"b"', seen_at=later, published_raw="changed but ignored")])
    row = _one(
        con,
        "SELECT version, etag, updated_raw, first_seen_at, last_seen_at, last_checked_at, published_raw "
        "FROM releases",
    )
    assert row == (1, '"b"', "2024-05-01T10:00:00Z", T0, later, later, "1 May 2024, 09:30")


def test_refresh_metadata_corrects_dates_without_a_new_version(con) -> None:
    load.load_batch(con, [release("1", published_at=None, published_raw="1 May 2024")])
    fixed = release("1", published_raw="1 May 2024, 09:30")
    stats = load.load_batch(con, [fixed], refresh_metadata=True)
    assert stats == load.LoadStats(unchanged=1)
    at = fixed["published_at"]
    assert _one(con, "SELECT version, published_at, published_raw FROM releases") == (
        1,
        at,
        "1 May 2024, 09:30",
    )
    assert _one(con, "SELECT published_at FROM release_versions") == (at,)


def test_an_older_capture_never_displaces_a_newer_version(con) -> None:
    load.load_batch(con, [release("1", body="Current text with 12%.")])
    old = release(
        "1", body="Archived older text.", seen_at=T0 - timedelta(days=30), capture_url="https://arch/1"
    )
    assert load.load_batch(con, [old]) == load.LoadStats(unchanged=1)
    assert _one(con, "SELECT version, body_text, capture_url FROM releases") == (
        1,
        "Current text with 12%.",
        None,
    )


def test_within_a_batch_the_latest_fetch_of_a_release_wins(con) -> None:
    newer = release("1", body="Second fetch.", seen_at=T0 + timedelta(minutes=5))
    stats = load.load_batch(con, [newer, release("1", body="First fetch.")])
    assert stats == load.LoadStats(new=1)
    assert _one(con, "SELECT body_text FROM releases") == ("Second fetch.",)


def test_a_new_extractor_version_replaces_facts_of_unchanged_content(con) -> None:
    load.load_batch(con, [release("1")])
    rec = release("1", version="x2")
    rec["figures"].append(figure(rec["body_text"], "40 billion roubles", 40e9, "money", "RUB"))
    assert load.load_batch(con, [rec]) == load.LoadStats(unchanged=1)
    assert _one(con, "SELECT count(*), min(extractor_version) FROM figures") == (2, "x2")
    assert _one(con, "SELECT version, extractor_version FROM releases") == (1, "x2")


def test_a_bad_record_rejects_the_whole_batch(con) -> None:
    bad = release("2")
    bad["figures"][0]["char_end"] = 10_000
    with pytest.raises(LoadError, match="economy_en:2: figure span"):
        load.load_batch(con, [release("1"), bad])
    weird = release("3")
    weird["figures"][0]["kind"] = "ratio"
    with pytest.raises(LoadError, match="kind 'ratio'"):
        load.load_batch(con, [weird])
    with pytest.raises(LoadError, match="release_id"):
        load.load_batch(con, [release("4", release_id="other:4")])
    assert _one(con, "SELECT count(*) FROM releases") == (0,)


def test_a_failure_inside_the_transaction_leaves_nothing_half_written(con, monkeypatch) -> None:
    load.load_batch(con, [release("1")])
    before = _snapshot(con)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("warehouse.facts.replace", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        load.load_batch(con, [release("1", body="Edited 12%."), release("2")])
    assert _snapshot(con) == before


def test_stored_state_and_touch_checked(con) -> None:
    load.load_batch(
        con, [release("1", etag='"e1"', last_modified="Wed, 01 May 2024 09:00:00 GMT"), release("2")]
    )
    state = load.stored_state(con, "economy_en")
    assert set(state) == {"1", "2"}
    one = state["1"]
    assert (one.release_id, one.url, one.etag, one.version) == (
        "economy_en:1",
        release("1")["url"],
        '"e1"',
        1,
    )
    assert one.last_modified == "Wed, 01 May 2024 09:00:00 GMT" and one.last_checked_at == T0
    assert one.published_at == release("1")["published_at"] and one.content_sha256
    assert load.stored_state(con, "kremlin_en") == {}
    later = T0 + timedelta(days=2)
    assert load.touch_checked(con, ["economy_en:1", "economy_en:missing"], later) == 1
    after = load.stored_state(con, "economy_en")
    assert after["1"].last_checked_at == later and after["2"].last_checked_at == T0
    assert after["1"].version == 1 and after["1"].content_sha256 == one.content_sha256


def test_replace_extractions_is_idempotent_and_counts_changed_rows(con) -> None:
    records = [release("1"), release("2")]
    load.load_batch(con, records)
    same = [
        (r["release_id"] if "release_id" in r else f"economy_en:{r['key']}", r["figures"], r["commitments"])
        for r in records
    ]
    assert load.replace_extractions(con, same, extractor_version="x1") == 0
    body = records[0]["body_text"]
    richer = [
        ("economy_en:1", [*records[0]["figures"], figure(body, "40 billion roubles", 4e10, "money")], [])
    ]
    # one figure added, one commitment dropped
    assert load.replace_extractions(con, richer, extractor_version="x1") == 2
    assert load.replace_extractions(con, richer, extractor_version="x1") == 0
    assert _one(con, "SELECT count(*) FROM figures WHERE release_id = 'economy_en:1'") == (2,)
    assert _one(con, "SELECT count(*) FROM commitments WHERE release_id = 'economy_en:1'") == (0,)
    assert _one(con, "SELECT count(*) FROM figures WHERE release_id = 'economy_en:2'") == (1,)
    # a new extractor version with the same facts rewrites their extractor_version
    assert load.replace_extractions(con, [(*richer[0], "x2")]) == 4
    assert _one(con, "SELECT extractor_version FROM releases WHERE key = '1'") == ("x2",)
    with pytest.raises(LoadError, match="no such release"):
        load.replace_extractions(con, [("economy_en:404", [], [])], extractor_version="x1")


def test_bulk_load_of_two_thousand_releases(con) -> None:
    body = " ".join(f"Item {i} rose by 12% to {i}0 billion roubles." for i in range(12))
    body += " The ministry will publish a plan by 2025."
    records = []
    for n in range(2000):
        rec = release(str(n), body=body, source_id=("economy_en", "kremlin_ru")[n % 2])
        rec["figures"] = [figure(body, f"Item {i} rose", i, "count") for i in range(8)]
        records.append(rec)
    started = time.process_time()
    stats = load.load_batch(con, records)
    first = time.process_time() - started
    started = time.process_time()
    again = load.load_batch(con, records)
    second = time.process_time() - started
    print(
        f"\nbulk load: 2000 releases + 16000 figures + 2000 commitments in {first:.2f} s; "
        f"reload {second:.2f} s"
    )
    assert stats == load.LoadStats(new=2000) and again == load.LoadStats(unchanged=2000)
    assert _one(con, "SELECT count(*) FROM figures") == (16_000,)
    assert _one(con, "SELECT count(*) FROM commitments") == (2000,)
    assert checks.check_data(con) == []


def test_an_outer_transaction_spans_several_writes(con) -> None:
    page = {"source_id": "economy_en", "url": "https://example.gov/economy_en/1", "kind": "article",
            "status": 200, "fetched_at": T0, "body": b"<html>1</html>"}  # fmt: skip
    with pytest.raises(RuntimeError, match="killed"), db.transaction(con):
        load.save_raw_pages(con, [page])
        load.load_batch(con, [release("1")])
        raise RuntimeError("killed between writes")
    assert _one(con, "SELECT (SELECT count(*) FROM raw_pages) + (SELECT count(*) FROM releases)") == (0,)
    with db.transaction(con):
        [page_id] = load.save_raw_pages(con, [page])
        load.load_batch(con, [release("1", page_id=page_id)])
    assert _one(con, "SELECT page_id FROM releases") == (page_id,)
