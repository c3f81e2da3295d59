"""Pick the actor and the action of a commitment sentence, as written (substrings of the sentence)."""

from __future__ import annotations

import re

from extractors.commitments.cues import Cue

_MAX_ACTOR_WORDS = 12
_EN_VERB = re.compile(
    r"\b(?:will|shall|would|has|have|had|is|are|was|were|can|could|may|must|should|signed|ordered|agreed|"
    r"agree|plans?|planned|intends?|instructed|envisages|provides|decided|approved|announced|said|allocated?|"
    r"allocates|expects?|aims?|seeks?|pledged|promised|continues|remains|undertook|undertakes)\b"
)
_EN_REPORTING = re.compile(
    r"\b(?:said|says|stated|announced|noted|added|confirmed|explained|stressed|emphasised|emphasized|"
    r"pointed\s+out|told\s+\w+)(?:\s+that)?\s+"
)
_EN_INTRO = re.compile(
    r"^(?:in|to|as|after|before|from|by|on|with|under|according|following|moreover|furthermore|also|"
    r"additionally|however|meanwhile|thus|therefore|for|during|since|within|besides|at|once|if|when|while)\b",
    re.IGNORECASE,
)
_EN_PASSIVE_AGENT = re.compile(r"\b(?:be|been|being)\s+[a-z]+(?:ed|en|t)\s+by\s+((?:the\s+)?[^,.;:]+)")
_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ ,.-]{2,}(?:\s*\([^)]*\))?\s*[–—-]?\s*|^[A-Za-z]{2,6}\s+[–—-]\s+")
_SPEAKER_LABEL = r"([A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.\s?)?[A-ZА-ЯЁ][a-zа-яё-]+):\s*"
_SPEAKER = re.compile("^" + _SPEAKER_LABEL)
_SPEAKER_AT = re.compile(_SPEAKER_LABEL)  # used with match(text, pos), where "^" would not anchor
_RU_PREPOSITION = re.compile(
    r"^(?:в|во|на|с|со|по|для|за|к|ко|до|от|из|при|о|об|после|согласно|помимо|кроме|благодаря|среди|через|"
    r"между|перед|под|над|у|около|также|как|если|когда|чтобы|поэтому|однако|но|а|и|ещё|еще|уже|тогда)\b",
    re.IGNORECASE,
)
_RU_WE = re.compile(r"\b[Мм]ы(?:\s+(?:в|с|со)\s+[А-ЯЁа-яё]+)?\b")
_RU_FIRST_PERSON = re.compile(r"\b(?:будем|прошу|просим|поручаю|[а-яё]+(?:ем|им|ём))\b", re.IGNORECASE)
_RU_PROPER_AFTER = re.compile(r"\s+([А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){0,3})")
_RU_AGENT = re.compile(
    r"\b(?:правительств\w*|кабмин\w*|министерств\w*|мин[а-яё]+|ведомств\w*|президент\w*|премьер\w*|"
    r"губернатор\w*|администраци\w*|власти|стороны|госкорпораци\w*|фонд\w*|агентств\w*|служб\w*|"
    r"росси[яи]|банк\w*|компани\w*)\b",
    re.IGNORECASE,
)
_RU_SHORT_PARTICIPLE = re.compile(r"^[а-яё]+(?:[ея]н|[её]н|ан)[аоы]?$", re.IGNORECASE)
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[а-яa-z])[.)]\s*")
_RU_LEAD = re.compile(
    r"^(?:также|кроме\s+того|более\s+того|при\s+этом|и|а|но|поэтому|сейчас|сегодня|теперь|затем|кстати|"
    r"вот|ну|конечно|безусловно)[,\s]+",
    re.I,
)
_EN_CLAUSE_END = re.compile(
    r";|\s[–—]\s|[”\"]|,\s(?:which|as\s+(?:stated|told|said)|the\s+\w+\s+(?:press\s+service\s+)?said|he\s+said|"
    r"she\s+said|said)\b"
)
_RU_CLAUSE_END = re.compile(
    r";|\s[–—]\s|,\s(?:чтобы|потому\s+что|так\s+как|поскольку|который|которая|которые)\b|»,"
)


def find_actor(text: str, para_start: int, sentence: str, cue: Cue, lang: str) -> str | None:
    """Return who commits (the sentence's subject, a passive agent, or the speaker whose label opens the
    paragraph starting at text[para_start]), or None."""
    if cue.actor_span is not None:
        return _trim(sentence[cue.actor_span[0] : cue.actor_span[1]])
    actor = _actor_ru(sentence, cue) if lang == "ru" else _actor_en(sentence, cue)
    if actor is None and _first_person(sentence, cue, lang):
        m = _SPEAKER_AT.match(text, para_start)
        return m.group(1) if m else None
    return actor


