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
