"""Read a figure's context from its sentence: qualifier, direction of change, measure and period."""

from __future__ import annotations

import datetime
import re
from typing import Any

from extractors.periods import find_period, resolve_period

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
    r"increas\w*|grew|grow\w*|rose|risen|rise[sn]?|rising|gain\w*|climb\w*|surg\w*|jump\w*|expand\w*|higher"
    r"|up(?=\s+(?:by|\d))|boost\w*|доба\w*|вырос\w*|возрос\w*|вырас\w*|увелич\w*|рост\w*|прирост\w*|больше"
    r"|выше|плюс|повыс\w*|повыш\w*|прибав\w*"
)
_DOWN = (
    r"decreas\w*|fell|fall\w*|declin\w*|dropp?\w*|down(?=\s+(?:by|\d))|slow\w*|reduc\w*|cut|lower|shr[iau]nk\w*"
    r"|contract\w*|снизи\w*|сниж\w*|сократ\w*|сокращ\w*|уменьш\w*|упал\w*|пад\w*|ниже|меньше|минус|замедл\w*"
)
_DIRECTION = re.compile(rf"(?<!\w)(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?!\w)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()«»“”\"]|\s[–—]\s|\s-\s")
# A noun phrase right after the figure: "400 tonnes of assorted grains", "12 флагманских школ".
_PREPS = (
    r"of|to|in|for|from|with|by|on|at|that|which|who|will|was|were|is|are|has|have|and|or|as|than|a|the|per"
    r"|и|в|во|на|с|со|по|для|из|к|от|до|за|что|который|которые|будет|было|а|или|чем|при|о|об|у"
)
_WORD = r"[^\W\d_][\w’'-]*"
_AFTER_PHRASE = re.compile(
    rf"\]?\s+(?:(?P<prep>of|for|to|on|на|для)\s+)?(?P<np>(?!(?:{_PREPS})\b){_WORD}"
    rf"(?:\s+(?!(?:{_PREPS})\b){_WORD}){{0,4}})",
    re.IGNORECASE,
)
_VERB_CUT = re.compile(
    rf"\s(?:{_UP}|{_DOWN}|amount\w*|total\w*|reach\w*|stood|was|were|is|are|will|составил\w*|составит"
    r"|составля\w*|достиг\w*|оценива\w*|предусмотрен\w*|выделен\w*|направ\w*|получ\w*)(?!\w)",
    re.IGNORECASE,
)
_STOP_START = re.compile(r"^(?:and|but|which|that|of|и|а|но|что|в\s+том\s+числе)(?:\s+|$)", re.IGNORECASE)
_STOP_END = re.compile(
    r"(?:^|\s+)(?:by|to|of|at|from|up|in|on|на|в|до|с|по|от|за|к|около|более|свыше)$", re.IGNORECASE
)


def describe(
    text: str, start: int, end: int, sent: tuple[int, int], kind: str, ref_date: datetime.date | None
) -> dict[str, Any]:
    """Return measure, period (as written and resolved), direction and qualifier of a figure."""
    s0, s1 = sent
    period = find_period(text, s0, s1, start, end)
    p_start, p_end = resolve_period(period, ref_date) if period else (None, None)
    measure = _measure(text, start, end, s0, s1, kind)
    if measure and period and period in measure:  # "Товарооборот ... в 2023 году": the period is apart
        measure = " ".join(measure.replace(period, " ").split()) or None
    return {
        "qualifier": _qualifier(text, start, s0),
        "direction": _direction(text, start, end, s0, s1),
        "measure": measure,
        "period": period,
        "period_start": p_start,
        "period_end": p_end,
    }


def _qualifier(text: str, start: int, floor: int) -> str | None:
    """Return the qualifier written right before a figure ("more than", "около", "до")."""
    m = _QUALIFIER.search(text, max(floor, start - 40), start)
    return re.sub(r"\s+", " ", m.group("q")).lower() if m else None


def _clause(text: str, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
    """Return the clause around a figure: the sentence cut at the nearest commas, colons or dashes."""
    left = s0
    for m in _CLAUSE_BREAK.finditer(text, s0, start):
        left = m.end()
    right_m = _CLAUSE_BREAK.search(text, end, s1)
    return left, right_m.start() if right_m else s1


def _direction(text: str, start: int, end: int, s0: int, s1: int) -> str | None:
    """Return increase/decrease when the figure's clause states one (a sign counts too)."""
    if text[start : start + 1] in "-−":
        return "decrease"
    if text[start : start + 1] == "+":
        return "increase"
    c0, c1 = _clause(text, start, end, s0, s1)
    best: tuple[int, str] | None = None
    for m in _DIRECTION.finditer(text, c0, c1):
        if start <= m.start() < end:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best[0]:
            best = (dist, "increase" if m.group("up") else "decrease")
    return best[1] if best else None


def _measure(text: str, start: int, end: int, s0: int, s1: int, kind: str) -> str | None:
    """Return what the figure measures: the noun phrase after it, else the subject of its clause."""
    m = _AFTER_PHRASE.match(text, end, s1)
    if m:
        prep = (m.group("prep") or "").lower()
        # Counts and quantities name their thing after them ("262 vehicles", "400 tonnes of grain");
        # money only after "for/to/on/на" ("£10 million to help ..."); percent only after "of".
        if (
            (kind in {"count", "quantity"} and prep in {"", "of"})
            or (kind == "money" and prep)
            or (kind == "percent" and prep == "of")
        ):
            return m.group("np")
    c0, _ = _clause(text, start, end, s0, s1)
    head = text[c0:start]
    cut = _VERB_CUT.search(head)
    if cut:
        head = head[: cut.start()]
    head = _STOP_START.sub("", head.strip(" \t\n–—-")).strip()
    for _ in range(3):  # "что на", "up from": drop prepositions left before the figure
        head = _STOP_END.sub("", head).strip()
    return head or None
