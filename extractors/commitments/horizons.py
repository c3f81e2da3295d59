"""Find the time horizon of a commitment ("by 2030", "в ближайшие три года") and resolve it to dates.

`find_horizon` returns the horizon as written (a substring of the sentence); `resolve_horizon` turns it
into a (start, end) date pair relative to the release date. Deadlines ("by", "до", "к") start at the
release date; periods ("in 2025", "в 2025 году") start at the period's first day.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from extractors.commitments.relative import from_month, months, near, part_of_period, season
from extractors.text.calendar import (
    EN_MONTHS,
    EN_MONTHS_SHORT,
    ORDINALS,
    RU_MONTHS_GENITIVE,
    RU_MONTHS_PREPOSITIONAL,
    add_months,
    alternation,
    month_end,
    numbered,
    part_span,
)

EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30,
    "a": 1, "an": 1,
}  # fmt: skip
RU_NUMBERS = {
    "один": 1, "одного": 1, "одной": 1, "одну": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
    "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "двенадцать": 12,
    "двенадцати": 12, "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20,
    "полтора": 1.5, "полутора": 1.5,
}  # fmt: skip
_EN_MONTH_NUMBER = {**numbered(EN_MONTHS, EN_MONTHS_SHORT), "sept": 9}
_RU_GENITIVE_NUMBER = numbered(RU_MONTHS_GENITIVE)  # "до 1 июля"
_RU_PREPOSITIONAL_NUMBER = numbered(RU_MONTHS_PREPOSITIONAL)  # "в апреле", "в апреле 2025 года"
RU_UNITS = r"(?:лет|годы|года|год|месяцев|месяца|месяц|недели|неделю|неделя|недель|дней|дня|день)\b"


def _alternation(words: Mapping[str, float]) -> str:
    """Return a regex alternation of the words, longest first, with ё spelled either way."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(w.replace("е", "[её]") if not w.isascii() else w for w in ordered)


_EN_NUM = r"(?:\d{1,3}|" + _alternation(EN_NUMBERS) + r")"
_RU_NUM = r"(?:\d{1,3}|" + _alternation(RU_NUMBERS) + r")"
_EN_MONTH = r"(?:" + alternation(_EN_MONTH_NUMBER) + r")\.?"
_EN_MONTH_BARE = r"(?:" + alternation(EN_MONTHS) + r")"  # full names only: "by may" is no month
_RU_MONTH = r"(?:" + alternation(_RU_GENITIVE_NUMBER) + r")"
_RU_MONTH_IN = r"(?:" + alternation(_RU_PREPOSITIONAL_NUMBER) + r")"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:-|–|—|to|or|and|до|или|по)\s*"

