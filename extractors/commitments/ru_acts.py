"""Russian cues for decisions and undertakings stated in the past or the present tense.

A commitment is not always worded in the future: "мы приняли решение вкладывать в школы", "мы поставили
задачу реконструировать все школы", "Трамп поддержал идею организовать матчи", "мы заканчиваем программу",
"Условлено начать переговоры", "Госдума одобрила выделение 5 млрд рублей" each state an action still to
come that someone has taken on. Each cue below needs the words that make it forward-looking (an
infinitive, a duration, an amount), so the same verbs in a plain report ("Вы приняли решение и приехали")
stay out.
"""

from __future__ import annotations

import re

from extractors.commitments.cues import INFINITIVE_RU, PAST_PERIOD, Cue, find_all, search, words

_I = re.IGNORECASE
_INF = r"(?P<verb>" + INFINITIVE_RU + r")\b"
# Up to n words (no sentence or clause punctuation) before the infinitive.
_GAP = r"(?:[^\s.;!?,:–—]+\s+){0,%d}?"

# "мы приняли решение вкладывать", "принято решение о строительстве": a decision about what is to come
# ("Вы приняли решение ..." thanks the listener for one already carried out).
_DECIDED = re.compile(
    r"(?<!был )(?<!было )(?<!была )(?<!Вы )\b(?:принял[аи]?|принято)\s+(?:[^\s.;!?,]+\s+)?решени[ея]"
    r"(?=\s*,?\s*(?:" + (_GAP % 2) + INFINITIVE_RU + r"\b|(?:о|об)\s+[а-яё]))",
    _I,
)
# "мы поставили задачу реконструировать", "поставили перед собой цель – ...": a task the speakers set.
_TASK_SET = re.compile(
    r"\b(?:мы\s+(?:[^\s.;!?,]+\s+){0,2}?поставили|поставил[аи]?\s+перед\s+собой)\s+(?:[^\s.;!?,]+\s+){0,2}?"
    r"(?:задачу|цель)\s*[–—:,]?\s*" + (_GAP % 1) + INFINITIVE_RU + r"\b",
    _I,
)
# "поддержал идею Владимира Путина организовать матчи", "поддерживаем предложение о том, чтобы ...".
_SUPPORTED = re.compile(
    r"(?<!не )\b(?:поддержал[аи]?|поддерживаю|поддерживаем|поддержали)\s+(?:[^\s.;!?,]+\s+)?"
    r"(?:идею|предложение|инициативу)(?=(?:\s+[^\s.;!?,:–—]+){0,3}?\s+" + INFINITIVE_RU + r"\b|"
    r"(?:\s+[^\s.;!?,:–—]+){0,2}?\s+о\s+том,\s+чтобы\b)",
    _I,
)
# "Условлено начать переговоры", "Договорено о продолжении контактов" (not "как было договорено").
_AGREED_IMPERSONAL = re.compile(r"(?<!как )(?<!было )\b(?:условлено|договорено)\b", _I)
# The speakers' own start, end or continuation of a programme ("мы заканчиваем программу",
# "Продолжаем реализовывать эту задачу"): the rest of it lies ahead.
_PHASE = re.compile(r"\b(?:продолжаем|заканчиваем|завершаем|запускаем)\b(?=\s+[^\s.;!?,])", _I)
# "Сегодня мы запускаем производство", "Сейчас мы завершаем тему": done at the event itself.
_NOW = re.compile(r"\b(?:сегодня|сейчас)\b", _I)
_DONE_NOW = re.compile(r"(?:завершаем|запускаем|заканчиваем)$", _I)
# "мы хотим реализовывать у нас", "мы хотели бы построить кампус": the speakers' intention (a wish that
# someone else acts, "хотим, чтобы ...", and courtesies, "хотим поблагодарить", are left out).
_WISH = re.compile(
    r"(?<!не )\b(?:хотим|мы\s+(?:[^\s.;!?,]+\s+){0,2}?хотели\s+бы)\s+" + (_GAP % 2) + _INF,
    _I,
)
_NOT_INTENT = frozenset(
    words(
        "поблагодарить поздравить пожелать выразить воздать сказать отметить подчеркнуть обратиться "
        "обратить попросить получить пригласить видеть верить надеяться знать понять услышать узнать "
        "посмотреть обсудить рассказать доложить представить показать проинформировать познакомить "
        "напомнить передать донести услышать заверить остановиться"
    )
)
# "продлили выплаты на два месяца": a decision that runs on (a prolongation "до" a date is a provision
# only when the date lies ahead: commit_ru's decisions).
_PROLONGED = re.compile(
    r"\b(?:продлил[аио]?|продлили|продлеваем|продлевается|продлеваются|продлен[аоы]?|продлён)\b"
    r"(?=[^.;!?]{0,60}?\bна\s+(?:[^\s.;!?,]+\s+){0,2}?(?:дн|недел|месяц|год|лет))",
    _I,
)
# "Госдума одобрила выделение 5 млрд рублей", "утверждено 12 млрд рублей": an approved allocation.
_APPROVED = re.compile(r"\b(?:одобрил[аи]?|одобрен[аоы]?|утвердил[аи]?|утвержден[аоы]?|утверждён)\b", _I)
# "нацпроекты, которые утверждены Правительством": the approval describes the noun.
_RELATIVE = re.compile(r"\bкотор\w+\s+(?:[^\s,.;]+\s+)?$", _I)
_MONEY_AMOUNT = re.compile(
    r"\d[\d\s,.]*\s*(?:(?:тыс\w*|млн|млрд|трлн|миллион\w*|миллиард\w*|триллион\w*)\.?\s+)?"
    r"(?:рубл|доллар|евро|юан)",
    _I,
)
# "начали выплачивать", "начинаем перечислять средства": payments under way and still to be made.
_PAYMENTS_STARTED = re.compile(
    r"\b(?:начали|начинаем|начинают|начинается|начались)\s+(?:[^\s.;!?,]+\s+)?"
    r"(?:выплачивать|выплаты|перечислять|перечисление|финансировать|финансирование)\b",
    _I,
)
# "создаются экспертные группы", "формируется рабочая группа": a body set up to act.
_BODY_SET_UP = re.compile(
    r"\b(?:созда[её]тся|создаются|формиру(?:ется|ются)|учрежда(?:ется|ются))\s+(?:[^\s.;!?,]+\s+){0,4}?"
    r"(?:групп[аы]|комисси[яи]|совет|совета|штаб|комитет|центр|фонд|орган)\b",
    _I,
)
# "гарантирует солдатам жизнь": a guarantee given is a pledge ("это гарантирует рост" is an effect).
_GUARANTEE = re.compile(r"\bгарантир(?:ую|уем|ует|уют)\b", _I)
_EFFECT_SUBJECT = re.compile(r"(?:^|[,;:–—]\s*)(?:это|эти|эта|этот|что|которые|который)\s*$", _I)


