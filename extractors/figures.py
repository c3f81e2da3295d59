"""Extract the figures of an English or Russian release: money, percentages, counts and quantities."""

from __future__ import annotations

import bisect
import datetime
import itertools
import math
import re

from extractors import fig_filters as F
from extractors.fig_context import Context
from extractors.fig_scan import Cand, scan
from extractors.models import Figure
from extractors.sentences import sentence_spans

_RANGE_SEP = re.compile(r"\s*(?:[-–—‑]|to|and|or|или|до|по)\s*", re.IGNORECASE)
_RANGE_OPEN = {
    "до": re.compile(r"(?<!\w)(?:от|с|со)\s+$", re.I),
    "по": re.compile(r"(?<!\w)с\s+$", re.I),
    "and": re.compile(r"(?<!\w)between\s+$", re.I),
}
_INHERIT_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$|—|–|(?:of|and|in|for|to|from|by|a|per|annually|each|every|и|в|на|за|из|до|по|с|ежегодно"
    r"|ежемесячно|рублей)(?!\w))",
    re.IGNORECASE,
)
_INHERIT_REACH = 2000  # characters back to the money figure whose currency a bare "200 миллиардов" takes
# A bare number that ends its clause ("сейчас 2,3.", "точнее 19,5,", "2–2,5.") or starts a range.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)…]|$|\s[–—]\s|[-–—‑]\s*\d)")
# "50 миллиардов в долларовом эквиваленте": the currency is named after the amount, just not as its unit.
_CURRENCY_NAMED_AFTER = re.compile(r"\s*(?:в\s+)?(?:долл|евро|юан|валют)", re.IGNORECASE)
_PERCENT_REACH = 80  # characters back to the percent figure a bare number restates or continues
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# Durations are marginal (GUIDELINES.md): emitted, but with core=False.
_MARGINAL_UNITS = {"years", "months", "weeks", "days", "hours", "minutes"}


def detect_lang(text: str, lang: str | None) -> str:
    """Return "en" or "ru": the given language when it is one of them, else the script of the text."""
    code = (lang or "").lower()[:2]
    if code in {"en", "ru"}:
        return code
    sample = text[:4000]
    return "ru" if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)) else "en"


def extract_figures(text: str, lang: str, ref_date: datetime.date | None = None) -> list[Figure]:
    """Return the figures of text in order of occurrence; each span is an exact substring of text."""
    lang = detect_lang(text, lang)
    cands = scan(text, lang)
    _join_ranges(text, cands)
    cands = _join_compounds(text, cands)
    blocked = F.Blocked(text, [(c.start, c.end) for c in cands])
    cands = [c for c in cands if not c.drop and not _rejected(text, c, blocked)]
    sentences = sentence_spans(text, lang)
    _inherit_currency(text, cands, sentences, lang)
    _inherit_percent(text, cands, sentences)
    starts = [s for s, _ in sentences]
    context = Context(text, ref_date)
    out = []
    for c in cands:
        i = bisect.bisect_right(starts, c.start) - 1
        sent = sentences[i] if i >= 0 and sentences[i][1] >= c.end else (c.start, c.end)
        out.append(_figure(text, c, sent, context))
    return out


def _figure(text: str, c: Cand, sent: tuple[int, int], context: Context) -> Figure:
    """Build the Figure of one candidate with its sentence context."""
    ctx = context.describe(c.start, c.end, sent, c.kind)
    return Figure(
        text=text[c.start : c.end],
        value=c.value,
        unit=c.unit,
        kind=c.kind,
        char_start=c.start,
        char_end=c.end,
        sentence=text[sent[0] : sent[1]],
        core=c.unit not in _MARGINAL_UNITS,
        **ctx,
    )


def _rejected(text: str, c: Cand, blocked: F.Blocked) -> bool:
    """Tell whether a candidate is not a figure: a date, year, time, document number, ordinal, code."""
    if not math.isfinite(c.value) or blocked.overlaps(c.num_start, c.num_end):
        return True
    if c.spelled:
        return False
    if c.value == 0 and c.plain and c.unit is None and c.scale is None:
        return True  # a bare "0" counts nothing: a score, a code, a mistyped letter О ("«0 порядке")
    if F.is_ordinal(text, c.num_end) and c.unit is None and c.scale is None:
        return True
    if F.in_slash_pair(text, c.num_start, c.num_end):
        return True
    if c.kind != "money" and F.is_compound(text, c.num_start, c.num_end) and c.scale is None:
        return c.end == c.num_end  # a glued unit ("5%", "10km") is fine, a glued word is not
    if c.unit == "years" and c.plain and 1000 <= c.value <= 2100:
        return True  # "2024 года", "2023 год": a year, not a duration
    bare = c.plain and c.unit is None and c.scale is None
    return bare and F.looks_like_year(text, c.num_start, c.num_end, c.value)


def _join_ranges(text: str, cands: list[Cand]) -> None:
    """Give both ends of a range the unit and scale written once ("5–7%", "от 5 до 7 млрд рублей")."""
    for a, b in itertools.pairwise(cands):
        sep = _RANGE_SEP.fullmatch(text, a.end, b.start)
        if sep is None or (a.unit == "percent" and b.unit not in (None, "percent")):
            continue
        word = sep.group().strip().lower()
        if word in _RANGE_OPEN and not _RANGE_OPEN[word].search(text, max(0, a.start - 12), a.start):
            continue
        if word in "-–—‑" and F.is_ordinal(text, b.num_end) and b.unit is None:
            a.drop = True  # "5–9-х классов": a range of ordinals
            continue
        bare = a.unit is None or a.prefixed
        if bare and a.scale is None and b.scale and not a.spelled and b.value >= a.value * b.scale:
            a.value *= b.scale
            a.scale = b.scale
        if a.unit is None and b.unit is not None and (not a.scale or b.scale):
            a.unit, a.kind = b.unit, b.kind
        elif b.unit is None and a.prefixed:
            b.unit, b.kind = a.unit, a.kind


def _join_compounds(text: str, cands: list[Cand]) -> list[Cand]:
    """Merge "1 млрд 200 млн рублей" and "один миллион 100 тысяч" into one figure."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.scale
            and prev.unit is None
            and c.scale
            and c.scale < prev.scale
            and c.value < prev.scale
            and text[prev.end : c.start].isspace()
        ):
            prev.value += c.value
            prev.end, prev.unit, prev.kind, prev.scale = c.end, c.unit, c.kind, c.scale
            continue
        out.append(c)
    return out


def _inherit_currency(text: str, cands: list[Cand], sentences: list[tuple[int, int]], lang: str) -> None:
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
        if prev and (scale >= 1e6 or (scale >= 1e3 and _CLAUSE_END.match(text, c.end))):
            # "69 тысяч рублей – зарплата, доход – 54 тысячи.": thousands only where nothing is counted
            c.unit, c.kind = prev.unit, "money"
        elif scale >= 1e9 and recent and c.start - recent.end < _INHERIT_REACH:
            # Billions without a noun are amounts of the currency the release has been speaking in.
            c.unit, c.kind = recent.unit, "money"
        elif scale >= 1e9 and lang == "ru" and not _CURRENCY_NAMED_AFTER.match(text, c.end):
            c.unit, c.kind = "RUB", "money"  # ... and in a Russian release that speaks of none, rubles


def _inherit_percent(text: str, cands: list[Cand], sentences: list[tuple[int, int]]) -> None:
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
