"""Russian cues of documents that provide for action: signed laws and decrees, what a decree envisages,
decree text quoted at a sentence start, and provisions stated in the present tense with a future date.

"Владимир Путин подписал закон о ...", "Подписан Указ ...", "Указ предполагает создание ...", "Закон
устанавливает ...": a document signed or providing for action is a provision. A decree's own text is
an order even when quoted or run into the lead: "«Предоставить отпуск ...»", "постановляю: Образовать
...". "С 1 января 2026 года ... устанавливается ежемесячная выплата": a present tense dated ahead states
what a rule provides from then on (the caller passes whether the sentence holds a horizon ahead).
"""

from __future__ import annotations

import re

from extractors.commitments.cues import INFINITIVE_RU, Cue, find_all, words

_I = re.IGNORECASE
_SIGNED_DOCUMENT = re.compile(
    r"\b(?:подписал[аи]?|подписан[аоы]?)(?=\s+(?:[^\s.;!?]+\s+){0,2}?(?:федеральн\w+\s+|новы\w+\s+)?"
    r"(?:закон|указ|распоряжени|постановлени)\w*)",
    _I,
)
_DOCUMENT_WORD = re.compile(
    r"\b(?:федеральн\w+\s+|новы\w+\s+)?(?:закон|указ|распоряжени|постановлени)\w*", _I
)
_DOCUMENT_PROVIDES = re.compile(
    r"\b(?:указ|закон|документ|постановлени|распоряжени|поправк|изменени)\w*\s+(?:[^\s.;!?,]+\s+){0,4}?"
    r"(?P<verb>предполага(?:ет|ют)|устанавлива(?:ет|ют)|вводит|ввод[яи]т|обязыва(?:ет|ют)|закрепля(?:ет|ют)|"
    r"продлева(?:ет|ют)|расширя(?:ет|ют)|увеличива(?:ет|ют)|повыша(?:ет|ют)|освобожда(?:ет|ют))\b",
    _I,
)
# «Предоставить ...» / "постановляю: Образовать ...": the infinitive is the order.
_QUOTED_ORDER = re.compile(
    r"^[«\"„“]\s*(?P<verb>" + INFINITIVE_RU + r")\b|\bпостановля(?:ю|ет)\s*:\s*(?:\d{1,3}\.\s*)?[«\"]?"
    r"(?P<verb2>" + INFINITIVE_RU + r")\b",
    _I,
)
_NOT_ORDERS = frozenset(
    words("сказать отметить подчеркнуть напомнить добавить доложить поблагодарить быть стать иметь знать")
)
# Institutional acts in the present tense ("устанавливается", "вводятся", "выплачивается").
_PROVIDED_NOW = re.compile(
    r"\b(?:устанавлива|ввод|вводя|предоставля|выплачива|начисля|индексиру|повыша|увеличива|продлева|отменя|"
    r"упраздня|расширя|распространя|освобожда|переводя|перечисля|выделя|направля|обнуля|компенсиру|"
    r"субсидиру|финансиру)(?:ется|ются|ится|ятся)\b",
    _I,
)


def document_cues_ru(sentence: str, ahead: bool, money: bool) -> list[Cue]:
    """Return cues for signed documents (unless the sentence speaks of money: a signed allocation is
    commit_ru's), what a document provides, quoted decree orders and (with a horizon ahead) provisions
    stated in the present tense."""
    signed = [] if money else _SIGNED_DOCUMENT.finditer(sentence)
    cues = [Cue("provision", m.start(), m.end(), True, _document_start(sentence, m.end())) for m in signed]
    cues += [
        Cue("provision", m.start("verb"), m.end("verb"), True, m.end("verb"))
        for m in _DOCUMENT_PROVIDES.finditer(sentence)
    ]
    for m in _QUOTED_ORDER.finditer(sentence):
        group = "verb" if m.group("verb") else "verb2"
        if m.group(group).lower() not in _NOT_ORDERS:
            cues.append(Cue("instruction", m.start(group), m.end(group), True, m.start(group)))
    if ahead:
        cues += find_all(_PROVIDED_NOW, "provision", sentence, verb_first=True)
    return cues


def _document_start(sentence: str, pos: int) -> int:
    """Return where the signed document's name starts after pos (the action: "закон о ...")."""
    m = _DOCUMENT_WORD.search(sentence, pos)
    return m.start() if m else pos