# A document being drafted by someone named ("Минфин разрабатывает законопроект", "готовятся поправки в
# закон"): action in the making (the speakers' own "готовим план" is commit_ru's).
_DRAFTING = re.compile(
    r"\b(?:разрабатыва|подготавлива|дорабатыва|прорабатыва)(?:ет|ют|ется|ются)\b(?=\s+(?:[^\s.;!?,]+\s+){0,2}?"
    r"(?:законопроект|проект\w*\s+(?:закона|указа|постановления)|план\w*\b|программ|дорожн\w+\s+карт|стратеги|"
    r"концепци|предложени|поправк|изменени\w*\s+в\s))|"
    r"\b(?:готови?т|готовят|готовится|готовятся|формиру(?:ет|ют|ется|ются))\b(?=\s+(?:[^\s.;!?,]+\s+)?"
    r"(?:законопроект|проект\w*\s+(?:закона|указа|постановления)|план\w*\b|программ|дорожн\w+\s+карт|стратеги|"
    r"концепци|предложени|поправк|изменени\w*\s+в\s))",
    _I,
)
# Readiness ("мы готовы увеличивать квоту", "Готов обсудить", "Подтверждена готовность сторон
# содействовать") and invitations ("приглашаем Вас посетить") offer an action without taking it on: the
# guidelines keep them as marginal rows. Only the speakers' own readiness or a side's stated one counts
# ("экипаж готов к выполнению задач" describes a state, "спасибо за готовность" thanks).
_READY = re.compile(
    r"\b(?:мы|я)\s+(?:[^\s.;!?,]+\s+){0,2}?(?:готов[аы]?|открыты)\b(?=\s+(?:к\b|"
    + INFINITIVE_RU
    + r"\b)|[.,;!]|\s*$)|"
    r"^(?:[А-ЯЁ]\.[А-ЯЁ][а-яё-]+:\s*)?(?:и\s+)?[Гг]отов[аы]?\s+" + INFINITIVE_RU + r"\b|"
    r"\b(?:подтвер\w+|заяв\w+\s+о|выраз\w+|выразил\w*|выражена|подтверждена)\s+(?:[^\s.;!?,]+\s+){0,2}?"
    r"готовност[ьи]\b",
    _I,
)
_INVITE = re.compile(r"\bприглаша(?:ем|ю)\b", _I)
# "Антон Германович, обеспечьте финансирование", "Подготовьте, пожалуйста, предложения": an order in the
# imperative (courtesies and speech, "передайте привет", "представьте, что", "возьмите, к примеру", are not).
_IMPERATIVE = re.compile(
    r"^(?:[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){0,2},\s+)?(?:пожалуйста,?\s+)?"
    r"(?P<verb>обеспечьте|подготовьте|представьте(?!\s+себе|,?\s+что)|рассмотрите|проработайте|доработайте|"
    r"разработайте|доложите|проверьте|проконтролируйте|внесите|организуйте|ускорьте|завершите|выделите|"
    r"направьте|займитесь|примите\s+меры|найдите|решите|сделайте|подумайте)\b",
    _I,
)
# "Этот вопрос возьмём на контроль", "берём под личный контроль": taking a matter under control.
_CONTROL = re.compile(
    r"\b(?:возьм[её]м|возьм[её]т|возьмут|возьмите|бер[её]м)\s+(?:[^\s.;!?,]+\s+){0,3}?(?:на|под)\s+(?:[^\s.;!?,]+\s+)?"
    r"контроль\b",
    _I,
)
# "Стороны выразили заинтересованность в ...": an interest stated, marginal like readiness.
_INTEREST = re.compile(
    r"\b(?:выраз\w+|выражена|подтверд\w+|заяв\w+\s+о)\s+(?:[^\s.;!?,]+\s+){0,2}?заинтересованност[ьи]\b", _I
)
# One scan for the stems every cue above needs: most sentences hold none and skip the dozen patterns.
# It runs over the lower-cased sentence: a case-insensitive scan of Cyrillic is several times slower.
_STEMS = re.compile(
    r"решени|поставил|поддерж|условлено|договорено|продолжаем|заканчиваем|завершаем|запускаем|хотим|хотели|"
    r"продл|одобр|утвержд|утвердил|начал|начина|созда|формиру|учрежда|гарантир|готов|открыты|приглаша|"
    r"разрабатыва|подготавлива|дорабатыва|прорабатыва|[ьй]те\b|ите\b|контроль|заинтересованност",
)


