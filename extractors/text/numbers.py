"""Parse numbers as English and Russian releases write them: digits with separators, and numerals in words."""

from __future__ import annotations

import re

# Thousands separators: comma (English), space, no-break space, narrow no-break space, thin space.
_SPACES = " \u00a0\u202f\u2009"

# One number written in digits. The grouped forms come first so that "77 498" or "1,809.9" is one number;
# each group is exactly three digits, which keeps the pattern linear (no nested open-ended repeats).
DIGITS_RE = re.compile(
    r"(?<![\d\w.,])(?:"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![,\d])"  # 1,809.9 (English grouping)
    rf"|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?(?![\d])"  # 77 498 / 15 082,4
    r"|\d{1,3}(?:\.\d{3}){2,}(?![.\d])"  # 1.000.000 (European grouping, two groups or more)
    r"|\d+(?:[.,]\d+)?"  # 17.5 / 17,5 / 2300
    r")"
)


def parse_digits(raw: str, lang: str) -> float:
    """Return the value of a number written in digits ("1,809.9", "77 498", "17,5", "1.000.000")."""
    s = raw
    for ch in _SPACES:
        s = s.replace(ch, "")
    if "," in s and "." in s:  # the later mark is the decimal one
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "," in s:
        grouping = s.count(",") > 1 or (lang != "ru" and len(s) - s.rfind(",") - 1 == 3)
        s = s.replace(",", "") if grouping else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    return float(s)


# ---- numerals in words -------------------------------------------------------------------------------

_EN_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _ru_soft(base: str) -> list[str]:
    """Return the case forms of a numeral ending in a soft sign (пять, пяти, пятью)."""
    forms = [base, base[:-1] + "и", base + "ю"]
    return [f for f in forms if f != "семью"]  # "семью" is far more often "family" than "seven"


def _ru_table() -> dict[str, float]:
    """Build every case form of the Russian cardinal numerals that a release uses."""
    t: dict[str, float] = {}
    forms: list[tuple[float, list[str]]] = [
        (1, ["один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну"]),
        (2, ["два", "две", "двух", "двум", "двумя"]),
        (3, ["три", "трёх", "трех", "трём", "трем", "тремя"]),
        (4, ["четыре", "четырёх", "четырех", "четырём", "четырем", "четырьмя"]),
        (8, ["восемь", "восьми", "восемью", "восьмью"]),
        (40, ["сорок", "сорока"]),
        (90, ["девяносто", "девяноста"]),
        (100, ["сто", "ста"]),
        (1.5, ["полтора", "полторы", "полутора"]),
        (200, ["двести", "двухсот", "двумстам", "двумястами", "двухстах"]),
    ]
    soft = {
        5: "пять",
        6: "шесть",
        7: "семь",
        9: "девять",
        10: "десять",
        11: "одиннадцать",
        12: "двенадцать",
        13: "тринадцать",
        14: "четырнадцать",
        15: "пятнадцать",
        16: "шестнадцать",
        17: "семнадцать",
        18: "восемнадцать",
        19: "девятнадцать",
        20: "двадцать",
        30: "тридцать",
    }
    forms += [(v, _ru_soft(w)) for v, w in soft.items()]
    tens = {
        50: ("пятьдесят", "пятидесяти"),
        60: ("шестьдесят", "шестидесяти"),
        70: ("семьдесят", "семидесяти"),
        80: ("восемьдесят", "восьмидесяти"),
    }
    forms += [(v, list(w)) for v, w in tens.items()]
    hundreds = {
        300: ("триста", "трёхсот", "трехсот"),
        400: ("четыреста", "четырёхсот", "четырехсот"),
        500: ("пятьсот", "пятисот"),
        600: ("шестьсот", "шестисот"),
        700: ("семьсот", "семисот"),
        800: ("восемьсот", "восьмисот"),
        900: ("девятьсот", "девятисот"),
    }
    forms += [(v, list(w)) for v, w in hundreds.items()]
    for v, ws in forms:
        for w in ws:
            t[w] = v
    return t


