"""Commitment horizons: found as written in the sentence, resolved to dates against the release date."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.commitments.horizons import find_horizon, resolve_horizon

REF = date(2024, 1, 24)

# (sentence, lang, horizon as written, start, end) with the release dated 24 January 2024.
TABLE = [
    ("The parties plan in the next two to three years to develop trade.", "en",
     "in the next two to three years", REF, date(2027, 1, 24)),
    ("The government will cut emissions by 2030.", "en", "by 2030", REF, date(2030, 12, 31)),
    ("Funds will be allocated by the end of 2025.", "en", "by the end of 2025", REF, date(2025, 12, 31)),
    ("The plant will open this year.", "en", "this year", date(2024, 1, 1), date(2024, 12, 31)),
    ("Rules take effect next year.", "en", "next year", date(2025, 1, 1), date(2025, 12, 31)),
    ("Proposals are to be submitted by March 1, 2025.", "en", "by March 1, 2025", REF, date(2025, 3, 1)),
    ("Proposals are to be submitted by 1 March 2025.", "en", "by 1 March 2025", REF, date(2025, 3, 1)),
    ("The report is due by June 2024.", "en", "by June 2024", REF, date(2024, 6, 30)),
    ("From 2021 to 2023, 750 mln rubles will be allocated.", "en", "From 2021 to 2023",
     date(2021, 1, 1), date(2023, 12, 31)),
    ("Payments will be made in April-June 2020.", "en", "in April-June 2020",
     date(2020, 4, 1), date(2020, 6, 30)),
    ("Work will finish in the second half of 2025.", "en", "in the second half of 2025",
     date(2025, 7, 1), date(2025, 12, 31)),
    ("The ministry will respond within six months.", "en", "within six months", REF, date(2024, 7, 24)),
    ("The scheme will run in 2025.", "en", "in 2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("Работы завершат до 2030 года.", "ru", "до 2030 года", REF, date(2030, 12, 31)),
    ("Школу построят в 2025 году.", "ru", "в 2025 году", date(2025, 1, 1), date(2025, 12, 31)),
    ("Деньги перечислят до конца года.", "ru", "до конца года", REF, date(2024, 12, 31)),
    ("Объекты введут до конца 2026 года.", "ru", "до конца 2026 года", REF, date(2026, 12, 31)),
    ("Программу продлят в ближайшие три года.", "ru", "в ближайшие три года", REF, date(2027, 1, 24)),
    ("Доклад представят до 1 июля 2025 года.", "ru", "до 1 июля 2025 года", REF, date(2025, 7, 1)),
    ("Сеть расширят к 2030 году.", "ru", "к 2030 году", REF, date(2030, 12, 31)),
    ("На 2025 год предусмотрено 22,8 млрд рублей.", "ru", "На 2025 год",
     date(2025, 1, 1), date(2025, 12, 31)),
    ("Средства направят в 2024-2025 годах.", "ru", "в 2024-2025 годах", date(2024, 1, 1), date(2025, 12, 31)),
    ("В следующем году мы его открываем.", "ru", "В следующем году", date(2025, 1, 1), date(2025, 12, 31)),
    ("В этом году начинаем строительство.", "ru", "В этом году", date(2024, 1, 1), date(2024, 12, 31)),
    ("Решение примут в течение месяца.", "ru", "в течение месяца", REF, date(2024, 2, 24)),
    ("Работы пройдут в III квартале 2025 года.", "ru", "в III квартале 2025 года",
     date(2025, 7, 1), date(2025, 9, 30)),
    ("Доклад представят до 15 декабря.", "ru", "до 15 декабря", REF, date(2024, 12, 15)),
    ("Правительству в 3-месячный срок представить предложения.", "ru", "в 3-месячный срок",
     REF, date(2024, 4, 24)),
    ("Министерству в двухнедельный срок доложить.", "ru", "в двухнедельный срок", REF, date(2024, 2, 7)),
    ("The rules will come into force on 6 April 2025.", "en", "on 6 April 2025",
     date(2025, 4, 6), date(2025, 4, 6)),
    ("Fees rise from 1 April 2025.", "en", "from 1 April 2025", date(2025, 4, 1), None),
    ("С 1 января 2026 года вступит в силу закон.", "ru", "С 1 января 2026 года", date(2026, 1, 1), None),
    ("Доклад представят к 1 июля 2025 года.", "ru", "к 1 июля 2025 года", REF, date(2025, 7, 1)),
    ("Выплаты назначат с 2025 года.", "ru", "с 2025 года", date(2025, 1, 1), None),
    ("Приём заявок откроется 1 апреля 2025 года.", "ru", "1 апреля 2025 года",
     date(2025, 4, 1), date(2025, 4, 1)),
    ("19 марта состоится обмен.", "ru", "19 марта", date(2024, 3, 19), date(2024, 3, 19)),
    ("Школу откроем в феврале.", "ru", "в феврале", date(2024, 2, 1), date(2024, 2, 29)),
    ("Школу откроем в сентябре 2025 года.", "ru", "в сентябре 2025 года",
     date(2025, 9, 1), date(2025, 9, 30)),
    ("Мост сдадим в декабре следующего года.", "ru", "в декабре следующего года",
     date(2025, 12, 1), date(2025, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "lang", "horizon", "start", "end"), TABLE)
def test_horizon_found_and_resolved(sentence: str, lang: str, horizon: str, start: date, end: date) -> None:
    found = find_horizon(sentence, lang)
    assert found == horizon
    assert found in sentence
    assert resolve_horizon(found, REF) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "lang", "horizon"),
    [
        ("Funds will come in the near future.", "en", "in the near future"),
        ("We will act in the coming years.", "en", "in the coming years"),
        ("Решим это в ближайшее время.", "ru", "в ближайшее время"),
        ("Будем развивать в ближайшие годы.", "ru", "в ближайшие годы"),
    ],
)
def test_open_ended_horizons_start_at_the_release_date(sentence: str, lang: str, horizon: str) -> None:
    assert find_horizon(sentence, lang) == horizon
    assert resolve_horizon(horizon, REF) == (REF, None)


def test_relative_horizon_without_release_date_has_no_dates_but_years_do() -> None:
    assert resolve_horizon("in the next three years", None) == (None, None)
    assert resolve_horizon("до конца года", None) == (None, None)
    assert resolve_horizon("by 2030", None) == (None, date(2030, 12, 31))
    assert resolve_horizon("в 2025 году", None) == (date(2025, 1, 1), date(2025, 12, 31))


def test_no_horizon() -> None:
    assert find_horizon("The ministry will publish guidance.", "en") is None
    assert find_horizon("Министерство подготовит предложения.", "ru") is None
    assert resolve_horizon(None, REF) == (None, None)


def test_deadline_already_past_in_the_year_rolls_to_next_year() -> None:
    assert resolve_horizon("до 15 января", date(2024, 3, 1)) == (date(2024, 3, 1), date(2025, 1, 15))


def test_a_yearless_russian_month_or_day_is_the_occurrence_nearest_the_release() -> None:
    # Said in March, "в октябре" is last October and "в апреле" next month; a deadline still rolls ahead.
    march = date(2025, 3, 20)
    assert resolve_horizon("В октябре", march) == (date(2024, 10, 1), date(2024, 10, 31))
    assert resolve_horizon("в апреле", march) == (date(2025, 4, 1), date(2025, 4, 30))
    assert resolve_horizon("2 января", march) == (date(2025, 1, 2), date(2025, 1, 2))
    assert resolve_horizon("до 2 января", march) == (march, date(2026, 1, 2))


def test_a_month_of_last_year_is_no_horizon() -> None:
    assert find_horizon("Стратегия утверждена в декабре прошлого года.", "ru") is None


# Horizons said relative to the release (dated 24 January 2024), kept whole.
RELATIVE = [
    ("Выплаты пройдут в августе – декабре 2024 года.", "ru", "в августе – декабре 2024 года",
     date(2024, 8, 1), date(2024, 12, 31)),
    ("Через год мы заканчиваем строительство парка.", "ru", "Через год", REF, date(2025, 1, 24)),
    ("Трассу сдадим в конце года.", "ru", "в конце года", date(2024, 10, 1), date(2024, 12, 31)),
    ("И планируем в дальнейшем дойти до 150.", "ru", "в дальнейшем", REF, None),
    ("С сентября текущего года дети будут поступать в колледжи.", "ru", "С сентября текущего года",
     date(2024, 9, 1), None),
    ("По всем планам летом 2026 года мы запустим завод.", "ru", "летом 2026 года",
     date(2026, 6, 1), date(2026, 8, 31)),
    ("Councils will receive £50 million in July.", "en", "in July", date(2024, 7, 1), date(2024, 7, 31)),
    ("It will be subject to Parliamentary approval in due course.", "en", "in due course", REF, None),
    ("There are plans to allocate 2.5 trillion rubles through 2024.", "en", "through 2024",
     REF, date(2024, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "lang", "horizon", "start", "end"), RELATIVE)
def test_relative_horizons_are_found_whole_and_resolved(
    sentence: str, lang: str, horizon: str, start: date | None, end: date | None
) -> None:
    assert find_horizon(sentence, lang) == horizon
    assert resolve_horizon(horizon, REF) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "lang", "horizon"),
    [
        ("Today we will allocate over 3.5 billion roubles for hospitals.", "en", "Today"),
        ("We will now additionally write off 28 billion roubles in budget loans.", "en", "now"),
        ("The families will soon receive the payment.", "en", "soon"),
        ("Сегодня у нас намечается подписание соответствующих документов.", "ru", "Сегодня"),
        ("И сегодня прошу доложить, как выполняются поручения.", "ru", "сегодня"),
        ("Today we agreed to launch negotiations on a new treaty.", "en", None),
        ("Сегодня нам нужно планировать развитие городов.", "ru", None),
        ("As soon as we complete pumping, we will start supplies to Europe.", "en", None),
    ],
)
def test_today_and_soon_date_an_action_still_to_come(sentence: str, lang: str, horizon: str | None) -> None:
    (found,) = extract_commitments(sentence, lang, REF)
    assert found.horizon == horizon


def test_a_past_date_is_no_horizon() -> None:
    text = (
        "In 2023, the ministry was instructed to subsidise the Corporation in the amount transferred in 2022."
    )
    (found,) = extract_commitments(text, "en", REF)
    assert found.horizon is None
    text = "Следует выполнять поручения совещания, состоявшегося 26 июня прошлого года."
    (found,) = extract_commitments(text, "ru", REF)
    assert found.horizon is None
