"""Find number candidates in a text and read their sign, currency, scale word and unit."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.figures import units
from extractors.text.numbers import (
    DIGITS_RE,
    RU_SINGLE_SCALES,
    RU_VAGUE_PLURALS,
    find_numeral_words,
    parse_digits,
    parse_words,
    words_scale,
)

_KIND_OF_TABLE = {"money": "money", "percent": "percent", "quantity": "quantity", "duration": "quantity"}
_UNIT_TABLES = [
    ("money", units.CURRENCY_TABLE),
    ("percent", units.PERCENT_TABLE),
    ("quantity", units.QUANTITY_TABLE),
    ("duration", units.DURATION_TABLE),
]
# Fractions in words are percentages ("две трети" 66.7, "two-thirds"); an English "quarters" is one only
# before "of" and not of a year ("three quarters of adults", not "three quarters of the year").
_FRACTION_NUMS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "одна": 1, "одну": 1, "одной": 1, "две": 2, "двух": 2,
    "двум": 2, "двумя": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4,
}  # fmt: skip
_FRACTION_NUM = "|".join(_FRACTION_NUMS)
_FRACTION_DEN = (
    r"thirds?|fifths?|tenths?|трет(?:ь|и|ью|ей|ям|ями|ях)|четверт(?:ь|и|ью|ей|ям|ями|ях)"
    r"|quarters?(?=\s+of\s(?!\s*(?:(?:the|this|last|next|that|each|every)\s+)?(?:year|financial|fiscal|calendar|\d)))"
)
_FRACTION_DENS = {"th": 3, "fi": 5, "te": 10, "тр": 3, "че": 4, "qu": 4}
# Multipliers and shares written as one word: "doubling", "вдвое", "by half", "полпроцента".
_WORD_FIGURES = re.compile(
    r"(?<!\w)(?:(?P<by_half>by\s+half(?!\s+an?\s)|наполовину)|(?P<times>doubl(?:ed|ing|es)|tripl(?:ed|ing|es)"
    r"|quadrupl(?:ed|ing|es)|twofold|threefold|fourfold|fivefold|tenfold|вдвое|втрое|вчетверо|впятеро"
    r"|вдесятеро)|(?P<half_pp>half\s+a\s+percentage\s+point|полпункта|полупункта)"
    r"|(?P<half_pct>half\s+a\s+per\s?cent|полпроцента|полупроцента)"
    # A share in words after a change or a bound: "by a third", "на четверть", "более половины".
    r"|(?P<share>by\s+(?:(?:almost|nearly|about|around|over|more\s+than|less\s+than|roughly|some)\s+)?"
    r"(?:a|one)[\s-](?:half|third|quarter|fifth|tenth)|на\s+(?:треть|четверть|пятую\s+часть)"
    r"|(?:almost|nearly|about|around|over|more\s+than|less\s+than|roughly|just\s+over|just\s+under)\s+"
    r"(?:a\s+|one[\s-])?(?:half|third|quarter|fifth)(?=\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?year))"
    r"|(?:более|больше|около|почти|свыше|менее|меньше|примерно)\s+(?:половин[ыуа]|трет[иь]|четверт[иь])))"
    r"(?!\w)",
    re.IGNORECASE,
)
_SHARE_VALUES = {"thi": 100 / 3, "qua": 25.0, "fif": 20.0, "ten": 10.0, "тре": 100 / 3, "чет": 25.0,
                 "пят": 20.0, "пол": 50.0}  # fmt: skip
_SHARE_WORD = re.compile(r"(third|quarter|fifth|tenth|треть|трети|четверт|пятую|половин)", re.IGNORECASE)
# Fractions are found by their (rare) denominator, then the numerator right before it is read.
_FRACTION_DEN_RE = re.compile(rf"(?<=[\s-])(?:{_FRACTION_DEN})(?!\w)", re.IGNORECASE)
_FRACTION_NUM_RE = re.compile(rf"(?<!\w)({_FRACTION_NUM})[\s-]+$", re.IGNORECASE)
_WORD_TIMES = {
    "doub": 2,
    "twof": 2,
    "вдво": 2,
    "trip": 3,
    "thre": 3,
    "втро": 3,
    "quad": 4,
    "four": 4,
    "вчет": 4,
    "five": 5,
    "впят": 5,
    "tenf": 10,
    "вдес": 10,
}
# "тысячи" alone, "сотни" and "сотни тысяч" mean "thousands", "hundreds" unless a bound stands before.
_PLURAL_ONLY = re.compile(r"^(?:(?:тысячи|миллионы|миллиарды)$|сотни(?!\w))", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(r"(?:более|свыше|около|порядка|почти|примерно|до|менее)\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"(?<!\w)(?:the|these|those|both|all)\s+$", re.IGNORECASE)
_TIMES_BEFORE = re.compile(r"(?<!\w)в\s+$", re.IGNORECASE)
_TIMES_PAIR_BEFORE = re.compile(r"(?<!\w)в\s+[а-яё]+-$", re.IGNORECASE)  # "в два-три раза"
_COMPARATIVE_AFTER = re.compile(
    r"\s*(?:больше|меньше|выше|ниже|быстрее|дешевле|дороже|more|less|higher|lower|larger|greater|bigger"
    r"|faster|smaller|as\s|over|увелич|сократ|вырос|снизи|превыш)",
    re.IGNORECASE,
)
# "семь с лишним процентов", "13 с лишним миллионов", "50 с небольшим": the value stays as written.
_FILLER = re.compile(r"\s+(?:с\s+(?:лишним|небольшим|копейками)|odd|plus)(?=\s)", re.IGNORECASE)
_SINGLE_LETTER_UNITS = {"m", "t"}
# A minus written as a word: "минус 0,4 процента" (not "плюс-минус"). A "плюс" stays outside the span,
# as the releases' own restatements read ("плюс 8,7 процента" is an increase of 8.7).
_MINUS_WORD = re.compile(r"(?<![\w-])(?:минус|minus)\s+$", re.IGNORECASE)
# "три предыдущих года", "10 рабочих дней", "two more months": a time adjective between a count and its
# duration unit ("16 региональных недель" are events, not a duration).
_DURATION_ADJ = re.compile(
    r"\s+(?:(?:предыдущ|последн|прошедш|минувш|полн|календарн|рабоч|учебн)(?:их|ых)"
    r"|more|additional|further|extra|consecutive|full|whole|working|calendar|business)(?=\s)",
    re.IGNORECASE,
)
# Anniversaries are counts (GUIDELINES.md conventions: marginal), not durations: a celebration before,
# or the event after ("80 лет Великой Победы", "119 лет практически с первого заседания").
_ANNIVERSARY_BEFORE = re.compile(
    r"(?<!\w)(?:исполн\w+|отмеча\w+|отметить|праздну\w+|юбиле\w+|годовщин\w+|кругл\w+\s+дат\w+\s*[–—:-]?)"
    r"\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
_ANNIVERSARY_AFTER = re.compile(
    r"\s+(?:[^\W\d]+\s+){0,2}?(?:(?-i:Побед[ыеау])|основани[яе]|подписани[яе]|создани[яе]|образовани[яе]"
    r"|установлени[яе]|освобождени[яе]|отношений|дружбы|со\s+дня|с\s+момента|с\s+первого)(?!\w)",
    re.IGNORECASE,
)
_SPAN_BEFORE = re.compile(
    r"(?<!\w)(?:за|в\s+течение|на\s+протяжении|через|последние|ближайшие|после)\s+(?:\S+\s+)?$", re.IGNORECASE
)
# A change verb right before the multiplier, or before the lower end of its range ("grew two to three times").
_INCREASE_NEAR = re.compile(
    r"(?:increas|grew|grow|rose|risen|ris|expand|увелич|вырос|возрос|снизи|сократ)\w*\s+"
    r"(?:by\s+)?(?:(?:almost|nearly|about|around|roughly|more\s+than|over|some|почти|более\s+чем|примерно"
    r"|около|порядка)\s+)?(?:[\w.,]+\s*(?:[-–—]|to|or|или)\s*)?$"
)


@dataclass
class Cand:
    """A number found in the text, with what was read around it."""

    start: int  # span of the whole figure (sign/currency .. unit)
    end: int
    num_start: int  # span of the number itself
    num_end: int
    value: float
    spelled: bool = False
    plain: bool = False  # digits only: no separator, no decimals
    scale: float | None = None
    unit: str | None = None
    kind: str = "count"
    prefixed: bool = False  # a currency symbol or code stands before the number
    drop: bool = False
    marginal: bool = False  # an anniversary: emitted with core=False whatever its unit
    pair: bool = False  # one side of a numeral range in words ("пять-шесть процентов", "два-три человека")


def scan(text: str, lang: str) -> list[Cand]:
    """Return every number candidate of text in order, with sign, currency, scale and unit read."""
    cands = [_digit_cand(text, m, lang) for m in DIGITS_RE.finditer(text)]
    words = [_word_figure(m) for m in _WORD_FIGURES.finditer(text)] + _fractions(text)
    spans = sorted([(c.start, c.end) for c in cands] + [(w.start, w.end) for w in words])
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    for ws, we in find_numeral_words(text):
        i = bisect.bisect_left(starts, we)  # candidates starting before the run ends
        if i and ends[i - 1] > ws:
            continue  # the words are the scale of a digit figure ("1.5 billion") or a fraction's numerator
        c = _word_cand(text, ws, we)
        if c is not None:
            cands.append(c)
    cands += words
    cands.sort(key=lambda c: c.start)
    return cands


def _digit_cand(text: str, m: re.Match[str], lang: str) -> Cand:
    """Build a candidate from digits: currency before, sign, glued or spaced scale, unit after."""
    raw = m.group()
    c = Cand(m.start(), m.end(), m.start(), m.end(), parse_digits(raw, lang), plain=raw.isdigit())
    _read_prefix(text, c)
    pos = c.end
    glued = text[pos : pos + 1].lower()
    if c.prefixed and glued in units.GLUED_MONEY_SCALES and not text[pos + 1 : pos + 2].isalpha():
        c.scale, pos = units.GLUED_MONEY_SCALES[glued], pos + 1
    else:
        sc = units.match_table(units.SCALE_TABLE, text, _skip_filler(text, pos))
        if sc is not None:
            c.scale, pos = float(sc[0]), sc[1]
    if c.scale:
        c.value *= c.scale
    c.end = pos
    _read_unit(text, c)
    if c.unit is None and (pre := units.UNIT_PREFIX_RE.search(text, max(0, c.start - 6), c.start)):
        c.unit, c.kind, c.start = "Mach", "quantity", pre.start()
    return c


def _word_cand(text: str, ws: int, we: int) -> Cand | None:
    """Build a candidate from numerals in words; lone "one"/"один" and vague plurals are skipped."""
    raw = text[ws:we]
    value = parse_words(raw)
    if value is None:
        return None
    c = Cand(ws, we, ws, we, value, spelled=True, scale=words_scale(raw))
    c.pair = text[ws - 1 : ws] == "-" or text[we : we + 1] == "-"
    _read_prefix(text, c)
    _read_unit(text, c)
    words = raw.lower().split()
    if value == 1 and c.unit is None:
        return None  # "one of the", "один из": a pronoun far more often than a count
    if value <= 10 and c.unit is None and _DETERMINER_BEFORE.search(text, max(0, ws - 8), ws):
        return None  # "the two leaders", "these three countries": a reference, not a count
    lone_scale = len(words) == 1 and c.scale and raw.lower() not in RU_SINGLE_SCALES
    if lone_scale and c.unit is None:
        return None  # "million" alone, "тысячи людей"
    if words[0] in RU_VAGUE_PLURALS:
        return None  # "сотни тонн", "десятки тысяч": many, not a number
    if _PLURAL_ONLY.match(raw) and not _QUALIFIER_BEFORE.search(text, max(0, c.start - 12), c.start):
        return None  # "тысячи" without "более"/"около" means "thousands of"
    return c


def _word_figure(m: re.Match[str]) -> Cand:
    """Build a candidate from a word multiplier ("doubling" 2 times), share ("by half") or fraction."""
    unit, value = "percent", 0.5
    if m.group("by_half"):
        value = 50.0
    elif m.group("share"):
        word = _SHARE_WORD.search(m.group("share"))
        value = _SHARE_VALUES[word.group()[:3].lower()] if word else 50.0
    elif m.group("half_pp"):
        unit = "pp"
    elif m.group("times"):
        unit, value = "times", float(_WORD_TIMES.get(m.group("times")[:4].lower(), 2))
    kind = "quantity" if unit == "times" else "percent"
    return Cand(m.start(), m.end(), m.start(), m.end(), value, spelled=True, unit=unit, kind=kind)


def _fractions(text: str) -> list[Cand]:
    """Return fractions in words as percentages ("две трети" 66.7, "two-thirds")."""
    out = []
    for d in _FRACTION_DEN_RE.finditer(text):
        n = _FRACTION_NUM_RE.search(text, max(0, d.start() - 12), d.start())
        if n is not None:
            value = 100.0 * _FRACTION_NUMS[n.group(1).lower()] / _FRACTION_DENS[d.group()[:2].lower()]
            out.append(Cand(n.start(), d.end(), n.start(), d.end(), value, spelled=True, unit="percent",
                            kind="percent"))  # fmt: skip
    return out


def _read_prefix(text: str, c: Cand) -> None:
    """Read a currency symbol or code and a sign written right before the number."""
    p = units.CURRENCY_PREFIX_RE.search(text, max(0, c.start - 6), c.start)
    if p is not None and p.lastgroup:
        code = units.CURRENCY_PREFIX_CODES[int(p.lastgroup[1:])]
        if code == "CODE":
            code = p.group().strip().upper().replace("RMB", "CNY")
        before = text[p.start() - 1 : p.start()] if p.start() else ""
        if not (before.isalpha() and code in {"USD", "EUR", "GBP", "RUB", "CNY"} and p.group()[0].isalpha()):
            c.unit, c.kind, c.prefixed, c.start = code, "money", True, p.start()
    s = c.start
    if s > 0 and text[s - 1] in "+−-" and (s < 2 or text[s - 2] in " (\n\t\u00a0"):
        if text[s - 1] != "+":
            c.value = -c.value
        c.start = s - 1
        return
    w = _MINUS_WORD.search(text, max(0, s - 8), s)
    if w is not None:
        c.value, c.start = -c.value, w.start()


def _skip_filler(text: str, pos: int) -> int:
    """Return the position after a filler such as "с лишним" at pos, or pos."""
    m = _FILLER.match(text, pos)
    return m.end() if m else pos


def _read_unit(text: str, c: Cand) -> None:
    """Read the unit after the number (and scale): currency, percent, physical unit, times, duration."""
    pos = _skip_filler(text, c.end)
    for table_kind, table in _UNIT_TABLES:
        hit = units.match_table(table, text, pos)
        if hit is None and table_kind == "duration" and not c.prefixed:
            adj = _DURATION_ADJ.match(text, pos)
            hit = units.match_table(table, text, adj.end()) if adj else None
        if hit is None:
            continue
        unit, end = hit
        if unit in _SINGLE_LETTER_UNITS and end - pos == 1:
            return  # "885М", "5t": a glued letter is a model code more often than metres or tonnes
        if "[" in text[pos:end] and text[end : end + 1] == "]":
            end += 1
        if table_kind == "money" and c.prefixed:
            c.end = end  # "$5 billion USD": the code repeats the symbol
            return
        if c.prefixed:
            return
        if unit == "times" and not _times_ok(text, c, end):
            c.drop = True  # "три раза в неделю": a count of occasions, not a multiplier
            return
        c.unit, c.kind, c.end = unit, _KIND_OF_TABLE[table_kind], end
        if unit == "GBp":
            c.unit, c.value = "GBP", c.value / 100  # pence
        if unit == "years" and _anniversary(text, c):
            c.unit, c.kind, c.marginal = None, "count", True
        if unit == "m3" and c.scale == 1e9:
            c.unit, c.value = "bcm", c.value / 1e9  # "10 billion cubic metres" is 10 bcm
        before = _TIMES_BEFORE.search(text, max(0, c.start - 3), c.start) if unit == "times" else None
        if before is not None:
            c.start = before.start()  # "в 2,5 раза", "В четыре раза" (capital at a sentence start)
        return


def _anniversary(text: str, c: Cand) -> bool:
    """Tell whether "N лет" counts the years since an event ("80 лет Победы", "отмечаем 25 лет ...")."""
    before = text[max(0, c.start - 40) : c.start]
    if _SPAN_BEFORE.search(before):
        return False  # "за 30 лет отношений", "в течение пяти лет с момента ...": a period
    return bool(_ANNIVERSARY_BEFORE.search(before) or _ANNIVERSARY_AFTER.match(text, c.end))


def _times_ok(text: str, c: Cand, end: int) -> bool:
    """Tell whether "N раз"/"N times" is a multiplier ("в 2,5 раза", "3 times higher", "grew 2 times")."""
    if _TIMES_BEFORE.search(text, max(0, c.start - 3), c.start) or _TIMES_PAIR_BEFORE.search(
        text, max(0, c.start - 20), c.start
    ):
        return True
    if _COMPARATIVE_AFTER.match(text, end):
        return True
    return bool(_INCREASE_NEAR.search(text, max(0, c.start - 45), c.start))
