"""Extract the figures of an English or Russian release: money, percentages, counts and quantities."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import itertools
import math
import re

from extractors.figures import filters
from extractors.figures.context import Context
from extractors.figures.inherit import inherit_currency, inherit_percent, inherit_restated
from extractors.figures.scan import Cand, scan
from extractors.figures.subject import find_subject
from extractors.models import Figure
from extractors.text.lang import Lang
from extractors.text.sentences import sentence_spans
from extractors.text.terms import TermIndex

# A filler may stand before the dash: "54 с лишним – 54,7 процента" restates the rounded number exactly.
_RANGE_SEP = re.compile(
    r"(?P<filler>\s+(?:с\s+(?:лишним|небольшим)|odd|plus))?\s*(?:[-–—‑]|to|and|or|или|до|по)\s*",
    re.IGNORECASE,
)
_RANGE_OPEN = {
    "до": re.compile(r"(?<!\w)(?:от|с|со)\s+$", re.I),
    "по": re.compile(r"(?<!\w)с\s+$", re.I),
    "and": re.compile(r"(?<!\w)between\s+$", re.I),
}
# Durations are marginal (GUIDELINES.md): emitted, but with core=False.
_MARGINAL_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"}


def extract_figures(
    text: str, lang: Lang, ref_date: datetime.date | None = None, indicators: TermIndex | None = None
) -> list[Figure]:
    """Return the figures of text (in `lang`, decided by the caller) in order; spans are exact substrings.

    indicators: the vocabulary a figure's measure is matched against (none: no figure gets an indicator).
    """
    cands = scan(text, lang)
    _join_ranges(text, cands)
    # "два-три человека", "два-три года": a range in words is a figure only with a unit or scale.
    cands = [
        c for c in cands if not (c.pair and (c.unit in _MARGINAL_UNITS or (c.unit is None and not c.scale)))
    ]
    cands = _join_compounds(text, cands)
    blocked = filters.Blocked(text, [(c.start, c.end) for c in cands])
    cands = [c for c in cands if not c.drop and not _rejected(text, c, blocked)]
    sentences = sentence_spans(text, lang)
    inherit_currency(text, cands, sentences, lang)
    inherit_percent(text, cands, sentences)
    inherit_restated(text, cands)
    starts = [s for s, _ in sentences]
    context = Context(text, ref_date, [(c.start, c.end) for c in cands])
    out: list[Figure] = []
    prev_sent = None
    for c in cands:
        i = bisect.bisect_right(starts, c.start) - 1
        sent = sentences[i] if i >= 0 and sentences[i][1] >= c.end else (c.start, c.end)
        figure = _figure(text, c, sent, context)
        if out and prev_sent == sent:
            figure = _restated_context(text, out[-1], figure)
        elif out and figure.period is None and lang == "en":
            figure = _carried_period(text, out, figure)
        figure = _about(text, figure, sent, indicators, lang)
        if out and indicators is not None and figure.indicator is None:
            figure = _carried_indicator(text, out[-1], figure, indicators)
        out.append(figure)
        prev_sent = sent
    return out


# A figure that names no indicator continues the series of the figure before it in its paragraph
# ("55 миллионов пассажиров ... 43 миллиона на внутреннем рынке, плюс 13 процентов").
_CARRY_REACH = 300


def _carried_indicator(text: str, prev: Figure, f: Figure, indicators: TermIndex) -> Figure:
    """Give a figure without an indicator that of the figure just before it in its paragraph, if it fits."""
    if prev.indicator is None or f.char_start - prev.char_end > _CARRY_REACH:
        return f
    if "\n" in text[prev.char_end : f.char_start] or not indicators.fits(prev.indicator, f.kind, f.unit):
        return f
    return dataclasses.replace(f, indicator=prev.indicator)


_PERIOD_CARRY_REACH = 400
_CARRY_BACK = 4  # figures back to the last amount in the same currency


def _carried_period(text: str, out: list[Figure], f: Figure) -> Figure:
    """Give a figure whose sentence names no time the period of the amount before it in its paragraph.

    Only amounts in the same unit continue one account ("Revenues ... in 2015 ... The deficit is forecast
    at 430.7 billion rubles"); "... by 5% in 2023. The company hired 200 workers." starts another.
    """
    if f.kind != "money":
        return f
    prev = next((p for p in reversed(out[-_CARRY_BACK:]) if (p.kind, p.unit) == (f.kind, f.unit)), None)
    if prev is None or prev.period is None or f.char_start - prev.char_end > _PERIOD_CARRY_REACH:
        return f
    if "\n" in text[prev.char_end : f.char_start]:
        return f
    return dataclasses.replace(
        f, period=prev.period, period_start=prev.period_start, period_end=prev.period_end
    )


# Characters around a figure, within its sentence, whose words may name its indicator when its measure
# names none ("... signed a decree to allocate 900 million rubles to the Foreign Ministry").
_ABOUT_BEFORE, _ABOUT_AFTER = 150, 80
# Closer still, a cue names the indicator before the measure does ("allocate 30 billion roubles for roads").
_CUE_BEFORE, _CUE_AFTER = 80, 40


def _about(text: str, f: Figure, sent: tuple[int, int], indicators: TermIndex | None, lang: Lang) -> Figure:
    """Give a figure the indicator its measure (else its sentence around it) names, and its subject."""
    indicator = None
    if indicators is not None:
        lo, hi = max(sent[0], f.char_start - _ABOUT_BEFORE), min(sent[1], f.char_end + _ABOUT_AFTER)
        near = text[max(lo, f.char_start - _CUE_BEFORE) : min(hi, f.char_end + _CUE_AFTER)]
        indicator = (
            indicators.match_cue(near, f.kind, f.unit)
            or indicators.match(f.measure, f.kind, f.unit)
            or indicators.match(text[lo:hi], f.kind, f.unit)
        )
    subject = find_subject(f.measure)
    if subject is None and lang == "en":
        # A release names the country or programme near the figure ("Scotland's councils have received
        # £405 million"); Russian transcripts name places in passing, which measured worse on the gold sets.
        lo, hi = max(sent[0], f.char_start - _ABOUT_BEFORE), min(sent[1], f.char_end + _ABOUT_AFTER)
        subject = find_subject(text[lo:hi], places_only=True)
    return dataclasses.replace(f, indicator=indicator, subject=subject) if indicator or subject else f


def _restated_context(text: str, prev: Figure, f: Figure) -> Figure:
    """Give a figure without a measure, or one in brackets after another, the measure of the one before.

    "15 082.4 billion rubles ($279.5 billion)", "up from £815 billion", "5 and 7%": the same thing measured.
    """
    if prev.char_end > f.char_start:
        return f
    gap = text[prev.char_end : f.char_start]
    bracketed = gap.strip() == "("
    if bracketed or (f.measure is None and len(gap) < 120):
        f = dataclasses.replace(f, measure=prev.measure)
    if bracketed and f.period is None:
        f = dataclasses.replace(
            f, period=prev.period, period_start=prev.period_start, period_end=prev.period_end
        )
    return f


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
        core=c.unit not in _MARGINAL_UNITS and not c.marginal,
        **ctx,
    )


def _rejected(text: str, c: Cand, blocked: filters.Blocked) -> bool:
    """Tell whether a candidate is not a figure: a date, year, time, document number, ordinal, code."""
    if not math.isfinite(c.value) or blocked.overlaps(c.num_start, c.num_end):
        return True
    if c.unit == "years" and filters.is_age(text, c.num_start, c.end):
        return True  # "Заводу 119 лет.": an age, not a figure
    if c.spelled:
        return False
    if c.value == 0 and c.plain and c.unit is None and c.scale is None:
        return True  # a bare "0" counts nothing: a score, a code, a mistyped letter О ("«0 порядке")
    if filters.is_ordinal(text, c.num_end) and c.unit is None and c.scale is None:
        return True
    if filters.in_slash_pair(text, c.num_start, c.num_end):
        return True
    if c.kind != "money" and filters.is_compound(text, c.num_start, c.num_end) and c.scale is None:
        return c.end == c.num_end  # a glued unit ("5%", "10km") is fine, a glued word is not
    if c.unit == "years" and c.plain and 1000 <= c.value <= 2100:
        return True  # "2024 года", "2023 год": a year, not a duration
    bare = c.plain and c.unit is None and c.scale is None
    return bare and filters.looks_like_year(text, c.num_start, c.num_end, c.value)


def _join_ranges(text: str, cands: list[Cand]) -> None:
    """Give both ends of a range the unit and scale written once ("5–7%", "от 5 до 7 млрд рублей")."""
    for a, b in itertools.pairwise(cands):
        sep = _RANGE_SEP.fullmatch(text, a.end, b.start)
        if sep is None or (a.unit == "percent" and b.unit not in (None, "percent")):
            continue
        if sep.group("filler"):
            a.end = sep.end("filler")
        word = sep.group().removeprefix(sep.group("filler") or "").strip().lower()
        if word in _RANGE_OPEN and not _RANGE_OPEN[word].search(text, max(0, a.start - 12), a.start):
            continue
        if word in "-–—‑" and filters.is_ordinal(text, b.num_end) and b.unit is None:
            a.drop = True  # "5–9-х классов": a range of ordinals
            continue
        bare = a.unit is None or a.prefixed
        if (
            bare
            and a.scale is None
            and b.scale
            and (a.pair or not a.spelled)
            and b.value >= a.value * b.scale
        ):
            a.value *= b.scale
            a.scale = b.scale
        if a.unit is None and b.unit is not None and (not a.scale or b.scale):
            a.unit, a.kind = b.unit, b.kind
        elif b.unit is None and a.prefixed:
            b.unit, b.kind = a.unit, a.kind


def _join_compounds(text: str, cands: list[Cand]) -> list[Cand]:
    """Merge "1 млрд 200 млн рублей", "один миллион 100 тысяч" and "25 тысяч 427 детей" into one figure."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and _compound(text, prev, c):
            prev.value += c.value
            prev.end, prev.unit, prev.kind = c.end, c.unit, c.kind
            prev.scale = c.scale or prev.scale
            continue
        out.append(c)
    return out


def _compound(text: str, prev: Cand, c: Cand) -> bool:
    """Tell whether c continues the scaled amount prev: a smaller scale, or the units after thousands."""
    if not (prev.scale and prev.unit is None and text[prev.end : c.start].isspace()):
        return False
    if c.scale:
        return c.scale < prev.scale and c.value < prev.scale
    # "74 тысячи 763 ребёнка": three digits after thousands are its units (not "25 тысяч 2024 года").
    return prev.scale == 1e3 and c.plain and c.value < 1e3 and not c.spelled
