"""Match a phrase against a vocabulary of terms: every content word of a term found in the phrase.

Words are compared normalised: Russian ones by lemma, English ones lower-cased and singular ("exports" =
"export"). The vocabulary is plain data (id, terms, kinds, units), so the figure extractor can match
indicators without reading the configuration itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractors.text.words import content_words, is_cyrillic, lemma, words


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


_PREFIX = 3  # letters a word and its lemma share at the start, nearly always


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry: an id, its terms, and the kinds and units it may take (None: any unit)."""

    id: str
    terms: tuple[str, ...]
    kinds: frozenset[str]
    units: frozenset[str] | None = None
    cues: tuple[str, ...] = ()  # words near a figure that give it this entry before its own phrase does


class TermIndex:
    """A vocabulary prepared for matching: each term as a set of normalised content words."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        self._entries = {e.id: e for e in entries}
        cued = [Entry(e.id, e.cues, e.kinds, e.units) for e in entries if e.cues]
        self._cues = TermIndex(cued) if cued else None
        self._terms: list[tuple[frozenset[str], int, Entry]] = []
        for order, entry in enumerate(entries):
            for term in entry.terms:
                words = normalised(term)
                if words:
                    self._terms.append((words, order, entry))
        # Longest terms first (in words, then letters), then file order: the first term a phrase holds is
        # the most specific one ("индекс-дефлятор ВВП" is the deflator, not GDP).
        self._terms.sort(key=lambda t: (-len(t[0]), -sum(map(len, t[0])), t[1]))
        # Each word points at the terms that hold it, so a phrase is checked against its own words' terms.
        self._by_word: dict[str, list[int]] = {}
        for n, (term_words, _, _) in enumerate(self._terms):
            for word in term_words:
                self._by_word.setdefault(word, []).append(n)
        # A phrase's word can be in a term only if it starts as one does: the rest are never lemmatised
        # (the analyser is the costly part of matching a sentence).
        self._prefixes = {word[:_PREFIX] for word in self._by_word}

    def match(self, phrase: str | None, kind: str, unit: str | None) -> str | None:
        """Return the id of the entry whose longest term the phrase holds and whose kind and unit fit."""
        found = self._words(phrase)
        candidates = sorted({n for word in found for n in self._by_word.get(word, ())})
        for n in candidates:
            term, _, entry = self._terms[n]
            if term <= found and kind in entry.kinds and (entry.units is None or unit in entry.units):
                return entry.id
        return None

    def fits(self, ident: str, kind: str, unit: str | None) -> bool:
        """Tell whether the entry `ident` can take a figure of this kind and unit."""
        entry = self._entries.get(ident)
        return entry is not None and kind in entry.kinds and (entry.units is None or unit in entry.units)

    def match_cue(self, phrase: str | None, kind: str, unit: str | None) -> str | None:
        """Return the id of the entry one of whose cues the phrase holds ("allocate" for funding), or None."""
        return self._cues.match(phrase, kind, unit) if self._cues is not None else None

    def _words(self, phrase: str | None) -> frozenset[str]:
        """Return the normalised words of a phrase that may belong to a term."""
        out = set()
        for word in words(phrase or ""):
            word = word.replace("ё", "е")
            if word[:_PREFIX] in self._prefixes:
                out.add(singular(lemma(word)))
        return frozenset(out)
