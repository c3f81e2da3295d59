"""Run bookkeeping: runs and their counters, errors retried until a later run resolves them, checkpoints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warehouse import db, load

T0 = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def test_a_run_is_recorded_from_start_to_finish(con) -> None:
    run_id = load.start_run(con, "nightly", "kremlin_en", {"since": "2024-05-01", "limit": 5})
    row = con.execute("SELECT flow, source_id, status, finished_at, params->>'since' FROM runs").fetchone()
    assert row == ("nightly", "kremlin_en", "running", None, "2024-05-01")
    counters = {
        "pages_fetched": 12,
        "requests": 14,
        "releases_new": 3,
        "releases_updated": 1,
        "releases_unchanged": 8,
        "releases_failed": 2,
    }
    load.finish_run(con, run_id, "partial", counters, "2 URL(s) failed")
    row = con.execute(
        "SELECT status, message, pages_fetched, requests, releases_new, releases_updated, "
        "releases_unchanged, "
        "releases_failed, finished_at >= started_at FROM runs WHERE run_id = ?",
        [run_id],
    ).fetchone()
    assert row == ("partial", "2 URL(s) failed", 12, 14, 3, 1, 8, 2, True)
    assert load.start_run(con, "backfill", "kremlin_en", None) > run_id


def test_bad_run_values_are_refused(con) -> None:
    with pytest.raises(ValueError, match="flow"):
        load.start_run(con, "hourly", "kremlin_en", {})
    run_id = load.start_run(con, "nightly", "kremlin_en", {})
    with pytest.raises(ValueError, match="status"):
        load.finish_run(con, run_id, "great", {}, None)
    with pytest.raises(ValueError, match="counters"):
        load.finish_run(con, run_id, "ok", {"pages": 1}, None)
    with pytest.raises(KeyError):
        load.finish_run(con, run_id + 100, "ok", {}, None)


def test_errors_stay_open_until_a_later_run_succeeds_on_their_url(con) -> None:
    first = load.start_run(con, "nightly", "mid_ru", {})
    load.record_errors(
        con,
        first,
        "mid_ru",
        [
            {
                "url": "https://mid.ru/1",
                "stage": "fetch",
                "reason": "HTTP 503",
                "http_status": 503,
                "occurred_at": T0,
            },
            {"url": "https://mid.ru/2", "stage": "parse", "reason": "no body", "occurred_at": T0},
        ],
    )
    load.record_errors(
        con, first, "kremlin_en", [{"url": "https://mid.ru/1", "stage": "fetch", "reason": "x"}]
    )
    second = load.start_run(con, "nightly", "mid_ru", {})
    later = T0 + timedelta(days=1)
    load.record_errors(
        con,
        second,
        "mid_ru",
        [
            {"url": "https://mid.ru/1", "stage": "fetch", "reason": "timeout", "occurred_at": later},
        ],
    )
    open_ = load.open_errors(con, "mid_ru")
    assert [(e["url"], e["reason"], e["attempts"], e["run_id"]) for e in open_] == [
        ("https://mid.ru/2", "no body", 1, first),
        ("https://mid.ru/1", "timeout", 2, second),
    ]
    assert load.resolve_errors(con, "mid_ru", ["https://mid.ru/1", "https://mid.ru/9"], run_id=second) == 2
    assert [e["url"] for e in load.open_errors(con, "mid_ru")] == ["https://mid.ru/2"]
    assert len(load.open_errors(con, "kremlin_en")) == 1  # another source's error is untouched
    resolved = con.execute(
        "SELECT count(*) FROM errors WHERE source_id = 'mid_ru' AND resolved_at IS NOT NULL "
        "AND resolved_run_id = ?",
        [second],
    ).fetchone()
    assert resolved == (2,)
    with pytest.raises(ValueError, match="stage"):
        load.record_errors(con, second, "mid_ru", [{"url": None, "stage": "upload", "reason": "x"}])


def test_checkpoints_resume_where_a_job_stopped(con) -> None:
    job = "backfill:2024-01-01:2024-12-31"
    assert load.get_checkpoint(con, "kremlin_ru", job) is None
    load.save_checkpoint(con, "kremlin_ru", job, {"next_page": 4, "month": "2024-03"})
    cp = load.get_checkpoint(con, "kremlin_ru", job)
    assert cp is not None and cp.cursor == {"next_page": 4, "month": "2024-03"} and not cp.finished
    load.save_checkpoint(con, "kremlin_ru", job, {"next_page": 9, "month": "2024-12"}, finished=True)
    done = load.get_checkpoint(con, "kremlin_ru", job)
    assert done is not None and done.cursor["next_page"] == 9 and done.finished
    assert done.updated_at >= cp.updated_at
    assert load.get_checkpoint(con, "kremlin_en", job) is None
    assert con.execute("SELECT count(*) FROM checkpoints").fetchone() == (1,)
