"""Backfill planning without a network: which archive URLs a range needs, and when the walk ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from config.sources import BACKFILL_KINDS, BackfillSpec, load_sources
from extractors.archives import plans
from extractors.archives.plans import PageSeen
from extractors.models import ListingItem
from extractors.pages.timestamps import normalize_published

SOURCES = load_sources()


def walk_all(plan: plans.Plan, answer) -> list[str]:  # type: ignore[no-untyped-def]
    """Follow a plan to its end, answering each URL with `answer(url)`; return the URLs asked for."""
    urls, cursor = [], plan.first()
    while cursor is not None:
        url = plan.url(cursor)
        urls.append(url)
        assert len(urls) < 1000, "the plan does not end"
        cursor = plan.after(cursor, answer(url))
    return urls


def test_date_filter_asks_for_whole_calendar_months_newest_first() -> None:
    plan = plans.plan_for(SOURCES["government_ru"], date(2023, 11, 20), date(2024, 2, 5))
    urls = walk_all(plan, lambda url: PageSeen(True))
    assert urls == [
        "/news/?dt.since=01.02.2024&dt.till=29.02.2024",
        "/news/?dt.since=01.01.2024&dt.till=31.01.2024",
        "/news/?dt.since=01.12.2023&dt.till=31.12.2023",
        "/news/?dt.since=01.11.2023&dt.till=30.11.2023",
    ]


def test_date_filter_by_day_when_configured() -> None:
    source = SOURCES["government_en"]
    source = replace(source, backfill=replace(source.backfill, chunk="day"))
    urls = walk_all(plans.plan_for(source, date(2024, 2, 28), date(2024, 3, 1)), lambda url: PageSeen(True))
    assert urls == [f"/en/news/?dt.since={d}&dt.till={d}" for d in ("01.03.2024", "29.02.2024", "28.02.2024")]


def test_day_archive_jumps_to_the_oldest_day_a_page_shows() -> None:
    plan = plans.plan_for(SOURCES["kremlin_en"], date(2024, 1, 1), date(2024, 1, 31))
    pages = {  # day asked → days of the items the page lists (newest items at or before that day)
        "31.01.2024": [date(2024, 1, 30), date(2024, 1, 28), date(2024, 1, 20)],
        "20.01.2024": [date(2024, 1, 20), date(2024, 1, 20), date(2024, 1, 5)],
        "05.01.2024": [date(2024, 1, 5)] * 3,  # a page of one day only: the day before comes next
        "04.01.2024": [date(2023, 12, 30)],
    }
    urls = walk_all(plan, lambda url: PageSeen(True, tuple(pages[url.rsplit("/", 1)[1]])))
    assert [u.rsplit("/", 1)[1] for u in urls] == ["31.01.2024", "20.01.2024", "05.01.2024", "04.01.2024"]


def test_day_archive_steps_back_past_missing_newest_days_and_stops_past_the_oldest() -> None:
    plan = plans.plan_for(SOURCES["kremlin_en"], date(2024, 1, 1), date(2024, 1, 10))
    cursor = plan.first()
    cursor = plan.after(cursor, PageSeen(False))  # after the archive's last day: 404, step back
    assert cursor is not None and cursor["day"] == "2024-01-09"
    cursor = plan.after(cursor, PageSeen(True, (date(2024, 1, 9), date(2024, 1, 3))))
    assert cursor is not None and cursor["day"] == "2024-01-03"
    assert plan.after(cursor, PageSeen(False)) is None  # before the archive's first day
    assert plan.after(plan.first(), PageSeen(True, ())) is None  # nothing at or before the day


def test_walk_ends_on_an_old_item_an_empty_page_a_repeat_or_a_404() -> None:
    plan = plans.plan_for(SOURCES["economy_en"], date(2024, 1, 1), date(2024, 1, 31))
    first = plan.first()
    assert plan.url(first) == "/material/news/"
    newer = plan.after(first, PageSeen(True, (date(2024, 2, 3), date(2024, 1, 20)), ("a", "b")))
    assert newer is not None and plan.url(newer) == "/material/news/?PAGEN_1=2"
    assert plan.after(newer, PageSeen(True, (date(2024, 1, 2), date(2023, 12, 31)), ("c", "d"))) is None
    assert plan.after(newer, PageSeen(True, (date(2024, 1, 5),), ("a", "b"))) is None  # Bitrix repeat
    assert plan.after(newer, PageSeen(True, (), ())) is None
    assert plan.after(newer, PageSeen(False)) is None


def listing(pages: int, per_page: int, newest: date, clamp: bool):  # type: ignore[no-untyped-def]
    """A fake dated listing, one item a day newest first; past the end: the last page again, or a 404."""
    from datetime import timedelta

    def answer(url: str) -> PageSeen:
        page = int(url.rsplit("=", 1)[1]) if "=" in url else 1
        if page > pages:
            if not clamp:
                return PageSeen(False)
            page = pages
        first = (page - 1) * per_page
        days = tuple(newest - timedelta(days=first + i) for i in range(per_page))
        return PageSeen(True, days, tuple(f"k{first + i}" for i in range(per_page)))

    return answer


@pytest.mark.parametrize("clamp", [True, False])
def test_walk_seeks_the_first_page_of_the_range_instead_of_reading_every_newer_page(clamp: bool) -> None:
    newest = date(2024, 12, 31)  # page p holds the days newest - 10(p-1) ... newest - 10p + 1
    answer = listing(pages=500, per_page=10, newest=newest, clamp=clamp)
    plan = plans.plan_for(SOURCES["economy_en"], date(2023, 3, 1), date(2023, 3, 31))
    urls = walk_all(plan, answer)
    pages = [int(u.rsplit("=", 1)[1]) if "=" in u else 1 for u in urls]
    seen = {k for p in pages for k in answer(f"?PAGEN_1={p}").keys}
    in_range = {
        f"k{i}" for i in range((newest - date(2023, 3, 31)).days, (newest - date(2023, 3, 1)).days + 1)
    }
    assert in_range <= seen  # every page holding the range was read
    assert len(urls) <= 25 and max(pages) < 200, pages  # ~2 log2(pages) probes, not 64 newer pages


def test_walk_of_a_range_newer_than_the_whole_listing_ends() -> None:
    plan = plans.plan_for(SOURCES["economy_en"], date(2030, 1, 1), date(2030, 1, 31))
    urls = walk_all(plan, listing(pages=50, per_page=10, newest=date(2024, 12, 31), clamp=True))
    assert len(urls) <= 3


def test_walk_of_a_range_older_than_the_whole_listing_ends() -> None:
    plan = plans.plan_for(SOURCES["economy_en"], date(2001, 1, 1), date(2001, 1, 31))
    for clamp in (True, False):
        assert (
            len(walk_all(plan, listing(pages=50, per_page=10, newest=date(2024, 12, 31), clamp=clamp))) <= 16
        )


def test_progress_counts_days_from_the_end_of_the_range_back() -> None:
    plan = plans.plan_for(SOURCES["kremlin_en"], date(2024, 1, 1), date(2024, 1, 10))
    assert plans.days_total(plan.start, plan.end) == 10
    assert plans.days_done(plan, plan.first()) == 0
    assert plans.days_done(plan, {"day": "2024-01-04", "seen": True}) == 6
    assert plans.days_done(plan, None) == 10


def test_the_local_date_decides_not_the_utc_one() -> None:
    item = ListingItem(
        "http://en.kremlin.ru/events/president/news/1", "1", published_raw="2024-01-24T01:30:00+03:00"
    )
    (day,) = plans.item_days([item], lambda raw: normalize_published(raw, tz="Europe/Moscow"))
    assert day == date(2024, 1, 24)  # 2024-01-23 22:30 UTC
    assert plans.wanted_items([item], [day], date(2024, 1, 24), date(2024, 1, 24)) == [item]
    assert plans.wanted_items([item], [day], date(2024, 1, 23), date(2024, 1, 23)) == []


def test_bad_ranges_and_configs_are_refused() -> None:
    with pytest.raises(plans.PlanError, match="starts after"):
        plans.plan_for(SOURCES["kremlin_en"], date(2024, 2, 1), date(2024, 1, 1))
    no_template = replace(SOURCES["kremlin_en"], backfill=BackfillSpec(kind="by_date"))
    with pytest.raises(plans.PlanError, match=r"backfill\.url"):
        plans.plan_for(no_template, date(2024, 1, 1), date(2024, 1, 2))
    ids = replace(SOURCES["government_ru"], backfill=BackfillSpec(kind="id_walk"))
    with pytest.raises(plans.PlanError, match="id_walk"):
        plans.plan_for(ids, date(2024, 1, 1), date(2024, 1, 2))


def test_every_backfill_kind_the_config_accepts_has_a_plan() -> None:
    assert sorted(plans.PLANS) == sorted(BACKFILL_KINDS)
    for kind in BACKFILL_KINDS:
        source = replace(SOURCES["kremlin_en"], backfill=BackfillSpec(kind=kind, url="/archive/"))
        plan = plans.plan_for(source, date(2024, 1, 1), date(2024, 1, 31))
        assert plan.url(plan.first()).startswith("/"), kind
