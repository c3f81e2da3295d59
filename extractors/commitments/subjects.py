"""Read the grammatical subject of a commitment's clause, as written (a substring of the sentence).

English: the words before the first verb of the clause that holds the cue, or the agent of a passive
("by the ministry"); time phrases, introductory phrases, speaker labels and trailing adverbs are cut
("This year, we" -> "we", "Vladimir Putin: The Government" -> "The Government", "We also" -> "We").
Russian: "мы ...", or the words before the cue in its clause from the first noun or pronoun on (adverbs
and particles before it are cut: "Так, уже"), or a proper name right after the verb ("... проконтролирует
Минстрой"). None when the clause has no subject (a first-person verb, an impersonal need or passive).
"""

from __future__ import annotations

import re

from extractors.commitments.cues import Cue
from extractors.commitments.horizons import find_horizons
from extractors.text.calendar import EN_MONTHS, alternation
from extractors.text.words import ru_grammemes

_I = re.IGNORECASE
_MAX_ACTOR_WORDS = 12
_EN_VERB = re.compile(
    r"\b(?:will|shall|would|has|have|had|is|are|was|were|can|could|may|must|should|signed|ordered|agreed|"
    r"agree|plans?|planned|intends?|instructed|envisages|provides|decided|approved|announced|said|allocated?|"
    r"allocates|expects?|aims?|seeks?|pledged|promised|continues|remains|undertook|undertakes)\b"
)
# A reporting verb or a stated belief opens the clause that holds the commitment ("I hope we will",
# "I am confident that you will", "noted that the ministry would").
_EN_REPORTING = re.compile(
    r"\b(?:said|says|stated|announced|noted|added|confirmed|explained|stressed|emphasised|emphasized|"
    r"pointed\s+out|told\s+\w+|say|(?:i|we)\s+(?:\w+\s+)?(?:hope|think|believe|expect|know|understand|feel|"
    r"suppose|trust)|(?:i|we)\s+(?:am|are)\s+(?:\w+\s+)?(?:confident|sure|convinced|certain|hopeful)|"
    r"(?:hope|confidence|belief|conviction)\s+(?:was|were)\s+expressed)"
    r"(?:\s+(?:today|yesterday|on\s+[A-Z]\w+|this\s+week|last\s+week))?(?:\s+that)?\s+",
    re.IGNORECASE,
)
_EN_INTRO = re.compile(
    r"^(?:in|to|as|after|before|from|by|on|with|under|according|following|moreover|furthermore|also|"
    r"additionally|however|meanwhile|thus|therefore|for|during|since|within|besides|at|once|if|when|while|"
    r"(?:this|next|last)\s+(?:year|month|week|quarter|autumn|spring|summer|winter|time)|today|yesterday|"
    r"tomorrow|here|now|then|so|first|second|finally|together|of\s+course)\b",
    _I,
)
_EN_PASSIVE_AGENT = re.compile(r"\b(?:be|been|being)\s+[a-z]+(?:ed|en|t)\s+by\s+((?:the\s+)?[^,.;:]+)")
# A participle cue with its agent: "£257.6 million ... approved by Parliament", "has been approved by".
_EN_PARTICIPLE_AGENT = re.compile(r"[a-z]+(?:ed|en|t)\s+by\s+((?:the\s+)?(?-i:[A-Z])[^,.;:]+)")
_EN_TIME_AGENT = re.compile(
    r"(?:the\s+)?(?:\d|end\b|beginning\b|start\b|middle\b|spring\b|summer\b|autumn\b|winter\b|"
    r"(?:next|this)\s|(?:" + alternation(EN_MONTHS) + r")\b)",
    _I,
)
_EN_PRONOUN_AT_END = re.compile(r"(?:^|[\s,])(we|I|they|it|he|she|you|there)$", _I)
_EN_TRAILING = re.compile(
    r"(?:\s+(?:also|now|then|still|jointly|together|therefore|too|already|certainly|further|all|both|"
    r"themselves|ourselves|again|soon|today))+$",
    _I,
)
_EN_RELATIVE_TAIL = re.compile(r",\s+(?:which|who|that|whose)\b.*$", _I | re.S)
_EN_LABEL = re.compile(r"^(?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+\s?:\s*")
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ ,.-]{2,}(?:\s*\([^)]*\))?\s*[–—-]?\s*|^[A-Za-z]{2,6}\s+[–—-]\s+")
_SPEAKER = re.compile(r"^[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.\s?)?[A-ZА-ЯЁ][a-zа-яё-]+\s?:\s*")
_RU_PREPOSITION = re.compile(
    r"^(?:в|во|на|с|со|по|для|за|к|ко|до|от|из|при|о|об|после|согласно|помимо|кроме|благодаря|среди|через|"
    r"между|перед|под|над|у|около|также|как|если|когда|чтобы|поэтому|однако|но|а|и|ещё|еще|уже|тогда)\b",
    _I,
)
_RU_WE = re.compile(r"\b[Мм]ы(?:\s+(?:с|со)\s+(?:вами|тобой|коллегами))?\b")
# Needs stated without a subject: "этот показатель нужно удерживать" names the object, not who acts.
_RU_IMPERSONAL = re.compile(r"(?:нужно|надо|следует|необходимо|важно|требуется|придётся|придется)\b", _I)
_RU_DATIVE_BEFORE = re.compile(
    r"(?:^|[\s,])(нам|мне|(?-i:[А-ЯЁ])[а-яё]+(?:у|ю|ам|ям)(?:\s+(?-i:[А-ЯЁ])[а-яё]+){0,3})\s+(?:[а-яё]+\s+)?$",
    _I,
)
_RU_FIRST_PERSON = re.compile(r"\b(?:будем|прошу|просим|поручаю|[а-яё]+(?:ем|им|ём))\b", _I)
_RU_PROPER_AFTER = re.compile(r"\s+([А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){0,3})")
_RU_AGENT = re.compile(
    r"\b(?:правительств\w*|кабмин\w*|министерств\w*|мин[а-яё]+|ведомств\w*|президент\w*|премьер\w*|"
    r"губернатор\w*|администраци\w*|власти|стороны|госкорпораци\w*|фонд\w*|агентств\w*|служб\w*|"
    r"росси[яи]|банк\w*|компани\w*)\b",
    _I,
)
_RU_SHORT_PARTICIPLE = re.compile(r"^[а-яё]+(?:[ея]н|[её]н|ан)[аоы]?$", _I)
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[а-яa-z])[.)]\s*")
# Where the clause that holds the cue begins: after a conjunction or relative word that opens a clause, a
# dash or a colon (a comma alone may separate the items of a list of subjects: "Амурская, Владимирская").
_RU_CLAUSE = re.compile(
    r"(?:,\s*(?:и|а|но|что|чтобы|однако|причём|причем|поэтому|потому\s+что|так\s+как|если|когда|хотя|где|"
    r"как)|\s[–—]|:)\s+",
    _I,
)
_RU_RANGE_DASH = re.compile(
    r"(?<=[а-яё\d])\s[–—]\s(?=\d|(?:январ|феврал|март|апрел|ма[ея]|июн|июл|август|сентябр|октябр|ноябр|декабр))",
    _I,
)
_RU_SKIPPED_POS = frozenset({"ADVB", "PRCL", "CONJ", "INTJ", "PRED", "COMP", "PREP"})
_RU_SUBJECT_POS = frozenset({"NOUN", "NPRO", "ADJF", "PRTF", "NUMR"})


