"""Horizons said relative to the release: today, soon, a season, a month without a year, a month range,
the end of the year, "from September", "in N years" ("через год").

`near_terms` finds the words that date an action to the release's own day or just after it ("today",
"now" next to "will", "soon", "сегодня", "скоро"); they are a horizon only for an action still to come,
which the caller decides from the cue. The parsers below resolve the other forms to dates; each returns
None when the text is not its form, so `horizons.resolve_horizon` can try them in turn.
"""

from __future__ import annotations

import datetime
import re

from extractors.text.calendar import (
    EN_MONTHS,
    EN_MONTHS_SHORT,
    RU_MONTHS_GENITIVE,
    RU_MONTHS_PREPOSITIONAL,
    month_end,
    numbered,
)

Dates = tuple[datetime.date | None, datetime.date | None]
_MONTH_NUMBER = {
    **numbered(EN_MONTHS, EN_MONTHS_SHORT),
    **numbered(RU_MONTHS_GENITIVE),
    **numbered(RU_MONTHS_PREPOSITIONAL),
}
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Group 1 of each pattern is the term ("now" only next to "will": "will now write off", "Now we will ...").
_NEAR = {
    "en": (
        re.compile(
            r"\b(today|tonight|tomorrow|this\s+week|as\s+soon\s+as\s+possible|(?<!as\s)soon|shortly)\b", re.I
        ),
        re.compile(r"\bwill\s+(?:\w+\s+)?(now)\b", re.IGNORECASE),
        re.compile(r"^(now)\b(?=,?\s+(?:we|i|the\s+\w+)\s+will\b)", re.IGNORECASE),
    ),
    "ru": (
        re.compile(r"(?<![\w-])(сегодня|завтра|скоро|вскоре|в\s+ближайшие\s+дни)(?![\w-])", re.IGNORECASE),
    ),
}
_NEAR_TEXT = re.compile(
    r"today|tonight|now|tomorrow|this\s+week|soon|as\s+soon\s+as\s+possible|shortly|сегодня|завтра|скоро|вскоре|"
    r"в\s+ближайшие\s+дни"
)
_SEASONS = {"весной": (3, 5), "летом": (6, 8), "осенью": (9, 11), "зимой": (12, 2)}
_SEASONS_EN = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def near_terms(sentence: str, lang: str) -> list[tuple[int, int]]:
    """Return the spans of the words that date an action to the release's day or soon after."""
    patterns = _NEAR.get(lang[:2].lower(), ())
    return sorted(m.span(1) for pattern in patterns for m in pattern.finditer(sentence))


def near(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "today", "now", "tomorrow", "soon", "сегодня", "скоро" against the release date."""
    if not _NEAR_TEXT.fullmatch(text):
        return None
    if ref is None:
        return None, None
    if text in ("soon", "shortly", "as soon as possible", "скоро", "вскоре", "в ближайшие дни"):
        return ref, None
    day = ref + datetime.timedelta(days=1 if text in ("tomorrow", "завтра") else 0)
    return day, day + datetime.timedelta(days=6 if text == "this week" else 0)


def season(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "летом", "осенью следующего года", "in the summer" to the season's months (this year's,
    or next year's when said so)."""
    m = re.search(r"(весной|летом|осенью|зимой|spring|summer|autumn|fall|winter)", text)
    if m is None:
        return None
    year_m = _YEAR.search(text)
    if ref is None and year_m is None:
        return None, None
    first, last = {**_SEASONS, **_SEASONS_EN}[m.group(1)]
    if year_m:
        year = int(year_m.group(1))
    else:
        year = (ref.year if ref else 0) + (1 if re.search(r"(?:следующего|будущего|next)", text) else 0)
    end_year = year + 1 if last < first else year
    return datetime.date(year, first, 1), month_end(end_year, last)


def months(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve a month or a month range with or without a year ("in July", "в августе – декабре 2021
    года"): without a year, the occurrence nearest the release date."""
    if not re.match(r"(?:in|в)\s", text):
        return None
    found = [_MONTH_NUMBER[w] for w in re.findall(r"[a-zа-я]+", text) if w in _MONTH_NUMBER]
    if not found or re.search(r"(?:half|quarter|квартал|полугоди)", text):
        return None
    year_m = _YEAR.search(text)
    if year_m:
        year = int(year_m.group(1))
    elif ref is not None and re.search(r"(?:этого|текущего|следующего|будущего)\s+года", text):
        year = ref.year + (1 if re.search(r"(?:следующего|будущего)", text) else 0)
    elif ref is not None:
        year = min(
            (ref.year - 1, ref.year, ref.year + 1),
            key=lambda y: abs((datetime.date(y, found[0], 15) - ref).days),
        )
    else:
        return None, None
    end_year = year + 1 if found[-1] < found[0] else year
    return datetime.date(year, found[0], 1), month_end(end_year, found[-1])


def from_month(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "с сентября текущего года", "с января 2026 года": from the month's first day on."""
    m = re.match(r"(?:с|со)\s+([а-я]+)", text)
    month = _MONTH_NUMBER.get(m.group(1)) if m else None
    if month is None or re.match(r"(?:с|со)\s+\d", text):
        return None
    year_m = _YEAR.search(text)
    if year_m:
        return datetime.date(int(year_m.group(1)), month, 1), None
    if ref is None:
        return None, None
    year = ref.year + (1 if re.search(r"(?:следующего|будущего)", text) else 0)
    if not re.search(r"года", text) and datetime.date(year, month, 1) < ref.replace(day=1):
        year += 1  # "с сентября" said in October means next September
    return datetime.date(year, month, 1), None


def part_of_period(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "в конце года", "в начале 2026 года", "в середине месяца"."""
    m = re.match(r"в\s+(конце|начале|середине)\s+(.*)$", text)
    if m is None:
        return None
    year_m = _YEAR.search(text)
    if ref is None and not year_m:
        return None, None
    year = int(year_m.group(1)) if year_m else ref.year if ref else 0
    if not year_m and re.search(r"(?:следующего|будущего)", text):
        year += 1
    if "месяца" in m.group(2) and ref is not None:
        end = month_end(ref.year, ref.month)
        spans = {"конце": (20, end.day), "начале": (1, 10), "середине": (11, 20)}[m.group(1)]
        return ref.replace(day=spans[0]), ref.replace(day=spans[1])
    quarters = {"конце": (10, 12), "начале": (1, 3), "середине": (4, 9)}[m.group(1)]
    return datetime.date(year, quarters[0], 1), month_end(year, quarters[1])
