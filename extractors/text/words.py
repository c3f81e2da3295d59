"""Words of English and Russian text: tokens, Russian lemmas, function words and content words.

A content word is a word that names something: not a preposition, conjunction, particle, article,
pronoun, auxiliary or modal verb. The gate compares context fields by their content words (Russian ones
by lemma, pymorphy3), and the figure extractor refuses a "measure" that holds none. Adverbs ("already",
"почти", "больше") are content words for the comparison but never a measure (see `is_empty_phrase`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

_WORD_RE = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def wordset(spaced: str) -> frozenset[str]:
    """Return the set of space-separated words (keeps the word lists below compact)."""
    return frozenset(spaced.split())


# English function words: articles, determiners, pronouns, prepositions, conjunctions, auxiliaries,
# modals and the particles and discourse words that open a clause.
EN_FUNCTION_WORDS = wordset(
    """a an the this that these those such each every either neither both all any some no none another other
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs one ones
    myself ourselves yourself yourselves himself herself itself themselves who whom whose which what whatever
    whoever there here where when while whereas why how
    of to in into on onto at by for from with without within about above below over under between among
    through throughout during before after since until till against towards toward upon per via across
    along around beyond behind beside besides despite except inside outside near off out up down than as
    and or but nor so yet if unless because although though whether then thus hence therefore however also
    be am is are was were been being have has had having do does did done doing
    will would shall should can could may might must ought
    not n't to just only even very too quite rather really much many more most less least few fewer
    s 's"""
)
# English adverbs and fillers that stand before a number but never name what it measures.
EN_ADVERBS = wordset(
    """already almost nearly about around approximately roughly some over under just still now today
    currently again already also further furthermore moreover plus minus more less higher lower up down
    well so yes indeed actually certainly around overall altogether together total totally exactly
    only merely simply respectively annually yearly monthly ago later earlier soon recently last
    first"""
)
# Russian function words that the analyser may tag otherwise ("это" is also a noun form; "то есть").
RU_FUNCTION_WORDS = wordset(
    """это этот эта эти этих этого этой этим тот та то те того той тем тех такой такая такое такие
    весь вся всё все всего всех всем свой своя своё свои его её их ее который которая которое которые
    есть быть был была было были будет будут будем буду являться является являются
    мочь может могут можно нужно надо должен должна должно должны
    как так же ли ни не бы вот уже ещё еще даже лишь только именно почти около более менее больше меньше
    плюс минус примерно порядка свыше где когда тогда там тут здесь также тоже
    и а но или либо да что чтобы чем кто ведь"""
)
# pymorphy3 parts of speech that are function words or pronouns (NPRO), and adverb-like ones.
_RU_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
_RU_ADVERB_POS = frozenset({"ADVB", "COMP", "PRED"})


