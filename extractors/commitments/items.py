"""Cues that depend on where a sentence stands: items of an instruction list or a decree, and signed
agreements whose subject is a future action.

A decree or an instruction list states its orders as bare infinitives under a lead that ends with a
colon ("signed an Executive Order to the Finance Ministry:" / "постановляю:"), one item per sentence:
"to guarantee the allocation of 53 billion roubles in 2010;", "1. Образовать ... Службу ...". An
infinitive item is an order only in such a list; elsewhere "To complement ..., the council ..." is a
purpose clause and "Строить заводы – дело рискованное" a subject.
"""

from __future__ import annotations

import re

from extractors.commitments.cues import INFINITIVE_RU, Cue, alternation, words
from extractors.text.calendar import EN_MONTHS, EN_WEEKDAYS

_I = re.IGNORECASE
_ENUM = r"(?P<enum>(?:\d{1,3}|[a-zа-я])[.)]\s*)?"
_ITEM_EN = re.compile(_ENUM + r"(?P<cue>(?:in\s+order\s+)?to\s+(?!be\b)(?P<verb>[a-z]+))\b", _I)
# Orders an English list gives as bare verbs ("a) ensure the allocation of ...;", "submit proposals ...").
_IMPERATIVE_EN = re.compile(
    _ENUM
    + r"(?P<cue>(?P<verb>"
    + alternation(
        "ensure submit prepare provide develop allocate consider draft approve take establish create "
        "introduce carry_out organise organize arrange guarantee earmark extend adopt implement analyse "
        "analyze present complete set_up define determine amend monitor conduct finance fund continue "
        "increase expand launch review update resolve"
    )
    + r"))\b",
    _I,
)
_ITEM_RU = re.compile(_ENUM + r"(?P<cue>(?P<verb>" + INFINITIVE_RU + r"))\b", _I)
# Acts a decree performs itself on signing (appointments, repeals, awards): nothing is left to do.
_IMMEDIATE_RU = frozenset(
    words("назначить освободить признать наградить присвоить уволить отозвать принять объявить считать")
)
# Infinitives that open a sentence in speech, not an order ("Сказать по правде, ...").
_SPEECH_RU = frozenset(words("сказать отметить подчеркнуть напомнить добавить доложить поблагодарить"))
# Orders a list may give without an enumerator ("Правительству ...:\n\nОбеспечить ...").
_DIRECTIVE_RU = frozenset(
    words(
        "обеспечить образовать создать утвердить установить поручить рекомендовать предусмотреть "
        "подготовить представить разработать внести выделить направить определить организовать провести "
        "рассмотреть продлить увеличить включить возложить разрешить реализовать"
    )
)
_AMENDS_ITSELF = re.compile(r"\bизменени", _I)  # "Внести в акты ... изменения": made by the decree itself


def list_item_en(sentence: str, in_list: bool) -> Cue | None:
    """Return an instruction cue for an item of an instruction list given as an infinitive ("a) to offer
    state guarantees ...;") or a bare verb ("b) ensure the allocation of ...;")."""
    m = _ITEM_EN.match(sentence) or _IMPERATIVE_EN.match(sentence)
    if not in_list or m is None:
        return None
    item_like = m.group("enum") or sentence[:1].islower() or sentence.rstrip().endswith((";", ":"))
    if not item_like:
        return None  # "To complement the £30 million, the council is ...": a purpose clause
    return Cue("instruction", m.start("cue"), m.end("cue"), True, m.start("verb"))


def list_item_ru(sentence: str, in_list: bool) -> Cue | None:
    """Return an instruction cue for an infinitive item of a decree ("1. Образовать ...")."""
    m = _ITEM_RU.match(sentence)
    if m is None or not (m.group("enum") or in_list):
        return None
    verb = m.group("verb").lower()
    if verb in _IMMEDIATE_RU or verb in _SPEECH_RU:
        return None
    if not m.group("enum") and verb not in _DIRECTIVE_RU:
        return None
    core = not (verb == "внести" and _AMENDS_ITSELF.search(sentence))
    return Cue("instruction", m.start("cue"), m.end("cue"), core, m.start("verb"))


