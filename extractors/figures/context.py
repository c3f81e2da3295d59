"""Read a figure's context from its sentence: qualifier, direction of change, measure and period."""

from __future__ import annotations

import bisect
import datetime
import re
from typing import Any

from extractors.figures.measure import find_measure
from extractors.figures.periods import nearest_period, period_matches, resolve_period

CONTEXT = 300
_QUALIFIER = re.compile(
    r"(?<!\w)(?P<q>more\s+than|less\s+than|fewer\s+than|over|above|under|below|about|around|approximately"
    r"|nearly|almost|up\s+to|at\s+least|at\s+most|some|roughly|close\s+to|just\s+over|just\s+under"
    r"|in\s+excess\s+of|not\s+less\s+than|no\s+less\s+than|not\s+more\s+than|no\s+more\s+than|upwards\s+of"
    r"|an\s+estimated|estimated|exceeding|almost|более\s+чем|более|свыше|около|порядка|почти|примерно"
    r"|приблизительно|не\s+менее\s+чем|не\s+менее|не\s+более\s+чем|не\s+более|менее\s+чем|менее|меньше"
    r"|больше|до|как\s+минимум|минимум|максимум|где-то\s+около|где-то|чуть\s+больше\s+чем|чуть\s+более"
    r"|плюс-минус)"
    r"(?:\s+(?:на|в|чем|than|by|of|to))?\s*[\[(]?\s*$",
    re.IGNORECASE,
)
_UP = (
    r"increas\w*|grew|grow\w*|rose|risen|rise[sn]?|rising|rais\w*|lift\w*|gain\w*|climb\w*|surg\w*|jump\w*|expand\w*|higher"
    r"|up(?=\s+(?:by|\d))|boost\w*|доба\w*|вырос\w*|возрос\w*|вырас\w*|увелич\w*|рост\w*|прирост\w*|больше"
    r"|выше|плюс(?!-минус)|повыс\w*|повыш\w*|прибав\w*"
)
_DOWN = (
    r"decreas\w*|lower(?:ed|ing|s)|fell|fall\w*|declin\w*|dropp?\w*|down(?=\s+(?:by|\d))|slow\w*|reduc\w*|cut|lower|shr[iau]nk\w*"
    r"|contract\w*|снизи\w*|сниж\w*|сократ\w*|сокращ\w*|уменьш\w*|упал\w*|пад\w*|ниже|меньше|минус|замедл\w*"
)
# Not after a hyphen: "плюс-минус 3 процента" is a tolerance, not a fall.
_DIRECTION = re.compile(rf"(?<![\w-])(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?!\w)", re.IGNORECASE)
_MINUS_WORD = re.compile(r"(?:минус|minus)\s", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()«»“”\"]|\s[–—]\s|\s-\s")


class Context:
    """Marks of one text found once per sentence: periods, clause breaks and direction words."""

    def __init__(self, text: str, ref_date: datetime.date | None, figures: list[tuple[int, int]]) -> None:
        self.text, self.ref_date = text, ref_date
        self.figures = figures  # the spans of all figures, in order: no part of another's measure
        self._marks: dict[tuple[int, int], _Marks] = {}

    def describe(self, start: int, end: int, sent: tuple[int, int], kind: str) -> dict[str, Any]:
        """Return measure, period (as written and resolved), direction and qualifier of a figure."""
        marks = self._marks.get(sent)
        if marks is None:
            marks = self._marks[sent] = _Marks(self.text, sent)
        # Context is read within CONTEXT characters of the figure, so a run-on "sentence" (a table
        # flattened into one line) costs the same per figure as a normal one.
        s0, s1 = max(sent[0], start - CONTEXT), min(sent[1], end + CONTEXT)
        c0, c1 = marks.clause(start, end, s0, s1)
        periods = [m for m in marks.periods if not self._base(m[2])]
        period = nearest_period(periods, start, end, CONTEXT, (c0, c1))
        if not any(c0 <= m[0] and m[1] <= c1 for m in periods):
            period = _present(self.text, c0, c1) or period  # "сейчас 100": the present, said in its clause
        p_start, p_end = resolve_period(period, self.ref_date) if period else (None, None)
        # What a figure measures is not read across the figure before it in its sentence.
        i = bisect.bisect_left(self.figures, (start, -1)) - 1
        lo = max(s0, self.figures[i][1]) if i >= 0 and self.figures[i][1] <= start else s0
        # ... nor past the figure after it ("Почти треть регионов и около четверти компаний").
        j = bisect.bisect_left(self.figures, (end, -1))
        hi = min(sent[1], self.figures[j][0]) if j < len(self.figures) else sent[1]
        skip = [(a, b) for a, b, _ in marks.periods]
        measure = find_measure(self.text, start, end, (lo, max(hi, end)), kind, skip)
        return {
            "qualifier": _qualifier(self.text, start, s0),
            "direction": _direction(self.text, start, end, marks.directions, c0, c1),
            "measure": measure,
            "period": period,
            "period_start": p_start,
            "period_end": p_end,
        }

    def _base(self, phrase: str) -> bool:
        """Tell whether a period phrase is a comparison base ("к 2023 году" in 2025, "с 2017 годом")."""
        if _INSTRUMENTAL.search(phrase):
            return True
        if not _TOWARDS.match(phrase) or self.ref_date is None:
            return False
        _, p_end = resolve_period(phrase, self.ref_date)
        return p_end is not None and p_end < self.ref_date.replace(month=1, day=1)


