"""What is not a commitment, and what is kept only as a marginal row (predictions, discourse, conditions)."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment

REF = datetime.date(2024, 1, 24)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the commitment a single sentence yields, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The minister visited the plant last week.", "en"),
        ("Exports grew by 5% in 2023.", "en"),
        ("Will the ministry publish the data?", "en"),
        ("Министр посетил завод на прошлой неделе.", "ru"),
        ("Товарооборот вырос на 17,5% и достиг 5 млрд долларов.", "ru"),
        ("Когда будет построена школа?", "ru"),
        ("Стороны обсудили сотрудничество в области энергетики.", "ru"),
        ("Настоящий Указ вступает в силу со дня его подписания.", "ru"),
        ("Правительству удалось обеспечить рост доходов.", "ru"),
        ("В 2023 году Правительство продлило программу.", "ru"),
        ("The Executive Order establishes the conditions of payments.", "en"),
        ("A road map was signed during the meeting.", "en"),
        ("Forty years ago the two countries signed an agreement on establishing diplomatic relations.", "en"),
        ("The agreement signed in Moscow on October 21, 2003 was ratified.", "en"),
        ("The regions had previously directed funds to support families.", "en"),
        ("The rise is due to more data becoming available.", "en"),
        ("Вы ставили задачу увеличить количество маршрутов.", "ru"),
        ("Раньше надо было приносить справки в МФЦ.", "ru"),
        ("Должен подчеркнуть, что работа идёт.", "ru"),
        ("Об этом должны знать школьники.", "ru"),
        ("Чтобы удержать рынки, им нужно совершенствовать продукцию.", "ru"),
        ("Наверное, надо сделать скидку на погоду.", "ru"),
        ("Давай ещё новые программы расширим.", "ru"),
        ("5. Признать утратившим силу Указ от 1 марта 2011 г. № 253.", "ru"),
        ("Наша задача – защита границ, безопасность жителей.", "ru"),
        ("Тогда была поставлена задача обеспечить рост.", "ru"),
        ("Возьмём Тверскую улицу.", "ru"),
        ("В моём понимании её задача – снижать стоимость жизни.", "ru"),
        ("The federal law is based on the forecast for the next three years.", "en"),
        ("Киевский режим нарушал договорённости о ненанесении ударов.", "ru"),
        ("За последние два года регионам направлено более 1,7 миллиарда рублей.", "ru"),
        ("На сегодня предприятиям выплачен 101 миллион рублей.", "ru"),
        ("The Government has allocated £2 billion to schools over the past decade.", "en"),
        ("Если будет поддержка с Вашей стороны, там 15 мероприятий.", "ru"),
        ("Все программы, которые были намечены, исполнены.", "ru"),
        ("The price is set to the market level.", "en"),
        ("It should be noted that exports grew.", "en"),
        ("The agreement on trade signed in 2015 has expired.", "en"),
    ],
)
def test_past_events_and_questions_are_not_commitments(sentence: str, lang: str) -> None:
    assert one(sentence, lang) is None


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The new fund will help families on low incomes.", "en"),
        ("This investment will boost growth in the region.", "en"),
        ("Prices could see a rise next year.", "en"),
        ("Revenues are expected to total 15 billion rubles.", "en"),
        ("Inflation will not exceed 5.5% next year.", "en"),
        ("Это позволит ускорить завершение работ.", "ru"),
        ("В этом году динамика ВВП будет чуть ниже, чем в прошлом.", "ru"),
        ("Уверен, что это будет полезная поездка.", "ru"),
        ("Эти меры обеспечат рост производства.", "ru"),
        ("Рост ВВП составит 2%.", "ru"),
        ("Строительство порта будет способствовать росту грузооборота.", "ru"),
        ("Inflation is set to rise next year.", "en"),
        ("Выражаю надежду на то, что будет сделано ещё больше.", "ru"),
        ("Мы будем очень благодарны за поддержку.", "ru"),
    ],
)
def test_predictions_and_effects_are_marked_not_core(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is not None
    assert found.kind == "prediction" and not found.core


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Я сейчас не буду вдаваться в детали.", "ru"),
        ("Давайте перейдём к обсуждению.", "ru"),
        ("Договорились.", "ru"),
        ("Поскольку регионы получат средства позже, работы сдвинутся.", "ru"),
        ("If the ministry will publish the data, analysts can check it.", "en"),
        ("Но в этом году, в сентябре, мы начинаем…", "ru"),
        ("Нужно не только отслеживать эти факторы.", "ru"),
        ("Если поручите, мы с удовольствием проработаем такой трек.", "ru"),
        ("If the council agrees, we will build the bridge.", "en"),
        ("Два года назад мы договорились построить мост.", "ru"),
        ("The two sides agreed to expand trade three years ago.", "en"),
        ("Мы рассмотрим с вами сегодня вопросы развития отношений.", "ru"),
        ("Now we will review the state of our bilateral trade.", "en"),
    ],
)
def test_discourse_conditions_and_generic_obligations_are_not_core(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is None or not found.core


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Мы всегда будем помнить наших героев.", "ru"),
        ("Мы будем гордиться ими.", "ru"),
        ("We will always remember those who gave their lives.", "en"),
    ],
)
def test_remembrance_and_feelings_are_not_commitments(sentence: str, lang: str) -> None:
    assert one(sentence, lang) is None
