"""Find the period a figure refers to ("over 9 months of last year", "в 2023 году") and resolve it."""

from __future__ import annotations

import bisect
import datetime
import re

from extractors.text.calendar import (
    EN_MONTH_PATTERN,
    RU_MONTH_PATTERN,
    RU_ORDINAL_STEMS,
    month_end,
    month_of_stem,
    relative_year,
)
from extractors.text.numbers import WORD_VALUES

_MONTH_EN = rf"(?:{EN_MONTH_PATTERN})"
_MONTH_RU = RU_MONTH_PATTERN
_MONTH = rf"(?:(?-i:{_MONTH_EN})|{_MONTH_RU})"
_NUMW = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|один|одного|два|двух|три|трёх"
    r"|трех|четыре|четырёх|четырех|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять"
    r"|десяти|одиннадцать|одиннадцати|двенадцать|двенадцати)"
)
_ORD = (
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th|I{1,3}|IV|[1-4]-?[йм]?"
    r"|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
)
_YEAR = r"(?:1[89]|20)\d\d"
_REL_YEAR = (
    r"(?:last|this|next|the\s+current|the\s+previous|the\s+past|current|previous)\s+year"
    r"|(?:прошл|текущ|нынешн|эт|следующ|будущ|предыдущ|минувш)[а-яё]*\s+год[а-яё]*"
)
# Spans counted back from now: "за последние шесть лет", "over the past few months", "по итогам года".
_SPAN = (
    r"(?:(?:the\s+)?(?:last|past)\s+(?:few|several|\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:years|months|decades))"
    r"|(?:(?:последние|прошедшие|минувшие)\s+(?:\S+\s+)?(?:лет|года|годы|месяц\w*))"
    r"|(?:последний\s+год)|(?:итогам\s+года)|(?:конец\s+года)"
    r"|(?:за\s+год)(?!\w)"
)
_YEAR_REF = rf"(?:(?:the\s+)?{_REL_YEAR}|{_YEAR}(?:\s*год[а-яё]*|\s*гг?\.)?|the\s+year|года)"
_CORE = (
    rf"(?:(?:{_ORD})[\s-]+(?:quarter|half|квартал[а-яё]*|полугоди[а-яё]*)(?:\s+(?:of\s+)?{_YEAR_REF})?"
    rf"|[QH][1-4](?:\s*{_YEAR})?"
    rf"|(?:(?:the\s+)?(?:first|перв[а-яё]*)\s+)?{_NUMW}\s+(?:months?|месяц[а-яё]*)(?:\s+(?:of\s+)?{_YEAR_REF})?"
    rf"|{_MONTH}(?:\s*[-–—]\s*{_MONTH})?(?:\s+{_YEAR_REF})?"
    rf"|{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d)(?:\s*год[а-яё]*|\s*гг?\.)?"
    rf"|{_YEAR}(?:\s*год[а-яё]*|\s*гг?\.)?"
    rf"|{_REL_YEAR}|(?:the\s+)?beginning\s+of\s+(?:the\s+)?year|начала\s+(?:[а-яё]+\s+)?года|year\s+to\s+date"
    rf"|{_SPAN})"
)
_PREP = (
    r"(?:(?:over|in|during|for|from|since|by\s+the\s+end\s+of|by|as\s+of|at\s+the\s+end\s+of|until|through"
    r"|at|уже\s+в|за|в|во|на|по\s+итогам|с|до\s+конца|до|к\s+концу|к|в\s+течение)\s+(?:the\s+)?)"
)
_PERIOD_RE = re.compile(
    rf"(?<!\w)(?:{_PREP}?(?:{_CORE})(?:\s+(?:to|по|до|and|и)\s+(?:{_CORE}))?)(?!\w)", re.IGNORECASE
)
# A period after these words is the base of a comparison, not the figure's period ("compared with 2019",
# "higher than in 2022", "по сравнению с аналогичным периодом 2023 года").
_COMPARISON_BEFORE = re.compile(
    r"(?:compared\s+(?:with|to)|versus|vs\.?|against|than|relative\s+to|(?:up|down)\s+from|по\s+сравнению\s+с"
    r"|в\s+сравнении\s+с|против|относительно|чем|к\s+уровню|к\s+показателям|как\s+и|as\s+(?:it\s+was\s+)?"
    r"|к\s+(?:предыдущ|прошл|аналогичн)\w*,?)\s*(?:(?:the\s+)?same\s+period"
    r"\s+(?:of\s+|in\s+)?|(?:аналогичн|тем\s+же|соответствующ)\w*\s+период\w*\s+)?$",
    re.IGNORECASE,
)
# Years alone need a preposition to be a period ("in 2023"); a bare "2023" may be a count.
_BARE_YEAR = re.compile(rf"^{_YEAR}$")


