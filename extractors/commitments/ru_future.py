"""Russian future-tense cues: "будет / будут / будем <...>" and perfective futures ("построят")."""

from __future__ import annotations

import re

from extractors.commitments.cues import INFINITIVE_RU, Cue, finditer, words
from extractors.commitments.ru_verbs import future_verbs, other_future_verbs, prediction_verbs
from extractors.text.calendar import RU_MONTHS_GENITIVE

_I = re.IGNORECASE
_BUDET = re.compile(r"\b(буд(?:ет|ут|ем|у|ете|ешь))\b", _I)
_NEXT_WORDS = re.compile(r"\s+([^\s.;!?,:–—«»\"()\[\]]+)")
_INFINITIVE = re.compile("^" + INFINITIVE_RU + "$", _I)
_PARTICIPLE = re.compile(r"^[а-яё]+(?:[ая]н|[её]н|енн|[ыу]т|нят|чат)[аоы]?$", _I)
# Words between "будет" and what decides it: particles, adverbs, pronoun objects ("будем эту работу ...").
_SKIPPED = frozenset(
    words(
        "и также тоже уже ещё еще дальше далее обязательно максимально активно непременно точно только не ни "
        "всё все вместе совместно постепенно дополнительно по-прежнему впредь снова вновь сразу постоянно "
        "системно планомерно в том числе эту этот это эти этим этой его её ее их нам вам им мы они вы у нас "
        "всегда обязательно конечно безусловно последовательно дальнейшем же лишь просто дальше очень весьма "
        "крайне"
    )
)
_PREDICATIVE = frozenset(
    words(
        "важен важна важно важны нужен нужна нужно нужны полезен полезна полезно полезны интересен интересна "
        "интересно доступен доступна доступно доступны возможен возможна возможно возможны уверен уверена "
        "уверены должен должна должно должны рад рада рады способен способна способны согласен согласна "
        "согласны готов готова готово готовы благодарен благодарны признателен признательны она они оно он"
    )
)
_INDICATOR_INFINITIVE = re.compile(
    r"^(?:расти|снижаться|сокращаться|увеличиваться|уменьшаться|замедляться|ускоряться|падать|меняться|"
    r"колебаться|оставаться|находиться|составлять|превышать|достигать|стоить|появляться|возникать|"
    r"смотреться|выглядеть|являться|требоваться|чувствовать|ощущать|зависеть|нуждаться|казаться|"
    r"восприниматься|иметь)$",
    _I,
)
# Infinitives that name an effect ("будет способствовать росту"): a pledge only with an acting subject.
_EFFECT_INFINITIVE = re.compile(r"^(?:способствовать|содействовать|позволять|помогать|влиять|служить)$", _I)
# Verbs that organise the speech itself ("не буду вдаваться в детали", "будем переходить к ...").
_DISCOURSE_INFINITIVE = re.compile(
    r"^(?:говорить|перечислять|вдаваться|повторять|повторяться|останавливаться|задерживать|отнимать|"
    r"комментировать|напоминать|называть|переходить|надеяться|считать|исходить|ждать)$",
    _I,
)
# "будем помнить", "будем гордиться": remembrance and feelings, not actions.
_FEELING_INFINITIVE = re.compile(
    r"^(?:помнить|гордиться|скорбеть|любить|ценить|уважать|чтить|вспоминать)$", _I
)
_COMPARATIVE = re.compile(r"^(?:выше|ниже|больше|меньше|лучше|хуже|дороже|дешевле|[а-яё]{3,}[еи]е)$", _I)
_ACTION_NOUN = re.compile(
    r"^(?:программ\w*|проект\w*|работ\w*|строительств\w*|ремонт\w*|поддержк\w*|финансировани\w*|субсиди\w*|"
    r"выплат\w*|мероприяти\w*|конкурс\w*|форум\w*|заседани\w*|совещани\w*|встреч\w*|визит\w*|меры|мера|"
    r"механизм\w*|центр\w*|систем\w*)$",
    _I,
)
_INDICATOR_SUBJECT = re.compile(
    r"\b(?:ввп|инфляци\w+|цены|цен|темпы|темп|динамика|рост|курс|ставка|спрос|экспорт|импорт|товарооборот|"
    r"дефицит|безработица|экономика|доходы|выручка|прибыль|показатели|показатель|погода)\b[^.;:]{0,40}$",
    _I,
)
_EFFECT_SUBJECT = re.compile(
    r"(?:^|[,;:–—]\s*)(?:это|эти|эта|этот|такой|такая|такие|такое)(?:\s+[а-яё]+)?\s*$|\bкто\s+(?:[^\s,]+\s+){0,3}$",
    _I,
)
_HORTATIVE = re.compile(r"\bдавай(?:те)?\s+$", _I)
# Perfectives that also name an effect ("это обеспечит рост"): a pledge only with an acting subject.
_EFFECT_PRONE = re.compile(
    r"^(?:обеспеч|повыс|увелич|улучш|сохран|расшир|ускор|усил|упрост|снабд|сократ|сниз|реш|измен|замен)", _I
)
_AGENT = re.compile(
    r"\b(?:мы|правительств\w*|кабмин\w*|министерств\w*|мин[а-яё]+|ведомств\w*|президент\w*|премьер\w*|"
    r"губернатор\w*|администраци\w*|регион\w*|власти|стороны|россия|компания|госкорпораци\w*|банк\w*)\b",
    _I,
)
# "Сегодня рассмотрим ..." sets the meeting's agenda: the review happens within the meeting itself.
_TODAY = re.compile(r"\b(?:сегодня|сейчас)\b", _I)
_ALLOCATION_STEM = re.compile(r"^(?:выдел|направ|получ|перечисл|выплат|оплат|вложи|поступ)", _I)


