"""A backfill killed mid-way and run again: every in-range release stored once, articles fetched once.

The backfill runs as `python -m flows.cli backfill` in a subprocess. The mirror's request log says how
far it got (DuckDB allows one writer, so the warehouse is only read once the process is gone).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.mirrors import Mirror
from tests.paths import REPO
from warehouse import db

# Kills backfill subprocesses against a served mirror.
pytestmark = pytest.mark.e2e

ROOT = REPO


def local_day(rec: dict[str, Any]) -> date:
    return date.fromisoformat(rec["published_local"][:10])


def backfill_cmd(
    mirror: Mirror, source: str, start: date, end: date, db_path: Path, delay: float
) -> list[str]:

    cmd = [sys.executable, "-m", "flows.cli", "backfill", "--source", source]
    cmd += ["--start", str(start), "--end", str(end), "--db", str(db_path)]
    return [*cmd, "--base-url", mirror.base_url, "--min-delay", str(delay)]


def article_hits(mirror: Mirror) -> Counter[str]:
    """How often each article path was requested (a reader-view query counts as its article)."""
    paths = {r["url_path"] for r in mirror.expected()}
    targets = (r["target"].split("?")[0] for r in mirror.requests() if r["status"] == 200)
    return Counter(t for t in targets if t in paths)


def start_and_stop(cmd: list[str], mirror: Mirror, after_articles: int, sig: signal.Signals) -> int:
    """Run the command until the mirror has served `after_articles` articles, then send `sig`."""
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while sum(article_hits(mirror).values()) < after_articles:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the backfill made no progress"
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    return proc.returncode


def stored(db_path: Path) -> tuple[list[str], bool | None]:
    """Stored release URLs (with repeats, if any) and whether the checkpoint says finished."""
    con = db.connect(db_path, read_only=True)
    try:
        urls = [u for (u,) in con.execute("select url from releases").fetchall()]
        row = con.execute("select finished from checkpoints").fetchone()
        return urls, (row[0] if row else None)
    finally:
        con.close()


def window(mirror: Mirror, releases: int) -> tuple[date, date, set[str]]:
    """A range from the middle of the mirror holding about `releases` releases, and their URLs."""
    days = sorted(local_day(r) for r in mirror.expected())
    first = (len(days) - releases) // 2
    start, end = days[first], days[first + releases - 1]
    return start, end, {r["canonical_url"] for r in mirror.expected() if start <= local_day(r) <= end}


def test_stopped_backfill_resumes_without_fetching_any_article_twice(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("economy_en", synthetic=100, faults=False)
    start, end, want = window(mirror, 60)
    db_path = tmp_path / "resume.duckdb"
    code = start_and_stop(
        backfill_cmd(mirror, "economy_en", start, end, db_path, 0.02), mirror, 25, signal.SIGTERM
    )
    assert code == 130  # interrupted, progress saved
    partial, finished = stored(db_path)
    assert 25 <= len(partial) < len(want) and finished is False
    done = subprocess.run(
        backfill_cmd(mirror, "economy_en", start, end, db_path, 0), cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    urls, finished = stored(db_path)
    assert sorted(urls) == sorted(want) and finished is True
    hits = article_hits(mirror)
    assert sum(hits.values()) == len(want) and set(hits.values()) == {1}


def test_hard_killed_backfill_completes_and_stores_each_release_once(served_mirror, tmp_path: Path) -> None:
    mirror: Mirror = served_mirror("government_ru", synthetic=300, faults=False)
    start, end, want = window(mirror, 50)
    db_path = tmp_path / "killed.duckdb"
    cmd = backfill_cmd(mirror, "government_ru", start, end, db_path, 0.02)
    assert start_and_stop(cmd, mirror, 25, signal.SIGKILL) == -signal.SIGKILL
    done = subprocess.run(
        backfill_cmd(mirror, "government_ru", start, end, db_path, 0), cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    urls, finished = stored(db_path)
    assert sorted(urls) == sorted(want) and finished is True
    twice = [path for path, n in article_hits(mirror).items() if n > 1]
    # Only the article in flight at the kill (served, not yet saved) may be fetched again.
    assert len(twice) <= 1, twice