def period_matches(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """Return (start, end, phrase) of every period phrase in text[s0:s1], in order."""
    out = []
    for m in _PERIOD_RE.finditer(text, s0, s1):
        phrase = m.group().strip()
        if _BARE_YEAR.match(phrase) and text[m.end() : m.end() + 1] not in {",", "."}:
            continue
        if _COMPARISON_BEFORE.search(text, max(s0, m.start() - 40), m.start()):
            continue
        if _is_date(text, m):
            continue
        day = _MONTH_START.match(phrase) and _DAY_BEFORE.search(text, max(s0, m.start() - 8), m.start())
        if day:  # "19 марта": the whole date, not the month alone
            out.append((day.start(), m.end(), text[day.start() : m.end()].strip()))
            continue
        out.append((m.start(), m.end(), phrase))
    return out


# A month next to a day number is a date ("16 July 2020", "March 5", "5 марта"). It is the day of the
# event a figure reports ("19 марта ... обмен 175 на 175"), except in a dateline, in brackets or as the
# date of a document ("Law No. 4468-I, dated 12 February 1993"): then it is no period of any figure.
_MONTH_START = re.compile(rf"(?:{_PREP})?{_MONTH}", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?<![\d.,])\d{1,2}(?:st|nd|rd|th|-?го|-?е)?\s*(?:of\s+)?$", re.IGNORECASE)
_DAY_AFTER = re.compile(
    r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d.,]\d)(?!\d)"
    r"(?!\s*(?:%|per|percent|million|billion|thousand|проц|млн|млрд|тыс|трлн))",
    re.IGNORECASE,
)
_DOCUMENT_DATE = re.compile(r"(?<!\w)(?:dated|of|от)\s+$", re.IGNORECASE)
# A dateline opens a line: a place in capitals and a comma, or an agency in brackets.
_DATELINE = re.compile(r"[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ\s.-]{2,30}(?:,|\s*\()")
_DATELINE_REACH = 80


def _is_date(text: str, m: re.Match[str]) -> bool:
    """Tell whether a period phrase that opens with a month name is a date of a dateline or a document."""
    if not _MONTH_START.match(m.group()):
        return False
    day = _DAY_BEFORE.search(text, max(0, m.start() - 8), m.start())
    if day is None and (re.search(r"\d", m.group()) or _DAY_AFTER.match(text, m.end()) is None):
        return False
    start = day.start() if day else m.start()
    if _DOCUMENT_DATE.search(text, max(0, start - 8), start):
        return True
    line = text.rfind("\n", 0, start) + 1
    if start - line < _DATELINE_REACH and _DATELINE.match(text, line):
        return True
    before = text[max(line, start - 60) : start]
    return before.rfind("(") > before.rfind(")")  # in brackets: "yesterday (16 July 2020)"


def nearest_period(
    matches: list[tuple[int, int, str]],
    start: int,
    end: int,
    reach: int = 300,
    clause: tuple[int, int] | None = None,
) -> str | None:
    """Return the phrase of period_matches() nearest to text[start:end], preferring its clause."""
    if clause is not None:
        inside = [m for m in matches if clause[0] <= m[0] and m[1] <= clause[1]]
        found = nearest_period(inside, start, end, reach) if inside else None
        if found:
            return found
    i = bisect.bisect_left(matches, (end, -1, ""))  # first match starting at or after the figure's end
    best: tuple[int, str] | None = None
    if i < len(matches):
        best = (matches[i][0] - end, matches[i][2])
    j = i - 1
    while j >= 0 and matches[j][1] > start:  # overlapping the figure: not its period
        j -= 1
    if j >= 0 and (best is None or start - matches[j][1] <= best[0]):
        best = (start - matches[j][1], matches[j][2])
    return best[1] if best and best[0] <= reach else None


