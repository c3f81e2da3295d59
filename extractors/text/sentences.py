"""Split English and Russian press-release text into sentence spans.

A rule-based splitter tuned to official prose: a candidate end is terminal punctuation (with any closing
quotes or brackets) followed by whitespace; it becomes a boundary only when the next token can open a
sentence and the token before the full stop is not an abbreviation or an initial. A blank line always
ends a sentence. One regex pass plus bounded look-arounds keeps it linear in the text length.
"""

from __future__ import annotations

import re

_CLOSERS = "\"'»”’)]"
_OPENERS = "\"'«“„‘(["
_DASHES = "–—-"

# Terminal punctuation and its closers, then the whitespace run after it.
# The look-behind and possessive runs keep a long run of dots from costing quadratic time.
# A colon before a numbered item ("постановляю: 1. Образовать ...") also ends a sentence: each item of a
# decree is one.
_CANDIDATE = re.compile(
    r"(?<![.!?…])[.!?…]++[" + re.escape(_CLOSERS) + r"]*+(\s+)|:(\s+)(?=\d{1,3}\.\s+[^\W\d_])"
)
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"\n\s*")
_WORD_BEFORE_DOT = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")


def _words(spaced: str) -> frozenset[str]:
    """Return the set of space-separated words (keeps the word lists below compact)."""
    return frozenset(spaced.split())


# Abbreviations that precede a name and so never end a sentence (compared case-sensitively).
_PREFIX_ABBREVIATIONS = _words(
    "Mr Mrs Ms Dr St Prof Gen Sen Rep Gov Lt Col Capt Sgt Hon Rev Mt Ft Messrs Jr Sr "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs cf viz approx "
    "ул им пр просп пер пл наб обл д корп стр тов гр акад проф св тт "
    "e.g i.e т.е т.к т.н т.ч т.о и.о"
)
# Abbreviations that precede a number ("No. 5", "ст. 12", "п. 3") but may end a sentence otherwise
# ("5 т. В 2024 году": tonnes, "10 см. Далее": centimetres).
_NUMBER_ABBREVIATIONS = _words("No Nos Art Fig Vol Ch Sec Para p pp ст п пп ч гл рис табл т кв см")
_YEAR_ABBREVIATIONS = frozenset(("г", "гг"))
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[A-Za-zА-Яа-я]|[IVXLC]{1,6})\s*")


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of text, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for m in _CANDIDATE.finditer(text, block_start, block_end):
            if m.group(2) is not None:  # the colon before a numbered item
                _add(text, start, m.start(2), spans)
                start = m.end(2)
                continue
            end, nxt = m.start(1), m.end(1)
            if nxt < block_end and _is_boundary(text, start, m.start(), end, nxt):
                _add(text, start, end, spans)
                start = nxt
        _add(text, start, block_end, spans)
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Cut text at blank lines, and at single line breaks before a line that opens a sentence."""
    cuts: list[tuple[int, int]] = []
    start = 0
    for m in _LINE.finditer(text):
        if (
            _PARAGRAPH.match(text, m.start())
            or _opens_sentence(text, m.end())
            or _ends_sentence(text, m.start())
        ):
            cuts.append((start, m.start()))
            start = m.end()
    cuts.append((start, len(text)))
    return cuts


def _is_boundary(text: str, start: int, punct_start: int, end: int, nxt: int) -> bool:
    """Tell whether the punctuation text[punct_start:end], followed by text[nxt:], ends a sentence."""
    if not _opens_sentence(text, nxt):
        return False
    if punct_start - start <= 8 and _ENUMERATOR.fullmatch(text, start, punct_start):
        return False  # a list number ("1. The ...", "II. Итоги")
    if text[punct_start:end].rstrip(_CLOSERS) != ".":
        return True  # "!", "?", "..." before a capital: a boundary
    if end > punct_start + 1 and text[punct_start + 1] in _CLOSERS:
        return True  # "word.» Next": the full stop closes a quotation
    return not _is_abbreviation(text, start, punct_start, nxt)


def _is_abbreviation(text: str, start: int, dot: int, nxt: int) -> bool:
    """Tell whether the full stop at text[dot] closes an abbreviation or an initial."""
    m = _WORD_BEFORE_DOT.search(text, max(0, dot - 24), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    before = text[m.start() - 1] if m.start() > 0 else " "
    if before.isalnum() or before in "-'’":
        return False  # the dot follows a longer token (an abbreviation inside a word is not one)
    if word in _NUMBER_ABBREVIATIONS:
        return text[nxt].isdigit()
    if word in _PREFIX_ABBREVIATIONS or word.lower() in _PREFIX_ABBREVIATIONS:
        return True
    if word in _YEAR_ABBREVIATIONS:
        if text[nxt] == "№":
            return True  # "от 5 апреля 2016 г. № 156": the number of the act dated just before
        # "г. Москва" is a city; "в 2025 г." ends a sentence unless it opens one ("В 2025 г. Правительство").
        return not _digit_before(text, m.start()) or len(text[start : m.start()].split()) <= 4
    if len(word) == 1 and word.isupper():
        return True  # an initial: "V. Putin", "В. Путин"
    # Dotted capitals ("U.S.", "С.С.") are initials; dotted lower case ("т.д.", "т.п.") may end a sentence.
    return "." in word and word.isupper() and all(len(part) == 1 for part in word.split("."))


def _digit_before(text: str, pos: int) -> bool:
    """Tell whether the token before text[pos] (skipping spaces) ends in a digit."""
    i = pos - 1
    while i >= 0 and text[i] in " \u00a0":
        i -= 1
    return i >= 0 and text[i].isdigit()


def _opens_sentence(text: str, pos: int) -> bool:
    """Tell whether text[pos:] can open a sentence: a capital, digit, opening quote, bullet or speech dash."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch.isupper() or ch.isdigit() or ch in "•·*№§":
        return True
    if ch in _OPENERS:
        return pos + 1 < len(text) and not text[pos + 1].islower()
    if ch in _DASHES:
        j = pos + 1
        while j < len(text) and text[j] in " \u00a0":
            j += 1
        return j < len(text) and (text[j].isupper() or text[j] in _OPENERS or text[j].isdigit())
    return False


def _ends_sentence(text: str, pos: int) -> bool:
    """Tell whether the text before pos (skipping spaces) ends with terminal punctuation or a colon."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i >= 0 and text[i] in ".!?…:;"


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append text[start:end] trimmed of whitespace, when anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
