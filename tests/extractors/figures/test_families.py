"""Figures that readers of real releases reported wrong: ages, durations, channels, shares and multipliers."""

from __future__ import annotations

import pytest

from extractors.figures.extract import extract_figures


def _texts(text: str, lang: str) -> list[str]:
    return [f.text for f in extract_figures(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Payments go to families with children 8 to 17 years old.", "en"),
        ("The programme covers pupils aged 5-9.", "en"),
        ("Пособие получают семьи с детьми от 3 до 7 лет.", "ru"),
        ("Младшему сыну уже пять лет.", "ru"),
        ("Об этом рассказали в эфире телеканала «Россия 24».", "ru"),
        ("The report will be ready in six months.", "en"),
        ("The 2030 Plan was approved; the 2023 budget was adopted.", "en"),
        ("Подождите одну секунду.", "ru"),
        ("Children aged between 8 and 17 and kids from 5 to 11.", "en"),
        ("Between the ages of 8 and 17 the museum is free; the school is 119 years old.", "en"),
        ("Места для детей с 3 до 7 лет и для школьников 7–17 лет.", "ru"),
        ("Заводу 119 лет. Нашей школе уже сто лет.", "ru"),
        ("Младшему сыну Ивана – пять лет.", "ru"),
    ],
)
def test_ages_channels_horizons_and_years_in_names_are_not_figures(text: str, lang: str) -> None:
    assert _texts(text, lang) == []


def test_seconds_are_a_duration_not_a_plain_count() -> None:
    (fig,) = extract_figures("The missile reaches the target in five seconds flat.", "en")
    assert (fig.unit, fig.core) == ("seconds", False)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Exports grew by a third last year.", "en", 100 / 3),
        ("Экономика Москвы выросла на четверть.", "ru", 25.0),
        ("Более половины регионов уже получили средства.", "ru", 50.0),
    ],
)
def test_shares_in_words_are_percentages(text: str, lang: str, value: float) -> None:
    (fig,) = extract_figures(text, lang)
    assert (fig.unit, round(fig.value, 2)) == ("percent", round(value, 2))


def test_a_multiplier_with_a_qualifier_is_a_multiplier() -> None:
    (fig,) = extract_figures("Trade increased almost 1.5 times over the year.", "en")
    assert (fig.value, fig.unit, fig.qualifier) == (1.5, "times", "almost")


def test_a_restated_amount_in_brackets_measures_the_same_thing() -> None:
    figs = extract_figures("Revenues are expected to total 15 082.4 billion rubles ($279.5 billion).", "en")
    assert [f.measure for f in figs] == ["Revenues", "Revenues"]


def test_a_remaining_amount_in_the_next_sentence_keeps_the_currency() -> None:
    text = "The fund holds £1.2 billion. The remaining 645 million will go to councils."
    assert [(f.text, f.unit) for f in extract_figures(text, "en")][-1] == ("645 million", "GBP")


@pytest.mark.parametrize(
    "text",
    ["Компаниям дали 5 лет отсрочки.", "По программе 5 лет.", "Мы работали с компаниями 10 лет."],
)
def test_a_span_of_years_after_a_dative_that_is_no_age_stays(text: str) -> None:
    (fig,) = extract_figures(text, "ru")
    assert fig.unit == "years"


def test_a_period_range_is_neither_cut_nor_read_as_the_measure() -> None:
    (fig,) = extract_figures("Товарооборот вырос почти в 1,5 раза в августе – декабре 2021 года.", "ru")
    assert (fig.measure, fig.period) == ("Товарооборот", "в августе – декабре 2021 года")
    (fig,) = extract_figures("В августе – декабре 2021 года товарооборот вырос на 15 процентов.", "ru")
    assert (fig.measure, fig.period) == ("товарооборот", "В августе – декабре 2021 года")


def test_a_dateline_is_neither_measure_nor_period() -> None:
    (fig,) = extract_figures("MOSCOW, March 5 (TASS) - Exports rose 5%.", "en")
    assert (fig.measure, fig.period, fig.subject) == ("Exports", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Councils (16 July 2020) confirmed the £500 million of support.",
        "Pensions under Law No. 4468-I, dated 12 February 1993, rise by £10.",
    ],
)
def test_a_date_in_brackets_or_of_a_document_is_no_period(text: str) -> None:
    (fig,) = extract_figures(text, "en")
    assert fig.period is None


def test_the_day_of_an_event_is_its_whole_date() -> None:
    figs = extract_figures("19 марта будет осуществлён обмен пленными – 175 на 175 человек.", "ru")
    assert {f.period for f in figs} == {"19 марта"}


@pytest.mark.parametrize(
    ("text", "lang", "measure"),
    [
        ("Основным вызовом является инфляция – она составила 9,52 процента за год.", "ru", "инфляция"),
        (
            "Локомотивом стали обрабатывающие производства, мы говорим: они добавили 8,5 процента.",
            "ru",
            "обрабатывающие производства",
        ),
        (
            "The figures reveal that the UK’s total exports in 2022 were worth a huge £834 billion.",
            "en",
            "UK’s total exports",
        ),
    ],
)
def test_the_measure_is_the_thing_a_pronoun_or_clause_names(text: str, lang: str, measure: str) -> None:
    (fig,) = extract_figures(text, lang)
    assert fig.measure == measure


