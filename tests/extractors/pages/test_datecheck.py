"""Impossible dates are rejected with a reason instead of raising or being stored as if true."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.models import Published
from extractors.pages.datecheck import check_published, date_warning
from extractors.pages.timestamps import choose_published, normalize_published

MSK = "Europe/Moscow"
TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2024-01-24T11:30:00+25:00", "UTC offset +25:00 is beyond +-14 h"),
        ("date 2024-01-24 24 Jan. 11:30 (UTC+99 MSK)", "UTC offset +99:00 is beyond +-14 h"),
        ("Wed, 24 Jan 2024 11:30:00 -1500", "UTC offset -15:00 is beyond +-14 h"),
        ("0001-01-01T00:00:00", "0001-01-01 cannot be placed in UTC"),
    ],
)
def test_an_impossible_offset_or_instant_gives_no_date_and_says_why(raw: str, why: str) -> None:
    published = normalize_published(raw, tz=MSK, lang="en")
    assert (published.at, published.day, published.rejected) == (None, None, why)
    assert published.raw == raw


@pytest.mark.parametrize("raw", ["2024-01-24T11:30:00+14:00", "2024-01-24T11:30:00-12:00"])
def test_the_widest_real_offsets_are_read(raw: str) -> None:
    published = normalize_published(raw, tz=MSK)
    assert published.at is not None and published.rejected is None


def test_a_good_listing_date_wins_over_a_rejected_article_date_and_a_reason_is_kept_otherwise() -> None:
    good = choose_published("2024-01-24T11:30:00+25:00", "24.01.2024 11:30", tz=MSK)
    assert good.at == datetime(2024, 1, 24, 8, 30, tzinfo=UTC)
    bad = choose_published("2024-01-24T11:30:00+25:00", "soon", tz=MSK)
    assert bad.day is None and bad.rejected == "UTC offset +25:00 is beyond +-14 h"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("0001-01-24", "0001-01-24 is before the source's first year 1990"),
        ("24.01.1989 10:00", "1989-01-24 is before the source's first year 1990"),
        ("2031-05-01T10:00:00+03:00", "2031-05-01 is after tomorrow (2026-12-05 + 1 day)"),
        ("9999-12-31", "9999-12-31 is after tomorrow (2026-12-05 + 1 day)"),
    ],
)
def test_dates_outside_the_sources_years_or_after_tomorrow_are_dropped(raw: str, why: str) -> None:
    checked = check_published(normalize_published(raw, tz=MSK), first_year=1990, today=TODAY)
    assert (checked.at, checked.day, checked.rejected, checked.raw) == (None, None, why, raw)
    assert date_warning(checked) == f"date {raw!r} rejected: {why}; stored without a date"


@pytest.mark.parametrize("raw", ["1990-01-01", "2026-12-05T23:00:00+03:00", "2026-12-06"])
def test_dates_from_the_first_year_up_to_tomorrow_are_kept(raw: str) -> None:
    published = normalize_published(raw, tz=MSK)
    assert check_published(published, first_year=1990, today=TODAY) == published
    assert date_warning(published) is None


def test_a_release_without_a_readable_date_gets_a_warning_naming_what_was_there() -> None:
    assert date_warning(Published(None)) == (
        "no publication date on the page or in the listing; stored without a date"
    )
    unread = normalize_published("sometime last week", tz=MSK)
    assert date_warning(unread) == "date 'sometime last week' could not be read; stored without a date"
