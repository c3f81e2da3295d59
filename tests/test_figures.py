"""Figures of English and Russian releases: every number form, the non-figures, and the context read."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures import detect_lang, extract_figures

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
]


@pytest.mark.parametrize(("text", "want"), EN_CASES)
def test_english_number_forms(text: str, want: list) -> None:
    _same(_figs(text, "en"), want)


@pytest.mark.parametrize(("text", "want"), RU_CASES)
def test_russian_number_forms(text: str, want: list) -> None:
    _same(_figs(text, "ru"), want)


NOT_FIGURES = [
    ("en", "The meeting was held on 12 August 2014 and on October 24, 2018."),
    ("en", "In 2023 exports grew; by 2030 the plan ends; since 2019 little changed."),
    ("en", "The law was passed in 2015-2017 for the 2020/21 season."),
    ("en", "It starts at 10:30 and ends at 5 p.m."),
    ("en", "Under Law No. 4468-I, Federal Law No 123-FZ and Article 5 of Annex 3."),
    ("en", "Call 0800 123 4567 or +44 20 7946 0958 or +7 (495) 123-45-67."),
    ("en", "They plan in the next two to three years to expand, within five years."),
    ("en", "It was founded two years ago, during COVID-19, with G20 partners and F-16 jets."),
    ("en", "This is the 21st meeting; the first one was in the 1990s."),
    ("en", "The scheme runs 24/7. See www.gov.uk/guidance/2024 or mail info@gov.uk."),
    ("en", "Over 9 months of last year, the first half of 2018 and the three months to January."),
    ("en", "One of the partners said so."),
    ("ru", "Совещание прошло 24 апреля 2025 года, 13:45, а следующее – 1 марта."),
    ("ru", "В 2023 году и в 2023–2024 годах, до 2030 года, с 2022 года."),
    ("ru", "Указ № 45, статья 27 Федерального закона 44-ФЗ, распоряжение 1234-р, пункт 2 части 1."),
    ("ru", "Звоните 8 (800) 200-34-11 или +7 495 123-45-67."),
    ("ru", "Пять лет назад, два года назад и два с половиной года назад."),
    ("ru", "Министерство намерено сделать это в ближайшие три года."),
    ("ru", "Для 5–9-х классов, 3-й квартал, 80-летие Победы, 15-этажное здание."),
    ("ru", "Боевые действия остановлены с 18.00 19 апреля до 00.00 21 апреля."),
    ("ru", "За первые три месяца и девять месяцев прошлого года."),
    ("ru", "Один из них сказал, что это одна из задач."),
    ("ru", "Ссылка на материал: kremlin.ru/d/76860."),
    ("ru", "Он сказал:\n\n3. Министру поручено."),
    ("ru", "Заявление. 25 марта 2025 года 21:45 1. Нефтеперерабатывающие предприятия."),
    ("ru", "Указ от 5 апреля 2016 г. № 156 «0 совершенствовании управления»."),
    ("ru", "(Собрание законодательства Российской Федерации, 2016, № 16, ст, 2203)."),
    ("ru", "Организации по коду ОКВЭД 93.1 и ледокол проекта 22220, лодка проекта 949."),
    ("ru", "Через два года, лет через пять, может, через десять."),
    ("ru", "Встретимся в 15 часов, музей открыт с 9 до 21 часа, расстались в два часа ночи."),
    ("ru", "Меня зовут Никита, мне 13 лет. Ему исполнилось сто лет."),
    ("ru", "Скажу два слова об обществе, в двух словах."),
    ("ru", "В соответствии со статьёй 4 Договора и частью 2 статьи 5."),
    ("ru", "Смотрите также Указ № 206 pdf, 45.1 кБ."),
    ("ru", "Визит запланирован на 7 − 10 мая; после 2020 безумного года всё изменилось."),
    ("en", "We will meet at 3 o'clock, in two years' time, and three years from now."),
    ("en", "She is 17 years old."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FIGURES)
def test_non_figures_are_not_extracted(lang: str, text: str) -> None:
    assert _figs(text, lang) == []


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


def test_currency_of_a_bare_scaled_amount_comes_from_its_sentence() -> None:
    text = "Revenues total 15 082.4 billion rubles ($279.5 billion), including 344.3 billion of oil revenues."
    figs = extract_figures(text, "en", REF)
    assert [(f.text, f.unit) for f in figs][-1] == ("344.3 billion", "RUB")


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


def test_language_is_detected_from_the_script_when_unknown() -> None:
    assert detect_lang("Товарооборот вырос на 40 процентов", "") == "ru"
    assert detect_lang("Trade rose by 40 per cent", None) == "en"
    assert _figs("Выросло на 1,5%.", "xx") == [("1,5%", 1.5, "percent", "percent")]


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


def test_russian_kilowatt_hours_are_energy_not_power() -> None:
    (fig,) = extract_figures("Производим около 31 миллиарда киловатт-часов.", "ru", REF)
    assert (fig.text, fig.unit, fig.value) == ("31 миллиарда киловатт-часов", "kWh", 31 * B)


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


def test_hours_and_minutes_are_marginal_durations() -> None:
    figs = extract_figures("Рейсы каждые 15 минут, в пути 36 hours.", "ru", REF)
    assert [(f.unit, f.core) for f in figs] == [("minutes", False), ("hours", False)]


def test_page_numbers_are_not_figures() -> None:
    assert _figs("Page 2 of 5. See pages 3 and 4.", "en") == []
