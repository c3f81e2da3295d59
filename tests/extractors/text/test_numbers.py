"""Numbers as releases write them: digits with separators and decimal marks, and numerals in words."""

from __future__ import annotations

import pytest

from extractors.text.numbers import DIGITS_RE, find_numeral_words, parse_digits, parse_words


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("1,809.9", "en", 1809.9),
        ("12,300", "en", 12300),
        ("1,000,000", "en", 1_000_000),
        ("17.5", "en", 17.5),
        ("0.8", "en", 0.8),
        ("77 498", "en", 77498),
        ("15 082.4", "en", 15082.4),
        ("17,5", "ru", 17.5),
        ("1,9", "ru", 1.9),
        ("15 082,4", "ru", 15082.4),
        ("1\u00a0234\u00a0567", "ru", 1_234_567),  # no-break space
        ("5\u202f000", "ru", 5000),  # narrow no-break space
        ("5\u2009000", "en", 5000),  # thin space
        ("1.000.000", "ru", 1_000_000),
        ("2300", "ru", 2300),
        ("1,5", "en", 1.5),  # a comma before one digit is a decimal comma even in English
    ],
)
def test_digits_parse_with_every_separator_and_decimal_mark(raw: str, lang: str, value: float) -> None:
    assert [m.group() for m in DIGITS_RE.finditer(raw)] == [raw]
    assert parse_digits(raw, lang) == pytest.approx(value)


def test_separate_numbers_stay_separate() -> None:
    found = [m.group() for m in DIGITS_RE.finditer("in 2023 2 500 people; 1, 2 and 3")]
    assert found == ["2023", "2 500", "1", "2", "3"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("More than two thousand students", "two thousand", 2000),
        ("twenty-five schools", "twenty-five", 25),
        ("one hundred and five cases", "one hundred and five", 105),
        ("a million people", "a million", 1_000_000),
        ("three hundred thousand jobs", "three hundred thousand", 300_000),
        ("один миллион граждан", "один миллион", 1_000_000),
        ("полторы тысячи мест", "полторы тысячи", 1500),
        ("более пяти тысяч человек", "пяти тысяч", 5000),
        ("Десяти регионам", "Десяти", 10),
        ("на тысячу школ", "тысячу", 1000),
        ("двести пятьдесят компаний", "двести пятьдесят", 250),
        ("сорока двух стран", "сорока двух", 42),
        ("два с половиной миллиона", "два с половиной миллиона", 2_500_000),
        ("трёх городов", "трёх", 3),
        ("полмиллиона человек", "полмиллиона", 500_000),
        ("около полумиллиарда рублей", "полумиллиарда", 500_000_000),
        ("half a million people", "half a million", 500_000),
        ("на пять с лишним триллионов рублей", "пять с лишним триллионов", 5e12),
        ("двадцать с небольшим тысяч", "двадцать с небольшим тысяч", 20_000),
        ("по сотне школ", "сотне", 100),
        ("две сотни человек", "две сотни", 200),
        ("на семь десятков маршрутов", "семь десятков", 70),
        ("полторы сотни изданий", "полторы сотни", 150),
        ("два десятка тысяч", "два десятка тысяч", 20_000),
        ("a dozen countries", "a dozen", 12),
        ("five hundred schools", "five hundred", 500),
        ("grew one and a half times", "one and a half", 1.5),
        ("two and a half million people", "two and a half million", 2_500_000),
    ],
)
def test_numerals_in_words_are_found_and_valued(text: str, span: str, value: float) -> None:
    spans = [text[s:e] for s, e in find_numeral_words(text)]
    assert spans == [span]
    assert parse_words(span) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["a one-time payment", "a two-year programme", "два-три-четыре", "в нашу семью"]
)
def test_compound_adjectives_and_homonyms_are_not_numerals(text: str) -> None:
    assert find_numeral_words(text) == []


def test_a_filler_joins_numerals_only_between_two_of_them() -> None:
    text = "пять с лишним лет"  # the filler before a unit is read with the unit, not the numeral
    assert [text[s:e] for s, e in find_numeral_words(text)] == ["пять"]
    assert find_numeral_words("half the schools") == []


def test_and_joins_numerals_only_after_hundred_or_a_scale() -> None:
    text = "one and two, two thousand and twenty"
    assert [text[s:e] for s, e in find_numeral_words(text)] == ["one", "two", "two thousand and twenty"]


def test_a_range_of_two_russian_numerals_gives_both_ends() -> None:
    text = "около семи-восьми миллионов тонн, пяти-шести"
    assert [text[s:e] for s, e in find_numeral_words(text)] == ["семи", "восьми миллионов", "пяти", "шести"]
