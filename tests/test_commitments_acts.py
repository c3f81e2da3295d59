"""Undertakings stated in the past or the present tense: decisions taken, tasks set, proposals backed,
programmes continued or finished, intentions, prolongations, approved funding and bodies set up."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments import extract_commitments
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
