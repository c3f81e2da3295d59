"""Find what a figure is about, besides what it measures: a partner country, region, company or programme.

Read from the figure's measure and normalised: two countries as one pair in the order written
("Russia–Azerbaijan", "Россия–Азербайджан"), a Russian region in the nominative ("Рязанская область"), a
name in quotes («Аэрофлот»), else the first proper name (a place or an organisation) or an English
capitalised name. None when the measure names nothing of the kind.
"""

from __future__ import annotations

import re

from extractors.text.words import (
    is_cyrillic,
    is_function_word,
    ru_gender,
    ru_grammemes,
    ru_is_name,
    ru_nominative,
    wordset,
)

_PAIR = "–"
# A Russian region: an adjective and its kind ("Рязанской области", "Краснодарского края").
_RU_REGION = re.compile(
    r"(?<!\w)([А-ЯЁ][а-яё-]+(?:ой|ого|ая|ий|ый|ом|ую|ской|ского))\s+"
    r"(област[ьиюей]|кра[йяюе]|округ[ауе]?|республик[аиуе])(?!\w)"
)
_EN_REGION = re.compile(r"(?<!\w)((?:[A-Z][\w-]+\s+){1,2})(Region|Oblast|Territory|Republic|Krai)(?!\w)")
_QUOTED = re.compile(r"«([^«»]{2,40})»|“([^“”]{2,40})”")
_EN_NAME = re.compile(r"(?<![\w-])[A-Z][\w’'-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'-]*)*")
# Demonyms that stand for the country ("the Azerbaijani economy", "UK exports").
_DEMONYMS = {
    "russian": "Russia", "azerbaijani": "Azerbaijan", "chinese": "China", "iranian": "Iran",
    "british": "UK", "scottish": "Scotland", "welsh": "Wales", "belarusian": "Belarus",
    "kazakh": "Kazakhstan", "indian": "India", "turkish": "Turkey", "uzbek": "Uzbekistan",
    "tajik": "Tajikistan", "ukrainian": "Ukraine", "american": "USA", "german": "Germany",
    "french": "France", "japanese": "Japan", "venezuelan": "Venezuela", "armenian": "Armenia",
}  # fmt: skip
_COUNTRIES = wordset(
    """Russia Azerbaijan China Iran UK Britain Scotland Wales England Belarus Kazakhstan India Turkey
    Uzbekistan Tajikistan Kyrgyzstan Ukraine USA US Germany France Japan Venezuela Armenia Myanmar Mongolia
    Vietnam Egypt UAE Brazil Serbia Cuba Syria Abkhazia Moldova Italy Korea Indonesia Malaysia Pakistan
    Iraq Israel Qatar Algeria Ethiopia Nigeria Laos Cambodia Thailand Africa Europe Asia"""
)
# Capitalised words that name who acts or when, not what a figure is about.
_NOT_SUBJECTS = wordset(
    """Government President Minister Ministry Prime Deputy Cabinet Parliament State Federal The This That
    These Those We Our It In On At By For From With And Of To January February March April May June July
    August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    COVID-19 COVID Coronavirus"""
)
_RU_REGION_NOUNS = {"област": "область", "кра": "край", "округ": "округ", "республик": "республика"}


def find_subject(measure: str | None, places_only: bool = False) -> str | None:
    """Return the normalised subject named in a measure, or None.

    places_only: read a Russian capitalised word as a place or organisation only by its tags, never a
    person (for text around a figure, where speakers and officials are named).
    """
    if not measure:
        return None
    pair = _places(measure, places_only)
    if len(pair) >= 2:
        return _PAIR.join(pair[:2])
    region = _region(measure)
    if region:
        return region
    quoted = _QUOTED.search(measure)
    if quoted:
        return (quoted.group(1) or quoted.group(2)).strip()
    if pair:
        return pair[0]
    return _english_name(measure)


def _places(measure: str, places_only: bool = False) -> list[str]:
    """Return the countries and cities a measure names, in order, once each (nominative, capitalised)."""
    out: list[str] = []
    for m in re.finditer(r"[^\W\d_][\w’']*", measure):
        word = m.group().removesuffix("’s").removesuffix("'s")
        if is_cyrillic(word):
            low = word.lower()
            named = ru_is_name(low) and (not places_only or _is_place(low))
            place = ru_nominative(low).capitalize() if word[0].isupper() and named else None
        else:
            place = word if word in _COUNTRIES else _DEMONYMS.get(word.lower())
        if place and place not in out:
            out.append(place)
    return out


def _region(measure: str) -> str | None:
    """Return a region named in a measure ("Рязанской области" Рязанская область, "Moscow Region")."""
    m = _RU_REGION.search(measure)
    if m is not None:
        noun = next(v for k, v in _RU_REGION_NOUNS.items() if m.group(2).lower().startswith(k))
        adjective = ru_nominative(m.group(1).lower(), ru_gender(noun))
        return f"{adjective.capitalize()} {noun}"
    en = _EN_REGION.search(measure)
    return f"{en.group(1).strip()} {en.group(2)}" if en else None


_OPENERS = frozenset(".!?-–—:“«")


def _english_name(measure: str) -> str | None:
    """Return the first capitalised name of an English measure that is not an agent or a date."""
    for m in _EN_NAME.finditer(measure):
        words = [w for w in m.group().split() if w not in _NOT_SUBJECTS and not is_function_word(w.lower())]
        if not words or is_cyrillic(words[0]):
            continue
        opens = m.start() == 0 or measure[: m.start()].rstrip()[-1:] in {
            ".",
            "!",
            "?",
            "-",
            "–",
            "—",
            ":",
            "“",
            "«",
        }
        if opens and len(words) == 1 and not words[0].isupper():
            continue  # "Inflation was ...", "(TASS) - Exports": a capital that opens a sentence, not a name
        around = measure[max(0, m.start() - 1) : m.start()] + measure[m.end() : m.end() + 1]
        if m.group().isupper() and (around.endswith(",") or around in {"()", "//"}):
            continue  # "MOSCOW, March 5 (TASS) -": the place and the agency of a dateline
        return " ".join(words)
    return None


def _is_place(word: str) -> bool:
    """Tell whether a lower-case Russian name is a place or an organisation, not a person."""
    grams = ru_grammemes(word)
    return bool(grams & {"Geox", "Orgn"}) and not grams & {"Name", "Surn", "Patr"}
