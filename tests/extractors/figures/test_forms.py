"""Number forms of English and Russian releases: money, percentages, counts, quantities, words."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures.extract import extract_figures

REF = datetime.date(2024, 1, 24)
M, B, T = 1e6, 1e9, 1e12


def _figs(text: str, lang: str) -> list[tuple[str, float, str | None, str]]:
    return [(f.text, f.value, f.unit, f.kind) for f in extract_figures(text, lang, REF)]


def _same(
    got: list[tuple[str, float, str | None, str]], want: list[tuple[str, float, str | None, str]]
) -> None:
    assert [(t, u, k) for t, _, u, k in got] == [(t, u, k) for t, _, u, k in want]
    for (_, gv, _, _), (_, wv, _, _) in zip(got, want, strict=True):
        assert gv == pytest.approx(wv)


EN_CASES = [
    (
        "The deficit is forecast at 430.7 billion rubles.",
        [("430.7 billion rubles", 430.7 * B, "RUB", "money")],
    ),
    ("It invested $295 million.", [("$295 million", 295 * M, "USD", "money")]),
    (
        "A £41 million package and £10m for fuel.",
        [("£41 million", 41 * M, "GBP", "money"), ("£10m", 10 * M, "GBP", "money")],
    ),
    ("The fund is worth €750m.", [("€750m", 750 * M, "EUR", "money")]),
    ("Exports reached $4.5bn.", [("$4.5bn", 4.5 * B, "USD", "money")]),
    (
        "It allocated 750 mln rubles ($10.09 mln).",
        [("750 mln rubles", 750 * M, "RUB", "money"), ("$10.09 mln", 10.09 * M, "USD", "money")],
    ),
    ("GDP will amount to 77 498 billion rubles.", [("77 498 billion rubles", 77498 * B, "RUB", "money")]),
    ("Goods worth ¥3 trillion were sold.", [("¥3 trillion", 3 * T, "CNY", "money")]),
    ("Loans of USD 12 billion were agreed.", [("USD 12 billion", 12 * B, "USD", "money")]),
    ("Investment totalled 1.2 billion manat.", [("1.2 billion manat", 1.2 * B, "AZN", "money")]),
    ("A payment of 10,000 roubles.", [("10,000 roubles", 10000, "RUB", "money")]),
    ("Turnover grew by 17.5% in 2023.", [("17.5%", 17.5, "percent", "percent")]),
    ("Inflation was 4.1 per cent.", [("4.1 per cent", 4.1, "percent", "percent")]),
    ("Unemployment fell by 0.3 percentage points.", [("0.3 percentage points", 0.3, "pp", "percent")]),
    ("The cargo weighs 1,809.9 tonnes.", [("1,809.9 tonnes", 1809.9, "t", "quantity")]),
    ("Output was 2.5 million tonnes.", [("2.5 million tonnes", 2.5 * M, "t", "quantity")]),
    ("Exports totalled 22 bcm of gas.", [("22 bcm", 22, "bcm", "quantity")]),
    ("Supplies of 10 billion cubic metres.", [("10 billion cubic metres", 10, "bcm", "quantity")]),
    (
        "A 300 MW plant on 50 hectares.",
        [("300 MW", 300, "MW", "quantity"), ("50 hectares", 50, "ha", "quantity")],
    ),
    (
        "150 km of roads and 12,000 square metres of housing.",
        [("150 km", 150, "km", "quantity"), ("12,000 square metres", 12000, "m2", "quantity")],
    ),
    ("Output of 10.5 million barrels.", [("10.5 million barrels", 10.5 * M, "barrels", "quantity")]),
    ("The mission involves 262 vehicles.", [("262", 262, None, "count")]),
    ("It made 188,000 tourist trips.", [("188,000", 188000, None, "count")]),
    ("More than two thousand students took part.", [("two thousand", 2000, None, "count")]),
    ("Trade increased 2.5 times.", [("2.5 times", 2.5, "times", "quantity")]),
    ("The payment is doubling.", [("doubling", 2, "times", "quantity")]),
    ("Trips grew by half.", [("by half", 50, "percent", "percent")]),
    ("Growth of 5–7% is expected.", [("5", 5, "percent", "percent"), ("7%", 7, "percent", "percent")]),
    (
        "Inflation between 2 and 3 percent.",
        [("2", 2, "percent", "percent"), ("3 percent", 3, "percent", "percent")],
    ),
    ("It will cost $5-7 billion.", [("$5", 5 * B, "USD", "money"), ("7 billion", 7 * B, "USD", "money")]),
    (
        "Prices fell -3.5% while wages rose +2%.",
        [("-3.5%", -3.5, "percent", "percent"), ("+2%", 2, "percent", "percent")],
    ),
    ("Mining output was minus 0.9%.", [("minus 0.9%", -0.9, "percent", "percent")]),
    (
        "Inflation was 5.1% in May, after 4.8.",
        [("5.1%", 5.1, "percent", "percent"), ("4.8", 4.8, "percent", "percent")],
    ),
    (
        "Some half a million people and two-thirds of councils.",
        [("half a million", 0.5 * M, None, "count"), ("two-thirds", 200 / 3, "percent", "percent")],
    ),
    ("Rates rose by half a percentage point.", [("half a percentage point", 0.5, "pp", "percent")]),
    ("The missile flies at Mach 9.", [("Mach 9", 9, "Mach", "quantity")]),
    ("It reaches speeds of 10 Mach.", [("10 Mach", 10, "Mach", "quantity")]),
    ("We prolonged them for two more months.", [("two more months", 2, "months", "quantity")]),
    (
        "A 5p cut in fuel duty and 20 pence a litre.",
        [("5p", 0.05, "GBP", "money"), ("20 pence", 0.2, "GBP", "money")],
    ),
    ("Three quarters of adults agreed.", [("Three quarters", 75, "percent", "percent")]),
    ("Growth over the first three quarters of the year.", []),
    (
        "The crossing took 36 hours, with a stop of 45 minutes.",
        [("36 hours", 36, "hours", "quantity"), ("45 minutes", 45, "minutes", "quantity")],
    ),
]


RU_CASES = [
    ("Выделено 295 млн долларов.", [("295 млн долларов", 295 * M, "USD", "money")]),
    ("Фонд увеличен на 154,5 млрд рублей.", [("154,5 млрд рублей", 154.5 * B, "RUB", "money")]),
    ("Дефицит составил 2,2 триллиона рублей.", [("2,2 триллиона рублей", 2.2 * T, "RUB", "money")]),
    ("Сократился на 680 миллиардов рублей.", [("680 миллиардов рублей", 680 * B, "RUB", "money")]),
    ("Стоимость – 941,5 тыс. руб.", [("941,5 тыс. руб.", 941500, "RUB", "money")]),
    (
        "Инвестиции – 15 млрд юаней и 3 млн евро.",
        [("15 млрд юаней", 15 * B, "CNY", "money"), ("3 млн евро", 3 * M, "EUR", "money")],
    ),
    ("Цена – 5 000 ₽.", [("5 000 ₽", 5000, "RUB", "money")]),
    ("Вложено 1 млрд 200 млн рублей.", [("1 млрд 200 млн рублей", 1.2 * B, "RUB", "money")]),
    ("Рост ВВП составил 1,9 процента.", [("1,9 процента", 1.9, "percent", "percent")]),
    ("Плюс пять процентов за первые два месяца.", [("пять процентов", 5, "percent", "percent")]),
    ("Товарооборот вырос на 23,1%.", [("23,1%", 23.1, "percent", "percent")]),
    ("Безработица снизилась на 0,4 п.п.", [("0,4 п.п.", 0.4, "pp", "percent")]),
    ("На 2 процентных пункта.", [("2 процентных пункта", 2, "pp", "percent")]),
    ("Экспорт составил 45,2 млн тонн.", [("45,2 млн тонн", 45.2 * M, "t", "quantity")]),
    ("Площадь – 100 гектаров.", [("100 гектаров", 100, "ha", "quantity")]),
    ("Ввод 600 тысяч квадратных метров жилья.", [("600 тысяч квадратных метров", 600000, "m2", "quantity")]),
    ("Построено 110 млн кв. м жилья.", [("110 млн кв. м", 110 * M, "m2", "quantity")]),
    ("Высота – 140 метров.", [("140 метров", 140, "m", "quantity")]),
    ("Отремонтировано 1,2 тыс. км дорог.", [("1,2 тыс. км", 1200, "km", "quantity")]),
    ("Мощность – 300 МВт.", [("300 МВт", 300, "MW", "quantity")]),
    ("Построили 1680 детских садов.", [("1680", 1680, None, "count")]),
    ("Около 3,5 тысячи школ.", [("3,5 тысячи", 3500, None, "count")]),
    ("Его посетили 19,6 миллиона человек.", [("19,6 миллиона", 19.6 * M, None, "count")]),
    ("На полторы тысячи мест.", [("полторы тысячи", 1500, None, "count")]),
    ("Десяти регионам выделено.", [("Десяти", 10, None, "count")]),
    ("Пришли один миллион 100 тысяч человек.", [("один миллион 100 тысяч", 1.1 * M, None, "count")]),
    ("Работает 5 700 человек.", [("5 700", 5700, None, "count")]),
    ("Стоимость в три раза ниже.", [("в три раза", 3, "times", "quantity")]),
    ("Выросло в 2,5 раза.", [("в 2,5 раза", 2.5, "times", "quantity")]),
    ("Выросло вдвое.", [("вдвое", 2, "times", "quantity")]),
    ("Прирост 5–7%.", [("5", 5, "percent", "percent"), ("7%", 7, "percent", "percent")]),
    (
        "Выделят от 5 до 7 млрд рублей.",
        [("5", 5 * B, "RUB", "money"), ("7 млрд рублей", 7 * B, "RUB", "money")],
    ),
    ("Рост на семь с лишним процентов.", [("семь с лишним процентов", 7, "percent", "percent")]),
    ("В.Путин: 19,5 [миллиона человек].", [("19,5 [миллиона", 19.5 * M, None, "count")]),
    ("Сокращение – минус 0,4 процента.", [("минус 0,4 процента", -0.4, "percent", "percent")]),
    ("А зарплата – плюс 8,7 процента.", [("8,7 процента", 8.7, "percent", "percent")]),
    (
        "Это меньше одного процента: минус 0,9.",
        [("одного процента", 1, "percent", "percent"), ("минус 0,9", -0.9, "percent", "percent")],
    ),
    (
        "Не превышала 2,5 процента за год, сейчас 2,3.",
        [("2,5 процента", 2.5, "percent", "percent"), ("2,3", 2.3, "percent", "percent")],
    ),
    (
        "Рост почти на 20 процентов, точнее 19,5.",
        [("20 процентов", 20, "percent", "percent"), ("19,5", 19.5, "percent", "percent")],
    ),
    (
        "Это не 4,1 процента, там 2–2,5.",
        [
            ("4,1 процента", 4.1, "percent", "percent"),
            ("2", 2, "percent", "percent"),
            ("2,5", 2.5, "percent", "percent"),
        ],
    ),
    ("Рост на полпроцента.", [("полпроцента", 0.5, "percent", "percent")]),
    ("Штрафы до полумиллиона рублей.", [("полумиллиона рублей", 0.5 * M, "RUB", "money")]),
    (
        "Поддержали экспорт на пять с лишним триллионов рублей.",
        [("пять с лишним триллионов рублей", 5 * T, "RUB", "money")],
    ),
    (
        "В них проживает две трети граждан, из них три четверти – в городах.",
        [("две трети", 200 / 3, "percent", "percent"), ("три четверти", 75, "percent", "percent")],
    ),
    (
        "Налёт – 5730 часов на один инцидент, рейсы каждые 15 минут.",
        [("5730 часов", 5730, "hours", "quantity"), ("15 минут", 15, "minutes", "quantity")],
    ),
    ("Росстат уточнил данные за три предыдущих года.", [("три предыдущих года", 3, "years", "quantity")]),
    ("Прошли 16 региональных недель.", [("16", 16, None, "count")]),
    (
        "Зарплата – 69 тысяч [рублей], средний доход – 54 [тысячи].",
        [("69 тысяч [рублей]", 69000, "RUB", "money"), ("54 [тысячи]", 54000, "RUB", "money")],
    ),
    (
        "Выпуск вырос со 140 до 544,9 миллиарда рублей.",
        [("140", 140 * B, "RUB", "money"), ("544,9 миллиарда рублей", 544.9 * B, "RUB", "money")],
    ),
    ("Урожайность – 60,2 центнера с гектара.", [("60,2 центнера", 60.2, "q", "quantity")]),
    ("Скорость под 10 Махов.", [("10 Махов", 10, "Mach", "quantity")]),
    ("С.Собянин: В четыре раза рост.", [("В четыре раза", 4, "times", "quantity")]),
    ("Будем ещё по сотне школ реконструировать.", [("сотне", 100, None, "count")]),
    ("Более чем на семь десятков маршрутов.", [("семь десятков", 70, None, "count")]),
    ("Более сотни тысяч человек.", [("сотни тысяч", 100_000, None, "count")]),
]


@pytest.mark.parametrize(("text", "want"), EN_CASES)
def test_english_number_forms(text: str, want: list) -> None:
    _same(_figs(text, "en"), want)


@pytest.mark.parametrize(("text", "want"), RU_CASES)
def test_russian_number_forms(text: str, want: list) -> None:
    _same(_figs(text, "ru"), want)


def test_year_like_counts_with_a_counted_noun_stay_figures() -> None:
    assert _figs("Work employs 1850 people and 2000 students.", "en") == [
        ("1850", 1850, None, "count"),
        ("2000", 2000, None, "count"),
    ]


def test_durations_are_marginal_quantities() -> None:
    (fig,) = extract_figures("Парк был закрыт девять месяцев.", "ru", REF)
    assert (fig.text, fig.value, fig.unit, fig.kind, fig.core) == (
        "девять месяцев",
        9,
        "months",
        "quantity",
        False,
    )


def test_russian_kilowatt_hours_are_energy_not_power() -> None:
    (fig,) = extract_figures("Производим около 31 миллиарда киловатт-часов.", "ru", REF)
    assert (fig.text, fig.unit, fig.value) == ("31 миллиарда киловатт-часов", "kWh", 31 * B)


def test_hours_and_minutes_are_marginal_durations() -> None:
    figs = extract_figures("Рейсы каждые 15 минут, в пути 36 hours.", "ru", REF)
    assert [(f.unit, f.core) for f in figs] == [("minutes", False), ("hours", False)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Отправили сотни тонн грузов, приехали десятки тысяч человек."),
        ("ru", "Сотни тысяч людей, сотнями школ, десятков стран."),
        ("en", "Hundreds of people and dozens of countries took part."),
    ],
)
def test_vague_plurals_of_collective_numerals_are_not_counts(lang: str, text: str) -> None:
    assert _figs(text, lang) == []


def test_a_capital_times_word_starts_the_span_at_its_own_preposition() -> None:
    text = "Рост идёт массовое замещение.\n\nС.Собянин: В два раза. В.Путин: Выросло в 3 раза."
    assert [f.text for f in extract_figures(text, "ru", REF)] == ["В два раза", "в 3 раза"]


def test_a_count_with_more_between_it_and_a_duration_is_a_marginal_duration() -> None:
    (fig,) = extract_figures("Payments were extended for three additional years.", "en", REF)
    assert (fig.text, fig.unit, fig.core) == ("three additional years", "years", False)
    assert _figs("Five more schools opened.", "en") == [("Five", 5, None, "count")]


@pytest.mark.parametrize(
    "text",
    [
        "В этом году мы отмечаем 25 лет подписания декларации.",
        "Это самый лучший момент: 80 лет наших отношений.",
        "У нас сегодня 119 лет практически с первого заседания Думы.",
        "Мы празднуем 35 лет с момента основания.",
    ],
)
def test_an_anniversary_is_a_marginal_count_not_a_duration(text: str) -> None:
    (fig,) = extract_figures(text, "ru", REF)
    assert (fig.unit, fig.kind, fig.core) == (None, "count", False)


def test_years_over_a_span_stay_durations() -> None:
    figs = extract_figures("За 30 лет отношений многое сделано. Прошло 80 лет.", "ru", REF)
    assert [(f.text, f.unit) for f in figs] == [("30 лет", "years"), ("80 лет", "years")]


def test_units_after_thousands_are_one_number() -> None:
    text = "Родилось 25 тысяч 427 детей, а в 2024 году – 74 тысячи 763 ребёнка. Было 25 тысяч 2024 года."
    assert [(f.text, f.value) for f in extract_figures(text, "ru", REF)] == [
        ("25 тысяч 427", 25427),
        ("74 тысячи 763", 74763),
        ("25 тысяч", 25000),
    ]
    assert _figs("In all 25 thousand 427 children were born.", "en") == [
        ("25 thousand 427", 25427, None, "count")
    ]
