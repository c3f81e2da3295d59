"""Calendar words: one table per form, and the spans that quarters, halves and relative years stand for."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.text import calendar
from extractors.text.calendar import add_months, month_of_stem, numbered, part_span, relative_year


def test_every_month_table_has_twelve_names_in_calendar_order() -> None:
    tables = (
        calendar.EN_MONTHS,
        calendar.EN_MONTHS_SHORT,
        calendar.RU_MONTHS_GENITIVE,
        calendar.RU_MONTHS_NOMINATIVE,
        calendar.RU_MONTHS_PREPOSITIONAL,
        calendar.RU_MONTHS_SHORT,
    )
    for table in tables:
        assert len(table) == 12
    names = numbered(*tables)
    assert names["march"] == names["марта"] == names["марте"] == names["март"] == 3
    assert names["dec"] == names["декабря"] == 12


@pytest.mark.parametrize(
    ("word", "month"),
    [("январе", 1), ("мая", 5), ("май", 5), ("мае", 5), ("september", 9), ("sept", 9), ("мало", None)],
)
def test_any_case_form_of_a_month_is_read_by_its_stem(word: str, month: int | None) -> None:
    assert month_of_stem(word) == month


def test_quarters_and_halves_span_their_months() -> None:
    assert part_span(2025, 3, 3) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert part_span(2024, 2, 6) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert part_span(2024, 1, 3) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))


def test_relative_years_resolve_against_the_release_date() -> None:
    ref = dt.date(2024, 3, 5)
    assert relative_year("over the last year", ref) == 2023
    assert relative_year("в следующем году", ref) == 2025
    assert relative_year("текущего года", ref) == 2024
    assert relative_year("in 2025", ref) is None
    assert relative_year("last year", None) is None


def test_adding_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)
