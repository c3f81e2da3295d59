"""Keys that tell when two commitments state the same thing again: who acts, and the terms of the action.

`actor_key` is the actor's naming words, normalised and sorted: Russian ones by lemma (nouns, adjectives and
names; "Правительству поручено" is "правительство"), English ones lower-cased and singular ("The Government"
is "government"). Only the party that acts counts, not who instructs it ("the Ministry (instructed by the
Government)" is "ministry"); a bare pronoun takes the speaker the actor names in brackets ("мы (И.Руденя,
губернатор ...)" is "руденя").
`action_terms` are the action's content words normalised the same way (English ones also cut to a crude
stem: "funded" and "funding" are fund), without numbers, months, words of time and amount, and the actor's
own words ("build 100 new schools by 2026" is build, new, school): a restatement may change the amount or
the date, and the thread is what keeps its horizon. The warehouse compares these keys to group commitments
into threads (warehouse/threads.py); they are plain data so the comparison needs no language tools.
"""

from __future__ import annotations

import dataclasses
import re

from extractors.models import Commitment
from extractors.text.calendar import EN_MONTHS, RU_MONTHS_NOMINATIVE
from extractors.text.terms import singular
from extractors.text.words import is_adverb, is_cyrillic, is_function_word, lemma, ru_pos, words, wordset

# Parts of speech of Russian words that can name an actor (verbs and participles never do: "поручено").
_RU_NAMING_POS = frozenset({"NOUN", "ADJF", ""})
# Words of time and of amount: a restatement may change them without changing the action.
_TIME_WORDS = (
    wordset(
        """year month quarter week day end beginning start time period deadline next current coming latest
        soon later
        год месяц квартал неделя день конец начало срок период время следующий текущий ближайший близкий
        thousand million billion trillion pound dollar rouble ruble euro percent per cent bn mln
        тыс тысяча млн миллион млрд миллиард трлн триллион рубль доллар евро процент
        one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
        hundred half dozen сто сотня"""
    )
    | frozenset(EN_MONTHS)
    | frozenset(RU_MONTHS_NOMINATIVE)
)
# English words that stand in an actor but do not say who it is.
_EN_ACTOR_NOISE = wordset("said says announced today also further new")
_BRACKETS = re.compile(r"\(([^()]*)\)")


def _norm(word: str) -> str:
    """Return a lower-case word normalised: the lemma of a Russian word, the singular of an English one."""
    return lemma(word) if is_cyrillic(word) else singular(word)


def _stem(word: str) -> str:
    """Return a normalised word; an English one also without -ing, -ed or a final -e, when 4 letters remain
    ("building", "builds" build; "funded", "funding" fund; "create", "created" creat): no lemmatiser for
    English, and both sides of a comparison are cut alike."""
    word = _norm(word)
    if is_cyrillic(word):
        return word
    for suffix in ("ing", "ed", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _naming_words(phrase: str, *, named: bool = False) -> list[str]:
    """Return the normalised words of a phrase that can name who acts (named: a person's name, any word)."""
    out = []
    for w in words(phrase):
        if len(w) < 2 or is_function_word(w) or is_adverb(w) or not any(ch.isalpha() for ch in w):
            continue
        if not named and is_cyrillic(w) and ru_pos(w) not in _RU_NAMING_POS:
            continue
        if not is_cyrillic(w) and w in _EN_ACTOR_NOISE:
            continue
        if _norm(w) not in _TIME_WORDS:
            out.append(_norm(w))
    return out


def actor_key(actor: str | None) -> str | None:
    """Return the normalised key of who acts, or None when the actor names nobody."""
    if not actor:
        return None
    head = _BRACKETS.sub(" ", actor)
    found = _naming_words(head)
    if not found:  # "мы (И.Руденя, губернатор ...)": the speaker in brackets acts
        inside = _BRACKETS.search(actor)
        speaker = inside.group(1).split(",")[0].split(":")[-1] if inside else ""
        found = _naming_words(speaker, named=True)
    return " ".join(sorted(set(found))) or None


def action_terms(action: str | None, actor: str | None = None) -> tuple[str, ...]:
    """Return the sorted stems of an action's content words, without numbers, words of time and amount,
    and the actor's own words ("the federal budget" will "be funded by the federal budget": fund)."""
    own = {_stem(w) for w in words(actor or "")}
    terms = set()
    for w in words(action or ""):
        if any(ch.isdigit() for ch in w) or len(w) < 2 or is_function_word(w) or is_adverb(w):
            continue
        if is_cyrillic(w) and ru_pos(w) == "NUMR":  # "пять лет", "двух"
            continue
        term = _stem(w)
        if _norm(w) not in _TIME_WORDS and term not in own:
            terms.add(term)
    return tuple(sorted(terms))


def with_thread_keys(commitment: Commitment) -> Commitment:
    """Return the commitment with its actor key and action terms set."""
    return dataclasses.replace(
        commitment,
        actor_key=actor_key(commitment.actor),
        action_terms=action_terms(commitment.action, commitment.actor),
    )