_MONTHS = " ".join(EN_MONTHS + EN_WEEKDAYS)
# An agreement-type document named with its subject: "memorandums on establishing ...", "a loan agreement
# between X and Y on granting up to 12 billion yuan", "documents on cooperation between ...".
_DOCUMENT_ON_EN = re.compile(
    r"\b(?:memorand(?:um|ums|a)|agreements?|accords?|treat(?:y|ies)|programmes?|programs?|road\s?maps?|"
    r"protocols?|contracts?|documents|deals?|plans?\s+of\s+action|action\s+plans?)"
    r"(?:\s+of\s+(?:understanding|intent|intention|cooperation))?"
    r"(?:\s+between\s+(?P<parties>[^.;:]{1,120}?))?\s+(?P<prep>on|for|to)\s+"
    r"(?!the\s+(?:sidelines|margins|occasion)\b|behalf\b|\d|(?:" + _MONTHS.replace(" ", "|") + r")\b)"
    r"(?P<subject>(?:the\s+|a\s+|an\s+)?[a-z][a-z-]+)",
    _I,
)
_WERE_SIGNED = re.compile(r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:also\s+)?signed\b", _I)
_SIGNED_EN = re.compile(r"\b(?:signed|concluded|initialled|initialed)\b", _I)
# A signing dated in the past or an anniversary of one is history, not a new agreement.
_HISTORY_EN = re.compile(
    r"\b(?:ago|anniversary|years\s+since|back\s+in)\b|^In\s+(?:19|20)\d\d\b|"
    r"\bsigned\s+(?:[^\s.;]+\s+){0,3}?in\s+(?:19|20)\d\d\b",
    _I,
)


def signed_agreement_en(sentence: str) -> Cue | None:
    """Return an agreement cue for a report that documents providing for future action were signed."""
    signed = _SIGNED_EN.search(sentence)
    document = _DOCUMENT_ON_EN.search(sentence)
    if signed is None or document is None or _HISTORY_EN.search(sentence):
        return None
    subject = document.start("subject")
    tail = _WERE_SIGNED.search(sentence, subject)  # "... on granting a loan were signed": the action ends
    parties = document.span("parties") if document.group("parties") else None
    end = tail.start() if tail else None
    return Cue("agreement", document.start(), document.end("prep"), True, subject, end, parties)


# Words that may open a directive given as a bare infinitive or verb ("Одновременно серьёзно и глубоко
# прорабатывать уставы", "Особое внимание уделить катерам", "Also submit proposals ..."): linking
# adverbs, manner adverbs in "-о", and "особое внимание".
_LEAD_RU = re.compile(
    r"(?:и|а|также|ещё|еще|кроме\s+того|при\s+этом|параллельно|далее|отдельно|в\s+том\s+числе|"
    r"(?:особое|пристальное|приоритетное|первоочередное|отдельное|повышенное)\s+внимание|"
    r"(?!(?:нужно|можно|важно|возможно|необходимо|сложно|трудно|нельзя|полезно|нормально|именно)\b)"
    r"[а-яё]{3,}(?:но|ко)),?\s+",
    _I,
)
# Only "-ть" infinitives: "-ти" words are mostly not verbs ("эти", "дети", "почти").
_CONTINUED_RU = re.compile(
    r"^(?:" + _LEAD_RU.pattern + r"){0,4}?(?P<verb>[а-яё]{2,}(?<!ос)(?:ть|ться))\b", _I
)
# Nouns, numerals and "есть" spelled like infinitives ("Часть средств ...", "Пять парков ...").
# "Начать я бы хотел с темы ...": the infinitive hangs on a wish in its own clause.
_WISHED = re.compile(r"^[^,;:]*\bбы\b", _I)
_LOOKS_INFINITIVE = re.compile(
    r"^(?:есть|часть|власть|сеть|путь|треть|четверть|суть|честь|весть|смерть|память|нефть|ртуть|мать|нить|"
    r"пять|шесть|[а-яё]*(?:дцать|сять))$",
    _I,
)
_DASH = re.compile(r"\s[–—]\s")
_LEAD_EN = r"(?:(?:also|additionally|in\s+addition|at\s+the\s+same\s+time|furthermore|and),?\s+)?"
# "Review of the rules is ...", "Increase in exports ...": a noun, not an order.
_CONTINUED_EN = re.compile(
    _LEAD_EN + _IMPERATIVE_EN.pattern + r"(?!\s+(?:of|in|is|was|are|were|has|have|will)\b)", _I
)


def continued_directive_ru(sentence: str, after_directive: bool) -> Cue | None:
    """Return an instruction cue for a directive given as a bare infinitive right after another directive
    ("Нужно обновлять программы. Одновременно прорабатывать уставы.")."""
    # "Строить заводы – дело рискованное": an infinitive that names a subject is not an order.
    plain = after_directive and not _DASH.search(sentence) and not _WISHED.search(sentence)
    m = _CONTINUED_RU.match(sentence) if plain else None
    if m is None or m.group("verb").lower() in _SPEECH_RU or _LOOKS_INFINITIVE.match(m.group("verb")):
        return None
    return Cue("instruction", m.start("verb"), m.end("verb"), True, m.start("verb"))


def continued_directive_en(sentence: str, after_directive: bool) -> Cue | None:
    """Return an instruction cue for a directive given as a bare verb right after another directive
    ("The ministry must review the rules. Also submit proposals by June.")."""
    m = _CONTINUED_EN.match(sentence) if after_directive else None
    if m is None:
        return None
    return Cue("instruction", m.start("cue"), m.end("cue"), True, m.start("verb"))
