"""Russian commitment cues: "будет / будут / будем", perfective futures, plans, agreements, instructions."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.commitments.cues import (
    INFINITIVE_RU,
    PAST_PERIOD,
    Cue,
    find_all,
    finditer,
    is_question,
    search,
    strongest,
    words,
)
from extractors.commitments.items import continued_directive_ru, list_item_ru
from extractors.commitments.ru_acts import act_cues_ru
from extractors.commitments.ru_documents import document_cues_ru
from extractors.commitments.ru_future import budet_cues, perfective_cues
from extractors.commitments.ru_verbs import prediction_verbs

_I = re.IGNORECASE
_INSTRUCTION = re.compile(
    r"\b(?:поруч(?:ил|ила|или|ено|ена|ены|ается|аются|аю|аем|ить)|обяза(?:л|ла|ли|ть)|"
    r"(?:дал|дала|дали|даю|да[её]м)\s+(?:[^\s.;!?]+\s+){0,3}?(?:поручени[ея]|команд[уы]|указани[ея]|"
    r"распоряжени[ея]))\b",
    _I,
)
# "по поручению", "во исполнение поручения", "о ходе исполнения поручений" report on an instruction.
_INSTRUCTION_REPORTED = re.compile(
    r"(?:\bпо|\bво\s+исполнение|\bв\s+соответствии\s+с|\bисполнени\w+|\bвыполнени\w+|\bреализаци\w+)\s+$", _I
)
_REQUEST = re.compile(
    r"\b(?:прошу|просим|попрошу|просил[аи]?\s+бы|(?:хотел[аи]?\s+бы|хочу|хотим)\s+(?:[^\s.;!?]+\s+){0,2}?"
    r"попросить)\b(?:\s+[^\s.;!?]+){0,5}?\s+(" + INFINITIVE_RU + r")\b",
    _I,
)
_OBLIGATION = re.compile(
    r"\b(?:необходимо|нужно|надо|следует|должн(?:ы|а|о)|должен|обязан[аоы]?|важно|требуется|придётся|"
    r"придется)\b"
    r"(?:\s+[^\s.;!?,]+){0,3}?\s+(" + INFINITIVE_RU + r")\b",
    _I,
)
# "надо было получать" (a past need), "должен подчеркнуть" (speech), "должны знать" (a state, not an
# action), "им нужно" (someone else's need) and a hedged generic need are not obligations anyone takes on.
_NOT_OBLIGED = re.compile(r"\s(?:было|был|была|были)\s", _I)
_NOT_ACTIONS = frozenset(
    words(
        "сказать подчеркнуть отметить заметить напомнить признать признаться оговориться упомянуть "
        "поблагодарить доложить констатировать знать понимать помнить иметь осознавать"
    )
)
_OTHERS_NEED = re.compile(r"\b(?:им|ему|ей|тебе)\s+(?:[^\s,.;]+\s+){0,2}$", _I)
# "проблемы, которые нужно решать": the need describes the noun, nobody is told to act.
_RELATIVE = re.compile(r"\bкотор\w+\s+(?:[^\s,.;]+\s+)?$", _I)
_OPINION = re.compile(r"\b(?:наверное|видимо|возможно|может\s+быть|по-моему|мне\s+кажется|думаю)\b", _I)
_CONCRETE = frozenset(
    words(
        "обеспечить предусмотреть подготовить принять разработать выделить завершить создать построить "
        "представить внести провести организовать ускорить продолжить оказать направить утвердить "
        "проработать рассмотреть увеличить расширить запустить доработать определить установить "
        "сформировать реализовать "
        "профинансировать выплатить отремонтировать модернизировать проконтролировать подключить"
    )
)
_INSTITUTION_DATIVE = re.compile(
    r"\b(?:правительству|министерству|министерствам|ведомствам|минфину|мин\w+ю|кабмину|регионам|губернаторам|"
    r"администрации|органам\s+власти|банку\s+россии|госкорпорации|компании)\b",
    _I,
)
# Decree and instruction-list style: "Правительству Российской Федерации в 3-месячный срок: а) представить".
_DECREE = re.compile(
    r"\b(?:правительству|министерству|министру|министерствам|ведомствам|(?-i:Мин[а-яё]+[уюи])|"
    r"органам\s+(?:исполнительной\s+|государственной\s+)?власти|высшим\s+должностным\s+лицам|банку\s+россии|"
    r"госкорпорации|федеральному\s+[а-яё]+у)\b([^.;!?]{0,160}?)\b([а-яё]+(?:ть|ти))\b",
    _I,
)
_ADDRESSEE_END = re.compile(r":|,|\s(?:в|до|не\s+позднее|совместно|с|при)\s")
_DECREE_VERBS = _CONCRETE | frozenset(words("привести представить внести провести подготовить обеспечивать"))
# "Правительству удалось обеспечить": what an institution managed to do, not what it is told to do.
_NOT_TOLD = re.compile(
    r"\b(?:удал\w*|удаётся|удается|удастся|пришлось|приходится|позвол\w*|помог\w*|было)\b", _I
)
# The noun alone ("нарушал договорённости", "реализация договорённостей") names an agreement, often an old
# one; reaching one ("достигли договорённости") is the news.
_AGREEMENT = re.compile(
    r"\b(?:договорил(?:ись|ся|ась)|договаривал(?:ись|ся|ась)|договариваемся|договоримся|"
    r"условились|согласились(?=(?:\s+[^\s.;!?,]+){0,2}?\s+" + INFINITIVE_RU + r"\b)|"
    r"(?:достигнут[аоы]?|достигли)\s+(?:[^\s.;!?,]+\s+)?(?:договор[её]нност\w*|соглашени\w*))\b",
    _I,
)
_PLAN = re.compile(
    r"\b(?:планир(?:уется|уются|ует|уют|уем|ую|овано|ована|ованы)|запланирован[аоы]?|"
    r"намер(?:ен|ена|ено|ены|ение|ения|ениях|еваемся|евается|еваются)|"
    r"собира(?:емся|ется|ются)(?=(?:\s+[^\s.;!?,]+){0,2}?\s+" + INFINITIVE_RU + r"\b)|"
    r"готов(?:имся|ится|ятся)\s+к|приступ(?:аем|ает|ают|им|ит|ят)\s+к|"
    r"став(?:им|ит|ят)\s+(?:перед\s+собой\s+)?(?:цель|задачу)|предстоит|предполагается|в\s+планах|"
    r"намеча(?:ется|ются|ем|ет|ют)|намечен[аоы]?|"
    r"(?:наша|моя|наши|мои)\s+(?:с\s+вами\s+)?(?:[а-яё]+\s+)?задач[аи](?=(?:\s+[^\s.;!?:]+){0,8}?\s+"
    + INFINITIVE_RU
    + r"\b)|"
    r"(?<!был\w )(?<!была )(?:поставлена|определена|стоит)\s+(?:[^\s.;!?]+\s+){0,3}?задача"
    r"(?=(?:\s+[^\s.;!?]+){0,3}?\s+" + INFINITIVE_RU + r"\b|,?\s*чтобы\b)|"
    r"(?:формируем|готовим|разрабатываем|прорабатываем|дорабатываем|подготавливаем|вносим)(?=[^.;!?]{0,120}?"
    r"\b(?:план|программ|дорожн\w+\s+карт|предложени|законопроект|проект\w*\s+(?:закона|указа|постановления)|"
    r"изменени|поправк|"
    r"договор[её]нност|соглашени|"
    r"стратеги|концепци))|"
    r"подтверди(?:ли|л|ла)\s+(?:свою\s+|свою\s+твёрдую\s+)?(?:приверженность|намерение|готовность\s+продолжить))\b",
    _I,
)
# "Задача на текущий год – выйти на траекторию роста": a task stated as an infinitive, with a future date
# (undated, "её задача – снижать стоимость" may name a standing purpose rather than a plan).
_DATED_TASK = re.compile(
    r"\bзадач[аи](?:\s+[^\s.;!?:–—]+){0,4}?(?=\s*[–—:]\s*(?:это\s+)?(?:[^\s.;!?,]+\s+){0,3}?"
    r"(?:" + INFINITIVE_RU + r"\b|чтобы\b))",
    _I,
)
# "программы, которые были намечены": a plan already made (and maybe carried out), not a new one.
_SETTLED = re.compile(r"\b(?:был[аио]?|которы[йеёх]|которая|которое)\s+(?:[^\s.;!?,]+\s+)?$", _I)
# Finite and short forms only: a long participle ("не предусмотренных") describes, it does not provide.
_DOCUMENT = re.compile(
    r"(?:документ|закон|программ|проект|бюджет|распоряжени|постановлени|указ|соглашени|договор|план|"
    r"стратеги|концепци|меморандум|протокол|решени)",
    _I,
)
# A document taking effect later ("вступит в силу с 1 января") provides for the future.
_IN_FORCE = re.compile(r"\bвступ(?:ит|ят)\s+в\s+силу\b", _I)
_IN_FORCE_NOW = re.compile(r"\bвступ(?:ает|ают)\s+в\s+силу\b", _I)  # a future date makes it a provision
# A decision taken now that runs into the future ("продлило программу до 2030 года"), with a future horizon.
_DECISION = re.compile(
    r"\b(?:продлил[аио]?|продлен[аоы]?|продлева(?:ет|ют|ется|ются)|утвердил[аио]?|утвержден[аоы]?|"
    r"установил[аио]?|установлен[аоы]?|расширил[аио]?|принял[аио]?\s+решение|принято\s+решение)\b",
    _I,
)
_PROVISION = re.compile(r"(?<!не )\bпредусм(?:атрива(?:ет|ют|ется|ются)|отрен[аоы]?|отрят|отрит)\b", _I)
_ALLOCATION = re.compile(
    r"\b(?:выдел(?:ит|ят|им|ил|ила|или|ило|ено|ена|ены|ен)|направ(?:ит|ят|им|ил|ила|или|ило|лено|лена|лены|лен)|"
    r"перечисл(?:ит|ят|ено|ены|ил|или)|выплат(?:ят|ит|им)|выплачен[аоы]?|"
    r"предостав(?:ит|ят|им|ил|или|лено|лены|лена)|получ(?:ат|ит)|пойд[её]т\s+на|пойдут\s+на|"
    r"поступ(?:ят|ит)|профинансир\w+|оплат(?:ят|ит)|утвердил[аои]?\s+(?:распределение|выделение))\b",
    _I,
)
_PAST_FORM = re.compile(r"(?:ил|ила|или|ило|ен|ено|ена|ены)$", _I)
# Present-tense allocations ("выделяют", "направляется") describe a routine unless an amount is stated.
_ALLOCATION_PRESENT = re.compile(r"\b(?:выделя|направля|перечисля|предоставля)(?:ет|ют|ется|ются|ем)\b", _I)
_AMOUNT = re.compile(r"\d[\d\s,.]*\s*(?:тыс|млн|млрд|трлн|миллион|миллиард|триллион|рубл|доллар|евро)", _I)
_SIGNED = re.compile(r"\bподписал[аи]?\b[^.;]{0,40}?\b(?:распоряжени|постановлени|указ)\w*", _I)
# "Распоряжение о выделении ... подписал Председатель Правительства": the document phrase is the action.
_SIGNED_DOCUMENT_FIRST = re.compile(
    r"\b((?:распоряжени|постановлени|указ)\w*\b[^.;]{0,160}?)\s+(подписал[аи]?)\b", _I
)
_MONEY = re.compile(
    r"(?:рубл|млн|млрд|трлн|средств|финансир|субсиди|бюджет|денег|деньги|грант|ассигнован|фонд|выплат|"
    r"доллар|евро|юан)",
    _I,
)
_HEDGE = re.compile(
    r"\b(?:уверен[аы]?|думаю|думаем|надеюсь|надеемся|надежд[уаы]|считаю|полагаю|наверное|наверняка|видимо|вероятно|"
    r"возможно|может\s+быть|по\s+прогнозам?|по\s+оценкам|ожидается|ожидаются|ожидаем|ожидаю|прогнозируется|"
    r"прогнозируем|предполагаю|не\s+исключаю|рассчитываем|рассчитываю|прогноз\w*|это\s+значит|"
    r"это\s+означает|означает|не\s+сомневаюсь|не\s+сомневаемся|хотел[аи]?\s+бы,?\s+чтобы|"
    r"хотелось\s+бы,?\s+чтобы)\b",
    _I,
)
_FUTURE_PRESENT = re.compile(
    r"\b(?:начинаем|открываем|запускаем|вводим|строим|созда[её]м|приступаем|переходим|проводим|реализуем|"
    r"продолжаем|продолжает|продолжают|"
    r"расширяем|увеличиваем|начинают|открывают|запускают|начинается|открывается|стартует|стартуют|"
    r"запускается|вводится|вводятся|открываются|начинаются|"
    # "Начнём" opens a discussion as often as a project: a pledge only when dated ahead.
    r"начн[её]м(?!\s+(?:беседу|разговор|обсуждение|работу|заседание|совещание|встречу|с|со)\b))\b",
    _I,
)


def find_cues_ru(
    sentence: str, has_future_time: bool = False, in_list: bool = False, after_directive: bool = False
) -> Cue | None:
    """Return the cue that makes a Russian sentence a commitment (or a prediction), or None; in_list
    tells that the sentence follows a lead or an item ending with a colon or a semicolon, after_directive
    that the sentence before it in the paragraph gave an instruction."""
    if is_question(sentence):
        return None
    money = search(_MONEY, sentence) is not None
    items = (list_item_ru(sentence, in_list), continued_directive_ru(sentence, after_directive))
    cues = [c for c in items if c is not None]
    cues += [c for c in find_all(_INSTRUCTION, "instruction", sentence) if not _reported(sentence, c)]
    cues += [
        Cue("instruction", m.start(), m.end(), _concrete_request(sentence, m), m.start(1))
        for m in finditer(_REQUEST, sentence)
    ]
    cues += _obligation_cues(sentence)
    cues += _decree_cues(sentence)
    cues += find_all(_AGREEMENT, "agreement", sentence)
    cues += [c for c in find_all(_PLAN, "plan", sentence) if not _settled(sentence, c)]
    cues += find_all(_PROVISION, "provision", sentence, core=money or search(_DOCUMENT, sentence) is not None)
    cues += find_all(_IN_FORCE, "provision", sentence)
    if money:
        allocations = find_all(_ALLOCATION, "allocation", sentence, verb_first=True)
        cues += [c for c in allocations if not _past_report(sentence, c)]
        cues += find_all(_SIGNED, "allocation", sentence) + _signed_document_first(sentence)
    if search(_AMOUNT, sentence):
        cues += find_all(_ALLOCATION_PRESENT, "allocation", sentence, verb_first=True)
    cues += budet_cues(sentence) + perfective_cues(sentence, money) + act_cues_ru(sentence)
    cues += document_cues_ru(sentence, has_future_time, money)
    if has_future_time:
        cues += [
            Cue("plan", m.start(), m.end(), True, m.start()) for m in finditer(_FUTURE_PRESENT, sentence)
        ]
        cues += find_all(_DECISION, "provision", sentence) + find_all(_IN_FORCE_NOW, "provision", sentence)
        cues += find_all(_DATED_TASK, "plan", sentence)
    cues = [_hedged(sentence, c) for c in cues]
    if not cues and search(_HEDGE, sentence) and prediction_verbs(sentence):
        m = prediction_verbs(sentence)[0]
        cues.append(Cue("prediction", m.start(), m.end(), False, m.start()))
    return strongest(cues, sentence)


def _settled(sentence: str, cue: Cue) -> bool:
    """Tell whether a participle plan cue describes a plan already made ("которые были намечены")."""
    participle = re.search(r"(?:ован|намечен)", cue.text(sentence), _I) is not None
    return participle and _SETTLED.search(sentence, 0, cue.start) is not None


def _past_report(sentence: str, cue: Cue) -> bool:
    """Tell whether a past allocation sums up a period ("За последние два года направлено ...", "на
    сегодня выплачен ..."): a report of what was done, not a decision."""
    return _PAST_FORM.search(cue.text(sentence)) is not None and search(PAST_PERIOD, sentence) is not None


def _decree_cues(sentence: str) -> list[Cue]:
    """Return instruction cues for decree-style orders; the dative addressee is the actor."""
    cues = []
    for m in _DECREE.finditer(sentence):
        if m.group(2).lower() in _DECREE_VERBS and not _NOT_TOLD.search(m.group(1)):
            addressee = _ADDRESSEE_END.split(m.group(0), maxsplit=1)[0].rstrip()
            span = (m.start(), m.start() + len(addressee))
            cues.append(Cue("instruction", m.start(), m.end(), True, m.start(2), actor_span=span))
    return cues


def _signed_document_first(sentence: str) -> list[Cue]:
    """Return allocation cues for "Распоряжение о ... подписал X" (the document is the action)."""
    return [
        Cue("allocation", m.start(2), m.end(2), True, m.start(1), action_end=m.end(1))
        for m in _SIGNED_DOCUMENT_FIRST.finditer(sentence)
    ]


# Requests that are courtesies or steps of the meeting itself ("прошу передать привет", "прошу Вас
# рассказать", "сегодня прошу доложить"), not tasks.
_COURTESY_REQUESTS = frozenset(
    words(
        "передать принять рассказать сказать выступить высказаться прокомментировать присаживаться садиться "
        "познакомиться пройти извинить простить понять"
    )
)


def _concrete_request(sentence: str, m: re.Match[str]) -> bool:
    """Tell whether "прошу <infinitive>" sets a task ("прошу рассмотреть", "прошу всё анализировать"), not a
    courtesy or a step of the meeting."""
    verb = m.group(1).lower()
    if verb == "принять":  # "прошу принять меры" instructs, "прошу принять от нас" is a courtesy
        return (
            re.match(r"\s+(?:меры|решени|закон|программ|план|документ)", sentence[m.end() :], _I) is not None
        )
    if "возможност" in m.group(0).lower():  # "просил бы возможности доложить": asks leave, sets no task
        return False
    if verb == "доложить":  # "сегодня прошу доложить" is a step of the meeting
        return _TODAY_RU.search(sentence) is None
    return verb not in _COURTESY_REQUESTS


_TODAY_RU = re.compile(r"\b(?:сегодня|сейчас)\b", _I)


def _reported(sentence: str, cue: Cue) -> bool:
    """Tell whether an instruction word only refers to an earlier instruction ("по поручению")."""
    return _INSTRUCTION_REPORTED.search(sentence, max(0, cue.start - 40), cue.start) is not None


def _obligation_cues(sentence: str) -> list[Cue]:
    """Return instruction cues for "необходимо / нужно / должны <infinitive>"."""
    cues = []
    for m in finditer(_OBLIGATION, sentence):
        verb, before = m.group(1).lower(), sentence[: m.start()]
        concrete = verb in _CONCRETE or _INSTITUTION_DATIVE.search(before) is not None
        if _NOT_OBLIGED.search(m.group(0)) or verb in _NOT_ACTIONS or _OTHERS_NEED.search(before):
            continue
        if _RELATIVE.search(before):
            continue
        if not concrete and _OPINION.search(before):
            continue  # "Наверное, надо сделать скидку на то, что ...": an opinion
        cues.append(Cue("instruction", m.start(), m.end(), concrete, m.start(1)))
    return cues


def _hedged(sentence: str, cue: Cue) -> Cue:
    """Demote a pledge to a prediction when an opinion or forecast word comes before it."""
    if cue.kind in ("pledge", "allocation") and search(_HEDGE, sentence, 0, cue.start):
        return replace(cue, kind="prediction", core=False)
    return cue
