"""The watermark after a run: it moves only down to the last release above which all are stored."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.models import ListingPage
from extractors.pages.integrity import BrokenPage, check_feed_body, check_items
from flows.walk import End, Listed, Walk, advance, covers
from warehouse.watermarks import Watermark


def _listed(*keys: str) -> list[Listed]:
    return [Listed(k, datetime(2024, 1, 30 - i, tzinfo=UTC)) for i, k in enumerate(keys)]


def test_an_interrupted_first_run_records_how_far_down_it_is_complete() -> None:
    walk = Walk(listed=_listed("e", "d", "c", "b", "a"), end=End.STOPPED)
    mark = advance("s", None, walk, {"e", "d", "b"}, since=None, run_id=1)
    assert mark is not None and (mark.top_key, mark.floor_key, mark.complete) == ("e", "d", False)
    assert not covers(mark, None)  # the next run walks to the bottom


def test_a_walk_to_the_bottom_with_everything_stored_is_complete() -> None:
    walk = Walk(listed=_listed("e", "d", "c"), end=End.BOTTOM)
    mark = advance("s", None, walk, {"e", "d", "c"}, since=None, run_id=1)
    assert mark is not None and mark.complete and covers(mark, None)


def test_new_releases_above_a_complete_region_move_its_top_only_when_all_are_stored() -> None:
    old = Watermark("s", "c", datetime(2024, 1, 28, tzinfo=UTC), "a", None, True)
    walk = Walk(listed=_listed("e", "d", "c"), end=End.KNOWN)
    assert advance("s", old, walk, {"e", "c"}, since=None, run_id=2) is None  # "d" missing: keep the old top
    mark = advance("s", old, walk, {"e", "d", "c"}, since=None, run_id=2)
    assert mark is not None and (mark.top_key, mark.floor_key, mark.complete) == ("e", "a", True)


def test_a_region_complete_down_to_a_since_date_does_not_cover_an_older_run() -> None:
    mark = Watermark("s", "c", None, "a", None, True, date(2024, 1, 1))
    assert covers(mark, date(2024, 6, 1)) and not covers(mark, None)


def test_truncated_html_and_empty_feed_pages_are_broken() -> None:
    feed = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>'
    check_feed_body(feed)
    for bad in (feed[:50], b"<!DOCTYPE html><html><body>Service unavailable</body></html>"):
        with pytest.raises(BrokenPage):
            check_feed_body(bad)
    with pytest.raises(BrokenPage):
        check_items(ListingPage([]), "feed")
    check_items(ListingPage([], past_end=True), "html_listing")  # "nothing found": the end, no error
