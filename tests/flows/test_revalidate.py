"""Rolling revalidation: which older releases each night re-checks (the slice), and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from config.sources import load_sources
from extractors.pages.discover import Candidate
from flows import revalidate
from warehouse.records import StoredRelease

NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
ECONOMY = load_sources()["economy_en"]  # article pages, recheck window of 3 days


def _stored(n: int, *, published: datetime, checked: datetime) -> dict[str, StoredRelease]:
    return {
        f"r{i}": StoredRelease(
            f"economy_en:r{i}",
            f"https://en.economy.gov.ru/material/news/r{i}.html",
            published,
            None,
            None,
            f'"e{i}"',
            None,
            checked,
            "sha",
            1,
        )
        for i in range(n)
    }


def _nights(stored: dict[str, StoredRelease], nights: int, every: int) -> list[list[Candidate]]:
    return [
        revalidate.candidates(stored, now=NOW + timedelta(days=d), source=ECONOMY, every_days=every)
        for d in range(nights)
    ]


def test_every_older_release_is_revalidated_once_in_n_nights_in_slices_of_about_one_nth() -> None:
    stored = _stored(3000, published=NOW - timedelta(days=400), checked=NOW - timedelta(days=2))
    nights = _nights(stored, 30, 30)
    keys = [c.key for night in nights for c in night]
    assert sorted(keys) == sorted(stored)  # each exactly once in 30 nights
    assert all(60 <= len(night) <= 140 for night in nights)  # ~100 a night, not all at once
    assert {c.reason for night in nights for c in night} == {"recheck"}  # conditional GETs
    # The 31st night starts the next round with the first night's slice.
    again = revalidate.candidates(stored, now=NOW + timedelta(days=30), source=ECONOMY, every_days=30)
    assert {c.key for c in again} == {c.key for c in nights[0]}


def test_recent_releases_and_fresh_checks_are_left_to_the_recheck_window() -> None:
    recent = _stored(200, published=NOW - timedelta(days=1), checked=NOW - timedelta(days=2))
    assert not any(_nights(recent, 2, 1))  # inside the 3-day recheck window: checked every night already
    fresh = _stored(200, published=NOW - timedelta(days=400), checked=NOW - timedelta(hours=2))
    assert revalidate.candidates(fresh, now=NOW, source=ECONOMY, every_days=1) == []


def test_undated_releases_are_revalidated_and_the_setting_can_turn_it_off() -> None:
    undated = {
        k: replace(r, published_at=None, published_date=None)
        for k, r in _stored(50, published=NOW, checked=NOW - timedelta(days=2)).items()
    }
    assert len([c for night in _nights(undated, 5, 5) for c in night]) == 50
    assert revalidate.candidates(undated, now=NOW, source=ECONOMY, every_days=0) == []


def test_sources_read_from_feed_content_are_left_to_their_feed() -> None:
    kremlin = load_sources()["kremlin_en"]  # bodies come from the feed: an article page would differ
    stored = _stored(50, published=NOW - timedelta(days=400), checked=NOW - timedelta(days=2))
    assert revalidate.candidates(stored, now=NOW, source=kremlin, every_days=1) == []


def test_the_slice_of_a_release_is_stable_and_days_follow_each_other() -> None:
    assert revalidate.slot("economy_en:abc", 30) == revalidate.slot("economy_en:abc", 30)
    assert revalidate.slot("economy_en:abc", 30) == 4061306223 % 30  # crc32: the same on every machine
    day = revalidate.day_slot(NOW, 30)
    assert revalidate.day_slot(NOW + timedelta(days=1), 30) == (day + 1) % 30
    assert day == date(2026, 3, 10).toordinal() % 30
