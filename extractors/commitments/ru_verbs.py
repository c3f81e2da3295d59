"""Future-tense forms of Russian perfective verbs common in government releases.

A perfective verb in the present-tense form means the future ("построят" = "will build"), so these forms
are commitment cues on their own. Russian morphology is not predictable from spelling, hence a lexicon of
verb stems grouped by conjugation, expanded into third-person and first-person-plural forms; the plural
and first-person futures of any other verb ("заплатят", "предусмотрим", "доложу") are read with the
morphological analyser (pymorphy3), when every analysis of the word is a perfective future.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.text.words import ru_grammemes


def _words(spaced: str) -> tuple[str, ...]:
    """Return the space-separated words (keeps the lexicon below compact)."""
    return tuple(spaced.split())


# Second conjugation stems ("выделить" -> "выдел": выделит / выделят / выделим).
_SECOND = _words(
    "выдел направ получ постро оплат обеспеч продл расшир подготов представ рассмотр утверд заверш "
    "продолж увелич запуст перечисл выплат установ провер закреп внедр упрост повыс сохран улучш "
    "исполн выполн определ подключ обнов восстанов примен предостав поддерж обсуд закуп "
    "постав заключ благоустро пересел удво утро снабд возобнов объяв оформ разреш освобод отмен "
    "ускор усил наград замен оснаст сократ сниз возмест начисл достав распредел реш измен достро "
    "рассел законч нараст"
)
# First conjugation stems with a vowel before the ending ("разработать" -> "разработа": разработает).
_FIRST_VOWEL = _words("разработа доработа проработа отработа сдела рассчита")
# "-овать" verbs that are only perfective ("проконтролировать" -> проконтролирует / проконтролируют).
_OVAT = _words(
    "проконтролир профинансир отремонтир реконструир сформир проанализир скорректир проинформир сконцентрир "
    "простимулир проиндексир докапитализир просубсидир проинвестир соглас"
)
# Irregular future forms, listed whole.
_IRREGULAR = _words(
    "создаст создадут создадим проведёт проведет проведут проведём проведем введёт введет введут введём "
    "введем внесёт внесет внесут внесём внесем примет примут примем откроет откроют откроем пойдут "
    "пойдёт пойдет подпишет подпишут подпишем привлечёт привлечет привлекут приобретёт приобретет "
    "приобретут возведёт возведет возведут передаст передадут передадим окажет окажут окажем "
    "поступят поступит начнёт начнет начнут перейдёт перейдет перейдут перейдём перейдем "
    "вложит вложат вложим разместит разместят разместим выдаст выдадут вернёт вернет вернут "
    "состоится состоятся пройдёт пройдет пройдут откроется откроются начнётся начнется начнутся "
    "завершится завершатся продолжится продолжатся поможем дадим сдаст сдадут сдадим выйдем "
    "добьёмся добьемся доведёт доведет доведут доведём доведем приведём приведем"
)
# Perfective futures that describe an effect or a forecast, not an action someone takes.
PREDICTION_FORMS = frozenset(
    _words(
        "позволит позволят поможет помогут станет станут составит составят приведёт приведет приведут "
        "даст дадут вырастет вырастут увеличится увеличатся снизится снизятся сократится сократятся "
        "замедлится ускорится превысит превысят достигнет достигнут сможет смогут сможем окажется "
        "повысится повысятся улучшится ухудшится обернётся обернется потребуется потребуются"
    )
)
# First-person plural forms that organise a conversation ("посмотрим", "обсудим") rather than pledge.
_DISCOURSE = frozenset(_words("посмотрим обсудим поговорим начнём начнем послушаем заслушаем договоримся"))


def _second(stem: str) -> list[str]:
    """Return the future forms of a second-conjugation stem."""
    plural = "ат" if stem[-1] in "жшчщ" else "ят"
    return [stem + "ит", stem + plural, stem + "им"]


def _forms() -> frozenset[str]:
    """Expand the stems into the set of future forms that are commitment cues."""
    forms: set[str] = set(_IRREGULAR)
    for stem in _SECOND:
        forms.update(_second(stem))
    for stem in _FIRST_VOWEL:
        forms.update((stem + "ет", stem + "ют", stem + "ем"))
    for stem in _OVAT:
        forms.update((stem + "ует", stem + "уют", stem + "уем"))
    return frozenset(forms - PREDICTION_FORMS - _DISCOURSE)


FUTURE_FORMS = _forms()
_WORD = re.compile(r"[А-Яа-яЁё]+")
# Plural and first-person endings of a perfective future: "заплатят", "проведут", "предусмотрим", "доложу".
_FUTURE_ENDING = re.compile(r"[а-яё]{3,}(?:ят|ат|ут|ют|им|ем|ём|у|ю)")
# First-person futures that organise the speech or name a thought or a perception, not an action.
_NOT_ACTIONS = frozenset(
    _words(
        "скажу скажем отмечу отметим подчеркну подчеркнём подчеркнем напомню напомним добавлю добавим "
        "повторю повторим остановлюсь остановимся перейду перейдём перейдем вернусь вернёмся вернемся "
        "приведу приведём приведем начну закончу завершу поблагодарю поздравлю позволю попрошу попросим "
        "увижу увидим увидят пойму поймём поймем поймут узнаю узнаем узнают почувствуем почувствуют "
        "услышим услышат представлю представим покажу покажем посмотрю посмотрят послушаю "
        "выскажу выскажусь расскажу расскажем уточню уточним замечу признаюсь оговорюсь спрошу "
        "поделюсь поделимся познакомлю познакомимся поприветствую передам пожелаю пожелаем оценят "
        "вспомним вспомнят согласимся согласятся договоримся договорятся решат захотят захочу смогу "
        "допустим возьмём возьмем пойдём пойдем подумаем подумаю назову объясню отвечу прокомментирую "
        "попробую затронем затрону упомяну обращу обратим скрою поаплодирую перечислю озвучу поговорю "
        "переговорю поеду приеду придём придем поедем переедем обговорим подведём подведем подтвержу"
    )
)


_HORTATIVE = re.compile(r"\bдавай(?:те)?\s+(?:[а-яё]+\s+){0,3}$", re.IGNORECASE)


@lru_cache(maxsize=4)
def _tokens(sentence: str) -> tuple[tuple[re.Match[str], str], ...]:
    """Return the Cyrillic words of a sentence with their lower-cased forms (read by every finder here)."""
    return tuple((m, m.group(0).lower()) for m in _WORD.finditer(sentence))


def future_verbs(sentence: str) -> list[re.Match[str]]:
    """Return the matches of perfective future forms of the lexicon (pledges) in a sentence, except
    "давайте ..." ones."""
    return [
        m
        for m, word in _tokens(sentence)
        if word in FUTURE_FORMS and not _HORTATIVE.search(sentence, 0, m.start())
    ]


def other_future_verbs(sentence: str) -> list[re.Match[str]]:
    """Return the matches of plural and first-person perfective futures outside the lexicon ("заплатят",
    "предусмотрим", "доложу"), except "давайте ..." ones."""
    return [
        m
        for m, word in _tokens(sentence)
        if word not in FUTURE_FORMS
        and is_other_future(word)
        and not _HORTATIVE.search(sentence, 0, m.start())
    ]


def is_other_future(word: str) -> bool:
    """Tell whether a word outside the lexicon is a plural or first-person form that the analyser reads
    only as a perfective future (speech, thought and perception verbs left out)."""
    excluded = word in PREDICTION_FORMS or word in _DISCOURSE or word in _NOT_ACTIONS
    if excluded or not _FUTURE_ENDING.fullmatch(word):
        return False
    grams = ru_grammemes(word)
    return (
        {"VERB", "perf", "futr", "indc"} <= grams
        and not grams & {"impf", "pres", "past"}
        and ("plur" in grams or "1per" in grams)
    )


def prediction_verbs(sentence: str) -> list[re.Match[str]]:
    """Return the matches of perfective futures that state an effect or a forecast."""
    return [m for m, word in _tokens(sentence) if word in PREDICTION_FORMS]
