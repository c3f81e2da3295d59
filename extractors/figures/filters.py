"""Tell numbers that are not figures: dates, years, clock times, document numbers, phones, horizons."""

from __future__ import annotations

import bisect
import re

from extractors.text.calendar import EN_MONTH_PATTERN, RU_MONTH_DATE_PATTERN
from extractors.text.numbers import EN_WORD, RU_WORD
from extractors.text.words import is_cyrillic, lemma, ru_grammemes, ru_pos, wordset

_MONTHS_EN = EN_MONTH_PATTERN
_MONTHS_RU = RU_MONTH_DATE_PATTERN
_DAY = r"\d{1,2}(?:st|nd|rd|th|-?го|-?е)?"
_DAY_RANGE = rf"{_DAY}(?:\s*(?:[-–—−]|and|to|и|по|на)\s*{_DAY})?"

_SPAN_UNITS_RU = r"лет|года?|год|месяц\w*|недел\w+|дн(?:ей|я)|день|суток|час\w*|минут\w*"
_HOUR = r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?"
_HOUR_RU = r"(?:один|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать)"
_CLOCK_WORD = r"час(?:ов|а|ам)?|o['’]clock|утра|вечера|ночи"

# Stretches of text whose digits are never figures. Each pattern is linear: no nested open repeats.
_BLOCKED = [
    rf"(?<!\d){_DAY_RANGE}\s+(?:of\s+)?(?-i:{_MONTHS_EN})(?!\w)",  # 12 August, 12-14 March
    rf"(?-i:{_MONTHS_EN})\s+{_DAY_RANGE}(?![\d,.]\d)(?!\s*(?:%|per|million|billion|thousand))",  # August 12
    rf"(?<!\d){_DAY_RANGE}\s+(?:{_MONTHS_RU})(?!\w)",  # 24 октября, 1-го марта
    r"(?<![\d.])\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?![\d.]\d)",  # 12.08.2014, 12/08/14
    r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)",  # 2024-01-24
    r"(?<![\d.,:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",  # 13:45
    r"(?<![\d.,])\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w)",  # 10 a.m.
    # Phone numbers: +7 (495) 123-45-67, 8 800 200-00-00, +44 20 7946 0000.
    r"(?:\+\d{1,3}|(?<!\d)8)[\s-]?\(?\d{3,5}\)?[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)",
    r"(?<![\w+])\+\d{1,3}[\s-]?\(?\d{1,5}\)?(?:[\s-]\d{2,4}){2,4}(?![\d%])",  # +44 20 7946 0958
    r"(?<![\d.,])\(?0\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{3,4}(?!\d)",  # 0800 123 4567, (020) 7946 0958
    # Ratios: "1 in 5", "3 из 10".
    r"(?<![\d.,])\d{1,3}\s+(?:in|out\s+of|из)\s+\d{1,3}(?![\d.,%])(?!\s*(?:%|процент|per\s?cent))",
    # Document, law and list numbers: No. 4468-I, № 45, N 123-FZ, Article 5, п. 3, Resolution 2231.
    r"(?:(?<!\w)(?:Nos?\.|No(?=\s?\d)|№|N(?=\s?\d)|#)\s?\d[\w/.-]*(?:,\s?\d[\w/.-]*)*)",
    r"(?<!\w)(?:Article|Articles|Clause|Paragraph|Section|Chapter|Part|Annex|Appendix|Item|Resolution"
    r"|Decree|page|pages|p\.|pp\.|para\.?|art\.|страниц[аеы]|стр\.|ст\.|стать(?:я|и|ю|ей|ёй)|п\.|пп\.|пункт\w*|подпункт\w*"
    r"|ч\.|част(?:ь|и|ью|ей)|глав[аыеу]|раздел\w*|приложени\w*|резолюци\w*|том[аеу]?|указ\w*|постановлени\w*"
    r"|распоряжени\w*|приказ\w*|федеральн\w+\s+закон\w*)\s?(?:№\s?)?"
    r"\s?\d[\w.-]*(?:(?:,|\s?(?:and|и|-|–|of|из))\s?\d[\w.-]*)*",
    r"(?<!\w)\d+[-‑](?:FZ|FKZ|ФЗ|ФКЗ|р|рп|п|пп|у|уг|I|П|Р)(?!\w)",  # 123-FZ, 1234-р
    r"(?<!\w)\d+(?:\.\d+){2,}",  # 1.2.3 section numbers
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|(?<!\S)[\w-]+(?:\.[\w-]+)+/[\w/.?=&%-]*",  # URLs, e-mail
    # Clock times with a point after a time preposition: "с 18.00", "до 00.00", "at 10.30".
    r"(?<!\w)(?:с|до|в|к|около|at|from|until|till|by|before|after)\s+(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d,.])"
    r"(?!\s*(?:%|проц|млн|млрд|тыс|трлн|руб|долл|percent|per\s|million|billion|thousand|тонн|раз))",
    # List numbering: "3. Министру ...", "4) Russia and ..." at the start of a line or after a sentence.
    # ... or right after a clock time ("25 марта 2025 года 21:45 1. Нефтеперерабатывающие ...").
    r"(?:^|(?<=\n)|(?<=\n[ \t])|(?<=\n[ \t]{2})|(?<=[.!?:;»”]\s)|(?<=\d:\d\d\s))\(?\d{1,2}[.)]"
    r"(?=[ \t]+[A-ZА-ЯЁ«\"“])",
    # Version numbers: "СПИК 2.0".
    r"(?<![\d.,])\d+\.0(?![\d.,%])(?!\s*(?:%|проц|млн|млрд|тыс|трлн|руб|долл|percent|million|billion))",
    # Ages: "aged 18-24", "в возрасте от 14 до 18 лет", "детей до 3 лет" is left to the reader.
    r"(?<!\w)(?:aged|ages|age\s+of|в\s+возрасте(?:\s+(?:от|до|старше|младше))?)\s+\d+(?:\s*(?:[-–—]|to|до)\s*\d+)?",
    r"(?<!\w)спустя\s+(?:\S+\s+){1,3}?(?:лет|года?|месяц\w*|недел\w+|дн\w+)(?!\w)",
    # Horizons: "in the next two to three years", "в ближайшие три года", "within five years".
    r"(?<!\w)(?:next|coming|following|within|ближайш\w+|следующ\w+|последующ\w+)\s+(?:\S+\s+){0,4}?"
    r"(?:years?|months?|decades?|лет|года?|месяц\w*|десятилет\w+)(?!\w)",
    # Periods written as a count of months: "over 9 months of last year", "за первые три месяца".
    r"(?<!\w)(?:first|last|past|первые|последние)\s+(?:\S+\s+)?(?:months?|years?|quarters?|месяц\w*|лет|года?)",
    r"(?<!\w)\S+\s+(?:months?|месяц\w*)\s+(?:of|to|ending|through|текущего|прошлого|этого|\d{4})",
    # Years as part of a range or a fiscal year: 2016-2017, 2020/21, 2023–2024 годах.
    r"(?<![\d.,])(?:1[89]|20)\d\d\s?[-–—/]\s?(?:(?:1[89]|20)\d\d|\d\d)(?![\d%])",
    # Horizons counted from now: "через два года", "лет через пять", "через два,", "in two years' time".
    rf"(?<!\w)через\s+(?:\S+\s+){{0,3}}?(?:{_SPAN_UNITS_RU})(?!\w)",
    rf"(?<!\w)(?:{_SPAN_UNITS_RU})\s+через\s+\S+",
    rf"(?<!\w)через\s+(?:\d+|{RU_WORD})(?=\s*[,.;!?…])",
    r"(?<!\w)in\s+(?:\S+\s+){1,3}?(?:years?|months?|weeks?|days?)['’]?\s+time(?!\w)",
    rf"(?<!\w)(?:\d+|{EN_WORD})\s+(?:years?|months?|weeks?|days?)\s+from\s+now(?!\w)",
    # Clock times in words: "в 15 часов", "к 18 часам", "с 9 до 18 часов", "at 3 o'clock", "в 6 утра".
    rf"(?<!\w)(?:в|к|около|после|at|after|before)\s+(?:{_HOUR}|{_HOUR_RU})\s+(?:{_CLOCK_WORD})(?!\w)",
    rf"(?<!\w)(?:с|со|from)\s+{_HOUR}\s+(?:до|to|till|until)\s+{_HOUR}\s+(?:{_CLOCK_WORD})(?!\w)",
    rf"(?<![\d.,]){_HOUR}\s+o['’]clock",
    # Ages: "мне 13 лет", "ему исполнилось семнадцать лет", "a 17 years old student".
    rf"(?<!\w)(?:мне|ему|ей|им|нам|вам|тебе)\s+(?:уже\s+|было\s+|исполнилось\s+|почти\s+)?"
    rf"(?:\d{{1,3}}|(?:{RU_WORD})(?:\s+(?:{RU_WORD}))?)\s+(?:лет|года?|год)(?!\w)",
    r"(?<![\d.,])(?:\d{1,3}\s*(?:[-–—]|to)\s*)?\d{1,3}[\s-]+years?[\s-]+olds?(?!\w)",  # 16 to 18-year-olds
    # Ages and frequencies: "получил в 18 лет", "детей до 14 лет", "старше 60 лет", "раз в три года".
    rf"(?<!\w)(?:в|до|с|со|старше|младше|моложе)\s+(?:\d{{1,2}}(?:[.,]\d)?|(?:{RU_WORD})(?:\s+(?:{RU_WORD}))?)"
    r"\s+(?:лет|года?)(?!\w)",
    # Citations of the official law gazette: "(Собрание законодательства Российской Федерации, 2016, № 16,
    # ст. 2203)"; and codes of classifiers: "ОКВЭД 93.1".
    r"(?:Собрание\s+законодательства|Collection\s+of\s+Legislation)[^()\n]{0,160}",
    r"(?<!\w)(?:ОКВЭД|ОКПД|ОКАТО|ОКТМО|ОКОФ|ТН\s?ВЭД|КБК|OKVED)\s*(?:2\s+)?\d[\d.]*",
    # Ship and weapon projects: "ледокол проекта 22220", "лодка проекта 949" (not "проекта 500 млн").
    r"(?<!\w)(?:проект(?:а|у|ом|е)?|project)\s+\d{3,}(?![\d.,]\d)(?!\s*(?:%|[а-яёa-z]))",
    # Attached files on government pages: "Указ № 179 pdf, 53.2 кБ".
    r"(?<!\w)(?:pdf|docx?|rtf|odt|xlsx?|zip)\s*,\s*\d+(?:[.,]\d+)?\s*(?:[кКkK][бБbB]|[мМmM][бБbB])(?!\w)",
    # Ages of people: "children 8 to 17", "pupils aged 5-9", "детей от 3 до 7 лет", "младшему сыну пять лет".
    r"(?<!\w)(?:children|kids|pupils|schoolchildren|students|teenagers|youngsters|young\s+people|people|persons"
    r"|adults|babies|boys|girls)\s+(?:aged\s+)?(?:from\s+|between\s+)?\d{1,2}\s*(?:[-–—]|to|and)\s*\d{1,2}"
    r"(?![\d%]|[.,]\d)(?!\s*(?:per|million|billion|thousand|percent|years?\s+ago))",
    r"(?<!\w)(?:aged|ages)\s+(?:between|from)\s+\d{1,2}\s*(?:[-–—]|to|and)\s*\d{1,2}(?![\d%]|[.,]\d)",
    r"(?<!\w)between\s+the\s+ages\s+of\s+\d{1,2}\s*(?:[-–—]|to|and)\s*\d{1,2}(?![\d%]|[.,]\d)",
    r"(?<![\d.,])\d{1,3}\s+years?\s+(?:old|of\s+age)(?!\w)",
    r"(?<!\w)(?:от|с|со)\s+\d{1,2}\s+до\s+\d{1,2}(?:-?(?:ти|х|ми|и))?\s+лет(?!\w)",
    # People of an age range: "дети 3–7 лет", "школьников 7-17 лет", "молодёжь 14–35 лет".
    r"(?<!\w)(?:дет(?:и|ей|ям|ьми|ях)|ребят\w*|школьник\w*|подрост\w*|молод[её]ж\w*|молод\w+\s+люд\w+"
    r"|юнош\w*|девуш\w*|граждан\w*|женщин\w*|мужчин\w*|учащ\w+|студент\w*|воспитанник\w*)"
    r"\s+(?:в\s+возрасте\s+)?\d{1,2}\s*[-–—]\s*\d{1,2}\s+(?:лет|года?)(?!\w)",
    rf"(?<!\w)(?:сыну|сыновьям|дочери|дочке|дочерям|ребёнку|ребенку|детям|внуку|внучке|внукам|мальчику|девочке"
    rf"|брату|сестре|маме|папе|отцу|матери)\s+(?:\S+\s+){{0,2}}?(?:уже\s+|было\s+|исполнилось\s+|почти\s+)?"
    rf"(?:\d{{1,3}}|(?:{RU_WORD})(?:\s+(?:{RU_WORD}))?)\s+(?:лет|года?|год|месяц\w*)(?!\w)",
    # TV channels: "Россия 24", "Channel 4", "Матч ТВ 2".
    r"(?<!\w)(?:(?-i:Россия|Russia)|Channel|канал[ау]?|(?-i:RT|BBC))\s?\d{1,2}(?![\d.,])"
    r"(?!\s*(?:%|процент|per\s?cent|млн|млрд|тыс|million|billion|thousand|[а-яё]))",
    # Horizons counted from now: "in six months", "in two years" (not "in 2 years of work").
    rf"(?<!\w)in\s+(?:\d{{1,2}}|{EN_WORD})\s+(?:months?|weeks?|days?|years?)(?!\w)(?!\s+(?:of|ago|to)\s)",
    # Years in a noun phrase after a determiner: "the 2023 budget", "this 2030 Plan", "its 2024 target".
    r"(?<!\w)(?:the|this|that|its|our|their|his|her|a)\s+(?:19[5-9]\d|20\d\d)(?=\s+[A-Za-z])"
    r"(?!\s+(?:people|persons|children|pupils|students|jobs|homes|houses|companies|businesses|firms"
    r"|projects|schools|units|vehicles|cars|flights|tonnes|tons|km|hectares|workers|staff|employees"
    r"|[a-z]+s\s+(?:of|in)\s))",
    # Speech idioms, not counts: "скажу два слова", "в двух словах", "пару слов".
    r"(?<!\w)(?:два|пару|несколько)\s+слов[ао]?(?!\w)|(?<!\w)в\s+двух\s+словах(?!\w)",
    r"(?<!\w)(?:одну|one)\s+(?:секунду|минуту|second|minute)(?!\w)",
]
# Every pattern starts with a digit, a sign or bracket, or a word's first letter:
# the gate fails fast inside words, which keeps the long alternation cheap.
_GATE = r"(?=[\d+(№#])|\b(?=[^\W\d_])"
_BLOCKED_RE = re.compile(f"(?:{_GATE})(?:" + "|".join(f"(?:{p})" for p in _BLOCKED) + ")", re.IGNORECASE)
# Relative dates ("two years ago", "два с половиной года назад"): the unit and "ago" first, then the
# numerals before them, looked for only in a short window so the scan stays linear.
_AGO_RE = re.compile(
    r"(?<!\w)(?:years?|months?|weeks?|days?|лет|года?|месяц\w*|недел\w+|дн\w+)(?:\s+\S+)?\s+"
    r"(?:ago|назад|later|earlier|спустя|позже|ранее)(?!\w)",
    re.IGNORECASE,
)
_AGO_NUMBER_RE = re.compile(
    rf"(?<!\w)(?:(?:\d[\d.,]*|{EN_WORD}|{RU_WORD}|a|an|half|с|половиной|several|few|несколько)\s+){{1,3}}$",
    re.IGNORECASE,
)