def budet_cues(sentence: str) -> list[Cue]:
    """Return a pledge or prediction cue for each "будет / будут / будем" by the words that follow it."""
    cues = []
    for m in finditer(_BUDET, sentence):
        following = [w.group(1).lower() for w in _NEXT_WORDS.finditer(sentence, m.end())][:5]
        before = sentence[: m.start()]
        kind = _budet_kind(m.group(1).lower(), following, before)
        if kind == "none":
            continue  # "Мы будем помнить его": a feeling, neither an action nor a forecast
        if _HORTATIVE.search(before):
            kind = "prediction"  # "давайте будем ..." proposes, it does not commit
        cues.append(Cue(kind, m.start(), m.end(), kind != "prediction", m.start()))
    return cues


# "будет 80 лет", "будет 2 процента": an age, a date or a rate, not a planned number of things.
_NOT_CAPACITY = re.compile(
    r"^(?:лет|год\w*|процент\w*|раз|раза|градус\w*|час\w*|минут\w*|секунд\w*|дн\w*|день|недел\w*|месяц\w*|"
    r"%|" + "|".join(RU_MONTHS_GENITIVE) + ")$",
    _I,
)


def _budet_kind(aux: str, following: list[str], before: str) -> str:
    """Classify "будет <words>" by its first telling word: an action (infinitive, participle) or forecast
    ("none" for a feeling)."""
    negated = (bool(following) and following[0] == "не") or before.rstrip().lower().endswith(" не")
    telling = [w for w in following if w not in _SKIPPED]
    for i, word in enumerate(telling):
        if _INFINITIVE.match(word):
            if _FEELING_INFINITIVE.match(word):
                return "none"
            if _DISCOURSE_INFINITIVE.match(word) or (negated and aux in ("буду", "будем")):
                return "prediction"
            if _INDICATOR_INFINITIVE.match(word):
                # "Выплата будет составлять 10 тысяч рублей" states the payment, as "составит" does.
                funded = word == "составлять" and _FUNDING_SUBJECT.search(before) is not None
                return "allocation" if funded else "prediction"
            if _EFFECT_INFINITIVE.match(word) and aux not in ("буду", "будем") and not _AGENT.search(before):
                return "prediction"  # "Строительство порта будет способствовать росту": an effect
            return _pledge_unless(before, aux == "будем")
        if word in _PREDICATIVE or _COMPARATIVE.match(word):
            return "prediction"
        if _PARTICIPLE.match(word):
            return "pledge"
        if _ACTION_NOUN.match(word):
            return _pledge_unless(before, aux == "будем")
        if word.isdigit() and i + 1 < len(telling) and not _NOT_CAPACITY.match(telling[i + 1]):
            return _pledge_unless(before, aux == "будем")  # "Будет 530 коек": a planned capacity
        break
    return "pledge" if aux == "будем" and not negated else "prediction"


def _pledge_unless(before: str, first_person: bool) -> str:
    """Return "prediction" when the subject is an economic indicator, "это" or "кто", else "pledge"."""
    if not first_person and (_INDICATOR_SUBJECT.search(before) or _EFFECT_SUBJECT.search(before)):
        return "prediction"
    return "pledge"


# "Объём финансирования составит 5 млрд рублей" states a funding allocation, not a forecast.
_FUNDING_SUBJECT = re.compile(
    r"\b(?:финансировани\w*|средств\w*|субсиди\w*|ассигновани\w*|грант\w*|выплат\w*|бюджет\w*|пособи\w*|"
    r"компенсаци\w*|стипенди\w*|пенси\w*|материнск\w+\s+капитал\w*)\b[^.;:]{0,60}$",
    _I,
)


def _effect_cue(sentence: str, m: re.Match[str]) -> Cue:
    """Return a prediction cue for an effect verb, or an allocation when funding "составит" an amount."""
    if m.group(0).lower() in ("составит", "составят") and _FUNDING_SUBJECT.search(sentence, 0, m.start()):
        return Cue("allocation", m.start(), m.end(), True, m.start())
    return Cue("prediction", m.start(), m.end(), False, m.start())


def perfective_cues(sentence: str, money: bool) -> list[Cue]:
    """Return cues for perfective futures ("построят", "проконтролирует") and effect verbs ("позволит")."""
    effects = prediction_verbs(sentence)
    cues = [_effect_cue(sentence, m) for m in effects]
    # A third-person plural outside the lexicon pledges only with someone who acts as its subject or for
    # money ("регионы получат", "заплатят 10 тысяч рублей"): "люди придут" narrates.
    others = [
        m
        for m in other_future_verbs(sentence)
        if not m.group(0).lower().endswith(("ят", "ат", "ут", "ют"))
        or money
        or _AGENT.search(sentence, 0, m.start())
    ]
    for m in sorted(future_verbs(sentence) + others, key=lambda m: m.start()):
        verb, before = m.group(0), sentence[: m.start()]
        first_person = verb.lower().endswith(("им", "ем", "ём"))
        kind = _pledge_unless(before, first_person)
        if _EFFECT_PRONE.match(verb) and not first_person and not _AGENT.search(before):
            kind = "prediction"  # "это обеспечит", "которые повысят": an effect, not an actor's pledge
        if any(e.start() < m.start() for e in effects) and not first_person:
            kind = "prediction"  # "это позволит ... и повысит ...": coordinated effects
        if kind == "pledge" and money and _ALLOCATION_STEM.match(verb):
            kind = "allocation"
        agenda = verb.lower() == "рассмотрим" and _TODAY.search(sentence) is not None
        cues.append(Cue(kind, m.start(), m.end(), kind != "prediction" and not agenda, m.start()))
    return cues
