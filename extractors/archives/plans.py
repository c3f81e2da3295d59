"""Backfill planning: which archive pages cover a date range of one source, and what in them is in range.

Pure functions. A plan walks a source's archive from the range's end back to its start, one request
at a time; its cursor (a small JSON-able dict) names the next request, so a stopped backfill resumes.
The archive path is chosen by the source's `backfill.kind`, never by its name.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any, Protocol

from config.sources import Source
from extractors.models import ListingItem, Published
from extractors.pages import discover

Cursor = dict[str, Any]
# Hard stop of a page walk: a listing that never ends would otherwise be walked for ever.
MAX_WALK_PAGES = 100_000


class PlanError(ValueError):
    """A source's backfill block cannot produce a plan (missing template, unsupported kind)."""


@dataclass(frozen=True)
class PageSeen:
    """What one archive request gave: found or not, and the local dates and keys of its items."""

    found: bool
    days: tuple[date | None, ...] = ()
    keys: tuple[str, ...] = ()


class Plan(Protocol):
    """A resumable walk over a source's archive for one date range."""

    # Read-only, so that the frozen dataclass plans below satisfy the protocol.
    @property
    def start(self) -> date:
        """The first day of the range."""
        ...

    @property
    def end(self) -> date:
        """The last day of the range."""
        ...

    def first(self) -> Cursor:
        """The cursor of the first request."""
        ...

    def url(self, cursor: Cursor) -> str:
        """The archive URL the cursor stands for."""
        ...

    def after(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        """The next cursor once a page has been read, or None when the range is covered."""
        ...

    def frontier(self, cursor: Cursor) -> date:
        """The newest day the cursor has not covered yet (progress runs from `end` down to `start`)."""
        ...


def job_name(start: date, end: date) -> str:
    """The checkpoint job of a backfill of [start, end]."""
    return f"backfill:{start.isoformat()}:{end.isoformat()}"


def check_range(start: date, end: date) -> None:
    """Refuse a range whose start is after its end."""
    if start > end:
        raise PlanError(f"the range starts after it ends: {start} > {end}")


def in_range(day: date | None, start: date, end: date) -> bool:
    """Whether a local publication date lies in [start, end] (both ends inclusive)."""
    return day is not None and start <= day <= end


def item_days(
    items: Sequence[ListingItem], normalize: Callable[[str | None], Published]
) -> tuple[date | None, ...]:
    """Local publication dates of listing items (None where the listing shows none that parses)."""
    return tuple(normalize(i.published_raw).day for i in items)


def wanted_items(
    items: Sequence[ListingItem], days: Sequence[date | None], start: date, end: date
) -> list[ListingItem]:
    """Items dated in the range, plus undated ones (their article's own date decides later)."""
    return [i for i, d in zip(items, days, strict=True) if d is None or in_range(d, start, end)]


def days_total(start: date, end: date) -> int:
    """Number of days in the range."""
    return (end - start).days + 1


def days_done(plan: Plan, cursor: Cursor | None) -> int:
    """Days of the range already covered at `cursor` (all of them when the walk is over)."""
    if cursor is None:
        return days_total(plan.start, plan.end)
    frontier = min(max(plan.frontier(cursor), plan.start - timedelta(days=1)), plan.end)
    return (plan.end - frontier).days


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _template(source: Source) -> str:
    if not source.backfill.url:
        raise PlanError(f"{source.id}: backfill.kind {source.backfill.kind!r} needs a backfill.url template")
    return source.backfill.url


# -- date_filter: the listing filtered by a date range (government: dt.since / dt.till) ----------------


@dataclass(frozen=True)
class DateFilterPlan:
    """Query the date filter chunk by chunk (calendar months or days), newest chunk first.

    Month chunks are whole calendar months even at the range's ends: the site answers any range, but
    whole months are the stable, cacheable form, and the items outside [start, end] are dropped here.
    """

    source: Source
    start: date
    end: date

    def chunk(self, day: date) -> tuple[date, date]:
        """The chunk holding `day`."""
        if self.source.backfill.chunk == "day":
            return day, day
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)

    def first(self) -> Cursor:
        since, till = self.chunk(self.end)
        return {"since": since.isoformat(), "till": till.isoformat()}

    def url(self, cursor: Cursor) -> str:
        fmt = self.source.backfill.date_format
        since, till = _day(cursor["since"]), _day(cursor["till"])
        return _template(self.source).format(since=since.strftime(fmt), till=till.strftime(fmt))

    def after(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        before = _day(cursor["since"]) - timedelta(days=1)
        if before < self.start:
            return None
        since, till = self.chunk(before)
        return {"since": since.isoformat(), "till": till.isoformat()}

    def frontier(self, cursor: Cursor) -> date:
        return _day(cursor["till"])


# -- by_date: a day archive listing the newest items at or before that day (kremlin) -------------------


@dataclass(frozen=True)
class ByDatePlan:
    """Walk the day archive newest → oldest, jumping over days the last page already covered.

    A page for day D lists the newest items at or before D. Every day between its oldest item's day
    and D is then complete, so the next request is for that oldest day (whose items may continue
    beyond the page), or D - 1 when the whole page is one day.
    """

    source: Source
    start: date
    end: date

    def first(self) -> Cursor:
        return {"day": self.end.isoformat(), "seen": False}

    def url(self, cursor: Cursor) -> str:
        day = _day(cursor["day"]).strftime(self.source.backfill.date_format)
        return _template(self.source).format(date=day)

    def after(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        day = _day(cursor["day"])
        dated = [d for d in seen.days if d is not None]
        if not seen.found:
            if cursor["seen"]:
                return None  # older than the archive's first day
            nxt = day - timedelta(days=1)  # newer than its last day: step back towards it
        elif not dated:
            return None  # nothing at or before this day
        else:
            oldest = min(dated)
            nxt = oldest if oldest < day else day - timedelta(days=1)
        if nxt < self.start:
            return None
        return {"day": nxt.isoformat(), "seen": cursor["seen"] or seen.found}

    def frontier(self, cursor: Cursor) -> date:
        return _day(cursor["day"])


# -- walk: the ordinary listing / feed / search API, page 1 onwards, until dates pass the start --------


@dataclass(frozen=True)
class WalkPlan:
    """Walk the source's listing, feed or API pages newest first until an item is older than the start.

    Pages newer than the range are skipped by a seek first: page numbers double until a page reaches
    back to the range's end, then a bisection finds the first such page (the listing is in date
    order), so a range years back costs a few dozen requests, not one per page in between.
    """

    source: Source
    start: date
    end: date

    def first(self) -> Cursor:
        return {"page": 1, "oldest": None, "last": None, "seek": [0, None]}

    def url(self, cursor: Cursor) -> str:
        found = self._page_url(cursor["page"])
        if found is None:
            raise PlanError(f"{self.source.id}: no listing page {cursor['page']}")
        return found

    def _page_url(self, page: int) -> str | None:
        urls = discover.page_urls(self.source, max_pages=MAX_WALK_PAGES)
        return next(islice(urls, page - 1, None), None)

    def after(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        if "seek" in cursor:
            return self._seek(cursor, seen)
        return self._walk(cursor, seen)

    def _seek(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        """Narrow [lo, hi]: lo = last page known newer than the range, hi = first page known not to be."""
        digest = _digest(seen.keys)
        dated = [d for d in seen.days if d is not None]
        # A repeat of the last probe is a clamped page number: past the listing's end, like a 404.
        newer = seen.found and digest != cursor["last"] and bool(dated) and min(dated) > self.end
        page = cursor["page"]
        lo, hi = (page, cursor["seek"][1]) if newer else (cursor["seek"][0], page)
        if hi is None:
            probe = page * 2
            if self._page_url(probe) is None:
                return None  # the whole listing is newer than the range
            return {"page": probe, "oldest": None, "last": digest, "seek": [lo, None]}
        if hi - lo > 1:
            return {"page": (lo + hi) // 2, "oldest": None, "last": digest, "seek": [lo, hi]}
        if hi == page:  # the page just read starts the range: carry on walking from it
            return self._walk({"page": page, "oldest": None, "last": None}, seen)
        return {"page": hi, "oldest": None, "last": None}

    def _walk(self, cursor: Cursor, seen: PageSeen) -> Cursor | None:
        digest = _digest(seen.keys)
        # The end: a 404, an empty page, or a repeat of the last one (Bitrix clamps page numbers).
        if not seen.found or not seen.keys or digest == cursor["last"]:
            return None
        dated = [d for d in seen.days if d is not None]
        oldest = min(dated, default=None)
        if oldest is not None and oldest < self.start:
            return None
        if self._page_url(cursor["page"] + 1) is None:
            return None  # a listing without a page template, or the safety stop
        known = cursor["oldest"]
        if oldest is not None and (known is None or oldest.isoformat() < known):
            known = oldest.isoformat()
        return {"page": cursor["page"] + 1, "oldest": known, "last": digest}

    def frontier(self, cursor: Cursor) -> date:
        return _day(cursor["oldest"]) if cursor["oldest"] else self.end


def _digest(keys: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(keys).encode()).hexdigest()[:16]


PLANS: dict[str, type[DateFilterPlan] | type[ByDatePlan] | type[WalkPlan]] = {
    "date_filter": DateFilterPlan,
    "by_date": ByDatePlan,
    "walk": WalkPlan,
}


def plan_for(source: Source, start: date, end: date) -> Plan:
    """The plan of a source's configured backfill kind over [start, end]."""
    check_range(start, end)
    kind = source.backfill.kind
    if kind not in PLANS:
        raise PlanError(f"{source.id}: backfill kind {kind!r} is not supported; use one of {sorted(PLANS)}")
    plan = PLANS[kind](source, start, end)
    if kind != "walk":
        _template(source)
    return plan
