"""Periods as releases write them, resolved against the release date."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures.periods import nearest_period, period_matches, resolve_period

D = datetime.date
REF = D(2024, 1, 24)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("last year", D(2023, 1, 1), D(2023, 12, 31)),
        ("over 9 months of last year", D(2023, 1, 1), D(2023, 9, 30)),
        ("nine months of last year", D(2023, 1, 1), D(2023, 9, 30)),
        ("in 2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("this year", D(2024, 1, 1), D(2024, 12, 31)),
        ("next year", D(2025, 1, 1), D(2025, 12, 31)),
        ("in the first quarter of 2023", D(2023, 1, 1), D(2023, 3, 31)),
        ("Q3 2023", D(2023, 7, 1), D(2023, 9, 30)),
        ("the first half of the year", D(2023, 1, 1), D(2023, 6, 30)),  # latest half that has ended
        ("the second half of 2023", D(2023, 7, 1), D(2023, 12, 31)),
        ("April-June 2020", D(2020, 4, 1), D(2020, 6, 30)),
        ("in January-September 2023", D(2023, 1, 1), D(2023, 9, 30)),
        ("From 2021 to 2023", D(2021, 1, 1), D(2023, 12, 31)),
        ("2020/21", D(2020, 4, 1), D(2021, 3, 31)),
        ("в 2023 году", D(2023, 1, 1), D(2023, 12, 31)),
        ("в прошлом году", D(2023, 1, 1), D(2023, 12, 31)),
        ("За прошлый год", D(2023, 1, 1), D(2023, 12, 31)),
        ("уже в этом году", D(2024, 1, 1), D(2024, 12, 31)),
        ("за январь–сентябрь 2023 года", D(2023, 1, 1), D(2023, 9, 30)),
        ("за январь–март текущего года", D(2024, 1, 1), D(2024, 3, 31)),
        ("за первые два месяца текущего года", D(2024, 1, 1), D(2024, 2, 29)),
        ("девять месяцев прошлого года", D(2023, 1, 1), D(2023, 9, 30)),
        ("в III квартале 2023 года", D(2023, 7, 1), D(2023, 9, 30)),
        ("в первом полугодии 2023 года", D(2023, 1, 1), D(2023, 6, 30)),
        ("за первый квартал", D(2023, 1, 1), D(2023, 3, 31)),  # Q1 2024 has not ended on 24 January
        ("в 2023–2024 годах", D(2023, 1, 1), D(2024, 12, 31)),
        ("by the end of 2025", REF, D(2025, 12, 31)),
        ("до конца 2024 года", REF, D(2024, 12, 31)),
        ("since 2019", D(2019, 1, 1), REF),
        ("с 2022 года", D(2022, 1, 1), REF),
    ],
)
def test_periods_resolve_against_the_release_date(period: str, start: D, end: D) -> None:
    assert resolve_period(period, REF) == (start, end)


def test_a_january_to_february_period_in_april_is_this_year() -> None:
    assert resolve_period("за январь-февраль", D(2025, 4, 24)) == (D(2025, 1, 1), D(2025, 2, 28))


@pytest.mark.parametrize("period", ["last year", "в прошлом году", "за первый квартал"])
def test_relative_periods_need_a_release_date(period: str) -> None:
    assert resolve_period(period, None) == (None, None)


def test_explicit_years_resolve_without_a_release_date() -> None:
    assert resolve_period("in 2023", None) == (D(2023, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize("period", [None, "", "a year earlier", "soon"])
def test_phrases_without_a_period_resolve_to_nothing(period: str | None) -> None:
    assert resolve_period(period, REF) == (None, None)


def test_the_period_nearest_the_figure_is_chosen() -> None:
    text = "In 2022 sales fell, but over 9 months of last year 188,000 trips were made."
    i = text.index("188,000")
    assert nearest_period(period_matches(text, 0, len(text)), i, i + 7) == "over 9 months of last year"