_YEAR_AFTER = re.compile(
    r"[\s-]*(?:год(?:а|у|ом|ах|ы|ов)?|гг?\.|г(?!\w)|year|yr|fiscal|financial|budget|FY)(?!\w)", re.IGNORECASE
)
# Words before a number that make it a year whatever follows ("in 2022 exports", "с 2022", "до 2030").
_YEAR_BEFORE = re.compile(
    r"(?:(?<!\w)(?:in|since|by|until|till|from|during|before|after|early|late|mid|through|between|year"
    r"|с|до|к|после|перед|начал[аео]|конц[аеу]|середин[аеуы]|(?-i:" + _MONTHS_EN + ")|" + _MONTHS_RU + r")"
    r"|(?:end|start|beginning|middle)\s+of|[(–—-])\s*$",
    re.IGNORECASE,
)
# Words after a bare year-like number that still show a year ("2023 was", "2023 saw", "2023 и 2024").
_NOT_COUNTED = re.compile(
    r"\s*(?:$|[^\w\s]|(?:and|or|to|the|was|is|are|will|would|should|could|may|might|can|shall|has|have|had|saw|were|be|marked|became|when|as|in|at|on|by"
    r"|for|with|levels?|figures?|results?|и|или|по|в|на|с|до|за|был|была|было|стал|станет|когда|уровн\w+"
    r"|показател\w+|итог\w+)(?!\w)|[A-ZА-ЯЁ])"
)
_ORDINAL_AFTER = re.compile(
    r"(?:st|nd|rd|th|-?(?:й|я|е|го|му|м|х|ми|ю|ое|ый|ий|ая|ые|ых|ым|ом|ой))(?!\w)", re.IGNORECASE
)


