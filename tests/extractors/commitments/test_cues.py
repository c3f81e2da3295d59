"""Commitment cue forms in English and Russian: each one yields a core commitment of its kind."""

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


EN_COMMITMENTS = [
    ("The ministry will publish new guidance for exporters.", "pledge"),
    ("The regulations shall apply to all operators.", "provision"),
    ("The company plans to open two plants in Tatarstan.", "plan"),
    ("It is planned to hold a business forum in Kazan.", "plan"),
    ("The two countries agreed to expand supplies of grain.", "agreement"),
    ("Russia intends to increase its contribution to the fund.", "plan"),
    ("The programme envisages the construction of 40 schools.", "provision"),
    ("The new law provides for tax breaks for small firms.", "provision"),
    ("The Government was instructed to submit proposals on the matter.", "instruction"),
    ("The President ordered a one-time payment to pensioners.", "instruction"),
    ("The regions must ensure that every school has internet access.", "instruction"),
    ("The Cabinet allocated 2 billion rubles to rebuild the bridge.", "allocation"),
    ("The Prime Minister signed a decree to allocate 900 million rubles to hospitals.", "allocation"),
    ("Another 57 million rubles will be allocated to vehicle production.", "allocation"),
    ("Farmers will receive subsidies for new machinery.", "allocation"),
    ("Proposals are to be submitted to the Cabinet.", "plan"),
    ("The government will help small firms export.", "pledge"),
    ("Funding for the scheme will total £50 million.", "allocation"),
    ("We are determined to deliver faster trains.", "plan"),
    ("Both leaders reaffirmed their commitment to expanding trade.", "plan"),
    ("Applications will open on 1 April.", "pledge"),
    ("Among the documents signed was a memorandum on building a joint research centre.", "agreement"),
    ("A loan agreement between the two banks on granting up to 5 billion yuan was signed.", "agreement"),
    ("The decree also states it is necessary to prepare a draft law on the matter.", "instruction"),
    ("The council is also repurposing £5 million of its budget towards bursaries.", "allocation"),
    ("The Government has also received instructions regarding subsidies to airlines.", "instruction"),
    ("The new plant is due to open in May.", "plan"),
    ("We're going to build 40 new schools.", "plan"),
    ("The ministry will review the rules next year.", "pledge"),
    ("The new rules come into force on 1 April 2025.", "provision"),
    ("The region is set to receive £5 million for flood defences.", "plan"),
    ("The council has committed to planting 1,000 trees.", "plan"),
    ("£20 million is being made available to councils.", "allocation"),
    ("A memorandum of understanding on cooperation in health care was signed.", "agreement"),
]
RU_COMMITMENTS = [
    ("В рамках проекта будет построено 100 новых детских садов.", "pledge"),
    ("Средства будут направлены на ремонт школ.", "allocation"),
    ("Новый центр будет открыт в мае.", "pledge"),
    ("И дальше будем эту работу продолжать.", "pledge"),
    ("Также будет программа по капитальному ремонту колледжей.", "pledge"),
    ("В 2024 году планируется направить 30,5 млрд рублей на жильё.", "plan"),
    ("Стороны договорились расширить поставки зерна.", "agreement"),
    ("Министерство намерено расширить программу льготной ипотеки.", "plan"),
    ("Документ предусматривает меры поддержки экспортёров.", "provision"),
    ("Президент поручил Правительству подготовить предложения.", "instruction"),
    ("Правительству необходимо обеспечить своевременные выплаты.", "instruction"),
    ("Правительство выделит 5 млрд рублей на строительство дорог.", "allocation"),
    ("Деньги направят 20 регионам.", "allocation"),
    ("Четыре области получат дополнительные 308 млн рублей из бюджета.", "allocation"),
    ("В новых кварталах построят дороги и школы.", "pledge"),
    ("Целевое расходование средств проконтролирует Минстрой.", "pledge"),
    ("Кабмин выделил более 6 миллиардов рублей регионам.", "allocation"),
    ("Десяти регионам выделено более 1,8 миллиарда рублей.", "allocation"),
    ("В следующем году мы его открываем.", "plan"),
    ("Прошу Правительство рассмотреть эту инициативу.", "instruction"),
    ("3. Министру финансов в месячный срок обеспечить финансирование расходов.", "instruction"),
    ("Постановление вступит в силу с 1 января 2025 года.", "provision"),
    ("Правительство продлило программу льготной ипотеки до конца 2026 года.", "provision"),
    ("Общий объём финансирования программы составит 10 млрд рублей.", "allocation"),
    ("Сегодня намечается подписание соглашения о сотрудничестве.", "plan"),
    ("Наша главная задача – снизить инфляцию до 4 процентов.", "plan"),
    ("Сейчас мы готовим с регионами план мероприятий.", "plan"),
    ("В этом году мы продолжаем выплаты семьям.", "plan"),
    ("1. Создать при Министерстве культуры Совет по кино.", "instruction"),
    ("На февраль намечен Форум будущих технологий.", "plan"),
    ("Я хотел бы Вас попросить обратить внимание на укомплектованность больниц.", "instruction"),
    ("Стороны достигли договорённости о продлении перемирия.", "agreement"),
    ("Ключевая задача на ближайшие годы – повысить доступность жилья.", "plan"),
    ("Перед нами поставлена задача, чтобы 85 процентов автобусов было новыми.", "plan"),
    ("В этом году сдадим ещё три моста.", "pledge"),
    ("К 2030 году нарастим расходы на науку.", "pledge"),
    ("Мы рассмотрим эту инициативу в Правительстве.", "pledge"),
    ("Кабмин выделил в этом году более 6 миллиардов рублей регионам.", "allocation"),
]


@pytest.mark.parametrize(("sentence", "kind"), EN_COMMITMENTS)
def test_english_cue_forms_are_core_commitments(sentence: str, kind: str) -> None:
    found = one(sentence, "en")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(("sentence", "kind"), RU_COMMITMENTS)
def test_russian_cue_forms_are_core_commitments(sentence: str, kind: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind", "core"),
    [
        ("В новой больнице будет 530 коек.", "pledge", True),  # a planned capacity
        ("В городе будет 15 ледовых дворцов.", "pledge", True),
        ("Ему в этом году будет 80 лет.", "prediction", False),  # an age
        ("Инфляция будет 4 процента.", "prediction", False),  # a rate
    ],
)
def test_a_planned_number_of_things_is_a_pledge(sentence: str, kind: str, core: bool) -> None:
    found = one(sentence, "ru")
    assert found is not None and (found.kind, found.core) == (kind, core)
