"""Match a phrase against a vocabulary of terms: every content word of a term found in the phrase.

Words are compared normalised: Russian ones by lemma, English ones lower-cased and singular ("exports" =
"export"). The vocabulary is plain data (id, terms, kinds, units), so the figure extractor can match
indicators without reading the configuration itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractors.text.words import content_words, is_cyrillic


def singular(word: str) -> str:
    """Return an English word in a naive singular ("exports" export, "subsidies" subsidy); others as is."""
    if is_cyrillic(word) or len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def normalised(phrase: str | None) -> frozenset[str]:
    """Return the normalised content words of a phrase."""
    return frozenset(singular(w) for w in content_words(phrase))


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry: an id, its terms, and the kinds and units it may take (None: any unit)."""

    id: str
    terms: tuple[str, ...]
    kinds: frozenset[str]
    units: frozenset[str] | None = None


class TermIndex:
    """A vocabulary prepared for matching: each term as a set of normalised content words."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._terms: list[tuple[frozenset[str], int, Entry]] = []
        for order, entry in enumerate(entries):
            for term in entry.terms:
                words = normalised(term)
                if words:
                    self._terms.append((words, order, entry))
        # Longest terms first (in words, then letters), then file order: the first term a phrase holds is
        # the most specific one ("индекс-дефлятор ВВП" is the deflator, not GDP).
        self._terms.sort(key=lambda t: (-len(t[0]), -sum(map(len, t[0])), t[1]))

    def match(self, phrase: str | None, kind: str, unit: str | None) -> str | None:
        """Return the id of the entry whose longest term the phrase holds and whose kind and unit fit."""
        words = normalised(phrase)
        if not words:
            return None
        for term, _, entry in self._terms:
            if term <= words and kind in entry.kinds and (entry.units is None or unit in entry.units):
                return entry.id
        return None
