"""Give bare numbers the unit or scale their context shows: a currency, a percent, a restated amount."""

from __future__ import annotations

import bisect
import itertools
import re

from extractors.figures.scan import Cand

# What may follow a bare amount that still names no counted thing: punctuation, a preposition, or a verb
# ("of which over 2 billion will be used", "по 800 тысяч при рождении", "200 миллиардов будут направлены").
_INHERIT_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$|—|–|(?:of|and|in|for|to|from|by|a|per|annually|each|every|will|would|shall|should|could"
    r"|must|may|can|is|are|was|were|has|have|had|и|в|на|за|из|до|по|с|при|к|от|ежегодно|ежемесячно|рублей"
    r"|будут|будет|было|были|был|была|пойдут|пойдёт|пошли|пошло|уйдут|уйдёт|ушли|ушло|go|goes|went|направ\w*"
    r"|выдел\w*|потрат\w*|израсход\w*)(?!\w))",
    re.IGNORECASE,
)
_PREP_BEFORE = re.compile(r"(?<!\w)(по|от|до|на|за|с|в|of|to|from|at|by)\s+$", re.IGNORECASE)
_INHERIT_REACH = 2000  # characters back to the money figure whose currency a bare "200 миллиардов" takes
# A bare number that ends its clause ("сейчас 2,3.", "точнее 19,5,", "2–2,5.") or starts a range.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)…]|$|\s[–—]\s|[-–—‑]\s*\d)")
# "50 миллиардов в долларовом эквиваленте": the currency is named after the amount, just not as its unit.
_CURRENCY_NAMED_AFTER = re.compile(r"\s*(?:в\s+)?(?:долл|евро|юан|валют)", re.IGNORECASE)
# A bare amount in the next sentence that names itself part of the one before ("the remaining 645
# million", "another 300 million", "ещё 200 миллионов", "остальные 645 миллионов").
_NEXT_SENTENCE_REACH = 400
_REMAINDER_BEFORE = re.compile(
    r"(?<!\w)(?:remaining|rest|another|further|additional|extra|other|ещё|еще|остальные|оставшиеся|другие"
    r"|дополнительно|дополнительные|из\s+них|of\s+which|of\s+this|of\s+that|of\s+it)[,:]?\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
_PERCENT_REACH = 80  # characters back to the percent figure a bare number restates or continues
# A restatement repeats one of the last few figures, within a short exchange of remarks.
_RESTATE_BACK = 3
_RESTATE_REACH = 300
_RESTATE_MIN = 20  # smaller whole numbers repeat by chance ("одна газета, две" after "в два раза")
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def inherit_currency(text: str, cands: list[Cand], sentences: list[tuple[int, int]], lang: str) -> None:
    """Give a bare "344.3 billion" the currency of the money figure before it in the same sentence."""
    starts = [s for s, _ in sentences]
    last: dict[int, Cand] = {}
    recent: Cand | None = None
    for c in cands:
        si = bisect.bisect_right(starts, c.start) - 1
        floor = max(sentences[si][0] if si >= 0 else 0, c.start - 300)
        if c.kind == "money" and not _in_parentheses(text, c.start, floor):
            last[si] = recent = c
            continue
        scale = c.scale or 0
        # Trillions of anything but money are not spoken of: "на один триллион 380 миллиардов проектов".
        named = _CURRENCY_NAMED_AFTER.match(text, c.end)
        trillions = lang == "ru" and scale and c.value >= 1e12 and not named
        if c.unit is not None or not (trillions or _INHERIT_AFTER.match(text, c.end)):
            continue
        prev = last.get(si)
        # "69 тысяч рублей – зарплата, доход – 54 тысячи.": thousands only where nothing is counted, or
        # where they stand as the amount before does ("по 350 тысяч рублей ... и по 800 тысяч при ...").
        thousands = scale >= 1e3 and (_CLAUSE_END.match(text, c.end) or (prev and _parallel(text, prev, c)))
        if prev and (scale >= 1e6 or thousands):
            c.unit, c.kind = prev.unit, "money"
        elif scale >= 1e6 and recent and c.start - recent.end < _NEXT_SENTENCE_REACH and _remainder(text, c):
            c.unit, c.kind = recent.unit, "money"  # "... £1 billion. The remaining 645 million will ..."
        elif scale >= 1e9 and recent and c.start - recent.end < _INHERIT_REACH:
            # Billions without a noun are amounts of the currency the release has been speaking in.
            c.unit, c.kind = recent.unit, "money"
        elif scale >= 1e9 and lang == "ru" and not _CURRENCY_NAMED_AFTER.match(text, c.end):
            c.unit, c.kind = "RUB", "money"  # ... and in a Russian release that speaks of none, rubles


def _remainder(text: str, c: Cand) -> bool:
    """Tell whether a bare amount names itself a part or a rest of an amount before it."""
    return _REMAINDER_BEFORE.search(text, max(0, c.start - 30), c.start) is not None


def _parallel(text: str, a: Cand, b: Cand) -> bool:
    """Tell whether two amounts share scale and preposition ("по 350 тысяч рублей ... по 800 тысяч")."""
    pa = _PREP_BEFORE.search(text, max(0, a.start - 8), a.start)
    pb = _PREP_BEFORE.search(text, max(0, b.start - 8), b.start)
    return a.scale == b.scale and pa is not None and pb is not None and pa[1].lower() == pb[1].lower()


def inherit_percent(text: str, cands: list[Cand], sentences: list[tuple[int, int]]) -> None:
    """Give a bare number the percent unit of the figure just before it in its sentence ("5%, now 4.8.")."""
    starts = [s for s, _ in sentences]
    for prev, c in itertools.pairwise(cands):
        if c.unit is not None or c.scale or c.spelled or prev.unit not in {"percent", "pp"}:
            continue
        si = bisect.bisect_right(starts, c.start) - 1
        same = si >= 0 and sentences[si][0] <= prev.start
        if same and c.start - prev.end <= _PERCENT_REACH and _CLAUSE_END.match(text, c.end):
            c.unit, c.kind = prev.unit, prev.kind


def _in_parentheses(text: str, pos: int, floor: int) -> bool:
    """Tell whether pos is inside an open parenthesis of its sentence ("($279.5 billion)")."""
    seg = text[floor:pos]
    return seg.rfind("(") > seg.rfind(")")


def inherit_restated(text: str, cands: list[Cand]) -> None:
    """Give a bare number that restates a recent figure its unit and scale, and its bare neighbours the scale.

    In speech an amount is named once in full and then repeated bare: "приём ... за 100 тысяч. Начинали с 60,
    сейчас 100, ... до 150." (thousands), "за тысячу [километров]. – За тысячу." (kilometres).
    """
    for i, c in enumerate(cands):
        if c.unit is not None or not _CLAUSE_END.match(text, c.end):
            continue
        src = _restated(cands, i)
        if src is None:
            continue
        scale = 1.0 if _same_value(c.value, src.value) else (src.scale or 1.0)
        if scale != 1.0 and (c.scale or c.spelled):
            continue
        c.unit, c.kind = src.unit, src.kind
        if scale != 1.0:
            _rescale([c, *_bare_neighbours(text, cands, i)], scale, src)


def _restated(cands: list[Cand], i: int) -> Cand | None:
    """Return the recent figure that cands[i] repeats in full ("тысячу") or without its scale ("100")."""
    c = cands[i]
    for prev in reversed(cands[max(0, i - _RESTATE_BACK) : i]):
        if c.start - prev.end > _RESTATE_REACH:
            break
        if prev.unit is None and not prev.scale:
            continue
        if _same_value(c.value, prev.value) and prev.unit is not None and _distinctive(c.value):
            return prev
        if prev.scale and c.plain and not c.scale and _same_value(c.value * prev.scale, prev.value):
            return prev
    return None


def _bare_neighbours(text: str, cands: list[Cand], i: int) -> list[Cand]:
    """Return the bare numbers next to cands[i] in its sentence, each ending a clause ("с 60, ... 150.")."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(cands) and _bare(text, cands[j]) and _one_sentence(text, cands[i], cands[j]):
            out.append(cands[j])
            j += step
    return out


def _bare(text: str, c: Cand) -> bool:
    """Tell whether a candidate is a plain number with nothing read around it, ending its clause."""
    return c.plain and c.unit is None and not c.scale and bool(_CLAUSE_END.match(text, c.end))


def _one_sentence(text: str, a: Cand, b: Cand) -> bool:
    """Tell whether no sentence end stands between two candidates."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return _SENTENCE_END.search(text, lo, hi) is None


def _rescale(cands: list[Cand], scale: float, src: Cand) -> None:
    """Multiply bare numbers by the scale of the figure they restate and give them its unit."""
    for c in cands:
        c.value *= scale
        c.scale = scale
        c.unit, c.kind = src.unit, src.kind


def _distinctive(value: float) -> bool:
    """Tell whether a repeated value is unlikely to recur by chance ("тысячу", "75,67"; not "две", "10")."""
    return value >= _RESTATE_MIN or not value.is_integer()


def _same_value(a: float, b: float) -> bool:
    """Tell whether two values agree within the 0.5 % the gold allows."""
    return abs(a - b) <= 0.005 * abs(b)