# Ordered: the first pattern that matches a sentence wins, so longer, more specific forms come first.
_EN_PATTERNS = [
    rf"\b(?:in|over|within|during|for)\s+the\s+(?:next|coming|following)\s+(?:(?:{_EN_NUM}(?:{_DASH}{_EN_NUM})?|few|several|couple\s+of)\s+)?"
    r"(?:years?|months?|weeks?|days?|decades?)\b",
    rf"\bwithin\s+(?:{_EN_NUM}|a|an)(?:{_DASH}{_EN_NUM})?\s+(?:years?|months?|weeks?|days?)\b",
    rf"\b(?:by|before|until|till|no\s+later\s+than)\s+(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+"
    rf"(?:the\s+)?(?:this\s+|next\s+|the\s+current\s+)?(?:{_EN_MONTH}\s+)?(?:{_YEAR}|year|month|quarter|decade)\b",
    rf"\b(?:by|before|until|till|no\s+later\s+than)\s+(?:{_EN_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_EN_MONTH},?\s+{_YEAR}|{_EN_MONTH}\s+{_YEAR}|{_YEAR})\b",
    # A deadline without a year ("by 1 September", "by July"): the next such day or month.
    rf"\b(?:by|before|until|till|no\s+later\s+than)\s+(?:{_EN_MONTH_BARE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_EN_MONTH_BARE}\b(?!,?\s*\d)|{_EN_MONTH_BARE}\b(?!,?\s*\d))",
    rf"\bfrom\s+{_YEAR}\s+(?:to|until|through|till)\s+{_YEAR}\b",
    rf"\b(?:through|until|till)\s+(?:the\s+end\s+of\s+)?{_YEAR}\b",
    rf"\b(?:by|before|until|till)\s+(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+{_EN_MONTH}\b",
    rf"\b(?:in|during|for|over)\s+(?:the\s+)?(?:{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d))\b",
    rf"\bin\s+{_EN_MONTH}(?:\s*[-–—]\s*{_EN_MONTH})?,?\s+{_YEAR}\b",
    rf"\b(?:in|during|for)\s+(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:half|quarter)\s+"
    rf"of\s+{_YEAR}\b",
    rf"\b(?:on|from|starting|as\s+of|effective|with\s+effect\s+from)\s+(?:{_EN_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:,?\s+{_YEAR})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_EN_MONTH}(?:,?\s+{_YEAR})?)\b",
    rf"\b(?:in|during|for|from)\s+{_YEAR}\b",
    r"\b(?:this|next|the\s+coming|the\s+current)\s+(?:year|month|week|quarter|decade)(?:['’]s)?(?=\W|$)",
    rf"\bin\s+(?:early\s+|late\s+|mid-)?{_EN_MONTH}(?:\s*(?:[-–—]|and|or|to)\s*{_EN_MONTH})?(?!\s*\d)\b",
    r"\bin\s+due\s+course\b|\bin\s+the\s+(?:spring|summer|autumn|fall|winter)\b",
    r"\b(?:in\s+the\s+)?(?:near|foreseeable)\s+future\b|\bin\s+(?:the\s+)?coming\s+(?:years|months|weeks)\b",
]
_RU_PATTERNS = [
    rf"(?:в\s+)?(?:ближайш(?:ие|их)|следующ(?:ие|их)|предстоящ(?:ие|их))\s+(?:{_RU_NUM}(?:{_DASH}{_RU_NUM})?\s+)?"
    rf"{RU_UNITS}",
    rf"в\s+течение\s+(?:{_RU_NUM}(?:{_DASH}{_RU_NUM})?\s+)?{RU_UNITS}",
    r"в\s+(?:\d{1,2}-|[а-яё]+)?(?:месячный|недельный|дневный|летний)\s+срок",
    rf"до\s+(?:конца|начала|середины)\s+(?:{_YEAR}\s+года|(?:{_RU_MONTH}\s+)?(?:{_YEAR}\s+года|текущего\s+года"
    r"|этого\s+года|следующего\s+года|года|месяца|квартала|десятилетия))",
    rf"(?:до|к|не\s+позднее)\s+\d{{1,2}}\s+{_RU_MONTH}(?:\s+{_YEAR}\s*(?:года|г\.))?",
    rf"(?:с|со)\s+\d{{1,2}}\s+{_RU_MONTH}(?:\s+{_YEAR}\s*(?:года|г\.))?",
    rf"до\s+{_RU_MONTH}\s+{_YEAR}\s*(?:года|г\.)",
    rf"(?:до|к)\s+{_YEAR}\s*(?:года|году|г\.)",
    rf"с\s+{_YEAR}\s+(?:по|до)\s+{_YEAR}\s*(?:год|годы|года|гг\.)",
    rf"в\s+{_YEAR}\s*[-–—]\s*{_YEAR}\s*(?:годах|гг\.)",
    rf"(?:в|на)\s+(?:i|ii|iii|iv|перв\w+|втор\w+|треть\w+|четв[её]рт\w+)\s+(?:квартал\w*|полугоди\w+)\s+{_YEAR}"
    r"\s*(?:года|г\.)",
    rf"(?:в|на|с)\s+{_YEAR}\s*(?:году|года|год|г\.)",
    r"(?:в|на)\s+(?:этом|текущем|нынешнем|следующем|будущем|наступающем|этот|текущий|следующий|будущий)\s+"
    r"(?:году|год|месяце|месяц|квартале|квартал)",
    r"в\s+ближайшее\s+время|в\s+перспективе|в\s+ближайшие\s+годы|в\s+дальнейшем|впоследствии",
    r"в\s+предстоящ(?:ее|ие|ий)\s+(?:десятилетие|годы|период|пятилетие|год)",
    rf"через\s+(?:{_RU_NUM}(?:{_DASH}{_RU_NUM})?\s+|несколько\s+|пару\s+)?{RU_UNITS}",
    rf"в\s+(?:конце|начале|середине)\s+(?:{_YEAR}\s*года|(?:этого|текущего|следующего|будущего)\s+года|года|месяца)",
    rf"(?:с|со)\s+{_RU_MONTH}(?:\s+(?:{_YEAR}\s*года|(?:этого|текущего|следующего|будущего)\s+года))?(?![\w-])",
    rf"(?<![\w-])(?:летом|осенью|зимой|весной)(?:\s+(?:этого|текущего|следующего|будущего)\s+года|\s+{_YEAR}\s*года)?"
    r"(?![\w-])",
    # A month or a bare date ("в апреле 2025 года", "19 марта"), after every form that starts with one.
    rf"в\s+{_RU_MONTH_IN}(?:\s*[-–—]\s*{_RU_MONTH_IN})?(?:\s+{_YEAR}\s*(?:года|г\.)|\s+(?:этого|текущего|следующего|будущего)\s+года)?"
    r"(?![\w-])(?!\s+(?:прошлого|позапрошлого)\s+года)",
    rf"(?<![\d.])\d{{1,2}}\s+{_RU_MONTH}(?:\s+{_YEAR}\s*(?:года|г\.))?(?![\w-])"
    r"(?!\s+(?:прошлого|позапрошлого)\s+года)",
]
_COMPILED = {
    "en": [re.compile(p, re.IGNORECASE) for p in _EN_PATTERNS],
    "ru": [re.compile(p, re.IGNORECASE) for p in _RU_PATTERNS],
}
# The same patterns for a lower-cased sentence (every literal in them is lower case): a case-insensitive
# scan of Cyrillic text is several times slower than a case-sensitive one.
_LOWERED = {
    "en": [re.compile(p) for p in _EN_PATTERNS],
    "ru": [re.compile(p) for p in _RU_PATTERNS],
}