class Blocked:
    """The stretches near the candidates of one text that hold dates, times, document numbers and the like."""

    # How far from a candidate a blocked stretch may start or end (the longest pattern is shorter).
    WINDOW = 80

    def __init__(self, text: str, near: list[tuple[int, int]]) -> None:
        # Scanning only windows around candidates keeps long, number-sparse texts cheap.
        spans: list[tuple[int, int]] = []
        for lo, hi in _merge(sorted((max(0, s - self.WINDOW), e + self.WINDOW) for s, e in near)):
            spans += [(m.start(), m.end()) for m in _BLOCKED_RE.finditer(text, lo, hi)]
            for m in _AGO_RE.finditer(text, lo, hi):
                n = _AGO_NUMBER_RE.search(text, max(0, m.start() - 40), m.start())
                spans.append((n.start() if n else m.start(), m.end()))
        spans = _merge(sorted(spans))
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Tell whether text[start:end] overlaps a blocked stretch."""
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans (sorted by start) so their ends grow with their starts."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def looks_like_year(text: str, start: int, end: int, value: float) -> bool:
    """Tell whether a bare integer stands as a year ("in 2023", "2023 году", "2023 was")."""
    if not 1000 <= value <= 2100:
        return False
    if _YEAR_AFTER.match(text, end):
        return True
    before = text[max(0, start - 40) : start]
    if _YEAR_BEFORE.search(before):
        return value >= 1800
    if 1990 <= value <= 2060 and value != 2000 and _named_year(before):
        return True
    return value >= 1900 and bool(_NOT_COUNTED.match(text, end))


# A year inside a name: "Expo 2030", "Net Zero 2050", "Russia 2024 exhibition", "UK 2030 targets" (a round
# 2000 is as often a count: "Moscow 2000 students").
_NAME_BEFORE = re.compile(r"(?:^|(?<=[^\w]))(?P<word>[A-ZА-ЯЁ][\w’'-]*)[ -]$")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?…]\s+|\n\s*)$")


def _named_year(before: str) -> bool:
    """Tell whether the text before a year-like number ends with a name the year belongs to."""
    m = _NAME_BEFORE.search(before)
    if m is None:
        return False
    word = m.group("word")
    if word.isupper():
        return True  # "UK 2030", "EXPO 2030"
    # "About 1995 firms" opens a sentence; "В Москве 2024 студента" names a place where they are counted.
    return not is_cyrillic(word) and _SENTENCE_OPEN.search(before, 0, m.start()) is None


def is_ordinal(text: str, end: int) -> bool:
    """Tell whether digits are followed by an ordinal ending ("21st", "5-й", "9-х")."""
    return bool(_ORDINAL_AFTER.match(text, end))


def is_compound(text: str, start: int, end: int) -> bool:
    """Tell whether a number is glued into a word ("COVID-19", "15-этажное", "100-летие", "G20")."""
    if start > 1 and text[start - 1] in "-‑" and text[start - 2].isalpha():
        return True
    if end < len(text) - 1 and text[end] in "-‑" and text[end + 1].isalpha():
        return True
    return end < len(text) and text[end].isalpha()


def in_slash_pair(text: str, start: int, end: int) -> bool:
    """Tell whether a number is one side of a digit/digit pair (fractions, 24/7, 2020/21)."""
    if start > 1 and text[start - 1] == "/" and text[start - 2].isdigit():
        return True
    return end + 1 < len(text) and text[end] == "/" and text[end + 1].isdigit()


# The age of someone or something: a noun in the dative, then "N лет" ending the clause ("Заводу 119 лет.",
# "Нашей школе уже сто лет", "Младшему сыну Ивана – пять лет").
_AGE_FILLERS = wordset(
    """уже почти было будет исполнилось исполняется исполнится скоро ровно всего только около уж нынче
    сейчас сегодня тогда же тоже теперь"""
)
_AGE_WORD = re.compile(r"[^\W\d_]+|[-–—]")
_AGE_END = re.compile(r"\s*(?:$|[.,;:!?)…»–—]|\s(?:и|а|но|уже|назад)\s)")
_TIME_NOUNS = wordset("год месяц период время день неделя век срок раз")
_AGE_LOOK_BACK = 60


def is_age(text: str, num_start: int, end: int) -> bool:
    """Tell whether "N лет" at text[num_start:end] is the age of the dative noun before it."""
    if not _AGE_END.match(text, end):
        return False
    words = [w.lower() for w in _AGE_WORD.findall(text, max(0, num_start - _AGE_LOOK_BACK), num_start)]
    while words and (words[-1] in "-–—" or words[-1] in _AGE_FILLERS):
        words.pop()
    last = ru_grammemes(words[-1]) if words else frozenset()
    if {"NOUN", "gent"} <= last and "datv" not in last:
        words.pop()  # "сыну Ивана – пять лет": the noun's genitive complement
    if not words or not is_cyrillic(words[-1]):
        return False
    head = ru_grammemes(words[-1])
    if "datv" not in head or not head & {"NOUN", "NPRO"} or lemma(words[-1]) in _TIME_NOUNS:
        return False
    i = len(words) - 2
    while i >= 0 and is_cyrillic(words[i]) and {"ADJF", "datv"} <= ru_grammemes(words[i]):
        i -= 1  # "нашей школе", "младшему сыну"
    return i < 0 or not is_cyrillic(words[i]) or ru_pos(words[i]) != "PREP"
