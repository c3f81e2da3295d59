"""What a figure is about: its indicator from the vocabulary (or none) and its normalised subject."""

from __future__ import annotations

import pytest

from extractors.extract import extract, indicator_index
from extractors.figures.extract import extract_figures
from extractors.figures.subject import find_subject


@pytest.mark.parametrize(
    ("text", "lang", "indicator", "subject"),
    [
        ("Trade turnover between Russia and Azerbaijan increased by 17.5% in 2023.", "en", "trade_turnover",
         "Russia–Azerbaijan"),
        ("Товарооборот между Россией и Азербайджаном вырос на 17,5 процента.", "ru", "trade_turnover",
         "Россия–Азербайджан"),
        ("Инфляция составила 9,52 процента.", "ru", "inflation", None),
        ("The UK’s total exports were worth £834 billion.", "en", "exports", "UK"),
        ("Рост ВВП составил 4,1 процента.", "ru", "gdp_growth", None),
    ],
)  # fmt: skip
def test_the_indicator_and_subject_of_a_figure(text: str, lang: str, indicator: str, subject: str) -> None:
    (fig,) = extract(text, lang).figures
    assert (fig.indicator, fig.subject) == (indicator, subject)


def test_no_indicator_is_guessed_when_the_measure_names_none_or_the_kind_does_not_fit() -> None:
    (fig,) = extract("The mission included 262 vehicles.", "en").figures
    assert fig.measure == "vehicles" and fig.indicator is None
    # "ВВП" in money is GDP itself, in percent its growth: the kind decides, and a count fits neither.
    index = indicator_index()
    assert index.match("ВВП", "money", "RUB") == "gdp"
    assert index.match("ВВП", "percent", "percent") == "gdp_growth"
    assert index.match("ВВП", "count", None) is None


def test_without_a_vocabulary_no_figure_has_an_indicator() -> None:
    (fig,) = extract_figures("Inflation was 5.5%.", "en")
    assert fig.indicator is None


def test_a_russian_region_is_named_in_the_nominative() -> None:
    assert find_subject("средства для Рязанской области") == "Рязанская область"
    assert find_subject("пассажиры группы «Аэрофлот»") == "Аэрофлот"


def test_a_cue_next_to_an_amount_names_it_funding_whatever_it_funds() -> None:
    (fig,) = extract(
        "The Government will allocate 30 billion rubles for repairing local roads.", "en"
    ).figures
    assert fig.indicator == "funding_allocated"


def test_a_figure_naming_no_indicator_continues_the_series_before_it_in_its_paragraph() -> None:
    text = "Группа перевезла 55 миллионов пассажиров. На внутреннем рынке – 43 миллиона, плюс 13 процентов."
    figs = extract(text, "ru").figures
    assert [f.indicator for f in figs] == ["passenger_traffic"] * 3
    apart = extract(
        "Группа перевезла 55 миллионов пассажиров.\n\nНа рынке – плюс 13 процентов.", "ru"
    ).figures
    assert apart[-1].indicator is None  # a new paragraph starts no series


def test_an_english_figure_takes_its_subject_from_its_sentence_when_the_measure_names_none() -> None:
    (fig,) = extract_figures("To date, Scotland's councils have received £405 million in advance.", "en")
    assert fig.subject == "Scotland"


def test_a_person_named_near_a_figure_is_no_subject() -> None:
    assert find_subject("Владимир Путин сказал, что выделят", places_only=True) is None
    assert find_subject("в Рязанской области выделят", places_only=True) == "Рязанская область"