def find_horizon(sentence: str, lang: str) -> str | None:
    """Return the time horizon a sentence states, as written, or None."""
    for pattern in _COMPILED.get(lang[:2].lower(), _COMPILED["en"]):
        m = pattern.search(sentence)
        if m:
            return m.group(0).strip()
    return None


def find_horizons(sentence: str, lang: str) -> list[tuple[int, int]]:
    """Return the spans of every horizon in a sentence, in order (a more specific form wins an overlap)."""
    taken: list[tuple[int, int]] = []
    lowered = sentence.lower()
    key = lang[:2].lower() if lang[:2].lower() in _COMPILED else "en"
    # Lower-casing keeps offsets unless a character changes length ("İ"): then scan the original.
    patterns, text = (_LOWERED[key], lowered) if len(lowered) == len(sentence) else (_COMPILED[key], sentence)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not any(m.start() < end and start < m.end() for start, end in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def resolve_horizon(
    horizon_text: str | None, ref_date: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the (start, end) dates of a horizon relative to ref_date; None where unknown."""
    if not horizon_text:
        return None, None
    return _resolve(horizon_text.lower().replace("ё", "е"), ref_date)


Dates = tuple[datetime.date | None, datetime.date | None]
_DEADLINE = re.compile(r"^(?:by|before|until|till|through|no later than|до|к|не позднее)\s+")
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
_UNIT_MONTHS = {"year": 12, "decade": 120, "month": 1, "десятилет": 120, "лет": 12, "год": 12, "месяц": 1}
_UNIT_DAYS = {"week": 7, "day": 1, "недел": 7, "дн": 1}


def _resolve(text: str, ref: datetime.date | None) -> Dates:
    """Resolve a lower-cased horizon (ё spelled е) to dates."""
    parsers = (
        near,
        season,
        from_month,
        part_of_period,
        _ru_day,
        months,
        _term,
        _relative,
        _deadline,
        _date_point,
        _year_range,
        _part_of_year,
        _named_period,
    )
    for parse in parsers:
        found = parse(text, ref)
        if found is not None:
            return found
    return None, None


def _number(word: str) -> float | None:
    """Return the value of a numeral written in digits or words."""
    if word.isdigit():
        return float(word)
    value = EN_NUMBERS.get(word, RU_NUMBERS.get(word))
    return float(value) if value is not None else None


_TERM = re.compile(r"(?:(\d{1,2})-|([а-я]+?))?(месячн|недельн|дневн|летн)\w*\s+срок")
_TERM_UNIT = {"месячн": (1, 0), "недельн": (0, 7), "дневн": (0, 1), "летн": (12, 0)}


def _term(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve a Russian term of days, weeks, months or years ("в 3-месячный срок", "в недельный срок")."""
    m = _TERM.search(text)
    if m is None:
        return None
    count = float(m.group(1)) if m.group(1) else (_number(m.group(2)) if m.group(2) else 1.0)
    if ref is None or count is None:
        return ref, None
    months, days = _TERM_UNIT[m.group(3)]
    return ref, add_months(ref, round(count * months)) + datetime.timedelta(days=round(count * days))


def _relative(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "in the next two to three years", "в ближайшие три года", "within six months"."""
    if not re.search(r"\b(?:next|coming|following|within|ближайш|следующ|предстоящ|течение|через)", text):
        return None
    if re.search(r"\b(?:this|next|current|following)\s+(?:year|month|week|quarter|decade)\b", text):
        return None  # "next year" is a calendar period, handled by _named_period
    if re.search(r"(?:следующ|ближайш)\w*\s+(?:году|год|месяце|квартале)\b", text):
        return None
    numbers = [n for n in (_number(w) for w in re.findall(r"[\w]+", text)) if n is not None]
    unit = re.search(r"(year|decade|month|week|day|десятилет|лет|год|месяц|недел|дн)", text.split()[-1])
    if (
        not numbers
        and unit is not None
        and not re.search(r"(?:years|months|weeks|days|decades|годы|месяцы)$", text)
    ):
        numbers = [1.0]  # "within a month", "в течение года": a singular unit is one of it
    if ref is None or not numbers or unit is None or "несколько" in text:
        return ref, None
    amount = max(numbers)
    if unit.group(1) in _UNIT_DAYS:
        return ref, ref + datetime.timedelta(days=round(amount * _UNIT_DAYS[unit.group(1)]))
    return ref, add_months(ref, round(amount * _UNIT_MONTHS[unit.group(1)]))


def _deadline(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "by 2030", "by the end of 2025", "до 1 июля 2025 года", "к 2030 году"."""
    m = _DEADLINE.match(text)
    if m is None:
        return None
    end = _point(text[m.end() :], ref)
    return (ref, end) if end is not None else None


def _point(text: str, ref: datetime.date | None) -> datetime.date | None:
    """Return the last day a deadline target names ("end of 2025", "march 1, 2025", "конца года")."""
    year_m = _YEAR_RE.search(text)
    year = int(year_m.group(1)) if year_m else (ref.year if ref else None)
    if year is None:
        return None
    if not year_m and re.search(r"(?:next|следующего)", text):
        year += 1
    month = _month_in(text)
    day_m = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", _YEAR_RE.sub(" ", text))
    if re.search(r"\b(?:beginning|start|начала)\b", text):
        return datetime.date(year, month or 1, 1)
    if re.search(r"\b(?:middle|середины)\b", text):
        return datetime.date(year, month, 15) if month else datetime.date(year, 6, 30)
    if month is None:
        if re.search(r"\b(?:month|месяца)\b", text) and ref is not None:
            return month_end(ref.year, ref.month)
        if re.search(r"\b(?:quarter|квартала)\b", text) and ref is not None:
            return month_end(ref.year, (ref.month - 1) // 3 * 3 + 3)
        return datetime.date(year, 12, 31)
    if day_m and not re.search(r"\b(?:end|конца)\b", text):
        day = datetime.date(year, month, min(int(day_m.group(1)), month_end(year, month).day))
        if not year_m and ref is not None and day < ref:
            day = day.replace(year=year + 1)  # "до 15 декабря" said after 15 December means next year's
        return day
    if not year_m and ref is not None and month_end(year, month) < ref:
        return month_end(year + 1, month)  # "by March" said in May: next March
    return month_end(year, month)


def _month_in(text: str) -> int | None:
    """Return the first month named in text."""
    for word in re.findall(r"[a-zа-я]+", text):
        month = _EN_MONTH_NUMBER.get(word, _RU_GENITIVE_NUMBER.get(word))
        if month is not None:
            return month
    return None


_POINT = re.compile(r"^(?:on|from|starting|as of|effective|with effect from|с|со)\s+(?=\S*\s*\d|\d)")


def _date_point(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve a dated start ("from 1 April 2025", "с 1 января") or day ("on 6 April 2025")."""
    m = _POINT.match(text)
    if (
        m is None
        or _month_in(text) is None
        or not re.search(r"(?<!\d)\d{1,2}(?!\d)", _YEAR_RE.sub(" ", text))
    ):
        return None
    day = _point(text[m.end() :], ref)
    if day is None:
        return None, None
    return (day, day) if text.startswith("on ") else (day, None)


_RU_DAY = re.compile(r"^(\d{1,2})\s+([а-я]+)(?:\s+((?:19|20)\d\d))?")


def _ru_day(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve a bare Russian date ("19 марта", "1 апреля 2025 года"); without a year it is the occurrence
    nearest the release date (a date said in passing is as often past as ahead, unlike a deadline)."""
    m = _RU_DAY.match(text)
    month = _RU_GENITIVE_NUMBER.get(m.group(2)) if m else None
    if m is None or month is None:
        return None
    if m.group(3):
        years = [int(m.group(3))]
    elif ref is not None:
        years = [ref.year - 1, ref.year, ref.year + 1]
    else:
        return None, None
    days = [datetime.date(y, month, min(int(m.group(1)), month_end(y, month).day)) for y in years]
    day = min(days, key=lambda d: abs((d - ref).days) if ref else 0)
    return day, day


def _year_range(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "from 2021 to 2023", "2020-2024", "с 2025 по 2027 год", "в 2023-2024 годах"."""
    m = re.search(r"((?:19|20)\d\d)\s*(?:-|–|—|/|to|until|through|till|по|до)\s*((?:19|20)?\d\d)\b", text)
    if m is None:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    if last < 100:
        last += first // 100 * 100
    return datetime.date(first, 1, 1), datetime.date(last, 12, 31)


def _part_of_year(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "in the first half of 2018", "в III квартале 2025 года"."""
    year_m = _YEAR_RE.search(text)
    part = re.search(
        r"\b(first|second|third|fourth|1st|2nd|3rd|4th|iii|ii|iv|i|перв|втор|трет|четверт)(?:\b|[а-я])", text
    )
    if not year_m or not part or not re.search(r"(half|quarter|квартал|полугоди)", text):
        return None
    months = 6 if re.search(r"(half|полугоди)", text) else 3
    return part_span(int(year_m.group(1)), ORDINALS[part.group(1)], months)


def _named_period(text: str, ref: datetime.date | None) -> Dates | None:
    """Resolve "in 2025", "в 2025 году", "this year", "в следующем году", "next month"."""
    year_m = _YEAR_RE.search(text)
    if year_m:
        year = int(year_m.group(1))
        open_ended = re.match(r"(?:from|с)\s", text) is not None  # "с 2025 года": from then on
        return datetime.date(year, 1, 1), None if open_ended else datetime.date(year, 12, 31)
    if ref is None:
        return None, None
    shift = 1 if re.search(r"(?:next|coming|следующ|будущ|наступающ)", text) else 0
    if re.search(r"(?:month|месяц)", text):
        start = add_months(ref.replace(day=1), shift)
        return start, month_end(start.year, start.month)
    if re.search(r"(?:year|году|год\b)", text):
        return datetime.date(ref.year + shift, 1, 1), datetime.date(ref.year + shift, 12, 31)
    return ref, None