def act_cues_ru(sentence: str) -> list[Cue]:
    """Return cues for decisions, set tasks, support, phases, intentions, approvals, orders and offers
    stated in the past or the present tense."""
    if _STEMS.search(sentence.lower()) is None:
        return []
    return _decision_cues(sentence) + _undertaking_cues(sentence) + _order_and_offer_cues(sentence)


def _decision_cues(sentence: str) -> list[Cue]:
    """Return cues for decisions, tasks set, support, agreements, prolongations and approved funding."""
    cues = find_all(_DECIDED, "provision", sentence) + find_all(_TASK_SET, "plan", sentence)
    cues += find_all(_SUPPORTED, "agreement", sentence) + find_all(_AGREED_IMPERSONAL, "agreement", sentence)
    cues += find_all(_PROLONGED, "provision", sentence)
    if search(_MONEY_AMOUNT, sentence) and not search(PAST_PERIOD, sentence):
        approved = find_all(_APPROVED, "allocation", sentence)
        cues += [c for c in approved if not _RELATIVE.search(sentence, 0, c.start)]
    return cues + find_all(_PAYMENTS_STARTED, "allocation", sentence, verb_first=True)


def _undertaking_cues(sentence: str) -> list[Cue]:
    """Return cues for programmes continued or finished, bodies set up, intentions, guarantees and
    documents being drafted."""
    cues = [
        c
        for c in find_all(_PHASE, "plan", sentence, verb_first=True)
        if not (_DONE_NOW.search(c.text(sentence)) and search(_NOW, sentence))
    ]
    cues += find_all(_BODY_SET_UP, "plan", sentence, verb_first=True)
    cues += [
        Cue("plan", m.start(), m.end(), True, m.start("verb"))
        for m in _WISH.finditer(sentence)
        if m.group("verb").lower() not in _NOT_INTENT
    ]
    cues += [
        Cue("pledge", m.start(), m.end(), True, m.start())
        for m in _GUARANTEE.finditer(sentence)
        if not _EFFECT_SUBJECT.search(sentence, 0, m.start())
    ]
    drafting = find_all(_DRAFTING, "plan", sentence)
    return cues + [c for c in drafting if not _RELATIVE.search(sentence, 0, c.start)]


def _order_and_offer_cues(sentence: str) -> list[Cue]:
    """Return cues for orders in the imperative, matters taken under control, and the marginal offers:
    interest, readiness, invitations."""
    cues = [
        Cue("instruction", m.start("verb"), m.end("verb"), True, m.start("verb"))
        for m in _IMPERATIVE.finditer(sentence)
    ]
    cues += find_all(_CONTROL, "pledge", sentence) + find_all(_INTEREST, "pledge", sentence, core=False)
    return (
        cues
        + find_all(_READY, "pledge", sentence, core=False)
        + find_all(_INVITE, "pledge", sentence, core=False)
    )
