"""The context read around a figure: qualifier, direction, period, measure and sentence."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures.extract import extract_figures

REF = datetime.date(2024, 1, 24)


@pytest.mark.parametrize(
    ("text", "lang", "qualifier", "direction"),
    [
        ("Exports rose by more than 5%.", "en", "more than", "increase"),
        ("Around 5,000 homes will be built.", "en", "around", None),
        ("Unemployment fell to 4%.", "en", None, "decrease"),
        ("Инфляция – более 10 процентов.", "ru", "более", None),
        ("Товарооборот вырос на 40 процентов.", "ru", None, "increase"),
        ("Объём кредитов сократился на 680 миллиардов рублей.", "ru", None, "decrease"),
        ("Фонд увеличен более чем на 154,5 млрд рублей.", "ru", "более чем", "increase"),
        ("Около 12 миллионов человек.", "ru", "около", None),
        ("Прибыль составит до 7 млрд рублей.", "ru", "до", None),
    ],
)
def test_qualifier_and_direction_are_read(
    text: str, lang: str, qualifier: str | None, direction: str | None
) -> None:
    (fig,) = extract_figures(text, lang, REF)
    assert (fig.qualifier, fig.direction) == (qualifier, direction)


@pytest.mark.parametrize(
    ("text", "lang", "period", "start", "end"),
    [
        (
            "Over 9 months of last year, 188,000 trips were made.",
            "en",
            "Over 9 months of last year",
            "2023-01-01",
            "2023-09-30",
        ),
        ("Trade grew by 17.5% in 2023.", "en", "in 2023", "2023-01-01", "2023-12-31"),
        (
            "За прошлый год товарооборот вырос на 40 процентов.",
            "ru",
            "За прошлый год",
            "2023-01-01",
            "2023-12-31",
        ),
        (
            "В 2024 году планируется направить 30,5 млрд рублей.",
            "ru",
            "В 2024 году",
            "2024-01-01",
            "2024-12-31",
        ),
    ],
)
def test_period_is_found_and_resolved(text: str, lang: str, period: str, start: str, end: str) -> None:
    fig = next(f for f in extract_figures(text, lang, REF) if f.period)
    assert fig.period == period
    assert (fig.period_start, fig.period_end) == (
        datetime.date.fromisoformat(start),
        datetime.date.fromisoformat(end),
    )


def test_measure_names_what_is_counted() -> None:
    figs = extract_figures(
        "The cargo includes 400 tonnes of assorted grains and 69 power generators.", "en", REF
    )
    assert [f.measure for f in figs] == ["assorted grains", "power generators"]
    (fig,) = extract_figures("Trade turnover between Russia and Azerbaijan increased by 17.5%.", "en", REF)
    assert fig.measure == "Trade turnover between Russia and Azerbaijan"


def test_sentence_is_the_whole_sentence_holding_the_figure() -> None:
    text = "The President ordered a payment. It is 10,000 rubles per person. Instructions were given."
    (fig,) = extract_figures(text, "en", REF)
    assert fig.sentence == "It is 10,000 rubles per person."


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Перевозки выросли на 13 процентов к 2023 году.", None),  # compared with 2023 (release of 2024)
        ("Выпуск вырос в два раза по сравнению с 2017 годом.", None),
        ("Сейчас исполнено 88,5 процента.", "Сейчас"),
        ("Построим 100 школ к 2030 году.", "к 2030 году"),
    ],
)
def test_a_comparison_base_is_no_period_and_the_present_is_one(text: str, period: str | None) -> None:
    (fig,) = extract_figures(text, "ru", REF)
    assert fig.period == period
