"""Sanity of a release's publication date: within the source's years, not after tomorrow, or no date.

A date that fails is dropped, never guessed: the release keeps its raw date string and the caller records
a warning saying why (docs/failures.md has the rule).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from extractors.models import Published


def check_published(published: Published, *, first_year: int, today: date) -> Published:
    """Return `published`, or a copy without a date and with the reason when the date is impossible."""
    day = published.day
    if day is None:
        return published
    if day.year < first_year:
        why = f"{day.isoformat()} is before the source's first year {first_year}"
    elif day > today + timedelta(days=1):
        why = f"{day.isoformat()} is after tomorrow ({today.isoformat()} + 1 day)"
    else:
        return published
    return replace(published, at=None, date=None, tz=None, rejected=why)


def date_warning(published: Published) -> str | None:
    """Say why a release is stored without a date, or None when it has one."""
    if published.day is not None:
        return None
    if published.rejected:
        return f"date {published.raw!r} rejected: {published.rejected}; stored without a date"
    if published.raw:
        return f"date {published.raw!r} could not be read; stored without a date"
    return "no publication date on the page or in the listing; stored without a date"
