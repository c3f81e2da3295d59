"""The cue a commitment sentence turns on, shared by the English and Russian cue finders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

# Kinds, strongest first: when a sentence holds several cues, the earliest-listed kind names it.
KINDS = ("instruction", "agreement", "plan", "provision", "allocation", "pledge", "prediction")


# A Russian infinitive ("обеспечить", "расти", "помочь", "заниматься"); "-ость" nouns ("безопасность")
# end alike and are left out.
INFINITIVE_RU = r"[а-яё]+(?<!ос)(?:ть|ти|чь)(?:ся|сь)?"


# A period that runs up to now ("за последние два года", "на сегодня", "so far", "over the past year"):
# a past allocation dated so sums up what was done.
PAST_PERIOD = re.compile(
    r"\b(?:за\s+последни[ей]\s+|в\s+прошлом\s+году|в\s+прошлые\s+годы|на\s+сегодня(?:шний\s+день)?\b|"
    r"к\s+настоящему\s+времени|с\s+начала\s+года|so\s+far|to\s+date|over\s+the\s+(?:past|last)\b|"
    r"in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decade)|last\s+year|since\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """The words that make a sentence a commitment (offsets index the sentence)."""

    kind: str
    start: int
    end: int
    core: bool = True
    action_start: int | None = None  # where the promised action's words begin, when known
    action_end: int | None = None  # where they end, when the cue knows (else: the end of the clause)
    actor_span: tuple[int, int] | None = None  # who is to act, when the cue itself names them

    def text(self, sentence: str) -> str:
        """Return the cue's words."""
        return sentence[self.start : self.end]


# A cue inside a "because" clause gives background, not the sentence's own commitment.
_REASON = re.compile(r"\b(?:because|потому\s+что|так\s+как|поскольку|ибо)\b", re.IGNORECASE)
_TRAILING_OFF = re.compile(r"(?:…|\.\.\.)[\"'»”’)\]]*$")
# A cue inside an "if" clause is a condition; one right after a question word is an indirect question.
_CONDITION = re.compile(r"\b(?:если|if|unless)\b[^,;–—]*$", re.IGNORECASE)
_QUESTION_WORD = re.compile(
    r"\b(?:как|каким\s+образом|когда|где|зачем|почему|ли|how|whether|why)\s+(?:[^\s,]+\s+)?$", re.IGNORECASE
)
# A sentence that opens with "if" pledges only on a condition ("Если поручите, мы проработаем").
_CONDITIONAL = re.compile(
    r"^(?:[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.\s?)?[A-ZА-ЯЁ][a-zа-яё-]+:\s*)?[\"«“„]?(?:(?:и|а|но|and|but)\s+)?"
    r"(?:если|if|unless)\b",
    re.IGNORECASE,
)
# "Два года назад мы договорились ...", "agreed two years ago": a past announcement (marginal).
_AGO = re.compile(r"\b(?:назад|ago)\b", re.IGNORECASE)
_SPEAKER_LABEL = re.compile(r"^[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.\s?)?[A-ZА-ЯЁ][a-zа-яё-]+:\s*")


def strongest(cues: list[Cue], sentence: str) -> Cue | None:
    """Return the cue that names the sentence: core before marginal, then by kind, then by position. A cue
    inside an "if" clause states a condition, not an action, and is left out."""
    cues = [_background(c, sentence) for c in cues if not _CONDITION.search(sentence, 0, c.start)]
    if not cues:
        return None
    return min(cues, key=lambda c: (not c.core, KINDS.index(c.kind), c.start))


def _background(cue: Cue, sentence: str) -> Cue:
    """Demote a cue that is background: in a "because" clause, in a sentence that opens with "if" or is
    dated "... ago", in an indirect question, in a sentence that trails off right after it, or a one- or
    two-word reply ("Договорились.")."""
    if not cue.core:
        return cue
    before = sentence[: cue.start]
    unfinished = _TRAILING_OFF.search(sentence) is not None and len(sentence[cue.end :].split()) <= 1
    reply = len(_SPEAKER_LABEL.sub("", sentence).split()) <= 2
    if (
        _REASON.search(before)
        or _CONDITIONAL.match(sentence)
        or _AGO.search(sentence)
        or _QUESTION_WORD.search(before)
        or unfinished
        or reply
    ):
        return replace(cue, core=False)
    return cue


def is_question(sentence: str) -> bool:
    """Tell whether a sentence is a question (a question asks, it does not commit)."""
    return sentence.rstrip("\"'»”’)] ").endswith("?")


def words(spaced: str) -> tuple[str, ...]:
    """Return the space-separated words of a lexicon string."""
    return tuple(spaced.split())


def alternation(spaced: str) -> str:
    """Return a regex alternation of the space-separated words (underscores stand for whitespace)."""
    return "|".join(w.replace("_", r"\s+") for w in sorted(words(spaced), key=len, reverse=True))


def find_all(
    pattern: re.Pattern[str], kind: str, sentence: str, core: bool = True, verb_first: bool = False
) -> list[Cue]:
    """Return a cue of the kind for each match of the pattern; the action starts after the match, or at
    it when the matched verb is part of the action (verb_first: "направят 20 регионам")."""
    return [
        Cue(kind, m.start(), m.end(), core, m.start() if verb_first else m.end())
        for m in finditer(pattern, sentence)
    ]


# A case-insensitive scan of Cyrillic text is several times slower than a case-sensitive one: a pattern
# without upper-case letters or case-sensitive parts is run case-sensitively over the lower-cased text
# (same offsets), and matches read from it give its positions and groups, not its letters' case.
_ESCAPE = re.compile(r"\\.|\(\?P[<=]\w+>?")


@cache
def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return the case-sensitive twin of a case-insensitive pattern for lower-cased text, or None."""
    source = pattern.pattern
    if (
        not pattern.flags & re.IGNORECASE
        or "(?-i:" in source
        or any(c.isupper() for c in _ESCAPE.sub("", source))
    ):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    """Return text lower-cased (cached: every pattern of a sentence scans the same lowered text)."""
    return text.lower()


def _scanned(pattern: re.Pattern[str], text: str) -> tuple[re.Pattern[str], str]:
    """Return the pattern and text to scan: the lowered twin and text when they keep the offsets."""
    twin = _lowered(pattern)
    lowered = _lower(text) if twin is not None else text
    return (twin, lowered) if twin is not None and len(lowered) == len(text) else (pattern, text)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Return pattern.finditer(text), scanned the fast way (the matches' spans index text)."""
    twin, scanned = _scanned(pattern, text)
    return twin.finditer(scanned)


def search(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    """Return pattern.search(text, pos, endpos), scanned the fast way (the match's span indexes text)."""
    twin, scanned = _scanned(pattern, text)
    return twin.search(scanned, pos, len(text) if endpos is None else endpos)