@cache
def _morph() -> Any:
    """The Russian morphological analyser, loaded once (about 15 MB of dictionaries)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# Tags of proper names: first names, surnames, patronymics, places, organisations.
_RU_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=200_000)
def _ru_parse(word: str) -> tuple[str, str, bool]:
    """Return (lemma, part of speech, is a proper name) of a lower-case Russian word, likeliest reading."""
    best = _morph().parse(word)[0]
    lemma = best.normal_form.replace("ё", "е")
    pos = str(best.tag.POS or "")
    if "Apro" in best.tag:  # pronominal adjectives: "наш", "весь", "такой"
        pos = "NPRO"
    return lemma, pos, any(tag in best.tag for tag in _RU_NAME_TAGS)


def words(text: str) -> list[str]:
    """Return the lower-case word tokens of text (digits count as words: "2023")."""
    return [w.lower().replace("’", "'") for w in _WORD_RE.findall(text or "")]


def is_cyrillic(word: str) -> bool:
    """Tell whether a word is written in Cyrillic letters."""
    return bool(_CYRILLIC.search(word))


def lemma(word: str) -> str:
    """Return the lemma of a lower-case Russian word, or the word itself for any other."""
    return _ru_parse(word)[0] if is_cyrillic(word) else word


def ru_pos(word: str) -> str:
    """Return the likeliest part of speech of a lower-case Russian word (pymorphy3 tags: NOUN, VERB ...)."""
    return _ru_parse(word)[1]


def ru_nominative(word: str, gender: str | None = None) -> str:
    """Return a lower-case Russian word in the nominative singular (an adjective in the given gender)."""
    best = _morph().parse(word)[0]
    grams = {"nomn", "sing"} | ({gender} if gender else set())
    form = best.inflect(grams) if best.tag.POS in {"ADJF", "PRTF"} else None
    return str(form.word if form is not None else best.normal_form)


def ru_gender(word: str) -> str | None:
    """Return the gender tag (masc, femn, neut) of a lower-case Russian noun, or None."""
    gender = _morph().parse(word)[0].tag.gender
    return str(gender) if gender else None


def ru_is_name(word: str) -> bool:
    """Tell whether a lower-case Russian word reads as a proper name (person, place, organisation)."""
    return _ru_parse(word)[2]


def is_function_word(word: str) -> bool:
    """Tell whether a lower-case word is a function word or pronoun (English or Russian)."""
    if not is_cyrillic(word):
        return word in EN_FUNCTION_WORDS
    if word.replace("ё", "е") in RU_FUNCTION_WORDS:
        return True
    lem, pos, _ = _ru_parse(word)
    return pos in _RU_FUNCTION_POS or lem in RU_FUNCTION_WORDS


def is_adverb(word: str) -> bool:
    """Tell whether a lower-case word is an adverb, comparative or predicative ("almost", "больше")."""
    if not is_cyrillic(word):
        return word in EN_ADVERBS or (word.endswith("ly") and len(word) > 4)
    return _ru_parse(word)[1] in _RU_ADVERB_POS


def content_words(text: str | None) -> frozenset[str]:
    """Return the content words of text: lower-cased, Russian ones as lemmas, function words left out."""
    return frozenset(lemma(w) for w in words(text or "") if not is_function_word(w))


def is_empty_phrase(text: str | None) -> bool:
    """Tell whether a phrase holds no word that can name a thing (only function words, adverbs, numbers)."""
    return not any(
        not (w.isdigit() or is_function_word(w) or is_adverb(w)) and any(ch.isalpha() for ch in w)
        for w in words(text or "")
    )


def agree(gold: str | None, predicted: str | None) -> bool:
    """Tell whether two context values agree: both absent, or both present sharing a content word."""
    if not gold or not predicted:
        return not gold and not predicted
    return bool(content_words(gold) & content_words(predicted))


def nominative_phrase(phrase: str) -> str:
    """Return a Russian noun phrase with its head in the nominative ("губернатором Тверской области" ->
    "губернатор Тверской области"); the head is the first noun, with the adjectives before it and a head
    joined by "и"; the words it governs keep their case. Other text is returned as it is."""
    tokens = phrase.split(" ")
    case, i = None, 0
    out: list[str] = []
    while i < len(tokens):
        token = tokens[i]
        best = _morph().parse(token.lower())[0] if is_cyrillic(token) else None
        pos = str(best.tag.POS) if best is not None else ""
        if best is None or pos not in {"NOUN", "ADJF", "PRTF"} or case not in (None, best.tag.case):
            if token == "и" and out and case is not None:  # "директором и председателем": a second head
                out.append(token)
                i += 1
                continue
            break
        case = best.tag.case
        form = best.inflect({"nomn"})
        word = str(form.word) if form is not None else token.lower()
        out.append(word[:1].upper() + word[1:] if token[:1].isupper() else word)
        i += 1
        if pos == "NOUN" and not (i < len(tokens) and tokens[i] == "и"):
            break
    return " ".join(out + tokens[len(out) :])


@lru_cache(maxsize=100_000)
def ru_grammemes(word: str) -> frozenset[str]:
    """Return the grammemes of a lower-case Russian word's most likely analysis ({"NOUN", "anim", "nomn",
    ...}; "Name", "Surn", "Geox", "Orgn" mark proper names) with the cases, aspects and tenses its other
    analyses of the same part of speech allow ("стороны": genitive, and nominative plural; "считаем":
    perfective future, and imperfective present), or none for a word in another script."""
    if not is_cyrillic(word):
        return frozenset()
    parses = _morph().parse(word)
    best = parses[0].tag
    same = [p.tag for p in parses[1:] if p.tag.POS == best.POS]
    other = {g for tag in same for g in (tag.case, tag.aspect, tag.tense) if g}
    return frozenset(best.grammemes) | frozenset(str(g) for g in other)
