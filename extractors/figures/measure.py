"""Find what a figure measures: the noun phrase of the thing measured, never a function word or pronoun.

The phrase is read from the figure's sentence in an order that depends on the kind of figure: what is
counted stands right after a count ("262 vehicles", "1200 коек"); what money is for after the amount
("£10 million for local roads", "11 млрд рублей на строительство жилья"); otherwise the noun phrase before
the figure, nearest first: the object after the last verb of its clause ("подписал распоряжение об
увеличении резервного фонда на ..."), else the subject before its first verb ("Exports of grain rose by
5%"), looking back across commas and dashes when the clause holds none ("Доля Москвы ... – свыше 21
процента"). Period phrases are cut out first; a phrase left with only function words, adverbs, pronouns
or numbers is no measure (None).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from extractors.text.words import (
    is_adverb,
    is_cyrillic,
    is_empty_phrase,
    is_function_word,
    lemma,
    ru_is_name,
    ru_pos,
    wordset,
)

# Words in a row, with the punctuation that may stand inside a noun phrase ("Russia–Azerbaijan", "U.K.'s").
_TOKEN = re.compile(r"[^\W\d_][\w’'.‑-]*|\d[\d.,]*")
# Breaks between chunks: commas (not in numbers), semicolons, colons, brackets, quotes, spaced dashes.
_BREAK = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()\[\]!?]|\s[–—]\s|\s-\s|\n"
    r"|(?<!\w)(?:compared\s+(?:with|to)|versus|по\s+сравнению\s+с|в\s+сравнении\s+с)(?!\w)",
    re.IGNORECASE,
)
# English verbs that end a subject or open an object (no tagger for English: the common forms, -ed forms).
_EN_VERBS = wordset(
    """is are was were be been being has have had will would shall should can could may might must
    rose rise rises risen grew grow grows fell fall falls reached reaches reach stood stands amounted
    amounts totalled totaled totals made makes make spent spend spends received receives receive
    gave gives give got gets get paid pays pay went goes take takes took set sets put puts allocate
    allocates provide provides bring brings brought came come comes saw see sees hit hits exceed exceeds
    cost costs means mean meant includes include including worth help helps support supports fund funds
    invest invests announce announces welcome welcomes estimated expected going grown shown known given
    taken seen done think thinks believe believes say says said know knows want wants need needs hope
    hopes let told tell noted note stressed added"""
)
_EN_VERB_END = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
_EN_NOT_VERB_ED = wordset("need red bed seed feed speed hundred based limited united skilled")
# "X – это Y", "X is Y": the figure is defined by the noun phrase after.
_IS_AFTER = re.compile(r"\]?\s*(?:[–—-]\s*)?(?:это|является|составляет)\s+", re.IGNORECASE)
# What ends the phrase after a figure: a break, or the next number; and what cuts chunks before one.
_AFTER_STOP = re.compile(_BREAK.pattern + r"|\d", re.IGNORECASE)
_SPLIT = re.compile(_BREAK.pattern + r"|\d[\d.,]*(?:\s*(?:год[а-яё]*|гг?\.|г\.)(?!\w))?", re.IGNORECASE)
_RU_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND", "ADJS"})
_RU_NOUN_POS = frozenset({"NOUN"})
# Prepositions after an amount that name what the money is for ("for", "на", "для").
_PURPOSE = wordset("for to towards on into на для")
_OF = frozenset({"of"})
# Who acts is not what is measured ("The Government will allocate ...", "В.Путин: ..."), and a generic
# head says nothing of its own ("the amount", "these purposes", "объём"): the next phrase is read instead.
_AGENTS = wordset(
    """government president minister ministry cabinet premier chancellor secretary chairman governor mayor
    department office правительство президент министр министерство премьер губернатор мэр глава
    председатель кабмин ведомство товарищ господин коллега"""
)
_GENERIC = wordset(
    """amount sum total volume level figure number part purposes purpose end way forecast extra additional
    объем сумма размер уровень отметка цифра число количество часть цель итог порядок
    year years month months week weeks day days time period год месяц неделя день время период течение
    same показатель значение средний figures numbers amounts data total overall whole huge big large small
    record massive significant substantial estimated new"""
)
_MAX_WORDS = 9
_LOOK_BACK = 220  # characters before the figure that may hold its noun phrase
_CHUNKS_BACK = 4


def find_measure(
    text: str,
    start: int,
    end: int,
    sent: tuple[int, int],
    kind: str,
    skip: list[tuple[int, int]],
) -> str | None:
    """Return the noun phrase of what the figure at text[start:end] measures, or None.

    skip: spans that are no part of a measure (period phrases, the other figures of the sentence).
    """
    s0, s1 = sent
    limit = min(s1, end + 160)
    if kind == "money":
        named = _named_before_of(text, max(s0, start - _LOOK_BACK), start, skip)
        if named:
            return named
    after = _after(text, end, limit, kind, skip) or _defined(text, end, limit, skip)
    if not after and kind == "money":
        after = _purpose_after_verb(text, end, limit, skip)
    if after:
        return after
    for phrase in _before(text, max(s0, start - _LOOK_BACK), start, skip):
        return phrase
    if kind != "count":
        return _after(text, end, limit, "count", skip)
    return _subject_after_verb(text, end, limit, skip)


def _named_before_of(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> str | None:
    """Return the noun phrase an amount is "of" ("a lump sum payment of 10,000 rubles", "budget
    assignations in the amount of 900 million rubles"): it names the money before any purpose after it."""
    for toks in _chunks_back(text, lo, hi, skip):
        link = _amount_link(toks)
        if not link or len(toks) <= link or text[toks[-1][1] : hi].strip():
            return None
        head = toks[:-link]
        verbs = [i for i, t in enumerate(head) if _is_verb(t[2], loose=True) or _after_modal(head, i)]
        return _clean(text, head[verbs[-1] + 1 if verbs else 0 :], keep="right")
    return None


# What joins a noun to its amount: "of", "в размере", "на сумму", "объёмом".
_AMOUNT_LINKS = (("of",), ("в", "размере"), ("на", "сумму"), ("в", "объеме"), ("объемом",), ("стоимостью",))


def _amount_link(toks: list[_Tok]) -> int:
    """Return how many of a chunk's last words join a noun to the amount after it (0 if none)."""
    last = [t[2].lower().replace("ё", "е") for t in toks[-2:]]
    for link in _AMOUNT_LINKS:
        if tuple(last[-len(link) :]) == link:
            return len(link)
    return 0


def _defined(text: str, end: int, limit: int, skip: list[tuple[int, int]]) -> str | None:
    """Return the noun phrase that a figure is said to be ("69 тысяч – это средняя заработная плата"), or
    the subject after its verb ("почти в два раза выросла доля несырьевого экспорта")."""
    m = _IS_AFTER.match(text, end, limit)
    if m is not None:
        toks = _tokens_after(text, m.end(), limit, skip)
        return _clean(text, _until_verb(toks, skip_first=False), keep="left", loose=False)
    return _subject_after_verb(text, end, limit, skip)


def _subject_after_verb(text: str, end: int, limit: int, skip: list[tuple[int, int]]) -> str | None:
    """Return the noun phrase after a verb that directly follows the figure (Russian inverted order)."""
    toks = _tokens_after(text, end, limit, skip)
    if len(toks) < 2 or not _is_verb(toks[0][2]) or not is_cyrillic(toks[0][2]):
        return None
    return _clean(text, _until_verb(toks[1:], skip_first=False), keep="left", loose=False)


def _after(text: str, end: int, limit: int, kind: str, skip: list[tuple[int, int]]) -> str | None:
    """Return the noun phrase right after a figure that names what it counts or what money is for."""
    toks = _tokens_after(text, end, limit, skip)
    if not toks:
        return None
    first = toks[0][2].lower()
    if kind in {"count", "quantity"}:
        phrase = toks[1:] if first in _OF else toks
        if phrase and lemma(phrase[0][2].lower()) in _PEOPLE:
            # "8,5 тысячи ребят получили стобалльные результаты": who they are is what they do
            return _people(text, phrase[:_MAX_WORDS])
    elif kind == "money":
        phrase = toks[1:] if first in _PURPOSE or first in _OF else []
        if first == "to" and len(toks) > 1 and toks[1][2].lower() in _EN_VERBS | {"help", "support"}:
            phrase = toks[1:]  # "£10 million to help councils": the purpose is the infinitive's object
        elif not phrase and (_names_money(toks[0][2]) or _noun_compound(toks)):
            phrase = toks  # "a £1.5 billion subsidy for ...", "£25 million flexible funding"
    else:
        phrase = toks[1:] if first in _OF else []
    return _clean(text, _until_verb(phrase, skip_first=kind == "money"), keep="left", loose=False)


# Words of a passive or future verb chain after an amount ("will be allocated", "has also been used to
# finance", "будут направлены"), before the purpose it names.
_CHAIN = wordset(
    """will would shall should can could may might must be been is are was were has have had also then
    further additionally used spent allocated provided distributed directed channelled channeled given
    made available invested earmarked set aside paid transferred sent going go goes went to finance fund
    support
    будут будет было были был была пойдут пойдёт пойдет направят направлены направлено направлена
    выделят выделены выделено выделена пошли пошло уйдут уйдёт уйдет ушли ушло предусмотрено
    предусмотрены потрачено потрачены израсходовано также дополнительно ещё еще"""
)
_CHAIN_REACH = 7


def _purpose_after_verb(text: str, end: int, limit: int, skip: list[tuple[int, int]]) -> str | None:
    """Return what money is for when a verb chain stands between it and the purpose ("57 million
    rubles will be allocated on agricultural vehicle production", "200 миллиардов будут направлены на")."""
    toks = _tokens_after(text, end, limit, skip)
    for i, (_, _, word) in enumerate(toks[:_CHAIN_REACH]):
        w = word.lower()
        if i and w in _PURPOSE and toks[i - 1][2].lower() in _CHAIN:
            rest = toks[i + 1 :]
            if w == "to" and rest and rest[0][2].lower() in _CHAIN | _EN_VERBS:
                rest = rest[1:]  # "to finance the construction of ...": the infinitive's object
            return _clean(text, _until_verb(rest, skip_first=False), keep="left", loose=False)
        if w not in _CHAIN:
            return None
    return None


# Counted nouns that say only "people": the clause after them says which people.
_PEOPLE = wordset("человек люди ребята ребёнок ребенок дети гражданин people persons individuals")


def _people(text: str, toks: list[_Tok]) -> str:
    """Return a count's people and the clause after them, ending on its last content word or verb."""
    while len(toks) > 1 and (
        toks[-1][2][:1].isdigit()
        or is_function_word(toks[-1][2].lower())
        or is_adverb(toks[-1][2].lower())
        or lemma(toks[-1][2].lower()) in _GENERIC
    ):
        toks = toks[:-1]
    return text[toks[0][0] : toks[-1][1]]


def _tokens_after(text: str, end: int, limit: int, skip: list[tuple[int, int]]) -> list[_Tok]:
    """Return the first words after a figure up to a break or a number, leaving out period phrases."""
    stop = _AFTER_STOP.search(text, end, limit)
    hi = stop.start() if stop else limit
    toks = _tokens(text, end, hi)
    near = [(a, b) for a, b in skip if b > end and a < hi]
    if near:  # "в 1,5 раза в августе – декабре": a period is no part of what is measured
        toks = [t for t in toks if not any(a <= t[0] and t[1] <= b for a, b in near)]
    return toks[: _MAX_WORDS + 3]


def _before(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> Iterator[str]:
    """Yield the noun phrases before a figure: each chunk's object, then its subject, nearest first."""
    anaphora = False  # a pronoun stood for the thing: its antecedent is the nearest noun phrase before
    for n, toks in enumerate(_chunks_back(text, lo, hi, skip)):
        verbs = [i for i, t in enumerate(toks) if _is_verb(t[2], loose=True) or _after_modal(toks, i)]
        if not verbs:
            parts = [(_after_complementizer(toks), "right")]
        else:
            obj = (toks[verbs[-1] + 1 :], "right")
            subj = (_after_complementizer(toks[: verbs[0]]), "left")
            parts = [obj, subj] if n == 0 or anaphora else [subj, obj]
            # "инфляция – она составила 9,52 процента", "... производства, мы говорим: они добавили 8,5"
            anaphora = anaphora or (n == 0 and _pronoun_subject(subj[0]))
            # Then what stands between two verbs, nearest first ("signed a decree to allocate ...").
            parts += [(toks[a + 1 : b], "left") for a, b in reversed(list(itertools.pairwise(verbs)))]
        for part, keep in parts:
            phrase = _clean(text, part, keep)
            if phrase:
                yield phrase


_Tok = tuple[int, int, str]
# Pronouns that stand for a thing named before ("она составила", "they rose by").
_ANAPHORA = wordset("он она оно они it they its their")


_MODALS = wordset("will would shall should can could may might must")


def _after_modal(toks: list[_Tok], i: int) -> bool:
    """Tell whether an English word follows a modal or an opening "To": a verb ("we will distribute")."""
    if i == 0 or is_cyrillic(toks[i][2]):
        return False
    return toks[i - 1][2].lower() in _MODALS or toks[i - 1][2] == "To"  # "To complement the £30 million"


_COMPLEMENTIZERS = wordset("that which who whether что чтобы который которая которое которые")


def _after_complementizer(toks: list[_Tok]) -> list[_Tok]:
    """Return the words after the last "that"/"что" of a subject: the subject of the clause it opens."""
    for i in range(len(toks) - 1, -1, -1):
        if toks[i][2].lower() in _COMPLEMENTIZERS:
            return toks[i + 1 :]
    return toks


def _pronoun_subject(toks: list[_Tok]) -> bool:
    """Tell whether a clause's subject is a pronoun standing for a thing named before."""
    return len(toks) >= 1 and toks[-1][2].lower() in _ANAPHORA


def _chunks_back(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> Iterator[list[_Tok]]:
    """Yield the word chunks of text[lo:hi] from the nearest back: cut at breaks, skipped spans, numbers.

    The window is split once in C (re.split) and walked from its end, so a run of numbers costs little.
    """
    blanks = sorted((max(a, lo), min(b, hi)) for a, b in skip if b > lo and a < hi)
    cuts = [*_merge_cuts(blanks, _SPLIT.finditer(text, lo, hi)), (hi, hi)]
    found, end = 0, hi
    for cut_start, cut_end in reversed(cuts):
        toks = _tokens(text, cut_end, end) if cut_end < end else []
        if toks and not _speaker_label(text, toks):
            yield toks
            found += 1
            if found == _CHUNKS_BACK:
                return
        end = min(end, cut_start)
    toks = _tokens(text, lo, end) if lo < end else []
    if toks:
        yield toks


def _speaker_label(text: str, toks: list[_Tok]) -> bool:
    """Tell whether a chunk is a speaker label of a transcript ("Vladimir Putin:", "В.Путин:")."""
    after = text[toks[-1][1] : toks[-1][1] + 3].lstrip()
    names = all(w[:1].isupper() for _, _, w in toks) and (len(toks) >= 2 or "." in toks[0][2])
    return after.startswith(":") and names


def _merge_cuts(blanks: list[tuple[int, int]], breaks: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    """Return the skipped spans and the break matches as one list of disjoint spans sorted by start.

    Overlaps are merged: a break inside a skipped period ("в августе – декабре 2021 года") must not let
    the period's tail back into a chunk.
    """
    out: list[tuple[int, int]] = []
    for a, b in sorted([*blanks, *((m.start(), m.end()) for m in breaks)]):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    """Return (start, end, word) of the word tokens of text[lo:hi]; a trailing full stop is not part."""
    out = []
    for m in _TOKEN.finditer(text, lo, hi):
        word = m.group().rstrip(".")
        out.append((m.start(), m.start() + len(word), word))
    return out


def _names_money(word: str) -> bool:
    """Tell whether a word right after an amount opens a noun phrase naming the money ("subsidy")."""
    w = word.lower()
    if is_function_word(w) or is_adverb(w) or _is_verb(w, loose=True):
        return False
    return ru_pos(w) in {"NOUN", "ADJF"} if is_cyrillic(w) else not word[:1].isupper()


# Words that are verbs as often as nouns; before another noun they open a compound ("support package").
_VERB_NOUNS = wordset("support fund help aid cost investment relief rescue recovery")


def _noun_compound(toks: list[_Tok]) -> bool:
    """Tell whether the words after an amount open an English compound ("£41 million support package")."""
    if len(toks) < 2 or toks[0][2].lower() not in _VERB_NOUNS:
        return False
    nxt = toks[1][2]
    return nxt.islower() and not is_cyrillic(nxt) and not _edge_word(nxt, loose=True)


def _until_verb(toks: list[_Tok], skip_first: bool) -> list[_Tok]:
    """Return the tokens up to the first verb (the first token may be one: "to help ...")."""
    for i, t in enumerate(toks):
        if (i or not skip_first) and _is_verb(t[2]):
            return toks[:i]
    return toks


def _is_verb(word: str, loose: bool = False) -> bool:
    """Tell whether a word is a verb (Russian by the analyser; English by a list, loosely by -ed/-ing).

    The endings are read only before a figure: after one, "assorted grains" is a noun phrase.
    """
    w = word.lower()
    if any("а" <= ch <= "я" or ch == "ё" for ch in w):
        return ru_pos(w) in _RU_VERB_POS
    return w in _EN_VERBS or (loose and bool(_EN_VERB_END.match(w)) and w not in _EN_NOT_VERB_ED)


def _clean(text: str, toks: list[_Tok], keep: str, loose: bool = True) -> str | None:
    """Return the phrase of toks trimmed of function words and adverbs at both ends, or None if empty."""
    if len(toks) > _MAX_WORDS:
        toks = toks[:_MAX_WORDS] if keep == "left" else toks[-_MAX_WORDS:]
    while toks and _edge_word(toks[0][2], loose):
        toks = toks[1:]
    while toks and (_edge_word(toks[-1][2], loose) or lemma(toks[-1][2].lower()) in _GENERIC):
        toks = toks[:-1]
    if not toks:
        return None
    phrase = text[toks[0][0] : toks[-1][1]]
    if is_empty_phrase(phrase) or not _names_a_thing(toks) or not _informative(text, toks):
        return None
    return phrase


def _edge_word(word: str, loose: bool) -> bool:
    """Tell whether a word cannot open or close a measure: a function word, adverb, verb or number."""
    w = word.lower()
    return w[:1].isdigit() or is_function_word(w) or is_adverb(w) or _is_verb(w, loose)


def _names_a_thing(toks: list[_Tok]) -> bool:
    """Tell whether a phrase holds a noun (Russian by the analyser; any English content word counts)."""
    for _, _, word in toks:
        w = word.lower()
        if not any("а" <= ch <= "я" or ch == "ё" for ch in w):
            return True
        if ru_pos(w) in _RU_NOUN_POS or word[:1].isupper():
            return True
    return False


def _informative(text: str, toks: list[_Tok]) -> bool:
    """Tell whether a phrase names more than an agent, a person, a place or a generic head ("the amount")."""
    for start, _, word in toks:
        w = word.lower()
        if word.isupper() and _dateline(text, start):
            continue
        if is_function_word(w) or is_adverb(w) or lemma(w) in _GENERIC or lemma(w) in _AGENTS:
            continue
        if any("а" <= ch <= "я" or ch == "ё" for ch in w):
            if "." not in w and not ru_is_name(w):
                return True  # "В.Путин": an initial makes a name
        elif not word[:1].isupper() or _opens_sentence(text, start):
            return True  # English names are capitalized inside a sentence
    return False


def _opens_sentence(text: str, pos: int) -> bool:
    """Tell whether the word at pos opens a sentence (nothing but spaces and quotes after a full stop).

    The dash after a dateline's agency counts as a full stop ("MOSCOW, March 5 (TASS) - Exports ...").
    """
    i = _skip_back(text, pos - 1, ' \t\u00a0«"“')
    if i >= 0 and text[i] in "-–—":
        j = _skip_back(text, i - 1, " \t\u00a0")
        return j >= 0 and text[j] in ")/"
    return i < 0 or text[i] in ".!?\n"


def _skip_back(text: str, i: int, chars: str) -> int:
    """Return the index of the last character at or before i that is not one of chars (-1 if none)."""
    while i >= 0 and text[i] in chars:
        i -= 1
    return i


# A dateline's place: a word in capitals opening a line, then a comma ("MOSCOW, March 5 (TASS) -").
_DATELINE = re.compile(r"(?:^|(?<=\n))[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ\s.-]{2,30},")


def _dateline(text: str, start: int) -> bool:
    """Tell whether the word at start is the place of a dateline, which names no measure."""
    line = text.rfind("\n", 0, start) + 1
    m = _DATELINE.match(text, line)
    return m is not None and start < m.end()