def find_action(sentence: str, cue: Cue, lang: str) -> str | None:
    """Return the promised action: the words from the cue's verb to the end of its clause."""
    begin = cue.action_start if cue.action_start is not None else cue.end
    if cue.action_end is not None:
        return sentence[begin : cue.action_end].strip() or None
    if lang == "en":
        to_verb = re.search(r"\bto\s+([a-z]+)$", sentence[cue.start : cue.end])
        begin = cue.start + to_verb.start(1) if to_verb and begin >= cue.end else begin
    rest = sentence[begin:]
    if lang == "en":
        rest = re.sub(r"^\s*(?:to|that|on|upon)\s+", "", rest)
    else:  # "ставим цель, чтобы 85 процентов ...": the goal follows the conjunction
        rest = re.sub(r"^\s*(?:[,:–—]\s*)?(?:(?:чтобы|что)\s+)?", "", rest)
    m = (_EN_CLAUSE_END if lang == "en" else _RU_CLAUSE_END).search(rest)
    action = (rest[: m.start()] if m else rest).strip().rstrip(".!…,:").strip()
    return action or None


def _actor_en(sentence: str, cue: Cue) -> str | None:
    """Return the English subject before the first verb, or the agent of a passive ("by the ministry")."""
    agent = _EN_PASSIVE_AGENT.search(sentence, cue.start)
    if agent:
        return _trim(agent.group(1))
    if re.match(r"it\b", cue.text(sentence), re.IGNORECASE):
        return None
    # The last reporting verb before the cue opens the clause that holds the commitment; an introductory
    # phrase ("Under the plans, ...", "In order to ..., ") ends at its comma.
    begin = max((m.end() for m in _EN_REPORTING.finditer(sentence, 0, cue.start)), default=0)
    if begin == 0 and _EN_INTRO.match(sentence) and "," in sentence[: cue.start]:
        begin = sentence.rfind(",", 0, cue.start) + 1
    verb = _EN_VERB.search(sentence, begin, cue.end)
    head = sentence[begin : verb.start()] if verb else sentence[begin : cue.start]
    head = _DATELINE.sub("", head.lstrip("“\"'‘ "))
    if " – " in head and len(head.split(" – ")[0].split()) <= 4:
        head = head.split(" – ", 1)[1]
    if _EN_INTRO.match(head) and "," in head:
        head = head.rsplit(",", 1)[1]
    first = cue.text(sentence).split()[0]
    if head.strip().lower() in (
        "the",
        "a",
        "an",
        "these",
        "those",
        "its",
        "their",
    ) and not _EN_VERB.fullmatch(first):
        head = f"{head.strip()} {first}"  # a noun cue is its own subject: "the instructions concern ..."
    if _EN_INTRO.fullmatch(head.strip()):
        return None  # '"To allocate ..."' has no subject
    return _trim(head)


def _actor_ru(sentence: str, cue: Cue) -> str | None:
    """Return the Russian subject before the cue, "мы ...", or a proper name right after the verb."""
    head = _ENUMERATOR.sub("", _SPEAKER.sub("", sentence[: cue.start])).lstrip('«"„“ –—')
    we = _RU_WE.search(head)
    if we:
        return we.group(0)
    if _first_person(sentence, cue, "ru"):
        return None  # "И дальше будем ...": the speaker commits, the words before are adverbs
    after = _RU_PROPER_AFTER.match(sentence, cue.end)
    after_actor = after.group(1) if after and cue.kind != "instruction" else None
    head = _RU_LEAD.sub("", head)
    # A list of subjects ("Амурская, Владимирская ... области") is one; an impersonal passive
    # ("Десяти регионам выделено") has none before the verb.
    listed = all(len(part.split()) <= 3 for part in head.split(","))
    passive = cue.kind != "plan" and _RU_SHORT_PARTICIPLE.search(cue.text(sentence)) is not None
    if not head.strip() or _RU_PREPOSITION.match(head) or not listed or passive:
        return after_actor
    if after_actor and _RU_AGENT.search(after_actor) and not _RU_AGENT.search(head):
        return after_actor  # object first, subject after the verb: "... проконтролирует Минстрой"
    return _trim(head)


def _trim(phrase: str) -> str | None:
    """Return a phrase without edge punctuation, or None when it is empty or too long to be a subject."""
    phrase = phrase.strip(" ,;:–—-\"'“”«»")
    if not phrase or len(phrase.split()) > _MAX_ACTOR_WORDS:
        return None
    return phrase


def _first_person(sentence: str, cue: Cue, lang: str) -> bool:
    """Tell whether the cue is spoken in the first person ("we will", "будем", "прошу")."""
    if lang == "ru":
        return _RU_FIRST_PERSON.fullmatch(cue.text(sentence).split()[0]) is not None
    return re.search(r"\b(?:we|i)\s*$", sentence[: cue.start], re.IGNORECASE) is not None
