"""Date strings as the sites print them become the right UTC instant, or only a local date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.pages.timestamps import choose_published, normalize_published

MSK = "Europe/Moscow"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "at", "tz"),
    [
        # ISO forms: feeds, listing datetime attributes, GOV.UK's API
        ("2024-01-24T11:30:00+03:00", utc(2024, 1, 24, 8, 30), "+03:00"),
        ("2024-01-24T08:30:00Z", utc(2024, 1, 24, 8, 30), "+00:00"),
        ("2024-01-24T08:30:00.000+00:00", utc(2024, 1, 24, 8, 30), "+00:00"),
        ("2025-06-20T19:00:00+04:00", utc(2025, 6, 20, 15, 0), "+04:00"),  # the offset given wins
        # RSS pubDate
        ("Wed, 24 Jan 2024 11:30:00 +0300", utc(2024, 1, 24, 8, 30), "+03:00"),
        # economy.gov.ru article: ISO date, display time, explicit zone marker
        ("date 2024-01-24 24 Jan. 11:30 (UTC+3 MSK)", utc(2024, 1, 24, 8, 30), "+03:00"),
        ("дата 2024-01-24 24 января 11:30 (UTC+3 MSK)", utc(2024, 1, 24, 8, 30), "+03:00"),
        ("date 2010-07-15 15 Jul. 12:00 (UTC+4 MSD)", utc(2010, 7, 15, 8, 0), "+04:00"),
        ("date 2012-06-12 12 Jun. 10:00 (UTC+4 MSK)", utc(2012, 6, 12, 6, 0), "+04:00"),
        # display strings in the source's zone
        ("24 января 2024 11:30", utc(2024, 1, 24, 8, 30), MSK),
        ("24 января 2024 года, 11:30", utc(2024, 1, 24, 8, 30), MSK),
        ("January 24, 2024, 11:30", utc(2024, 1, 24, 8, 30), MSK),
        ("24 January 2024 11:30", utc(2024, 1, 24, 8, 30), MSK),
        ("24.01.2024 11:30", utc(2024, 1, 24, 8, 30), MSK),
        ("April 1, 2025, 19:00", utc(2025, 4, 1, 16, 0), MSK),
        ("1 мая 2015 года, 9:05", utc(2015, 5, 1, 6, 5), MSK),
    ],
)
def test_strings_with_a_time_become_the_utc_instant(raw: str, at: datetime, tz: str) -> None:
    got = normalize_published(raw, tz=MSK)
    assert got.at == at
    assert got.tz == tz
    assert got.raw == raw


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2024-01-24", date(2024, 1, 24)),
        ("24.01.2024", date(2024, 1, 24)),
        ("15 декабря 2023", date(2023, 12, 15)),
        ("20 августа 2026 года", date(2026, 8, 20)),
        ("Published 24 January 2024", date(2024, 1, 24)),
        ("30 September 2026", date(2026, 9, 30)),
        ("January 24, 2024", date(2024, 1, 24)),
    ],
)
def test_a_date_without_time_stays_a_date(raw: str, day: date) -> None:
    got = normalize_published(raw, tz=MSK)
    assert (got.at, got.date, got.tz) == (None, day, MSK)  # never an invented midnight


@pytest.mark.parametrize(
    ("local", "offset_hours"),
    [
        ("15.07.2010 12:00", 4),  # MSD, summer time
        ("15.12.2010 12:00", 3),  # MSK, winter
        ("26.03.2011 19:00", 3),  # last evening before the switch to permanent UTC+4
        ("27.03.2011 09:00", 4),
        ("12.06.2012 10:00", 4),
        ("25.10.2014 19:30", 4),  # last evening of UTC+4
        ("26.10.2014 09:30", 3),
        ("01.07.2015 12:00", 3),
        ("24.01.2024 12:00", 3),
    ],
)
def test_moscow_history_uses_the_offset_in_force_that_day(local: str, offset_hours: int) -> None:
    got = normalize_published(local, tz=MSK)
    naive = datetime.strptime(local, "%d.%m.%Y %H:%M")
    assert got.at is not None
    assert (naive - got.at.replace(tzinfo=None)).total_seconds() == offset_hours * 3600
    assert got.date == naive.date()


@pytest.mark.parametrize(
    ("raw", "at"),
    [
        ("24 January 2024 11:30", utc(2024, 1, 24, 11, 30)),  # GMT
        ("24 July 2024 11:30", utc(2024, 7, 24, 10, 30)),  # BST
        ("2023-05-28T12:28:00.000+01:00", utc(2023, 5, 28, 11, 28)),
    ],
)
def test_london_switches_between_gmt_and_bst(raw: str, at: datetime) -> None:
    assert normalize_published(raw, tz="Europe/London").at == at


def test_local_date_is_the_calendar_date_in_the_sources_zone() -> None:
    late = normalize_published("2024-01-24T22:30:00Z", tz=MSK)
    assert late.at == utc(2024, 1, 24, 22, 30)
    assert late.date == date(2024, 1, 25)  # already the 25th in Moscow


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "garbage", "31.02.2024", "32 января 2024", "24 Jan. 11:30 (UTC+3 MSK)", "25:99 today"],
)
def test_unreadable_strings_keep_the_raw_and_nothing_else(raw: str | None) -> None:
    got = normalize_published(raw, tz=MSK)
    assert (got.raw, got.at, got.date, got.tz) == (raw, None, None, None)


def test_a_number_that_is_no_clock_time_leaves_the_date_alone() -> None:
    got = normalize_published("24.01.2024 25:99", tz=MSK)
    assert (got.at, got.date) == (None, date(2024, 1, 24))


def test_a_bad_zone_name_never_raises() -> None:
    assert normalize_published("24.01.2024 11:30", tz="Mars/Olympus").at is None
    assert normalize_published("2024-01-24T11:30:00+03:00", tz="Mars/Olympus").at == utc(2024, 1, 24, 8, 30)


def test_a_candidate_with_a_time_beats_a_date_only_one() -> None:
    got = choose_published("24 января 2024", "2024-01-24T11:30:00+03:00", tz=MSK)
    assert got.raw == "2024-01-24T11:30:00+03:00"
    assert got.at == utc(2024, 1, 24, 8, 30)


def test_the_first_equally_precise_candidate_wins_and_missing_ones_are_skipped() -> None:
    got = choose_published(None, "24.01.2024 11:30", "2024-01-24T12:00:00+03:00", tz=MSK)
    assert got.raw == "24.01.2024 11:30"
    only_dates = choose_published("garbage", "24.01.2024", tz=MSK)
    assert (only_dates.raw, only_dates.date, only_dates.at) == ("24.01.2024", date(2024, 1, 24), None)


def test_nothing_readable_keeps_the_first_raw_string() -> None:
    got = choose_published(None, "garbage", "nonsense", tz=MSK)
    assert (got.raw, got.at, got.date) == ("garbage", None, None)


# -- a source's own date formats (`date_formats`), tried before the generic readers -------------------


@pytest.mark.parametrize(
    ("raw", "formats", "at", "tz"),
    [
        # Strings the generic readers cannot read at all: a two-digit year, a dotted clock time.
        ("24.01.24 11:30", ["%d.%m.%y %H:%M"], utc(2024, 1, 24, 8, 30), MSK),
        ("24.01.2024 11.30", ["%d.%m.%Y %H.%M"], utc(2024, 1, 24, 8, 30), MSK),
        # Russian month names read by %B / %b, whatever the case
        ("24 Января 2024, 11:30", ["%d %B %Y, %H:%M"], utc(2024, 1, 24, 8, 30), MSK),
        ("1 мая 2015 в 9:05", ["%d %B %Y в %H:%M"], utc(2015, 5, 1, 6, 5), MSK),
        ("24 янв. 2024 11:30", ["%d %b. %Y %H:%M"], utc(2024, 1, 24, 8, 30), MSK),
        # The source's zone still applies, with the offset in force that day (2012: UTC+4)
        ("12.06.2012 10:00", ["%d.%m.%Y %H:%M"], utc(2012, 6, 12, 6, 0), MSK),
        # ...unless the format reads an offset
        ("24.01.2024 11:30 +0500", ["%d.%m.%Y %H:%M %z"], utc(2024, 1, 24, 6, 30), "+05:00"),
        # 12-hour clocks
        ("Jan 24, 2024 at 2:05 PM", ["%b %d, %Y at %I:%M %p"], utc(2024, 1, 24, 11, 5), MSK),
        # The first format that reads the whole string wins; the others are skipped.
        ("24.01.2024 11:30", ["%Y-%m-%d", "%d.%m.%Y %H:%M"], utc(2024, 1, 24, 8, 30), MSK),
    ],
)
def test_a_declared_format_reads_the_string(raw: str, formats: list[str], at: datetime, tz: str) -> None:
    got = normalize_published(raw, tz=MSK, formats=formats)
    assert (got.raw, got.at, got.tz) == (raw, at, tz)


def test_a_declared_format_settles_what_the_generic_readers_would_guess() -> None:
    # 01/02/2024 on an English-language source reads month-first unless the source says otherwise.
    assert normalize_published("01/02/2024 10:00", tz="Europe/London", lang="en").date == date(2024, 1, 2)
    got = normalize_published("01/02/2024 10:00", tz="Europe/London", lang="en", formats=["%d/%m/%Y %H:%M"])
    assert (got.date, got.at) == (date(2024, 2, 1), utc(2024, 2, 1, 10, 0))


def test_a_format_without_a_time_gives_a_date_and_no_invented_midnight() -> None:
    got = normalize_published("24.01.24", tz=MSK, formats=["%d.%m.%y"])
    assert (got.at, got.date, got.tz) == (None, date(2024, 1, 24), MSK)


def test_strings_no_format_matches_fall_back_to_the_generic_readers() -> None:
    got = normalize_published("24 января 2024 года, 11:30", tz=MSK, formats=["%d.%m.%Y %H:%M"])
    assert got.at == utc(2024, 1, 24, 8, 30)
    nothing = normalize_published("31.02.24 11:30", tz=MSK, formats=["%d.%m.%y %H:%M"])  # no 31 February
    assert (nothing.at, nothing.date) == (None, None)


def test_choose_published_passes_the_formats_to_every_candidate() -> None:
    got = choose_published("24.01.24", "24.01.24 11:30", tz=MSK, formats=["%d.%m.%y %H:%M", "%d.%m.%y"])
    assert (got.raw, got.at) == ("24.01.24 11:30", utc(2024, 1, 24, 8, 30))