# "к 2023 году" in a release of 2025 compares with 2023; "к 2030 году" is a deadline. A period in the
# instrumental case is compared with ("по сравнению с 2017 годом", "с прошлым годом").
_TOWARDS = re.compile(r"^к\s", re.IGNORECASE)
_INSTRUMENTAL = re.compile(r"(?:годом|кварталом|полугодием|периодом|месяцем)$", re.IGNORECASE)
# The present said in a figure's clause ("Сейчас 88,5 процента", "сегодня 69 тысяч").
_PRESENT = re.compile(
    r"(?<!\w)(?:сейчас|сегодня|на\s+сегодняшний\s+день|в\s+настоящее\s+время|на\s+данный\s+момент)(?!\w)",
    re.IGNORECASE,
)


def _present(text: str, c0: int, c1: int) -> str | None:
    """Return the word of the present in a figure's clause, or None."""
    m = _PRESENT.search(text, c0, c1)
    return m.group() if m else None


class _Marks:
    """Sorted positions of the period phrases, clause breaks and direction words of one sentence."""

    def __init__(self, text: str, sent: tuple[int, int]) -> None:
        s0, s1 = sent
        self.periods = period_matches(text, s0, s1)
        breaks = list(_CLAUSE_BREAK.finditer(text, s0, s1))
        self.break_starts = [m.start() for m in breaks]
        self.break_ends = [m.end() for m in breaks]
        self.directions = [
            (m.start(), m.end(), "increase" if m.group("up") else "decrease")
            for m in _DIRECTION.finditer(text, s0, s1)
        ]

    def clause(self, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
        """Return the clause around a figure: the sentence cut at the nearest commas, colons or dashes."""
        i = bisect.bisect_right(self.break_ends, start) - 1
        left = max(s0, self.break_ends[i]) if i >= 0 else s0
        j = bisect.bisect_left(self.break_starts, end)
        right = min(s1, self.break_starts[j]) if j < len(self.break_starts) else s1
        return left, right


def _qualifier(text: str, start: int, floor: int) -> str | None:
    """Return the qualifier written right before a figure ("more than", "около", "до")."""
    m = _QUALIFIER.search(text, max(floor, start - 40), start)
    return re.sub(r"\s+", " ", m.group("q")).lower() if m else None


def _direction(
    text: str, start: int, end: int, marks: list[tuple[int, int, str]], c0: int, c1: int
) -> str | None:
    """Return increase/decrease when the figure's clause states one (a sign counts too)."""
    if text[start : start + 1] in "-−":
        return "decrease"
    if text[start : start + 1] == "+":
        return "increase"
    if _MINUS_WORD.match(text, start):  # the figure starts with its sign written as a word
        return "decrease"
    i = bisect.bisect_left(marks, (end, -1, ""))  # the first direction word after the figure
    after = marks[i] if i < len(marks) and marks[i][0] < c1 else None
    j = i - 1
    while j >= 0 and marks[j][1] > start:
        j -= 1
    before = marks[j] if j >= 0 and marks[j][0] >= c0 else None
    if before and (after is None or start - before[1] <= after[0] - end):
        return before[2]
    return after[2] if after else None
