"""Calendar words and their resolution: month, weekday and quarter names in English and Russian, and the
date spans that "in 2025", "the third quarter", "next year" or "by the end of March" stand for.

The one place such words live: timestamps (pages), figure periods and commitment horizons all read them here.
Each table is a tuple of twelve names in calendar order, so the month number is the position plus one.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Mapping


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EN_MONTHS = _words("january february march april may june july august september october november december")
EN_MONTHS_SHORT = _words("jan feb mar apr may jun jul aug sep oct nov dec")
EN_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
# Russian months by case: "24 января" (genitive), "январь" (nominative), "в январе" (prepositional).
RU_MONTHS_GENITIVE = _words(
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
)
RU_MONTHS_NOMINATIVE = _words(
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
)
RU_MONTHS_PREPOSITIONAL = _words(
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре"
)
RU_MONTHS_SHORT = _words("янв фев мар апр май июн июл авг сен окт ноя дек")
# The stem every case form of a month starts with (English: its three-letter abbreviation). May's Russian stem
# "ма" is shorter than any other, so a word must also be one of its forms ("май", "мая", "мае").
MONTH_STEMS = tuple(zip(EN_MONTHS_SHORT, _words(
    "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр"), strict=True))  # fmt: skip
RU_MAY_FORMS = frozenset({"май", "мая", "мае"})

# Regex fragments. English names as printed, case-sensitive: "May" the month, not "may" the verb.
EN_MONTH_PATTERN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
# Any case form of a Russian month: its stem and any ending.
RU_MONTH_PATTERN = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*"
# The case forms a date uses after a day number ("24 октября", "1-го марта", "в мае"), no longer words.
RU_MONTH_DATE_PATTERN = (
    r"январ[яеьюё]|феврал[яеьюё]|марта?|марте|апрел[яеьюё]|ма[яйею]|июн[яеью]|июл[яеью]"
    r"|август[ае]?|сентябр[яеьюё]|октябр[яеьюё]|ноябр[яеьюё]|декабр[яеьюё]"
)

# Quarter and half-year ordinals: words, digits, Roman numerals and Russian stems → 1..4.
ORDINALS: Mapping[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "перв": 1, "втор": 2, "трет": 3, "четверт": 4,
}  # fmt: skip
RU_ORDINAL_STEMS = ("перв", "втор", "трет", "четверт")


def numbered(*tables: Iterable[str]) -> dict[str, int]:
    """Map every name of the given twelve-name tables to its month number (1..12)."""
    out: dict[str, int] = {}
    for table in tables:
        for i, name in enumerate(table, 1):
            out[name] = i
    return out


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of the words, longest first (so "sept" is tried before "sep")."""
    return "|".join(sorted(words, key=len, reverse=True))


def month_of_stem(word: str) -> int | None:
    """Return the month (1..12) a lower-case word of any case form names, by its stem; None if none."""
    for i, (en, ru) in enumerate(MONTH_STEMS, 1):
        if word.startswith(en) or (word.startswith(ru) and (ru != "ма" or word in RU_MAY_FORMS)):
            return i
    return None


# -- resolution --------------------------------------------------------------------------------------
Span = tuple[datetime.date, datetime.date]


def month_end(year: int, month: int) -> datetime.date:
    """Return the last day of a month."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return day shifted by a number of months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def months_span(year: int, first: int, last: int) -> Span:
    """Return the first day of month `first` and the last day of month `last` of one year."""
    return datetime.date(year, first, 1), month_end(year, last)


def part_span(year: int, index: int, months: int) -> Span:
    """Return the span of the index-th (1-based) part of a year: quarters have 3 months, halves 6."""
    return months_span(year, (index - 1) * months + 1, index * months)


_LAST_YEAR = re.compile(r"(?:last|previous|past)\s+year|прошл\w*\s+год|предыдущ\w*\s+год|минувш\w*\s+год")
_NEXT_YEAR = re.compile(r"(?:next|coming)\s+year|следующ\w*\s+год|будущ\w*\s+год")
_THIS_YEAR = re.compile(r"(?:this|current)\s+year|текущ\w*\s+год|нынешн\w*\s+год|(?<!\w)эт\w*\s+год")


def relative_year(text: str, ref: datetime.date | None) -> int | None:
    """Return the year "last year", "в этом году", "текущего года" or "next year" names in lower-case text."""
    if ref is None:
        return None
    if _LAST_YEAR.search(text):
        return ref.year - 1
    if _NEXT_YEAR.search(text):
        return ref.year + 1
    if _THIS_YEAR.search(text):
        return ref.year
    return None