def resolve_period(
    period_text: str | None, ref_date: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """Resolve a period phrase to (first day, last day) against the release date, or (None, None).

    "last year" in a 2024-01-24 release is 2023-01-01..2023-12-31; "9 months of last year" is
    2023-01-01..2023-09-30; a period without a year is the latest one that has ended by ref_date.
    "2020/21" is a financial year (April to March). "by the end of 2023" runs from ref_date;
    "since 2022" runs to ref_date.
    """
    if not period_text:
        return None, None
    t = period_text.lower().replace("ё", "е")
    years = [int(y) for y in re.findall(rf"(?<!\d)({_YEAR})(?!\d)", t)]
    fiscal = re.search(rf"(?<!\d)({_YEAR})\s*/\s*(\d\d)(?!\d)", t)
    if fiscal:
        y = int(fiscal.group(1))
        return datetime.date(y, 4, 1), datetime.date(y + 1, 3, 31)
    rel = relative_year(t, ref_date)
    trailing = _trailing_months(t, years[-1] if years else rel, ref_date)
    if trailing:
        return trailing
    months = _months(t)
    if years:
        first, last = min(years), max(years)
    elif rel is not None:
        first = last = rel
    elif months and ref_date:
        first = last = ref_date.year
        if month_end(first, months[1]) > ref_date:
            first = last = ref_date.year - 1
    elif re.search(r"beginning of|начала", t) and ref_date:
        return datetime.date(ref_date.year, 1, 1), ref_date
    else:
        return None, None
    m0, m1 = months or (1, 12)
    p_start, p_end = datetime.date(first, m0, 1), month_end(last, m1)
    return _open_ends(t, p_start, p_end, ref_date)


def _trailing_months(
    t: str, year: int | None, ref_date: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
    """Resolve "the 12 months to August 2024" / "three months ending in March" (may span two years)."""
    m = re.search(rf"({_NUMW})\s+months?\s+(?:to|ending(?:\s+in)?|through)\s+(\w+)", t)
    found = _month_mentions(m.group(2)) if m else []
    n = _count(m.group(1)) if m else 0
    if not found or not 1 <= n <= 24:
        return None
    last = found[0][0] + 1
    if year is None:
        if ref_date is None:
            return None
        year = ref_date.year if month_end(ref_date.year, last) <= ref_date else ref_date.year - 1
    first_index = year * 12 + last - n  # months counted from year 0, zero-based
    return datetime.date(first_index // 12, first_index % 12 + 1, 1), month_end(year, last)


def _open_ends(
    t: str, p_start: datetime.date, p_end: datetime.date, ref_date: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """Open a period at ref_date for "by/until/до" (a deadline) and "since/с" (a start)."""
    if re.match(r"(?:by|until|до|к)\s", t):
        return (ref_date if ref_date and ref_date <= p_end else None), p_end
    if re.match(r"(?:since|с)\s", t) and not re.search(r"\s(?:to|по|до)\s", t):
        return p_start, (ref_date if ref_date and ref_date >= p_start else None)
    return p_start, p_end


def _months(t: str) -> tuple[int, int] | None:
    """Return the first and last month a period phrase covers within its year, or None."""
    q = re.search(
        r"(?<!\w)(?:(first|1st|1|i)|(second|2nd|2|ii)|(third|3rd|3|iii)|(fourth|4th|4|iv))[\s-]*(?:[йм]\s+)?"
        r"(?:quarter|квартал)|q([1-4])",
        t,
    )
    if q or re.search(r"(?:перв|втор|трет|четверт)\w*\s+квартал", t):
        n = _ordinal_index(t, q)
        return 3 * n - 2, 3 * n
    h = re.search(
        r"(?:first|перв\w*|h1)\s*(?:half|полугод)|(second|втор\w*|h2)\s*(?:half|полугод)|h([12])", t
    )
    if h:
        second = bool(h.group(1)) or h.group(2) == "2"
        return (7, 12) if second else (1, 6)
    n_months = re.search(rf"({_NUMW})\s+(?:months?|месяц)", t)
    if n_months:
        n = _count(n_months.group(1))
        return (1, n) if 1 <= n <= 12 else None
    found = [i + 1 for i, m in _month_mentions(t)]
    return (found[0], found[-1]) if found else None


def _month_mentions(t: str) -> list[tuple[int, re.Match[str]]]:
    """Return (month index, match) for each month name in a period phrase, in order."""
    pat = re.compile(rf"(?<!\w)(?:(?-i:{_MONTH_EN.lower()})|{_MONTH_RU})(?!\w)")
    out = []
    for m in pat.finditer(t):
        month = month_of_stem(m.group())
        if month is not None:
            out.append((month - 1, m))
    return out


def _ordinal_index(t: str, q: re.Match[str] | None) -> int:
    """Return the quarter number (1-4) a phrase names."""
    if q is not None:
        if q.group(5):
            return int(q.group(5))
        return next(i for i in range(1, 5) if q.group(i))
    for i, stem in enumerate(RU_ORDINAL_STEMS, start=1):
        if re.search(rf"{stem}\w*\s+квартал", t):
            return i
    return 1


def _count(word: str) -> int:
    """Return the value of a small count in digits or words."""
    if word.isdigit():
        return int(word)
    value = WORD_VALUES.get(word, 0)
    return int(value) if value == int(value) and value <= 12 else 0  # months in a year at most
