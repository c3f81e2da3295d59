"""Units and scales a bare number takes from its context: currency, percent, ranges, restatements."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures.extract import extract_figures

REF = datetime.date(2024, 1, 24)
B, T = 1e9, 1e12


def test_currency_of_a_bare_scaled_amount_comes_from_its_sentence() -> None:
    text = "Revenues total 15 082.4 billion rubles ($279.5 billion), including 344.3 billion of oil revenues."
    figs = extract_figures(text, "en", REF)
    assert [(f.text, f.unit) for f in figs][-1] == ("344.3 billion", "RUB")


def test_bare_billions_take_the_currency_the_release_speaks_in() -> None:
    text = "В 2022 году на ипотеку потратили 350 млрд рублей. В 2023-м – 300 миллиардов, сейчас больше."
    figs = extract_figures(text, "ru", REF)
    assert [(f.text, f.unit, f.kind) for f in figs] == [
        ("350 млрд рублей", "RUB", "money"),
        ("300 миллиардов", "RUB", "money"),
    ]


def test_millions_of_people_stay_counts() -> None:
    text = "Выделено 5 млрд рублей. Парк посетили 20 миллионов человек."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)][-1] == ("20 миллионов", None)


def test_billions_without_a_currency_in_a_russian_release_are_rubles() -> None:
    text = "Лимит – 200 миллиардов. Оборот – свыше 50 миллиардов в долларовом эквиваленте."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("200 миллиардов", "RUB"),
        ("50 миллиардов", None),
    ]
    assert [(f.text, f.unit) for f in extract_figures("The limit is 200 billion.", "en", REF)] == [
        ("200 billion", None)
    ]


def test_trillions_in_a_russian_release_are_money_even_before_a_noun() -> None:
    text = "При поддержке группы на один триллион 380 миллиардов проектов реализовано."
    assert [(f.value, f.unit) for f in extract_figures(text, "ru", REF)] == [(1.38 * T, "RUB")]
    assert [f.unit for f in extract_figures("Запасы – 8 триллионов кубометров газа.", "ru", REF)] == ["m3"]


def test_a_dash_after_an_amount_with_its_scale_word_is_not_a_range() -> None:
    text = "Вышли на 5 млрд 651 млн – 105 процентов роста. Выделят 500 млн – 1,5 млрд рублей."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("5 млрд 651 млн", None),
        ("105 процентов", "percent"),
        ("500 млн", "RUB"),
        ("1,5 млрд рублей", "RUB"),
    ]
    text = "Output reached 5 billion – 105 percent of plan."
    assert [(f.text, f.unit) for f in extract_figures(text, "en", REF)] == [
        ("5 billion", None),
        ("105 percent", "percent"),
    ]


def test_percent_is_not_given_to_a_counted_thing_or_across_sentences() -> None:
    text = "Рост – 5 процентов, в 14 регионах. Всего 120."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("5 процентов", "percent"),
        ("14", None),
        ("120", None),
    ]


def test_a_written_minus_is_a_fall_and_plus_minus_a_tolerance() -> None:
    (fig,) = extract_figures("Сектор сократился: минус 0,4 процента.", "ru", REF)
    assert (fig.value, fig.direction) == (pytest.approx(-0.4), "decrease")
    (fig,) = extract_figures("Точность – плюс-минус 3 процента.", "ru", REF)
    assert (fig.text, fig.value, fig.direction) == ("3 процента", 3, None)


def test_a_bare_amount_before_a_verb_takes_the_currency_of_its_sentence() -> None:
    text = "We will distribute 3 billion roubles, of which over 2 billion will be used for sports grounds."
    assert [(f.text, f.unit) for f in extract_figures(text, "en", REF)] == [
        ("3 billion roubles", "RUB"),
        ("2 billion", "RUB"),
    ]
    text = "Выделено 3 млрд долларов, из них 2 млрд будут направлены на дороги."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("3 млрд долларов", "USD"),
        ("2 млрд", "USD"),
    ]


def test_thousands_in_parallel_with_an_amount_take_its_currency() -> None:
    text = "Семьи получат по 350 тысяч [рублей] на первого ребёнка и по 800 тысяч при рождении третьего."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("350 тысяч [рублей]", "RUB"),
        ("800 тысяч", "RUB"),
    ]
    text = "Payments of 350 thousand roubles for the first child and of 800 thousand for the third."
    assert [f.unit for f in extract_figures(text, "en", REF)] == ["RUB", "RUB"]


def test_thousands_not_in_parallel_stay_counts() -> None:
    text = "Выплата составит 350 тысяч рублей, её получили 800 тысяч в регионе."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)][-1] == ("800 тысяч", None)
    text = "A grant of 350 thousand pounds reached 800 thousand in the region."
    assert [(f.text, f.unit) for f in extract_figures(text, "en", REF)][-1] == ("800 thousand", None)


def test_a_rounded_number_with_a_filler_before_a_dash_takes_the_exact_figure_unit() -> None:
    text = "Поздравляю с победой. 54 с лишним – 54,7 процента – набрали при явке 70 процентов."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)][:2] == [
        ("54 с лишним", "percent"),
        ("54,7 процента", "percent"),
    ]
    text = "Turnout was 70 plus – 70.4 percent."
    assert [(f.text, f.unit) for f in extract_figures(text, "en", REF)] == [
        ("70 plus", "percent"),
        ("70.4 percent", "percent"),
    ]


def test_a_restated_amount_and_its_bare_neighbours_take_its_scale() -> None:
    text = "Приём в колледжи перевалил за 100 тысяч. Начинали с 60, сейчас 100, и планируем дойти до 150."
    assert [(f.text, f.value) for f in extract_figures(text, "ru", REF)] == [
        ("100 тысяч", 100_000),
        ("60", 60_000),
        ("100", 100_000),
        ("150", 150_000),
    ]
    text = "Enrolment passed 100 thousand. We started at 60, now 100, and we plan 150."
    assert [f.value for f in extract_figures(text, "en", REF)] == [100_000, 60_000, 100_000, 150_000]


def test_a_restated_amount_takes_the_unit_of_the_figure_it_repeats() -> None:
    text = "А.Моисеев: За тысячу [километров].\n\nВ.Путин: За тысячу. Это оружие."
    assert [(f.text, f.unit) for f in extract_figures(text, "ru", REF)] == [
        ("тысячу [километров]", "km"),
        ("тысячу", "km"),
    ]
    text = "Sales reached 4 million tonnes. – Almost 4 million, with the city."
    assert [f.unit for f in extract_figures(text, "en", REF)] == ["t", "t"]


def test_small_repeated_numbers_and_counted_neighbours_are_not_restatements() -> None:
    text = "Тариф вырос в два раза, доставляем на дом одна газета, две. Было 100 тысяч. Потом 60 школ, 100."
    figs = extract_figures(text, "ru", REF)
    assert [(f.text, f.unit) for f in figs][:2] == [("в два раза", "times"), ("две", None)]
    assert figs[-2].value == 60  # a counted noun: not a bare neighbour


def test_a_range_in_words_takes_the_unit_and_scale_of_its_upper_end() -> None:
    figs = extract_figures("Выросло в два-три раза, около семи-восьми миллионов тонн.", "ru", REF)
    assert [(f.text, f.value, f.unit) for f in figs] == [
        ("два", 2, "times"),
        ("три раза", 3, "times"),
        ("семи", 7e6, "t"),
        ("восьми миллионов тонн", 8e6, "t"),
    ]
    figs = extract_figures("Trade grew two to three times, by 5-6 percent.", "en", REF)
    assert [(f.text, f.unit) for f in figs] == [
        ("two", "times"),
        ("three times", "times"),
        ("5", "percent"),
        ("6 percent", "percent"),
    ]


def test_a_vague_range_in_words_is_not_a_figure() -> None:
    assert extract_figures("Группы по два-три человека, за последние два-три года.", "ru", REF) == []