def trim(phrase: str) -> str | None:
    """Return a phrase without edge punctuation, or None when it is empty or too long to be a subject."""
    phrase = phrase.strip(" ,;:–—-\"'“”«»")
    if not phrase or len(phrase.split()) > _MAX_ACTOR_WORDS:
        return None
    return phrase


def first_person(sentence: str, cue: Cue, lang: str) -> bool:
    """Tell whether the cue is spoken in the first person ("we will", "будем", "прошу")."""
    if lang == "ru":
        first = (_SPEAKER.sub("", cue.text(sentence)).split() or [""])[0].lower()
        before = _SPEAKER.sub("", sentence[: cue.start]).strip(' «"')
        ready = first in ("готов", "готова") and not before  # "Готов обсудить": the speaker is ready
        return ready or _RU_FIRST_PERSON.fullmatch(first) is not None or "1per" in ru_grammemes(first)
    return re.search(r"\b(?:we|i)\s*$", sentence[: cue.start], _I) is not None


def subject_en(sentence: str, cue: Cue) -> str | None:
    """Return the English subject before the first verb, or the agent of a passive ("by the ministry")."""
    agent = _EN_PASSIVE_AGENT.search(sentence, cue.start) or _EN_PARTICIPLE_AGENT.match(sentence, cue.start)
    if agent and not _EN_TIME_AGENT.match(agent.group(1)):  # "published by May 2025": a deadline
        return trim(agent.group(1))
    if re.match(r"it\b", cue.text(sentence), _I):
        return None
    # The last reporting verb before the cue opens the clause that holds the commitment; an introductory
    # phrase ("Under the plans, ...", "In order to ..., ") ends at its comma.
    begin = max((m.end() for m in _EN_REPORTING.finditer(sentence, 0, cue.start)), default=0)
    label = _EN_LABEL.match(sentence) if begin == 0 else None
    begin = label.end() if label else begin
    if _EN_INTRO.match(sentence, begin) and "," in sentence[begin : cue.start]:
        begin = sentence.rfind(",", 0, cue.start) + 1
    verb = _EN_VERB.search(sentence, begin, cue.end)
    head = sentence[begin : verb.start()] if verb else sentence[begin : cue.start]
    head = _DATELINE.sub("", head.lstrip("“\"'‘ ").rsplit(": ", 1)[-1])
    head = _ENUMERATOR.sub("", head)  # "2. The Ministry of Finance shall": a list number is no part
    if " – " in head and len(head.split(" – ")[0].split()) <= 4:
        head = head.split(" – ", 1)[1]
    if _EN_INTRO.match(head) and "," in head:
        head = head.rsplit(",", 1)[1]
    head = _EN_RELATIVE_TAIL.sub("", head)  # "This funding, which": the relative clause is no part
    head = _EN_TRAILING.sub("", head.strip())
    pronoun = _EN_PRONOUN_AT_END.search(head)
    if pronoun and (_EN_INTRO.match(head) or "," in head):
        head = pronoun.group(1)  # "Yesterday we", "Together we": a time word or adverb, then the subject
    first = cue.text(sentence).split()[0]
    determiner = head.strip().lower() in ("the", "a", "an", "these", "those", "its", "their")
    if determiner and not _EN_VERB.fullmatch(first):
        head = f"{head.strip()} {first}"  # a noun cue is its own subject: "the instructions concern ..."
    if _EN_INTRO.fullmatch(head.strip()):
        return None  # '"To allocate ..."' has no subject
    return trim(head)