def test_a_verb_after_a_modal_is_no_measure() -> None:
    (fig,) = extract_figures("For these purposes, we will distribute more than 3 billion roubles.", "en")
    assert fig.measure is None


@pytest.mark.parametrize(
    ("text", "lang", "measure"),
    [
        (
            "Another 57 million rubles will be allocated on agricultural vehicle production.",
            "en",
            "agricultural vehicle production",
        ),
        ("Ещё 200 миллиардов рублей будут направлены на строительство дорог.", "ru", "строительство дорог"),
        (
            "It costs £3 billion, of which over 2 billion will be used to finance new sports grounds.",
            "en",
            "new sports grounds",
        ),
    ],
)
def test_money_is_for_the_purpose_named_after_its_verb(text: str, lang: str, measure: str) -> None:
    assert extract_figures(text, lang)[-1].measure == measure


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Это плюс 17 процентов к предыдущему, 2023 году.", "ru"),
        ("Мы эксплуатировали флот в количестве 349 самолётов, так же, как и в 2023 году.", "ru"),
        ("Exports rose 5%, as in 2022.", "en"),
    ],
)
def test_a_comparison_base_is_no_period(text: str, lang: str) -> None:
    (fig,) = extract_figures(text, lang)
    assert fig.period is None


def test_an_english_release_keeps_the_year_it_spoke_of_for_the_next_sentence() -> None:
    text = "In 2015 revenues will be 15 billion rubles. The deficit is forecast at 430 million rubles."
    assert [f.period for f in extract_figures(text, "en")] == ["In 2015", "In 2015"]


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("The Government allocated £1.2 billion. Of this, 645 million will go to councils.", "en", "GBP"),
        ("Правительство выделит 50 млрд рублей. Ещё 20 миллионов направят на школы.", "ru", "RUB"),
    ],
)
def test_a_part_of_an_amount_in_the_next_sentence_keeps_the_currency(text: str, lang: str, unit: str) -> None:
    assert extract_figures(text, lang)[-1].unit == unit


def test_a_part_counting_people_is_no_money() -> None:
    text = "Правительство выделит 50 млрд рублей. Ещё 20 миллионов человек получат помощь."
    assert extract_figures(text, "ru")[-1].unit is None


@pytest.mark.parametrize(
    "text",
    [
        "Under Strategy 2030 and Vision 2030, Net Zero 2050 goals remain.",
        "The Expo 2030 bid and the UK 2030 targets.",
    ],
)
def test_years_inside_names_are_not_figures(text: str) -> None:
    assert _texts(text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang"), [("В Москве 2024 студента.", "ru"), ("Moscow has 2000 students.", "en")]
)
def test_a_count_after_a_place_stays(text: str, lang: str) -> None:
    assert len(_texts(text, lang)) == 1


@pytest.mark.parametrize(
    ("text", "lang", "measure"),
    [
        (
            "У нас 8,5 тысячи ребят получили стобалльные результаты.",
            "ru",
            "ребят получили стобалльные результаты",
        ),
        ("Some 12,300 people were evacuated from the area.", "en", "people were evacuated from the area"),
        ("Его посетило 20 миллионов человек.", "ru", "человек"),
    ],
)
def test_a_count_of_people_is_measured_by_what_they_do(text: str, lang: str, measure: str) -> None:
    (fig,) = extract_figures(text, lang)
    assert fig.measure == measure


@pytest.mark.parametrize(
    ("text", "lang", "measure"),
    [
        (
            "The President ordered a lump sum payment of 10,000 rubles to all persons residing in Russia.",
            "en",
            "lump sum payment",
        ),
        (
            "The decree provides budget assignations in the amount of 900 million rubles for assistance.",
            "en",
            "budget assignations",
        ),
        ("Президент распорядился произвести единовременную выплату в размере 10 тысяч рублей.", "ru",
         "единовременную выплату"),
        ("Подписаны контракты на сумму 5 млрд рублей.", "ru", "контракты"),
    ],
)  # fmt: skip
def test_money_is_measured_by_the_noun_it_is_the_amount_of(text: str, lang: str, measure: str) -> None:
    (fig,) = extract_figures(text, lang)
    assert fig.measure == measure


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Output increased by almost a half and costs by over a quarter.", "en", [50.0, 25.0]),
        ("Почти треть регионов и около четверти компаний.", "ru", [33.33, 25.0]),
        ("More than half of households, but over half of the year.", "en", [50.0]),
    ],
)
def test_shares_in_words_with_a_qualifier_are_percentages(text: str, lang: str, values: list[float]) -> None:
    figs = extract_figures(text, lang)
    assert [(f.unit, round(f.value, 2)) for f in figs] == [("percent", v) for v in values]


def test_a_measure_does_not_run_into_the_next_figure() -> None:
    figs = extract_figures("Nearly two-thirds of firms and more than half of households.", "en")
    assert [f.measure for f in figs] == ["firms", "households"]


def test_a_period_is_not_carried_to_another_kind_of_figure() -> None:
    figs = extract_figures("Exports of grain rose by 5% in 2023. The company hired 200 workers.", "en")
    assert [f.period for f in figs] == ["in 2023", None]
