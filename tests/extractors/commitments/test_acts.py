"""Undertakings stated in the past or the present tense: decisions taken, tasks set, proposals backed,
programmes continued or finished, intentions, prolongations, approved funding and bodies set up."""

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
    ("sentence", "kind"),
    [
        ("Мы приняли решение направить эти средства на ремонт больниц.", "provision"),
        ("Правительством принято решение о строительстве нового моста через Волгу.", "provision"),
        ("И мы поставили задачу отремонтировать все дороги области.", "plan"),
        ("Мы поставили перед собой цель – открыть центр в каждом районе.", "plan"),
        ("Премьер поддержал предложение министра открыть новые рейсы в Казань.", "agreement"),
        ("Мы поддерживаем предложение коллег о том, чтобы продлить программу.", "agreement"),
        ("Условлено провести следующий раунд консультаций в Минске.", "agreement"),
        ("Мы заканчиваем строительство третьей очереди метро.", "plan"),
        ("Продолжаем ремонт школ во всех районах.", "plan"),
        ("В Зеленограде мы запускаем программу для молодых инженеров.", "plan"),
        ("Мы хотим построить в городе новый кампус.", "plan"),
        ("Мы бы хотели, но мы хотели бы открыть ещё два центра.", "plan"),
        ("Правительство продлило выплаты ещё на три месяца.", "provision"),
        ("Дума одобрила выделение 5 млрд рублей на ремонт школ.", "allocation"),
        ("С марта начали выплачивать пособия семьям с детьми.", "allocation"),
        ("Для этого создаётся межведомственная рабочая группа.", "plan"),
        ("Российская сторона гарантирует соблюдение всех договорённостей.", "pledge"),
        ("Мы вносим поправки в закон о местном самоуправлении.", "plan"),
    ],
)
def test_russian_undertakings_in_the_past_or_present_are_core(sentence: str, kind: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Вы приняли решение и приехали в Москву.",  # a decision already carried out
        "Тогда было принято решение о разработке проекта.",
        "Мы хотим поблагодарить всех строителей.",  # a courtesy, not an intention
        "Мы хотим, чтобы дети больше читали.",  # a wish that others act
        "Мы не хотим повторять чужие ошибки.",
        "Сегодня мы запускаем новое производство.",  # the launch is the event itself
        "Продолжаем.",
        "Эти вопросы поддержал Совет Федерации.",
        "Нацпроекты, которые утверждены Правительством, требуют 830 тысяч человек.",
        "Мы не поддерживаем предложение продлить программу.",
        "Это гарантирует рост доходов.",  # an effect
    ],
)
def test_russian_reports_and_courtesies_are_not_core_undertakings(sentence: str) -> None:
    found = one(sentence, "ru")
    assert found is None or not found.core


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We decided to build a second bridge over the river.", "provision"),
        ("The Cabinet has taken a decision to extend the programme.", "provision"),
        ("We have set ourselves the task of connecting every village to broadband.", "plan"),
        ("The minister supported the proposal of the region to open a new airport.", "agreement"),
        ("We are completing the reconstruction of the regional hospital.", "plan"),
        ("We continue to rebuild roads in the liberated towns.", "plan"),
        ("We want to open a technology park in every region.", "plan"),
        ("Last month we prolonged the benefit for another three months.", "provision"),
        ("£12 million for new buses was approved by the council.", "allocation"),
        ("The minister confirmed allocations for individual schools.", "allocation"),
        ("Regional funding confirmed for rural bus routes", "allocation"),
        ("On Monday we started to make one-off payments to pensioners.", "allocation"),
        ("A working group is being set up to draft the treaty.", "plan"),
        ("We guarantee the safety of every civilian who leaves the city.", "pledge"),
    ],
)
def test_english_undertakings_in_the_past_or_present_are_core(sentence: str, kind: str) -> None:
    found = one(sentence, "en")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The figures were confirmed by the statistics office: exports reached $5 billion.",  # a statistic
        "The upper house approved the law on November 26, 2014.",
        "We want to thank everyone who took part.",  # a courtesy
        "We want to see more businesses exporting.",  # a wish that others act
        "We continue to believe in dialogue.",
        "Today we are launching the new plant.",  # the launch is the event itself
        "The Government has approved £2 billion of projects over the past decade.",
        "We do not support the proposal to close the line.",
        "The strike extended into a second week.",
    ],
)
def test_english_reports_and_courtesies_are_not_core_undertakings(sentence: str) -> None:
    found = one(sentence, "en")
    assert found is None or not found.core


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Мы готовы увеличить поставки зерна.", "ru"),
        ("Мы к этому готовы.", "ru"),
        ("Готов обсудить с Вами все вопросы.", "ru"),
        ("Подтверждена готовность российской стороны содействовать диалогу.", "ru"),
        ("Мы приглашаем Вас посетить наш завод.", "ru"),
        ("We are ready to increase supplies of grain.", "en"),
        ("The sides expressed their readiness to expand cooperation.", "en"),
        ("Russia stands ready to help.", "en"),
        ("We invite you to visit the new plant.", "en"),
    ],
)
def test_readiness_and_invitations_are_marginal_offers(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is not None and (found.kind, found.core) == ("pledge", False)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Экипаж готов к выполнению задач в море.", "ru"),  # a state, not an offer
        ("Спасибо за готовность помочь.", "ru"),
        ("Мы пригласили коллег из других стран.", "ru"),  # an invitation already made
        ("The crew is ready for duty.", "en"),
        ("The minister invited his counterpart to visit Moscow.", "en"),
    ],
)
def test_states_of_readiness_and_past_invitations_are_not_commitments(sentence: str, lang: str) -> None:
    assert one(sentence, lang) is None


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The ministry is developing a draft law on the platform economy.", "en"),
        ("We are preparing proposals on the new tariffs.", "en"),
        ("The strategy sets the goal of increasing life expectancy to 78 years.", "en"),
        ("The scheme opens for applications on 1 April 2024.", "en"),
        ("Минфин разрабатывает законопроект о платформенной экономике.", "ru"),
        ("Готовятся поправки в закон о связи.", "ru"),
        ("Стратегия ставит задачу увеличить продолжительность жизни.", "ru"),
        ("Приём заявок открывается 1 апреля 2024 года.", "ru"),
    ],
)
def test_documents_in_the_making_goals_set_and_dated_openings_are_plans(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is not None and (found.kind, found.core) == ("plan", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The college prepares specialists for programmes at local plants.",
        "Колледж готовит специалистов по программам для заводов.",
        "The scheme opened for applications in 2019.",
    ],
)
def test_training_and_past_openings_are_not_plans(sentence: str) -> None:
    lang = "ru" if "Колледж" in sentence else "en"
    assert one(sentence, lang) is None


def test_a_past_funding_announcement_is_a_marginal_allocation() -> None:
    found = one(
        "The government has today announced £30 million to help councils tackle rough sleeping.", "en"
    )
    assert found is not None and (found.kind, found.core) == ("allocation", False)
    # Background in a relative clause is not an announcement of its own.
    assert (
        one("The settlement, which already provided an increase of £589 million, was agreed.", "en") is None
    )


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Стороны выразили заинтересованность в расширении торговли.", "ru"),
        ("Both sides expressed their willingness to expand trade.", "en"),
        ("The sides expressed mutual interest in expanding trade.", "en"),
    ],
)
def test_a_stated_interest_or_willingness_is_a_marginal_offer(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is not None and (found.kind, found.core) == ("pledge", False)


def test_starting_a_project_is_a_pledge_only_when_dated_ahead() -> None:
    found = one("Мы начнём строительство в следующем году.", "ru")
    assert found is not None and found.core
    assert one("Давайте начнём с главного.", "ru") is None
    assert one("Прежде чем начнём беседу, хотел бы поздравить Вас с праздником 21 марта.", "ru") is None