def subject_ru(sentence: str, cue: Cue) -> str | None:
    """Return the Russian subject before the cue, "мы ...", or a proper name right after the verb."""
    head = _ENUMERATOR.sub("", _SPEAKER.sub("", sentence[: cue.start])).lstrip('«"„“ –—')
    if _RU_IMPERSONAL.match(cue.text(sentence)):
        dative = _RU_DATIVE_BEFORE.search(head)  # "нам нужно", "Правительству необходимо"
        return dative.group(1) if dative else None
    we = _RU_WE.search(head) or _RU_WE.match(cue.text(sentence))
    if we:
        return we.group(0)
    if first_person(sentence, cue, "ru"):
        return None  # "И дальше будем ...": the speaker commits, the words before are adverbs
    after = _RU_PROPER_AFTER.match(sentence, cue.end)
    after_actor = after.group(1) if after and cue.kind != "instruction" else None
    head = _ru_clause_subject(head)
    dated = find_horizons(head, "ru")  # "Правительство в августе – декабре 2024 года": the time is no part
    head = head[: dated[0][0]].rstrip(" ,") if dated and dated[0][0] > 0 else head
    # A list of subjects ("Амурская, Владимирская ... области") is one; an impersonal passive
    # ("Десяти регионам выделено") has none before the verb.
    listed = all(len(part.split()) <= 4 for part in head.split(","))
    passive = cue.kind != "plan" and _RU_SHORT_PARTICIPLE.search(cue.text(sentence)) is not None
    if not head.strip() or _RU_PREPOSITION.match(head) or not listed or passive:
        return after_actor
    if after_actor and _RU_AGENT.search(after_actor) and not _RU_AGENT.search(head):
        return after_actor  # object first, subject after the verb: "... проконтролирует Минстрой"
    return trim(head)


def _ru_clause_subject(head: str) -> str:
    """Return the words of the cue's clause from its first word that can be a subject on (a noun,
    pronoun or adjective that can be nominative): "Так, уже" -> "", "Уверен, что это" -> "это"."""
    # A dash inside a range ("в августе – декабре 2024 года", "2024 – 2026") breaks no clause: it is
    # masked (same length, so offsets hold) before the clause breaks are looked for.
    starts = [m.end() for m in _RU_CLAUSE.finditer(_RU_RANGE_DASH.sub("~~~", head))]
    clause = head[starts[-1] :] if starts else head
    governed = False  # the words after a preposition up to its noun are its object ("за год")
    for m in re.finditer(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?|[A-Za-z]+|\d+", clause):
        grams = ru_grammemes(m.group(0).lower())
        if "PREP" in grams:
            governed = True
            continue
        if governed:
            governed = not grams & {"NOUN", "NPRO"}
            continue
        # An animate noun's accusative is its genitive ("ребят"): only a nominative is a subject.
        nominative = "nomn" in grams or ("accs" in grams and "inan" in grams)
        if not grams or (grams & _RU_SUBJECT_POS and nominative and not grams & _RU_SKIPPED_POS):
            return _before_predicate(clause[m.start() :]).strip(" ,")
        if "VERB" in grams or "INFN" in grams:
            break
    return ""


def _before_predicate(phrase: str) -> str:
    """Return a Russian subject phrase up to its clause's own verb and the adverbs before it ("Владимир
    Путин положительно откликнулся ... и сразу" -> "Владимир Путин"); a phrase without one is kept."""
    tokens = list(re.finditer(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?", phrase))
    for i, m in enumerate(tokens):
        if i and "VERB" in ru_grammemes(m.group(0).lower()):
            j = i
            while j > 1 and ru_grammemes(tokens[j - 1].group(0).lower()) & {"ADVB", "PRCL"}:
                j -= 1
            return phrase[: tokens[j].start()]
    return phrase
