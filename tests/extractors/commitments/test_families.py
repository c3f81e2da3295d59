"""Error families seen on unseen releases: Russian commitments that were missed, English sentences that
were wrongly taken for commitments, and one payment that got two kinds or core flags."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment

REF = datetime.date(2025, 5, 6)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the single commitment found in a sentence, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Работодатели заплатят 10 тысяч рублей за каждого сотрудника.", "заплатят"),
        ("Мы предусмотрим дополнительные средства в бюджете следующего года.", "предусмотрим"),
        ("Регионы проиндексируют зарплаты бюджетникам с 1 октября.", "проиндексируют"),
        ("И как оно будет готово, я его сразу же подпишу.", "подпишу"),
        ("Соответствующие указания коллегам направлю.", "направлю"),
    ],
)
def test_plural_and_first_person_futures_outside_the_lexicon_are_pledges(sentence: str, cue: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and found.core and found.cue == cue


@pytest.mark.parametrize(
    "sentence",
    [
        "Допустим, помощник ваш или советник.",
        "Возьмём Тверскую улицу.",
        "Назову лишь имена некоторых.",
        "Люди придут поклониться в день великого праздника.",
        "Я подтвержу это на цифрах.",
    ],
)
def test_futures_of_speech_examples_and_narration_are_not_pledges(sentence: str) -> None:
    found = one(sentence, "ru")
    assert found is None or not found.core


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("«Предоставить отпуск военнослужащим, участвующим в специальной военной операции.»", "instruction"),
        ("Текст Указа: постановляю: Установить ежемесячную выплату ветеранам.", "instruction"),
        ("Указ предполагает создание нового федерального агентства.", "provision"),
        ("Владимир Путин подписал закон о ратификации соглашения с Вьетнамом.", "provision"),
        ("Подписан Указ о национальных целях развития.", "provision"),
        ("С 1 января 2026 года для семей с детьми устанавливается ежемесячная выплата.", "provision"),
    ],
)
def test_decrees_laws_and_dated_provisions_are_commitments(sentence: str, kind: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and (found.kind, found.core) == (kind, True)


def test_a_present_tense_provision_needs_a_date_ahead() -> None:
    assert one("Для семей с детьми устанавливается ежемесячная выплата.", "ru") is None
    assert one("С 1 января 2020 года для семей устанавливается выплата.", "ru") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "We believe that the Russian Federation is a highly committed country.",
        "I think this is where the secret of their success lies.",
        "It should be said that these efforts are yielding the necessary result.",
        "Indeed, something is already being done, this much must be admitted.",
        "I think we should proceed from respect for our partners.",
        "Instructions on support for families",
        "Plans for the development of the Arctic",
    ],
)
def test_english_opinions_speech_formulas_and_headings_are_not_commitments(sentence: str) -> None:
    assert one(sentence, "en") is None


def test_an_opinion_with_a_future_stays_a_forecast_and_a_concrete_order_stays_an_order() -> None:
    forecast = one("I believe we will learn to make large-scale facilities as well.", "en")
    assert forecast is not None and (forecast.kind, forecast.core) == ("prediction", False)
    order = one("I think the ministry must submit proposals by June.", "en")
    assert order is not None and order.kind == "instruction"


@pytest.mark.parametrize(
    ("first", "second", "lang"),
    [
        ("Выплата составит 10 тысяч рублей.", "Выплата будет составлять 10 тысяч рублей.", "ru"),
        ("Размер пособия составит 5 тысяч рублей.", "Объём финансирования составит 5 млрд рублей.", "ru"),
        ("Funding will amount to £500 per family.", "The payment will amount to £500 per family.", "en"),
    ],
)
def test_one_payment_phrased_two_ways_gets_one_kind_and_core_flag(first: str, second: str, lang: str) -> None:
    a, b = one(first, lang), one(second, lang)
    assert a is not None and b is not None
    assert (a.kind, a.core) == (b.kind, b.core) == ("allocation", True)