RU_NUMERALS = _ru_table()
_RU_SCALE_STEMS = {"тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}
_RU_SCALE_ENDINGS = {
    "тысяч": ["", "а", "и", "у", "е", "ей", "ам", "ами", "ах"],
    "other": ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"],
}
RU_SCALES: dict[str, float] = {
    stem + end: mult
    for stem, mult in _RU_SCALE_STEMS.items()
    for end in _RU_SCALE_ENDINGS["тысяч" if stem == "тысяч" else "other"]
}
# A scale word on its own means one of it only in the singular ("тысячу школ", "около миллиона").
RU_SINGLE_SCALES = {"тысяча", "тысячу", "тысячей", "тысяче", "тысячи"} | {
    s + e for s in ("миллион", "миллиард", "триллион") for e in ("", "а", "у", "ом", "е")
}
# Half a scale written as one word: "полмиллиона" (nominative/accusative), "полумиллиарда" (other cases).
RU_HALF_SCALES: dict[str, float] = {
    half + stem + end: mult / 2
    for stem, mult, ends in (("тысяч", 1e3, ("и",)), ("миллион", 1e6, ("а",)), ("миллиард", 1e9, ("а",)),
                             ("триллион", 1e12, ("а",)))
    for half in ("пол", "полу")
    for end in ends
}  # fmt: skip

# Collective numerals: "сотня" (a hundred), "десяток" (ten). They multiply what stands before them
# ("семь десятков" 70, "две сотни" 200); alone, only a singular form is a number ("по сотне школ").
RU_COLLECTIVES: dict[str, float] = {
    **{"сотн" + e: 100.0 for e in ("я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях")},
    "сотен": 100.0,
    **{"десят" + e: 10.0 for e in ("ок", "ка", "ку", "ком", "ке", "ки", "ков", "кам", "ками", "ках")},
}
# Forms that alone mean "hundreds", "dozens": a vague plural, never a count ("сотни тонн", "десятки тысяч").
# "сотни" is also the singular genitive, a number after "более"/"около" (see extractors/figures/scan.py).
RU_VAGUE_PLURALS = {"сотен", "сотням", "сотнями", "сотнях", "десятки", "десятков", "десяткам", "десятками",
                    "десятках"}  # fmt: skip

WORD_VALUES: dict[str, float] = {
    **_EN_UNITS,
    **_EN_SCALES,
    **RU_NUMERALS,
    **RU_SCALES,
    **RU_HALF_SCALES,
    **RU_COLLECTIVES,
}
SCALE_WORDS: dict[str, float] = {**_EN_SCALES, **RU_SCALES}
RU_WORD_VALUES: dict[str, float] = {**RU_NUMERALS, **RU_HALF_SCALES}  # "пяти-шести", "полтора-два"


def _word_alternation(words: list[str]) -> str:
    """Return a regex alternation of words, longest first so a prefix never wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


EN_WORD = _word_alternation([*_EN_UNITS, *_EN_SCALES])
RU_WORD = _word_alternation([*RU_NUMERALS, *RU_SCALES, *RU_HALF_SCALES, *RU_COLLECTIVES])
_WORD_TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_JOINERS = {"and"}  # "one hundred and five"
# "два с половиной", "пять с лишним триллионов": "с" + these words stays inside a numeral run.
_RU_FILLERS = {"половиной", "лишним", "небольшим"}
_ARTICLES = {"a", "an"}  # "a million", "a dozen"
_ARTICLE_HEADS = {"hundred", "thousand", "million", "billion", "trillion", "dozen"}


def _numeral_token(tok: str) -> bool:
    """Tell whether a word token is a numeral ("five", "пяти", "twenty-five"; not "one-time")."""
    if "-" not in tok:
        return tok in WORD_VALUES
    parts = tok.split("-")
    # Only English tens-units ("twenty-five"): "two-year" is an adjective, "пяти-шести" a range.
    return len(parts) == 2 and parts[0] in _EN_UNITS and parts[1] in _EN_UNITS and _EN_UNITS[parts[0]] >= 20


def find_numeral_words(text: str) -> list[tuple[int, int]]:
    """Return the spans of runs of numeral words ("two thousand", "один миллион", "два с половиной")."""
    toks = _tokens(text)
    pairs = {t[0] for t in toks if t[0] > 0 and text[t[0] - 1] == "-"} | {
        t[1] for t in toks if t[1] < len(text) and text[t[1]] == "-"
    }
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not _numeral_token(toks[i][2]):
            i += 1
            continue
        start, end, j = toks[i][0], toks[i][1], i + 1
        article = i > 0 and toks[i - 1][2] in _ARTICLES and toks[i][2] in _ARTICLE_HEADS
        if article and text[toks[i - 1][1] : toks[i][0]].isspace():
            start = toks[i - 1][0]
            if i > 1 and toks[i - 2][2] == "half" and text[toks[i - 2][1] : toks[i - 1][0]].isspace():
                start = toks[i - 2][0]  # "half a million"
        while j < n and text[end : toks[j][0]].isspace():
            word = toks[j][2]
            nxt = toks[j + 1][2] if j + 1 < n else ""
            if _numeral_token(word):
                end, j = toks[j][1], j + 1
            elif (word in _JOINERS and _numeral_token(nxt) and toks[j - 1][2] in _ARTICLE_HEADS) or (
                word == "с" and nxt == "половиной"
            ):  # "one hundred and five", not "one and two"
                end, j = toks[j + 1][1], j + 2
            elif word == "and" and nxt == "a" and j + 2 < n and toks[j + 2][2] == "half":
                end, j = toks[j + 2][1], j + 3  # "one and a half times", "two and a half million"
            elif word == "с" and nxt in _RU_FILLERS and j + 2 < n and _numeral_token(toks[j + 2][2]):
                end, j = toks[j + 1][1], j + 2  # "пять с лишним триллионов": the filler joins two numerals
            else:
                break
        glued = (start > 0 and text[start - 1] in "-‑") or text[end : end + 1] in {"-", "‑"}
        if not glued or start in pairs or toks[j - 1][1] in pairs:
            runs.append((start, end))
        i = j
    return runs


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Return the word tokens of text; a range of two Russian numerals ("два-три") gives both of them."""
    out = []
    for m in _WORD_TOKEN_RE.finditer(text):
        word = m.group().lower()
        left, _, right = word.partition("-")
        if right and "-" not in right and left in RU_WORD_VALUES and right in RU_WORD_VALUES:
            out += [(m.start(), m.start() + len(left), left), (m.end() - len(right), m.end(), right)]
        else:
            out.append((m.start(), m.end(), word))
    return out


_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def parse_words(raw: str) -> float | None:
    """Return the value of a numeral written in words ("two thousand" 2000, "полторы тысячи" 1500)."""
    total, current, seen = 0.0, 0.0, False
    for tok in _TOKEN_RE.findall(raw.lower()):
        if tok in {"a", "an", "and", "с", "лишним", "небольшим"}:
            continue  # "пять с лишним триллионов" is valued as written: five trillion
        if tok == "половиной":
            current += 0.5
            continue
        if tok == "half":
            current += 0.5  # "half a million", "one and a half" (find_numeral_words)
            continue
        v = WORD_VALUES.get(tok)
        if v is None:
            return None
        seen = True
        if tok == "hundred" or tok in RU_COLLECTIVES:
            current = max(current, 1) * v  # "five hundred", "семь десятков", "полторы сотни"
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current if seen else None


def words_scale(raw: str) -> float | None:
    """Return the scale a numeral in words ends with ("пять тысяч" 1e3), or None."""
    toks = _TOKEN_RE.findall(raw.lower())
    return SCALE_WORDS.get(toks[-1]) if toks else None
