"""Numbers that are not figures: dates, years, times, document numbers, phones, horizons, ages."""

from __future__ import annotations

import datetime

import pytest

from extractors.figures.extract import extract_figures

REF = datetime.date(2024, 1, 24)


def _figs(text: str, lang: str) -> list[tuple[str, float, str | None, str]]:
    return [(f.text, f.value, f.unit, f.kind) for f in extract_figures(text, lang, REF)]


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
    ("ru", "Первую медаль он получил в 18 лет, ипотека – для семей с детьми до 14 лет, с 14 лет – карта."),
    ("ru", "Диспансеризация проходится раз в три года, а дома старше 45 лет."),
    ("en", "Children under the age of 16 and young people aged 18-24, or 16 to 18-year-olds."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FIGURES)
def test_non_figures_are_not_extracted(lang: str, text: str) -> None:
    assert _figs(text, lang) == []


def test_page_numbers_are_not_figures() -> None:
    assert _figs("Page 2 of 5. See pages 3 and 4.", "en") == []
